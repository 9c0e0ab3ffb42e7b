// An organisation's uploaded flow file is compiled in a worker thread with a time limit: however
// slow a file is to parse, the event loop that answers every other user is not held, and at the
// limit the thread is terminated (a busy parser cannot be asked to stop). The built-in flows at
// start-up compile on the main thread: trusted files, before any update is served.
import { Worker } from 'node:worker_threads';
import { FlowError, type CompiledFile, type SourceFile } from '../engine/flow-compiler.ts';

/** How long one upload's check may take, a thread's start included (a real flow: well under 1 s). */
const FLOW_CHECK_MS = 5_000;

/** The thread's heap: far above what a file within LIMITS needs, far below the process's. */
const THREAD_HEAP_MB = 256;

/** A thread that finished a check is kept this long for the next one (an upload, then its publish):
 *  starting one costs 0.3–0.8 s (loading the compiler, and tsx on Node 20). */
const SPARE_MS = 60_000;

const BOOT = new URL('./flow-thread-boot.mjs', import.meta.url);
const ENTRY = new URL('./flow-thread-worker.ts', import.meta.url);

/** Compiles as compileFlowFiles does (a FlowError with the problems), elsewhere than here. */
export type CompileFiles = (files: SourceFile[]) => Promise<CompiledFile[]>;

export class FlowCheckTimeout extends Error {
  readonly limitMs: number;

  constructor(limitMs: number) {
    super(`the flow file check did not finish within ${limitMs} ms; its thread was terminated`);
    this.name = 'FlowCheckTimeout';
    this.limitMs = limitMs;
  }
}

/** A thread's workerData: `entry` is the TypeScript module the boot module loads. */
export interface ThreadData {
  flowCheck: true;
  entry: string;
}

/** What the thread posts back for each set of files (src/catalog/flow-thread-worker.ts). */
export type ThreadReply =
  | { ok: true; compiled: CompiledFile[] }
  | { ok: false; problems: string[] }
  | { ok: false; error: string };

export interface ThreadOptions {
  timeoutMs?: number;
  /** the thread's module (default: the compiler's); a test gives one that never answers. A thread
   *  of another module is never kept for a later check. */
  entry?: URL;
  /** sees the thread the check runs on (a test watches it end) */
  onThread?: (thread: Worker) => void;
}

let spare: { thread: Worker; timer: ReturnType<typeof setTimeout> } | undefined;

function start(entry: URL): Worker {
  const data: ThreadData = { flowCheck: true, entry: entry.href };
  const thread = new Worker(BOOT, { workerData: data, resourceLimits: { maxOldGenerationSizeMb: THREAD_HEAP_MB } });
  thread.once('exit', () => {
    if (spare?.thread !== thread) return;
    clearTimeout(spare.timer);
    spare = undefined;
  });
  return thread;
}

function take(entry: URL | undefined): Worker {
  if (entry || !spare) return start(entry ?? ENTRY);
  const { thread, timer } = spare;
  spare = undefined;
  clearTimeout(timer);
  thread.ref();
  return thread;
}

/** Keeps a thread that answered, idle and not holding the process open, unless one is kept already. */
function keep(thread: Worker): void {
  if (spare) {
    void thread.terminate();
    return;
  }
  thread.unref();
  const timer = setTimeout(() => void thread.terminate(), SPARE_MS);
  timer.unref();
  spare = { thread, timer };
}

export function compileInThread(files: SourceFile[], opts: ThreadOptions = {}): Promise<CompiledFile[]> {
  const limitMs = opts.timeoutMs ?? FLOW_CHECK_MS;
  const thread = take(opts.entry);
  opts.onThread?.(thread);
  return new Promise<CompiledFile[]>((resolve, reject) => {
    const done = (): void => {
      clearTimeout(timer);
      thread.off('message', onMessage).off('error', onError).off('exit', onExit);
    };
    const onMessage = (reply: ThreadReply): void => {
      done();
      if (opts.entry) void thread.terminate();
      else keep(thread);
      if (reply.ok) resolve(reply.compiled);
      else if ('problems' in reply) reject(new FlowError(reply.problems));
      else reject(new Error(`flow file check failed in its thread: ${reply.error}`));
    };
    const onError = (err: Error): void => {
      done();
      void thread.terminate();
      reject(err);
    };
    const onExit = (code: number): void => {
      done();
      reject(new Error(`flow file check thread ended (exit code ${code}) without an answer`));
    };
    const timer = setTimeout(() => {
      done();
      // rejected once the thread is gone: nothing of it outlives the answer
      void thread.terminate().finally(() => reject(new FlowCheckTimeout(limitMs)));
    }, limitMs);
    thread.on('message', onMessage).on('error', onError).on('exit', onExit);
    thread.postMessage(files);
  });
}
