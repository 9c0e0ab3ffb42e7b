// The reminder workers: they run in the bot process by default, or alone (`npm run worker`), as
// many as you like — BullMQ hands each job to one of them, and the guard below makes a reminder
// reach the user once even when BullMQ runs a job twice (it delivers at least once).
import { RateLimitError, Worker, type Job } from 'bullmq';
import type { ReminderWorkerDeps } from './worker-deps.ts';
export type { ReminderWorkerDeps } from './worker-deps.ts';
import { GrammyError } from 'grammy';
import { DateTime } from 'luxon';
import { reminderMessage, type DueCase } from './message.ts';
import { sendDigest } from './digest-job.ts';
import { runRetention } from '../privacy/retention.ts';
import { deliverOutbox } from '../outbox/deliver.ts';
import { OUTBOX_JOB, QueuedOutbox, openOutboxJob, type OutboxJob } from '../outbox/outbox.ts';
import { EffectRelay } from '../store/effect-relay.ts';
import { scanAll } from '../store/redis-connection.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';
import {
  DAY_MS,
  GATHER_MS,
  SCHEDULE_QUEUE,
  SEND_QUEUE,
  schedulerId,
  type DeliverJob,
  type OccurrenceJob,
  type ReminderQueues,
  type SyncJob,
} from './queues.ts';
import { cronPattern, decide, latestWanted, monitoringOf, periodOf, prefsOf } from './schedule.ts';
import type { CaseRecord } from '../store/records.ts';
import { throttledWarn } from '../logger.ts';

export interface DigestJob {
  userId: number;
  occurrence: number;
}

/** Telegram's "retry after N seconds", in ms; undefined for any other failure. */
function retryAfterMs(err: unknown): number | undefined {
  if (!(err instanceof GrammyError) || err.error_code !== 429) return undefined;
  return Math.max(1, err.parameters.retry_after ?? 1) * 1000;
}

/** Telegram allows about 30 messages a second per bot; stay under it across every process. */
export const SENDS_PER_SECOND = 25;
/** A claim that outlives a crashed sender expires, so BullMQ's retry can still deliver. */
const CLAIM_MS = 60_000;
const SENT_TTL_MS = 62 * 86_400_000;


/** The scheduled time of a job made by a job scheduler ("repeat:<scheduler>:<millis>"). */
export function occurrenceOf(job: Job): number {
  const fromOpts = (job.opts as { prevMillis?: number }).prevMillis;
  if (fromOpts) return fromOpts;
  const millis = Number(String(job.id).split(':').pop());
  return Number.isFinite(millis) && millis > 0 ? millis : job.timestamp;
}

/** Brings the user's job schedulers in line with their cases and settings. */
export async function syncSchedulers(d: ReminderWorkerDeps, userId: number): Promise<{ active: number; removed: number }> {
  const ws = await d.store.load(userId);
  const prefs = prefsOf(ws.session?.reminders, d.defaultZone);
  let active = 0;
  let removed = 0;
  for (const c of Object.values(ws.cases)) {
    const id = schedulerId(userId, c.id);
    if (c.status === 'active' && !prefs.paused) {
      // (tests: every scheduler on the same whole-interval grid, so a user's cases fire together)
      const repeat = d.everyMs
        ? { every: d.everyMs, startDate: Math.ceil(d.now() / d.everyMs) * d.everyMs }
        : { pattern: cronPattern(prefs), tz: prefs.zone };
      await d.queues.schedule.upsertJobScheduler(id, repeat, { name: 'occurrence', data: { userId, caseId: c.id } });
      active++;
    } else if (await d.queues.schedule.removeJobScheduler(id)) {
      removed++;
    }
  }
  // A supervisor's weekly digest, at the same weekday and hour (src/reminders/digest-job.ts).
  const digestId = `digest:${userId}`;
  if ((ws.membership?.workers.length ?? 0) > 0 && !prefs.paused) {
    const repeat = d.everyMs ? { every: d.everyMs * 10 } : { pattern: cronPattern(prefs), tz: prefs.zone };
    await d.queues.schedule.upsertJobScheduler(digestId, repeat, { name: 'digest', data: { userId } });
  } else {
    await d.queues.schedule.removeJobScheduler(digestId);
  }
  d.logger.info({ userId, active, removed }, 'reminder schedulers synced');
  return { active, removed };
}

