// Reminders (bench/README.md §4): due reminders through the real BullMQ path — an `occurrence` job
// per case on the schedule queue (what a job scheduler fires), gathered by the schedule worker into
// a `deliver` job, sent by the send worker (limiter, 429 → queue rate limit) with the production
// send client (src/reminders/api.ts) — to a fake Bot API over HTTP that enforces Telegram's limits:
// 30 messages a second in total and 1 a second per chat, with 429 and retry_after above that.
// A few chats also get a postponed copy ("Tunda 1 hari") right behind, so the per-chat limit is met too.
import { workspaceOptions } from '../src/app/store-options.ts';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import { createI18n } from '../src/bot/create-bot.ts';
import type { SessionData } from '../src/bot/context.ts';
import { loadCatalog } from '../src/catalog/load-flows.ts';
import { createLogger } from '../src/logger.ts';
import { createSendQueueApi } from '../src/reminders/api.ts';
import { bullConnection, ReminderQueues } from '../src/reminders/queues.ts';
import { startReminderWorkers } from '../src/reminders/workers.ts';
import { DataCipher } from '../src/store/crypto.ts';
import { createKeys } from '../src/store/keys.ts';
import type { CaseRecord } from '../src/store/records.ts';
import { WorkspaceStore } from '../src/store/workspace-store.ts';
import { dropPrefix, inBatches } from './bench-bot.ts';

export const TOTAL_PER_SECOND = 30;
const PER_CHAT_MS = 1000;

interface FakeLimits {
  url: string;
  accepted: Map<number, number>;
  acceptedAt: number[];
  tooManyTotal: number;
  tooManyChat: number;
  close(): Promise<void>;
}

/** A Bot API that answers sendMessage as Telegram does under its flood limits. */
async function limitedApi(): Promise<FakeLimits> {
  const window: number[] = [];
  const lastByChat = new Map<number, number>();
  const state = { accepted: new Map<number, number>(), acceptedAt: [] as number[], tooManyTotal: 0, tooManyChat: 0 };
  let messageId = 1;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const method = (req.url ?? '').split('/').pop();
      const body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>) : {};
      let out: unknown;
      let status = 200;
      if (method === 'sendMessage') {
        const now = performance.now();
        const chat = Number(body.chat_id);
        while (window.length && window[0]! <= now - 1000) window.shift();
        const last = lastByChat.get(chat);
        if (window.length >= TOTAL_PER_SECOND || (last !== undefined && now - last < PER_CHAT_MS)) {
          if (window.length >= TOTAL_PER_SECOND) state.tooManyTotal++;
          else state.tooManyChat++;
          status = 429;
          out = { ok: false, error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } };
        } else {
          window.push(now);
          lastByChat.set(chat, now);
          state.accepted.set(chat, (state.accepted.get(chat) ?? 0) + 1);
          state.acceptedAt.push(now);
          out = { ok: true, result: { message_id: messageId++, date: Math.floor(Date.now() / 1000), chat: { id: chat, type: 'private' }, text: body.text } };
        }
      } else {
        out = { ok: true, result: true };
      }
      const json = JSON.stringify(out);
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
      res.end(json);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    ...state,
    get tooManyTotal() {
      return state.tooManyTotal;
    },
    get tooManyChat() {
      return state.tooManyChat;
    },
    close: () => new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
  };
}

export interface RemindersSpec {
  redisUrl: string;
  /** users with one due weekly reminder each */
  users: number;
  /** of them (the last ones), how many also get a postponed copy: a second message to the same chat */
  snoozed: number;
}

export interface ReminderFigures {
  reminders: number;
  delivered: number;
  seconds: number;
  messages_per_s: number;
  limit_per_s: number;
  pct_of_limit: number;
  too_many_requests: number;
  too_many_total: number;
  too_many_per_chat: number;
  lost: number;
  doubled: number;
}

