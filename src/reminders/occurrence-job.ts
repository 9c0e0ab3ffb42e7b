// The occurrence job (schedule queue): a case's scheduler fired. It only queues the sending, on the
// send queue, so every message to Telegram shares one rate limit.
import type { Job } from 'bullmq';
import { GATHER_MS, type OccurrenceJob, type SyncJob } from './queues.ts';
import type { ReminderWorkerDeps } from './worker-deps.ts';

/** The scheduled time of a job made by a job scheduler ("repeat:<scheduler>:<millis>"). */
export function occurrenceOf(job: Job): number {
  const fromOpts = (job.opts as { prevMillis?: number }).prevMillis;
  if (fromOpts) return fromOpts;
  const millis = Number(String(job.id).split(':').pop());
  return Number.isFinite(millis) && millis > 0 ? millis : job.timestamp;
}

/** Gathers the user's reminders due at this time into one message, a moment later. */
export async function gatherOccurrence(d: ReminderWorkerDeps, job: Job<OccurrenceJob>): Promise<'gathered'> {
  const { userId } = job.data;
  const occurrence = occurrenceOf(job);
  await d.queues.sends.add(
    'deliver',
    { userId, occurrence },
    { jobId: `deliver-${userId}-${occurrence}`, delay: Math.max(0, occurrence + GATHER_MS - d.now()) },
  );
  return 'gathered';
}

/** A supervisor's digest scheduler fired: the digest is sent by the send worker, within the limit. */
export async function queueDigest(d: ReminderWorkerDeps, job: Job<SyncJob>): Promise<'queued'> {
  const { userId } = job.data;
  const occurrence = occurrenceOf(job);
  await d.queues.sends.add('digest', { userId, occurrence }, { jobId: `digest-${userId}-${occurrence}` });
  return 'queued';
}
