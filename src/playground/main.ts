// `npm run playground`: the real bot — createBot, its middleware, the engine, Redis storage, the
// reminder workers and the flows, as in production — against the Bot API server embedded here, and
// a web page that is the phones of three people of one organisation. No token, no network.
import './clock.ts'; // first: every later Date.now() reads the playground's movable clock
import { randomBytes, randomUUID } from 'node:crypto';
import { openRuntime, onShutdown } from '../app/runtime.ts';
import { createBot } from '../bot/create-bot.ts';
import { publishCommands } from '../bot/commands.ts';
import { QueuedOutbox } from '../outbox/outbox.ts';
import { ExportQueue } from '../export/jobs.ts';
import { BotApiServer } from './bot-api-server.ts';
import { playgroundClock } from './clock.ts';
import { Playground } from './playground.ts';
import { ADMIN } from './seed.ts';
import { startWebServer } from './web.ts';
import { claimPrefix, NotPlaygroundDataError } from './wipe.ts';

/**
 * Passes the token check of src/config.ts; only the embedded server ever sees it, and it answers
 * no other token. New at every start: the server listens on 127.0.0.1, where a page open in the
 * developer's browser could call it, but not without the token.
 */
export const PLAYGROUND_TOKEN = `123456:PLAYGROUND-${randomBytes(24).toString('base64url')}`;

async function main(): Promise<void> {
  const started = Date.now();
  const server = await BotApiServer.start({ botUsername: 'pendamping_playground_bot', recordCalls: false, token: PLAYGROUND_TOKEN });
  // The runtime reads its configuration from the environment: this one, whatever the shell had.
  // Its own prefix and data folder, so the playground never mixes with a real bot's data.
  const env = process.env;
  Object.assign(env, {
    BOT_TOKEN: PLAYGROUND_TOKEN,
    TELEGRAM_API_ROOT: server.url,
    REDIS_PREFIX: env.PLAYGROUND_PREFIX ?? 'playground:',
    DATA_DIR: env.PLAYGROUND_DATA_DIR ?? './data/playground',
    ADMIN_IDS: String(ADMIN.id),
    REMINDER_WORKERS: 'on',
    LOG_LEVEL: env.LOG_LEVEL ?? 'warn',
  });
  for (const name of ['DATA_KEY', 'DATA_KEY_PREVIOUS', 'REMINDER_EVERY_MS', 'REMINDER_LOCK_MS']) delete env[name];

  // the one place a development data key is allowed: no real client data reaches the playground
  // and no key of a Redis it did not start is deleted unless it is provably the playground's own
  const rt = await openRuntime({ developmentKey: true, beforeWrites: claimPrefix }).catch(async (err: unknown) => {
    await server.stop();
    throw err;
  });
  const { config, logger } = rt;
  const exports = new ExportQueue(rt.bullRedis, rt.keys, rt.redis);
  const { bot, i18n } = createBot({
    token: config.botToken,
    store: rt.store,
    deps: {
      catalog: rt.catalog,
      logger,
      clock: playgroundClock,
      adminIds: config.adminIds,
      defaultTimezone: config.defaultTimezone,
      bootId: randomUUID().slice(0, 8),
      bootAt: Date.now(),
      reminders: rt.queues,
      orgs: rt.orgs,
      store: rt.store,
      // messages to other users (summaries, feedback) go through BullMQ, as in production
      outbox: new QueuedOutbox(rt.queues.sends, rt.store.cipher),
      // reports (/laporan, /ekspor) through the export queue and its worker, as in production
      exports,
    },
    botConfig: { client: { apiRoot: config.apiRoot } },
  });
  await bot.init();
  await publishCommands(bot.api, i18n);

  const pg = new Playground(rt, server, bot, i18n, exports);
  await pg.start();
  const web = await startWebServer(pg, Number(env.PORT ?? 8080), logger);
  logger.warn({ url: web.url, apiRoot: config.apiRoot, prefix: config.redisPrefix, startupMs: Date.now() - started }, 'playground ready');
  // The one line for people: where to point the browser.
  process.stdout.write(`Pendamping playground: ${web.url}\n`);

  onShutdown(logger, 5_000, async () => {
    await web.close();
    await pg.stop();
    await exports.close();
    await server.stop();
    await rt.close();
  });
}

main().catch((err: unknown) => {
  const line = err instanceof NotPlaygroundDataError ? err.message : err instanceof Error ? err.stack ?? err.message : String(err);
  process.stderr.write(`pendamping playground: ${line}\n`);
  process.exit(1);
});
