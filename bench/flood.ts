// One user must not stall everyone (issue #23.5): three figures, each beside the same figure on a
// quiet bot. The bot is src/main.ts as a process (on the bench's Node, as bench/startup.ts starts
// it) long-polling the fake Bot API over HTTP, as production polls Telegram; a fresh bot, fake and
// key prefix for every run, so nothing of one run reaches the next.
//  1. held:    user A's reply held 5 s by the fake (a slow Telegram), A's 150 messages queued behind
//              it, then member B's /bantuan: how long B waits for the answer (quiet: B alone); and
//              B's /bahasa 2 s into the hold (a member writing while the stall goes on).
//  2. burst:   A's 300 messages at once, then B's /bantuan: B's wait (quiet: B alone).
//  3. exports: F presses 📕 PDF twelve times (each press answered "⏳ Sedang disiapkan…" before the
//              next), then G presses it once: G's press → G's document (quiet: G alone, before F's
//              twelve, after a PDF of F's warmed the process). The export worker runs in the bot
//              process, as by default.
// Alone: `node --import tsx bench/flood.ts [--rounds N]` (REDIS_URL, or a redis-server of its own);
// in `npm run bench`, and alone there with `npm run bench -- --flood`.
import { workspaceOptions } from '../src/app/store-options.ts';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import { childRuntime, tsArgs } from './child.ts';
import { dropPrefix } from './bench-bot.ts';
import { FakeBotApi } from '../test/support/fake-bot-api.ts';
import { buildSeed, writeSeed } from '../test/export/fixtures.ts';
import { loadCatalog } from '../src/catalog/load-flows.ts';
import { DataCipher } from '../src/store/crypto.ts';
import { createKeys } from '../src/store/keys.ts';
import { WorkspaceStore } from '../src/store/workspace-store.ts';
import type { SessionData } from '../src/store/session.ts';
import { encode } from '../src/telegram/callback-data.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** random-looking, as src/config.ts demands of DATA_KEY, and the same every run */
const KEY = createHash('sha256').update('pendamping bench flood').digest();
const TOKEN = '123456:BENCHflood_abcdefghijklmnopqrstu';
const A = 8_101;
const B = 8_102;
const F = 8_111;
const G = 8_112;
const HELD_MS = 5_000;
const WAIT_MS = 120_000;
/** notes in each seeded case: a PDF of a case with a year and a half of weekly sessions */
const NOTES = 80;

export interface FloodFigures {
  /** B's /bantuan answered, on a quiet bot (ms) */
  command_quiet_ms: number;
  /** the same, with A's 150 messages queued behind A's reply held 5 s */
  command_behind_held_ms: number;
  /** the same, 2 s into that hold */
  command_during_stall_ms: number;
  /** the same, right behind A's 300 messages */
  command_behind_burst_ms: number;
  /** G's PDF, press → document, on a quiet bot (ms) */
  export_quiet_ms: number;
  /** the same, after F's 12 PDFs were queued */
  export_behind_twelve_ms: number;
}

interface Running {
  fake: FakeBotApi;
  child: ChildProcess;
  prefix: string;
  dataDir: string;
  lines: string[];
}

let runs = 0;

