// What is stored about cases and notes. Both are encrypted at rest as whole records.
import type { AnswerValue, Cadence, LocalizedText, QuestionType } from '../engine/types.ts';

const SETTINGS = ['lapas', 'bapas', 'lpka', 'ipwl', 'bnnk', 'panti', 'sentra', 'lks', 'lainnya'] as const;
export type Setting = (typeof SETTINGS)[number];
/** a group's members all men (l), all women (p), or both (campuran) */
export type Gender = 'l' | 'p' | 'campuran';

/**
 * What the intake asked of a case beyond the client (src/cases/intake-facts.ts), as option values:
 * the worker's own role, a Bapas client's program and guarantor, the substance and how the client
 * came. Editable on the case card. Absent on cases opened before they were asked.
 */
export interface CaseFacts {
  peran?: string;
  program?: string;
  /** end of the supervision period (YYYY-MM-DD) */
  akhir_bimbingan?: string;
  penjamin?: string;
  penjamin_setuju?: string;
  zat_utama?: string;
  rawat?: string;
  cara_masuk?: string;
}

/** A group case (a groupwork model): the group stands where one client would. Its name is kept in
 *  `initials`, its youngest member's age in `age` (so a group with a child is a child's case). */
export interface GroupProfile {
  members: number;
  oldest: number;
}

/** How a case is monitored: the reminder cadence, and what the worker did with reminders. */
export interface CaseMonitoring {
  cadence: Cadence;
  /** occurrences (ms) the worker skipped ("Lewati minggu ini"), with why */
  skipped?: { occurrence: number; reason?: string; at: string }[];
}

export interface CaseRecord {
  id: string;
  ownerId: number;
  /** the organisation the case belongs to (kept in clear beside the cases, keys.caseOrgs, which
   *  decides; stamped on the record as read). Absent: a case of a user in none. */
  orgId?: string;
  /** the client as the seeds name them: initials and age only */
  initials: string;
  age: number;
  gender: Gender;
  setting: Setting;
  problem: string;
  /** the intake's facts of the case (absent: opened before they were asked) */
  facts?: CaseFacts;
  /** a group case */
  group?: GroupProfile;
  /** a note of this case has a scale answer: its 📈 chart has something to draw (absent: a case
   *  from before this was kept; src/export/chart-model.ts mayChart) */
  rated?: boolean;
  flowId: string;
  stageId: string;
  status: 'active' | 'closed';
  createdAt: string;
  /** when the case entered its current stage (absent: opened there, or before this was kept) */
  stageSince?: string;
  updatedAt: string;
  lastNoteAt?: string;
  /** when the last note saying the session took place was saved: the clock of "overdue" (src/cases/contact.ts) */
  lastHeldAt?: string;
  /** notes in a row saying the session did not take place ("Tidak jadi"); 0 or absent after a held one */
  missedInRow?: number;
  noteCount: number;
  /** absent on cases opened before reminders existed: weekly */
  monitoring?: CaseMonitoring;
  /** the worker asked to delete this case (it has notes): a supervisor or admin approves or refuses */
  deletionRequest?: { at: string; by: number };
  /** why and when the case was ended (kept when it is reopened, until it is ended again) */
  closure?: CaseClosure;
  /** the last note, in three lines before the next one (/catat) */
  lastNote?: LastNote;
  /** the latest answer to each `carry` question, offered in the next note ("Sama seperti sesi lalu") */
  carry?: Record<string, NoteItem>;
}

export const END_REASONS = ['selesai', 'mengundurkan_diri', 'dirujuk', 'tidak_dapat_dihubungi', 'pb_dicabut', 'meninggal', 'lainnya'] as const;
export type EndReason = (typeof END_REASONS)[number];

export interface CaseClosure {
  reason: EndReason;
  note?: string;
  at: string;
  by: number;
}

export interface LastNote {
  noteId: string;
  /** ISO date of the session (else the day it was written) */
  date: string;
  stageId: string;
  held: boolean;
  /** a contact about the client without the client (the guarantor, a case conference): neither held nor missed */
  withoutClient?: true;
  next?: string;
  /** ISO date of the next meeting */
  nextMeeting?: string;
}

/** One answered question, with the wording it was asked in (flows change; old notes must still read). */
export interface NoteItem {
  id: string;
  type: QuestionType;
  label: LocalizedText;
  value: AnswerValue | null;
  /** for choice / multi answers: the labels of the chosen options at the time */
  display?: LocalizedText[];
  /** the flow marks it for the supervisor's summary */
  summary?: boolean;
  /** the risk flag (the question): an answer other than "nothing" is shown first in the summary */
  alert?: boolean;
  /** the risk flag's answer is an emergency (src/cases/risk.ts): it alerted at once */
  urgent?: true;
  /** the text that says what happened, under a raised risk flag */
  alertDetail?: boolean;
  /** the answer says only "as expected" ("none", held as planned): never one of a summary's places */
  routine?: true;
}

export interface NoteRecord {
  id: string;
  caseId: string;
  authorId: number;
  flowId: string;
  flowVersion: number;
  stageId: string;
  stageTitle: LocalizedText;
  stageIndex: number;
  stageCount: number;
  items: NoteItem[];
  /** ISO date of the session, from the answer to the shared date question */
  sessionDate?: string;
  createdAt: string;
  /** 1 when written; each edit after feedback adds one, keeping the earlier answers in `previous` */
  version?: number;
  previous?: { version: number; items: NoteItem[]; savedAt: string; by?: number; byName?: string }[];
  /** who saved the current version (absent: the author, when it was written) */
  savedBy?: { id: number; name: string };
  updatedAt?: string;
}

/**
 * When the last held session was recorded (ISO), or undefined when none was. Cases recorded before
 * the case kept `lastHeldAt`: their last note counts when it was held (the only one we know of).
 * The rule of "overdue" everywhere (src/cases/contact.ts, the caseload index).
 */
export function lastHeldContact(c: CaseRecord): string | undefined {
  if (c.lastHeldAt) return c.lastHeldAt;
  if (c.lastNote?.held === false) return undefined;
  return c.lastNoteAt;
}

/** Of a worker's cases as stored (sealed), those of one organisation (keys.caseOrgs decides). */
export function casesOf<S extends string | Buffer>(sealed: Record<string, S>, orgs: Record<string, string>, orgId: string): Record<string, S> {
  return Object.fromEntries(Object.entries(sealed).filter(([id]) => orgs[id] === orgId));
}
