// The playground starts afresh at every start and Reset by deleting its keys: SCAN + UNLINK under
// its prefix, never FLUSHALL. With REDIS_URL that Redis may hold anything — a real bot's data under
// the same prefix, if someone set PLAYGROUND_PREFIX so —, so nothing is deleted there unless it is
// provably the playground's: a marker key, written when the playground found the prefix empty (or
// in a Redis it started itself), is required to wipe, and is never deleted by a wipe.
// (On a cluster: every master, one slot per UNLINK.)
import { scanAll, type RedisClient } from '../store/redis-connection.ts';
import { unlinkAll } from '../store/slot-pipeline.ts';

const MARKER_VALUE = 'made by `npm run playground`: every key under this prefix is deleted at its start and at Reset';

export class NotPlaygroundDataError extends Error {
  override readonly name = 'NotPlaygroundDataError';
}

/** The key that says the prefix's keys are the playground's to delete. */
export function markerKey(prefix: string): string {
  return `${prefix}playground-marker`;
}

function patternOf(prefix: string): string {
  return `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
}

async function holdsKeys(redis: RedisClient, prefix: string): Promise<boolean> {
  for await (const found of scanAll(redis, patternOf(prefix))) if (found.length > 0) return true;
  return false;
}

function refusal(prefix: string): NotPlaygroundDataError {
  return new NotPlaygroundDataError(
    `keys under "${prefix}" in the Redis of REDIS_URL (or REDIS_CLUSTER_NODES) were not made by the playground (no ${markerKey(prefix)} key), and it deletes everything under its prefix: set PLAYGROUND_PREFIX to an unused prefix, or unset REDIS_URL to let the playground start a Redis of its own`,
  );
}

/**
 * Makes `prefix` the playground's, before anything is written under it: always in a Redis the
 * playground started (`ownRedis`); in another one only when the prefix is empty or already marked.
 * Throws NotPlaygroundDataError otherwise, having changed nothing.
 */
export async function claimPrefix(redis: RedisClient, prefix: string, ownRedis: boolean): Promise<void> {
  const marker = markerKey(prefix);
  if (!ownRedis && !(await redis.exists(marker)) && (await holdsKeys(redis, prefix))) throw refusal(prefix);
  await redis.set(marker, MARKER_VALUE);
}

/**
 * Deletes every key under the prefix but the marker, and only when the marker is there (else
 * NotPlaygroundDataError, nothing deleted). `first` runs after the check and before the deletion
 * (BullMQ's queues are obliterated through BullMQ, so no worker holds a job). Returns how many.
 */
export async function wipePlayground(redis: RedisClient, prefix: string, first?: () => Promise<unknown>): Promise<number> {
  const marker = markerKey(prefix);
  if (!(await redis.exists(marker))) throw refusal(prefix);
  await first?.();
  let deleted = 0;
  for await (const found of scanAll(redis, patternOf(prefix))) {
    const others = found.filter((k) => k !== marker);
    if (others.length > 0) deleted += await unlinkAll(redis, others);
  }
  return deleted;
}
