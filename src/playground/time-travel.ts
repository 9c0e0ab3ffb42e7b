// Time travel: "⏩ next reminder", with no global clock touched. A risk alert's later check (escalation
// to the admins) is travelled to like a reminder. Every weekly reminder and digest is a
// delayed BullMQ job that a job scheduler made; the earliest one that makes messages is promoted
// (`job.promote()`: run now, BullMQ's documented way), after the playground's clock (clock.ts) was
// moved to its time, so what it sends says what it would say then (the reminder's "last note 7 days
// ago", the digest's week, the dates of the messages). BullMQ counts the scheduler's next run from the
// promoted run's time, so the next ⏩ finds the week after.
// What that run queues — a reminder's deliver job, a moment after its occurrence (GATHER_MS, so cases
// due together share a message), a digest's send — is promoted too. A case opened or noted within the
// week has nothing to send yet (fresh), so this goes on week by week until something reached a chat,
// at most MAX_WEEKS.
// A scheduler made after a jump counts its first run from the real clock, so it may be due before the
// playground's time: it runs at once, the clock staying, and is judged as a late job would be.
import type { Job, Queue } from 'bullmq';
import { occurrenceOf } from '../reminders/occurrence-job.ts';
import type { ReminderQueues } from '../reminders/queues.ts';
import type { PlaygroundClock } from './clock.ts';
import type { TelegramSim } from './telegram-sim.ts';

const MAX_WEEKS = 4;
const SETTLE_TIMEOUT_MS = 20_000;
const POLL_MS = 100;
/** jobs that make messages; the nightly reconcile and syncs are not what a visitor waits for */
const FIRING = new Set(['occurrence', 'digest', 'deliver', 'risk-check']);

export interface TravelResult {
  /** the playground time travelled to, or undefined when nothing is scheduled */
  to?: number;
  /** messages the jump delivered */
  messages: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The time a job stands for: a deliver or digest job names its occurrence, a scheduler's job has its run's time. */
function firesAt(job: Job): number {
  // a risk alert's check (src/reminders/risk-check.ts) carries its time on the bot's clock
  const { occurrence, at } = job.data as { occurrence?: unknown; at?: unknown };
  if (typeof occurrence === 'number') return occurrence;
  return typeof at === 'number' ? at : occurrenceOf(job);
}

async function firing(queues: ReminderQueues): Promise<Job[]> {
  const jobs = await Promise.all(([queues.schedule, queues.sends] as Queue[]).map((q) => q.getJobs(['delayed'], 0, 500, true)));
  return jobs.flat().filter((j): j is Job => Boolean(j) && FIRING.has(j.name));
}

async function promote(jobs: Job[]): Promise<void> {
  // taken or removed meanwhile: nothing to do
  for (const job of jobs) await job.promote().catch(() => undefined);
}

/** Runs everything of time `at` (and before) and what it queues, until both queues are idle. */
async function settle(queues: ReminderQueues, at: number): Promise<void> {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const due = (await firing(queues)).filter((j) => firesAt(j) <= at);
    await promote(due);
    let busy = due.length;
    for (const q of [queues.schedule, queues.sends] as Queue[]) {
      const c = await q.getJobCounts('wait', 'active', 'prioritized');
      busy += (c['wait'] ?? 0) + (c['active'] ?? 0) + (c['prioritized'] ?? 0);
    }
    if (busy === 0) return;
    await sleep(POLL_MS);
  }
}

export async function travelToNextReminder(queues: ReminderQueues, sim: TelegramSim, clock: PlaygroundClock): Promise<TravelResult> {
  let messages = 0;
  const off = sim.onEvent((e) => {
    if (e.type === 'message' && e.message.fromBot) messages++;
  });
  try {
    let to: number | undefined;
    for (let week = 0; week < MAX_WEEKS && messages === 0; week++) {
      const jobs = await firing(queues);
      if (jobs.length === 0) break;
      const at = Math.min(...jobs.map(firesAt));
      // forward to the job's time; a job due before the playground's time runs at it
      to = Math.max(at, clock.nowMs());
      clock.jumpTo(at);
      await settle(queues, at);
    }
    return { ...(to !== undefined ? { to } : {}), messages };
  } finally {
    off();
  }
}