export async function remindersRun(spec: RemindersSpec): Promise<ReminderFigures> {
  const fake = await limitedApi();
  const prefix = `bench:rem:${process.pid}:`;
  const redis = new Redis(spec.redisUrl);
  const bull = bullConnection(spec.redisUrl);
  const keys = createKeys(prefix);
  const catalog = await loadCatalog();
  const store = new WorkspaceStore<SessionData>(redis, keys, new DataCipher([Buffer.alloc(32, 4)]), workspaceOptions(catalog));
  const queues = new ReminderQueues(bull, keys);
  const logger = createLogger('silent');
  const deps = {
    connection: bull, queues, redis, store, keys, api: createSendQueueApi('123456:bench-reminders-token', fake.url),
    catalog, i18n: createI18n(), logger, now: () => Date.now(), defaultZone: 'Asia/Jakarta',
  };
  const users = Array.from({ length: spec.users }, (_, i) => 5_000_001 + i);
  const created = new Date(Date.now() - 30 * 86_400_000).toISOString();
  const caseOf = (u: number) => `rc${u.toString(36).padStart(8, '0')}`;
  await inBatches(users, async (u) => {
    const c: CaseRecord = {
      id: caseOf(u), ownerId: u, initials: 'Si', age: 42, gender: 'p', setting: 'bapas', problem: 'x', flowId: 'zastrow-mezzo',
      stageId: 'evaluasi', status: 'active', createdAt: created, updatedAt: created, noteCount: 0, monitoring: { cadence: 'weekly' },
    };
    await store.commit(u, 0, { session: {}, cases: [c] });
  });
  const expected = new Map<number, number>(users.map((u) => [u, 1]));
  // the last few users also get a postponed copy, queued while their weekly reminder is still
  // waiting: it follows it within a second, so Telegram's per-chat limit answers 429
  const snoozed = users.slice(users.length - spec.snoozed);
  for (const u of snoozed) expected.set(u, 2);
  const total = [...expected.values()].reduce((a, b) => a + b, 0);

  const workers = startReminderWorkers(deps);
  // what the job schedulers fire: one occurrence per case, now
  await queues.schedule.addBulk(users.map((u) => ({ name: 'occurrence', data: { userId: u, caseId: caseOf(u) }, opts: { jobId: `occ-${u}` } })));
  const deadline = performance.now() + Math.max(60_000, (total / 20) * 1000 * 2);
  const delivered = () => [...fake.accepted.values()].reduce((a, b) => a + b, 0);
  let snoozesQueued = spec.snoozed === 0;
  while (delivered() < total && performance.now() < deadline) {
    if (!snoozesQueued && delivered() >= users.length - spec.snoozed - 5) {
      snoozesQueued = true;
      const at = Date.now();
      await queues.sends.addBulk(snoozed.map((u) => ({ name: 'deliver', data: { userId: u, occurrence: at, only: [caseOf(u)], snooze: true }, opts: { jobId: `snooze-${u}` } })));
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  // anything sent twice would arrive within a few more seconds
  await new Promise((r) => setTimeout(r, 3_000));
  let lost = 0;
  let doubled = 0;
  for (const [u, want] of expected) {
    const got = fake.accepted.get(u) ?? 0;
    if (got < want) lost += want - got;
    if (got > want) doubled += got - want;
  }
  for (const chat of fake.accepted.keys()) if (!expected.has(chat)) doubled += fake.accepted.get(chat)!;
  const times = fake.acceptedAt;
  const seconds = times.length > 1 ? (times.at(-1)! - times[0]!) / 1000 : NaN;
  const rate = (times.length - 1) / seconds;
  await workers.close();
  await queues.schedule.obliterate({ force: true });
  await queues.sends.obliterate({ force: true });
  await queues.close();
  await dropPrefix(redis, prefix);
  redis.disconnect();
  bull.disconnect();
  await fake.close();
  return {
    reminders: total,
    delivered: times.length,
    seconds,
    messages_per_s: rate,
    limit_per_s: TOTAL_PER_SECOND,
    pct_of_limit: (100 * rate) / TOTAL_PER_SECOND,
    too_many_requests: fake.tooManyTotal + fake.tooManyChat,
    too_many_total: fake.tooManyTotal,
    too_many_per_chat: fake.tooManyChat,
    lost,
    doubled,
  };
}

// As a child process of bench/run.ts (spec as argv[2], result over IPC).
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname) && process.send) {
  const spec = JSON.parse(process.argv[2]!) as RemindersSpec & { runs: number };
  (async () => {
    const runs: ReminderFigures[] = [];
    for (let i = 0; i < spec.runs; i++) runs.push(await remindersRun(spec));
    return runs;
  })()
    .then((r) => process.send!({ ok: true, result: r }, () => process.exit(0)))
    .catch((err: unknown) => process.send!({ ok: false, error: err instanceof Error ? err.stack ?? err.message : String(err) }, () => process.exit(1)));
}
