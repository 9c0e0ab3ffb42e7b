// What the notes bench needs of a bot under test: ours (bench/notes.ts) and the peers (bench/peers/).
import type { Redis } from 'ioredis';
import type { Update } from 'grammy/types';
import type { Answers } from './workload.ts';
import type { StubTelegram } from './stub-api.ts';
import type { RedisMeter } from './redis-meter.ts';

export interface BenchBot {
  readonly name: string;
  /** one update, as the bot's receiving loop hands it over; false when it failed */
  handle(update: Update): Promise<boolean>;
  /** gives each worker a case to write a note for (and, for ours, the right to use the bot) */
  seed(users: number[]): Promise<void>;
  /** the answers of every note saved for this worker's case, read back from Redis */
  saved(users: number[]): Promise<Map<number, Answers[]>>;
  close(): Promise<void>;
}

export interface BenchBotOptions {
  redisUrl: string;
  /** every key this bot writes starts with it */
  prefix: string;
  stub: StubTelegram;
  meter: RedisMeter;
}

export type BenchBotFactory = (o: BenchBotOptions) => Promise<BenchBot>;

/** Reads many users' data at once, 64 at a time. */
export async function inBatches<T>(items: T[], fn: (x: T) => Promise<void>, size = 64): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}

/** Deletes a prefix's keys (SCAN + UNLINK). */
export async function dropPrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await redis.unlink(...keys);
  } while (cursor !== '0');
}
