// What a user's session holds (the grammY session, stored encrypted in the user's workspace): the
// language choice, the note or case being written, reminder settings. Shared by the bot and workers.
import type { FormState } from '../engine/step.ts';
import type { EndReason, NoteRecord } from './records.ts';

export type Lang = 'id' | 'en';

interface ActivityBase {
  /** random per activity: buttons of an earlier activity are recognised as stale */
  token: string;
  form: FormState;
  /** the message with the current question's buttons, stripped when the next one is sent */
  promptMessageId?: number;
  /** process that last touched it, and when (ms): see restartedSince in src/bot/activity/runner.ts */
  boot: string;
  touchedAt?: number;
  /** questions answered by a press on the prompt message before it became the current question
   *  (their answers are shown under its header); a new prompt message starts without */
  echoed?: string[];
  /** the last earlier message whose buttons the bot took off (so it never does it twice) */
  bare?: number;
  /** album of the last file answer: its other photos are not answers to the next question */
  mediaGroup?: string;
  startedAt: string;
}

/** Opening a new case: the intake questions. */
export interface IntakeActivity extends ActivityBase {
  kind: 'intake';
  /** the models offered when the intake began (the organisation's), so its buttons keep meaning the same */
  offered?: string[];
}

/** Writing a session note for one case, at one stage. */
export interface NoteActivity extends ActivityBase {
  kind: 'note';
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
  /** reports and exports asked for on one local day (the daily cap: src/export/jobs.ts) */
  exportsToday?: { day: string; count: number };
  /** waiting for the reason of a skipped reminder ("Lewati minggu ini") */
  skipReason?: { caseId: string; occurrence: number };
  /** waiting for a typed text: the organisation's name, or a supervisor's feedback on a note */
  awaiting?:
    | { kind: 'org-name' }
    /** the short note on why a case ends (after its reason was picked) */
    | { kind: 'end-note'; caseId: string; reason: EndReason }
    | { kind: 'feedback'; workerId: number; caseId: string; noteId: string; version: number; client: string; date: string };
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
 * an answer reads those cases alone (src/store/lua/read.lua). A writer that drops a reference
 * without updating them (the vault's erasure) leaves an id that is simply not found.
 */
export function sessionCases(s: SessionData): string[] {
  const ids: string[] = [];
  const act = s.activity;
  if (act && act.kind !== 'intake') ids.push(act.caseId);
  if (s.awaiting?.kind === 'end-note' && !ids.includes(s.awaiting.caseId)) ids.push(s.awaiting.caseId);
  if (s.skipReason && !ids.includes(s.skipReason.caseId)) ids.push(s.skipReason.caseId);
  return ids;
}
