// Notes through the real bot (bench/README.md §1): createBot with every production middleware, on
// real Redis, the Bot API answered in-process (bench/stub-api.ts), updates handed over the way
// polling and the webhook do (src/bot/handle-update.ts). Also the child process that runs one bot
// (ours or a peer) for the orchestrator (bench/run.ts): warm-up, then one measured run per size.
import { workspaceOptions } from '../src/app/store-options.ts';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import type { Bot } from 'grammy';
import { createBot } from '../src/bot/create-bot.ts';
import { handleUpdate } from '../src/bot/handle-update.ts';
import type { BotContext, SessionData } from '../src/bot/context.ts';
import { connectRegistry, loadBuiltins } from '../src/catalog/registry.ts';
import { DEFAULT_FLOWS_DIR } from '../src/catalog/load-flows.ts';
import { createLogger } from '../src/logger.ts';
import { DataCipher } from '../src/store/crypto.ts';
import { createKeys } from '../src/store/keys.ts';
import type { CaseRecord } from '../src/store/records.ts';
import { WorkspaceStore } from '../src/store/workspace-store.ts';
import { OrgStore } from '../src/org/org-store.ts';
import { bullConnection, ReminderQueues } from '../src/reminders/queues.ts';
import { QueuedOutbox } from '../src/outbox/outbox.ts';
import { ExportQueue } from '../src/export/jobs.ts';
import { dropPrefix, inBatches, type BenchBot, type BenchBotFactory } from './bench-bot.ts';
import { RedisMeter } from './redis-meter.ts';
import { BOT_INFO, StubTelegram } from './stub-api.ts';
import { caseIdOf, drive, OTHER_CASES, otherCaseIdOf, FLOW_FILE, FLOW_ID, percentile, STAGE, stepOf, UPDATES_PER_NOTE, updateOf, verify, type Answers } from './workload.ts';
import { createConversationsBot } from './peers/conversations.ts';
import { createStateMachineBot } from './peers/state-machine.ts';

export const BENCH_DATA_KEY = Buffer.alloc(32, 13);
/** When the rest of a worker's caseload was last worked on (before any note of the run). */
const EARLIER = '2026-01-05T03:00:00.000Z';

/** A copy of flows/ with the bench flow added: the registry loads it like any built-in. */
export async function benchFlowsDir(): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pendamping-bench-flows-'));
  await cp(DEFAULT_FLOWS_DIR, dir, { recursive: true });
  await cp(FLOW_FILE, path.join(dir, path.basename(FLOW_FILE)));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Our bot, built as src/main.ts builds it (the reminder and export queues too), minus polling. */
export const createPendampingBot: BenchBotFactory = async ({ redisUrl, prefix, stub, meter }) => {
  const flows = await benchFlowsDir();
  const redis = meter.attach(new Redis(redisUrl, { maxRetriesPerRequest: 3, connectionName: 'pendamping' }));
  const bull = meter.attach(bullConnection(redisUrl));
  const keys = createKeys(prefix);
  const logger = createLogger('info', new Writable({ write(_chunk, _enc, cb) { cb(); } }));
  const builtins = await loadBuiltins(flows.dir);
  // refresh: false — production refreshes the registry every few seconds in the background; left
  // out so that every Redis command counted here belongs to an update
  const flowStore = await connectRegistry(redis, keys, builtins, { logger, refresh: false });
  // the store as production builds it: notes packed against their flow versions, and the rest
  const store = new WorkspaceStore<SessionData>(redis, keys, new DataCipher([BENCH_DATA_KEY]), workspaceOptions(builtins.catalog, flowStore));
  await store.prepare();
  const queues = new ReminderQueues(bull, keys);
  const exports = new ExportQueue(bull, keys, redis);
  const admins = new Set<number>();
  const { bot } = createBot({
    token: '123456:bench-token-for-the-stub-api',
    store,
    deps: {
      catalog: builtins.catalog,
      logger,
      clock: { now: () => new Date() },
      adminIds: admins,
      defaultTimezone: 'Asia/Jakarta',
      bootId: 'bench',
      bootAt: Date.now(),
      reminders: queues,
      orgs: new OrgStore(redis, keys, store.cipher),
      store,
      outbox: new QueuedOutbox(queues.sends, store.cipher),
      exports,
    },
    // every call goes to the in-process stub, through the bot's own transformers
    botConfig: { botInfo: BOT_INFO, client: stub.client },
  });
  await bot.init();
  const ours: BenchBot = {
    name: 'pendamping',
    handle: (update) => handleUpdate(bot as Bot<BotContext>, update),
    async seed(users) {
      const now = new Date().toISOString();
      await inBatches(users, async (u) => {
        admins.add(u); // ADMIN_IDS: may use the bot without an organisation
        const c: CaseRecord = {
          id: caseIdOf(u), ownerId: u, initials: 'Si', age: 42, gender: 'p', setting: 'bapas', problem: 'Relasi keluarga renggang',
          flowId: FLOW_ID, stageId: STAGE.id, status: 'active', createdAt: now, updatedAt: now, noteCount: 0,
        };
        // the rest of the caseload: worked on earlier, so the note's case comes first in the list
        const others = OTHER_CASES.map((initials, k): CaseRecord => ({ ...c, id: otherCaseIdOf(u, k), initials, age: 30 + k, createdAt: EARLIER, updatedAt: EARLIER }));
        await store.commit(u, 0, { cases: [c, ...others] });
      });
    },
    async saved(users) {
      const out = new Map<number, Answers[]>();
      await inBatches(users, async (u) => {
        const ws = await store.load(u, { notesOf: caseIdOf(u) });
        out.set(u, Object.values(ws.notes ?? {}).map((n) => Object.fromEntries(n.items.map((i) => [i.id, i.value])) as Answers));
      });
      return out;
    },
    async close() {
      await queues.close();
      await exports.close();
      redis.disconnect();
      bull.disconnect();
      await flows.remove();
    },
  };
  return ours;
};

