// Start-up configuration: a missing or bad value is one clear line naming the variable.
import { describe, expect, it } from 'vitest';
import { Cluster, Redis } from 'ioredis';
import { ConfigError, loadConfig } from '../src/config.ts';
import { bullConnection } from '../src/reminders/queues.ts';
import { createRedisClient } from '../src/store/redis-connection.ts';

import { randomBytes } from 'node:crypto';

const KEY = randomBytes(32).toString('base64');
const ok = { BOT_TOKEN: '123456:ABCdefGHIjklMNOpqrSTUvwxYZ', ADMIN_IDS: '11, 22', DATA_KEY: KEY };

function error(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('no error');
}

describe('loadConfig', () => {
  it('reads defaults that match DESIGN.md', () => {
    const c = loadConfig(ok);
    expect(c.adminIds).toEqual(new Set([11, 22]));
    expect(c.defaultTimezone).toBe('Asia/Jakarta');
    expect(c.apiRoot).toBe('https://api.telegram.org');
    expect(c.redisPrefix).toBe('pendamping:');
    expect(c.redisUrl).toBeUndefined();
    expect(c.dataKeys).toEqual([Buffer.from(KEY, 'base64')]);
  });

  it('requires DATA_KEY whatever NODE_ENV says; only the playground may go without one', () => {
    const { DATA_KEY: _key, ...noKey } = ok;
    for (const NODE_ENV of [undefined, 'production', 'Production', 'prod', 'production ', 'development', 'test']) {
      expect(error({ ...noKey, ...(NODE_ENV === undefined ? {} : { NODE_ENV }) })).toMatch(/^DATA_KEY is required: make one with `openssl rand -base64 32` and keep it outside the data folder/);
    }
    expect(loadConfig(noKey, { developmentKey: true }).dataKeys).toBeUndefined();
  });

  it('refuses weak, cut and mistyped data keys', () => {
    for (const weak of [Buffer.alloc(32, 0), Buffer.alloc(32, 7), Buffer.from('ab'.repeat(16)), Buffer.from('0123456789'.repeat(4)).subarray(0, 32)]) {
      expect(error({ ...ok, DATA_KEY: weak.toString('base64') })).toMatch(/^DATA_KEY is not random enough \(make one with: openssl rand -base64 32\)/);
    }
    expect(error({ ...ok, DATA_KEY: KEY.slice(0, 40) })).toMatch(/^DATA_KEY must be base64 of 32 bytes/);
    expect(error({ ...ok, DATA_KEY: `${KEY.slice(0, 10)}!${KEY.slice(11)}` })).toMatch(/^DATA_KEY must be base64 of 32 bytes/);
  });

  it('names the variable that is missing or wrong', () => {
    expect(error({})).toBe('BOT_TOKEN is required (the token @BotFather gave you)');
    expect(error({ ...ok, BOT_TOKEN: 'hello' })).toMatch(/^BOT_TOKEN does not look like a bot token/);
    expect(error({ ...ok, ADMIN_IDS: '11,abc' })).toBe('ADMIN_IDS "abc" is not a Telegram user id (comma-separated numbers)');
    expect(error({ ...ok, DATA_KEY: 'c2hvcnQ=' })).toMatch(/^DATA_KEY must be base64 of 32 bytes/);
    expect(error({ ...ok, DEFAULT_TIMEZONE: 'Jakarta' })).toMatch(/^DEFAULT_TIMEZONE is not an IANA time zone/);
    expect(error({ ...ok, REDIS_URL: 'localhost:6379' })).toBe('REDIS_URL must start with redis:// or rediss://');
  });

  it('is long polling or webhook mode, each with its own settings; the tests\' knobs are no settings', () => {
    const polling = loadConfig({ ...ok, HEALTH_PORT: '9000', REMINDER_EVERY_MS: '1000', REMINDER_LOCK_MS: '2000' });
    expect(polling).toMatchObject({ mode: 'polling', healthPort: 9000 });
    expect(polling).not.toHaveProperty('webhook');
    expect(Object.keys(polling).filter((k) => /every|lock/i.test(k))).toEqual([]);
    const webhook = loadConfig({ ...ok, WEBHOOK_URL: 'https://bot.example/hook-path', WEBHOOK_SECRET: 'a-secret-of-20-chars', PORT: '8443' });
    expect(webhook).toMatchObject({ mode: 'webhook', webhook: { url: 'https://bot.example/hook-path', secret: 'a-secret-of-20-chars', port: 8443 } });
    expect(webhook).not.toHaveProperty('healthPort');
    expect(error({ ...ok, WEBHOOK_URL: 'https://bot.example/hook-path' })).toMatch(/^WEBHOOK_SECRET is required with WEBHOOK_URL/);
  });

  it('serves the dashboard only at an https:// address ending in /app/ (Telegram opens Mini Apps over HTTPS)', () => {
    expect(loadConfig(ok).dashboardUrl).toBeUndefined();
    const polling = loadConfig({ ...ok, DASHBOARD_URL: 'https://bot.example/app/' });
    // long polling serves it beside /healthz: HEALTH_PORT, else PORT
    expect(polling).toMatchObject({ mode: 'polling', dashboardUrl: 'https://bot.example/app/', healthPort: 8080 });
    expect(loadConfig({ ...ok, DASHBOARD_URL: 'https://bot.example/app/', HEALTH_PORT: '9000' })).toMatchObject({ healthPort: 9000 });
    expect(error({ ...ok, DASHBOARD_URL: 'http://bot.example/app/' })).toMatch(/^DASHBOARD_URL must be https:\/\//);
    expect(error({ ...ok, DASHBOARD_URL: 'https://bot.example/dashboard' })).toMatch(/end in \/app\//);
  });

  it('accepts WITA and WIT, and keeps older data keys for reading', () => {
    const [k1, k2] = [randomBytes(32), randomBytes(32)];
    const c = loadConfig({ ...ok, DEFAULT_TIMEZONE: 'Asia/Makassar', DATA_KEY: k1.toString('base64'), DATA_KEY_PREVIOUS: k2.toString('base64') });
    expect(c.defaultTimezone).toBe('Asia/Makassar');
    expect(c.dataKeys).toEqual([k1, k2]);
    expect(loadConfig({ ...ok, DEFAULT_TIMEZONE: 'Asia/Jayapura' }).defaultTimezone).toBe('Asia/Jayapura');
  });

  it('takes a password, an ACL user and TLS for a Redis Cluster', () => {
    const nodes = '10.0.0.1:7000,10.0.0.2:7000';
    expect(loadConfig({ ...ok, REDIS_CLUSTER_NODES: nodes }).redisCluster).toEqual({ cluster: [{ host: '10.0.0.1', port: 7000 }, { host: '10.0.0.2', port: 7000 }], tls: false });
    const c = loadConfig({ ...ok, REDIS_CLUSTER_NODES: nodes, REDIS_USERNAME: 'pendamping', REDIS_PASSWORD: 's3cret/+=%', REDIS_TLS: 'on' });
    expect(c.redisCluster).toMatchObject({ username: 'pendamping', password: 's3cret/+=%', tls: true });
    expect(c.redisUrl).toBeUndefined();
    expect(error({ ...ok, REDIS_CLUSTER_NODES: nodes, REDIS_TLS: 'yes' })).toMatch(/^REDIS_TLS /);
  });

  it('fills a REDIS_URL without credentials from REDIS_PASSWORD and REDIS_USERNAME, and refuses contradictions', () => {
    const password = 'p@ss/word+=%41:x';
    const url = loadConfig({ ...ok, REDIS_URL: 'redis://redis:6379', REDIS_PASSWORD: password, REDIS_USERNAME: 'bot' }).redisUrl!;
    // as ioredis reads the URL: the password comes back byte for byte
    const client = new Redis(url, { lazyConnect: true });
    expect(client.options).toMatchObject({ host: 'redis', port: 6379, username: 'bot', password });
    client.disconnect();
    expect(loadConfig({ ...ok, REDIS_URL: 'rediss://:inurl@redis:6380/2' }).redisUrl).toBe('rediss://:inurl@redis:6380/2');
    expect(loadConfig({ ...ok, REDIS_URL: 'rediss://redis:6380', REDIS_TLS: 'on' }).redisUrl).toBe('rediss://redis:6380');
    expect(error({ ...ok, REDIS_URL: 'redis://:inurl@redis:6379', REDIS_PASSWORD: 'other' })).toBe('REDIS_PASSWORD is set and REDIS_URL has a password too: keep one of the two');
    expect(error({ ...ok, REDIS_URL: 'redis://user:pw@redis:6379', REDIS_USERNAME: 'other' })).toBe('REDIS_USERNAME is set and REDIS_URL names a user too: keep one of the two');
    expect(error({ ...ok, REDIS_URL: 'redis://redis:6379', REDIS_TLS: 'on' })).toMatch(/^REDIS_TLS=on with a redis:\/\/ REDIS_URL: write rediss:\/\//);
    expect(error({ ...ok, REDIS_PASSWORD: 'pw' })).toMatch(/^REDIS_PASSWORD set without REDIS_URL or REDIS_CLUSTER_NODES/);
  });

  it("hands a cluster's password and TLS to every node's connection, BullMQ's and its duplicates too", () => {
    const target = loadConfig({ ...ok, REDIS_CLUSTER_NODES: '127.0.0.1:7000', REDIS_USERNAME: 'bot', REDIS_PASSWORD: 'pw', REDIS_TLS: 'on' }).redisCluster!;
    const app = createRedisClient(target, { lazyConnect: true, maxRetriesPerRequest: 3 }) as Cluster;
    const bull = bullConnection(target) as Cluster;
    const dup = bull.duplicate();
    try {
      for (const c of [app, bull, dup]) expect(c.options.redisOptions).toMatchObject({ username: 'bot', password: 'pw', tls: {} });
      expect(bull.options.redisOptions).toMatchObject({ maxRetriesPerRequest: null });
      const plain = createRedisClient({ cluster: target.cluster }, { lazyConnect: true }) as Cluster;
      expect(plain.options.redisOptions).not.toHaveProperty('tls');
      expect(plain.options.redisOptions).not.toHaveProperty('password');
      plain.disconnect();
    } finally {
      for (const c of [app, bull, dup]) c.disconnect();
    }
  });
});
