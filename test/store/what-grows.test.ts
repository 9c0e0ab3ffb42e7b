// What grows in Redis besides the notes, and what is kept of it (issue #29.5; docs/redis-keys.md,
// "What grows, and what is kept"):
//  - a note's draft leaves the session when the note is saved or cancelled: the session's sealed
//    `data` is back to its size before the draft (through the real bot);
//  - BullMQ keeps what the queues were created to keep: after more jobs than the count, the
//    completed and failed sets hold the count, the events stream about 100 entries, and a job made by
//    a job scheduler carries the same retention;
//  - a case the user no longer sees (an organisation left, a suspension) loses its job scheduler at
//    the next sync, and gets it back when it is visible again.
import { Worker, type Queue } from 'bullmq';
import { Api } from 'grammy';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createI18n } from '../../src/bot/create-bot.ts';
import { loadCatalog } from '../../src/catalog/load-flows.ts';
import { ExportQueue } from '../../src/export/jobs.ts';
import { createLogger } from '../../src/logger.ts';
import { ReminderQueues, bullConnection, schedulerId } from '../../src/reminders/queues.ts';
import { syncSchedulers } from '../../src/reminders/sync-job.ts';
import type { ReminderWorkerDeps } from '../../src/reminders/worker-deps.ts';
import { DataCipher } from '../../src/store/crypto.ts';
import { createKeys } from '../../src/store/keys.ts';
import type { RedisClient } from '../../src/store/redis-connection.ts';
import type { CaseRecord } from '../../src/store/records.ts';
import type { SessionData } from '../../src/store/session.ts';
import { WorkspaceStore } from '../../src/store/workspace-store.ts';
import { Harness, TEST_DATA_KEY, openCase, team } from '../support/bot-harness.ts';
import { fillNote } from '../support/note-driver.ts';
import { deletePrefix, redisUrl } from '../support/redis.ts';

