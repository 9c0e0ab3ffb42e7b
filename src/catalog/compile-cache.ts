// The built-in flows compiled, kept in Redis under a hash of everything the result depends on: the
// flow files' paths and text, and the source of the compiler (src/engine/ and the loader). A restart
// with the same files — the usual start, and every instance after the first — reads the result back
// instead of parsing, validating and compiling every version again (about half a second of a cold
// start). Changing a flow file or the compiler changes the key: that start compiles and checks it
// all afresh, and an invalid file still stops it.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import type { CompiledFile, SourceFile } from '../engine/flow-compiler.ts';
import type { Keys } from '../store/keys.ts';
import type { RedisClient } from '../store/redis-connection.ts';

/** How long an unused result is kept: a release a month old compiles again, nothing else changes. */
const KEEP_S = 30 * 86_400;

export interface CompiledBuiltins {
  current: CompiledFile[];
  earlier: CompiledFile[];
}

export interface FlowCompileCache {
  get(key: string): Promise<CompiledBuiltins | undefined>;
  set(key: string, value: CompiledBuiltins): Promise<void>;
}

let compiler: Promise<string> | undefined;

/** The compiler's own source, hashed once per process. */
function compilerSource(): Promise<string> {
  compiler ??= (async () => {
    const engine = new URL('../engine/', import.meta.url);
    const names = (await readdir(engine)).filter((n) => n.endsWith('.ts')).sort();
    const hash = createHash('sha256');
    for (const url of [...names.map((n) => new URL(n, engine)), new URL('./load-flows.ts', import.meta.url)]) {
      hash.update(url.pathname).update('\0').update(await readFile(url)).update('\0');
    }
    return hash.digest('hex');
  })();
  return compiler;
}

/** The key of a set of flow folders' files (each folder's files in a fixed order). */
export async function compileKey(folders: SourceFile[][]): Promise<string> {
  const hash = createHash('sha256').update(await compilerSource());
  for (const files of folders) {
    hash.update('\u0001');
    for (const f of files) hash.update(f.path).update('\0').update(f.text).update('\0');
  }
  return hash.digest('hex');
}

export function redisCompileCache(redis: RedisClient, keys: Keys): FlowCompileCache {
  return {
    async get(key) {
      const raw = await redis.getex(keys.flowCompiled(key), 'EX', KEEP_S);
      return raw ? (JSON.parse(raw) as CompiledBuiltins) : undefined;
    },
    async set(key, value) {
      await redis.set(keys.flowCompiled(key), JSON.stringify(value), 'EX', KEEP_S);
    },
  };
}
