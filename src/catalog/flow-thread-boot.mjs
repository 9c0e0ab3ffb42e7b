// The first module of a flow check thread (src/catalog/flow-thread.ts), plain JavaScript because
// it runs before anything can load TypeScript. Node 24 (production) strips types itself; Node 20
// (development, tests) needs tsx, and tsx's `--import` registers only on the main thread, so it is
// registered here. Then the thread's TypeScript module, named in workerData, is loaded.
import { workerData } from 'node:worker_threads';

if (!process.features.typescript) {
  const { register } = await import('tsx/esm/api');
  register();
}
await import(workerData.entry);
