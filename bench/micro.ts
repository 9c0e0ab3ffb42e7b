// Two small figures kept from the first bench: one engine step on a real flow stage, and one
// workspace read and write against a Redis PING (what an update's two round trips cost at least).
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import { loadCatalog } from '../src/catalog/load-flows.ts';
import { start, step, type FormState, type Input } from '../src/engine/step.ts';
import type { Form, Question } from '../src/engine/types.ts';
import { DataCipher } from '../src/store/crypto.ts';
import { createKeys } from '../src/store/keys.ts';
import type { CaseRecord } from '../src/store/records.ts';
import { WorkspaceStore } from '../src/store/workspace-store.ts';
import { dropPrefix } from './bench-bot.ts';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The presses that answer a question: a multi is ticked, then done (a typed "1" picks only where the
 *  options are numbered). */
function answerFor(q: Question): Input[] {
  if (q.type === 'multi') return [{ kind: 'toggle', questionId: q.id, value: q.options.find((o) => !o.exclusive)!.value }, { kind: 'done', questionId: q.id }];
  return [oneAnswer(q)];
}

function oneAnswer(q: Question): Input {
  switch (q.type) {
    case 'date': return { kind: 'text', text: q.allow === 'future' ? 'besok' : 'kemarin' };
    case 'yesno': return { kind: 'choice', questionId: q.id, value: 'true' };
    case 'choice': return { kind: 'choice', questionId: q.id, value: q.options[0]!.value };
    case 'scale': return { kind: 'choice', questionId: q.id, value: String(q.max) };
    case 'number': return { kind: 'text', text: String(q.min ?? 1) };
    case 'file': return { kind: 'file', file: { fileId: 'x', kind: 'photo' } };
    default: return { kind: 'text', text: 'Klien bercerita dengan terbuka tentang keluarganya.' };
  }
}

export interface MicroFigures {
  engine_step_us: number;
  redis_ping_us: number;
  workspace_read_us: number;
  workspace_write_us: number;
}

export async function micro(url: string): Promise<MicroFigures> {
  const catalog = await loadCatalog();
  const form: Form = catalog.get('zastrow-mezzo')!.stages[6]!;
  const steps: number[] = [];
  for (let run = 0; run < 300; run++) {
    let r = start(form);
    let state = r.state as FormState;
    while (state.cursor !== null) {
      const q = form.questions.find((x) => x.id === state.cursor)!;
      for (const input of answerFor(q)) {
        const t0 = performance.now();
        r = step(form, state, input, { today: '2025-03-14' });
        steps.push(performance.now() - t0);
        state = r.state!;
      }
      // an answer the engine refused would walk in place for ever: say which instead
      if (state.cursor === q.id) throw new Error(`bench/micro: the walk stopped at "${q.id}" (${q.type})`);
    }
  }
  const redis = new Redis(url);
  const prefix = `bench:micro:${process.pid}:`;
  const store = new WorkspaceStore<{ draft: string }>(redis, createKeys(prefix), new DataCipher([Buffer.alloc(32, 3)]));
  const cases: CaseRecord[] = Array.from({ length: 30 }, (_, i) => ({
    id: `case${String(i).padStart(6, '0')}`, ownerId: 1, initials: 'Si', age: 42, gender: 'p', setting: 'bapas',
    problem: 'Relasi keluarga renggang', flowId: 'zastrow-mezzo', stageId: 'evaluasi', status: 'active',
    createdAt: '2025-03-14T03:00:00.000Z', updatedAt: '2025-03-14T03:00:00.000Z', noteCount: 3,
  }));
  let rev = await store.commit(1, 0, { session: { draft: 'x'.repeat(2000) }, cases });
  const ping: number[] = [];
  const load: number[] = [];
  const commit: number[] = [];
  for (let i = 0; i < 500; i++) {
    let t0 = performance.now();
    await redis.ping();
    ping.push(performance.now() - t0);
    t0 = performance.now();
    await store.load(1);
    load.push(performance.now() - t0);
    t0 = performance.now();
    rev = await store.commit(1, rev, { session: { draft: `y${i}`.padEnd(2000, 'y') } });
    commit.push(performance.now() - t0);
  }
  await dropPrefix(redis, prefix);
  redis.disconnect();
  return {
    engine_step_us: median(steps) * 1000,
    redis_ping_us: median(ping) * 1000,
    workspace_read_us: median(load) * 1000,
    workspace_write_us: median(commit) * 1000,
  };
}
