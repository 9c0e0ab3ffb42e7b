// Messages to users other than the one whose update made them: a supervisor's summary of a saved
// note, an urgent risk alert, a review's outcome for the worker, a case ended. They are queued by
// the update (src/bot/middleware/state.ts) only after its write succeeded, and rendered when sent,
// in the recipient's language. Plain data; the queue holds them sealed (they quote client data).
import type { CaseRecord, NoteRecord } from '../store/records.ts';

export interface Person {
  id: number;
  name: string;
}

export type OutboxMessage =
  | { kind: 'summary'; to: number; worker: Person; note: NoteRecord; case: CaseRecord; revised: boolean }
  /** a risk flag in a saved note: sent at once, marked urgent */
  | { kind: 'alert'; to: number; worker: Person; note: NoteRecord; case: CaseRecord }
  | { kind: 'approved'; to: number; supervisor: Person; caseId: string; noteId: string; client: string; date: string }
  | { kind: 'feedback'; to: number; supervisor: Person; caseId: string; noteId: string; client: string; date: string; text: string }
  | { kind: 'case-ended'; to: number; worker: Person; case: CaseRecord };

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
