// Runs a bench module in a child process of its own (node --expose-gc, on the bench's runtime, plus
// any extra flags such as --cpu-prof), hands it a spec as argv[2] and gets its result over IPC.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { currentRuntime, type Runtime } from './runtime.ts';

let runtime: Runtime = currentRuntime();

/** The Node every child runs on from now on (bench/runtime.ts). */
export function useRuntime(r: Runtime): void {
  runtime = r;
}

export function childRuntime(): Runtime {
  return runtime;
}

/** How a child runs a .ts file on that Node: as it is, or through tsx. */
export function tsArgs(): string[] {
  return runtime.stripsTypes ? [] : ['--import', 'tsx'];
}

export async function runChild<T>(module: string, spec: unknown, extraArgs: string[] = []): Promise<T> {
  const file = fileURLToPath(new URL(module, import.meta.url));
  const child = fork(file, [JSON.stringify(spec)], {
    execPath: runtime.node,
    execArgv: ['--expose-gc', ...extraArgs, ...tsArgs()],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  // settled when the child has exited (a --cpu-prof profile is written at exit), with its answer
  return new Promise<T>((resolve, reject) => {
    let answer: { ok: boolean; result?: T; error?: string } | undefined;
    child.on('message', (m: { ok: boolean; result?: T; error?: string }) => {
      answer = m;
    });
    child.on('exit', (code) => {
      if (!answer) reject(new Error(`${module} exited with code ${code} before answering`));
      else if (answer.ok) resolve(answer.result as T);
      else reject(new Error(`${module}: ${answer.error}`));
    });
  });
}
