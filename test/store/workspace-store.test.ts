// The workspace store against a real Redis: one read, one atomic write, encryption at rest, races.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataCipher, SealedValueError } from '../../src/store/crypto.ts';
import { legacySeal } from '../support/legacy-seal.ts';
import { createKeys } from '../../src/store/keys.ts';
import type { CaseRecord, NoteRecord } from '../../src/store/records.ts';
import { ConcurrentUpdateError, WorkspaceStore } from '../../src/store/workspace-store.ts';
import { UnitOfWork } from '../../src/store/unit-of-work.ts';
import type { EffectRelay } from '../../src/store/effect-relay.ts';
import type { Logger } from 'pino';
import { deletePrefix, redisUrl } from '../support/redis.ts';

const prefix = `test-store-${process.pid}:`;
const keys = createKeys(prefix);
const keyA = Buffer.alloc(32, 1);
const keyB = Buffer.alloc(32, 2);
let redis: Redis;

beforeAll(() => {
  redis = new Redis(redisUrl());
});
afterAll(async () => {
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

function aCase(ownerId: number, id = 'case000001'): CaseRecord {
  return {
    id, ownerId, initials: 'Si', age: 42, gender: 'p', setting: 'bapas', problem: 'Relasi keluarga renggang',
    flowId: 'zastrow-mezzo', stageId: 'penyadaran_masalah', status: 'active',
    createdAt: '2025-03-14T03:00:00.000Z', updatedAt: '2025-03-14T03:00:00.000Z', noteCount: 0,
  };
}

function aNote(caseId: string, id = 'note000001'): NoteRecord {
  return {
    id, caseId, authorId: 1, flowId: 'zastrow-mezzo', flowVersion: 1, stageId: 'penyadaran_masalah',
    stageTitle: { id: 'Penyadaran akan adanya masalah' }, stageIndex: 0, stageCount: 8,
    items: [{ id: 'tempat', type: 'text', label: { id: 'Di mana?' }, value: 'Rumah nenek di Cibinong' }],
    sessionDate: '2025-03-13', createdAt: '2025-03-14T03:00:00.000Z',
  };
}

describe('WorkspaceStore', () => {
  it('reads nothing for a new user', async () => {
    const store = new WorkspaceStore<{ n: number }>(redis, keys, new DataCipher([keyA]));
    expect(await store.load(101)).toEqual({ rev: 0, lastUpdate: undefined, locked: false, session: undefined, cases: {}, casesComplete: true, notes: undefined, blocked: false });
  });

  it('writes session, case and note in one atomic call and reads them back in one', async () => {
    const store = new WorkspaceStore<{ n: number }>(redis, keys, new DataCipher([keyA]));
    const rev = await store.commit(102, 0, { session: { n: 1 }, cases: [aCase(102)], notes: [aNote('case000001')] });
    expect(rev).toBe(1);
    const ws = await store.load(102, { notesOf: 'case000001' });
    expect(ws.rev).toBe(1);
    expect(ws.session).toEqual({ n: 1 });
    expect(ws.cases.case000001).toEqual(aCase(102));
    expect(ws.notes?.note000001).toEqual(aNote('case000001'));
  });

  it('keeps client data encrypted at rest, and every key of a user in one cluster slot', async () => {
    const store = new WorkspaceStore<{ secret: string }>(redis, keys, new DataCipher([keyA]));
    await store.commit(103, 0, { session: { secret: 'BZG sakau' }, cases: [aCase(103)], notes: [aNote('case000001')] });
    const stored = [
      await redis.hgetBuffer(keys.session(103), 'data'),
      await redis.hgetBuffer(keys.cases(103), 'case000001'),
      await redis.hgetBuffer(keys.notes(103, 'case000001'), 'note000001'),
    ];
    const raw = stored.map((v) => v!.toString('latin1')).join('|');
    for (const plain of ['sakau', 'Relasi', 'Cibinong', 'penyadaran']) expect(raw).not.toContain(plain);
    // the session and the case compressed and sealed as bytes (src/store/record-pack.ts); a note
    // without a codec (the store alone) whole, as text
    expect(stored.map((v) => v![0])).toEqual([0x03, 0x03, 'v'.charCodeAt(0)]);
    const tags = [keys.session(103), keys.cases(103), keys.notes(103, 'x')].map((k) => /\{[^}]+\}/.exec(k)![0]);
    expect(new Set(tags)).toEqual(new Set(['{u:103}']));
  });

  it('refuses a write from a stale reader, so no answer is overwritten or doubled', async () => {
    const store = new WorkspaceStore<{ n: number }>(redis, keys, new DataCipher([keyA]));
    await store.commit(104, 0, { session: { n: 1 } });
    const a = await store.load(104);
    const b = await store.load(104);
    await store.commit(104, a.rev, { session: { n: 2 } });
    await expect(store.commit(104, b.rev, { session: { n: 3 }, notes: [aNote('c1')] })).rejects.toBeInstanceOf(ConcurrentUpdateError);
    expect((await store.load(104)).session).toEqual({ n: 2 });
    expect(await redis.exists(keys.notes(104, 'c1'))).toBe(0); // nothing of the losing write landed
  });

  it('reads data written under an older key after a rotation, and writes with the new one', async () => {
    const old = new WorkspaceStore<{ n: number }>(redis, keys, new DataCipher([keyA]));
    await old.commit(105, 0, { session: { n: 7 }, cases: [aCase(105)] });
    const rotated = new WorkspaceStore<{ n: number }>(redis, keys, new DataCipher([keyB, keyA]));
    const ws = await rotated.load(105);
    expect(ws.session).toEqual({ n: 7 });
    await rotated.commit(105, ws.rev, { session: { n: 8 } });
    const sealed = (await redis.hgetBuffer(keys.session(105), 'data'))!;
    expect(sealed.subarray(1, 7).toString('base64url')).toBe(DataCipher.keyId(keyB));
    const withoutOld = new WorkspaceStore<{ n: number }>(redis, keys, new DataCipher([keyB]));
    // the case is still under key A: opened when looked at (src/store/lazy-records.ts), it fails then
    const without = await withoutOld.load(105);
    expect(without.session).toEqual({ n: 8 });
    expect(() => Object.values(without.cases)).toThrow(/no data key with id/);
  });

  it('deletes a session but keeps its revision, so a stale writer cannot start over', async () => {
    const store = new WorkspaceStore<{ n: number }>(redis, keys, new DataCipher([keyA]));
    await store.commit(106, 0, { session: { n: 1 } });
    await store.commit(106, 1, { session: null });
    expect(await store.load(106)).toMatchObject({ rev: 2, session: undefined });
    await expect(store.commit(106, 0, { session: { n: 9 } })).rejects.toBeInstanceOf(ConcurrentUpdateError);
  });

  it('reads only the cases the session names when asked, and all of them otherwise', async () => {
    type S = { draft?: string };
    const store = new WorkspaceStore<S>(redis, keys, new DataCipher([keyA]), { casesOf: (s) => (s.draft ? [s.draft] : []) });
    const a = aCase(108);
    const b = { ...aCase(108), id: 'other' };
    await store.commit(108, 0, { session: { draft: a.id }, cases: [a, b] });
    expect(await redis.hget(keys.session(108), 'cases')).toBe(a.id);
    const narrow = await store.load(108, { sessionCases: true });
    expect(Object.keys(narrow.cases)).toEqual([a.id]);
    expect(narrow.casesComplete).toBe(false);
    expect(narrow.cases[a.id]).toEqual(a);
    // and a case named by the update (a press on it) besides the session's
    expect(Object.keys((await store.load(108, { sessionCases: true, caseIds: ['other'] })).cases).sort()).toEqual([a.id, 'other'].sort());
    const full = await store.load(108);
    expect(Object.keys(full.cases).sort()).toEqual([a.id, 'other'].sort());
    expect(full.casesComplete).toBe(true);
    // an update planned as an answer cannot list the caseload: it would see a short one
    const uowOf = (plan: { sessionCases?: boolean }) => new UnitOfWork(store, 108, plan, {} as EffectRelay, () => ({}) as Logger);
    const answer = uowOf({ sessionCases: true });
    await answer.load();
    expect(answer.cases[a.id]).toEqual(a);
    expect(() => answer.allCases()).toThrow(/only the cases its session names/);
    const list = uowOf({});
    await list.load();
    expect(list.allCases().map((c) => c.id).sort()).toEqual([a.id, 'other'].sort());
    // a session naming no case: every case, whatever was asked; a named case that is gone is skipped
    await store.commit(108, 1, { session: {} });
    expect(await redis.hexists(keys.session(108), 'cases')).toBe(0);
    expect((await store.load(108, { sessionCases: true })).casesComplete).toBe(true);
    expect(Object.keys((await store.load(108, { sessionCases: true, caseIds: ['other'] })).cases)).toEqual(['other']);
    await store.commit(108, 2, { session: { draft: 'gone' } });
    const gone = await store.load(108, { sessionCases: true });
    expect(gone.cases).toEqual({});
    expect(gone.casesComplete).toBe(false);
  });

  it('refuses to write a case into another user\'s workspace', async () => {
    const store = new WorkspaceStore<{ n: number }>(redis, keys, new DataCipher([keyA]));
    await expect(store.commit(107, 0, { cases: [aCase(999)] })).rejects.toThrow(/owner/);
  });
});

describe('DataCipher', () => {
  it('detects tampering', () => {
    const c = new DataCipher([keyA]);
    const sealed = c.encrypt('catatan rahasia', 'p:{u:1}:notes:k1', 'n1');
    const parts = sealed.split('.');
    parts[4] = Buffer.from('catatan palsu!!').toString('base64url');
    expect(() => c.decrypt(parts.join('.'), 'p:{u:1}:notes:k1', 'n1')).toThrow(SealedValueError);
    expect(c.decrypt(sealed, 'p:{u:1}:notes:k1', 'n1')).toBe('catatan rahasia');
  });

  it('opens a value only where it was sealed: another key, another field, another user is refused', () => {
    const c = new DataCipher([keyA]);
    const sealed = c.seal({ text: 'Si (42) mengaku memakai lagi' }, 'p:{u:1}:notes:k1', 'n1');
    expect(c.open(sealed, 'p:{u:1}:notes:k1', 'n1')).toEqual({ text: 'Si (42) mengaku memakai lagi' });
    // the prefix is not part of the binding: a renamed REDIS_PREFIX still reads
    expect(c.open(sealed, 'other:{u:1}:notes:k1', 'n1')).toEqual({ text: 'Si (42) mengaku memakai lagi' });
    for (const [key, field] of [['p:{u:2}:notes:k1', 'n1'], ['p:{u:1}:notes:k2', 'n1'], ['p:{u:1}:notes:k1', 'n2'], ['p:{u:1}:cases', 'n1']] as const) {
      expect(() => c.open(sealed, key, field), `${key} ${field}`).toThrow(SealedValueError);
    }
  });

  it('reads a value sealed before values were bound (v1) until every value is re-sealed, then refuses it', () => {
    const legacy = legacySeal(keyA, { text: 'lama' });
    const c = new DataCipher([keyA]);
    expect(c.open(legacy, 'p:{u:1}:notes:k1', 'n1')).toEqual({ text: 'lama' });
    c.refuseUnbound();
    expect(() => c.open(legacy, 'p:{u:1}:notes:k1', 'n1')).toThrow(/unbound \(v1\) value/);
  });
});
