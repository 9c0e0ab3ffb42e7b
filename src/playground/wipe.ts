// Reset deletes the playground's own keys only: SCAN + DEL under its prefix, never FLUSHALL, since
// REDIS_URL may be a Redis shared with other data. (On a cluster: every master, one slot per DEL.)
import { scanAll, type RedisClient } from '../store/redis-connection.ts';
import { unlinkAll } from '../store/slot-pipeline.ts';

export async function deletePrefix(redis: RedisClient, prefix: string): Promise<number> {
  let deleted = 0;
  const pattern = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
  for await (const found of scanAll(redis, pattern)) deleted += await unlinkAll(redis, found);
  return deleted;
}
