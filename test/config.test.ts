// Start-up configuration: a missing or bad value is one clear line naming the variable.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';

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

  it('accepts WITA and WIT, and keeps older data keys for reading', () => {
    const [k1, k2] = [randomBytes(32), randomBytes(32)];
    const c = loadConfig({ ...ok, DEFAULT_TIMEZONE: 'Asia/Makassar', DATA_KEY: k1.toString('base64'), DATA_KEY_PREVIOUS: k2.toString('base64') });
    expect(c.defaultTimezone).toBe('Asia/Makassar');
    expect(c.dataKeys).toEqual([k1, k2]);
    expect(loadConfig({ ...ok, DEFAULT_TIMEZONE: 'Asia/Jayapura' }).defaultTimezone).toBe('Asia/Jayapura');
  });
});
