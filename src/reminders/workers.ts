// The reminder workers: they run in the bot process by default, or alone (`npm run worker`), as
// many as you like — BullMQ hands each job to one of them. One file per job kind: occurrence-job,
// sync-job, deliver-job, digest-job; the outbox's job is src/outbox/deliver.ts.
import { checkRisk } from './risk-check.ts';
import { RateLimitError, Worker, type Job } from 'bullmq';
import { GrammyError } from 'grammy';
import { DateTime } from 'luxon';
import { throttledWarn } from '../logger.ts';
import { deliverOutbox } from '../outbox/deliver.ts';
import { OUTBOX_JOB, QueuedOutbox, openOutboxJob, type OutboxJob } from '../outbox/outbox.ts';
import { runRetention } from '../privacy/retention.ts';
import { EffectRelay } from '../store/effect-relay.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';
import { deliver } from './deliver-job.ts';
import { sendDigest } from './digest-job.ts';
import { gatherOccurrence, queueDigest } from './occurrence-job.ts';
import { SCHEDULE_QUEUE, SEND_QUEUE, type DeliverJob, type DigestJob, type OccurrenceJob, type RiskCheckJob, type SyncJob } from './queues.ts';
import { reconcileAll, syncSchedulers } from './sync-job.ts';
import type { ReminderWorkerDeps } from './worker-deps.ts';

/** Telegram allows about 30 messages a second per bot: one send per 34 ms (29.4 a second) stays just
 *  under it across every process, and a 429 still pauses the queue for as long as Telegram asks. */
const SEND_INTERVAL_MS = 34;

/** Telegram's "retry after N seconds", in ms; undefined for any other failure. */
function retryAfterMs(err: unknown): number | undefined {
  if (!(err instanceof GrammyError) || err.error_code !== 429) return undefined;
  return Math.max(1, err.parameters.retry_after ?? 1) * 1000;
}

export interface ReminderWorkers {
  close(): Promise<void>;
}

export function startReminderWorkers(d: ReminderWorkerDeps): ReminderWorkers {
  const opts = {
    connection: d.connection,
    prefix: d.keys.bullPrefix,
    ...(d.lockMs ? { lockDuration: d.lockMs, stalledInterval: d.lockMs } : {}),
  };
  // messages the schedule queue's jobs make go out through the send queue, like the bot's
  const outbox = new QueuedOutbox(d.queues.sends, d.store.cipher);
  const schedule = new Worker<OccurrenceJob | SyncJob | RiskCheckJob>(
    SCHEDULE_QUEUE,
    async (job) => {
      if (job.name === 'sync') return syncSchedulers(d, (job.data as SyncJob).userId);
      if (job.name === 'reconcile') return reconcileAll(d);
      if (job.name === 'retention') return runRetention({ ...d, outbox });
      if (job.name === 'sweep-effects') return new EffectRelay(d.store as WorkspaceStore<unknown>, outbox).sweep(d.now(), d.logger);
      if (job.name === 'digest') return queueDigest(d, job as Job<SyncJob>);
      if (job.name === 'risk-check') return checkRisk({ ...d, cipher: d.store.cipher, outbox, later: (j, ms) => d.queues.checkRiskLater(j, ms) }, job.data as RiskCheckJob);
      return gatherOccurrence(d, job as Job<OccurrenceJob>);
    },
    // one at a time: two syncs of one user never interleave, so the later change always wins
    { ...opts, concurrency: 1 },
  );
  // The send queue carries reminders, digests and the bot's messages to other users (the outbox)
  // alike. Telegram's 429 ("retry after N s") pauses the whole queue for N s — BullMQ's rate limit,
  // across every worker process — and the job waits its turn again; nothing sleeps inside a job.
  const sends = new Worker<DeliverJob | OutboxJob | DigestJob>(SEND_QUEUE, async (job) => {
    try {
      if (job.name === OUTBOX_JOB) return await deliverOutbox({ ...d, cipher: d.store.cipher, outbox }, openOutboxJob(d.store.cipher, job.data as OutboxJob, String(job.id)), String(job.id));
      if (job.name === 'digest') return await sendDigest(d, (job.data as DigestJob).userId, (job.data as DigestJob).occurrence, String(job.id));
      return await deliver(d, job.data as DeliverJob, String(job.id));
    } catch (err) {
      const wait = retryAfterMs(err);
      if (wait === undefined) throw err;
      d.logger.warn({ jobId: job.id, waitMs: wait }, 'Telegram asked to slow down: sends paused');
      await d.queues.sends.rateLimit(wait);
      throw new RateLimitError();
    }
  }, {
    ...opts,
    // one at a time, so a 429 stops the next send instead of meeting it
    concurrency: 1,
    // one send per 34 ms rather than 29 per second: BullMQ's limiter is a fixed window, and 29 at
    // the end of one second plus 29 at the start of the next would be 58 in a moment
    limiter: { max: 1, duration: SEND_INTERVAL_MS },
  });
  // Reconcile now (once per hour however many workers start) and every night.
  const hour = DateTime.fromMillis(d.now()).toFormat('yyyyLLddHH');
  void d.queues.schedule
    .add('reconcile', { userId: 0 }, { jobId: `reconcile-${hour}` })
    .then(() => d.queues.schedule.upsertJobScheduler('reconcile', { pattern: '15 3 * * *', tz: d.defaultZone }, { name: 'reconcile', data: { userId: 0 } }))
    // closed cases past their organisation's retention: deleted nightly (src/privacy/retention.ts)
    .then(() => d.queues.schedule.upsertJobScheduler('retention', { pattern: '45 3 * * *', tz: d.defaultZone }, { name: 'retention', data: { userId: 0 } }))
    // effects a crashed bot process recorded but did not apply (src/store/effects.ts)
    .then(() => d.queues.schedule.upsertJobScheduler('sweep-effects', { every: 60_000 }, { name: 'sweep-effects', data: { userId: 0 } }))
    .catch((err: unknown) => d.logger.error({ err }, 'could not schedule the reminder reconcile'));
  for (const w of [schedule, sends]) {
    w.on('failed', (job, err) => d.logger.warn({ queue: w.name, jobId: job?.id, err }, 'reminder job failed'));
    const workerError = throttledWarn(d.logger, 'reminder worker error (repeats while Redis is away are left out)');
    w.on('error', (err) => workerError({ queue: w.name, err }));
  }
  return {
    async close() {
      await Promise.all([schedule.close(), sends.close()]);
    },
  };
}
