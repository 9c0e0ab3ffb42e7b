// The worker process (`npm run worker`): reminder and export workers alone, for a bot started with
// REMINDER_WORKERS=off (or to add capacity: any number may run; each reminder still reaches the user once).
import type { Config } from '../config.ts';
import { createI18n } from '../bot/create-bot.ts';
import { startReminderWorkers } from '../reminders/workers.ts';
import { createSendQueueApi } from '../reminders/api.ts';
import type { ReminderTiming } from './bot-process.ts';
import { startRuntimeExportWorker } from './export-worker.ts';
import { openRuntime, onShutdown } from './runtime.ts';

export async function runWorker(config: Config, timing: ReminderTiming = {}): Promise<void> {
  const rt = await openRuntime(config);
  const { logger } = rt;
  const workers = startReminderWorkers({
    connection: rt.bullRedis, queues: rt.queues, redis: rt.redis, store: rt.store, keys: rt.keys,
    api: createSendQueueApi(config.botToken, config.apiRoot), catalog: rt.catalog, i18n: createI18n(), logger, now: () => Date.now(),
    defaultZone: config.defaultTimezone, dashboardUrl: config.dashboardUrl, ...timing,
  });
  const exportWorker = startRuntimeExportWorker(rt, createI18n());
  logger.info('Pendamping reminder and export worker is running');
  onShutdown(logger, config.shutdownDrainMs, async () => {
    await workers.close();
    await exportWorker.close();
    await rt.close();
  });
}
