// Start-up as an operator meets it: one clear line and exit code 1 when something is missing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, symlinkSync } from 'node:fs';
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

  it('says how to install redis-server when REDIS_URL is unset and there is none', () => {
    const r = start({ BOT_TOKEN: '123456:ABCdefGHIjklMNOpqrSTUvwxYZ', DATA_DIR: path.join(bin, 'data') });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'pendamping: REDIS_URL is not set and redis-server is not installed: install it (Debian/Ubuntu: sudo apt-get install redis-server; macOS: brew install redis) or set REDIS_URL',
    );
  });
});
