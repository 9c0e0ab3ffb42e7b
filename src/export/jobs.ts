// What the bot asks of the export machinery, and the jobs it queues. A job names ids only (never
// client data): the worker reads the records itself when it runs.
import { Queue, type ConnectionOptions } from 'bullmq';
import type { Lang } from '../cases/labels.ts';
import type { Keys } from '../store/keys.ts';
import type { RangeKind } from './notes-table.ts';

export const EXPORT_QUEUE = 'exports';

interface JobBase {
  /** who asked: the documents go to their chat, in their language and zone */
  userId: number;
  lang: Lang;
  zone: string;
  /** ISO instant of the request (the report's date, the range's "today") */
  at: string;
}

/** Whose case: a supervisor's report of a worker's case names the worker; without it, the user's own. */
interface CaseOf {
  caseId: string;
  ownerId?: number;
}

export type ExportJob = JobBase &
  (
    | ({ kind: 'report'; format: 'docx' | 'pdf' } & CaseOf)
    | ({ kind: 'chart' } & CaseOf)
    | ({ kind: 'termination' } & CaseOf)
    | { kind: 'csv'; range: RangeKind; workers: number[] }
  );

/** One job per user and update: a replayed update, or a double tap BullMQ still holds, queues it once. */
export function exportJobId(userId: number, updateId: number): string {
  return `export-${userId}-${updateId}`;
}

export interface ExportControl {
  request(job: ExportJob, jobId: string): Promise<void>;
}

export class ExportQueue implements ExportControl {
  readonly queue: Queue<ExportJob>;

  constructor(connection: ConnectionOptions, keys: Keys) {
    this.queue = new Queue(EXPORT_QUEUE, {
      connection,
      prefix: keys.bullPrefix,
      // one try: a report that failed is reported to the user, who can ask again; a retry could send twice
      defaultJobOptions: { removeOnComplete: { age: 3600 }, removeOnFail: { age: 7 * 86_400 }, attempts: 1 },
    });
  }

  onError(log: (err: Error) => void): void {
    this.queue.on('error', log);
  }

  async request(job: ExportJob, jobId: string): Promise<void> {
    await this.queue.add(job.kind, job, { jobId });
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}
