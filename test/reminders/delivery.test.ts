// Reminder delivery end to end: real Redis, real BullMQ, TWO real worker processes (the worker of
// `npm run worker`, through test/support/timed-main.ts) against the fake Bot API. Cases are written
// straight into the encrypted store, a `sync` job gives them their schedulers, and what the user gets
// is read from the fake's sendMessage calls: the ⏰ button's callback data `rz:<caseId>:<occurrence
// base36>` says which occurrence each reminder is for.
//
// The test keeps the clock: the schedulers run every EVERY_MS (an hour, TEST_REMINDER_EVERY_MS), so
// nothing fires by itself while a test runs; `fire` makes a user's next occurrence happen now by
// promoting its jobs (BullMQ's `job.promote()`), and BullMQ counts the next one from it. So every
// assertion is about order and counts — which occurrence, how many times, through which process —
// never about how long something took, and no test waits for a second to pass. (How the schedulers
// fire by themselves, every second in real time, is test/e2e/reminders.test.ts.)
//
// Each worker reaches the fake through a port of its own (api-proxy.ts), so a test can hold one
// process's sendMessage in flight and kill that process while it holds the job.
// The last two groups call deliver() in this process (a crash's rerun; downtime with a fixed clock).
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Job } from 'bullmq';
import { Api } from 'grammy';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionData } from '../../src/bot/context.ts';
import { createI18n } from '../../src/bot/create-bot.ts';
import { loadCatalog } from '../../src/catalog/load-flows.ts';
import { createLogger } from '../../src/logger.ts';
import { occurrenceOf } from '../../src/reminders/occurrence-job.ts';
import { bullConnection, GATHER_MS, ReminderQueues, schedulerId, type DeliverJob } from '../../src/reminders/queues.ts';
import { DEFAULT_PREFS, decide } from '../../src/cases/schedule.ts';
import { deliver } from '../../src/reminders/deliver-job.ts';
import type { ReminderWorkerDeps } from '../../src/reminders/worker-deps.ts';
import { DataCipher } from '../../src/store/crypto.ts';
import { createKeys } from '../../src/store/keys.ts';
import type { CaseRecord } from '../../src/store/records.ts';
import { WorkspaceStore } from '../../src/store/workspace-store.ts';
import { Harness, redisUrl, TEST_DATA_KEY } from '../support/bot-harness.ts';
import { deletePrefix } from '../support/redis.ts';
import { FakeBotApi, type ApiCall } from '../support/fake-bot-api.ts';
import { ApiProxy } from './api-proxy.ts';
import { TS_RUNNER } from '../support/ts-runner.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** long enough that no occurrence comes by itself during a test: the tests fire them */
const EVERY_MS = 3_600_000;
const TOKEN = '123456:TEST-token-for-the-fake-api';
const prefix = `test-reminders-${process.pid}-${Math.random().toString(36).slice(2, 8)}:`;
const keys = createKeys(prefix);
const cipher = new DataCipher([TEST_DATA_KEY]);

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------
// Worker processes

const logs: string[] = [];

class WorkerProcess {
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  readonly name: string;
  readonly proxy: ApiProxy;
  private readonly child: ChildProcess;
  private done = false;

  private constructor(name: string, child: ChildProcess, proxy: ApiProxy) {
    this.name = name;
    this.child = child;
    this.proxy = proxy;
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.done = true;
        logs.push(`[${name}] exited code=${String(code)} signal=${String(signal)}`);
        resolve({ code, signal });
      });
    });
  }

  static start(name: string, proxy: ApiProxy): WorkerProcess {
    const child = spawn(process.execPath, [...TS_RUNNER, 'test/support/timed-main.ts', 'worker'], {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        BOT_TOKEN: TOKEN,
        TELEGRAM_API_ROOT: proxy.url,
        REDIS_URL: redisUrl(),
        REDIS_PREFIX: prefix,
        DATA_KEY: TEST_DATA_KEY.toString('base64'),
        TEST_REMINDER_EVERY_MS: String(EVERY_MS),
        // a killed worker's job comes back after 2 s instead of BullMQ's 30 s
        TEST_REMINDER_LOCK_MS: '2000',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const [stream, label] of [[child.stdout, 'out'], [child.stderr, 'err']] as const) {
      stream?.setEncoding('utf8');
      stream?.on('data', (chunk: string) => {
        for (const line of chunk.split('\n')) if (line.trim()) logs.push(`[${name} ${label}] ${line}`);
      });
    }
    return new WorkerProcess(name, child, proxy);
  }

  get running(): boolean {
    return !this.done;
  }

  kill(signal: NodeJS.Signals): void {
    if (this.running) this.child.kill(signal);
  }
}

