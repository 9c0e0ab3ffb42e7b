// Exports are queued fairly (issue #23.5): one user's many do not go before another user's first,
// and a user has one export in flight at a time — through the real queue and the real export
// worker (BullMQ on Redis, two at a time), sending to the fake Bot API.
import { Api } from 'grammy';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createI18n } from '../../src/bot/create-bot.ts';
import { loadCatalog } from '../../src/catalog/load-flows.ts';
import { createLogger } from '../../src/logger.ts';
import { ExportQueue, exportJobId, type ExportJob } from '../../src/export/jobs.ts';
import { botFileUrl, startExportWorker, type ExportWorker } from '../../src/export/worker.ts';
import { bullConnection } from '../../src/reminders/queues.ts';
import { DataCipher } from '../../src/store/crypto.ts';
import { createKeys } from '../../src/store/keys.ts';
import type { RedisClient } from '../../src/store/redis-connection.ts';
import type { SessionData } from '../../src/store/session.ts';
import { WorkspaceStore } from '../../src/store/workspace-store.ts';
import { TEST_DATA_KEY } from '../support/bot-harness.ts';
import { FakeBotApi, type ApiCall } from '../support/fake-bot-api.ts';
import { deletePrefix, redisUrl } from '../support/redis.ts';
import { buildSeed, writeSeed } from './fixtures.ts';

const PREFIX = `test-fair-${process.pid}:`;
const TOKEN = '123456:TEST-token-for-fair-exports';
const F = 5_101;
const G = 5_102;
const keys = createKeys(PREFIX);
let fake: FakeBotApi;
let redis: Redis;
let bull: RedisClient;
let queue: ExportQueue;
let worker: ExportWorker;
const cases: Record<number, string> = {};
/** lets F's held document go (also after a failure, so the worker can close) */
let release: () => void = () => undefined;

beforeAll(async () => {
  fake = await FakeBotApi.start();
  redis = new Redis(redisUrl());
  bull = bullConnection(redisUrl());
  const store = new WorkspaceStore<SessionData>(redis, keys, new DataCipher([TEST_DATA_KEY]));
  const catalog = await loadCatalog();
  for (const user of [F, G]) {
    const seed = buildSeed(catalog, { ownerId: user, flowId: 'zastrow-mezzo', notes: 2, stages: 1, firstDay: '2025-01-06' }, `fair${user}`);
    await writeSeed(store, redis, keys, seed);
    cases[user] = seed.case.id;
  }
  queue = new ExportQueue(bull, keys, redis);
  worker = startExportWorker({
    redis, keys, store, catalog, i18n: createI18n(), logger: createLogger('silent'),
    api: new Api(TOKEN, { apiRoot: fake.url }), fileUrl: botFileUrl(fake.url, TOKEN), connection: bull,
  });
});

afterAll(async () => {
  release();
  await worker?.close();
  await queue?.close();
  await deletePrefix(redis, PREFIX);
  redis.disconnect();
  bull.disconnect();
  await fake?.stop();
});

const job = (userId: number): ExportJob => ({ userId, lang: 'id', zone: 'Asia/Jakarta', at: '2025-03-14T03:00:00.000Z', kind: 'report', format: 'docx', caseId: cases[userId]! });
const documentTo = (user: number) => (c: ApiCall) => c.method === 'sendDocument' && Number(c.payload['chat_id']) === user;

describe('fair export queueing', () => {
  it('makes another user\'s first export while one user\'s first is still sending and more of theirs wait, and theirs one at a time', async () => {
    // F's first document is held by Telegram (a slow upload)
    release = fake.holdNext('sendDocument');
    await queue.request(job(F), exportJobId(F, 1));
    const held = await fake.waitForCall(documentTo(F), { timeoutMs: 10_000 });
    for (let u = 2; u <= 4; u++) await queue.request(job(F), exportJobId(F, u));
    await queue.request(job(G), exportJobId(G, 1));
    await fake.waitForCall((c) => documentTo(G)(c) && c.response?.ok === true, { timeoutMs: 10_000 });
    // G's went out while F's first was still held, and before any other of F's
    expect(held.response).toBeUndefined();
    expect(fake.calls.filter(documentTo(F))).toHaveLength(1);
    // one of F's at a time: with a slot free again, F's others are tried (and put back) while F's first
    // is in flight, and none of them is made
    await new Promise((r) => setTimeout(r, 1_500));
    expect(held.response).toBeUndefined();
    expect(fake.calls.filter(documentTo(F))).toHaveLength(1);

    release();
    const done = async () => (await Promise.all([1, 2, 3, 4].map((u) => queue.queue.getJobState(exportJobId(F, u))))).every((s) => s === 'completed');
    for (let i = 0; i < 400 && !(await done()); i++) await new Promise((r) => setTimeout(r, 25));
    expect(fake.calls.filter((c) => documentTo(F)(c) && c.response?.ok === true)).toHaveLength(4);
    // ranked: each user's first before anyone's second
    const jobs = await Promise.all([1, 2, 3, 4].map((u) => queue.queue.getJob(exportJobId(F, u))));
    expect(jobs.map((j) => j?.opts.priority)).toEqual([1, 2, 3, 4]);
    expect((await queue.queue.getJob(exportJobId(G, 1)))?.opts.priority).toBe(1);
    // nothing of F's is counted as queued any more, and F's slot is free
    expect(await redis.zcard(keys.exportsQueued(F))).toBe(0);
    expect(await redis.exists(keys.exportRunning(F))).toBe(0);
  }, 30_000);
});
