// The export worker: in the bot process by default (as the reminder workers), and in
// `npm run worker`. Two at a time: a report of a large case takes seconds and some memory.
import { Worker, type ConnectionOptions } from 'bullmq';
import type { Keys } from '../store/keys.ts';
import { EXPORT_QUEUE, type ExportJob } from './jobs.ts';
import { removeLeftoverExportDirs, runExport, type ExportDeps } from './run.ts';
import { throttledWarn } from '../logger.ts';

export interface ExportWorker {
  close(): Promise<void>;
  /** the start-up removal of folders left by exports that crashed: how many (0 when it failed) */
  swept: Promise<number>;
}

export function startExportWorker(d: ExportDeps & { connection: ConnectionOptions; keys: Keys }): ExportWorker {
  // a process killed mid-export left its temporary folder (client data in clear): gone at the next start
  const swept = removeLeftoverExportDirs()
    .then((removed) => {
      if (removed) d.logger.info({ removed }, 'removed temporary folders of crashed exports');
      return removed;
    })
    .catch((err: unknown) => {
      d.logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'could not look for temporary folders of crashed exports');
      return 0;
    });
  const worker = new Worker<ExportJob>(EXPORT_QUEUE, (job) => runExport(d, job.data, String(job.id)), {
    connection: d.connection,
    prefix: d.keys.bullPrefix,
    concurrency: 2,
  });
  worker.on('failed', (job, err) => d.logger.warn({ queue: EXPORT_QUEUE, jobId: job?.id, err: err.message }, 'export job failed'));
  const workerError = throttledWarn(d.logger, 'export worker error (repeats while Redis is away are left out)');
  worker.on('error', (err) => workerError({ queue: EXPORT_QUEUE, err: err.message }));
  return {
    swept,
    async close() {
      await worker.close();
      await swept;
    },
  };
}

/** The Bot API's download address of a file path from getFile. */
export function botFileUrl(apiRoot: string, token: string): (filePath: string) => string {
  return (filePath) => `${apiRoot.replace(/\/$/, '')}/file/bot${token}/${filePath}`;
}