// ---------------------------------------------------------------------------
// State shared by the tests

let fake: FakeBotApi;
let redis: Redis;
let bull: Redis;
let queues: ReminderQueues;
let store: WorkspaceStore<SessionData>;
const workers: WorkerProcess[] = [];
const harnesses: Harness[] = [];

function aCase(ownerId: number, id: string, initials: string, over: Partial<CaseRecord> = {}): CaseRecord {
  const now = new Date().toISOString();
  return {
    id, ownerId, initials, age: 30, gender: 'p', setting: 'bapas', problem: 'Relasi keluarga renggang',
    flowId: 'zastrow-mezzo', stageId: 'penyadaran_masalah', status: 'active',
    createdAt: now, updatedAt: now, noteCount: 0, monitoring: { cadence: 'weekly' },
    ...over,
  };
}

/** Writes a new worker's workspace as the bot would (encrypted; an empty session). */
async function openWorkspace(userId: number, cases: CaseRecord[]): Promise<number> {
  return store.commit(userId, 0, { session: {}, cases });
}

/** Ends a test's traffic: no schedulers, no cases (a delivery still queued finds nothing due). */
async function silence(userId: number, caseIds: string[]): Promise<void> {
  for (const id of caseIds) await queues.schedule.removeJobScheduler(schedulerId(userId, id));
  await redis.del(keys.cases(userId));
}

interface Reminder {
  caseId: string;
  occurrence: number;
  text: string;
  /** cases in the same message */
  caseCount: number;
  call: ApiCall;
}

function rzButtons(payload: Record<string, unknown>): { caseId: string; occurrence: number }[] {
  const kb = (payload['reply_markup'] as { inline_keyboard?: { callback_data?: string }[][] } | undefined)?.inline_keyboard ?? [];
  const out: { caseId: string; occurrence: number }[] = [];
  for (const b of kb.flat()) {
    const m = /^rz:([a-z0-9]+):([a-z0-9]+)$/.exec(b.callback_data ?? '');
    if (m) out.push({ caseId: m[1]!, occurrence: parseInt(m[2]!, 36) });
  }
  return out;
}

function isReminderCall(c: ApiCall, userId: number): boolean {
  return c.method.toLowerCase() === 'sendmessage' && Number(c.payload['chat_id']) === userId && String(c.payload['text'] ?? '').includes('Pengingat monitoring');
}

/** Every reminder the user actually got (the fake answered ok), one entry per case, in the order they came. */
function reminders(userId: number): Reminder[] {
  const out: Reminder[] = [];
  for (const call of fake.calls) {
    if (!isReminderCall(call, userId) || call.response?.ok !== true) continue;
    const rz = rzButtons(call.payload);
    for (const b of rz) out.push({ ...b, text: String(call.payload['text']), caseCount: rz.length, call });
  }
  return out;
}

function occurrencesOf(list: Reminder[], caseId?: string): number[] {
  return [...new Set(list.filter((r) => !caseId || r.caseId === caseId).map((r) => r.occurrence))].sort((a, b) => a - b);
}

/** (case, occurrence) pairs that reached the user more than once. */
function duplicates(list: Reminder[]): string[] {
  const seen = new Map<string, number>();
  for (const r of list) seen.set(`${r.caseId}@${r.occurrence}`, (seen.get(`${r.caseId}@${r.occurrence}`) ?? 0) + 1);
  return [...seen].filter(([, n]) => n > 1).map(([k, n]) => `${k} ×${n}`);
}

/** Occurrences missing between the first and the last seen (each interval should have one). */
function gaps(occurrences: number[]): number[] {
  const missing: number[] = [];
  for (let i = 1; i < occurrences.length; i++) {
    for (let t = occurrences[i - 1]! + EVERY_MS; t < occurrences[i]!; t += EVERY_MS) missing.push(t);
  }
  return missing;
}

function describeState(userId?: number): string {
  const calls = fake.calls
    .filter((c) => c.method.toLowerCase() === 'sendmessage' && (userId === undefined || Number(c.payload['chat_id']) === userId))
    .slice(-12)
    .map((c) => `  via ${c.via} chat=${String(c.payload['chat_id'])} ${c.response?.ok ? 'ok' : `error ${c.response && !c.response.ok ? c.response.error_code : 'pending'}`} ${JSON.stringify(rzButtons(c.payload))}`);
  return `recent sendMessage calls:\n${calls.join('\n') || '  (none)'}\nworker logs (last 30):\n${logs.slice(-30).join('\n') || '  (none)'}`;
}

