// An organisation's own flow file, sent to the bot by an admin: checked like a built-in file (the
// same compiler, with the built-in shared header and footer to include, and the limits against
// hostile files), then numbered as the organisation's next version of that flow. The compiler
// runs in a worker thread with a time limit (flow-thread.ts); what needs no parser runs here first.
import { FlowError, precheckFlowFile, type CompiledFile, type SourceFile } from '../engine/flow-compiler.ts';
import { LIMITS } from '../engine/flow-limits.ts';
import type { Flow } from '../engine/types.ts';
import { orgFlowId, type Catalog } from './catalog.ts';
import { flowHash } from './flow-hash.ts';
import { compileInThread, FlowCheckTimeout, type CompileFiles } from './flow-thread.ts';

/** Button data carries the file's flow id (src/telegram/callback-data.ts): keep it short. */
const MAX_FILE_ID = 24;

export type UploadCheck =
  | { ok: true; fileId: string; flow: Flow; shared: string[]; previous: number | undefined; unchanged: boolean }
  | { ok: false; problems: string[] }
  /** the check did not finish within its time limit (its thread was terminated) */
  | { ok: false; stopped: { limitMs: number } };

/**
 * `text` as uploaded (already within LIMITS.maxBytes), `fileName` for the problems' file:line:column.
 * The flow's id becomes the organisation's ("o-<org>-<id>"); its version the next after the
 * organisation's current one (the number in the file is not used: the bot numbers versions).
 * `compile` is where the compiler runs: a worker thread with a time limit unless a test says otherwise.
 */
export async function checkUpload(
  text: string,
  fileName: string,
  commons: SourceFile[],
  orgId: string,
  catalog: Catalog,
  compile: CompileFiles = (files) => compileInThread(files),
): Promise<UploadCheck> {
  const name = fileName.replace(/[^\w.@-]/g, '_').slice(0, 60) || 'flow.yaml';
  if (Buffer.byteLength(text, 'utf8') > LIMITS.maxBytes) {
    return { ok: false, problems: [`${name}:1:1 — the file is over ${LIMITS.maxBytes / 1024} KB`] };
  }
  // too big, too deep, too many keys: refused here, without starting a thread
  const early = precheckFlowFile({ path: name, text });
  if (early.length > 0) return { ok: false, problems: early };
  let compiled: CompiledFile[];
  try {
    compiled = await compile([{ path: name, text }, ...commons]);
  } catch (err) {
    if (err instanceof FlowError) return { ok: false, problems: err.problems };
    if (err instanceof FlowCheckTimeout) return { ok: false, stopped: { limitMs: err.limitMs } };
    throw err;
  }
  const one = compiled[0];
  if (!one || compiled.length !== 1) return { ok: false, problems: [`${name}:1:1 — the file holds no flow`] };
  const fileId = one.flow.id;
  if (fileId.length > MAX_FILE_ID) return { ok: false, problems: [`${name}:1:1 — id: flow id "${fileId}" is longer than ${MAX_FILE_ID} characters`] };
  const id = orgFlowId(orgId, fileId);
  const entry = catalog.orgSettings(orgId).flows[fileId];
  const current = entry ? catalog.version(entry.id, entry.version) : undefined;
  const version = (entry?.version ?? 0) + 1;
  const flow: Flow = { ...one.flow, id, version };
  const unchanged = current !== undefined && flowHash({ ...flow, version: current.version }) === flowHash(current);
  return { ok: true, fileId, flow, shared: one.shared, previous: entry?.version, unchanged };
}
