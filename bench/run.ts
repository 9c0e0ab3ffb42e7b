// `npm run bench`: what one update costs. Medians of many runs, and ratios measured in the same run
// (this machine is noisy: compare within a run, not across runs).
//   1. the pure engine: one step() on a real flow stage
//   2. the store: one workspace read and one atomic write, against a Redis round trip (PING)
//   3. a whole update through the real bot (all middleware, real Redis, fake Bot API over HTTP)
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import { loadCatalog } from '../src/catalog/load-flows.ts';
import { start, step, type FormState, type Input } from '../src/engine/step.ts';
import type { Form, Question } from '../src/engine/types.ts';
import { DataCipher } from '../src/store/crypto.ts';
import { createKeys } from '../src/store/keys.ts';
import { startLocalRedis } from '../src/store/local-redis.ts';
import type { CaseRecord } from '../src/store/records.ts';
import { WorkspaceStore } from '../src/store/workspace-store.ts';
import { Harness } from '../test/support/bot-harness.ts';
import { FakeBotApi } from '../test/support/fake-bot-api.ts';
import { Api } from 'grammy';
import type { SessionData } from '../src/bot/context.ts';
import { createI18n } from '../src/bot/create-bot.ts';
import { createLogger } from '../src/logger.ts';
import { bullConnection, ReminderQueues } from '../src/reminders/queues.ts';
import { deliver, startReminderWorkers, syncSchedulers } from '../src/reminders/worker.ts';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}
function p95(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length * 0.95)]!;
}
const us = (ms: number) => `${(ms * 1000).toFixed(1)} µs`;

function answerFor(q: Question): Input {
  switch (q.type) {
    case 'date': return { kind: 'text', text: q.allow === 'future' ? 'besok' : 'kemarin' };
    case 'yesno': return { kind: 'choice', questionId: q.id, value: 'true' };
    case 'choice': return { kind: 'choice', questionId: q.id, value: q.options[0]!.value };
    case 'multi': return { kind: 'text', text: '1' };
    case 'scale': return { kind: 'choice', questionId: q.id, value: String(q.max) };
    case 'number': return { kind: 'text', text: String(q.min ?? 1) };
    case 'file': return { kind: 'file', file: { fileId: 'x', kind: 'photo' } };
    default: return { kind: 'text', text: 'Klien bercerita dengan terbuka tentang keluarganya.' };
  }
}

async function benchEngine(): Promise<void> {
  const catalog = await loadCatalog();
  const form: Form = catalog.get('zastrow-mezzo')!.stages[6]!;
  const env = { today: '2025-03-14' };
  const times: number[] = [];
  let steps = 0;
  for (let run = 0; run < 300; run++) {
    let r = start(form);
    let state = r.state as FormState;
    while (state.cursor !== null) {
      const q = form.questions.find((x) => x.id === state.cursor)!;
      const t0 = performance.now();
      r = step(form, state, answerFor(q), env);
      times.push(performance.now() - t0);
      steps++;
      state = r.state!;
    }
  }
  console.log(`engine step (zastrow stage 7, ${form.questions.length} questions): median ${us(median(times))}, p95 ${us(p95(times))} over ${steps} steps`);
}

async function benchStore(url: string): Promise<void> {
  const redis = new Redis(url);
  const prefix = `bench-${process.pid}:`;
  const store = new WorkspaceStore<{ draft: string }>(redis, createKeys(prefix), new DataCipher([Buffer.alloc(32, 3)]));
  // a busy worker: 30 cases, a 2 KB draft
  const cases: CaseRecord[] = Array.from({ length: 30 }, (_, i) => ({
    id: `case${String(i).padStart(6, '0')}`, ownerId: 1, initials: 'Si', age: 42, gender: 'p', setting: 'bapas',
    problem: 'Relasi keluarga renggang setelah kasus narkoba berulang', flowId: 'zastrow-mezzo', stageId: 'evaluasi',
    status: 'active', createdAt: '2025-03-14T03:00:00.000Z', updatedAt: '2025-03-14T03:00:00.000Z', noteCount: 3,
  }));
  let rev = await store.commit(1, 0, { session: { draft: 'x'.repeat(2000) }, cases });
  const ping: number[] = [];
  const load: number[] = [];
  const commit: number[] = [];
  for (let i = 0; i < 500; i++) {
    let t0 = performance.now();
    await redis.ping();
    ping.push(performance.now() - t0);
    t0 = performance.now();
    await store.load(1);
    load.push(performance.now() - t0);
    t0 = performance.now();
    rev = await store.commit(1, rev, { session: { draft: `y${i}`.padEnd(2000, 'y') } });
    commit.push(performance.now() - t0);
  }
  const bytes = (await redis.hget(createKeys(prefix).session(1), 'data'))!.length + Object.values(await redis.hgetall(createKeys(prefix).cases(1))).join('').length;
  console.log(`redis PING round trip: median ${us(median(ping))}`);
  console.log(`workspace read (session + 30 cases, ${(bytes / 1024).toFixed(1)} KiB, decrypt): median ${us(median(load))} = ${(median(load) / median(ping)).toFixed(1)}× PING`);
  console.log(`workspace write (Lua compare-and-set, encrypt 2 KB draft): median ${us(median(commit))} = ${(median(commit) / median(ping)).toFixed(1)}× PING`);
  const left = await redis.keys(`${prefix}*`);
  if (left.length) await redis.del(...left);
  redis.disconnect();
}

