// Time travel: "⏩ next reminder". The clock is moved (src/playground/clock.ts) to just before the
// next reminder or digest job that BullMQ holds as delayed, and the job is then let fire:
//  - moving the clock (rather than only promoting the job) keeps the time everyone reads coherent:
//    the reminder's "last note 7 days ago", its late mark, the digest's week, the next occurrence
//    BullMQ computes after it, and the dates of the messages all say it is that Monday morning;
//  - the due jobs are then also promoted, only to wake BullMQ's worker at once: it is blocked
//    waiting for its next delayed job and would otherwise look again up to 10 s later.
// Jobs overdue by the jump (the nightly reconcile) run first, half a minute before the hour: run
// at the hour itself, its re-sync of the schedulers would move this week's occurrence to next week.
// A case's first occurrence can have nothing to send (a case opened or noted within the week is
// fresh), so this goes on week by week until something reached a chat, at most MAX_WEEKS.
import type { Job, Queue } from 'bullmq';
import type { ReminderQueues } from '../reminders/queues.ts';
import type { BotApiServer } from './bot-api-server.ts';
import { playgroundClock } from './clock.ts';

const LEAD_MS = 1_000;
const CATCH_UP_MS = 30_000;
const MAX_WEEKS = 4;
const SETTLE_TIMEOUT_MS = 20_000;
/** jobs that make messages; the nightly reconcile and syncs are not what a visitor waits for */
const FIRING = new Set(['occurrence', 'digest', 'deliver']);

export interface TravelResult {
  /** the playground time travelled to, or undefined when nothing is scheduled */
  to?: number;
  /** messages the jump delivered */
  messages: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const dueAt = (job: Job) => job.timestamp + (job.opts.delay ?? 0);

async function delayed(queue: Queue): Promise<Job[]> {
  return (await queue.getJobs(['delayed'], 0, 500, true)).filter((j): j is Job => Boolean(j));
}

async function nextFiring(queues: ReminderQueues): Promise<number | undefined> {
  const jobs = [...(await delayed(queues.schedule)), ...(await delayed(queues.sends))].filter((j) => FIRING.has(j.name));
  const times = jobs.map(dueAt).filter((t) => t > Date.now() - LEAD_MS);
  return times.length ? Math.min(...times) : undefined;
}

async function promoteDue(queue: Queue): Promise<void> {
  for (const job of await delayed(queue)) {
    if (dueAt(job) <= Date.now()) await job.promote().catch(() => undefined); // taken meanwhile: fine
  }
}

/** Waits until both queues have nothing to do now (a deliver job gathers 2 s after its occurrence). */
async function settle(queues: ReminderQueues): Promise<void> {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  while (Date.now() < deadline) {
    await sleep(250);
    let busy = 0;
    for (const q of [queues.schedule, queues.sends] as Queue[]) {
      const c = await q.getJobCounts('wait', 'active', 'prioritized');
      busy += (c.wait ?? 0) + (c.active ?? 0) + (c.prioritized ?? 0);
      busy += (await delayed(q)).filter((j) => dueAt(j) <= Date.now() + 3_000).length;
    }
    if (busy === 0) return;
    await promoteDue(queues.sends);
  }
}

export async function travelToNextReminder(queues: ReminderQueues, server: BotApiServer): Promise<TravelResult> {
  let messages = 0;
  const off = server.onEvent((e) => {
    if (e.type === 'message' && e.message.fromBot) messages++;
  });
  try {
    let to: number | undefined;
    for (let week = 0; week < MAX_WEEKS && messages === 0; week++) {
      const at = await nextFiring(queues);
      if (at === undefined) break;
      to = at;
      playgroundClock.jumpTo(at - CATCH_UP_MS);
      await promoteDue(queues.schedule);
      await settle(queues);
      playgroundClock.jumpTo(at - LEAD_MS);
      await sleep(LEAD_MS); // the visitor sees the clock reach the hour
      await promoteDue(queues.schedule);
      await promoteDue(queues.sends);
      await settle(queues);
    }
    return { ...(to !== undefined ? { to } : {}), messages };
  } finally {
    off();
  }
}
