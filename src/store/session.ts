// What a user's session holds (the grammY session, stored encrypted in the user's workspace): the
// language choice, the note or case being written, reminder settings. Shared by the bot and workers.
import type { RiskAlert } from './risk-records.ts';
import type { FormState } from '../engine/step.ts';
import type { EndReason, NoteRecord } from './records.ts';

export type Lang = 'id' | 'en';

/** The chat side of an activity: kept so the next screen knows what to edit and what to strip. */
export interface ActivityScreen {
  /** the message with the current buttons (a question, the review, the cancel prompt) */
  prompt?: number;
  /** questions answered by a press on the prompt message before it became the current question
   *  (their answers are shown under its header); a new prompt message starts without */
  echoed?: string[];
  /** the last earlier message whose buttons the bot took off (so it never does it twice) */
  bare?: number;
}

/** A draft written before the screen had its own object: these are read once, then moved into
 *  `screen` (src/bot/activity/runner.ts, screenOf). */
export interface LegacyScreenFields {
  /** @deprecated in `screen` */
  promptMessageId?: number;
  /** @deprecated in `screen` */
  echoed?: string[];
  /** @deprecated in `screen` */
  bare?: number;
}

interface ActivityBase extends LegacyScreenFields {
  /** random per activity: buttons of an earlier activity are recognised as stale */
  token: string;
  form: FormState;
  /** how the activity shows in the chat (which message carries its buttons): apart from the form */
  screen?: ActivityScreen;
  /** process that last touched it, and when (ms): see restartedSince in src/bot/activity/runner.ts */
  boot: string;
  touchedAt?: number;
  /** album of the last file answer: its other photos are not answers to the next question */
  mediaGroup?: string;
  startedAt: string;
  /** the organisation it was started in (a case opened is that organisation's) */
  orgId?: string;
}

/** Opening a new case: the intake questions. */
export interface IntakeActivity extends ActivityBase {
  kind: 'intake';
  /** the models offered when the intake began (the organisation's), so its buttons keep meaning the same */
  offered?: string[];
  /** the case whose data the intake's questions edit (from its card); absent: a new case */
  caseId?: string;
}

/** The case an activity is about: a note's, a note revision's, an edit of a case's data; none for a new case. */
export function activityCase(act: Activity): string | undefined {
  return act.caseId;
}

/** The risk answer (and what happened) a draft already alerted with, as JSON: confirming the same
 *  again sends nothing (src/bot/activity/risk-alert.ts). */
export interface AlertedRisk {
  risk: string;
  detail?: string;
}

/** Writing a session note for one case, at one stage. */
export interface NoteActivity extends ActivityBase {
  kind: 'note';
  alerted?: AlertedRisk;
  caseId: string;
  /** the client's label for the screens' header, kept from the case when the draft began (its
   *  initials and age never change), so an answer need not open the case (absent: older drafts) */
  client?: string;
  flowId: string;
  /** the flow version the draft started on, and finishes on (absent: a draft from before versions
   *  were recorded, on the flow's current version) */
  flowVersion?: number;
  stageId: string;
}

/** Changing a saved note (after a supervisor's feedback): its answers, reviewed and saved again. */
export interface NoteEditActivity extends ActivityBase {
  kind: 'note-edit';
  /** starts as the original note's risk: a revision alerts again only when the risk answer changed */
  alerted?: AlertedRisk;
  caseId: string;
  /** as NoteActivity's */
  client?: string;
  flowId: string;
  /** the note's own version: it is revised with that version's questions */
  flowVersion?: number;
  stageId: string;
  /** the note as it was: kept as an earlier version when the change is saved */
  original: NoteRecord;
}

export type Activity = IntakeActivity | NoteActivity | NoteEditActivity;

export interface SessionData {
  /** chosen with /bahasa; otherwise Telegram's language decides */
  lang?: Lang;
  activity?: Activity;
  /** monitoring reminders: weekday, hour, zone, paused (set with /pengingat) */
  reminders?: ReminderPrefs;
  /** an organisation flow file an admin sent, checked and previewed, waiting for "✅ Terbitkan"
   *  (kept here, encrypted with the session, until published or cancelled) */
  flowUpload?: { token: string; orgId: string; fileName: string; text: string };
  /** an institution's Word form an admin sent, checked, its preview asked for, waiting for
   *  "✅ Terbitkan": Telegram's id of the file, fetched again when published (never its bytes here) */
  formUpload?: { token: string; orgId: string; fileId: string; fileName: string };
  /** reports and exports asked for on one local day (the daily cap: src/export/jobs.ts) */
  exportsToday?: { day: string; count: number };
  /** waiting for a typed text outside a note (src/bot/asides.ts) */
  aside?: Aside;
  /** @deprecated an older version's wait for a skipped week's reason: read as an `aside` */
  skipReason?: { caseId: string; occurrence: number };
  /** @deprecated an older version's wait for a text: read as an `aside` */
  awaiting?: Exclude<Aside, { kind: 'skip-reason' }>;
}

