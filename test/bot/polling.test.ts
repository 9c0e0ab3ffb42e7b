// Long polling (src/bot/polling.ts) in this process, against the fake Bot API. While an update holds
// the offset, Telegram answers getUpdates at once, so the loop polls short and waits between polls,
// many times on one stop signal. Issue #24.9: each wait left an abort listener on that signal
// (`MaxListenersExceededWarning: 11 abort listeners added to [AbortSignal]` after half a second).
// Counted in polls, not in time: the loop is made to wait dozens of times, however fast or slow.
import { Bot } from 'grammy';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { BotContext } from '../../src/bot/context.ts';
import { startPolling } from '../../src/bot/polling.ts';
import { FakeBotApi, type ApiCall } from '../support/fake-bot-api.ts';

const TOKEN = '7340901:AAH-polling_listeners_0123456789';
const USER = 734_091;
/** far more waits than the 10 listeners Node lets a signal hold before it warns */
const SHORT_POLLS = 40;

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** getUpdates calls with timeout 0: the loop's short polls while an update holds the offset. */
const shortPoll = (c: ApiCall) => c.method === 'getUpdates' && Number(c.payload['timeout']) === 0;

describe('long polling', () => {
  it('leaves no listener on its stop signal, however many short polls an update in hand causes', async () => {
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on('warning', onWarning);
    cleanups.push(() => void process.off('warning', onWarning));

    const fake = await FakeBotApi.start({ token: TOKEN });
    cleanups.push(() => fake.stop());
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    cleanups.push(() => release());
    const bot = new Bot<BotContext>(TOKEN, { client: { apiRoot: fake.url } });
    await bot.init(); // getMe, from the fake
    // the update stays in hand until the test lets it go: the offset stays on it
    bot.on('message', () => held);
    // no parking: nothing moves the offset past the held update, so the short polls go on
    const polling = startPolling(bot, pino({ level: 'silent' }), { timeoutSeconds: 1 });
    cleanups.push(async () => void (await polling.stop()));

    await fake.waitForCall((c) => c.method === 'getUpdates');
    const from = fake.calls.length;
    const sent = fake.sendText(USER, 'halo');
    // the loop waits between each two of these: SHORT_POLLS waits on the one signal
    let polls = 0;
    await fake.waitForCall((c) => shortPoll(c) && ++polls >= SHORT_POLLS, { fromIndex: from, timeoutMs: 60_000 });
    // every short poll asked from the held update: it was never confirmed
    expect(fake.calls.slice(from).filter(shortPoll).every((c) => Number(c.payload['offset']) === sent['update_id'])).toBe(true);

    release();
    const { unconfirmed } = await polling.stop();
    expect(unconfirmed).toEqual([]);
    // a warning is emitted on the next tick: one more turn of the loop lets it arrive
    await new Promise((resolve) => setImmediate(resolve));
    expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning').map((w) => w.message)).toEqual([]);
  });
});
