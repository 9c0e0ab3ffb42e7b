// The real bot process, long polling the fake Bot API, in the faults that broke the old poller:
// one user's reply waiting out a 429 must not hold up another user; one user's reply held with 160
// of their updates queued behind it must not keep another's from even being fetched, and a crash
// then loses none of what was parked to get past it; a SIGTERM with Redis and Telegram both
// unreachable must end the process within its drain time, non-zero, saying so.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeys } from '../../src/store/keys.ts';
import { PER_USER_IN_HAND } from '../../src/bot/per-user-limit.ts';
import { FakeBotApi, type ApiCall } from '../support/fake-bot-api.ts';
import { OwnRedis, deletePrefix, redisUrl, startPollingBot, textOf, until, waitFetched, WAIT_MS, type BotProcess } from './support.ts';

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
    const { bot } = await startPollingBot(fake, 'slow', env(fake, redisUrl(), prefix), log, procs);
    // A's reply is refused with "retry after 1 s": auto-retry waits that out inside A's update, then
    // sends it again, and Telegram holds A's replies from then on until B has been answered. Order,
    // not time: a poller that let A's update hold up B's (the old one) never answers B, and the wait
    // for B's answer fails, however fast or slow the machine.
    fake.failNext('sendMessage', { error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } });
    const from = fake.calls.length;
    const toA = (c: ApiCall) => c.method === 'sendMessage' && Number(c.payload['chat_id']) === A;
    fake.sendText(A, '/bantuan');
    const refused = await fake.waitForCall(toA, { fromIndex: from, timeoutMs: WAIT_MS });
    // set as the refusal is recorded, before the bot has even read it: the retry cannot come first
    const holdA = fake.holdWhile((req) => req.method === 'sendMessage' && Number(req.payload['chat_id']) === A);
    fake.sendText(B, '/bantuan'); // while A's update waits out the 429
    await fake.waitForReply(B, { fromIndex: from, match: /Cara memakai Pendamping/, timeoutMs: WAIT_MS });
    // B was answered while A's update was still in hand: A has no answer yet
    expect(fake.calls.slice(from).filter(toA).some((c) => c.response?.ok)).toBe(false);
    holdA.release();
    await fake.waitForReply(A, { fromIndex: from, match: /Cara memakai Pendamping/, timeoutMs: WAIT_MS });
    // A got their answer once: the refused try, then the retry
    expect(fake.calls.slice(from).filter(toA).map((c) => c.response?.ok)).toEqual([false, true]);
    expect(refused.response).toMatchObject({ error_code: 429 });
    expect(await bot.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    expect(log.filter((l) => l.startsWith('[slow') && l.includes('MaxListenersExceededWarning'))).toEqual([]);
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
      let { bot, from } = await startPollingBot(fake, 'flood', env(fake, redisUrl(), prefix), log, procs);
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
      // A is told to wait, once
      await fake.waitForCall((c) => toA(c, /^⏳ Tunggu sebentar/), { fromIndex: from, timeoutMs: WAIT_MS });
      // the held update is parked (Telegram confirmed past it), with what waited behind it: B comes
      // after more than a window of A's, so B answered means they were parked
      const parked = (await r.hkeys(keys.parkedUpdates)).map(Number).sort((a, b) => a - b);
      expect(parked).toHaveLength(PER_USER_IN_HAND);
      expect(parked[0]).toBe(stuck['update_id']);

      expect((await bot.stop('SIGKILL')).signal).toBe('SIGKILL');
      // nothing else of A's was answered while their first reply was held: the whole life of the
      // first process, not a moment after the notice
      const toldA = fake.calls.slice(from).filter((c) => toA(c, /./)).map(textOf);
      expect(toldA).toHaveLength(1);
      expect(toldA[0]).toMatch(/^⏳ Tunggu sebentar…/);
      expect(log.filter((l) => l.startsWith('[flood') && l.includes('MaxListenersExceededWarning'))).toEqual([]);
      ({ bot, from } = await startPollingBot(fake, 'flood-restarted', env(fake, redisUrl(), prefix), log, procs));
      // after the restart the parked update is handled: A's first question, once
      await fake.waitForCall((c) => toA(c, /Pertanyaan 1 dari ± 8/), { fromIndex: from, timeoutMs: WAIT_MS });
      // and the rest of what was parked: then each leaves the hash (removed after its reply, best effort)
      let helped = 0;
      await fake.waitForCall((c) => toA(c, /Cara memakai Pendamping/) && ++helped === PER_USER_IN_HAND - 1, { fromIndex: from, timeoutMs: WAIT_MS });
      await until(async () => (await r.hlen(keys.parkedUpdates)) === 0);
      expect(Number(await r.hget(keys.session(A), 'upd'))).toBeGreaterThanOrEqual(parked.at(-1)!);
      const after = fake.calls.slice(from);
      expect(after.filter((c) => toA(c, /Pertanyaan 1 dari ± 8/))).toHaveLength(1);
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
    const redis = await OwnRedis.start();
    try {
      const { bot, from } = await startPollingBot(fake, 'frozen', env(fake, redis.url, 'e2e-frozen:', { SHUTDOWN_DRAIN_MS: '3000' }), log, procs);
      await redis.signal('SIGSTOP');
      const sent = fake.sendText(A, '/bantuan'); // taken, then stuck reading Redis
      await waitFetched(fake, sent['update_id'] as number, from);
      await fake.stop(); // and Telegram is gone too
      // No clock: the process bounds its own stop (the drain, then a few seconds for closing); a
      // stop that hung would never exit, and the test would run into its own timeout.
      const exit = await bot.stop('SIGTERM');
      expect(exit.code).not.toBe(0);
      expect(log.some((l) => l.includes('[frozen') && /unfinished|did not stop in time/.test(l))).toBe(true);
    } finally {
      await redis.stop();
      fake = await FakeBotApi.start();
    }
  }, 60_000);
});
