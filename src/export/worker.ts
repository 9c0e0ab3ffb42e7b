// The export worker: in the bot process by default (as the reminder workers), and in
// `npm run worker`. Two at a time: a report of a large case takes seconds and some memory. One at a
// time per user, across every worker process: a job whose user already has one running goes back
// to the delayed set for a second (BullMQ's moveToDelayed + DelayedError), keeping its priority
// (its rank among the user's exports, src/export/jobs.ts), so another user's job takes the slot.
import { DelayedError, Worker, type ConnectionOptions } from 'bullmq';
import type { Keys } from '../store/keys.ts';
import { LuaScript } from '../store/lua-script.ts';
import { EXPORT_QUEUE, type ExportJob } from './jobs.ts';
import { removeLeftoverExportDirs, runExport, type ExportDeps } from './run.ts';
import { throttledWarn } from '../logger.ts';

export interface ExportWorker {
  close(): Promise<void>;
  /** the start-up removal of folders left by exports that crashed: how many (0 when it failed) */
  swept: Promise<number>;
}

const CLAIM = new LuaScript<number>(new URL('./lua/claim-export.lua', import.meta.url), { keys: 1 });
const RELEASE = new LuaScript<number>(new URL('./lua/release-export.lua', import.meta.url), { keys: 2 });
/** A user's slot is held this long at most: an export that crashed frees it after this (one takes seconds). */
const USER_SLOT_MS = 10 * 60_000;
/** A job whose user has one running comes back after this. */
const USER_BUSY_RETRY_MS = 1_000;

export function startExportWorker(d: ExportDeps & { connection: ConnectionOptions; keys: Keys }): ExportWorker {
  // a process killed mid-export left its temporary folder (client data in clear): gone at the next start
  const swept = removeLeftoverExportDirs()
    .then((removed) => {
      if (removed) d.logger.info({ removed }, 'removed temporary folders of crashed exports');
      return removed;
    })
    .catch((err: unknown) => {
      d.logger.warn({ err }, 'could not look for temporary folders of crashed exports');
      return 0;
    });
  const worker = new Worker<ExportJob>(EXPORT_QUEUE, async (job, token) => {
    // defined on the client once; here, so a worker that never runs a job needs no client
    const jobId = String(job.id);
    const { userId } = job.data;
    if ((await CLAIM.on(d.redis).run([d.keys.exportRunning(userId)], [jobId, USER_SLOT_MS])) !== 1) {
      await job.moveToDelayed(Date.now() + USER_BUSY_RETRY_MS, token);
      throw new DelayedError();
    }
    try {
      return await runExport(d, job.data, jobId);
    } finally {
      await RELEASE.on(d.redis).run([d.keys.exportRunning(userId), d.keys.exportsQueued(userId)], [jobId]).catch((err: unknown) =>
        d.logger.warn({ jobId, err }, 'could not free the user\'s export slot; it expires by itself'),
      );
    }
  }, {
    connection: d.connection,
    prefix: d.keys.bullPrefix,
    concurrency: 2,
  });
  worker.on('failed', (job, err) => d.logger.warn({ queue: EXPORT_QUEUE, jobId: job?.id, err }, 'export job failed'));
  const workerError = throttledWarn(d.logger, 'export worker error (repeats while Redis is away are left out)');
  worker.on('error', (err) => workerError({ queue: EXPORT_QUEUE, err }));
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
