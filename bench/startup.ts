// Start-up (bench/README.md §5), two ways:
//  - the process: `node src/main.ts` as the image runs it (on production's Node; through tsx on an
//    older one), against a fake Bot API over HTTP, from spawn to its first getUpdates (node starting,
//    every module loaded, flows compiled and checked,
//    the registry synced with Redis, the bot initialised, commands published, reminder workers up);
//  - in one process, step by step: importing the modules, loading and validating every flow
//    (loadBuiltins), the registry (connectRegistry), the store's script, createBot + init +
//    publishCommands: "ready to poll".
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { childRuntime, tsArgs } from './child.ts';
import { createHash } from 'node:crypto';

/** random-looking, as src/config.ts demands of DATA_KEY, and the same every run */
const STARTUP_KEY = createHash('sha256').update('pendamping bench startup').digest();

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface ProcessStartup {
  /** spawn → the first getUpdates reaches the Bot API */
  to_first_poll_ms: number;
  /** what src/catalog/registry.ts logs for the registry (Redis sync of every flow version) */
  registry_ms: number | undefined;
}

export async function processStartup(redisUrl: string, run: number): Promise<ProcessStartup> {
  const { FakeBotApi } = await import('../test/support/fake-bot-api.ts');
  const fake = await FakeBotApi.start();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'pendamping-bench-start-'));
  const prefix = `bench:start:${process.pid}:${run}:`;
  const lines: string[] = [];
  const t0 = performance.now();
  // as the image runs it (`node src/main.ts` on production's Node), or through tsx on an older one
  const child = spawn(childRuntime().node, [...tsArgs(), 'src/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp',
      BOT_TOKEN: '123456:ABCdefGHIjklMNOpqrSTUvwxYZ', TELEGRAM_API_ROOT: fake.url, REDIS_URL: redisUrl, REDIS_PREFIX: prefix,
      DATA_KEY: STARTUP_KEY.toString('base64'), DATA_DIR: dataDir, ADMIN_IDS: '1', LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (d: Buffer) => lines.push(...String(d).split('\n')));
  child.stderr.on('data', (d: Buffer) => lines.push(...String(d).split('\n')));
  try {
    await fake.waitForCall((c) => c.method === 'getUpdates', { timeoutMs: 30_000 });
  } catch (err) {
    child.kill('SIGKILL');
    throw new Error(`src/main.ts did not poll: ${(err as Error).message}\n${lines.slice(-10).join('\n')}`);
  }
  const ms = performance.now() - t0;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  await exited;
  await fake.stop();
  const { Redis } = await import('ioredis');
  const { dropPrefix } = await import('./bench-bot.ts');
  const redis = new Redis(redisUrl);
  await dropPrefix(redis, prefix);
  redis.disconnect();
  await rm(dataDir, { recursive: true, force: true });
  const reg = lines.map((l) => { try { return JSON.parse(l) as { msg?: string; ms?: number }; } catch { return {}; } }).find((l) => l.msg === 'flow registry loaded');
  return { to_first_poll_ms: ms, registry_ms: reg?.ms };
}

export interface InProcessStartup {
  import_ms: number;
  flows_ms: number;
  registry_ms: number;
  bot_ms: number;
  /** flows + registry + store + bot: from the modules loaded to ready to poll */
  ready_ms: number;
  flows: number;
  versions: number;
}

/** Run in a fresh process (bench/run.ts starts one per run). */
/** `prefix`: the keys to use; a prefix an earlier run used has the flow registry filled (a restart). */
export async function inProcessStartup(redisUrl: string, prefix = `bench:startin:${process.pid}:`, keep = false): Promise<InProcessStartup> {
  const t0 = performance.now();
  const [{ loadBuiltins, connectRegistry }, { createBot }, { publishCommands }, { WorkspaceStore }, { DataCipher }, { createKeys }, { createLogger }, { OrgStore }, { DirectOutbox }, { Redis }, { StubTelegram, BOT_INFO }] = await Promise.all([
    import('../src/catalog/registry.ts'), import('../src/bot/create-bot.ts'), import('../src/bot/commands.ts'), import('../src/store/workspace-store.ts'),
    import('../src/store/crypto.ts'), import('../src/store/keys.ts'), import('../src/logger.ts'), import('../src/org/org-store.ts'), import('../src/outbox/outbox.ts'),
    import('ioredis'), import('./stub-api.ts'),
  ]);
  const redis = new Redis(redisUrl);
  await redis.ping();
  const t1 = performance.now();
  const keys = createKeys(prefix);
  const builtins = await loadBuiltins();
  const t2 = performance.now();
  const logger = createLogger('silent');
  const registry = await connectRegistry(redis, keys, builtins, { logger, refresh: false });
  const store = new WorkspaceStore(redis, keys, new DataCipher([STARTUP_KEY]));
  await store.prepare();
  const t3 = performance.now();
  const stub = new StubTelegram();
  const { bot, i18n } = createBot({
    token: '123456:bench-startup',
    store: store as never,
    deps: {
      catalog: builtins.catalog, logger, clock: { now: () => new Date() }, adminIds: new Set([1]), defaultTimezone: 'Asia/Jakarta',
      bootId: 'bench', bootAt: Date.now(), orgs: new OrgStore(redis, keys, store.cipher), store: store as never,
      outbox: new DirectOutbox(() => { throw new Error('not used'); }),
    },
    botConfig: { client: stub.client },
  });
  await bot.init();
  await publishCommands(bot.api, i18n);
  const t4 = performance.now();
  registry.stop();
  void BOT_INFO;
  const { dropPrefix } = await import('./bench-bot.ts');
  if (!keep) await dropPrefix(redis, prefix);
  redis.disconnect();
  return {
    import_ms: t1 - t0, flows_ms: t2 - t1, registry_ms: t3 - t2, bot_ms: t4 - t3, ready_ms: t4 - t1,
    flows: builtins.catalog.flows.length, versions: builtins.catalog.allVersions().length,
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(fileURLToPath(import.meta.url)) && process.send) {
  const spec = JSON.parse(process.argv[2]!) as { redisUrl: string; prefix?: string; keep?: boolean };
  inProcessStartup(spec.redisUrl, spec.prefix, spec.keep)
    .then((r) => process.send!({ ok: true, result: r }, () => process.exit(0)))
    .catch((err: unknown) => process.send!({ ok: false, error: err instanceof Error ? err.stack ?? err.message : String(err) }, () => process.exit(1)));
}
