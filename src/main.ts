// Composition root: config → logger → flows → Redis → bot → long polling; graceful shutdown.
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { ConfigError, loadConfig } from './config.ts';
import { createLogger } from './logger.ts';
import { loadCatalog } from './catalog/load-flows.ts';
import { FlowError } from './engine/flow-compiler.ts';
import { createBot } from './bot/create-bot.ts';
import { publishCommands } from './bot/commands.ts';
import { startPolling } from './bot/polling.ts';
import type { SessionData } from './bot/context.ts';
import { DataCipher } from './store/crypto.ts';
import { devDataKey } from './store/dev-data-key.ts';
import { createKeys } from './store/keys.ts';
import { startLocalRedis, type LocalRedis } from './store/local-redis.ts';
import { connectRedis } from './store/redis-connection.ts';
import { WorkspaceStore } from './store/workspace-store.ts';

function fail(line: string): never {
  process.stderr.write(`pendamping: ${line}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message);
    throw err;
  }
  const logger = createLogger(config.logLevel);

  let catalog;
  try {
    catalog = await loadCatalog();
  } catch (err) {
    if (err instanceof FlowError) fail(`flows are invalid:\n${err.problems.join('\n')}`);
    throw err;
  }

  let local: LocalRedis | undefined;
  let redisUrl = config.redisUrl;
  if (!redisUrl) {
    local = await startLocalRedis(config.dataDir).catch((err: Error) => fail(err.message));
    redisUrl = local.url;
    logger.info({ url: redisUrl, dataDir: config.dataDir }, 'started a local redis-server (REDIS_URL not set)');
  }
  const redis: Redis = await connectRedis(redisUrl, logger);

  let keys = config.dataKeys;
  if (!keys) {
    keys = [await devDataKey(config.dataDir)];
    logger.warn({ file: `${config.dataDir}/dev-data-key` }, 'DATA_KEY not set: using a development key kept in the data folder');
  }
  const store = new WorkspaceStore<SessionData>(redis, createKeys(config.redisPrefix), new DataCipher(keys));

  const { bot, i18n } = createBot({
    token: config.botToken,
    store,
    deps: {
      catalog,
      logger,
      clock: { now: () => new Date() },
      adminIds: config.adminIds,
      defaultTimezone: config.defaultTimezone,
      bootId: randomUUID().slice(0, 8),
    },
    botConfig: { client: { apiRoot: config.apiRoot } },
  });

  await bot.init();
  await publishCommands(bot.api, i18n);
  const polling = startPolling(bot, logger);
  logger.info({ bot: bot.botInfo.username, flows: catalog.flows.length, admins: config.adminIds.size }, 'Pendamping is running (long polling)');

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping: finishing updates in progress');
    await polling.stop().catch((err: unknown) => logger.warn({ err }, 'polling did not stop cleanly'));
    await redis.quit().catch(() => undefined);
    await local?.stop();
    logger.info('stopped');
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  try {
    await polling.done;
  } catch (err) {
    logger.fatal({ err }, 'polling stopped: is BOT_TOKEN right?');
    await redis.quit().catch(() => undefined);
    await local?.stop();
    process.exit(1);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`pendamping: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
