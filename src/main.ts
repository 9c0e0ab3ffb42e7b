// The bot process: runtime → bot → long polling (or a webhook server), and the reminder workers
// unless REMINDER_WORKERS=off.
import { randomUUID } from 'node:crypto';
import { openRuntime, onShutdown } from './app/runtime.ts';
import { createBot } from './bot/create-bot.ts';
import { publishCommands } from './bot/commands.ts';
import { startPolling } from './bot/polling.ts';
import { floodNotice } from './bot/per-user-limit.ts';
import type { Update } from 'grammy/types';
import { startWebhook } from './bot/webhook.ts';
import { startHealthServer } from './bot/health.ts';
import { startReminderWorkers, type ReminderWorkers } from './reminders/workers.ts';
import { createSendApi } from './reminders/api.ts';
import { QueuedOutbox } from './outbox/outbox.ts';
import { ExportQueue } from './export/jobs.ts';
import type { ExportWorker } from './export/worker.ts';
import { startRuntimeExportWorker } from './app/export-worker.ts';
import { throttledWarn } from './logger.ts';

async function main(): Promise<void> {
  const rt = await openRuntime();
  const { config, logger } = rt;
  const exportQueue = new ExportQueue(rt.bullRedis, rt.keys, rt.redis);
  const exportQueueError = throttledWarn(logger, 'export queue error (repeats while Redis is away are left out)');
  exportQueue.onError((err) => exportQueueError({ err: err.message }));
  const bootId = randomUUID().slice(0, 8);
  const { bot, i18n } = createBot({
    token: config.botToken,
    store: rt.store,
    deps: {
      catalog: rt.catalog,
      logger,
      clock: { now: () => new Date() },
      adminIds: config.adminIds,
      defaultTimezone: config.defaultTimezone,
      bootId,
      bootAt: Date.now(),
      multiInstance: config.webhook !== undefined,
      reminders: rt.queues,
      orgs: rt.orgs,
      store: rt.store,
      outbox: new QueuedOutbox(rt.queues.sends, rt.store.cipher),
      exports: exportQueue,
    },
    botConfig: { client: { apiRoot: config.apiRoot } },
  });

  await bot.init();
  await publishCommands(bot.api, i18n);
  let workers: ReminderWorkers | undefined;
  let exportWorker: ExportWorker | undefined;
  if (config.reminderWorkers) {
    // reports, charts and spreadsheets are made beside the reminders (and in `npm run worker`)
    exportWorker = startRuntimeExportWorker(rt, i18n);
    workers = startReminderWorkers({
      connection: rt.bullRedis, queues: rt.queues, redis: rt.redis, store: rt.store, keys: rt.keys,
      api: createSendApi(config.botToken, config.apiRoot), catalog: rt.catalog, i18n, logger, now: () => Date.now(),
      defaultZone: config.defaultTimezone, everyMs: config.reminderEveryMs, lockMs: config.reminderLockMs,
    });
  }
  // a member whose flood is dropped is told once to wait (src/bot/per-user-limit.ts)
  const perUser = { notice: floodNotice({ api: bot.api, redis: rt.redis, keys: rt.keys, adminIds: config.adminIds, text: (l) => i18n.t(l, 'flood-wait') }) };
  // updates parked by long polling hold client text: sealed, each bound to its field (the update id)
  const parkedKey = rt.keys.parkedUpdates;
  const parking = {
    redis: rt.redis, key: parkedKey,
    seal: (u: Update) => rt.store.cipher.seal(u, parkedKey, String(u.update_id)),
    open: (sealed: string, id: number) => rt.store.cipher.open<Update>(sealed, parkedKey, String(id)),
  };
  // Webhook mode for several instances behind a load balancer; long polling (one instance) otherwise.
  const receiver = config.webhook
    ? await startWebhook(bot, logger, { ...config.webhook, drainMs: config.shutdownDrainMs, healthy: async () => (await rt.redis.ping()) === 'PONG', perUser })
    : startPolling(bot, logger, { drainMs: config.shutdownDrainMs, perUser, parking });
  const healthy = async () => (await rt.redis.ping()) === 'PONG';
  const health = !config.webhook && config.healthPort ? await startHealthServer(config.healthPort, healthy) : undefined;
  const mode = config.webhook ? 'webhook' : 'long polling';
  logger.info({ bot: bot.botInfo.username, flows: rt.catalog.flows.length, admins: config.adminIds.size, reminderWorkers: config.reminderWorkers, mode }, `Pendamping is running (${mode})`);

  onShutdown(logger, config.shutdownDrainMs, async () => {
    // finish the updates in hand first (bounded), then the reminder jobs in hand, then close Redis
    const { unconfirmed } = await receiver.stop();
    health?.close();
    if (unconfirmed.length) logger.error({ unconfirmed }, 'stopped with updates unfinished; Telegram delivers them again');
    await workers?.close();
    await exportWorker?.close();
    await exportQueue.close();
    await rt.close();
    return unconfirmed.length ? 1 : 0;
  });
  if ('done' in receiver) {
    try {
      await receiver.done;
    } catch (err) {
      logger.fatal({ err }, 'polling stopped: is BOT_TOKEN right?');
      await workers?.close();
      await rt.close();
      process.exit(1);
    }
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`pendamping: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
