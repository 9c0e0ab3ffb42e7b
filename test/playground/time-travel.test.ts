// ⏩ Next reminder without a global clock: the playground's own clock moves to the next job a BullMQ job
// scheduler made, the job is promoted and runs at once, and BullMQ counts the scheduler's next run
// from it — so the next ⏩ goes a week further. Real BullMQ; the job handlers here stand in for the
// reminder workers (the whole path, bot and page, is test/browser/playground.test.ts).
import { Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlaygroundClock } from '../../src/playground/clock.ts';
import { TelegramSim } from '../../src/playground/telegram-sim.ts';
import { travelToNextReminder } from '../../src/playground/time-travel.ts';
import { occurrenceOf } from '../../src/reminders/occurrence-job.ts';
import { bullConnection, ReminderQueues, SCHEDULE_QUEUE, SEND_QUEUE } from '../../src/reminders/queues.ts';
import { createKeys } from '../../src/store/keys.ts';
import { deletePrefix, redisUrl } from '../support/redis.ts';

const PREFIX = `pg-travel-${process.pid}:`;
const SUPERVISOR = 1002;
const WEEK = 7 * 86_400_000;

describe('time travel', () => {
  const keys = createKeys(PREFIX);
  const clock = new PlaygroundClock();
  const sim = new TelegramSim({ now: clock.nowMs });
  let redis: Redis;
  let queues: ReminderQueues;
  let workers: Worker[] = [];
  /** the time the job handlers read, per digest sent */
  const seen: Array<{ occurrence: number; now: number }> = [];

  beforeAll(async () => {
    redis = new Redis(redisUrl());
    const connection = bullConnection(redisUrl());
    queues = new ReminderQueues(connection, keys);
    const opts = { connection, prefix: keys.bullPrefix };
    workers = [
      // as the reminder workers: the scheduler's run queues the send, the send reaches the chat
      new Worker(SCHEDULE_QUEUE, async (job: Job) => {
        await queues.sends.add('digest', { userId: SUPERVISOR, occurrence: occurrenceOf(job) }, { jobId: `digest-${occurrenceOf(job)}` });
      }, opts),
      new Worker(SEND_QUEUE, async (job: Job) => {
        const { occurrence } = job.data as { occurrence: number };
        seen.push({ occurrence, now: clock.nowMs() });
        sim.call('sendMessage', { chat_id: SUPERVISOR, text: `Ringkasan mingguan ${new Date(occurrence).toISOString()}` });
      }, opts),
    ];
    // Monday 08.00 WIB, as a supervisor's digest
    await queues.schedule.upsertJobScheduler(`digest:${SUPERVISOR}`, { pattern: '0 8 * * 1', tz: 'Asia/Jakarta' }, { name: 'digest', data: { userId: SUPERVISOR } });
  });

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.close()));
    await queues?.close();
    await deletePrefix(redis, PREFIX);
    redis.disconnect();
  });

  it('fires the next weekly run now, at the playground time of that run, and the next press a week later', async () => {
    const before = Date.now();
    const first = await travelToNextReminder(queues, sim, clock);
    expect(first.messages).toBe(1);
    const to = first.to!;
    // the next Monday 08.00 WIB (01.00 UTC) after now, within the coming week
    expect(new Date(to).getUTCDay()).toBe(1);
    expect(new Date(to).getUTCHours()).toBe(1);
    expect(to).toBeGreaterThan(before);
    expect(to - before).toBeLessThanOrEqual(WEEK);
    // the job ran with the playground's clock at its time, and its message is dated then
    expect(seen).toHaveLength(1);
    expect(seen[0]!.occurrence).toBe(to);
    expect(seen[0]!.now).toBeGreaterThanOrEqual(to);
    expect(sim.messages(SUPERVISOR).map((m) => m.text)).toEqual([`Ringkasan mingguan ${new Date(to).toISOString()}`]);
    expect(sim.chatMessages(SUPERVISOR)[0]!.date).toBeGreaterThanOrEqual(Math.floor(to / 1000));
    // nothing global moved
    expect(Math.abs(Date.now() - before)).toBeLessThan(WEEK / 2);

    const second = await travelToNextReminder(queues, sim, clock);
    expect(second).toEqual({ to: to + WEEK, messages: 1 });
    expect(seen.map((s) => s.occurrence)).toEqual([to, to + WEEK]);
  }, 30_000);
});
