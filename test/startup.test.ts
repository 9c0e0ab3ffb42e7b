// Start-up as an operator meets it: one clear line and exit code 1 when something is missing.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TS_RUNNER } from './support/ts-runner.ts';

// A PATH with node and nothing else: no redis-server.
const bin = mkdtempSync(path.join(os.tmpdir(), 'pendamping-bin-'));
symlinkSync(process.execPath, path.join(bin, 'node'));

function start(env: Record<string, string>) {
  const r = spawnSync(process.execPath, [...TS_RUNNER, 'src/main.ts'], {
    cwd: path.resolve(import.meta.dirname, '..'),
    env: { PATH: bin, HOME: process.env.HOME ?? '/tmp', ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { code: r.status, stderr: r.stderr.trim() };
}

describe('npm start', () => {
  it('stops with one line naming a missing variable', () => {
    expect(start({})).toEqual({ code: 1, stderr: 'pendamping: BOT_TOKEN is required (the token @BotFather gave you)' });
  });

  it('refuses to seal real client data without DATA_KEY, and says how to make one and where to keep it', () => {
    const r = start({ BOT_TOKEN: '123456:ABCdefGHIjklMNOpqrSTUvwxYZ', ADMIN_IDS: '111111111', NODE_ENV: 'Production', DATA_DIR: path.join(bin, 'data') });
    expect(r).toEqual({
      code: 1,
      stderr: "pendamping: DATA_KEY is required: make one with `openssl rand -base64 32` and keep it outside the data folder (a password manager or the host's secret store), never beside the Redis files or in their backups",
    });
    expect(existsSync(path.join(bin, 'data'))).toBe(false);
  });

  it('points at a development key left in the data folder, so what it sealed can still be read', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pendamping-data-'));
    writeFileSync(path.join(dir, 'dev-data-key'), `${randomBytes(32).toString('base64')}\n`);
    const r = start({ BOT_TOKEN: '123456:ABCdefGHIjklMNOpqrSTUvwxYZ', DATA_DIR: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`Data here was written with the development key in ${dir}/dev-data-key: set DATA_KEY to its content, then move that file out of the data folder$`));
  });

  it('says how to install redis-server when REDIS_URL is unset and there is none', () => {
    const r = start({ BOT_TOKEN: '123456:ABCdefGHIjklMNOpqrSTUvwxYZ', DATA_KEY: randomBytes(32).toString('base64'), DATA_DIR: path.join(bin, 'data') });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'pendamping: REDIS_URL is not set and redis-server is not installed: install it (Debian/Ubuntu: sudo apt-get install redis-server; macOS: brew install redis) or set REDIS_URL',
    );
  });
});
