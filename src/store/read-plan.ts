// What one update reads, all in one round trip: the user's own keys (read.lua), and what its button
// or message asks for besides — one of their cases' notes, another worker's note or case file, an
// organisation's records. Planned by the bot from the update alone (src/bot/read-plan.ts), read
// and decoded by the store (src/store/workspace-store.ts).
import type { ReviewEvent, ReviewState } from './org-records.ts';
import type { CaseRecord, NoteRecord } from './records.ts';
import type { SessionData } from './session.ts';
import type { WorkerIndex } from './caseload-read.ts';

export interface ReadPlan {
  /** the user's own case whose notes (and review states) to read */
  notesOf?: string;
  /** the user's own note whose review events to read */
  reviewLogOf?: string;
  /** of the user's cases only those the session names, and `caseIds`: an answer to the draft, a
   *  press on one case (absent: every case) */
  sessionCases?: boolean;
  caseIds?: readonly string[];
  /** another worker's note as its reviewer reads it: that case, that note, its state and thread
   *  (no `noteId`: the case alone) */
  otherNote?: { workerId: number; caseId: string; noteId?: string };
  /** another worker's case file (an admin's screens of it): their session's revision, cases, and one
   *  case's notes */
  owner?: { workerId: number; caseId?: string | undefined };
  /** an organisation's records (decoded by src/org/org-store.ts: OrgStore.view) */
  org?: string;
  /** a worker's risk alert and its follow-up, as a supervisor's or admin's press on the alert reads it */
  risk?: { workerId: number; caseId: string; riskId: string };
  /** every risk alert of a worker's case and its follow-up: the case's history shows them */
  caseRisks?: { workerId: number; caseId: string };
  /** an organisation's members only (names and roles: the team screens) */
  members?: string;
  /** whether an organisation has its own Word form published, and since when (its `meta` only) */
  orgForm?: string;
  /** an organisation's letterhead as its screen shows it: address, paper, whether a logo is set (not its bytes) */
  letterhead?: string;
  /** a worker's caseload in one organisation as their supervisor's /tim screens read it: their whole index, their cases
   *  (for the lists behind a number), one case with its notes and their review states */
  team?: { workerId: number; orgId: string; index?: boolean; cases?: boolean; caseId?: string };
  /** the user's cases of every organisation they are a member of and not suspended in, not only the
   *  active one's (a job: reminders are due in each; an update never asks for it) */
  everyOrg?: boolean;
  /** a button of one of the user's organisations (a summary, an alert, a screen): the update acts
   *  in it — read.lua takes it as the organisation worked in, when the user is a member there and not
   *  suspended (else the session's, else the usual one); where they chose to work stays as it is */
  actIn?: string;
  /** several instances serve the bot: take the user's lock before reading */
  lock?: { token: string; ms: number };
}

/** Another worker's note, read for its reviewer (undefined parts: gone). */
export interface OtherNote {
  case: CaseRecord | undefined;
  note: NoteRecord | undefined;
  reviewState: ReviewState | undefined;
  reviewLog: ReviewEvent[];
}

/** Another worker's case file, as an admin's deletion, move or ending of a case needs it. */
export interface OwnerView {
  /** their session's revision: a write to their slot compares it (src/privacy/vault.ts) */
  rev: number;
  session: SessionData | undefined;
  cases: Record<string, CaseRecord>;
  notes: Record<string, NoteRecord>;
  reviewStates: Record<string, ReviewState>;
}

/** A worker's caseload as the team screens read it (src/store/read-plan.ts: ReadPlan.team). */
export interface TeamRead {
  index?: WorkerIndex;
  /** the worker's cases, opened when looked at */
  cases?: Record<string, CaseRecord>;
  case?: CaseRecord | undefined;
  notes?: Record<string, NoteRecord>;
  reviewStates?: Record<string, ReviewState>;
}

/** An organisation's records as stored (members and former members sealed, invitations as JSON). */
export interface OrgRecords {
  org: string | null;
  members: Record<string, string>;
  invites: Record<string, string>;
  departed: Record<string, string>;
  emergency: string | null;
}
