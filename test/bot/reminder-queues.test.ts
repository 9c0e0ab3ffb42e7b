// What the bot asks of the real reminder queues: a sync job, and a postponed reminder a day later.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { bullConnection, DAY_MS, ReminderQueues } from '../../src/reminders/queues.ts';
import { createKeys } from '../../src/store/keys.ts';
import { redisUrl } from '../support/bot-harness.ts';

const prefix = `test-rq-${process.pid}:`;
let conn: Redis;
let queues: ReminderQueues;

beforeAll(() => {
  conn = bullConnection(redisUrl());
  queues = new ReminderQueues(conn, createKeys(prefix));
});
afterAll(async () => {
  await queues.schedule.obliterate({ force: true });
  await queues.sends.obliterate({ force: true });
  await queues.close();
  conn.disconnect();
});

describe('ReminderQueues', () => {
  it('postpones a reminder by a day, once however often the button is pressed', async () => {
    const occurrence = Date.parse('2025-03-17T01:00:00Z');
    const pressedAt = occurrence + 30 * 60_000; // half an hour after the reminder came
    await queues.snooze(4242, 'case000001', occurrence, pressedAt);
    await queues.snooze(4242, 'case000001', occurrence, pressedAt + 5_000); // pressed again
    const delayed = await queues.sends.getDelayed();
    expect(delayed).toHaveLength(1);
    expect(delayed[0]!.data).toEqual({ userId: 4242, occurrence: pressedAt + DAY_MS, only: ['case000001'], snooze: true });
    expect(delayed[0]!.opts.delay).toBe(DAY_MS);
  });

  it('asks for a sync of the user\'s schedulers', async () => {
    await queues.requestSync(4242);
    const waiting = await queues.schedule.getWaiting();
    expect(waiting.map((j) => [j.name, j.data])).toEqual([['sync', { userId: 4242 }]]);
  });
});
