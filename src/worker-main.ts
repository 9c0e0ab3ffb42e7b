// `npm run worker`: reminder and export workers alone (src/app/worker-process.ts), configured by the environment.
import { runWorker } from './app/worker-process.ts';
import { configOrExit } from './app/runtime.ts';

configOrExit(process.env).then((config) => runWorker(config)).catch((err: unknown) => {
  process.stderr.write(`pendamping worker: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
