// What the bot process and the worker process both start with: configuration, logger, flows,
// Redis (a local redis-server when neither REDIS_URL nor REDIS_CLUSTER_NODES is set), the encrypted
// store and the reminder queues.
import type { Logger } from 'pino';
import type { Catalog } from '../catalog/catalog.ts';
import { builtinTemplates } from '../export/template-load.ts';
import { connectRegistry, loadBuiltins, type BuiltinFlows } from '../catalog/registry.ts';
import type { FlowStore } from '../catalog/flow-store.ts';
import type { SessionData } from '../bot/context.ts';
import { sessionCases, sessionOrg } from '../store/session.ts';
import { ConfigError, DATA_KEY_MISSING, loadConfig, type Config, type LoadOptions } from '../config.ts';
import { FlowError } from '../engine/flow-compiler.ts';
import { createLogger, throttledWarn } from '../logger.ts';
import { bullConnection, ReminderQueues } from '../reminders/queues.ts';
import { DataCipher, SEALED_FORMAT } from '../store/crypto.ts';
import { devDataKey, devDataKeyFile } from '../store/dev-data-key.ts';
import { createKeys, type Keys } from '../store/keys.ts';
import { startLocalRedis, type LocalRedis } from '../store/local-redis.ts';
import { connectRedis, type RedisClient, type RedisTarget } from '../store/redis-connection.ts';
import { migrateMemberships } from '../store/migrate-memberships.ts';
import { noteCodec } from '../cases/note-codec.ts';
import { WorkspaceStore } from '../store/workspace-store.ts';
import { workspaceOptions } from './store-options.ts';
import { OrgStore } from '../org/org-store.ts';

export interface Runtime {
  config: Config;
  logger: Logger;
  catalog: Catalog;
  redis: RedisClient;
  /** BullMQ's own connection (blocking commands) */
  bullRedis: RedisClient;
  keys: Keys;
  store: WorkspaceStore<SessionData>;
  queues: ReminderQueues;
  orgs: OrgStore;
  close(): Promise<void>;
}

function fail(line: string): never {
  process.stderr.write(`pendamping: ${line}\n`);
  process.exit(1);
}

export interface RuntimeOptions {
  /**
   * Runs once Redis is connected, before anything is written to it (the playground claims its key
   * prefix here); `ownRedis`: this process started that Redis. A throw stops the start-up.
   */
  beforeWrites?: (redis: RedisClient, prefix: string, ownRedis: boolean) => Promise<void>;
}

/** The configuration in `env`, or the process stops with one line naming what is wrong. */
export async function configOrExit(env: NodeJS.ProcessEnv, opts: LoadOptions = {}): Promise<Config> {
  try {
    return loadConfig(env, opts);
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message === DATA_KEY_MISSING ? `${err.message}${await keptDevKeyHint(env.DATA_DIR || './data')}` : err.message);
    throw err;
  }
}

