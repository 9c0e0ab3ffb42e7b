// Key rotation: 10,000 values under the old key are re-encrypted under the new one, in pages, and a
// crash in the middle resumes from the checkpoint; a value the bot changes meanwhile is left alone.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataCipher } from '../../src/store/crypto.ts';
import { createKeys } from '../../src/store/keys.ts';
import { KeyRotation } from '../../src/privacy/rotate.ts';
import { deletePrefix, redisUrl } from '../support/redis.ts';

const OLD = Buffer.alloc(32, 1);
const NEW = Buffer.alloc(32, 2);
const prefix = `test-rotate-${process.pid}:`;
const keys = createKeys(prefix);
let redis: Redis;

beforeAll(async () => {
  redis = new Redis(redisUrl());
  await deletePrefix(redis, prefix);
});
afterAll(async () => {
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

/** 10,000 sealed values: hash fields (cases), list elements (review logs), strings, and an outbox
 *  job's JSON data with a sealed message — plus clear values that must stay as they are. */
async function seed(): Promise<void> {
  const old = new DataCipher([OLD]);
  const p = redis.pipeline();
  for (let u = 0; u < 100; u++) {
    const fields: string[] = [];
    for (let c = 0; c < 60; c++) fields.push(`c${c}`, old.seal({ id: `c${c}`, initials: 'Si', age: 40 + (c % 9) }));
    p.hset(keys.cases(u), ...fields);
    p.hset(keys.session(u), 'rev', '3', 'data', old.seal({ lang: 'id' }), 'upd', '17');
    p.rpush(keys.reviewLog(u, 'n1'), ...Array.from({ length: 28 }, (_, i) => old.seal({ action: 'submitted', version: i })));
    p.set(`${prefix}{u:${u}}:note-text`, old.seal('catatan'));
    p.hset(`${prefix}{bull}:reminder-sends:out-${u}`, 'name', 'outbox', 'data', JSON.stringify({ to: u, sealed: old.seal({ kind: 'feedback', text: 'x' }) }));
    p.hset(keys.membership(u), 'orgId', 'org1', 'role', 'worker');
  }
  await p.exec();
}

describe('npm run rotate-key', () => {
  it('re-encrypts 10,000 values, resumes after a crash, and never overwrites a newer write', async () => {
    await seed(); // 100 × (60 + 1 + 28 + 1 + 1) = 9,100 … plus below
    const extra = redis.pipeline();
    const old = new DataCipher([OLD]);
    for (let i = 0; i < 900; i++) extra.hset(keys.notes(i % 100, 'case1'), `n${i}`, old.seal({ id: `n${i}` }));
    await extra.exec();

    const both = [NEW, OLD];
    let pages = 0;
    const crashing = new KeyRotation({
      redis, keys, prefix, dataKeys: both, batch: 50,
      onPage: async () => {
        pages++;
        // the bot writes meanwhile (under the new key): the rotation must not touch it
        if (pages === 2) await redis.hset(keys.cases(7), 'c1', new DataCipher([NEW]).seal({ id: 'c1', initials: 'BZG', age: 41 }));
        if (pages === 3) throw new Error('killed');
      },
    });
    const started = Date.now();
    await expect(crashing.run()).rejects.toThrow('killed');
    const cp = await redis.hgetall(keys.rotation);
    expect(cp.cursor).not.toBe('0');
    const left = await new KeyRotation({ redis, keys, prefix, dataKeys: both }).remaining();
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThan(10_000);

    const resumed = new KeyRotation({ redis, keys, prefix, dataKeys: both, batch: 200 });
    const stats = await resumed.run();
    const ms = Date.now() - started;
    expect(await resumed.remaining()).toBe(0);
    // every value reads with the new key alone; clear values are untouched
    const onlyNew = new DataCipher([NEW]);
    for (const u of [0, 7, 42, 99]) {
      const cases = await redis.hgetall(keys.cases(u));
      expect(Object.keys(cases)).toHaveLength(60);
      for (const v of Object.values(cases)) expect(onlyNew.open<{ initials: string }>(v).initials).toMatch(/^(Si|BZG)$/);
      const log = await redis.lrange(keys.reviewLog(u, 'n1'), 0, -1);
      expect(log.map((e) => onlyNew.open<{ version: number }>(e).version)).toEqual(Array.from({ length: 28 }, (_, i) => i));
      const session = await redis.hgetall(keys.session(u));
      expect(session.rev).toBe('3');
      expect(onlyNew.open(session.data!)).toEqual({ lang: 'id' });
      const job = JSON.parse((await redis.hget(`${prefix}{bull}:reminder-sends:out-${u}`, 'data'))!) as { to: number; sealed: string };
      expect(job.to).toBe(u);
      expect(onlyNew.open(job.sealed)).toEqual({ kind: 'feedback', text: 'x' });
      expect(await redis.hgetall(keys.membership(u))).toEqual({ orgId: 'org1', role: 'worker' });
    }
    // the concurrent write survived
    expect(onlyNew.open<{ initials: string }>((await redis.hget(keys.cases(7), 'c1'))!).initials).toBe('BZG');
    expect(stats.converted).toBeGreaterThan(0);
    console.info(`rotation of 10,000 values (with a crash and a resume): ${ms} ms`);
  }, 60_000);
});