/** A typed text the bot waits for outside a note: the next text answers it. */
export type Aside =
  /** the organisation's name, after /lembaga */
  | { kind: 'org-name' }
  /** a supervisor or admin types how a risk alert was followed up (what the press read comes along) */
  | { kind: 'risk-done'; workerId: number; caseId: string; riskId: string; orgId: string; client: string; to: RiskAlert['to']; take: boolean }
  /** an admin types the organisation's emergency numbers */
  | { kind: 'emergency'; orgId: string }
  /** an admin types the letterhead's address, or sends its logo (a photo or a PNG/JPEG file) */
  | { kind: 'letterhead-address'; orgId: string }
  | { kind: 'letterhead-logo'; orgId: string }
  /** the short note on why a case ends (after its reason was picked) */
  | { kind: 'end-note'; caseId: string; reason: EndReason }
  /** a supervisor's feedback on a note */
  | { kind: 'feedback'; orgId?: string; workerId: number; caseId: string; noteId: string; version: number; client: string; date: string }
  /** why a reminded week was skipped ("Lewati minggu ini") */
  | { kind: 'skip-reason'; caseId: string; occurrence: number }
  /** the range of days a period's report covers, typed ("1/10 - 15/11"): a worker's monthly report
   *  (workerId; 0: every worker supervised), the recap, or one of the user's cases; `what` the report's
   *  words for the screens that follow (src/bot/features/period-reports.ts) */
  | { kind: 'period-range'; of: 'monthly' | 'recap' | 'case'; orgId?: string; workerId?: number; caseId?: string; what: string };

/** Where a session keeps its aside (the last two an older version's). */
export const ASIDE_FIELDS = ['aside', 'skipReason', 'awaiting'] as const;

/** The aside a session waits for, an older version's fields read as one. */
export function asideOf(s: SessionData): Aside | undefined {
  if (s.aside) return s.aside;
  if (s.skipReason) return { kind: 'skip-reason', ...s.skipReason };
  return s.awaiting;
}

/** A worker's reminder settings (/pengingat). */
export interface ReminderPrefs {
  /** ISO weekday, 1 = Monday … 7 = Sunday */
  weekday: number;
  /** local hour, 0–23 */
  hour: number;
  /** IANA zone */
  zone: string;
  /** all reminders paused by the worker (leave) */
  paused: boolean;
}

/**
 * The user's own cases a session refers to: the draft's, the one whose ending note or skipped
 * reminder's reason is awaited. Stored in clear beside the sealed session (ids, no client data), so
 * an answer reads those cases alone (src/store/lua/read.lua). Written with the data, by the commit
 * and by the vault's writes into another user's slot.
 */
export function sessionCases(s: SessionData): string[] {
  const ids: string[] = [];
  const act = s.activity;
  const own = act && activityCase(act);
  if (own) ids.push(own);
  const aside = asideOf(s);
  // a supervisor's feedback or risk follow-up names another worker's case: not one of theirs
  if (aside && 'caseId' in aside && aside.caseId && aside.kind !== 'feedback' && aside.kind !== 'risk-done' && !ids.includes(aside.caseId)) ids.push(aside.caseId);
  return ids;
}

/**
 * The organisation the session is busy in: its draft's (a note is written in the organisation its
 * case belongs to), else the one a text it waits for belongs to (feedback on a note, a risk's
 * follow-up, emergency numbers: asked from that organisation's message or screen). Stored in clear
 * beside the sealed session (an id), so every update until it is done is read in that organisation
 * (src/store/lua/read.lua) — the draft's case and the waited-for text's checks stay where they began.
 */
export function sessionOrg(s: SessionData): string | undefined {
  if (s.activity?.orgId) return s.activity.orgId;
  const aside = asideOf(s);
  return aside && 'orgId' in aside ? aside.orgId : undefined;
}
