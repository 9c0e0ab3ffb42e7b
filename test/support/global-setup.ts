// `npm test` on a machine with redis-server but no REDIS_URL: start a throw-away Redis for the run
// (no persistence, temp dir, free loopback port). CI passes REDIS_URL and this does nothing.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../src/store/local-redis.ts';

let child: ChildProcess | undefined;
let dir: string | undefined;

async function ready(port: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => {
        s.end();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('test redis-server did not start');
}

export async function setup(): Promise<void> {
  if (process.env.REDIS_URL) return;
  const port = await freePort();
  dir = await mkdtemp(path.join(os.tmpdir(), 'pendamping-test-redis-'));
  child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  await new Promise<void>((resolve, reject) => {
    child!.once('spawn', resolve);
    child!.once('error', () => reject(new Error('REDIS_URL is not set and redis-server is not installed (apt-get install redis-server)')));
  });
  await ready(port);
  process.env.REDIS_URL = `redis://127.0.0.1:${port}`;
}

export async function teardown(): Promise<void> {
  if (child && child.exitCode === null) {
    await new Promise<void>((resolve) => {
      child!.once('exit', () => resolve());
      child!.kill('SIGTERM');
    });
  }
  if (dir) await rm(dir, { recursive: true, force: true });
}
