// The real Redis every test runs against, and cleaning up a test's keys.
import { scanAll, type RedisClient } from '../../src/store/redis-connection.ts';
import { unlinkAll } from '../../src/store/slot-pipeline.ts';

export function redisUrl(): string {
  const url = process.env.REDIS_URL;
  if (!url) throw new Error('REDIS_URL is not set: run the tests through `npm test` (it starts a Redis) or export REDIS_URL');
  return url;
}

/** Deletes every key under the prefix (SCAN, so a large keyspace is not blocked; on a cluster every
 *  master, and one slot per delete). */
export async function deletePrefix(redis: RedisClient, prefix: string): Promise<number> {
  let deleted = 0;
  const pattern = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
  for await (const found of scanAll(redis, pattern)) deleted += await unlinkAll(redis, found);
  return deleted;
}
