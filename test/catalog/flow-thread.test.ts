// An uploaded flow file is compiled in a worker thread with a time limit (issue 23): the same flows
// and problems as on the main thread, and a check that never finishes is terminated at its limit.
// Under Node 20 the thread loads tsx itself, under Node 24 it strips types: CI runs this on both.
import { readFile } from 'node:fs/promises';
import type { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { commonSources } from '../../src/catalog/load-flows.ts';
import { compileInThread, FlowCheckTimeout } from '../../src/catalog/flow-thread.ts';
import { compileFlowFiles, FlowError } from '../../src/engine/flow-compiler.ts';

const commons = await commonSources();
const FLOW = await readFile('test/fixtures/org-flows/konseling-adiksi.yaml', 'utf8');
/** a thread that spins on the files it is sent and never answers */
const NEVER = new URL('../fixtures/flow-thread/never.ts', import.meta.url);

describe('a flow file compiled in a worker thread', () => {
  it('gives what the main thread gives, and a thread kept from one check answers the next', async () => {
    const files = [{ path: 'k.yaml', text: FLOW }, ...commons];
    const threads: Worker[] = [];
    expect(await compileInThread(files, { onThread: (t) => threads.push(t) })).toEqual(compileFlowFiles(files));
    const broken = [{ path: 'k.yaml', text: FLOW.replace('type: longtext', 'type: esai') }, ...commons];
    const err = await compileInThread(broken, { onThread: (t) => threads.push(t) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FlowError);
    expect((err as FlowError).problems).toEqual([expect.stringMatching(/^k\.yaml:37:9 — stages\[1\]\.questions\[0\]\.type: unknown question type "esai"/)]);
    expect(threads[1]).toBe(threads[0]);
  });

  it('a check that does not finish is stopped at its time limit: the thread is terminated', async () => {
    let thread: Worker | undefined;
    const check = compileInThread([{ path: 'k.yaml', text: FLOW }, ...commons], { timeoutMs: 100, entry: NEVER, onThread: (t) => (thread = t) });
    const exitCode = new Promise<number>((resolve) => thread!.once('exit', resolve));
    const err = await check.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FlowCheckTimeout);
    expect(err).toMatchObject({ name: 'FlowCheckTimeout', limitMs: 100 });
    // the thread spins forever: that it exited at all is the termination. (Its code is 1 once it ran;
    // terminated while still loading, under a busy machine, Node reports 0.)
    expect(typeof (await exitCode)).toBe('number');
  });
});
