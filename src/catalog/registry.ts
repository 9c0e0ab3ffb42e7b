// Start-up of the flow version registry: the built-in files are compiled (an invalid file stops
// start-up), then checked against and written to Redis, then everything Redis knows (earlier
// versions, organisations' flows) is loaded, and kept fresh in the background.
import type { RedisClient } from '../store/redis-connection.ts';
import type { Logger } from 'pino';
import type { CompiledFile } from '../engine/flow-compiler.ts';
import type { Keys } from '../store/keys.ts';
import { Catalog } from './catalog.ts';
import { FlowStore } from './flow-store.ts';
import { DEFAULT_FLOWS_DIR, loadBuiltinFiles } from './load-flows.ts';

export interface BuiltinFlows {
  catalog: Catalog;
  files: CompiledFile[];
}

/** Compiles flows/ and flows/versions/ (throws FlowError). */
export async function loadBuiltins(dir = DEFAULT_FLOWS_DIR): Promise<BuiltinFlows> {
  const { current, earlier } = await loadBuiltinFiles(dir);
  return { catalog: new Catalog(current.map((c) => c.flow), earlier.map((c) => c.flow)), files: [...earlier, ...current] };
}

/**
 * Checks the files against Redis (a flow changed under the same version throws FlowError), writes
 * new versions once, loads the rest, and refreshes every few seconds unless `refresh: false`.
 */
export async function connectRegistry(redis: RedisClient, keys: Keys, builtins: BuiltinFlows, opts: { logger?: Logger; refresh?: boolean } = {}): Promise<FlowStore> {
  const started = Date.now();
  const store = new FlowStore(redis, keys, builtins.catalog, opts.logger);
  await store.syncBuiltins(builtins.files);
  await store.load(true);
  if (opts.refresh !== false) store.startRefreshing();
  opts.logger?.info({ versions: builtins.catalog.allVersions().length, ms: Date.now() - started }, 'flow registry loaded');
  return store;
}