// Claims guard keys for one job: a key free, or already held by this same job (BullMQ running it
// again after a crash), is taken; a key another job holds, or marked sent, is not. One round trip.
const CLAIM = `
local out = {}
for i, key in ipairs(KEYS) do
  local holder = redis.call('GET', key)
  if not holder or holder == ARGV[1] then
    redis.call('SET', key, ARGV[1], 'PX', ARGV[2])
    out[i] = 1
  else
    out[i] = 0
  end
end
return out
`;

/** Sends the user's reminders due at one occurrence, each case at most once per period. */
export async function deliver(d: ReminderWorkerDeps, job: DeliverJob, jobId = `direct-${job.userId}-${job.occurrence}`): Promise<'sent' | 'nothing-due' | 'blocked'> {
  const ws = await d.store.load(job.userId);
  if (ws.blocked) return 'blocked';
  const prefs = prefsOf(ws.session?.reminders, d.defaultZone);
  const now = d.now();
  // After downtime BullMQ replays only the oldest missed occurrence; for each case the one worth a
  // (late) reminder is the latest missed occurrence its cadence wants.
  const longLate = !job.snooze && !d.everyMs && now - job.occurrence > 7 * DAY_MS;
  const occurrenceFor = (c: CaseRecord): number =>
    longLate ? latestWanted(prefs, monitoringOf(c).cadence, DateTime.fromISO(c.createdAt), DateTime.fromMillis(now)) : job.occurrence;
  const candidates = Object.values(ws.cases).filter((c) => !job.only || job.only.includes(c.id));
  let late = false;
  const due: DueCase[] = [];
  for (const c of candidates) {
    const occurrence = occurrenceFor(c);
    const decision = decide(c, prefs, occurrence, now, { snooze: job.snooze ?? false, ...(d.everyMs ? { everyMs: d.everyMs } : {}) });
    if (!decision.send) {
      d.logger.debug({ userId: job.userId, caseId: c.id, reason: decision.reason }, 'reminder not sent');
      continue;
    }
    late ||= decision.late;
    due.push({ c, occurrence });
  }
  if (due.length === 0) return 'nothing-due';

  const guardKey = ({ c, occurrence }: DueCase) =>
    d.keys.reminded(job.userId, c.id, `${periodOf(monitoringOf(c).cadence, occurrence, prefs.zone, d.everyMs)}${job.snooze ? '-snooze' : ''}`);
  const claimed = (await d.redis.eval(CLAIM, due.length, ...due.map(guardKey), jobId, String(CLAIM_MS))) as number[];
  const mine = due.filter((_, i) => claimed[i] === 1);
  if (mine.length === 0) return 'nothing-due';
  const occurrence = Math.max(...mine.map((m) => m.occurrence));

  const lang = ws.session?.lang ?? ws.membership?.lang ?? 'id';
  const t = (key: string, vars?: Record<string, string | number>) => d.i18n.t(lang, key, vars);
  const scheduled = DateTime.fromMillis(occurrence, { zone: prefs.zone }).setLocale(lang).toFormat('cccc d LLLL, HH.mm');
  const { text, keyboard } = reminderMessage(mine, { catalog: d.catalog, lang, t, nowMs: now, zone: prefs.zone, late, scheduled });
  try {
    await d.api.sendMessage(job.userId, text, { parse_mode: 'HTML', reply_markup: keyboard });
  } catch (err) {
    if (err instanceof GrammyError && err.error_code === 403) {
      // Blocked (or the account is gone): pause, do not retry forever. Writing to the bot again resumes.
      await d.redis.set(d.keys.blocked(job.userId), String(now));
      d.logger.warn({ userId: job.userId }, 'user blocked the bot: reminders paused');
      return 'blocked';
    }
    // Release the claims so BullMQ's retry can send them.
    await d.redis.del(...mine.map(guardKey));
    throw err;
  }
  const mark = d.redis.pipeline();
  for (const m of mine) mark.set(guardKey(m), 'sent', 'PX', SENT_TTL_MS);
  await mark.exec();
  d.logger.info({ userId: job.userId, cases: mine.map((m) => m.c.id), occurrence, late, snooze: job.snooze ?? false }, 'reminder sent');
  return 'sent';
}

