// The webhook's HTTP edge, in process: the port faces the internet, so the secret is compared in
// constant time (equal-length digests through timingSafeEqual), a body over the limit is refused
// with 413 before it is read, and a client that sends headers and then trickles its body is
// answered 408 and disconnected instead of holding a socket. Today's semantics stay: 200 after the
// update was handled, 500 when it failed, 401 without the secret, GET /healthz. The real process
// with three instances is test/e2e/webhook.test.ts.
import net from 'node:net';
import { Bot } from 'grammy';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BotContext } from '../../src/bot/context.ts';
import { startHealthServer } from '../../src/bot/health.ts';
import { startWebhook, type Webhook } from '../../src/bot/webhook.ts';
import { FakeBotApi } from '../support/fake-bot-api.ts';

const compared = vi.hoisted(() => [] as Array<[number, number]>);
vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  return {
    ...real,
    timingSafeEqual: (a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView) => {
      compared.push([a.byteLength, b.byteLength]);
      return real.timingSafeEqual(a, b);
    },
  };
});

const TOKEN = '123456:TEST-token-for-the-webhook-http';
const SECRET = 'webhook-http-secret-0123456789';
const FAILING = 900;
const SLOW = 901;
const REQUEST_TIMEOUT_MS = 300;

let fake: FakeBotApi;
let hook: Webhook;
const handled: number[] = [];
let releaseSlow: () => void = () => undefined;

/** One request on a socket of its own: what came back, and that the server closed it. */
function raw(port: number, head: string, drip?: { every: number; byte: string }): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(head));
    let got = '';
    const timer = drip ? setInterval(() => socket.writable && socket.write(drip.byte), drip.every) : undefined;
    socket.on('data', (c: Buffer) => {
      got += c.toString('latin1');
      clearInterval(timer); // answered: stop dripping into a socket the server is closing
    });
    // a drip byte already in flight when the server closed can come back as a reset: what the server
    // answered before it is the result (a reset before any answer is still a failure)
    socket.on('error', (err) => (got ? resolve(got) : reject(err)));
    socket.on('close', () => {
      clearInterval(timer);
      resolve(got);
    });
  });
}

function post(body: string, secret: string | null = SECRET): Promise<Response> {
  return fetch(`http://127.0.0.1:${hook.port}/hook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(secret === null ? {} : { 'x-telegram-bot-api-secret-token': secret }) },
    body,
  });
}

const update = (id: number) => JSON.stringify({ update_id: id, message: { message_id: 1, date: 0, chat: { id: 5, type: 'private', first_name: 'A' }, from: { id: 5, is_bot: false, first_name: 'A' }, text: 'x' } });

beforeAll(async () => {
  fake = await FakeBotApi.start();
  const bot = new Bot<BotContext>(TOKEN, { client: { apiRoot: fake.url } });
  bot.use(async (ctx) => {
    if (ctx.update.update_id === FAILING) throw new Error('handler failed');
    if (ctx.update.update_id === SLOW) await new Promise<void>((r) => (releaseSlow = r));
    handled.push(ctx.update.update_id);
  });
  bot.catch(() => undefined);
  await bot.init();
  hook = await startWebhook(bot, pino({ level: 'silent' }), {
    url: 'https://example.test/hook', secret: SECRET, port: 0, healthy: async () => true, requestTimeoutMs: REQUEST_TIMEOUT_MS,
  });
});

afterAll(async () => {
  await hook?.stop();
  await fake?.stop();
});

beforeEach(() => {
  handled.length = 0;
  compared.length = 0;
});

describe('the webhook over HTTP', () => {
  it('answers 200 after the update was handled, 500 when it failed, and GET /healthz', async () => {
    expect((await post(update(1))).status).toBe(200);
    expect(handled).toEqual([1]);
    expect((await post(update(FAILING))).status).toBe(500);
    expect((await fetch(`http://127.0.0.1:${hook.port}/healthz`)).status).toBe(200);
  });

  it('refuses a wrong secret of another length and of the same length with 401, comparing equal-length digests', async () => {
    const sameLength = `${SECRET.slice(0, -1)}${SECRET.endsWith('x') ? 'y' : 'x'}`;
    expect(sameLength).toHaveLength(SECRET.length);
    for (const wrong of ['short', sameLength, `${SECRET}-and-more`]) expect((await post(update(2), wrong)).status).toBe(401);
    expect((await post(update(2), null)).status).toBe(401);
    expect(handled).toEqual([]);
    // every header given went through timingSafeEqual over two digests of one length
    expect(compared).toHaveLength(3);
    expect(compared.every(([a, b]) => a === 32 && b === 32)).toBe(true);
    expect((await post(update(3))).status).toBe(200);
    expect(handled).toEqual([3]);
  });

  it('answers 413 to a body declared over the limit, without reading it', async () => {
    const head = `POST /hook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nX-Telegram-Bot-Api-Secret-Token: ${SECRET}\r\nContent-Length: 2000000\r\n\r\n{"update_id":`;
    const answer = await raw(hook.port, head);
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(handled).toEqual([]);
  });

  it('answers 413 to a chunked body that grows past the limit', async () => {
    const chunk = `{"update_id":4,"pad":"${'a'.repeat(1_000_100)}"}`;
    const head = `POST /hook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nX-Telegram-Bot-Api-Secret-Token: ${SECRET}\r\nTransfer-Encoding: chunked\r\n\r\n${chunk.length.toString(16)}\r\n${chunk}\r\n0\r\n\r\n`;
    const answer = await raw(hook.port, head);
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(handled).toEqual([]);
  });

  it('answers 408 to a client that trickles its body, and closes the connection', async () => {
    const head = `POST /hook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nX-Telegram-Bot-Api-Secret-Token: ${SECRET}\r\nContent-Length: 5000\r\n\r\n{"update_id":`;
    // a byte now and then, never the whole body: resolves only once the server closes the socket
    const answer = await raw(hook.port, head, { every: 20, byte: ' ' });
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(handled).toEqual([]);
  });

  it('answers 408 to a client that trickles its headers', async () => {
    const answer = await raw(hook.port, 'POST /hook HTTP/1.1\r\nHost: 127.0.0.1\r\n', { every: 20, byte: 'X' });
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('bounds receiving the request only: an update handled for longer than the bound still gets its 200', async () => {
    const answered = post(update(SLOW)).then((r) => r.status);
    // hold the handler past the request bound, then let it finish
    await new Promise((r) => setTimeout(r, REQUEST_TIMEOUT_MS * 3));
    releaseSlow();
    expect(await answered).toBe(200);
    expect(handled).toEqual([SLOW]);
  });
});

