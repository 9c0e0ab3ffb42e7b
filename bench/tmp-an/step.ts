import { performance } from 'node:perf_hooks';
import { loadCatalog } from '/work/main/src/catalog/load-flows.ts';
import { start, step, type FormState, type Input } from '/work/main/src/engine/step.ts';
import type { Form, Question } from '/work/main/src/engine/types.ts';
function answerFor(q: Question): Input {
  switch (q.type) {
    case 'date': return { kind: 'text', text: q.allow === 'future' ? 'besok' : 'kemarin' };
    case 'yesno': return { kind: 'choice', questionId: q.id, value: 'true' };
    case 'choice': return { kind: 'choice', questionId: q.id, value: q.options[0]!.value };
    case 'multi': return { kind: 'text', text: '1' };
    case 'scale': return { kind: 'choice', questionId: q.id, value: String(q.max) };
    case 'number': return { kind: 'text', text: String(q.min ?? 1) };
    case 'file': return { kind: 'file', file: { fileId: 'x', kind: 'photo' } };
    default: return { kind: 'text', text: 'Klien bercerita dengan terbuka tentang keluarganya.' };
  }
}
const catalog = await loadCatalog();
const form: Form = catalog.get('zastrow-mezzo')!.stages[6]!;
const per = new Map<string, number[]>();
for (let run = 0; run < 2000; run++) {
  let r = start(form);
  let state = r.state as FormState;
  while (state.cursor !== null) {
    const q = form.questions.find((x) => x.id === state.cursor)!;
    const t0 = performance.now();
    r = step(form, state, answerFor(q), { today: '2025-03-14' });
    const dt = performance.now() - t0;
    if (run > 200) { const k = `${q.type}:${q.id}`; (per.get(k) ?? per.set(k, []).get(k)!).push(dt * 1000); }
    state = r.state!;
  }
}
for (const [k, xs] of per) { xs.sort((a, b) => a - b); console.log(k.padEnd(40), xs[xs.length >> 1]!.toFixed(1), 'µs'); }
