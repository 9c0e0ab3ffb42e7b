// `npm run playground`: the real bot — createBot, its middleware, the engine, Redis storage, the
// reminder workers and the flows, as in production — against the Telegram simulator served here,
// and a web page that is the phones of three people of one organisation. No token, no network.
import { randomBytes, randomUUID } from 'node:crypto';
import { configOrExit, openRuntime, onShutdown } from '../app/runtime.ts';
import { createBot } from '../bot/create-bot.ts';
import type { BotDeps } from '../bot/context.ts';
import { dashboardFor } from '../app/dashboard.ts';
import { publishCommands } from '../bot/commands.ts';
import { QueuedOutbox } from '../outbox/outbox.ts';
import { ExportQueue } from '../export/jobs.ts';
import { BotApiHttp } from './bot-api-http.ts';
import { PlaygroundClock } from './clock.ts';
import { Playground } from './playground.ts';
import { ADMIN } from './seed.ts';
import { TelegramSim } from './telegram-sim.ts';
import { startWebServer } from './web.ts';
import { claimPrefix, NotPlaygroundDataError } from './wipe.ts';

/**
 * Passes the token check of src/config.ts; only the simulator ever sees it, and it answers no
 * other token. New at every start: the simulator listens on 127.0.0.1, where a page open in the
 * developer's browser could call it, but not without the token.
 */
const PLAYGROUND_TOKEN = `123456:PLAYGROUND-${randomBytes(24).toString('base64url')}`;

/** What the playground takes from the shell: which Redis (and how to reach it), the zone, the log level. */
const FROM_SHELL = ['REDIS_URL', 'REDIS_CLUSTER_NODES', 'REDIS_USERNAME', 'REDIS_PASSWORD', 'REDIS_TLS', 'DEFAULT_TIMEZONE', 'LOG_LEVEL'] as const;

async function main(): Promise<void> {
  const started = Date.now();
  const env = process.env;
  const clock = new PlaygroundClock();
  const sim = new TelegramSim({ botUsername: 'pendamping_playground_bot', now: clock.nowMs });
  const api = await BotApiHttp.start(sim, { token: PLAYGROUND_TOKEN });
  // Its own configuration, whatever else the shell has (a real bot's token, DATA_KEY, a webhook):
  // its own prefix and data folder, so the playground never mixes with a real bot's data.
  const config = await configOrExit(
    {
      ...Object.fromEntries(FROM_SHELL.flatMap((name) => (env[name] === undefined ? [] : [[name, env[name]]]))),
      BOT_TOKEN: PLAYGROUND_TOKEN,
      TELEGRAM_API_ROOT: api.url,
      REDIS_PREFIX: env.PLAYGROUND_PREFIX ?? 'playground:',
      DATA_DIR: env.PLAYGROUND_DATA_DIR ?? './data/playground',
      ADMIN_IDS: String(ADMIN.id),
      REMINDER_WORKERS: 'on',
      LOG_LEVEL: env.LOG_LEVEL ?? 'warn',
    },
    // the one place a development data key is allowed: no real client data reaches the playground
    { developmentKey: true },
  );
  // and no key of a Redis it did not start is deleted unless it is provably the playground's own
  const rt = await openRuntime(config, { beforeWrites: claimPrefix }).catch(async (err: unknown) => {
    await api.stop();
    throw err;
  });
  const { logger } = rt;
  const exports = new ExportQueue(rt.bullRedis, rt.keys, rt.redis);
  const outbox = new QueuedOutbox(rt.queues.sends, rt.store.cipher);
  const deps: BotDeps = {
      catalog: rt.catalog,
      logger,
      clock,
      adminIds: config.adminIds,
      defaultTimezone: config.defaultTimezone,
      bootId: randomUUID().slice(0, 8),
      bootAt: Date.now(),
      reminders: rt.queues,
      orgs: rt.orgs,
      store: rt.store,
      // messages to other users (summaries, feedback) go through BullMQ, as in production
      outbox,
      // reports (/laporan, /ekspor) through the export queue and its worker, as in production
      exports,
  };
  const { bot, i18n } = createBot({ token: config.botToken, store: rt.store, deps, botConfig: { client: { apiRoot: config.apiRoot } } });
  await bot.init();
  await publishCommands(bot.api, i18n);

  const pg = new Playground(rt, sim, clock, bot, i18n, exports);
  // the supervisors' dashboard (a Mini App) on the page's own server, its initData signed and checked
  // with the playground's token and clock (time travel moves both); its script is a stand-in for
  // Telegram's (src/dashboard/page/tg-shim.js): no internet here
  const dashboard = dashboardFor(rt, i18n, { botToken: config.botToken, outbox, exports, clock, telegramJs: '/app/tg-shim.js' });
  const web = await startWebServer(pg, Number(env.PORT ?? 8080), logger, { botToken: config.botToken, mounts: [dashboard] });
  // known once the page's server listens, before the seed: the supervisor's and the admin's menu
  // buttons (set as they join) and /tim open it
  deps.dashboardUrl = pg.dashboardUrl = `${web.url}/app/`;
  await pg.start();
  logger.warn({ url: web.url, apiRoot: config.apiRoot, prefix: config.redisPrefix, startupMs: Date.now() - started }, 'playground ready');
  // The one line for people: where to point the browser.
  process.stdout.write(`Pendamping playground: ${web.url}\n`);

  onShutdown(logger, 5_000, async () => {
    await web.close();
    await pg.stop();
    await exports.close();
    await api.stop();
    await rt.close();
  });
}

main().catch((err: unknown) => {
  const line = err instanceof NotPlaygroundDataError ? err.message : err instanceof Error ? err.stack ?? err.message : String(err);
  process.stderr.write(`pendamping playground: ${line}\n`);
  process.exit(1);
});
