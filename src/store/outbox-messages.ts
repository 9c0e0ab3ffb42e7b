// Messages to users other than the one whose update made them: a supervisor's summary of a saved
// note, an urgent risk alert, a review's outcome for the worker, a case ended, a retention warning.
// They are queued by the update (src/bot/middleware/state.ts) only after its write succeeded, or by
// a nightly job, and rendered when sent, in the recipient's language. Plain data; the queue holds them sealed (they quote client data).
import type { CaseRecord, NoteRecord } from './records.ts';
import type { RiskAlert } from './risk-records.ts';

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
    /** a risk flag: sent the moment the worker confirms it (`raised`), then what happened (`detail`),
     *  or at save for a draft that did not send it (`saved`); `note` holds the answers so far */
    | { kind: 'alert'; to: number; worker: Person; note: NoteRecord; case: CaseRecord; sent?: AlertRef; risk?: RiskRef }
    /** a risk alert nobody took in time, to an admin (src/reminders/risk-check.ts) */
    | { kind: 'risk-overdue'; to: number; alert: RiskAlert; hours: number }
    /** someone took a risk alert, or followed it up: to the worker and the alert's other recipients */
    | { kind: 'risk-update'; to: number; step: 'taken' | 'done' | 'withdrawn'; by: Person; client: string; note?: string }
    /** a risk raised by a worker with no active supervisor, to the worker: its delivery sends the
     *  alert to the organisation's admins and tells the worker who got it (src/outbox/escalate.ts) */
    | { kind: 'alert-escalate'; to: number; orgId: string; worker: Person; note: NoteRecord; case: CaseRecord; sent: AlertRef; risk?: RiskAlert }
    | { kind: 'approved'; to: number; supervisor: Person; caseId: string; noteId: string; client: string; date: string }
    | { kind: 'feedback'; to: number; supervisor: Person; caseId: string; noteId: string; client: string; date: string; text: string }
    | { kind: 'case-ended'; to: number; worker: Person; case: CaseRecord }
    /** an admin moved a case: to the worker it came from, their supervisors, and the worker it went to */
    | { kind: 'case-moved'; to: number; by: Person; from: Person; target: Person; client: string }
    /** an admin gave a worker a supervisor: to the worker and their other supervisors (who reads their notes) */
    | { kind: 'supervisor-assigned'; to: number; by: Person; worker: Person; supervisor: Person }
    /** a worker asks to delete a case with notes: to their supervisors (or the admins), with ✅ / ✖️ */
    | { kind: 'delete-request'; to: number; worker: Person; caseId: string; client: string; notes: number }
    /** the same, to the worker, with no active supervisor: its delivery sends the request to the
     *  organisation's admins and tells the worker who got it (src/outbox/escalate.ts) */
    | { kind: 'delete-request-escalate'; to: number; orgId: string; worker: Person; caseId: string; client: string; notes: number }
    /** a supervisor or admin approved or refused the deletion: to the worker */
    | { kind: 'delete-decided'; to: number; by: Person; client: string; approved: boolean }
    /** retention (src/privacy/retention.ts): a closed case is deleted in 30 days; times in ms */
    | { kind: 'retention-warning'; to: number; client: string; closedAt: number; deleteAt: number }
    /** retention: the admins' count of the cases their workers were warned of */
    | { kind: 'retention-admin'; to: number; count: number; workers: string }
    /** no message: the user's ☰ Menu follows their role, as it is when delivered (src/outbox/menu.ts) */
    | { kind: 'commands'; to: number; /** the dashboard is no longer served: the chat's menu button goes back to the ☰ list */ resetMenuButton?: true }
  );

/** The risk alert an alert message's buttons follow up (src/store/risk-records.ts). */
export interface RiskRef {
  workerId: number;
  caseId: string;
  riskId: string;
}

/** Which alert of a draft a message is: the draft (its token, or the revised note's id), the moment,
 *  and a hash of the answer it alerts with — its job id, so the same alert is sent once. */
export interface AlertRef {
  draft: string;
  part: 'raised' | 'detail' | 'saved';
  answer: string;
}

/** Where a message comes from: the update that made it (its id makes the job id deterministic). */
export interface Origin {
  userId: number;
  /** the Telegram update, or (a write that is no update: a dashboard action) a tag unique to it */
  updateId: number | string;
}

/**
 * The job id: the same message made again (a replayed update, a retried enqueue) gets the same id,
 * and BullMQ keeps one job per id. A summary or alert is once per note version and recipient.
 */
export function outboxJobId(m: OutboxMessage, origin: Origin): string {
  switch (m.kind) {
    case 'alert':
      if (m.sent) return `alert-${m.worker.id}-${m.sent.draft}-${m.sent.part}-${m.sent.answer}-${m.to}`;
      return `${m.kind}-${m.worker.id}-${m.note.id}-v${m.note.version ?? 1}-${m.to}`;
    case 'alert-escalate':
      return `escalate-${m.worker.id}-${m.sent.draft}-${m.sent.part}-${m.sent.answer}`;
    case 'risk-overdue':
      return `risk-overdue-${m.alert.id}-${m.to}`;
    case 'delete-request-escalate':
      return `delete-escalate-${m.worker.id}-${m.caseId}-${origin.updateId}`;
    case 'summary':
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
