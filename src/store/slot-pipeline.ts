// Pipelines that may mix Redis Cluster slots. ioredis' Cluster client refuses a pipeline whose keys
// live on different nodes, yet one update reads its user's keys together with another user's or an
// organisation's ("extra reads"), and an effect entry writes to several slots. `slotPipeline` is
// queued like an ioredis pipeline and runs:
//  - on one Redis: as one pipeline — one round trip, exactly as before;
//  - on a cluster: one pipeline per slot (per hash tag: keys sharing `{…}` share a slot), all sent
//    at once, so the wait is one round trip to the slowest node.
// Results come back in the order the commands were queued, as `[error, result]` pairs (as
// `Pipeline#exec` gives them).
import type { ChainableCommander } from 'ioredis';
import { isCluster, type RedisClient } from './redis-connection.ts';

interface Queued {
  command: string;
  args: unknown[];
}

/** The part of a key Redis hashes for its slot: a non-empty `{tag}`'s content, else the whole key. */
function hashPart(key: string): string {
  const open = key.indexOf('{');
  if (open === -1) return key;
  const close = key.indexOf('}', open + 1);
  return close === -1 || close === open + 1 ? key : key.slice(open + 1, close);
}

async function run(client: RedisClient, commands: Queued[]): Promise<[Error | null, unknown][]> {
  const p = client.pipeline() as unknown as Record<string, (...args: unknown[]) => unknown> & ChainableCommander;
  for (const c of commands) {
    const fn = p[c.command];
    if (typeof fn !== 'function') throw new Error(`not a Redis command: ${c.command}`);
    fn.apply(p, c.args);
  }
  return (await p.exec()) ?? [];
}

/**
 * A pipeline for commands in any slots. Every command queued on it names its key first (true of
 * every Redis command used here, and of the custom Lua commands: their first key, with all their
 * keys in that key's slot). `exec()` and `length` behave as on an ioredis pipeline.
 */
export function slotPipeline(client: RedisClient): ChainableCommander {
  const queued: Queued[] = [];
  const exec = async (): Promise<[Error | null, unknown][]> => {
    if (queued.length === 0) return [];
    if (!isCluster(client)) return run(client, queued);
    const groups = new Map<string, number[]>();
    queued.forEach((q, i) => {
      const key = q.args[0];
      const part = typeof key === 'string' || Buffer.isBuffer(key) ? hashPart(String(key)) : '';
      const group = groups.get(part);
      if (group) group.push(i);
      else groups.set(part, [i]);
    });
    if (groups.size === 1) return run(client, queued);
    const out: [Error | null, unknown][] = new Array(queued.length);
    await Promise.all(
      [...groups.values()].map(async (idx) => {
        const results = await run(client, idx.map((i) => queued[i]!));
        idx.forEach((i, j) => {
          out[i] = results[j] ?? [new Error('no reply'), null];
        });
      }),
    );
    return out;
  };
  const recorder: ChainableCommander = new Proxy({} as ChainableCommander, {
    get: (_target, prop) => {
      if (prop === 'exec') return exec;
      if (prop === 'length') return queued.length;
      // not a thenable, not a transaction
      if (typeof prop !== 'string' || prop === 'then' || prop === 'multi' || prop === 'execBuffer') return undefined;
      return (...args: unknown[]) => {
        queued.push({ command: prop, args });
        return recorder;
      };
    },
  });
  return recorder;
}

/** Deletes keys (UNLINK), in batches of 500, grouped by slot on a cluster (a multi-key UNLINK must stay in one slot). */
export async function unlinkAll(client: RedisClient, keys: string[]): Promise<number> {
  const groups = new Map<string, string[]>();
  for (const k of keys) {
    const part = isCluster(client) ? hashPart(k) : '';
    const group = groups.get(part);
    if (group) group.push(k);
    else groups.set(part, [k]);
  }
  const p = slotPipeline(client);
  for (const group of groups.values()) for (let i = 0; i < group.length; i += 500) p.unlink(...group.slice(i, i + 500));
  let removed = 0;
  for (const [err, n] of await p.exec() ?? []) {
    if (err) throw err;
    removed += Number(n);
  }
  return removed;
}
