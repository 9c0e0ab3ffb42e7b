// The export worker over a process's runtime: the bot process, `npm run worker` and the playground
// start it alike, so a report is made the same way wherever it is asked for.
import type { Texts } from '../telegram/texts.ts';
import { botFileUrl, startExportWorker, type ExportWorker } from '../export/worker.ts';
import { createExportApi } from '../reminders/api.ts';
import type { Runtime } from './runtime.ts';

export function startRuntimeExportWorker(rt: Runtime, i18n: Texts): ExportWorker {
  const { config } = rt;
  return startExportWorker({
    connection: rt.bullRedis, keys: rt.keys, redis: rt.redis, store: rt.store, catalog: rt.catalog, i18n, logger: rt.logger,
    api: createExportApi(config.botToken, config.apiRoot), fileUrl: botFileUrl(config.apiRoot, config.botToken),
  });
}