describe('the health server of long polling', () => {
  it('answers /healthz, and 408 to a client that trickles its headers', async () => {
    const server = await startHealthServer(0, async () => true, REQUEST_TIMEOUT_MS);
    try {
      expect((await fetch(`http://127.0.0.1:${server.port}/healthz`)).status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${server.port}/other`)).status).toBe(404);
      const answer = await raw(server.port, 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n', { every: 20, byte: 'X' });
      expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    } finally {
      await server.close();
    }
  });
});

describe('one user\'s flood on the webhook (issue #23.5)', () => {
  it('answers 200 at once to a user\'s updates beyond the cap, never handled, the user told once, while another user is handled', async () => {
    const FLOODER = 7;
    const held: (() => void)[] = [];
    const seen: number[] = [];
    const told: number[] = [];
    let slow = true;
    const bot = new Bot<BotContext>(TOKEN, { client: { apiRoot: fake.url } });
    // the flooder's updates wait (a slow reply of theirs) until released
    bot.use(async (ctx) => {
      if (ctx.from?.id === FLOODER && slow) await new Promise<void>((r) => held.push(r));
      seen.push(ctx.update.update_id);
    });
    await bot.init();
    const hook2 = await startWebhook(bot, pino({ level: 'silent' }), {
      url: 'https://example.test/hook', secret: SECRET, port: 0, healthy: async () => true,
      perUser: { notice: async (u) => void told.push(u.update_id) },
    });
    const from = (user: number, id: number) => JSON.stringify({ update_id: id, message: { message_id: id, date: 0, chat: { id: user, type: 'private', first_name: 'F' }, from: { id: user, is_bot: false, first_name: 'F' }, text: 'x' } });
    // bounded: a request the webhook holds fails the test here instead of at its timeout
    const postTo = (body: string) => fetch(`http://127.0.0.1:${hook2.port}/hook`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET }, body, signal: AbortSignal.timeout(3_000),
    }).then((r) => r.status);
    try {
      const first = [1001, 1002, 1003, 1004, 1005].map((id) => postTo(from(FLOODER, id)));
      for (let i = 0; held.length < 5 && i < 200; i++) await new Promise((r) => setTimeout(r, 10));
      expect(held).toHaveLength(5);
      // beyond the cap: 200 while the five are still in hand, and never handled
      expect(await postTo(from(FLOODER, 1006))).toBe(200);
      // one of the five done: the flood goes on (dropped) until none of theirs is in hand
      held[0]!();
      expect(await first[0]).toBe(200);
      expect(await postTo(from(FLOODER, 1007))).toBe(200);
      // another user's update goes through meanwhile
      expect(await postTo(from(5, 1008))).toBe(200);
      expect(seen).toEqual([1001, 1008]);
      expect(told).toEqual([1006]);
      slow = false;
      for (const release of held) release();
      expect(await Promise.all(first)).toEqual([200, 200, 200, 200, 200]);
      expect([...seen].sort()).toEqual([1001, 1002, 1003, 1004, 1005, 1008]);
      // the flood is over once none of theirs is in hand: the next one is handled
      expect(await postTo(from(FLOODER, 1009))).toBe(200);
      expect(seen).toContain(1009);
    } finally {
      for (const release of held) release();
      await hook2.stop();
    }
  });
});