/** Every user with cases gets a sync: catches up cases opened before reminders existed, and syncs
 *  that failed. Runs when workers start and nightly. */
export async function reconcileAll(d: ReminderWorkerDeps): Promise<number> {
  // users with cases (their reminders) and supervisors with workers (their digest)
  const users = new Set<number>();
  for (const pattern of [d.keys.allCases, d.keys.allWorkers]) {
    // every master of a cluster
    for await (const found of scanAll(d.redis, pattern)) {
      for (const key of found) {
        const userId = d.keys.userOfKey(key);
        if (userId !== undefined) users.add(userId);
      }
    }
  }
  for (const userId of users) await syncSchedulers(d, userId);
  d.logger.info({ users: users.size }, 'reminder schedulers reconciled');
  return users.size;
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
  const schedule = new Worker<OccurrenceJob | SyncJob>(
    SCHEDULE_QUEUE,
    async (job) => {
      if (job.name === 'sync') return syncSchedulers(d, (job.data as SyncJob).userId);
      if (job.name === 'reconcile') return reconcileAll(d);
      if (job.name === 'retention') return runRetention(d);
      if (job.name === 'sweep-effects') return new EffectRelay(d.store as WorkspaceStore<unknown>, new QueuedOutbox(d.queues.sends, d.store.cipher)).sweep(d.now(), d.logger);
      if (job.name === 'digest') {
        // sent by the send worker, within the shared limit like every other message
        const { userId } = job.data as SyncJob;
        const occurrence = occurrenceOf(job);
        await d.queues.sends.add('digest', { userId, occurrence }, { jobId: `digest-${userId}-${occurrence}` });
        return 'queued';
      }
      // An occurrence of one case: gather the user's reminders due at this time into one message.
      const { userId } = job.data as OccurrenceJob;
      const occurrence = occurrenceOf(job);
      await d.queues.sends.add(
        'deliver',
        { userId, occurrence },
        { jobId: `deliver-${userId}-${occurrence}`, delay: Math.max(0, occurrence + GATHER_MS - d.now()) },
      );
      return 'gathered';
    },
    // one at a time: two syncs of one user never interleave, so the later change always wins
    { ...opts, concurrency: 1 },
  );
  // The send queue carries reminders, digests and the bot's messages to other users (the outbox)
  // alike. Telegram's 429 ("retry after N s") pauses the whole queue for N s — BullMQ's rate limit,
  // across every worker process — and the job waits its turn again; nothing sleeps inside a job.
  const sends = new Worker<DeliverJob | OutboxJob | DigestJob>(SEND_QUEUE, async (job) => {
    try {
      if (job.name === OUTBOX_JOB) return await deliverOutbox(d, openOutboxJob(d.store.cipher, job.data as OutboxJob), String(job.id));
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
    // one send per 40 ms rather than 25 per second: BullMQ's limiter is a fixed window, and 25 at
    // the end of one second plus 25 at the start of the next would be 50 in a moment
    limiter: { max: 1, duration: Math.ceil(1000 / SENDS_PER_SECOND) },
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
    .catch((err: unknown) => d.logger.error({ err: String(err) }, 'could not schedule the reminder reconcile'));
  for (const w of [schedule, sends]) {
    w.on('failed', (job, err) => d.logger.warn({ queue: w.name, jobId: job?.id, err: err.message }, 'reminder job failed'));
    const workerError = throttledWarn(d.logger, 'reminder worker error (repeats while Redis is away are left out)');
    w.on('error', (err) => workerError({ queue: w.name, err: err.message }));
  }
  return {
    async close() {
      await Promise.all([schedule.close(), sends.close()]);
    },
  };
}
