// The exactly-once guard of every send (outbox, exports, reminders, digest) against a real Redis:
// a claim keeps a second run from sending, a failure releases it (or keeps the progress), a send
// marks the key, and a marked key never sends again.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notSent, sendOnce, type OnceGuard } from '../../src/store/send-once.ts';
import { deletePrefix, redisUrl } from '../support/redis.ts';

const prefix = `test-send-once-${process.pid}:`;
let redis: Redis;
let n = 0;
/** A fresh guard key per test (one hash tag, as a user's keys). */
const key = (tag = 'u') => `${prefix}{${tag}}:guard:${++n}`;
const guard: OnceGuard = { claimMs: 60_000, sentMs: 7 * 86_400_000 };

beforeAll(() => {
  redis = new Redis(redisUrl());
});
afterAll(async () => {
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

/** A send that stays in flight until `finish` is called, as one waiting on Telegram. */
function inFlight<T>(value: T) {
  let finish!: () => void;
  const gate = new Promise<void>((resolve) => (finish = resolve));
  let calls = 0;
  const send = async () => {
    calls++;
    await gate;
    return value;
  };
  return { send, finish, calls: () => calls };
}

describe('sendOnce', () => {
  it('sends, marks the key sent for sentMs, and never sends again', async () => {
    const k = key();
    let sends = 0;
    expect(await sendOnce(redis, k, guard, async () => ++sends)).toEqual({ status: 'ran', value: 1 });
    expect(await redis.get(k)).toBe('sent');
    const ttl = await redis.pttl(k);
    expect(ttl).toBeGreaterThan(guard.sentMs - 60_000);
    expect(ttl).toBeLessThanOrEqual(guard.sentMs);
    expect(await sendOnce(redis, k, guard, async () => ++sends)).toEqual({ status: 'already-sent' });
    expect(await sendOnce(redis, k, { ...guard, holder: 'job-1' }, async () => ++sends)).toEqual({ status: 'already-sent' });
    expect(sends).toBe(1);
  });

  it('while a claim is held, a second run does not send; the claim expires after claimMs', async () => {
    const k = key();
    const first = inFlight('first');
    const running = sendOnce(redis, k, guard, first.send);
    await expect.poll(() => first.calls()).toBe(1);
    let second = 0;
    expect(await sendOnce(redis, k, guard, async () => ++second)).toEqual({ status: 'held' });
    expect(second).toBe(0);
    // a dead sender's claim is not for ever
    expect(await redis.pttl(k)).toBeGreaterThan(0);
    expect(await redis.pttl(k)).toBeLessThanOrEqual(guard.claimMs);
    first.finish();
    expect(await running).toEqual({ status: 'ran', value: 'first' });
    expect(await sendOnce(redis, k, guard, async () => ++second)).toEqual({ status: 'already-sent' });
    expect(second).toBe(0);
  });

  it('a claim named by a holder: another holder waits, the same holder (the job run again) takes it back', async () => {
    const k = key();
    const dying = inFlight('never');
    void sendOnce(redis, k, { ...guard, holder: 'job-1' }, dying.send);
    await expect.poll(() => dying.calls()).toBe(1);
    let other = 0;
    expect(await sendOnce(redis, k, { ...guard, holder: 'job-2' }, async () => ++other)).toEqual({ status: 'held' });
    expect(await sendOnce(redis, k, guard, async () => ++other)).toEqual({ status: 'held' });
    expect(other).toBe(0);
    expect(await sendOnce(redis, k, { ...guard, holder: 'job-1' }, async () => 'again')).toEqual({ status: 'ran', value: 'again' });
    expect(await redis.get(k)).toBe('sent');
    dying.finish();
  });

  it('a send that throws releases its claim: the retry sends', async () => {
    const k = key();
    await expect(sendOnce(redis, k, guard, async () => {
      throw new Error('Telegram is down');
    })).rejects.toThrow('Telegram is down');
    expect(await redis.exists(k)).toBe(0);
    expect(await sendOnce(redis, k, guard, async () => 'retried')).toEqual({ status: 'ran', value: 'retried' });
  });

  it('a send that throws after some steps keeps them for progressMs: the same holder resumes, another waits', async () => {
    const k = key();
    const stepped = { ...guard, holder: 'digest-1', progressMs: 86_400_000 };
    const pages: number[] = [];
    const sendPages = (failAt: number) => async (run: { done: number; progress(n: number): Promise<void> }) => {
      for (let i = run.done; i < 4; i++) {
        if (i === failAt) throw new Error(`page ${i} failed`);
        pages.push(i);
        if (i + 1 < 4) await run.progress(i + 1);
      }
      return 'all';
    };
    await expect(sendOnce(redis, k, stepped, sendPages(2))).rejects.toThrow('page 2 failed');
    expect(await redis.get(k)).toBe('digest-1#2');
    expect(await redis.pttl(k)).toBeGreaterThan(guard.claimMs);
    expect(await sendOnce(redis, k, { ...stepped, holder: 'digest-2' }, sendPages(-1))).toEqual({ status: 'held' });
    // the resumed run fails again on a page after the first it sent: still kept
    await expect(sendOnce(redis, k, stepped, sendPages(3))).rejects.toThrow('page 3 failed');
    expect(await redis.get(k)).toBe('digest-1#3');
    expect(await sendOnce(redis, k, stepped, sendPages(-1))).toEqual({ status: 'ran', value: 'all' });
    expect(pages).toEqual([0, 1, 2, 3]);
    expect(await redis.get(k)).toBe('sent');
  });

  it('notSent: nothing marked, the claim is left to expire (a blocked user may unblock)', async () => {
    const k = key();
    const held = { ...guard, holder: 'job-1' };
    expect(await sendOnce(redis, k, held, async () => notSent('blocked'))).toEqual({ status: 'ran', value: 'blocked' });
    expect(await redis.get(k)).toBe('job-1');
    expect(await redis.pttl(k)).toBeLessThanOrEqual(guard.claimMs);
    expect(await sendOnce(redis, k, { ...guard, holder: 'job-2' }, async () => 'sent')).toEqual({ status: 'held' });
  });

  it('several keys: only the free ones (or this holder\'s) are sent, and only those are marked', async () => {
    const [sent, held, free, mine] = [key('v'), key('v'), key('v'), key('v')];
    await redis.set(sent, 'sent');
    await redis.set(held, 'job-other', 'PX', 60_000);
    await redis.set(mine, 'job-1', 'PX', 60_000);
    let claimed: readonly number[] = [];
    const once = await sendOnce(redis, [sent, held, free, mine], { ...guard, holder: 'job-1' }, async (run) => {
      claimed = run.claimed;
      return 'one message';
    });
    expect(once).toEqual({ status: 'ran', value: 'one message' });
    expect(claimed).toEqual([2, 3]);
    expect(await redis.mget(sent, held, free, mine)).toEqual(['sent', 'job-other', 'sent', 'sent']);
    // none free: held when any is another's, already-sent when all are sent
    expect(await sendOnce(redis, [sent, held], { ...guard, holder: 'job-1' }, async () => 'x')).toEqual({ status: 'held' });
    expect(await sendOnce(redis, [sent, free], { ...guard, holder: 'job-1' }, async () => 'x')).toEqual({ status: 'already-sent' });
    // a failure releases every key this run claimed, and no other
    const [a, b] = [key('w'), key('w')];
    await redis.set(b, 'job-other', 'PX', 60_000);
    await expect(sendOnce(redis, [a, b], { ...guard, holder: 'job-1' }, async () => {
      throw new Error('down');
    })).rejects.toThrow('down');
    expect(await redis.mget(a, b)).toEqual([null, 'job-other']);
  });
});
