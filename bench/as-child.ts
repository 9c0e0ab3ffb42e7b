// How a bench module runs when its file is started itself: as a child of bench/run.ts (bench/child.ts
// runChild: the spec as argv[2], the result back over IPC), or alone from a shell (its usual spec,
// the result printed). Imported by the module; does nothing when the module is only imported.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const errorText = (err: unknown) => (err instanceof Error ? err.stack ?? err.message : String(err));

/** `moduleUrl`: the module's import.meta.url. `alone`: the spec when started from a shell (REDIS_URL
 *  or a local 6379), and how its result is printed (JSON by default). */
export function benchEntry<S, R>(moduleUrl: string, run: (spec: S) => Promise<R>, alone: (redisUrl: string) => S, print: (r: R) => string[] = (r) => [JSON.stringify(r, null, 2)]): void {
  if (!process.argv[1] || path.resolve(process.argv[1]) !== path.resolve(fileURLToPath(moduleUrl))) return;
  if (process.send) {
    run(JSON.parse(process.argv[2]!) as S)
      .then((result) => process.send!({ ok: true, result }, () => process.exit(0)))
      .catch((err: unknown) => process.send!({ ok: false, error: errorText(err) }, () => process.exit(1)));
    return;
  }
  run(alone(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'))
    .then((r) => {
      for (const line of print(r)) process.stdout.write(`${line}\n`);
      process.exit(0);
    })
    .catch((err: unknown) => {
      process.stderr.write(`${errorText(err)}\n`);
      process.exit(1);
    });
}
