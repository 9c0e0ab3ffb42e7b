// The real bot process, long polling the fake Bot API, in the faults that broke the old poller:
// one user's reply waiting out a 429 must not hold up another user; one user's reply held with 160
// of their updates queued behind it must not keep another's from even being fetched, and a crash
// then loses none of what was parked to get past it; a SIGTERM with Redis and Telegram both
// unreachable must end the process within its drain time, non-zero, saying so.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/store/local-redis.ts';
import { createKeys } from '../../src/store/keys.ts';
import { PER_USER_IN_HAND } from '../../src/bot/per-user-limit.ts';
import { FakeBotApi } from '../support/fake-bot-api.ts';
import { BotProcess, deletePrefix, redisUrl, sleep, textOf, WAIT_MS } from './support.ts';

const A = 731_001;
const B = 731_002;
const DATA_KEY = randomBytes(32).toString('base64');
const log: string[] = [];
const procs: BotProcess[] = [];

function env(fake: FakeBotApi, redis: string, prefix: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    BOT_TOKEN: '7310412:AAH-e2e_polling_faults_0123456789', TELEGRAM_API_ROOT: fake.url, REDIS_URL: redis, REDIS_PREFIX: prefix,
    ADMIN_IDS: `${A},${B}`, DATA_KEY, LOG_LEVEL: 'info', REMINDER_WORKERS: 'off', ...extra,
  };
}

