// Start-up configuration: a missing or bad value is one clear line naming the variable.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';

const ok = { BOT_TOKEN: '123456:ABCdefGHIjklMNOpqrSTUvwxYZ', ADMIN_IDS: '11, 22' };

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
    expect(c.dataKeys).toBeUndefined();
  });

  it('names the variable that is missing or wrong', () => {
    expect(error({})).toBe('BOT_TOKEN is required (the token @BotFather gave you)');
    expect(error({ ...ok, BOT_TOKEN: 'hello' })).toMatch(/^BOT_TOKEN does not look like a bot token/);
    expect(error({ ...ok, ADMIN_IDS: '11,abc' })).toBe('ADMIN_IDS "abc" is not a Telegram user id (comma-separated numbers)');
    expect(error({ ...ok, DATA_KEY: 'c2hvcnQ=' })).toMatch(/^DATA_KEY must be base64 of 32 bytes/);
    expect(error({ ...ok, DEFAULT_TIMEZONE: 'Jakarta' })).toMatch(/^DEFAULT_TIMEZONE is not an IANA time zone/);
    expect(error({ ...ok, REDIS_URL: 'localhost:6379' })).toBe('REDIS_URL must start with redis:// or rediss://');
    expect(error({ ...ok, NODE_ENV: 'production' })).toMatch(/^DATA_KEY is required in production/);
  });

  it('accepts WITA and WIT, and keeps older data keys for reading', () => {
    const k1 = Buffer.alloc(32, 1).toString('base64');
    const k2 = Buffer.alloc(32, 2).toString('base64');
    const c = loadConfig({ ...ok, DEFAULT_TIMEZONE: 'Asia/Makassar', DATA_KEY: k1, DATA_KEY_PREVIOUS: k2 });
    expect(c.defaultTimezone).toBe('Asia/Makassar');
    expect(c.dataKeys?.map((k) => k[0])).toEqual([1, 2]);
    expect(loadConfig({ ...ok, DEFAULT_TIMEZONE: 'Asia/Jayapura' }).defaultTimezone).toBe('Asia/Jayapura');
  });
});
