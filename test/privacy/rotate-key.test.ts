// `npm run rotate-key` (src/privacy/rotate.ts): 10,000 values under the old key are re-sealed under
// the new one, in pages, and a crash in the middle resumes from the checkpoint; a value the bot
// changes meanwhile is left alone. The same pass upgrades what an older version stored: values not
// bound to their place (v1), staff names in clear, invitations stored under their secret — and once
// nothing is left, the bot refuses an unbound value.
import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRecord, sealRecord } from '../../src/store/record-pack.ts';
import { DataCipher } from '../../src/store/crypto.ts';
import { createKeys } from '../../src/store/keys.ts';
import { KeyRotation } from '../../src/privacy/rotate.ts';
import { OrgStore } from '../../src/org/org-store.ts';
import { inviteIdOf } from '../../src/org/invitations.ts';
import { outboxBinding } from '../../src/outbox/outbox.ts';
import { deletePrefix, redisUrl } from '../support/redis.ts';
import { legacySeal } from '../support/legacy-seal.ts';
import { readableParts } from '../support/cleartext.ts';

const key = (s: string) => createHash('sha256').update(s).digest();
const OLD = key('rotate old');
const NEW = key('rotate new');
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

const job = (u: number) => `${prefix}{bull}:reminder-sends:out-${u}`;

/** 10,000 sealed values under the old key — hash fields (cases), list elements (review logs),
 *  strings, an outbox job's JSON data with a sealed message — half of the users' as an older
 *  version stored them (unbound, v1), plus clear values that must stay as they are. */
async function seed(): Promise<void> {
  const old = new DataCipher([OLD]);
  const seal = (u: number, value: unknown, at: string, field?: string) => (u % 2 === 0 ? legacySeal(OLD, value) : old.seal(value, at, field));
  const p = redis.pipeline();
  for (let u = 0; u < 100; u++) {
    const fields: string[] = [];
    for (let c = 0; c < 60; c++) fields.push(`c${c}`, seal(u, { id: `c${c}`, initials: 'Si', age: 40 + (c % 9) }, keys.cases(u), `c${c}`));
    p.hset(keys.cases(u), ...fields);
    p.hset(keys.session(u), 'rev', '3', 'data', seal(u, { lang: 'id' }, keys.session(u), 'data'), 'upd', '17');
    p.rpush(keys.reviewLog(u, 'n1'), ...Array.from({ length: 28 }, (_, i) => seal(u, { action: 'submitted', version: i }, keys.reviewLog(u, 'n1'))));
    p.set(`${prefix}{u:${u}}:note-text`, seal(u, 'catatan', `${prefix}{u:${u}}:note-text`));
    p.hset(job(u), 'name', 'outbox', 'data', JSON.stringify({ to: u, sealed: seal(u, { kind: 'feedback', text: 'x' }, outboxBinding(`out-${u}`)) }));
    p.hset(keys.membership(u), 'orgId', 'org1', 'role', 'worker');
  }
  await p.exec();
}

