// The one ioredis client of the process.
import { Redis } from 'ioredis';
import type { Logger } from 'pino';

export async function connectRedis(url: string, logger: Logger): Promise<Redis> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3, connectionName: 'pendamping' });
  redis.on('error', (err) => logger.warn({ err: err.message }, 'redis connection error'));
  await redis.connect();
  return redis;
}