/** Polls `probe` until it gives something; the bound only keeps a broken test from hanging. */
async function waitFor<T>(what: string, probe: () => T | undefined | null | false | Promise<T | undefined | null | false>, timeoutMs = 30_000, userId?: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`gave up after ${timeoutMs} ms waiting for ${what}\n${describeState(userId)}`);
    await sleep(25);
  }
}

async function workersReady(n: number): Promise<void> {
  await waitFor(`${n} worker processes on both queues`, async () => {
    const [s, d] = await Promise.all([queues.schedule.getWorkersCount(), queues.sends.getWorkersCount()]);
    return s === n && d === n;
  });
}

interface Fired {
  occurrence: number;
  /** the deliver job it queued */
  jobId: string;
  /** when that deliver job was to run by itself: GATHER_MS after the occurrence, so cases due together share it */
  deliverDueAt: number;
}

/**
 * Makes the user's next occurrence after `after` happen now: the occurrence jobs of its time are
 * promoted (every case due then), then the deliver job they queue. Resolves once it is promoted.
 */
async function fire(userId: number, after: number): Promise<Fired> {
  const next = await waitFor(`the next occurrence of user ${userId} after ${after}`, async () => {
    const jobs = (await queues.schedule.getJobs(['delayed', 'wait', 'active', 'completed']))
      .filter((j): j is Job => Boolean(j) && j.name === 'occurrence' && (j.data as { userId: number }).userId === userId && occurrenceOf(j) > after);
    return jobs.length > 0 && jobs;
  }, 30_000, userId);
  const occurrence = Math.min(...next.map(occurrenceOf));
  for (const job of next.filter((j) => occurrenceOf(j) === occurrence)) await job.promote().catch(() => undefined); // ran by itself: fine
  const jobId = `deliver-${userId}-${occurrence}`;
  const job = await waitFor(`the deliver job ${jobId}`, () => Job.fromId<DeliverJob>(queues.sends, jobId), 30_000, userId);
  const deliverDueAt = job.timestamp + (job.opts.delay ?? 0);
  if (await job.isDelayed()) await job.promote().catch(() => undefined);
  return { occurrence, jobId, deliverDueAt };
}

/** What the deliver job came to, once it is done ('sent', 'nothing-due', 'blocked'). */
async function finished(jobId: string, timeoutMs = 30_000): Promise<unknown> {
  return waitFor(`the deliver job ${jobId} to finish`, async () => {
    // one read: finishedOn and the return value are written together when the job completes
    const job = await Job.fromId(queues.sends, jobId);
    return job?.finishedOn !== undefined && job.finishedOn > 0 && { result: job.failedReason ? `failed: ${job.failedReason}` : (job.returnvalue as unknown) };
  }, timeoutMs).then((r) => r.result);
}

/** `n` occurrences of the user, one after another, each delivered (or judged) before the next. */
async function ticks(userId: number, n: number, from = { last: 0 }): Promise<Array<Fired & { result: unknown }>> {
  const out: Array<Fired & { result: unknown }> = [];
  for (let i = 0; i < n; i++) {
    const fired = await fire(userId, from.last);
    from.last = fired.occurrence;
    out.push({ ...fired, result: await finished(fired.jobId) });
  }
  return out;
}

// ---------------------------------------------------------------------------

beforeAll(async () => {
  fake = await FakeBotApi.start();
  redis = new Redis(redisUrl());
  bull = bullConnection(redisUrl());
  queues = new ReminderQueues(bull, keys);
  store = new WorkspaceStore<SessionData>(redis, keys, cipher);
  workers.push(WorkerProcess.start('A', await ApiProxy.start(fake, 'A')), WorkerProcess.start('B', await ApiProxy.start(fake, 'B')));
  await workersReady(2);
}, 40_000);

afterAll(async () => {
  for (const w of workers) w.kill('SIGTERM');
  await Promise.race([Promise.all(workers.map((w) => w.exited)), sleep(8_000)]);
  for (const w of workers) w.kill('SIGKILL');
  await Promise.all(workers.map((w) => w.exited));
  for (const h of harnesses) await h.detach();
  await queues?.close();
  if (redis) {
    await deletePrefix(redis, prefix);
    redis.disconnect();
  }
  bull?.disconnect();
  await fake?.stop();
}, 30_000);

