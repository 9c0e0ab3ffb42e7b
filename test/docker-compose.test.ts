// docker-compose.yml without a Docker engine: its Redis service's command line run by a local
// redis-server, its health check run by a shell, and the bot's and worker's environment read by
// src/config.ts — after interpolating `${…}` as Compose does from .env. Redis wants the password
// from .env (and `up` stops without one), the health check passes only with it, the bot and the
// worker reach Redis with it, and a client without it is refused.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { freePort } from '../src/store/local-redis.ts';

interface Service {
  command?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  healthcheck?: { test: string[] };
}

const ROOT = path.resolve(import.meta.dirname, '..');
// openssl rand -hex 32, as the file's comment says
const PASSWORD = randomBytes(32).toString('hex');

/** Compose's interpolation: ${VAR}, ${VAR:-default}, ${VAR:?error}, from .env. */
function interpolate(text: string, env: Record<string, string>): string {
  return text.replace(/\$\{(\w+)(?::([?-])([^}]*))?\}/g, (_m, name: string, op: string | undefined, arg: string) => {
    const value = env[name];
    if (value) return value;
    if (op === '?') throw new Error(`required variable ${name} is missing a value: ${arg}`);
    return op === '-' ? arg : '';
  });
}

async function services(env: Record<string, string>): Promise<Record<string, Service>> {
  const text = await readFile(path.join(ROOT, 'docker-compose.yml'), 'utf8');
  return (parse(interpolate(text, env)) as { services: Record<string, Service> }).services;
}

let port: number;
let dir: string;
let server: ReturnType<typeof spawn> | undefined;

beforeAll(async () => {
  const redis = (await services({ REDIS_PASSWORD: PASSWORD })).redis!;
  // the image's config file is the repository's, mounted (volumes: ./src/store/redis.conf:…)
  const mounts = Object.fromEntries((redis.volumes ?? []).map((v) => v.split(':')).map(([from, to]) => [to!, from!]));
  const args = redis.command!.slice(1).map((a) => (mounts[a] ? path.join(ROOT, mounts[a]) : a));
  port = await freePort();
  dir = await mkdtemp(path.join(os.tmpdir(), 'compose-redis-'));
  server = spawn('redis-server', [...args, '--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', ''], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    if (spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout.trim()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('redis-server did not start');
});

afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server!.once('exit', r));
    server.kill('SIGTERM');
    await exited;
  }
  await rm(dir, { recursive: true, force: true });
});

describe('docker-compose.yml', () => {
  it('will not start without REDIS_PASSWORD in .env', async () => {
    await expect(services({})).rejects.toThrow(/REDIS_PASSWORD .*set REDIS_PASSWORD in \.env/);
  });

  it("runs Redis with the password: a client without it is refused, and the health check passes only with it", async () => {
    const stranger = new Redis({ port, host: '127.0.0.1', lazyConnect: true, enableReadyCheck: false, maxRetriesPerRequest: 0 });
    stranger.on('error', () => undefined);
    await stranger.connect();
    await expect(stranger.get('x')).rejects.toThrow(/NOAUTH/);
    stranger.disconnect();

    const redis = (await services({ REDIS_PASSWORD: PASSWORD })).redis!;
    const [kind, command] = redis.healthcheck!.test;
    expect(kind).toBe('CMD-SHELL');
    const here = command!.replace(/\bredis-cli\b/, `redis-cli -p ${port}`);
    const check = (env: Record<string, string>) => spawnSync('sh', ['-c', here], { env: { PATH: process.env['PATH'] ?? '', ...env } }).status;
    expect(check(redis.environment!)).toBe(0);
    expect(check({})).not.toBe(0);
    expect(check({ REDISCLI_AUTH: 'wrong' })).not.toBe(0);
  });

  it('gives the bot and the worker what reaches that Redis', async () => {
    const all = await services({ REDIS_PASSWORD: PASSWORD });
    for (const name of ['bot', 'worker']) {
      const env = { ...all[name]!.environment! };
      env['REDIS_URL'] = env['REDIS_URL']!.replace('//redis:6379', `//127.0.0.1:${port}`);
      const config = loadConfig({ ...env, BOT_TOKEN: '123456:ABCdefGHIjklMNOpqrSTUvwxYZ', DATA_KEY: randomBytes(32).toString('base64') });
      const client = new Redis(config.redisUrl!, { lazyConnect: true, maxRetriesPerRequest: 0 });
      await client.connect();
      expect(await client.ping(), name).toBe('PONG');
      client.disconnect();
    }
  });
});
