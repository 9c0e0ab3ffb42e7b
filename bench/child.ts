// Runs a bench module in a child process of its own (node --expose-gc --import tsx, plus any extra
// flags such as --cpu-prof), hands it a spec as argv[2] and gets its result over IPC.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export async function runChild<T>(module: string, spec: unknown, extraArgs: string[] = []): Promise<T> {
  const file = fileURLToPath(new URL(module, import.meta.url));
  const child = fork(file, [JSON.stringify(spec)], {
    execArgv: ['--expose-gc', ...extraArgs, '--import', 'tsx'],
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