describe.concurrent('reminder delivery across two worker processes (users side by side)', () => {
  it('delivers each occurrence exactly once, in order, consecutive, no gaps', async ({ expect, onTestFinished }) => {
    const U = 7101;
    const c = aCase(U, 'once0001', 'AO');
    onTestFinished(() => silence(U, [c.id]));
    await openWorkspace(U, [c]);
    await queues.requestSync(U);
    const fired = await ticks(U, 6);
    expect(fired.map((f) => f.result)).toEqual(Array(6).fill('sent'));
    const got = reminders(U);
    expect(duplicates(got)).toEqual([]);
    expect(got.every((r) => r.caseId === c.id && r.caseCount === 1)).toBe(true);
    // the case by its code (its id's first six characters), never the initials: a lock screen shows this text
    expect(got[0]!.text).toMatch(/^⏰ Pengingat monitoring: #ONCE00 · tahap Penyadaran akan adanya masalah · belum ada pertemuan yang terlaksana$/);
    // one message per occurrence, in the order of the occurrences, each one interval after the last
    expect(got.map((r) => r.occurrence)).toEqual(fired.map((f) => f.occurrence));
    const occ = occurrencesOf(got);
    expect(gaps(occ)).toEqual([]);
    expect(occ.slice(1).map((t, i) => t - occ[i]!)).toEqual(Array(occ.length - 1).fill(EVERY_MS));
    // each would have gone out only after the gathering delay (cases due together share a message)
    for (const f of fired) expect(f.deliverDueAt).toBeGreaterThanOrEqual(f.occurrence + GATHER_MS);
    // no reminder is late
    expect(got.some((r) => r.text.includes('Terlambat'))).toBe(false);
  }, 60_000);

  it('two cases due at the same time arrive as ONE grouped message', async ({ expect, onTestFinished }) => {
    const U = 7104;
    const a = aCase(U, 'group001', 'GA');
    const b = aCase(U, 'group002', 'GB', { lastNoteAt: new Date(Date.now() - 9 * 86_400_000).toISOString() });
    onTestFinished(() => silence(U, [a.id, b.id]));
    await openWorkspace(U, [a, b]);
    // The schedulers a sync would make, but starting on the same millisecond (a sync starts each on
    // the next whole interval: see the test below).
    const start = Math.ceil(Date.now() / EVERY_MS) * EVERY_MS + EVERY_MS;
    for (const c of [a, b]) {
      await queues.schedule.upsertJobScheduler(schedulerId(U, c.id), { every: EVERY_MS, startDate: start }, { name: 'occurrence', data: { userId: U, caseId: c.id } });
    }
    await ticks(U, 3);
    const got = reminders(U);
    const messages = new Set(got.map((r) => r.call));
    const occ = occurrencesOf(got);
    expect(occ).toHaveLength(3);
    expect(messages.size).toBe(occ.length); // one message per occurrence
    for (const m of messages) {
      const text = String(m.payload['text']);
      expect(text).toContain('Pengingat monitoring: 2 kasus');
      // (both ids start "group00": one code, which real ids, random, do not share)
      expect(text).toContain('#GROUP0 · tahap Penyadaran akan adanya masalah · belum ada pertemuan yang terlaksana');
      expect(text).toContain('#GROUP0 · tahap Penyadaran akan adanya masalah · pertemuan terakhir 9 hari lalu');
      expect(text).not.toContain('(30)');
      expect(rzButtons(m.payload).map((x) => x.caseId).sort()).toEqual([a.id, b.id]);
    }
    expect(duplicates(got)).toEqual([]);
    expect(gaps(occ)).toEqual([]);
    expect(occ[0]! % EVERY_MS).toBe(0);
  }, 60_000);

  // Regression: in the tests' interval mode each scheduler once started at the moment of its upsert,
  // so a user's cases never shared an occurrence and each was reminded once per scheduler per
  // interval. Schedulers now start on a multiple of everyMs, as cron patterns share occurrences.
  it('cases synced at different moments (interval mode): one reminder per case per interval', async ({ expect, onTestFinished }) => {
    const U = 7105;
    const a = aCase(U, 'offset01', 'OA');
    const b = aCase(U, 'offset02', 'OB');
    onTestFinished(() => silence(U, [a.id, b.id]));
    const rev = await openWorkspace(U, [a]);
    await queues.requestSync(U);
    await waitFor('the first case\'s scheduler', async () => (await queues.schedule.getJobSchedulers()).some((s) => s.key === schedulerId(U, a.id)), 30_000, U);
    // the worker opens a second case after the first one's scheduler was made
    await store.commit(U, rev, { cases: [b] });
    await queues.requestSync(U);
    await waitFor('the second case\'s scheduler', async () => (await queues.schedule.getJobSchedulers()).some((s) => s.key === schedulerId(U, b.id)), 30_000, U);
    await ticks(U, 4);
    const got = reminders(U);
    const from = Math.max(occurrencesOf(got, a.id)[0]!, occurrencesOf(got, b.id)[0]!);
    for (const id of [a.id, b.id]) {
      const occ = occurrencesOf(got, id).filter((t) => t >= from);
      expect(occ.length).toBeGreaterThanOrEqual(3);
      expect(occ.slice(1).map((t, i) => t - occ[i]!)).toEqual(Array(occ.length - 1).fill(EVERY_MS));
    }
    // sharing an occurrence, they share a message
    expect(got.filter((r) => r.occurrence >= from).every((r) => r.caseCount === 2)).toBe(true);
    expect(duplicates(got)).toEqual([]);
  }, 60_000);

  it('a case noted within the interval gets no reminder; a closed case none, and sync removes its scheduler', async ({ expect, onTestFinished }) => {
    const U = 7108;
    const day = 86_400_000;
    const due = aCase(U, 'due00001', 'DU', { lastNoteAt: new Date(Date.now() - 8 * day).toISOString() });
    const noted = aCase(U, 'noted001', 'NO', { lastNoteAt: new Date(Date.now() - 3_600_000).toISOString() });
    const closing = aCase(U, 'closing1', 'CL');
    const closed = aCase(U, 'closed01', 'CX', { status: 'closed' });
    onTestFinished(() => silence(U, [due.id, noted.id, closing.id, closed.id]));
    const rev = await openWorkspace(U, [due, noted, closing, closed]);
    await queues.requestSync(U);
    await waitFor('the schedulers of the three active cases', async () => (await queues.schedule.getJobSchedulers()).filter((s) => s.key.startsWith(`case:${U}:`)).length === 3, 30_000, U);
    const clock = { last: 0 };
    await ticks(U, 2, clock);
    let got = reminders(U);
    expect(occurrencesOf(got, due.id)).toHaveLength(2);
    expect(occurrencesOf(got, closing.id)).toHaveLength(2);
    let schedulers = (await queues.schedule.getJobSchedulers()).map((s) => s.key).filter((k) => k.startsWith(`case:${U}:`));
    expect(schedulers.sort()).toEqual([due, noted, closing].map((c) => schedulerId(U, c.id)).sort());
    expect(got.find((r) => r.caseId === due.id)!.text).toContain('#DUE000 · tahap Penyadaran akan adanya masalah · pertemuan terakhir 8 hari lalu');

    // the case is closed (as the bot writes it), then synced
    await store.commit(U, rev, { cases: [{ ...closing, status: 'closed', updatedAt: new Date().toISOString() }] });
    const closedAfter = clock.last;
    await queues.requestSync(U);
    await waitFor('the closed case\'s scheduler to go', async () => {
      schedulers = (await queues.schedule.getJobSchedulers()).map((s) => s.key).filter((k) => k.startsWith(`case:${U}:`));
      return !schedulers.includes(schedulerId(U, closing.id));
    }, 30_000, U);
    expect(schedulers.sort()).toEqual([due, noted].map((c) => schedulerId(U, c.id)).sort());
    await ticks(U, 3, clock);

    got = reminders(U);
    expect(occurrencesOf(got, due.id).filter((t) => t > closedAfter)).toHaveLength(3);
    expect(got.filter((r) => r.caseId === noted.id)).toEqual([]);
    expect(got.filter((r) => r.caseId === closed.id)).toEqual([]);
    expect(got.filter((r) => r.caseId === closing.id && r.occurrence > closedAfter)).toEqual([]);
    expect(duplicates(got)).toEqual([]);
  }, 60_000);
});

// One at a time: the fake's failNext answers whichever sendMessage comes next, and a kill must
// not land on another test's reminder.
describe('reminder delivery: Telegram errors and crashes', () => {
  it('a 429 is retried after the wait Telegram asked for, and the reminder still arrives once', async ({ onTestFinished }) => {
    const U = 7106;
    const c = aCase(U, 'limit001', 'RL');
    onTestFinished(() => silence(U, [c.id]));
    await openWorkspace(U, [c]);
    const from = fake.calls.length;
    fake.failNext('sendMessage', { error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } });
    await queues.requestSync(U);
    const clock = { last: 0 };
    const [first] = await ticks(U, 1, clock);
    const sends = fake.calls.slice(from).filter((x) => isReminderCall(x, U));
    // refused once, then the same occurrence sent again — and not before the second Telegram asked for
    expect(sends.map((x) => x.response?.ok)).toEqual([false, true]);
    expect(sends[0]!.response).toMatchObject({ ok: false, error_code: 429 });
    expect(sends.map((x) => rzButtons(x.payload)[0]!.occurrence)).toEqual([first!.occurrence, first!.occurrence]);
    expect(sends[1]!.at - sends[0]!.at).toBeGreaterThanOrEqual(950);
    // and the next ones come as usual
    await ticks(U, 2, clock);
    const got = reminders(U);
    expect(got.filter((r) => r.occurrence === first!.occurrence)).toHaveLength(1);
    expect(occurrencesOf(got)).toHaveLength(3);
    expect(duplicates(got)).toEqual([]);
    expect(gaps(occurrencesOf(got))).toEqual([]);
  }, 60_000);

  it('a 403 marks the user blocked and stops their reminders; writing to the bot again resumes them', async ({ onTestFinished }) => {
    const U = 7107;
    const c = aCase(U, 'block001', 'BL');
    onTestFinished(() => silence(U, [c.id]));
    await openWorkspace(U, [c]);
    const from = fake.calls.length;
    fake.failNext('sendMessage', { error_code: 403, description: 'Forbidden: bot was blocked by the user' });
    await queues.requestSync(U);
    const clock = { last: 0 };
    const [refused] = await ticks(U, 1, clock);
    expect(refused!.result).toBe('blocked');
    const sent = () => fake.calls.slice(from).filter((x) => x.method.toLowerCase() === 'sendmessage' && Number(x.payload['chat_id']) === U);
    expect(sent().map((x) => x.response)).toEqual([expect.objectContaining({ ok: false, error_code: 403 })]);
    expect(await redis.exists(keys.blocked(U))).toBe(1);

    // the next occurrences come and go, as 'blocked', and nothing more is sent to the user
    expect((await ticks(U, 2, clock)).map((f) => f.result)).toEqual(['blocked', 'blocked']);
    expect(sent()).toHaveLength(1);
    const whileBlocked = clock.last;

    // the user writes to the bot again (the real bot, in this process, same Redis and prefix)
    const h = await Harness.start({ prefix, fake, adminIds: [U] });
    harnesses.push(h);
    const answer = await h.say('/start', { user: U });
    expect(answer.length).toBeGreaterThan(0);
    expect(await redis.exists(keys.blocked(U))).toBe(0);
    expect((await ticks(U, 2, clock)).map((f) => f.result)).toEqual(['sent', 'sent']);
    const got = reminders(U);
    expect(duplicates(got)).toEqual([]);
    // nothing was sent for the occurrences while blocked
    expect(occurrencesOf(got)).toEqual([whileBlocked + EVERY_MS, whileBlocked + 2 * EVERY_MS]);
  }, 60_000);

  // A deterministic kill while the killed process holds a reminder: its sendMessage is held at its
  // port (claimed, not yet at Telegram), then the process dies. BullMQ gives the job to the other
  // process after its stalled-job check (TEST_REMINDER_LOCK_MS here: seconds), while the dead run's
  // claim still stands: the same job may take it again.
  it('SIGKILL while a reminder is in flight: it still arrives, once (after the stalled-job check)', async ({ onTestFinished }) => {
    const U = 7103;
    const c = aCase(U, 'flight01', 'FL');
    onTestFinished(() => silence(U, [c.id]));
    await openWorkspace(U, [c]);
    await queues.requestSync(U);
    const clock = { last: 0 };
    await ticks(U, 2, clock);
    const victim = workers[0]!;
    const heldFirst = victim.proxy.holdSends();
    // occurrences until the victim's process is the one sending (BullMQ gives each job to either)
    let inFlight: Fired | undefined;
    for (let i = 0; i < 30 && !inFlight; i++) {
      const fired = await fire(U, clock.last);
      clock.last = fired.occurrence;
      const done = finished(fired.jobId);
      done.catch(() => undefined); // a held one finishes only after the kill, awaited below
      if ((await Promise.race([heldFirst.then(() => 'held' as const), done])) === 'held') inFlight = fired;
    }
    expect(inFlight).toBeDefined();
    const held = await heldFirst;
    expect(rzButtons(held.call.payload)[0]!.occurrence).toBe(inFlight!.occurrence);
    victim.kill('SIGKILL');
    await victim.exited;
    victim.proxy.release();
    // a new process takes the killed one's place (for the test after this one)
    workers[0] = WorkerProcess.start('A2', victim.proxy);
    workers.push(victim);
    try {
      // the held request died with the process: Telegram never got it
      await waitFor('the held request to be abandoned', () => held.abandoned, 30_000, U);
      expect(held.call.response).toBeUndefined();
      // the job comes back to a live process (BullMQ's stalled-job check) and finishes
      expect(await finished(inFlight!.jobId, 90_000)).toBe('sent');
      const got = reminders(U);
      expect(duplicates(got)).toEqual([]);
      expect(got.filter((r) => r.occurrence === inFlight!.occurrence)).toHaveLength(1);
    } finally {
      await workersReady(2);
    }
  }, 150_000);

  it('SIGKILL of one worker between deliveries: the other carries on, nothing lost, nothing twice', async ({ onTestFinished }) => {
    const U = 7102;
    const c = aCase(U, 'kill0001', 'KL');
    onTestFinished(() => silence(U, [c.id]));
    await openWorkspace(U, [c]);
    await queues.requestSync(U);
    const [victim, survivor] = [workers[0]!, workers[1]!];
    // both processes deliver this user's reminders before the kill
    const clock = { last: 0 };
    for (let i = 0; i < 30 && (victim.proxy.sentTo(U) === 0 || survivor.proxy.sentTo(U) === 0); i++) await ticks(U, 1, clock);
    expect([victim.proxy.sentTo(U), survivor.proxy.sentTo(U)].every((n) => n > 0)).toBe(true);
    // killed between two deliveries: every occurrence so far was delivered, the next not yet fired
    victim.kill('SIGKILL');
    expect((await victim.exited).signal).toBe('SIGKILL');
    const survivorSent = survivor.proxy.sentTo(U);

    // the survivor delivers the next occurrences
    expect((await ticks(U, 3, clock)).map((f) => f.result)).toEqual(['sent', 'sent', 'sent']);
    expect(survivor.proxy.sentTo(U) - survivorSent).toBe(3);
    const all = reminders(U);
    expect(duplicates(all)).toEqual([]);
    expect(gaps(occurrencesOf(all))).toEqual([]);
    expect(occurrencesOf(all).at(-1)).toBe(clock.last);
  }, 90_000);
});

