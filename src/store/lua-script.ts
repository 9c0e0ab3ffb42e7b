// Lua scripts live in .lua files beside the module that runs them, read once at start-up and sent
// to Redis as EVALSHA (ioredis' defineCommand), so an update never ships a script's text. Each is a
// LuaScript: bound to a client once (`on`), it runs with its keys and arguments, or is queued on a
// pipeline of that client, typed by what the script returns. ioredis adds a defined command to the
// client as a method it does not type; the one cast that reaches it is here.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ChainableCommander } from 'ioredis';
import type { RedisClient } from './redis-connection.ts';

type Arg = string | number | Buffer;
type Command = (...args: Arg[]) => unknown;

/** A script bound to a client: run it, or queue it on a pipeline made from that client. */
export interface BoundScript<R> {
  run(keys: readonly string[], args?: readonly Arg[]): Promise<R>;
  queue(p: ChainableCommander, keys: readonly string[], args?: readonly Arg[]): void;
  /** the same, its reply's strings as bytes (ioredis' `…Buffer` twin of a defined command): for
   *  replies that carry binary values (packed notes, src/store/note-pack.ts) */
  runBuffer(keys: readonly string[], args?: readonly Arg[]): Promise<unknown>;
  queueBuffer(p: ChainableCommander, keys: readonly string[], args?: readonly Arg[]): void;
}

export class LuaScript<R> {
  readonly lua: string;
  private readonly name: string;
  /** a fixed number of keys (the first key then names the slot, as src/store/slot-pipeline.ts groups
   *  commands by their first argument); undefined: each call gives its own */
  private readonly keyCount: number | undefined;

  /** `file`: `new URL('./lua/name.lua', import.meta.url)` */
  constructor(file: URL, opts: { keys?: number } = {}) {
    this.lua = readFileSync(file, 'utf8');
    this.name = `pendamping_${path.basename(file.pathname, '.lua').replace(/\W/g, '_')}`;
    this.keyCount = opts.keys;
  }

  /** The script on this client (defined on it once; pipelines made from it afterwards have it too). */
  on(redis: RedisClient): BoundScript<R> {
    if (!(this.name in redis)) redis.defineCommand(this.name, this.keyCount === undefined ? { lua: this.lua } : { numberOfKeys: this.keyCount, lua: this.lua });
    const args = (keys: readonly string[], rest: readonly Arg[]): Arg[] => {
      if (this.keyCount !== undefined && keys.length !== this.keyCount) throw new Error(`${this.name} takes ${this.keyCount} keys, not ${keys.length}`);
      return this.keyCount === undefined ? [keys.length, ...keys, ...rest] : [...keys, ...rest];
    };
    const command = (target: RedisClient | ChainableCommander, name = this.name): Command => (target as unknown as Record<string, Command>)[name]!.bind(target);
    return {
      run: (keys, rest = []) => command(redis)(...args(keys, rest)) as Promise<R>,
      queue: (p, keys, rest = []) => void command(p)(...args(keys, rest)),
      runBuffer: (keys, rest = []) => command(redis, `${this.name}Buffer`)(...args(keys, rest)) as Promise<unknown>,
      queueBuffer: (p, keys, rest = []) => void command(p, `${this.name}Buffer`)(...args(keys, rest)),
    };
  }
}
