// The one ioredis client of the process: a plain Redis (REDIS_URL), or a Redis Cluster
// (REDIS_CLUSTER_NODES) through ioredis' Cluster client. Everything that is handed a client takes a
// `RedisClient`, either of the two. On a cluster every key of one user shares the slot of `{u:<id>}`
// (src/store/keys.ts), so a write is still one Lua call on one node; reads that span users or an
// organisation go through src/store/slot-pipeline.ts (one pipeline per slot, all at once), and a SCAN
// visits every master (`scanAll`).
import { Cluster, Redis, type ClusterNode, type RedisOptions } from 'ioredis';
import type { Logger } from 'pino';

export type RedisClient = Redis | Cluster;

/**
 * A Redis Cluster: some of its nodes, and how to reach every node (the seeds and those discovered):
 * an ACL user, a password, TLS. ioredis takes these per node, so BullMQ's connections, made from
 * the same target (and duplicated by BullMQ), carry them too.
 */
export interface ClusterTarget {
  cluster: { host: string; port: number }[];
  username?: string;
  password?: string;
  /** TLS to every node, certificates checked (the system's CAs; NODE_EXTRA_CA_CERTS for a private one) */
  tls?: boolean;
}

/** Where Redis is: a URL (redis:// or rediss://, credentials in it), or a cluster. */
export type RedisTarget = string | ClusterTarget;

export function isCluster(client: RedisClient): client is Cluster {
  return client.isCluster;
}

/** `host:port,host:port` (REDIS_CLUSTER_NODES) → seed nodes; throws on a malformed entry. */
export function parseClusterNodes(list: string): { host: string; port: number }[] {
  const nodes = list.split(',').map((x) => x.trim()).filter(Boolean);
  if (nodes.length === 0) throw new Error('names no node');
  return nodes.map((n) => {
    const m = /^(\[[^\]]+\]|[^:\s]+):(\d{1,5})$/.exec(n);
    const port = Number(m?.[2]);
    if (!m || port < 1 || port > 65535) throw new Error(`"${n}" is not host:port`);
    return { host: m[1]!.replace(/^\[|\]$/g, ''), port };
  });
}

/** A client for the target, with these options (for a cluster: those of each node's connection). */
export function createRedisClient(target: string, options: RedisOptions): Redis;
export function createRedisClient(target: RedisTarget, options: RedisOptions): RedisClient;
export function createRedisClient(target: RedisTarget, options: RedisOptions): RedisClient {
  if (typeof target === 'string') return new Redis(target, options);
  const { lazyConnect, ...perNode } = options;
  const { cluster: seeds, username, password, tls } = target;
  return new Cluster(seeds as ClusterNode[], {
    ...(lazyConnect !== undefined ? { lazyConnect } : {}),
    redisOptions: { ...perNode, ...(username ? { username } : {}), ...(password ? { password } : {}), ...(tls ? { tls: {} } : {}) },
  });
}

/** Longer than any command the bot sends takes; short enough for a worker waiting on a reply. */
const COMMAND_TIMEOUT_MS = 3_000;

export async function connectRedis(target: RedisTarget, logger: Logger): Promise<RedisClient> {
  // A Redis that stops answering (a dead network, not a refused connection) fails a command after
  // COMMAND_TIMEOUT_MS instead of never: the user is told, and the update is left for later.
  const redis = createRedisClient(target, { lazyConnect: true, maxRetriesPerRequest: 3, commandTimeout: COMMAND_TIMEOUT_MS, connectionName: 'pendamping' });
  redis.on('error', (err: Error) => logger.warn({ err }, 'redis connection error'));
  await redis.connect();
  return redis;
}

/** The masters of a cluster (one connection each; known once it is ready), or the one Redis. */
export async function mastersOf(client: RedisClient): Promise<Redis[]> {
  if (!isCluster(client)) return [client];
  // not connected yet: the first command waits until the slots (and so the masters) are known
  if (client.status !== 'ready') await client.ping();
  return client.nodes('master');
}

/**
 * Every key matching `pattern`, a SCAN page at a time; on a cluster every master is scanned (a
 * SCAN sent to the Cluster client would visit one node only).
 */
export async function* scanAll(client: RedisClient, pattern: string, count = 500): AsyncGenerator<string[]> {
  for (const node of await mastersOf(client)) {
    let cursor = '0';
    do {
      const [next, found] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', count);
      cursor = next;
      if (found.length > 0) yield found;
    } while (cursor !== '0');
  }
}
