// The playground runs on the developer's machine beside their browser and, with REDIS_URL, beside
// other data: its page refuses a foreign Host (DNS rebinding), its embedded Bot API answers only the
// bot's token, and it deletes no key of a Redis it did not start unless the key is provably its own.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotApiHttp } from '../../src/playground/bot-api-http.ts';
import { PlaygroundClock } from '../../src/playground/clock.ts';
import { TelegramSim } from '../../src/playground/telegram-sim.ts';
import { startWebServer, type PlaygroundView } from '../../src/playground/web.ts';
import { claimPrefix, markerKey, NotPlaygroundDataError, wipePlayground } from '../../src/playground/wipe.ts';
import { freePort } from '../../src/store/local-redis.ts';
import { deletePrefix, redisUrl } from '../support/redis.ts';
import { TS_RUNNER } from '../support/ts-runner.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TOKEN = '123456:PLAYGROUND-guards-test-token-0123456789';
const PREFIX = `pg-guards-${process.pid}:`;

/** A request with the Host header a browser would send for that address. */
function get(port: number, host: string | undefined, pathname = '/', method = 'GET'): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (host !== undefined) headers['host'] = host;
    const req = http.request({ host: '127.0.0.1', port, path: pathname, method, headers, setHost: host !== undefined }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end(method === 'POST' ? JSON.stringify({ user: 1003, text: 'halo' }) : undefined);
  });
}

describe('the page server', () => {
  const sim = new TelegramSim();
  let web: { url: string; close(): Promise<void> };
  let port: number;

  beforeAll(async () => {
    const pg: PlaygroundView = {
      sim, clock: new PlaygroundClock(), lang: 'id', busy: undefined, onBusy: () => () => true, touched: () => undefined,
      setLang: async () => undefined, reset: async () => undefined, travel: async () => ({ messages: 0 }),
    };
    web = await startWebServer(pg, 0, pino({ level: 'silent' }), { botToken: TOKEN });
    port = Number(new URL(web.url).port);
  });
  afterAll(async () => {
    await web?.close();
  });

  it('answers its own loopback names with its port', async () => {
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, `LOCALHOST:${port}`]) expect(await get(port, host), host).toBe(200);
  });

  it('refuses any other Host with 403 (DNS rebinding), before doing anything', async () => {
    for (const host of [`evil.example:${port}`, `localhost.evil.example:${port}`, `localhost:${port + 1}`, 'localhost', '127.0.0.1']) {
      expect(await get(port, host), JSON.stringify(host)).toBe(403);
    }
    expect(await get(port, `rebound.example:${port}`, '/api/send', 'POST')).toBe(403);
    expect(sim.chatMessages(1003)).toEqual([]);
    expect(await get(port, `localhost:${port}`, '/api/send', 'POST')).toBe(200);
    expect(sim.chatMessages(1003).map((m) => m.text)).toEqual(['halo']);
  });
});

describe('the embedded Bot API', () => {
  /** The playground's simulator over HTTP, and the tokens of the calls that reached it. */
  async function embedded(token?: string): Promise<{ sim: TelegramSim; url: string; reached: string[]; stop(): Promise<void> }> {
    const sim = new TelegramSim();
    const reached: string[] = [];
    const http = await BotApiHttp.start(sim, { ...(token !== undefined ? { token } : {}), use: [async (req, next) => {
      reached.push(req.token);
      return next(req);
    }] });
    return { sim, url: http.url, reached, stop: () => http.stop() };
  }

  async function call(s: { url: string }, token: string, method = 'getMe'): Promise<{ status: number; body: unknown }> {
    const res = await fetch(`${s.url}/bot${token}/${method}`, { method: 'POST' });
    return { status: res.status, body: await res.json() };
  }

  it("answers the bot's token only: 401 Unauthorized for another, 404 Not Found for no token", async () => {
    const s = await embedded(TOKEN);
    try {
      expect((await call(s, TOKEN)).status).toBe(200);
      expect(await call(s, '123456:another-token-of-the-right-shape')).toEqual({ status: 401, body: { ok: false, error_code: 401, description: 'Unauthorized' } });
      expect(await call(s, `${TOKEN}x`, 'sendMessage')).toMatchObject({ status: 401 });
      expect(await call(s, 'not-a-token')).toEqual({ status: 404, body: { ok: false, error_code: 404, description: 'Not Found' } });
      expect(await call(s, '')).toMatchObject({ status: 404 });
      // nothing of a refused call reaches the chats
      expect(s.reached).toEqual([TOKEN]);
    } finally {
      await s.stop();
    }
  });

  it("serves a file's bytes for the bot's token only", async () => {
    const s = await embedded(TOKEN);
    try {
      const update = s.sim.uploadPhoto(7, { bytes: Buffer.from('foto'), fileName: 'a.jpg', mimeType: 'image/jpeg' }) as { message: { photo: Array<{ file_id: string }> } };
      const fileId = update.message.photo.at(-1)!.file_id;
      const own = await fetch(`${s.url}/file/bot${TOKEN}/files/${fileId}`);
      expect(Buffer.from(await own.arrayBuffer()).toString()).toBe('foto');
      expect((await fetch(`${s.url}/file/bot123456:someone-else/files/${fileId}`)).status).toBe(404);
    } finally {
      await s.stop();
    }
  });

  it("without a configured token, answers the first one it is called with (a test's bot), and no other", async () => {
    const s = await embedded();
    try {
      expect((await call(s, TOKEN)).status).toBe(200);
      expect((await call(s, '654321:a-second-bot-token')).status).toBe(401);
      expect((await call(s, TOKEN)).status).toBe(200);
    } finally {
      await s.stop();
    }
  });
});

