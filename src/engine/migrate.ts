// Moves a draft's answers from one version of a flow to a later one, along the migrations the
// later versions declare (`migrations: [{ from: 1, rename, drop, map }]`). Pure. A draft normally
// finishes on the version it started on; this is for a draft whose version the bot no longer has.
import { applicable, type FormState } from './step.ts';
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

/** A question id as the migrations rename it, one step after the other. */
function renamedId(path: Migration[], id: string): string {
  return path.reduce((x, m) => m.rename?.[x] ?? x, id);
}

/**
 * A draft (its form state) moved from version `from` to the flow's version, in the stage it is in:
 * the answers and the case's carried answers migrated, the question it was at and the way back to
 * it renamed with them, a multi selection in progress mapped. When its question no longer comes,
 * the draft goes on at the first question of the stage left unanswered (or the review). Undefined
 * when no path of migrations leads there, or the stage is gone: the draft stays on its version.
 */
export function migrateDraft(flow: Flow, stageId: string, from: number, state: FormState): FormState | undefined {
  const path = migrationPath(flow, from);
  const stage = flow.stages.find((s) => s.id === stageId);
  if (!path || !stage) return undefined;
  const answers = path.reduce(applyMigration, state.answers);
  const carried = state.carried ? { carried: path.reduce(applyMigration, state.carried) } : {};
  const rest = { answers, editing: state.editing, ...(state.confirmingCancel ? { confirmingCancel: true } : {}), ...carried };
  if (state.cursor === null) return { ...rest, cursor: null, history: [] };
  const { questions } = applicable({ questions: stage.questions }, answers);
  const id = renamedId(path, state.cursor);
  const kept = questions.find((q) => q.id === id);
  if (kept) {
    // a selection being built, in the new values, of options the question still has
    const options = kept.type === 'multi' ? kept.options.map((o) => o.value) : [];
    const selection = state.pending ? path.reduce<Answers>(applyMigration, { [state.cursor]: state.pending })[id] : undefined;
    const pending = kept.type === 'multi' && Array.isArray(selection) ? { pending: selection.filter((v) => options.includes(v)) } : {};
    const history = state.history.map((h) => renamedId(path, h)).filter((h) => questions.some((q) => q.id === h));
    return { ...rest, cursor: id, history, ...pending };
  }
  const next = questions.findIndex((q) => answers[q.id] === undefined);
  if (next < 0) return { ...rest, cursor: null, history: [] };
  return { ...rest, cursor: questions[next]!.id, history: questions.slice(0, next).map((q) => q.id) };
}
