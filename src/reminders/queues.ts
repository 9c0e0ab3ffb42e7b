// The BullMQ side of reminders: two queues, their job data, and what the bot asks of them.
//   reminders       — `occurrence` jobs from one job scheduler per case, and `sync` jobs that bring
//                     a user's schedulers in line with their cases and settings
//   reminder-sends  — `deliver` jobs: one message to one user, rate-limited across all processes
import { Queue, type ConnectionOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { createRedisClient, type RedisClient, type RedisTarget } from '../store/redis-connection.ts';
import { DateTime } from 'luxon';
import type { Keys } from '../store/keys.ts';

export const SCHEDULE_QUEUE = 'reminders';
export const SEND_QUEUE = 'reminder-sends';

export interface OccurrenceJob {
  userId: number;
  caseId: string;
}
export interface SyncJob {
  userId: number;
}
/** A supervisor's weekly digest, at one scheduled time. */
export interface DigestJob {
  userId: number;
  occurrence: number;
}

export interface DeliverJob {
  userId: number;
  /** the scheduled time (ms) this reminder is for */
  occurrence: number;
  /** only these cases (a postponed reminder); otherwise every case due at this occurrence */
  only?: string[];
  /** a postponed copy ("Tunda 1 hari"): sent whatever the cadence says */
  snooze?: boolean;
}

/** Delay before a user's reminders go out, so cases due at the same minute share one message. */
export const GATHER_MS = 2_000;
export const DAY_MS = 86_400_000;

/** BullMQ's connections: blocking commands need `maxRetriesPerRequest: null`. On a cluster BullMQ's
 *  keys share the slot of the prefix's hash tag (`{bull}`, src/store/keys.ts), as it requires; the
 *  target's password and TLS reach every node, and the connections BullMQ duplicates from this one. */
export function bullConnection(url: string): Redis;
export function bullConnection(target: RedisTarget): RedisClient;
export function bullConnection(target: RedisTarget): RedisClient {
  return createRedisClient(target, { maxRetriesPerRequest: null, connectionName: 'pendamping-bullmq' });
}

/**
 * What the reminder queues keep (issue #29.5; docs/redis-keys.md, "What grows, and what is kept"),
 * set on every job they add, a job scheduler's included (its template takes them when upserted):
 *  - a completed job an hour, and at most the last 1,000: a job id added again meanwhile (a retried
 *    occurrence's `deliver-…`, a recorded effect's outbox job swept again, `reconcile-<hour>`) is
 *    recognised, not repeated. Past the count the exactly-once guards (`reminded:`, `sent:`) still
 *    hold, so at a national deployment's reminder hour the count, not the hour, bounds the memory.
 *  - a failed job a week, at most 1,000: enough to see what failed and why, and bounded when
 *    something fails for everyone (Redis or Telegram away).
 */
export const REMINDER_JOBS_KEPT = {
  removeOnComplete: { age: 3600, count: 1_000 },
  removeOnFail: { age: 7 * 86_400, count: 1_000 },
} as const;

/** A queue's events stream (BullMQ's default: 10,000 events a queue). Nothing of ours reads it
 *  (no QueueEvents, no waitUntilFinished): kept to what BullMQ itself needs. Trimmed with
 *  `MAXLEN ~`, so up to one stream node (`stream-node-max-entries`, 100) more. */
export const EVENTS_KEPT = 100;

export function schedulerId(userId: number, caseId: string): string {
  return `case:${userId}:${caseId}`;
}

/** What the bot needs from the reminder machinery (a no-op without it, e.g. in tests). */
export interface ReminderControl {
  /** the user's cases or settings changed: re-align their job schedulers */
  requestSync(userId: number): Promise<void>;
  /** send this case's reminder again a day after `pressedAt` (ms); `occurrence` names the reminder */
  snooze(userId: number, caseId: string, occurrence: number, pressedAt: number): Promise<void>;
  /** look at a risk alert again in `delayMs`: nobody took it by then, the admins get it (src/reminders/risk-check.ts) */
  checkRiskLater?(job: RiskCheckJob, delayMs: number): Promise<void>;
}

/** A risk alert to look at again (src/reminders/risk-check.ts). */
export interface RiskCheckJob {
  workerId: number;
  caseId: string;
  riskId: string;
  /** when this check is due, on the bot's clock (ms): the playground's time travel finds it by this */
  at?: number;
  /** a check put off until the organisation's escalation time (ms): its own job */
  dueAt?: number;
}

export class ReminderQueues implements ReminderControl {
  readonly schedule: Queue<OccurrenceJob | SyncJob | RiskCheckJob>;
  readonly sends: Queue<DeliverJob>;

  constructor(connection: ConnectionOptions, keys: Keys) {
    const common = {
      connection,
      prefix: keys.bullPrefix,
      defaultJobOptions: { ...REMINDER_JOBS_KEPT, attempts: 8, backoff: { type: 'exponential', delay: 5_000 } },
      streams: { events: { maxLen: EVENTS_KEPT } },
    };
    this.schedule = new Queue(SCHEDULE_QUEUE, common);
    this.sends = new Queue(SEND_QUEUE, common);
  }

  /** Queue errors go to the log (BullMQ would print them to the console otherwise). */
  onError(log: (err: Error) => void): void {
    this.schedule.on('error', log);
    this.sends.on('error', log);
  }

  async requestSync(userId: number): Promise<void> {
    await this.schedule.add('sync', { userId });
  }

  async snooze(userId: number, caseId: string, occurrence: number, pressedAt: number): Promise<void> {
    const at = DateTime.fromMillis(pressedAt).plus({ days: 1 }).toMillis();
    await this.sends.add(
      'deliver',
      { userId, occurrence: at, only: [caseId], snooze: true },
      // pressing the button twice postpones once
      { jobId: `snooze-${userId}-${caseId}-${occurrence}`, delay: at - pressedAt },
    );
  }

  async checkRiskLater(job: RiskCheckJob, delayMs: number): Promise<void> {
    // one check per alert: the same alert raised again (a replayed update) is checked once
    await this.schedule.add('risk-check', job, { jobId: `risk-${job.workerId}-${job.riskId}${job.dueAt ? `-${job.dueAt}` : ''}`, delay: delayMs });
  }

  async close(): Promise<void> {
    await Promise.all([this.schedule.close(), this.sends.close()]);
  }
}