describe('npm run rotate-key', () => {
  it('re-seals 10,000 values under the new key and bound to their place, resumes after a crash, never overwrites a newer write', async () => {
    await seed(); // 100 × (60 + 1 + 28 + 1 + 1) = 9,100 … plus below
    const extra = redis.pipeline();
    for (let i = 0; i < 900; i++) extra.hset(keys.notes(i % 100, 'case1'), `n${i}`, legacySeal(OLD, { id: `n${i}` }));
    // what this version writes, under the old key: a case and a session's data compressed as bytes, a
    // packed note's bytes — after the upgrade a rotation meets only these
    const old = new DataCipher([OLD]);
    const packedNote = Buffer.from('a packed note, as bytes');
    extra.hset(keys.cases(200), 'b1', sealRecord(old, 'case', { id: 'b1', initials: 'Ab', age: 30 }, keys.cases(200), 'b1'));
    extra.hset(keys.session(200), 'rev', '5', 'data', sealRecord(old, 'session', { lang: 'en' }, keys.session(200), 'data'));
    extra.hset(keys.notes(200, 'b1'), 'p1', old.encryptBytes(packedNote, keys.notes(200, 'b1'), 'p1'));
    await extra.exec();

    const both = [NEW, OLD];
    let pages = 0;
    const crashing = new KeyRotation({
      redis, keys, prefix, dataKeys: both, batch: 50,
      onPage: async () => {
        pages++;
        // the bot writes meanwhile (under the new key): the rotation must not touch it
        if (pages === 2) await redis.hset(keys.cases(7), 'c1', sealRecord(new DataCipher([NEW]), 'case', { id: 'c1', initials: 'BZG', age: 41 }, keys.cases(7), 'c1'));
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
    // every value reads with the new key alone, bound to where it is, unbound values refused; clear values untouched
    const onlyNew = new DataCipher([NEW]);
    onlyNew.refuseUnbound();
    for (const u of [0, 7, 42, 99]) {
      // cases and sessions compressed, sealed as bytes (src/store/record-pack.ts)
      const cases = await redis.hgetallBuffer(keys.cases(u));
      expect(Object.keys(cases)).toHaveLength(60);
      for (const [id, v] of Object.entries(cases)) {
        expect(v[0]).toBe(0x03);
        expect(openRecord<{ initials: string }>(onlyNew, v, keys.cases(u), id).initials).toMatch(/^(Si|BZG)$/);
      }
      const log = await redis.lrange(keys.reviewLog(u, 'n1'), 0, -1);
      expect(log.map((e) => onlyNew.open<{ version: number }>(e, keys.reviewLog(u, 'n1')).version)).toEqual(Array.from({ length: 28 }, (_, i) => i));
      expect(await redis.hmget(keys.session(u), 'rev', 'upd')).toEqual(['3', '17']);
      expect(openRecord(onlyNew, (await redis.hgetBuffer(keys.session(u), 'data'))!, keys.session(u), 'data')).toEqual({ lang: 'id' });
      const data = JSON.parse((await redis.hget(job(u), 'data'))!) as { to: number; sealed: string };
      expect(data.to).toBe(u);
      expect(onlyNew.open(data.sealed, outboxBinding(`out-${u}`))).toEqual({ kind: 'feedback', text: 'x' });
      expect(await redis.hgetall(keys.membership(u))).toEqual({ orgId: 'org1', role: 'worker' });
    }
    // the bytes of this version: under the new key now, reading the same
    expect(openRecord<{ initials: string }>(onlyNew, (await redis.hgetBuffer(keys.cases(200), 'b1'))!, keys.cases(200), 'b1').initials).toBe('Ab');
    expect(openRecord(onlyNew, (await redis.hgetBuffer(keys.session(200), 'data'))!, keys.session(200), 'data')).toEqual({ lang: 'en' });
    expect(onlyNew.decryptBytes((await redis.hgetBuffer(keys.notes(200, 'b1'), 'p1'))!, keys.notes(200, 'b1'), 'p1')).toEqual(packedNote);
    // the concurrent write survived
    expect(openRecord<{ initials: string }>(onlyNew, (await redis.hgetBuffer(keys.cases(7), 'c1'))!, keys.cases(7), 'c1').initials).toBe('BZG');
    expect(stats.converted).toBeGreaterThan(0);
    console.info(`rotation of 10,000 values (with a crash and a resume): ${ms} ms`);
  }, 60_000);

  it('with DATA_KEY alone, upgrades an older version’s data: staff names sealed, invitation secrets replaced by their hash; then the bot refuses unbound values', async () => {
    const p2 = `test-upgrade-${process.pid}:`;
    const k2 = createKeys(p2);
    await deletePrefix(redis, p2);
    try {
      const member = { userId: 6001, name: 'Budi Santoso', role: 'worker', joinedAt: '2025-01-01T00:00:00.000Z', supervisors: [5001] };
      const invite = { secret: 'abcdefghijkl', role: 'worker', createdBy: 5001, createdAt: '2025-01-01T00:00:00.000Z', expiresAt: '2099-01-01T00:00:00.000Z', maxUses: null, uses: 0, revoked: false, assignTo: 5001 };
      await redis.hset(k2.members('org1'), '6001', JSON.stringify(member));
      await redis.hset(k2.departed('org1'), '6002', JSON.stringify({ userId: 6002, at: '2025-02-01T00:00:00.000Z', cases: 2, name: 'Dewi' }));
      await redis.hset(k2.invites('org1'), 'abcdefghijkl', JSON.stringify(invite));
      await redis.hset(k2.cases(6001), 'k1', legacySeal(NEW, { id: 'k1' }));
      // nothing readable is left in clear: the names and the secret are gone from Redis
      const rotation = new KeyRotation({ redis, keys: k2, prefix: p2, dataKeys: [NEW] });
      expect((await rotation.run()).converted).toBe(4);
      expect(await rotation.remaining()).toBe(0);
      await rotation.markSealed();
      const raw = readableParts(JSON.stringify([await redis.hgetall(k2.members('org1')), await redis.hgetall(k2.departed('org1')), await redis.hgetall(k2.invites('org1'))]));
      for (const clear of ['Budi', 'Dewi', 'abcdefghijkl']) expect(raw).not.toContain(clear);
      const cipher = new DataCipher([NEW]);
      const view = await new OrgStore(redis, k2, cipher).load('org1');
      expect(view.members[6001]).toEqual(member);
      expect(view.departed[6002]).toMatchObject({ name: 'Dewi', cases: 2 });
      const { secret: _s, ...rest } = invite;
      expect(view.invites).toEqual({ [inviteIdOf('abcdefghijkl')]: { ...rest, id: inviteIdOf('abcdefghijkl') } });
      // the invitation still works with the link people hold
      expect(await new OrgStore(redis, k2, cipher).consumeInvite('org1', 'abcdefghijkl', 7001, '2025-06-01T00:00:00.000Z')).toMatchObject({ uses: 1, id: inviteIdOf('abcdefghijkl') });
      expect(await redis.hget(k2.rotation, 'sealed')).toBe('v2');
    } finally {
      await deletePrefix(redis, p2);
    }
  });
});