export const BOTS: Record<string, BenchBotFactory> = {
  pendamping: createPendampingBot,
  conversations: createConversationsBot,
  'state-machine': createStateMachineBot,
};

export interface RunFigures {
  bot: string;
  users: number;
  updates: number;
  notes: number;
  seconds: number;
  updates_per_s: number;
  notes_per_s: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  redis_commands_per_update: number;
  redis_round_trips_per_update: number;
  redis_bytes_per_update: number;
  api_bytes_per_update: number;
  bytes_per_update: number;
  cpu_us_per_update: number;
  api_calls_per_note: number;
  api_calls_by_method: Record<string, number>;
  heap_after_gc_mib: number;
  /** the child process's peak resident set so far (warm-up and earlier sizes included) */
  peak_rss_mib: number;
  failed_updates: number;
  verified_notes: number;
}

function gc(): void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (!g) throw new Error('run with node --expose-gc (npm run bench does)');
  g();
  g();
}
export function heapMiB(): number {
  gc();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

/**
 * `BENCH_HEAP_PROFILE=file` (`npm run bench -- --heap-profile`): what the run allocates, sampled every
 * 1 KiB, the objects collected since included (a heap snapshot would show only what survives), written
 * to `file` as a .heapprofile. Its own cost lands in the run's figures: not for comparing.
 */
async function sampleAllocations(file: string | undefined): Promise<{ stop(): Promise<void> } | undefined> {
  if (!file) return undefined;
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  await session.post('HeapProfiler.startSampling', { samplingInterval: 1024, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  return {
    async stop() {
      const { profile } = await session.post('HeapProfiler.stopSampling');
      await writeFile(file, JSON.stringify(profile));
      session.disconnect();
    },
  };
}

/** Seeds, drives and verifies `users`; every figure of one run. A lost or wrong answer throws. */
export async function measuredRun(bot: BenchBot, stub: StubTelegram, meter: RedisMeter, users: number[], inFlight = 32): Promise<RunFigures> {
  await bot.seed(users);
  gc();
  const r0 = meter.snapshot();
  const calls0 = stub.calls;
  const bytes0 = stub.bytes;
  const methods0 = new Map(stub.byMethod);
  const sampling = await sampleAllocations(process.env.BENCH_HEAP_PROFILE);
  const cpu0 = process.cpuUsage();
  const result = await drive(stub, users, (u) => bot.handle(u), inFlight);
  const cpu = process.cpuUsage(cpu0);
  await sampling?.stop();
  const r1 = meter.snapshot();
  const calls = stub.calls - calls0;
  const apiBytes = stub.bytes - bytes0;
  const byMethod: Record<string, number> = {};
  for (const [m, n] of stub.byMethod) if (n - (methods0.get(m) ?? 0) > 0) byMethod[m] = +((n - (methods0.get(m) ?? 0)) / users.length).toFixed(2);
  const heap = heapMiB();
  const saved = await bot.saved(users);
  const problems = verify(users, saved);
  if (result.failed > 0) problems.unshift(`${result.failed} updates failed`);
  if (problems.length) throw new Error(`${bot.name}, ${users.length} workers: ${problems.length} problems, e.g.\n  ${problems.slice(0, 5).join('\n  ')}`);
  const lat = result.latencies.slice(0, result.updates).sort();
  const n = result.updates;
  const redisBytes = (r1.bytes - r0.bytes) / n;
  return {
    bot: bot.name,
    users: users.length,
    updates: n,
    notes: users.length,
    seconds: result.seconds,
    updates_per_s: n / result.seconds,
    notes_per_s: users.length / result.seconds,
    p50_ms: percentile(lat, 0.5),
    p95_ms: percentile(lat, 0.95),
    p99_ms: percentile(lat, 0.99),
    redis_commands_per_update: (r1.commands - r0.commands) / n,
    redis_round_trips_per_update: (r1.roundTrips - r0.roundTrips) / n,
    redis_bytes_per_update: redisBytes,
    api_bytes_per_update: apiBytes / n,
    bytes_per_update: redisBytes + apiBytes / n,
    cpu_us_per_update: (cpu.user + cpu.system) / n,
    api_calls_per_note: calls / users.length,
    api_calls_by_method: byMethod,
    heap_after_gc_mib: heap,
    peak_rss_mib: process.resourceUsage().maxRSS / 1024,
    failed_updates: result.failed,
    verified_notes: users.length,
  };
}

const STEP_NAMES = ['/catat', 'case button', ...Array.from({ length: UPDATES_PER_NOTE - 3 }, (_, i) => `answer ${i + 1}`), '💾 Simpan'];

/** One worker's note, one update at a time, with every Redis command of each update. */
export async function traceOne(bot: BenchBot, stub: StubTelegram, meter: RedisMeter, u: number): Promise<Record<string, string[]>> {
  await bot.seed([u]);
  const out: Record<string, string[]> = {};
  for (let i = 0; i < UPDATES_PER_NOTE; i++) {
    meter.trace = [];
    const ok = await bot.handle(updateOf(stub, u, i));
    if (!ok) throw new Error(`${bot.name}: update ${i} of the traced note failed`);
    const s = stepOf(u, i);
    out[`${STEP_NAMES[i]} (${s.kind === 'say' ? 'typed' : 'button'})`] = meter.trace;
  }
  meter.trace = undefined;
  stub.forget(u);
  return out;
}

export interface NotesChildSpec {
  bot: string;
  redisUrl: string;
  sizes: number[];
  warmup: number;
  trace?: boolean;
  /** id range of this child's workers, so children never share users */
  base: number;
}

export interface NotesChildResult {
  bot: string;
  runs: RunFigures[];
  trace?: Record<string, string[]>;
}

export async function notesChild(spec: NotesChildSpec): Promise<NotesChildResult> {
  const stub = new StubTelegram();
  const meter = new RedisMeter();
  const prefix = `bench:${spec.bot}:${process.pid}:`;
  const bot = await BOTS[spec.bot]!({ redisUrl: spec.redisUrl, prefix, stub, meter });
  const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);
  let next = spec.base;
  try {
    // warm-up (the JIT, Redis' script cache, connections): measured like a run, not reported
    if (spec.warmup > 0) await measuredRun(bot, stub, meter, range(next, spec.warmup));
    next += spec.warmup;
    const trace = spec.trace ? await traceOne(bot, stub, meter, next++) : undefined;
    const runs: RunFigures[] = [];
    for (const size of spec.sizes) {
      runs.push(await measuredRun(bot, stub, meter, range(next, size)));
      next += size;
    }
    return { bot: spec.bot, runs, ...(trace ? { trace } : {}) };
  } finally {
    await bot.close();
    const redis = new Redis(spec.redisUrl);
    await dropPrefix(redis, prefix);
    redis.disconnect();
  }
}

// As a child process of bench/run.ts: the spec comes as argv[2], the result goes back over IPC.
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname) && process.send) {
  const spec = JSON.parse(process.argv[2]!) as NotesChildSpec;
  const started = performance.now();
  notesChild(spec)
    .then((r) => {
      process.send!({ ok: true, result: r, ms: performance.now() - started }, () => process.exit(0));
    })
    .catch((err: unknown) => {
      process.send!({ ok: false, error: err instanceof Error ? err.stack ?? err.message : String(err) }, () => process.exit(1));
    });
}
