// Lua scripts live in .lua files beside the module that runs them, read once at start-up and sent
// to Redis as EVALSHA (ioredis' defineCommand), so an update never ships a script's text.
import { readFileSync } from 'node:fs';
import type { RedisClient } from './redis-connection.ts';

/** The text of a script file, given as `new URL('./lua/name.lua', import.meta.url)`. */
export function readLua(url: URL): string {
  return readFileSync(url, 'utf8');
}

type Call<R> = (...args: (string | number | Buffer)[]) => Promise<R>;

/** Defines the script as a command of this client, once (pipelines of the client have it too). */
export function defineLua(redis: RedisClient, name: string, lua: string, numberOfKeys?: number): void {
  if (!(name in redis)) redis.defineCommand(name, numberOfKeys === undefined ? { lua } : { numberOfKeys, lua });
}

/**
 * The script as a command of this client (defined once per client). Without `numberOfKeys` the
 * first argument of each call is the number of keys.
 */
export function luaCommand<R>(redis: RedisClient, name: string, lua: string, numberOfKeys?: number): Call<R> {
  defineLua(redis, name, lua, numberOfKeys);
  const fn = (redis as unknown as Record<string, Call<R>>)[name]!;
  return (...args) => fn.apply(redis, args);
}
