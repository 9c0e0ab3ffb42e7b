// The bot process: runtime → bot → long polling (or a webhook server), and the reminder workers
// unless REMINDER_WORKERS=off. `npm start` runs it with the configuration of the environment
// (src/main.ts); the tests' entry (test/support/timed-main.ts) also passes reminder timing.
import { randomUUID } from 'node:crypto';
import type { Update } from 'grammy/types';
import type { Config } from '../config.ts';
import { createBot } from '../bot/create-bot.ts';
import { publishCommands } from '../bot/commands.ts';
import { startPolling } from '../bot/polling.ts';
import { floodNotice } from '../bot/per-user-limit.ts';
import { startWebhook } from '../bot/webhook.ts';
import { startHealthServer } from '../bot/health.ts';
import { startReminderWorkers, type ReminderWorkers } from '../reminders/workers.ts';
import { createSendQueueApi } from '../reminders/api.ts';
import type { ReminderWorkerDeps } from '../reminders/worker-deps.ts';
import { QueuedOutbox } from '../outbox/outbox.ts';
import { queueMenusOnce } from '../outbox/menu-backfill.ts';
import { ExportQueue } from '../export/jobs.ts';
import type { ExportWorker } from '../export/worker.ts';
import { throttledWarn } from '../logger.ts';
import { startRuntimeExportWorker } from './export-worker.ts';
import { dashboardFor } from './dashboard.ts';
import { openRuntime, onShutdown } from './runtime.ts';

/** Tests only: reminders every `everyMs` instead of weekly, and a short BullMQ job lock (`lockMs`). */
export type ReminderTiming = Pick<ReminderWorkerDeps, 'everyMs' | 'lockMs'>;

export async function runBot(config: Config, timing: ReminderTiming = {}): Promise<void> {
  const rt = await openRuntime(config);
  const { logger } = rt;
  const exportQueue = new ExportQueue(rt.bullRedis, rt.keys, rt.redis);
  const exportQueueError = throttledWarn(logger, 'export queue error (repeats while Redis is away are left out)');
  exportQueue.onError((err) => exportQueueError({ err }));
  const bootId = randomUUID().slice(0, 8);
  const outbox = new QueuedOutbox(rt.queues.sends, rt.store.cipher);
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
      multiInstance: config.mode === 'webhook',
      reminders: rt.queues,
      orgs: rt.orgs,
      store: rt.store,
      outbox,
      exports: exportQueue,
      ...(config.dashboardUrl ? { dashboardUrl: config.dashboardUrl } : {}),
    },
    botConfig: { client: { apiRoot: config.apiRoot } },
  });

  await bot.init();
  await publishCommands(bot.api, i18n);
  // supervisors and admins of before the menu by role get theirs (once; after this, role changes do)
  // (a failure is logged, and tried again at the next start: menus are not worth not starting over)
  await queueMenusOnce(rt.redis, rt.keys, outbox, logger, config.dashboardUrl).catch((err: unknown) => logger.warn({ err: (err as Error).message }, 'command menus not queued; tried again at the next start'));
  let workers: ReminderWorkers | undefined;
  let exportWorker: ExportWorker | undefined;
  if (config.reminderWorkers) {
    // reports, charts and spreadsheets are made beside the reminders (and in `npm run worker`)
    exportWorker = startRuntimeExportWorker(rt, i18n);
    workers = startReminderWorkers({
      connection: rt.bullRedis, queues: rt.queues, redis: rt.redis, store: rt.store, keys: rt.keys,
      api: createSendQueueApi(config.botToken, config.apiRoot), catalog: rt.catalog, i18n, logger, now: () => Date.now(),
      defaultZone: config.defaultTimezone, dashboardUrl: config.dashboardUrl, ...timing,
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
  const healthy = async () => (await rt.redis.ping()) === 'PONG';
  // the supervisors' dashboard, on the same server as the webhook (or the health check)
  const mounts = config.dashboardUrl ? [dashboardFor(rt, i18n, { botToken: config.botToken, outbox, exports: exportQueue })] : undefined;
  // Webhook mode for several instances behind a load balancer; long polling (one instance) otherwise.
  const receiver = config.mode === 'webhook'
    ? await startWebhook(bot, logger, { ...config.webhook, drainMs: config.shutdownDrainMs, healthy, perUser, ...(mounts ? { mounts } : {}) })
    : startPolling(bot, logger, { drainMs: config.shutdownDrainMs, perUser, parking });
  const health = config.mode === 'polling' && config.healthPort ? await startHealthServer(config.healthPort, healthy, undefined, mounts) : undefined;
  const mode = config.mode === 'webhook' ? 'webhook' : 'long polling';
  logger.info({ bot: bot.botInfo.username, flows: rt.catalog.flows.length, admins: config.adminIds.size, reminderWorkers: config.reminderWorkers, mode }, `Pendamping is running (${mode})`);

  onShutdown(logger, config.shutdownDrainMs, async () => {
    // finish the updates in hand first (bounded), then the reminder jobs in hand, then close Redis
    const { unconfirmed } = await receiver.stop();
    await health?.close();
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