describe('the playground in a Redis it did not start (REDIS_URL)', () => {
  let redis: Redis;
  beforeAll(() => {
    redis = new Redis(redisUrl());
  });
  afterAll(async () => {
    await deletePrefix(redis, PREFIX);
    redis.disconnect();
  });

  it('claims an empty prefix, wipes it keeping its marker, and claims it again', async () => {
    const prefix = `${PREFIX}empty:`;
    await claimPrefix(redis, prefix, false);
    expect(await redis.get(markerKey(prefix))).toMatch(/npm run playground/);
    await redis.set(`${prefix}{u:1}:session`, 'x');
    await redis.set(`${prefix}{bull}:reminders:meta`, 'x');
    let first = false;
    expect(await wipePlayground(redis, prefix, async () => (first = true))).toBe(2);
    expect(first).toBe(true);
    expect(await redis.keys(`${prefix}*`)).toEqual([markerKey(prefix)]);
    await redis.set(`${prefix}{u:1}:session`, 'x');
    await claimPrefix(redis, prefix, false);
  });

  it("refuses a prefix holding keys without the marker, deleting nothing; a Redis of its own it always claims", async () => {
    const prefix = `${PREFIX}foreign:`;
    await redis.set(`${prefix}{u:42}:session`, 'a real worker');
    await expect(claimPrefix(redis, prefix, false)).rejects.toThrow(NotPlaygroundDataError);
    let first = false;
    await expect(wipePlayground(redis, prefix, async () => (first = true))).rejects.toThrow(/were not made by the playground \(no pg-guards-\d+:foreign:playground-marker key\)/);
    expect(first).toBe(false);
    expect(await redis.keys(`${prefix}*`)).toEqual([`${prefix}{u:42}:session`]);
    // in the playground's own redis-server (./data/playground) its prefix is its own
    await claimPrefix(redis, prefix, true);
    expect(await redis.exists(markerKey(prefix))).toBe(1);
  });

  it('npm run playground stops with one line, and the keys stay, when its prefix holds data it did not make', async () => {
    const prefix = `${PREFIX}proc:`;
    await redis.set(`${prefix}{u:42}:session`, 'a real worker');
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'pendamping-playground-guard-'));
    try {
      const env = { ...process.env, REDIS_URL: redisUrl(), PLAYGROUND_PREFIX: prefix, PLAYGROUND_DATA_DIR: dataDir, PORT: String(await freePort()), LOG_LEVEL: 'warn' };
      const child = spawn(process.execPath, [...TS_RUNNER, 'src/playground/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      child.stdout.resume();
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(code).toBe(1);
      expect(stderr.trim().split('\n')).toEqual([
        `pendamping playground: keys under "${prefix}" in the Redis of REDIS_URL (or REDIS_CLUSTER_NODES) were not made by the playground (no ${markerKey(prefix)} key), and it deletes everything under its prefix: set PLAYGROUND_PREFIX to an unused prefix, or unset REDIS_URL to let the playground start a Redis of its own`,
      ]);
      expect(await redis.keys(`${prefix}*`)).toEqual([`${prefix}{u:42}:session`]);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 30_000);
});
