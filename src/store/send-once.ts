// Exactly-once sending on BullMQ's at-least-once jobs (a stalled job runs again, a failed one is
// retried): a guard key per message, built in keys.ts, is claimed before the send and marked 'sent'
// after it, so a second run sends nothing. The outbox, exports, reminders and the digest all send
// through this one protocol:
//   - a claim expires (claimMs), so a sender that died does not hold its message for ever;
//   - a claim names its holder (the job id) when one is given: the same job run again after a crash
//     takes its claim back at once instead of waiting for it to expire;
//   - a send that throws releases its claim, so the retry can send, unless it sent part of the
//     message already (progress): then the claim keeps that progress, and the holder's retry sends
//     only the rest;
//   - a send that returns is marked sent (sentMs), unless it returned notSent(…): it sent nothing and
//     may send later (a user who blocked the bot may unblock it), so its claim is left to expire.
import type { RedisClient } from './redis-connection.ts';
import { LuaScript } from './lua-script.ts';

export interface OnceGuard {
  /** who claims (the job id): a run of the same holder again takes its claim back. Without one, a
   *  claim is nobody's, and a second run waits for it to expire. */
  holder?: string;
  /** how long a claim stands when its sender dies before marking or releasing it */
  claimMs: number;
  /** how long 'sent' is remembered: longer than the job may run again */
  sentMs: number;
  /** how long a part-sent message's progress is kept for its holder's retry (default claimMs) */
  progressMs?: number;
}

/** What the send is handed. */
export interface Run {
  /** indexes (into the keys given) of the guard keys this run holds: the messages it is to send */
  readonly claimed: readonly number[];
  /** steps (a digest's pages) that an earlier run of the same holder already sent */
  readonly done: number;
  /** records that the first `n` steps are sent */
  progress(n: number): Promise<void>;
}

/** What a send returns when it sent nothing and may send later: its claim is left to expire. */
export class NotSent<T> {
  readonly value: T;
  constructor(value: T) {
    this.value = value;
  }
}

export function notSent<T>(value: T): NotSent<T> {
  return new NotSent(value);
}

export type Once<T> =
  /** this run held a guard key and sent (or tried): what the send returned */
  | { status: 'ran'; value: T }
  /** every guard key is marked sent */
  | { status: 'already-sent' }
  /** no guard key is free: another run holds at least one of them */
  | { status: 'held' };

const CLAIM = new LuaScript<number[]>(new URL('./lua/claim-once.lua', import.meta.url));
const SENT = -1;

/**
 * Claims the guard key(s) and, when this run holds any, runs `send` once for those (one message may
 * cover several keys: a user's reminders of several cases). Keys sent together share a hash tag.
 */
export async function sendOnce<T>(redis: RedisClient, keys: string | readonly string[], guard: OnceGuard, send: (run: Run) => Promise<T | NotSent<T>>): Promise<Once<T>> {
  const all = typeof keys === 'string' ? [keys] : keys;
  const states = await CLAIM.on(redis).run(all, [guard.holder ?? '', guard.claimMs]);
  const claimed = states.flatMap((s, i) => (s >= 0 ? [i] : []));
  if (claimed.length === 0) return { status: states.every((s) => s === SENT) ? 'already-sent' : 'held' };
  const mine = claimed.map((i) => all[i]!);
  let done = Math.min(...claimed.map((i) => states[i]!));
  const run: Run = {
    claimed,
    done,
    async progress(n) {
      await setAll(redis, mine, `${guard.holder ?? 'sending'}#${n}`, guard.progressMs ?? guard.claimMs);
      done = n;
    },
  };
  let result: T | NotSent<T>;
  try {
    result = await send(run);
  } catch (err) {
    if (done === 0) await redis.del(...mine);
    throw err;
  }
  if (result instanceof NotSent) return { status: 'ran', value: result.value };
  await setAll(redis, mine, 'sent', guard.sentMs);
  return { status: 'ran', value: result };
}

async function setAll(redis: RedisClient, keys: readonly string[], value: string, ms: number): Promise<void> {
  const p = redis.pipeline();
  for (const key of keys) p.set(key, value, 'PX', ms);
  for (const [err] of (await p.exec()) ?? []) if (err) throw err;
}
