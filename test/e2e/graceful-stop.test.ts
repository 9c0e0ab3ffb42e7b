// A stop (SIGTERM, as `docker stop` sends) right after the worker answers: the answer is either
// handled before the process exits or left with Telegram for the next start — never lost.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataCipher } from '../../src/store/crypto.ts';
import { createKeys } from '../../src/store/keys.ts';
import { FakeBotApi } from '../support/fake-bot-api.ts';
import { deletePrefix, redisUrl, startPollingBot, Stored, User, type BotProcess } from './support.ts';

const USER_ID = 730_042;
const DATA_KEY = randomBytes(32);
const PREFIX = `e2e-stop-${process.pid}-${Date.now()}:`;
const log: string[] = [];
const procs: BotProcess[] = [];
let fake: FakeBotApi;
let redis: Redis;

async function startBot(name: string): Promise<BotProcess> {
  // waits until it polls, with no bound but the test's (start-up is what a loaded machine slows most)
  const { bot } = await startPollingBot(fake, name, {
    BOT_TOKEN: '7300412:AAH-e2e_graceful_token_0123456789',
    TELEGRAM_API_ROOT: fake.url,
    REDIS_URL: redisUrl(),
    REDIS_PREFIX: PREFIX,
    ADMIN_IDS: String(USER_ID),
    DATA_KEY: DATA_KEY.toString('base64'),
    LOG_LEVEL: 'warn',
  }, log, procs);
  return bot;
}

describe('end to end: a graceful stop with an answer in flight', () => {
  beforeAll(async () => {
    redis = new Redis(redisUrl());
    fake = await FakeBotApi.start();
  });
  afterAll(async () => {
    for (const p of procs) p.forceKill();
    await fake?.stop();
    await deletePrefix(redis, PREFIX);
    redis.disconnect();
  });

  it('keeps an answer sent just before SIGTERM', async () => {
    let bot = await startBot('bot#1');
    // the model first (a press answered in place), then the initials, typed just before the stop
    const user = new User(fake, USER_ID);
    const first = (await user.say('/kasus_baru', /Pertanyaan 1 dari ± 8/)).msg;
    await user.press(first, 'Zastrow', /Pertanyaan 2 dari ± 8/);

    const answer = fake.sendText(USER_ID, 'BZG');
    expect(await bot.stop('SIGTERM')).toEqual({ code: 0, signal: null });

    bot = await startBot('bot#2');
    const stored = new Stored(redis, createKeys(PREFIX), new DataCipher([DATA_KEY]), USER_ID);
    const session = await stored.handled(answer['update_id'] as number);
    expect(session.activity?.form.answers).toEqual({ model: 'zastrow_mezzo', inisial: 'BZG' });
    // the worker saw question 3 — from the first process or the second
    expect(fake.calls.some((c) => c.method === 'sendMessage' && String(c.payload.text).includes('Pertanyaan 3 dari ± 8'))).toBe(true);
    expect(await bot.stop('SIGTERM')).toEqual({ code: 0, signal: null });
  }, 60_000);
});
