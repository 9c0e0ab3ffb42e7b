// Where an update's messages for other users go once its write succeeded. In production they are
// BullMQ jobs on the rate-limited send queue (shared with reminders, so all sends stay under
// Telegram's limit together), sealed because they quote client data, with deterministic job ids.
import type { Queue } from 'bullmq';
import type { DataCipher } from '../store/crypto.ts';
import { deliverOutbox, type OutboxDeps } from './deliver.ts';
import type { Addressed, Outbox, OutboxMessage } from '../store/outbox-messages.ts';
export type { Addressed, Outbox };

/** What an outbox job holds: the recipient in clear (for logs), the message sealed. */
export interface OutboxJob {
  to: number;
  sealed: string;
}

export const OUTBOX_JOB = 'outbox';

export class QueuedOutbox implements Outbox {
  private readonly queue: Queue;
  private readonly cipher: DataCipher;

  constructor(
    queue: Queue,
    cipher: DataCipher,
  ) {
    this.queue = queue;
    this.cipher = cipher;
  }

  async send(messages: Addressed[]): Promise<void> {
    if (messages.length === 0) return;
    await this.queue.addBulk(
      messages.map(({ jobId, message }) => ({
        name: OUTBOX_JOB,
        data: { to: message.to, sealed: this.cipher.seal(message, outboxBinding(jobId)) } satisfies OutboxJob,
        opts: { jobId },
      })),
    );
  }
}

/** Sends at once, in order, through the same delivery code (tests, and tools without workers). */
export class DirectOutbox implements Outbox {
  private readonly deps: () => OutboxDeps;

  constructor(deps: () => OutboxDeps) {
    this.deps = deps;
  }

  async send(messages: Addressed[]): Promise<void> {
    for (const { jobId, message } of messages) await deliverOutbox(this.deps(), message, jobId);
  }
}

/** Where an outbox job's message is bound (its job id: a message copied into another job does not open). */
export function outboxBinding(jobId: string): string {
  return `{bull}:outbox:${jobId}`;
}

export function openOutboxJob(cipher: DataCipher, job: OutboxJob, jobId: string): OutboxMessage {
  return cipher.open<OutboxMessage>(job.sealed, outboxBinding(jobId));
}
