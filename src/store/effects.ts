// What an update writes outside its user's own keys — another user's review state, an organisation's
// members or audit stream — and the messages it sends to other users. On Redis Cluster those keys
// live in other slots, so they cannot join the user's atomic compare-and-set. Instead the
// compare-and-set itself records them, sealed, as one entry in the user's own slot (`effects`): an
// update that loses the race records nothing, so nothing of it is written or sent. Right after the
// write the same process applies the entry; if it crashed first, the sweeper does (every writer
// below is guarded per entry and op, so applying twice writes once).
import type { ChainableCommander } from 'ioredis';
import type { RedisClient } from './redis-connection.ts';
import { slotPipeline } from './slot-pipeline.ts';
import type { OutboxMessage } from './outbox-messages.ts';
import { LuaScript, type BoundScript } from './lua-script.ts';

/** One write: a command on one key, with its arguments. */
export type RedisOp = [command: string, key: string, ...args: string[]];

export interface EffectEntry {
  /** `<user>-<update>`: unique per update */
  id: string;
  /** when it was recorded (ms): the sweeper leaves young entries to the process that wrote them */
  at: number;
  ops: RedisOp[];
  messages: { jobId: string; message: OutboxMessage }[];
}

/**
 * Records the writes a function makes on a pipeline, instead of sending them: the existing
 * "write to this pipeline" helpers (org store, review writes) become plain data. A DEL of several
 * keys becomes one op per key, so every op touches one key.
 */
export function recordOps(write: (p: ChainableCommander) => void): RedisOp[] {
  const ops: RedisOp[] = [];
  const recorder = new Proxy({} as ChainableCommander, {
    get: (_target, command: string) =>
      (...args: unknown[]) => {
        const [key, ...rest] = args.map(String);
        if (key === undefined) throw new Error(`a recorded write needs a key: ${command}`);
        if (command === 'del' || command === 'unlink') for (const k of [key, ...rest]) ops.push([command, k]);
        else ops.push([command, key, ...rest]);
        return recorder;
      },
  });
  write(recorder);
  return ops;
}

/** The hash tag of a key (`{u:12}`, `{o:ab}`): keys that share it share a Cluster slot. */
export function slotTag(key: string): string | undefined {
  return /\{[^}]+\}/.exec(key)?.[0];
}

/** A guard key in the op's own slot: "this op of this entry was applied". */
function guardKey(op: RedisOp, entryId: string, i: number): string {
  const key = op[1];
  const tag = slotTag(key);
  const head = tag ? key.slice(0, key.indexOf(tag) + tag.length) : key;
  return `${head}:fx:${entryId}:${i}`;
}

/** Guards kept this long: longer than any entry waits for the sweeper. */
const GUARD_TTL_S = 7 * 86_400;

// KEYS[1] = guard, KEYS[2] = the key written; ARGV[1] = TTL, ARGV[2] = command, ARGV[3..] = arguments
const APPLY_ONCE = new LuaScript<number>(new URL('./lua/apply-once.lua', import.meta.url), { keys: 2 });

/** Applies entries: each op at most once (a guard key per entry and op, in the op's own slot). */
export class EffectApplier {
  private readonly redis: RedisClient;
  private readonly applyOnce: BoundScript<number>;

  constructor(redis: RedisClient) {
    this.redis = redis;
    this.applyOnce = APPLY_ONCE.on(redis);
  }

  /** One round trip for all of an entry's ops (on a cluster: one per slot, at once). */
  async apply(entry: EffectEntry): Promise<void> {
    if (entry.ops.length === 0) return;
    const p = slotPipeline(this.redis);
    entry.ops.forEach((op, i) => {
      const [command, key, ...args] = op;
      this.applyOnce.queue(p, [guardKey(op, entry.id, i), key], [GUARD_TTL_S, command, ...args]);
    });
    for (const [err] of (await p.exec()) ?? []) if (err) throw err;
  }
}
