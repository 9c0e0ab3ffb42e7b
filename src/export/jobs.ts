// What the bot asks of the export machinery, and the jobs it queues. A job names ids only (never
// client data): the worker reads the records itself when it runs.
//
// Fair queueing (issue #23.5): one user's twelve PDFs must not go before another user's first. A
// job's BullMQ priority is its rank among its user's exports still queued (1 for the first, 2 for
// the second…), so every user's first goes before anyone's second; and the worker makes one export
// per user at a time (src/export/worker.ts). A user may ask for EXPORTS_PER_DAY a day.
import { Queue, type ConnectionOptions } from 'bullmq';
import type { Lang } from '../cases/labels.ts';
import type { Keys } from '../store/keys.ts';
import type { RedisClient } from '../store/redis-connection.ts';
import type { RangeKind } from './notes-table.ts';
import type { Period } from './period.ts';

export const EXPORT_QUEUE = 'exports';

/** Reports and exports one user may ask for in a day: a supervisor exporting all day stays far below. */
export const EXPORTS_PER_DAY = 40;

/** The exports asked for on `day` (the user's local day), as the session keeps the count. */
export function exportsOn(kept: { day: string; count: number } | undefined, day: string): number {
  return kept?.day === day ? kept.count : 0;
}

/** A queued export older than this is a crashed one's left-over: no longer counted in its user's rank. */
const QUEUED_STALE_MS = 60 * 60_000;

interface JobBase {
  /** who asked: the documents go to their chat, in their language and zone */
  userId: number;
  lang: Lang;
  zone: string;
  /** ISO instant of the request (the report's date, the range's "today") */
  at: string;
  /** the "⏳ being prepared" message the request was answered with: it gives way to the outcome
   *  (absent: a job queued before it was kept) */
  placeholder?: number;
}

/** Whose case: a supervisor's report of a worker's case names the worker; without it, the user's own. */
interface CaseOf {
  caseId: string;
  ownerId?: number;
}

/** A period's export: in the organisation it was asked in, of these workers, in PDF and/or Word. */
interface PeriodOf {
  orgId: string;
  workers: number[];
  period: Period;
  formats: ('pdf' | 'docx')[];
}

export type ExportJob = JobBase &
  (
    /** the institution's report (Laporan untuk lembaga) */
    | ({ kind: 'report'; format: 'docx' | 'pdf'; /** a template's id (flows/reports); absent: the setting's institution report */ template?: string; /** only these days' notes (absent: all) */ period?: Period } & CaseOf)
    /** the supervision record (Catatan supervisi): the worker's and the supervisor's only */
    | ({ kind: 'supervision' } & CaseOf)
    | ({ kind: 'chart' } & CaseOf)
    | ({ kind: 'termination' } & CaseOf)
    /** `orgId`: the organisation it was asked in (absent in a job queued before it was kept) */
    | { kind: 'csv'; range: RangeKind; workers: number[]; orgId?: string }
    /** the organisation's own Word form filled with this case (src/export/form-run.ts) */
    | ({ kind: 'form' } & CaseOf)
    /** an admin's uploaded form filled with the organisation's latest case, before it is published */
    | { kind: 'form-preview'; orgId: string; fileId: string; fileName: string; token: string }
    /** a period's report of each worker across their clients (the user's own: `workers` is them
     *  alone), and a supervisor's recap across their workers (src/export/monthly-run.ts) */
    | ({ kind: 'monthly' } & PeriodOf)
    | ({ kind: 'recap' } & PeriodOf)
  );

/**
 * What the export queue keeps (issue #29.5; docs/redis-keys.md, "What grows, and what is kept"): a
 * completed job an hour, at most the last 1,000 (a replayed update's job id is recognised meanwhile;
 * the `exported:` guard sends once beyond it); a failed one a week, at most 1,000, to see why. Jobs
 * hold ids only.
 */
export const EXPORT_JOBS_KEPT = {
  removeOnComplete: { age: 3600, count: 1_000 },
  removeOnFail: { age: 7 * 86_400, count: 1_000 },
} as const;

/** Its events stream: nothing of ours reads it (BullMQ's default keeps 10,000); `MAXLEN ~`, so up
 *  to 100 more. */
export const EXPORT_EVENTS_KEPT = 100;

/** One job per user and update: a replayed update, or a double tap BullMQ still holds, queues it once. */
export function exportJobId(userId: number, updateId: number): string {
  return `export-${userId}-${updateId}`;
}

export interface ExportControl {
  request(job: ExportJob, jobId: string): Promise<void>;
}

export class ExportQueue implements ExportControl {
  readonly queue: Queue<ExportJob>;

  private readonly keys: Keys;
  private readonly redis: RedisClient;

  /** `redis`: the app's client, for the users' ranks (`connection` is BullMQ's) */
  constructor(connection: ConnectionOptions, keys: Keys, redis: RedisClient) {
    this.keys = keys;
    this.redis = redis;
    this.queue = new Queue(EXPORT_QUEUE, {
      connection,
      prefix: keys.bullPrefix,
      // one try: a report that failed is reported to the user, who can ask again; a retry could send twice
      defaultJobOptions: { ...EXPORT_JOBS_KEPT, attempts: 1 },
      streams: { events: { maxLen: EXPORT_EVENTS_KEPT } },
    });
  }

  onError(log: (err: Error) => void): void {
    this.queue.on('error', log);
  }

  async request(job: ExportJob, jobId: string): Promise<void> {
    const now = Date.now();
    const queued = this.keys.exportsQueued(job.userId);
    // the job's rank among its user's exports not yet finished (it included): its priority
    const answers = await this.redis
      .multi()
      .zremrangebyscore(queued, '-inf', now - QUEUED_STALE_MS)
      .zadd(queued, 'NX', now, jobId)
      .zcard(queued)
      .pexpire(queued, QUEUED_STALE_MS)
      .exec();
    const rank = Number(answers?.[2]?.[1] ?? 1);
    await this.queue.add(job.kind, job, { jobId, priority: Math.max(1, rank) });
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}
