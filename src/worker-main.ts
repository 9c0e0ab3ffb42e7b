// `npm run worker`: reminder workers alone, for a bot started with REMINDER_WORKERS=off (or to
// add capacity: any number of these may run; each reminder still reaches the user once).
import { openRuntime, onShutdown } from './app/runtime.ts';
import { createI18n } from './bot/create-bot.ts';
import { startReminderWorkers } from './reminders/workers.ts';
import { createSendApi } from './reminders/api.ts';
import { startRuntimeExportWorker } from './app/export-worker.ts';

async function main(): Promise<void> {
  const rt = await openRuntime();
  const { config, logger } = rt;
  const workers = startReminderWorkers({
    connection: rt.bullRedis, queues: rt.queues, redis: rt.redis, store: rt.store, keys: rt.keys,
    api: createSendApi(config.botToken, config.apiRoot), catalog: rt.catalog, i18n: createI18n(), logger, now: () => Date.now(),
    defaultZone: config.defaultTimezone, everyMs: config.reminderEveryMs, lockMs: config.reminderLockMs,
  });
  const exportWorker = startRuntimeExportWorker(rt, createI18n());
  logger.info('Pendamping reminder and export worker is running');
  onShutdown(logger, config.shutdownDrainMs, async () => {
    await workers.close();
    await exportWorker.close();
    await rt.close();
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`pendamping worker: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