/** Opens what `config` names; `opts.beforeWrites`: the playground's claim of its prefix. */
export async function openRuntime(config: Config, opts: RuntimeOptions = {}): Promise<Runtime> {
  const logger = createLogger(config.logLevel);

  let local: LocalRedis | undefined;
  let target: RedisTarget | undefined = config.redisCluster ?? config.redisUrl;
  if (!target) {
    local = await startLocalRedis(config.dataDir).catch((err: Error) => fail(err.message));
    target = local.url;
    logger.info({ url: target, dataDir: config.dataDir }, 'started a local redis-server (REDIS_URL not set)');
  }
  const redis = await connectRedis(target, logger);
  if (opts.beforeWrites) {
    try {
      await opts.beforeWrites(redis, config.redisPrefix, local !== undefined);
    } catch (err) {
      redis.disconnect();
      await local?.stop();
      throw err;
    }
  }
  const bullRedis = bullConnection(target);

  let dataKeys = config.dataKeys;
  if (!dataKeys) {
    dataKeys = [await devDataKey(config.dataDir)];
    logger.warn({ file: `${config.dataDir}/dev-data-key` }, 'DATA_KEY not set: using a development key kept in the data folder');
  }
  const keys = createKeys(config.redisPrefix);
  // the built-in flows, compiled and checked (or, unchanged since an earlier start, read back);
  // then every flow version in Redis, once: a file changed under the same version stops start-up
  let flowStore: FlowStore;
  let builtins: BuiltinFlows;
  try {
    builtins = await loadBuiltins();
    flowStore = await connectRegistry(redis, keys, builtins, { logger });
  } catch (err) {
    if (err instanceof FlowError) {
      await local?.stop();
      fail(`flows are invalid:\n${err.problems.join('\n')}`);
    }
    throw err;
  }
  const catalog: Catalog = builtins.catalog;
  // the document templates (flows/reports/): a broken one refuses start-up, not the first report
  try {
    builtinTemplates();
  } catch (err) {
    if (err instanceof FlowError) {
      await local?.stop();
      fail(`document templates are invalid:\n${err.problems.join('\n')}`);
    }
    throw err;
  }
  const cipher = new DataCipher(dataKeys);
  // once `npm run rotate-key` re-sealed every value bound to its place, an unbound one is refused
  if ((await redis.hget(keys.rotation, 'sealed')) === SEALED_FORMAT) cipher.refuseUnbound();
  // the caseload index marks a case longer in its stage than the flow's usual weeks
  const store = new WorkspaceStore<SessionData>(redis, keys, cipher, workspaceOptions(catalog, flowStore));
  await store.prepare();
  // data of before several organisations per user, moved once before any update is served
  await migrateMemberships(redis, keys, cipher, logger);
  const queues = new ReminderQueues(bullRedis, keys);
  const queueError = throttledWarn(logger, 'reminder queue error (repeats while Redis is away are left out)');
  queues.onError((err) => queueError({ err }));

  return {
    config, logger, catalog, redis, bullRedis, keys, store, queues, orgs: new OrgStore(redis, keys, store.cipher),
    async close() {
      flowStore.stop();
      await queues.close().catch(() => undefined);
      await Promise.all([redis.quit(), bullRedis.quit()].map((p) => p.catch(() => undefined)));
      await local?.stop();
    },
  };
}

/** Data written before DATA_KEY was required used the development key in the data folder: how to keep reading it. */
async function keptDevKeyHint(dataDir: string): Promise<string> {
  const file = await devDataKeyFile(dataDir);
  return file ? `. Data here was written with the development key in ${file}: set DATA_KEY to its content, then move that file out of the data folder` : '';
}

/** What closing connections and workers may take after the drain, when Redis or Telegram hang. */
const CLOSE_MS = 5_000;

/**
 * Stops on SIGINT / SIGTERM, once, and within `drainMs` plus a few seconds whatever hangs (Redis and
 * Telegram both unreachable): then it exits non-zero, saying so. `stop` returns the exit code.
 */
export function onShutdown(logger: Logger, drainMs: number, stop: () => Promise<number | void>): void {
  let stopping = false;
  const handler = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, drainMs }, 'stopping');
    const bound = setTimeout(() => {
      logger.error({ afterMs: drainMs + CLOSE_MS }, 'did not stop in time; exiting with work unfinished (Telegram delivers unconfirmed updates again)');
      process.exit(1);
    }, drainMs + CLOSE_MS);
    bound.unref();
    stop()
      .then((code) => {
        logger.info({ code: code ?? 0 }, 'stopped');
        process.exit(code ?? 0);
      })
      .catch((err: unknown) => {
        logger.error({ err }, 'did not stop cleanly');
        process.exit(1);
      });
  };
  process.once('SIGINT', () => handler('SIGINT'));
  process.once('SIGTERM', () => handler('SIGTERM'));
}
