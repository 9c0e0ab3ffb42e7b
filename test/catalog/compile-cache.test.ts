// The compile cache of the built-in flows: a second start with the same files reads the compiled
// flows back (equal to a fresh compile); a changed flow file, or a broken one, is compiled and
// checked afresh — a cached earlier result never hides a problem.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisCompileCache, type CompiledBuiltins, type FlowCompileCache } from '../../src/catalog/compile-cache.ts';
import { DEFAULT_FLOWS_DIR, loadBuiltinFiles } from '../../src/catalog/load-flows.ts';
import { FlowError } from '../../src/engine/flow-compiler.ts';
import { createKeys } from '../../src/store/keys.ts';
import { deletePrefix, redisUrl } from '../support/redis.ts';

const PREFIX = `test:compile-cache:${process.pid}:`;
let redis: Redis;
let dir: string;

/** The Redis cache, counting what it is asked. */
function counted(inner: FlowCompileCache) {
  const seen = { hits: 0, misses: 0, sets: 0 };
  const cache: FlowCompileCache = {
    async get(key) {
      const v = await inner.get(key);
      if (v) seen.hits++;
      else seen.misses++;
      return v;
    },
    async set(key, value: CompiledBuiltins) {
      seen.sets++;
      await inner.set(key, value);
    },
  };
  return { cache, seen };
}

beforeAll(async () => {
  redis = new Redis(redisUrl());
  dir = await mkdtemp(path.join(os.tmpdir(), 'pendamping-flows-'));
  await cp(DEFAULT_FLOWS_DIR, dir, { recursive: true });
});
afterAll(async () => {
  await deletePrefix(redis, PREFIX);
  redis.disconnect();
  await rm(dir, { recursive: true, force: true });
});

describe('compile cache', () => {
  it('reads back what a start compiled, equal to a fresh compile, and keeps it 30 days', async () => {
    const keys = createKeys(PREFIX);
    const { cache, seen } = counted(redisCompileCache(redis, keys));
    const first = await loadBuiltinFiles(dir, cache);
    expect(seen).toEqual({ hits: 0, misses: 1, sets: 1 });
    const second = await loadBuiltinFiles(dir, cache);
    expect(seen).toEqual({ hits: 1, misses: 1, sets: 1 });
    expect(second).toEqual(first);
    expect(second).toEqual(JSON.parse(JSON.stringify(await loadBuiltinFiles(dir))));
    expect(second.current).toHaveLength(6);
    expect(second.earlier).toHaveLength(6);
    const [key] = await redis.keys(`${PREFIX}{flows}:compiled:*`);
    expect(await redis.ttl(key!)).toBeGreaterThan(29 * 86_400);
  });

  it('compiles again when a flow file changes, and a broken file still fails', async () => {
    const keys = createKeys(PREFIX);
    const { cache, seen } = counted(redisCompileCache(redis, keys));
    await loadBuiltinFiles(dir, cache);
    const file = path.join(dir, 'zastrow-mezzo.yaml');
    const original = await readFile(file, 'utf8');
    try {
      await writeFile(file, original.replace(/\n$/, '\n# a comment changes the text\n'));
      await loadBuiltinFiles(dir, cache);
      expect(seen.misses).toBe(1);
      expect(seen.sets).toBe(1);
      await writeFile(file, original.replace(/^id: .*$/m, 'id: 42 invalid'));
      await expect(loadBuiltinFiles(dir, cache)).rejects.toBeInstanceOf(FlowError);
      expect(seen.sets).toBe(1);
    } finally {
      await writeFile(file, original);
    }
    // the original text is known again
    await loadBuiltinFiles(dir, cache);
    expect(seen.hits).toBe(2);
  });
});
