// The thread side of flow-thread.ts: compiles each set of files it is sent and posts back the flows
// or the problems. Every module is also loaded on the main thread (CI imports them all): this one
// acts only in a thread started for flow checks.
import { parentPort, workerData } from 'node:worker_threads';
import { compileFlowFiles, FlowError, type SourceFile } from '../engine/flow-compiler.ts';
import type { ThreadData, ThreadReply } from './flow-thread.ts';

function check(files: SourceFile[]): ThreadReply {
  try {
    return { ok: true, compiled: compileFlowFiles(files) };
  } catch (err) {
    return err instanceof FlowError ? { ok: false, problems: err.problems } : { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

const port = parentPort;
if (port && (workerData as Partial<ThreadData> | null)?.flowCheck === true) {
  port.on('message', (files: SourceFile[]) => port.postMessage(check(files)));
}
