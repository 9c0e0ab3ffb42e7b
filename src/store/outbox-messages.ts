// Messages to users other than the one whose update made them: a supervisor's summary of a saved
// note, an urgent risk alert, a review's outcome for the worker, a case ended, a retention warning.
// They are queued by the update (src/bot/middleware/state.ts) only after its write succeeded, or by
// a nightly job, and rendered when sent, in the recipient's language. Plain data; the queue holds them sealed (they quote client data).
import type { CaseRecord, NoteRecord } from './records.ts';

export interface Person {
  id: number;
  name: string;
}

/**
 * Who may receive a message, checked again when it is sent (src/outbox/deliver.ts): a member of
 * `orgId`, not suspended, who is the worker `about` or one of that worker's supervisors — or, with
 * `admins`, an admin of the organisation. (Messages queued before these fields existed carry
 * neither: their recipient must still be a member, not suspended.)
 */
export interface Audience {
  orgId?: string;
  /** the worker whose cases the message is about */
  about?: number;
  /** for the organisation's admins (no worker's case in it) */
  admins?: true;
}

export type OutboxMessage = Audience &
  (
    | { kind: 'summary'; to: number; worker: Person; note: NoteRecord; case: CaseRecord; revised: boolean }
    /** a risk flag in a saved note: sent at once, marked urgent */
    | { kind: 'alert'; to: number; worker: Person; note: NoteRecord; case: CaseRecord }
    | { kind: 'approved'; to: number; supervisor: Person; caseId: string; noteId: string; client: string; date: string }
    | { kind: 'feedback'; to: number; supervisor: Person; caseId: string; noteId: string; client: string; date: string; text: string }
    | { kind: 'case-ended'; to: number; worker: Person; case: CaseRecord }
    /** an admin moved a case: to the worker it came from, their supervisors, and the worker it went to */
    | { kind: 'case-moved'; to: number; by: Person; from: Person; target: Person; client: string }
    /** an admin gave a worker a supervisor: to the worker and their other supervisors (who reads their notes) */
    | { kind: 'supervisor-assigned'; to: number; by: Person; worker: Person; supervisor: Person }
    /** retention (src/privacy/retention.ts): a closed case is deleted in 30 days; times in ms */
    | { kind: 'retention-warning'; to: number; client: string; closedAt: number; deleteAt: number }
    /** retention: the admins' count of the cases their workers were warned of */
    | { kind: 'retention-admin'; to: number; count: number; workers: string }
  );

/** Where a message comes from: the update that made it (its id makes the job id deterministic). */
export interface Origin {
  userId: number;
  updateId: number;
}

/**
 * The job id: the same message made again (a replayed update, a retried enqueue) gets the same id,
 * and BullMQ keeps one job per id. A summary or alert is once per note version and recipient.
 */
export function outboxJobId(m: OutboxMessage, origin: Origin): string {
  switch (m.kind) {
    case 'summary':
    case 'alert':
      return `${m.kind}-${m.worker.id}-${m.note.id}-v${m.note.version ?? 1}-${m.to}`;
    default:
      return `${m.kind}-${origin.userId}-${origin.updateId}-${m.to}`;
  }
}

// The port the store's effect relay sends through; src/outbox/outbox.ts has its implementations.
/** A message with its deterministic job id (see outboxJobId). */
export interface Addressed {
  jobId: string;
  message: OutboxMessage;
}

export interface Outbox {
  send(messages: Addressed[]): Promise<void>;
}