async function startBot(redisUrl: string, workers: boolean): Promise<Running> {
  const fake = await FakeBotApi.start();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'pendamping-bench-flood-'));
  const prefix = `bench:flood:${process.pid}:${runs++}:`;
  const lines: string[] = [];
  const child = spawn(childRuntime().node, [...tsArgs(), 'src/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp',
      BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.url, REDIS_URL: redisUrl, REDIS_PREFIX: prefix,
      DATA_KEY: KEY.toString('base64'), DATA_DIR: dataDir, ADMIN_IDS: [A, B, F, G].join(','), LOG_LEVEL: 'warn',
      REMINDER_WORKERS: workers ? 'on' : 'off',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (d: Buffer) => lines.push(...String(d).split('\n').filter(Boolean).slice(-20));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  try {
    await fake.waitForCall((c) => c.method === 'getUpdates', { timeoutMs: 60_000 });
  } catch (err) {
    child.kill('SIGKILL');
    throw new Error(`src/main.ts did not poll: ${(err as Error).message}\n${lines.slice(-10).join('\n')}`);
  }
  return { fake, child, prefix, dataDir, lines };
}

async function stopBot(r: Running, redisUrl: string): Promise<void> {
  const exited = new Promise<void>((resolve) => r.child.once('exit', () => resolve()));
  r.child.kill('SIGTERM');
  const bound = setTimeout(() => r.child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(bound);
  await r.fake.stop();
  const redis = new Redis(redisUrl);
  await dropPrefix(redis, r.prefix);
  redis.disconnect();
  await rm(r.dataDir, { recursive: true, force: true });
}

/** Sends /bantuan (or /bahasa) as `user`; ms until its answer reached the fake. */
async function commandWait(fake: FakeBotApi, user: number, command: '/bantuan' | '/bahasa' = '/bantuan'): Promise<number> {
  const from = fake.calls.length;
  const t0 = performance.now();
  fake.sendText(user, command, { languageCode: 'id' });
  await fake.waitForReply(user, { fromIndex: from, match: command === '/bantuan' ? /Cara memakai Pendamping/ : /Pilih bahasa/, timeoutMs: WAIT_MS });
  return performance.now() - t0;
}

/** Waits until the bot has sent nothing for `quietMs` (a flood's backlog worked off). */
async function settle(fake: FakeBotApi, quietMs = 1_000): Promise<void> {
  const until = Date.now() + WAIT_MS;
  let seen = -1;
  while (Date.now() < until) {
    const n = fake.calls.filter((c) => c.method !== 'getUpdates').length;
    if (n === seen) return;
    seen = n;
    await new Promise((r) => setTimeout(r, quietMs));
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

async function quietCommand(redisUrl: string): Promise<number> {
  const r = await startBot(redisUrl, false);
  try {
    await commandWait(r.fake, B); // the first update of a process warms it up
    const xs: number[] = [];
    for (let i = 0; i < 5; i++) xs.push(await commandWait(r.fake, B));
    return median(xs);
  } finally {
    await stopBot(r, redisUrl);
  }
}

async function heldCommand(redisUrl: string): Promise<{ behind: number; during: number }> {
  const r = await startBot(redisUrl, false);
  try {
    await commandWait(r.fake, B);
    const release = r.fake.holdNext('sendMessage');
    const from = r.fake.calls.length;
    r.fake.sendText(A, '/bantuan', { languageCode: 'id' });
    await r.fake.waitForCall((c) => c.method === 'sendMessage' && Number(c.payload['chat_id']) === A, { fromIndex: from, timeoutMs: WAIT_MS });
    const heldAt = performance.now();
    const held = setTimeout(release, HELD_MS);
    for (let i = 0; i < 150; i++) r.fake.sendText(A, `pesan ${i}`, { languageCode: 'id' });
    const behindP = commandWait(r.fake, B);
    // a second command of B's (another, so neither wait takes the other's answer), sent 2 s in
    // whether or not the first was answered yet
    await new Promise((res) => setTimeout(res, 2_000));
    const during = await commandWait(r.fake, B, '/bahasa');
    const behind = await behindP;
    await new Promise((res) => setTimeout(res, Math.max(0, heldAt + HELD_MS - performance.now())));
    clearTimeout(held);
    release();
    await settle(r.fake);
    return { behind, during };
  } finally {
    await stopBot(r, redisUrl);
  }
}

async function burstCommand(redisUrl: string): Promise<number> {
  const r = await startBot(redisUrl, false);
  try {
    await commandWait(r.fake, B);
    for (let i = 0; i < 300; i++) r.fake.sendText(A, `pesan ${i}`, { languageCode: 'id' });
    const ms = await commandWait(r.fake, B);
    await settle(r.fake);
    return ms;
  } finally {
    await stopBot(r, redisUrl);
  }
}

/** Seeds F's and G's cases (NOTES notes each); returns their ids. */
async function seedCases(redisUrl: string, prefix: string): Promise<{ f: string; g: string }> {
  const redis = new Redis(redisUrl);
  const keys = createKeys(prefix);
  const catalog = await loadCatalog();
  const store = new WorkspaceStore<SessionData>(redis, keys, new DataCipher([KEY]), workspaceOptions(catalog));
  const opts = { flowId: 'zastrow-mezzo', notes: NOTES, stages: 4, firstDay: '2024-01-01', longAnswers: true };
  const f = buildSeed(catalog, { ...opts, ownerId: F }, 'floodcasef');
  const g = buildSeed(catalog, { ...opts, ownerId: G }, 'floodcaseg');
  await writeSeed(store, redis, keys, f);
  await writeSeed(store, redis, keys, g);
  redis.disconnect();
  return { f: f.case.id, g: g.case.id };
}

/** Presses 📕 PDF on the case; resolves once the press was answered "⏳ Sedang disiapkan…". */
async function pressPdf(fake: FakeBotApi, user: number, caseId: string): Promise<void> {
  const from = fake.calls.length;
  fake.pressButton(user, 1, encode({ kind: 'report-make', caseId, what: 'pdf' }));
  await fake.waitForReply(user, { fromIndex: from, match: /disiapkan/, timeoutMs: WAIT_MS });
}

async function documentFor(fake: FakeBotApi, user: number, from: number): Promise<void> {
  await fake.waitForCall((c) => c.method === 'sendDocument' && Number(c.payload['chat_id']) === user && c.response?.ok === true, { fromIndex: from, timeoutMs: WAIT_MS });
}

/** G's PDF on a quiet bot, then behind F's twelve (one process, warmed up by a PDF of F's first). */
async function exportTimes(redisUrl: string): Promise<{ quiet: number; behind: number }> {
  const r = await startBot(redisUrl, true);
  try {
    const ids = await seedCases(redisUrl, r.prefix);
    const timed = async () => {
      const from = r.fake.calls.length;
      const t0 = performance.now();
      await pressPdf(r.fake, G, ids.g);
      await documentFor(r.fake, G, from);
      return performance.now() - t0;
    };
    const from = r.fake.calls.length;
    await pressPdf(r.fake, F, ids.f);
    await documentFor(r.fake, F, from);
    const quiet = await timed();
    for (let i = 0; i < 12; i++) await pressPdf(r.fake, F, ids.f);
    const behind = await timed();
    await settle(r.fake, 2_000);
    return { quiet, behind };
  } finally {
    await stopBot(r, redisUrl);
  }
}

export async function flood(redisUrl: string, rounds: number, log: (s: string) => void = () => undefined): Promise<{ figures: FloodFigures; runs: FloodFigures[] }> {
  const all: FloodFigures[] = [];
  for (let round = 0; round < rounds; round++) {
    const command_quiet_ms = await quietCommand(redisUrl);
    const held = await heldCommand(redisUrl);
    const exports = await exportTimes(redisUrl);
    const f: FloodFigures = {
      command_quiet_ms,
      command_behind_held_ms: held.behind,
      command_during_stall_ms: held.during,
      command_behind_burst_ms: await burstCommand(redisUrl),
      export_quiet_ms: exports.quiet,
      export_behind_twelve_ms: exports.behind,
    };
    log(`  round ${round + 1}: command ${f.command_quiet_ms.toFixed(0)} ms quiet, ${f.command_behind_held_ms.toFixed(0)} ms behind 150 held (${f.command_during_stall_ms.toFixed(0)} ms 2 s into the hold), ${f.command_behind_burst_ms.toFixed(0)} ms behind 300; PDF ${f.export_quiet_ms.toFixed(0)} ms quiet, ${f.export_behind_twelve_ms.toFixed(0)} ms behind 12`);
    all.push(f);
  }
  const figures = Object.fromEntries(Object.keys(all[0]!).map((k) => [k, median(all.map((x) => x[k as keyof FloodFigures]))])) as unknown as FloodFigures;
  return { figures, runs: all };
}

export function floodLines(f: FloodFigures): string[] {
  const ratio = (x: number, quiet: number) => `${(x / quiet).toFixed(1)}×`;
  return [
    `flood: another member's /bantuan ${f.command_quiet_ms.toFixed(0)} ms on a quiet bot; ${f.command_behind_held_ms.toFixed(0)} ms (${ratio(f.command_behind_held_ms, f.command_quiet_ms)}) behind 150 messages queued after a reply held ${HELD_MS / 1000} s (${f.command_during_stall_ms.toFixed(0)} ms, ${ratio(f.command_during_stall_ms, f.command_quiet_ms)}, 2 s into the hold); ${f.command_behind_burst_ms.toFixed(0)} ms (${ratio(f.command_behind_burst_ms, f.command_quiet_ms)}) behind 300 messages`,
    `flood: another user's PDF (${NOTES} notes) ${f.export_quiet_ms.toFixed(0)} ms on a quiet bot; ${f.export_behind_twelve_ms.toFixed(0)} ms (${ratio(f.export_behind_twelve_ms, f.export_quiet_ms)}) behind 12 PDFs of one user`,
  ];
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(fileURLToPath(import.meta.url))) {
  const argv = process.argv.slice(2);
  const i = argv.indexOf('--rounds');
  const rounds = i >= 0 ? Number(argv[i + 1]) || 1 : 1;
  const { startLocalRedis } = await import('../src/store/local-redis.ts');
  const dir = process.env.REDIS_URL ? undefined : await mkdtemp(path.join(os.tmpdir(), 'pendamping-bench-'));
  const local = dir ? await startLocalRedis(dir) : undefined;
  const log = (s: string) => process.stdout.write(`${s}\n`);
  try {
    const { figures } = await flood(process.env.REDIS_URL ?? local!.url, rounds, log);
    for (const l of floodLines(figures)) log(l);
  } finally {
    await local?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  }
}
