// Moves a draft's answers from one version of a flow to a later one, along the migrations the
// later versions declare (`migrations: [{ from: 1, rename, drop, map }]`). Pure. A draft normally
// finishes on the version it started on; this is for a draft whose version the bot no longer has.
import type { Answers, Flow, Migration } from './types.ts';

/** The chain of migrations from `from` to the flow's version, or undefined when a step is missing.
 *  Each step is declared by the version it leads to; here only the target flow's own declarations
 *  are known, so each `from` must be the step before the next (from 1 → 2 → 3 in one file). */
export function migrationPath(flow: Flow, from: number): Migration[] | undefined {
  const steps: Migration[] = [];
  for (let v = from; v < flow.version; v++) {
    const m = flow.migrations?.find((x) => x.from === v);
    if (!m) return undefined;
    steps.push(m);
  }
  return steps;
}

export function applyMigration(answers: Answers, m: Migration): Answers {
  let out: Answers = { ...answers };
  if (m.rename) {
    const renamed: Answers = {};
    for (const [id, v] of Object.entries(out)) renamed[m.rename[id] ?? id] = v;
    out = renamed;
  }
  for (const id of m.drop ?? []) delete out[id];
  for (const [id, values] of Object.entries(m.map ?? {})) {
    const v = out[id];
    if (typeof v === 'string') out[id] = values[v] ?? v;
    else if (Array.isArray(v)) out[id] = [...new Set(v.map((x) => values[x] ?? x))];
  }
  return out;
}

/** The answers as the flow's version expects them; undefined when no path of migrations leads there. */
export function migrateAnswers(flow: Flow, from: number, answers: Answers): Answers | undefined {
  const path = migrationPath(flow, from);
  return path?.reduce(applyMigration, answers);
}