describe('end to end: polling faults', () => {
  let fake: FakeBotApi;
  beforeAll(async () => {
    fake = await FakeBotApi.start();
  });
  afterAll(async () => {
    for (const p of procs) p.forceKill();
    await fake?.stop();
  });

  it('answers another user while one user\'s reply waits out a 429', async () => {
    const prefix = `e2e-slow-${process.pid}-${Date.now()}:`;
    const bot = BotProcess.start('slow', env(fake, redisUrl(), prefix), log);
    procs.push(bot);
    await fake.waitForCall((c) => c.method === 'getUpdates', { timeoutMs: WAIT_MS });
    // A's reply is refused with "retry after 4 s": auto-retry waits that long inside A's update
    fake.failNext('sendMessage', { error_code: 429, description: 'Too Many Requests: retry after 4', parameters: { retry_after: 4 } });
    const from = fake.calls.length;
    fake.sendText(A, '/bantuan');
    await fake.waitForCall((c) => c.method === 'sendMessage' && c.payload['chat_id'] === A, { fromIndex: from, timeoutMs: WAIT_MS });
    const asked = Date.now();
    fake.sendText(B, '/bantuan');
    await fake.waitForReply(B, { fromIndex: from, match: /Cara memakai Pendamping/ });
    const waited = Date.now() - asked;
    // B is answered long before A's 4 s are over
    expect(waited).toBeLessThan(2_500);
    await fake.waitForReply(A, { fromIndex: from, match: /Cara memakai Pendamping/, timeoutMs: WAIT_MS });
    expect(await bot.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    const r = new Redis(redisUrl());
    await deletePrefix(r, prefix);
    r.disconnect();
  }, 60_000);

  it('answers another member while one user\'s reply is held with 160 of theirs queued behind it, tells the flooder once, and a crash loses nothing parked', async () => {
    const prefix = `e2e-flood-${process.pid}-${Date.now()}:`;
    const keys = createKeys(prefix);
    const r = new Redis(redisUrl());
    const toA = (c: (typeof fake.calls)[number], match: RegExp) => c.method === 'sendMessage' && c.payload['chat_id'] === A && c.response?.ok === true && match.test(textOf(c));
    try {
      let from = fake.calls.length;
      let bot = BotProcess.start('flood', env(fake, redisUrl(), prefix), log);
      procs.push(bot);
      await fake.waitForCall((c) => c.method === 'getUpdates', { fromIndex: from, timeoutMs: WAIT_MS });
      // A opens a case; its first question is held by Telegram (never answered: the process dies with it)
      fake.holdNext('sendMessage');
      from = fake.calls.length;
      const stuck = fake.sendText(A, '/kasus_baru');
      const held = await fake.waitForCall((c) => c.method === 'sendMessage' && c.payload['chat_id'] === A, { fromIndex: from, timeoutMs: WAIT_MS });
      // 160 more of A's queue up behind it, then B asks for help
      for (let i = 0; i < 160; i++) fake.sendText(A, '/bantuan');
      fake.sendText(B, '/bantuan');
      await fake.waitForReply(B, { fromIndex: from, match: /Cara memakai Pendamping/, timeoutMs: WAIT_MS });
      // B was answered while A's reply is still held
      expect(held.response).toBeUndefined();
      // A is told to wait, once; nothing else of A's is answered while their first reply is held
      await fake.waitForCall((c) => toA(c, /^⏳ Tunggu sebentar/), { fromIndex: from, timeoutMs: WAIT_MS });
      await sleep(300);
      const toldA = fake.calls.slice(from).filter((c) => toA(c, /./)).map(textOf);
      expect(toldA).toHaveLength(1);
      expect(toldA[0]).toMatch(/^⏳ Tunggu sebentar…/);
      // the held update is parked (Telegram confirmed past it), with what waited behind it
      const parked = (await r.hkeys(keys.parkedUpdates)).map(Number).sort((a, b) => a - b);
      expect(parked).toHaveLength(PER_USER_IN_HAND);
      expect(parked[0]).toBe(stuck['update_id']);

      expect((await bot.stop('SIGKILL')).signal).toBe('SIGKILL');
      from = fake.calls.length;
      bot = BotProcess.start('flood-restarted', env(fake, redisUrl(), prefix), log);
      procs.push(bot);
      // after the restart the parked update is handled: A's first question, once
      await fake.waitForCall((c) => toA(c, /Pertanyaan 1 dari 6/), { fromIndex: from, timeoutMs: WAIT_MS });
      for (let i = 0; i < 200 && (await r.hlen(keys.parkedUpdates)) > 0; i++) await sleep(25);
      expect(await r.hlen(keys.parkedUpdates)).toBe(0);
      expect(Number(await r.hget(keys.session(A), 'upd'))).toBeGreaterThanOrEqual(parked.at(-1)!);
      const after = fake.calls.slice(from);
      expect(after.filter((c) => toA(c, /Pertanyaan 1 dari 6/))).toHaveLength(1);
      // and the rest of what was parked, nothing lost; no second notice
      expect(after.filter((c) => toA(c, /Cara memakai Pendamping/))).toHaveLength(PER_USER_IN_HAND - 1);
      expect(fake.calls.filter((c) => toA(c, /Tunggu sebentar/))).toHaveLength(1);
      expect(await bot.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    } finally {
      await deletePrefix(r, prefix);
      r.disconnect();
    }
  }, 60_000);

  it('stops within its drain time when Redis and Telegram are both unreachable, non-zero, naming what was left', async () => {
    // a Redis of its own, which the test freezes (SIGSTOP: connections hang, as on a dead network)
    const port = await freePort();
    const dir = await mkdtemp(path.join(os.tmpdir(), 'pendamping-frozen-redis-'));
    const redis: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    try {
      await sleep(300);
      const bot = BotProcess.start('frozen', env(fake, `redis://127.0.0.1:${port}`, 'e2e-frozen:', { SHUTDOWN_DRAIN_MS: '3000' }), log);
      procs.push(bot);
      const from = fake.calls.length;
      await fake.waitForCall((c) => c.method === 'getUpdates', { fromIndex: from, timeoutMs: WAIT_MS });
      redis.kill('SIGSTOP');
      fake.sendText(A, '/bantuan'); // taken, then stuck reading Redis
      await sleep(1_000);
      await fake.stop(); // and Telegram is gone too
      const t0 = Date.now();
      const exit = await bot.stop('SIGTERM');
      const took = Date.now() - t0;
      expect(exit.code).not.toBe(0);
      expect(took).toBeLessThan(3_000 + 6_000);
      expect(log.some((l) => l.includes('[frozen') && /unfinished|did not stop in time/.test(l))).toBe(true);
    } finally {
      redis.kill('SIGCONT');
      redis.kill('SIGTERM');
      await rm(dir, { recursive: true, force: true });
      fake = await FakeBotApi.start();
    }
  }, 60_000);
});