async function benchUpdates(): Promise<void> {
  const h = await Harness.start();
  try {
    await h.say('/kasus_baru');
    for (const a of ['Si', '42']) await h.say(a);
    await h.tap('Perempuan');
    await h.tap('Bapas');
    await h.say('Relasi keluarga renggang');
    await h.tap('Zastrow');
    await h.tap('Simpan');
    const times: number[] = [];
    const before = { loads: h.store.loads, commits: h.store.commits };
    let updates = 0;
    for (let i = 0; i < 60; i++) {
      await h.say('/catat');
      await h.tap('Si (42)');
      await h.tap('✅ Tahap');
      for (const text of ['kemarin', 'kapan-kapan']) {
        const t0 = performance.now();
        await h.say(text); // a valid answer (next question) and an invalid one (hint)
        times.push(performance.now() - t0);
      }
      await h.say('/batal');
      await h.tap('Ya, batalkan');
      updates += 7;
    }
    const loads = (h.store.loads - before.loads) / updates;
    const commits = (h.store.commits - before.commits) / updates;
    console.log(`typed answer, whole update (middleware + engine + Redis + HTTP to the fake Bot API): median ${(median(times)).toFixed(2)} ms, p95 ${p95(times).toFixed(2)} ms`);
    console.log(`store calls per update: ${loads.toFixed(2)} reads, ${commits.toFixed(2)} writes (budget: 1 and 1)`);
    const heap = process.memoryUsage().heapUsed / 1024 / 1024;
    console.log(`heap after ${updates} updates: ${heap.toFixed(1)} MiB`);
  } finally {
    await h.stop();
  }
}

/** Reminders: what a sync costs per case, and how fast deliveries go through the 25/s limiter. */
async function benchReminders(url: string): Promise<void> {
  const fake = await FakeBotApi.start();
  const redis = new Redis(url);
  const bull = bullConnection(url);
  const prefix = `bench-rem-${process.pid}:`;
  const keys = createKeys(prefix);
  const store = new WorkspaceStore<SessionData>(redis, keys, new DataCipher([Buffer.alloc(32, 4)]));
  const queues = new ReminderQueues(bull, keys);
  const api = new Api('123:bench-token-for-the-fake-api', { apiRoot: fake.url });
  const logger = createLogger('silent');
  const deps = {
    connection: bull, queues, redis, store, keys, api, catalog: await loadCatalog(), i18n: createI18n(), logger,
    now: () => Date.now(), defaultZone: 'Asia/Jakarta',
  };
  const users = 100;
  const cases: CaseRecord[] = [];
  for (let u = 1; u <= users; u++) {
    const c: CaseRecord = {
      id: `c${String(u).padStart(9, '0')}`, ownerId: u, initials: 'Si', age: 42, gender: 'p', setting: 'bapas', problem: 'x',
      flowId: 'zastrow-mezzo', stageId: 'evaluasi', status: 'active', createdAt: '2025-01-06T01:00:00.000Z',
      updatedAt: '2025-01-06T01:00:00.000Z', noteCount: 0, monitoring: { cadence: 'weekly' },
    };
    cases.push(c);
    await store.commit(u, 0, { session: {}, cases: [c] });
  }
  let t0 = performance.now();
  for (let u = 1; u <= users; u++) await syncSchedulers(deps, u);
  const syncMs = (performance.now() - t0) / users;
  const occurrence = Date.now();
  t0 = performance.now();
  const workers = startReminderWorkers(deps);
  for (let u = 1; u <= users; u++) await queues.sends.add('deliver', { userId: u, occurrence }, { jobId: `bench-${u}` });
  while (fake.calls.filter((c) => c.method === 'sendMessage').length < users) await new Promise((r) => setTimeout(r, 50));
  const seconds = (performance.now() - t0) / 1000;
  // BullMQ runs a job again after a crash: the guard keeps the user from a second message
  const again = await deliver(deps, { userId: 1, occurrence });
  console.log(`reminder sync (one job scheduler per case, via BullMQ): ${syncMs.toFixed(2)} ms per user with 1 case`);
  console.log(`reminder delivery: ${users} users in ${seconds.toFixed(1)} s = ${(users / seconds).toFixed(1)} messages/s (limiter: 1 per 40 ms); the same job run again: ${again} (guard)`);
  await workers.close();
  for (let u = 1; u <= users; u++) await queues.schedule.removeJobScheduler(`case:${u}:${cases[u - 1]!.id}`);
  await queues.schedule.obliterate({ force: true });
  await queues.sends.obliterate({ force: true });
  await queues.close();
  const left = await redis.keys(`${prefix}*`);
  if (left.length) await redis.del(...left);
  redis.disconnect();
  bull.disconnect();
  await fake.stop();
}

let local: Awaited<ReturnType<typeof startLocalRedis>> | undefined;
let dir: string | undefined;
if (!process.env.REDIS_URL) {
  dir = await mkdtemp(path.join(os.tmpdir(), 'pendamping-bench-'));
  local = await startLocalRedis(dir);
  process.env.REDIS_URL = local.url;
}
try {
  await benchEngine();
  await benchStore(process.env.REDIS_URL!);
  await benchUpdates();
  await benchReminders(process.env.REDIS_URL!);
} finally {
  await local?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
}