describe('a draft leaves the session when it is done', () => {
  let h: Harness;
  const W = 7401;

  beforeAll(async () => {
    h = await Harness.start({ now: new Date('2025-03-10T03:00:00Z') });
    await team(h, { supervisor: { id: 5401, name: 'Rina' }, workers: [{ id: W, name: 'Sari' }] });
    await openCase(h, 'Si', 'Zastrow', W, 'Bapas');
  });

  afterAll(async () => {
    await h?.stop();
  });

  /** the sealed session as stored: its `data` field's bytes, and the whole key's MEMORY USAGE (which
   *  may stay a bucket array larger: a draft adds the clear `cases` field, and a hash Redis once
   *  converted from a listpack to a hashtable grows, never shrinks — so up to 64 bytes more) */
  const session = async () => ({
    data: await h.redis.hstrlen(h.keys.session(W), 'data'),
    memory: Number(await h.redis.call('MEMORY', 'USAGE', h.keys.session(W), 'SAMPLES', '0')),
    activity: (await h.workspace(W)).session?.activity,
  });
  const text = () => 'Klien bercerita bahwa hubungannya dengan ibunya mulai membaik sejak kunjungan terakhir ke rumah, dan kakaknya mulai mau bertemu lagi.';

  it('after ✖️ /batal and after 💾 Simpan the session is the size it was before the draft', async () => {
    const before = await session();
    expect(before.activity).toBeUndefined();

    // a note begun, half answered, then cancelled
    await h.say('/catat', { user: W });
    await h.tap(/^Si \(/, W);
    const asked = await fillNote(h, { user: W, text, until: 'refleksi_peksos' });
    expect(asked.length).toBeGreaterThan(5);
    const midNote = await session();
    expect(midNote.activity?.kind).toBe('note');
    expect(midNote.data).toBeGreaterThan(before.data + 150);
    await h.say('/batal', { user: W });
    await h.tap('Ya, batalkan', W);
    const cancelled = await session();
    expect(cancelled.activity).toBeUndefined();
    expect(Math.abs(cancelled.data - before.data)).toBeLessThanOrEqual(8);
    expect(Math.abs(cancelled.memory - before.memory)).toBeLessThanOrEqual(64);

    // a note written to the end and saved (then its stage kept, as the bot offers)
    await h.say('/catat', { user: W });
    await h.tap(/^Si \(/, W);
    await fillNote(h, { user: W, text });
    expect((await session()).data).toBeGreaterThan(before.data + 150);
    await h.tap(/Simpan/, W);
    const saved = await session();
    expect(saved.activity).toBeUndefined();
    expect(Math.abs(saved.data - before.data)).toBeLessThanOrEqual(8);
    expect(Math.abs(saved.memory - before.memory)).toBeLessThanOrEqual(64);
    await h.tap(/^Tetap di tahap/, W);
    const stayed = await session();
    expect(Math.abs(stayed.data - before.data)).toBeLessThanOrEqual(8);
    expect(Object.keys((await h.workspace(W, Object.keys((await h.workspace(W)).cases)[0])).notes ?? {})).toHaveLength(1);
  });
});

describe('BullMQ keeps what the queues were created to keep', () => {
  const prefix = `test-grows-${process.pid}:`;
  const keys = createKeys(prefix);
  let redis: Redis;
  let bull: RedisClient;
  let reminders: ReminderQueues;
  let exports: ExportQueue;

  beforeAll(async () => {
    redis = new Redis(redisUrl());
    bull = bullConnection(redisUrl());
    reminders = new ReminderQueues(bull, keys);
    exports = new ExportQueue(bull, keys, redis);
  });

  afterAll(async () => {
    await reminders?.close();
    await exports?.close();
    if (redis) {
      await deletePrefix(redis, prefix);
      redis.disconnect();
    }
    bull?.disconnect();
  });

  /** Adds `n` jobs and has a worker finish them: each job whose id says so fails (one attempt). */
  async function runJobs(queue: Queue, name: string, n: number, fail: boolean): Promise<void> {
    const tag = fail ? 'f' : 'c';
    const worker = new Worker(queue.name, async (job) => {
      if (String(job.id).startsWith('f-')) throw new Error('failed on purpose');
    }, { connection: bull, prefix: keys.bullPrefix, concurrency: 50, autorun: false });
    let finished = 0;
    const all = new Promise<void>((resolve) => {
      const one = () => void (++finished === n && resolve());
      worker.on('completed', one);
      worker.on('failed', one);
    });
    for (let i = 0; i < n; i += 500) {
      await queue.addBulk(Array.from({ length: Math.min(500, n - i) }, (_, k) => ({
        name,
        data: { userId: 1, i: i + k },
        opts: { jobId: `${tag}-${name}-${i + k}`, ...(fail ? { attempts: 1 } : {}) },
      })));
    }
    void worker.run();
    await all;
    await worker.close();
  }

  const bullKey = (queue: string, what: string) => `${keys.bullPrefix}:${queue}:${what}`;

  for (const which of ['reminders', 'reminder-sends', 'exports'] as const) {
    it(`${which}: the last 1,000 completed, the last 1,000 failed, about 100 events`, async () => {
      const queue: Queue = which === 'reminders' ? reminders.schedule : which === 'reminder-sends' ? reminders.sends : exports.queue;
      const events = 100;
      // as created: an hour / a week, and at most 1,000 each
      expect(queue.defaultJobOptions).toMatchObject({ removeOnComplete: { age: 3600, count: 1000 }, removeOnFail: { age: 7 * 86_400, count: 1000 } });
      const name = which === 'exports' ? 'report' : which === 'reminders' ? 'sync' : 'deliver';
      await runJobs(queue, name, 1_100, false);
      await runJobs(queue, name, 1_050, true);
      expect(await redis.zcard(bullKey(which, 'completed'))).toBe(1000);
      expect(await redis.zcard(bullKey(which, 'failed'))).toBe(1000);
      // the jobs beyond the count are gone, not merely out of the sets
      expect(await redis.exists(bullKey(which, `c-${name}-0`))).toBe(0);
      expect(await redis.exists(bullKey(which, `c-${name}-1099`))).toBe(1);
      // the events stream: its meta says 100, and MAXLEN ~ keeps at most one stream node (100) more
      expect(await redis.hget(bullKey(which, 'meta'), 'opts.maxLenEvents')).toBe(String(events));
      const length = await redis.xlen(bullKey(which, 'events'));
      expect(length).toBeGreaterThanOrEqual(events);
      expect(length).toBeLessThanOrEqual(events + 100);
    });
  }

  it("a job scheduler's jobs carry the queue's retention", async () => {
    await reminders.schedule.upsertJobScheduler('case:1:abc', { pattern: '0 8 * * 1', tz: 'Asia/Jakarta' }, { name: 'occurrence', data: { userId: 1, caseId: 'abc' } });
    const [next] = await reminders.schedule.getJobs(['delayed']);
    expect(next?.opts).toMatchObject({ removeOnComplete: { age: 3600, count: 1000 }, removeOnFail: { age: 7 * 86_400, count: 1000 } });
    await reminders.schedule.removeJobScheduler('case:1:abc');
  });
});

describe('job schedulers follow the cases the user sees', () => {
  const prefix = `test-grows-sched-${process.pid}:`;
  const keys = createKeys(prefix);
  const ORG = 'orgGrow';
  const U = 7501;
  let redis: Redis;
  let bull: RedisClient;
  let queues: ReminderQueues;
  let store: WorkspaceStore<SessionData>;
  let d: ReminderWorkerDeps;

  beforeAll(async () => {
    redis = new Redis(redisUrl());
    bull = bullConnection(redisUrl());
    queues = new ReminderQueues(bull, keys);
    store = new WorkspaceStore<SessionData>(redis, keys, new DataCipher([TEST_DATA_KEY]));
    d = {
      connection: bull, queues, redis, store, keys, api: new Api('1:x', { apiRoot: 'http://127.0.0.1:9' }), catalog: await loadCatalog(), i18n: createI18n(),
      logger: createLogger('silent'), now: () => Date.parse('2025-03-10T03:00:00Z'), defaultZone: 'Asia/Jakarta',
    };
  });

  afterAll(async () => {
    await queues?.close();
    if (redis) {
      await deletePrefix(redis, prefix);
      redis.disconnect();
    }
    bull?.disconnect();
  });

  const at = '2025-03-01T02:00:00.000Z';
  const aCase = (id: string, orgId: string | undefined): CaseRecord => ({
    id, ownerId: U, ...(orgId ? { orgId } : {}), initials: 'Si', age: 42, gender: 'p', setting: 'bapas', problem: 'Relasi renggang',
    flowId: 'zastrow-mezzo', stageId: 'kontak_awal', status: 'active', createdAt: at, updatedAt: at, noteCount: 0, monitoring: { cadence: 'weekly' },
  });
  const schedulers = async () => (await queues.schedule.getJobSchedulers()).map((s) => s.key).filter((k) => k.startsWith(`case:${U}:`)).sort();

  it('an organisation left or a suspension takes its cases\' schedulers away; back in it, they return', async () => {
    await redis.hset(keys.memberships(U), ORG, JSON.stringify({ role: 'worker' }));
    await redis.hset(keys.membership(U), 'orgId', ORG);
    await store.commit(U, 0, { session: {}, cases: [aCase('caseOrg1', ORG), aCase('caseOrg2', ORG), aCase('caseOwn1', undefined)] });
    await syncSchedulers(d, U);
    expect(await schedulers()).toEqual([schedulerId(U, 'caseOrg1'), schedulerId(U, 'caseOrg2'), schedulerId(U, 'caseOwn1')].sort());

    // suspended in the organisation: its cases are not read for them, nor reminded
    await redis.hset(keys.memberships(U), ORG, JSON.stringify({ role: 'worker', suspended: true }));
    expect(await syncSchedulers(d, U)).toEqual({ active: 1, removed: 2 });
    expect(await schedulers()).toEqual([schedulerId(U, 'caseOwn1')]);

    // resumed: back
    await redis.hset(keys.memberships(U), ORG, JSON.stringify({ role: 'worker' }));
    await syncSchedulers(d, U);
    expect(await schedulers()).toHaveLength(3);

    // left (the cases stay with the organisation, for an admin to move): gone, and stay gone
    await redis.hdel(keys.memberships(U), ORG);
    await redis.hdel(keys.membership(U), 'orgId');
    expect(await syncSchedulers(d, U)).toEqual({ active: 1, removed: 2 });
    expect(await syncSchedulers(d, U)).toEqual({ active: 1, removed: 0 });
    expect(await schedulers()).toEqual([schedulerId(U, 'caseOwn1')]);
  });
});