describe('deliver() run again after a crash between claim and send', () => {
  // What BullMQ's stalled-job check hands a live process when the one running a deliver job died
  // after claiming the reminder and before Telegram had it: the same job, 30–60 s later, while the
  // dead run's claim (60 s) still stands. The reminder must still go out, once. (Before the claim
  // named its job, the rerun saw "claimed", finished as 'nothing-due' and the reminder was lost.)
  it('the same job, run again while the dead run\'s claim stands, delivers the reminder once', async ({ onTestFinished }) => {
    const U = 7109;
    const c = aCase(U, 'crash001', 'CR');
    onTestFinished(() => silence(U, [c.id]));
    await openWorkspace(U, [c]);
    const base: Omit<ReminderWorkerDeps, 'api'> = {
      connection: bull, queues, redis, store, keys, catalog: await loadCatalog(), i18n: createI18n(),
      logger: createLogger('silent'), now: () => Date.now(), defaultZone: 'Asia/Jakarta', everyMs: EVERY_MS,
    };
    const job: DeliverJob = { userId: U, occurrence: Date.now() - 3_000 };
    const jobId = `deliver-${U}-${job.occurrence}`;
    // the run that dies: it claims, then its sendMessage never comes back
    const dying = new Api(TOKEN, { apiRoot: fake.url });
    dying.config.use(() => new Promise<never>(() => undefined));
    void deliver({ ...base, api: dying }, job, jobId).catch(() => undefined);
    const claimed = await waitFor('the dying run\'s claim', async () => {
      const found = await redis.keys(`${prefix}{u:${U}}:reminded:*`);
      return found.length > 0 && found;
    }, 5_000, U);
    expect(claimed).toHaveLength(1);

    // the rerun, as BullMQ's retries would make it: try; on an error, again a second later
    const live = { ...base, api: new Api(TOKEN, { apiRoot: fake.url }) };
    const results: string[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        results.push(await deliver(live, job, jobId));
        break;
      } catch (err) {
        results.push(`error: ${(err as Error).message}`);
        await sleep(1_000);
      }
    }
    expect(results.at(-1)).toBe('sent');
    expect(reminders(U).filter((r) => r.occurrence === job.occurrence)).toHaveLength(1);
    // and a third run (another duplicate of the job) sends nothing more
    expect(await deliver(live, job, jobId)).toBe('nothing-due');
    expect(reminders(U).filter((r) => r.occurrence === job.occurrence)).toHaveLength(1);
  }, 20_000);
});

