// Flat memory (bench/README.md §3): our bot's heap after GC once 200 workers have finished a note,
// and again once 20,000 have (the same process, 19,800 more through the same bot). Nothing of a
// finished worker may stay in the bot's memory: their state lives in Redis.
import path from 'node:path';
import { Redis } from 'ioredis';
import { dropPrefix } from './bench-bot.ts';
import { createPendampingBot, measuredRun, type RunFigures } from './notes.ts';
import { RedisMeter } from './redis-meter.ts';
import { StubTelegram } from './stub-api.ts';

export interface MemorySpec {
  redisUrl: string;
  small: number;
  large: number;
  warmup: number;
}

export interface MemoryFigures {
  small_users: number;
  large_users: number;
  heap_small_mib: number;
  heap_large_mib: number;
  ratio: number;
  /** the figures of the run that took the bot from `small` to `large` finished workers */
  large_run: RunFigures;
}

export async function memoryRun(spec: MemorySpec): Promise<MemoryFigures> {
  const stub = new StubTelegram();
  const meter = new RedisMeter();
  const prefix = `bench:memory:${process.pid}:`;
  const bot = await createPendampingBot({ redisUrl: spec.redisUrl, prefix, stub, meter });
  const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);
  try {
    await measuredRun(bot, stub, meter, range(8_000_001, spec.warmup));
    const small = await measuredRun(bot, stub, meter, range(8_100_001, spec.small - spec.warmup));
    const large = await measuredRun(bot, stub, meter, range(8_200_001, spec.large - spec.small));
    return {
      small_users: spec.small,
      large_users: spec.large,
      heap_small_mib: small.heap_after_gc_mib,
      heap_large_mib: large.heap_after_gc_mib,
      ratio: large.heap_after_gc_mib / small.heap_after_gc_mib,
      large_run: large,
    };
  } finally {
    await bot.close();
    const redis = new Redis(spec.redisUrl);
    await dropPrefix(redis, prefix);
    redis.disconnect();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname) && process.send) {
  const spec = JSON.parse(process.argv[2]!) as MemorySpec & { runs: number };
  (async () => {
    const runs: MemoryFigures[] = [];
    for (let i = 0; i < spec.runs; i++) runs.push(await memoryRun(spec));
    return runs;
  })()
    .then((r) => process.send!({ ok: true, result: r }, () => process.exit(0)))
    .catch((err: unknown) => process.send!({ ok: false, error: err instanceof Error ? err.stack ?? err.message : String(err) }, () => process.exit(1)));
}