describe('deliver() after downtime (in process, fixed clock, weekly slot Monday 08.00 WIB)', () => {
  // BullMQ replays only the oldest missed occurrence after downtime; deliver() moves a job more than
  // 7 days old to the latest weekly slot (previousSlot), so the reminder says the latest missed week.
  async function depsAt(nowIso: string): Promise<ReminderWorkerDeps> {
    return {
      connection: bull, queues, redis, store, keys, api: new Api(TOKEN, { apiRoot: fake.url }), catalog: await loadCatalog(),
      i18n: createI18n(), logger: createLogger('silent'), now: () => Date.parse(nowIso), defaultZone: 'Asia/Jakarta',
    };
  }
  const opened = '2025-01-06T02:00:00.000Z'; // Monday 6 January 09.00 WIB: weeks 0, 2, 4 … are biweekly weeks

  it('weekly: one late reminder, for the latest missed Monday', async ({ onTestFinished }) => {
    const U = 7110;
    const c = aCase(U, 'catchup1', 'CW', { createdAt: opened, updatedAt: opened });
    onTestFinished(() => silence(U, [c.id]));
    await openWorkspace(U, [c]);
    // missed Monday 3 March; the workers are back on Thursday 13 March
    const d = await depsAt('2025-03-13T03:00:00Z');
    expect(await deliver(d, { userId: U, occurrence: Date.parse('2025-03-03T01:00:00Z') }, 'catchup-weekly')).toBe('sent');
    const got = reminders(U);
    expect(got.map((r) => new Date(r.occurrence).toISOString())).toEqual(['2025-03-10T01:00:00.000Z']);
    expect(got[0]!.text).toContain('Terlambat terkirim; seharusnya Senin 10 Maret, 08.00.');
  });

  it('decide() alone would send both missed reminders below, late', () => {
    const p = { ...DEFAULT_PREFS, zone: 'Asia/Jakarta' };
    const mar3 = Date.parse('2025-03-03T01:00:00Z');
    const monthly = aCase(1, 'x0000001', 'XX', { createdAt: opened, monitoring: { cadence: 'monthly' } });
    const biweekly = aCase(1, 'x0000002', 'XY', { createdAt: opened, monitoring: { cadence: 'biweekly' } });
    expect(decide(monthly, p, mar3, Date.parse('2025-03-19T03:00:00Z'))).toEqual({ send: true, late: true });
    expect(decide(biweekly, p, mar3, Date.parse('2025-03-12T03:00:00Z'))).toEqual({ send: true, late: true });
  });

  // Regression: the monthly reminder of Monday 3 March, missed, still goes out late on the 19th (within
  // its interval, one month). The catch-up once moved to the latest weekly slot (17 March, not a first
  // Monday) and sent nothing; it now moves to the latest missed occurrence the case's cadence wants.
  it('monthly: the missed first-Monday reminder still goes out, late', async ({ onTestFinished }) => {
    const U = 7111;
    const c = aCase(U, 'catchup2', 'CM', { createdAt: opened, updatedAt: opened, monitoring: { cadence: 'monthly' } });
    onTestFinished(() => silence(U, [c.id]));
    await openWorkspace(U, [c]);
    const d = await depsAt('2025-03-19T03:00:00Z'); // Wednesday 19 March, 10.00 WIB
    expect(await deliver(d, { userId: U, occurrence: Date.parse('2025-03-03T01:00:00Z') }, 'catchup-monthly')).toBe('sent');
    expect(reminders(U).map((r) => new Date(r.occurrence).toISOString())).toEqual(['2025-03-03T01:00:00.000Z']);
  });

  // The same for every 2 weeks: missed Monday 3 March (week 8), back on Wednesday 12 March; the
  // latest weekly slot, Monday 10 March, is an off week, so nothing is sent.
  it('biweekly: the missed reminder still goes out, late', async ({ onTestFinished }) => {
    const U = 7112;
    const c = aCase(U, 'catchup3', 'CB', { createdAt: opened, updatedAt: opened, monitoring: { cadence: 'biweekly' } });
    onTestFinished(() => silence(U, [c.id]));
    await openWorkspace(U, [c]);
    const d = await depsAt('2025-03-12T03:00:00Z');
    expect(await deliver(d, { userId: U, occurrence: Date.parse('2025-03-03T01:00:00Z') }, 'catchup-biweekly')).toBe('sent');
    expect(reminders(U).map((r) => new Date(r.occurrence).toISOString())).toEqual(['2025-03-03T01:00:00.000Z']);
  });
});
