// Scenarios, as goflow keeps its flow tests: each file in test/engine/scenarios/ holds the inputs a
// worker gives, written by hand, and under `expected:` what the pure engine answered to each (its
// events, the state they leave) and the state at the end, written by this test. The inputs are
// replayed through start/step/resume (and migrateDraft for a draft moved to a newer flow version);
// the expectations are compared as text. After a change to the engine or to the scenarios' flows,
// rewrite them with UPDATE_GOLDENS=1 npx vitest run test/engine/scenarios.test.ts, read the diff,
// commit it. The per-stage transcripts of golden.test.ts walk every real flow; these follow one
// small flow (test/engine/scenarios/flows/) through back, edit, cancel, carry and a migration.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Document, parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compileFlows } from '../../src/engine/flow-compiler.ts';
import { migrateDraft } from '../../src/engine/migrate.ts';
import { resume, start, step, type EngineEvent, type FormState, type Input } from '../../src/engine/step.ts';
import type { AnswerValue, Answers, Flow, Form } from '../../src/engine/types.ts';
import { expectGolden } from '../support/golden.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const DIR = path.join(HERE, 'scenarios');
/** where the hand-written part of a scenario ends and the test's part begins */
const EXPECTED = /^expected:/m;

/** The scenarios' flow, each version compiled from its own folder with the shared header. */
function loadFlows(): Map<string, Flow> {
  const source = (p: string) => ({ path: `test/engine/scenarios/flows/${p}`, text: readFileSync(path.join(DIR, 'flows', p), 'utf8') });
  const out = new Map<string, Flow>();
  for (const file of ['v1/konseling.yaml', 'konseling.yaml']) {
    for (const f of compileFlows([source(file), source('common/kepala.yaml')])) out.set(`${f.id}@${f.version}`, f);
  }
  return out;
}

const Value = z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]);
/** One input, given `at` a question (its id), `review`, or `confirm-cancel` (the "cancel?" question). */
const InputLine = z
  .object({
    at: z.string(),
    text: z.union([z.string(), z.number()]).optional(),
    choice: z.union([z.string(), z.number(), z.boolean()]).optional(),
    toggle: z.string().optional(),
    done: z.literal(true).optional(),
    file: z.enum(['photo', 'voice', 'document']).optional(),
    edit: z.string().optional(),
    /** the answer to "cancel?" by its buttons */
    confirm: z.boolean().optional(),
    /** a sticker or the like */
    unsupported: z.string().optional(),
    do: z.enum(['back', 'skip', 'keep', 'carry', 'save', 'review', 'guide', 'cancel', 'resume', 'migrate']).optional(),
    /** with `do: migrate`: the version the draft moves to */
    to: z.number().int().optional(),
  })
  .strict()
  .refine((l) => Object.keys(l).filter((k) => k !== 'at' && k !== 'to').length === 1, 'an input is `at` and one of text, choice, toggle, done, file, edit, confirm, unsupported, do');
type InputLine = z.infer<typeof InputLine>;

const Scenario = z
  .object({
    flow: z.string(),
    version: z.number().int(),
    stage: z.string(),
    /** the worker's local date */
    today: z.string(),
    /** the case's previous answers to `carry` questions */
    carried: z.record(z.string(), Value).optional(),
    inputs: z.array(InputLine).min(1),
    expected: z.unknown().optional(),
  })
  .strict();

/** Where the worker is: the question asked, the review, or the "cancel?" question. */
function position(state: FormState): string {
  return state.confirmingCancel ? 'confirm-cancel' : state.cursor ?? 'review';
}

/** The input; a button names its question: the one asked (also under "cancel?"), else where the worker is. */
function toInput(l: InputLine, state: FormState): Input {
  const questionId = state.cursor ?? l.at;
  if (l.text !== undefined) return { kind: 'text', text: String(l.text) };
  if (l.choice !== undefined) return { kind: 'choice', questionId, value: String(l.choice) };
  if (l.toggle !== undefined) return { kind: 'toggle', questionId, value: l.toggle };
  if (l.done) return { kind: 'done', questionId };
  if (l.file !== undefined) return { kind: 'file', file: { fileId: `file-${l.file}`, kind: l.file } };
  if (l.edit !== undefined) return { kind: 'edit', questionId: l.edit };
  if (l.confirm !== undefined) return { kind: 'cancel-confirm', yes: l.confirm };
  if (l.unsupported !== undefined) return { kind: 'unsupported', what: l.unsupported };
  switch (l.do) {
    case 'back': case 'skip': case 'keep': case 'carry':
      return { kind: l.do, questionId };
    case 'save': case 'review': case 'guide': case 'cancel':
      return { kind: l.do };
    default:
      throw new Error(`not an engine input: ${JSON.stringify(l)}`);
  }
}

type Plain = string | number | boolean | null | Plain[] | { [k: string]: Plain };

function plainValue(v: AnswerValue | null): Plain {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? { ...v } : v;
}

function plainAnswers(a: Answers): { [k: string]: Plain } {
  return Object.fromEntries(Object.entries(a).map(([k, v]) => [k, plainValue(v)]));
}

/** An event as plain data: questions by id, review items as id → value. */
function plainEvent(e: EngineEvent): { [k: string]: Plain } {
  switch (e.kind) {
    case 'ask':
      return {
        kind: 'ask', question: e.question.id, index: e.index, total: e.total, approx: e.approx,
        ...(e.previous !== undefined ? { previous: plainValue(e.previous) } : {}),
        ...(e.carried !== undefined ? { carried: plainValue(e.carried) } : {}),
        ...(e.pending !== undefined ? { pending: e.pending } : {}),
        canBack: e.canBack,
      };
    case 'invalid':
      return { kind: 'invalid', ...(e.question ? { question: e.question.id } : {}), error: e.error.code, ...(e.error.params ? { params: e.error.params } : {}) };
    case 'review':
      return { kind: 'review', items: Object.fromEntries(e.items.map((i) => [i.question.id, plainValue(i.value)])) };
    case 'complete':
      return { kind: 'complete', answers: plainAnswers(e.answers) };
    default:
      return { kind: e.kind };
  }
}

/** The state without its answers (shown as what changed): where it is and how it got there. */
function plainState(s: FormState | null): Plain {
  if (s === null) return null;
  return {
    cursor: s.cursor, history: s.history,
    ...(s.editing ? { editing: true } : {}),
    ...(s.confirmingCancel ? { confirmingCancel: true } : {}),
    ...(s.pending ? { pending: s.pending } : {}),
  };
}

/** Answers added or changed from `a` to `b`, and those gone. */
function answerChanges(a: Answers, b: Answers): { answers?: { [k: string]: Plain }; removed?: string[] } {
  const changed = Object.fromEntries(Object.entries(b).filter(([k, v]) => JSON.stringify(a[k]) !== JSON.stringify(v)).map(([k, v]) => [k, plainValue(v)]));
  const gone = Object.keys(a).filter((k) => !(k in b));
  return { ...(Object.keys(changed).length ? { answers: changed } : {}), ...(gone.length ? { removed: gone } : {}) };
}

interface Step {
  input: InputLine;
  events: EngineEvent[];
  before: FormState;
  after: FormState | null;
}

interface Replayed {
  start: EngineEvent[];
  steps: Step[];
  final: FormState | null;
}

/** Replays the inputs through the engine, checking each is given where the worker then is. */
function replay(s: z.infer<typeof Scenario>, flows: Map<string, Flow>, file: string): Replayed {
  let flow = flows.get(`${s.flow}@${s.version}`);
  const formOf = (f: Flow | undefined): Form => {
    const stage = f?.stages.find((x) => x.id === s.stage);
    if (!stage) throw new Error(`${file}: no stage ${s.stage} in ${s.flow}@${f?.version ?? s.version}`);
    return { questions: stage.questions };
  };
  let form = formOf(flow);
  const env = { today: s.today };
  const first = start(form, {}, s.carried);
  let state: FormState | null = first.state;
  const steps: Step[] = [];
  s.inputs.forEach((input, i) => {
    // inputs are written for a path: one that no longer meets its question fails, even when updating
    const where = `${file}: input ${i + 1} ${JSON.stringify(input)}`;
    if (state === null) throw new Error(`${where} comes after the note was saved or cancelled`);
    if (position(state) !== input.at) throw new Error(`${where} is given at ${input.at}, but the engine is at ${position(state)}`);
    const before: FormState = state;
    let events: EngineEvent[];
    if (input.do === 'resume') {
      // the screen shown again: /lanjut, or the bot restarted
      events = resume(form, before);
    } else if (input.do === 'migrate') {
      const to = flows.get(`${s.flow}@${input.to ?? NaN}`);
      const moved = to && flow ? migrateDraft(to, s.stage, flow.version, before) : undefined;
      if (!moved || !to) throw new Error(`${where}: no migration from version ${flow?.version ?? '?'}`);
      flow = to;
      form = formOf(flow);
      state = moved;
      events = resume(form, moved);
    } else {
      const r = step(form, before, toInput(input, before), env);
      state = r.state;
      events = r.events;
    }
    steps.push({ input, events, before, after: state });
  });
  return { start: first.events, steps, final: state };
}

/**
 * The test's part of the file, as YAML: an input, an event and a state on one line each; the
 * answers of a review, a save and the final state one per line.
 */
function expectedText(r: Replayed): string {
  const doc = new Document();
  // no anchors: an event's `previous` and `pending` may be the same array
  const block = (v: unknown) => doc.createNode(v, { aliasDuplicateObjects: false });
  const line = (v: unknown) => doc.createNode(v, { flow: true, aliasDuplicateObjects: false });
  /** answers one per line, each value on its line */
  const answerLines = (a: { [k: string]: Plain }) => block(Object.fromEntries(Object.entries(a).map(([k, v]) => [k, line(v)])));
  const event = (e: EngineEvent) => {
    const plain = plainEvent(e);
    if (e.kind === 'review') return block({ ...plain, items: answerLines(plain['items'] as { [k: string]: Plain }) });
    if (e.kind === 'complete') return block({ ...plain, answers: answerLines(plain['answers'] as { [k: string]: Plain }) });
    return line(plain);
  };
  const changes = (a: Answers, b: Answers) => {
    const { answers, removed } = answerChanges(a, b);
    return { ...(answers ? { answers: line(answers) } : {}), ...(removed ? { removed: line(removed) } : {}) };
  };
  const steps = r.steps.map((st) =>
    block({
      input: line(st.input),
      events: block(st.events.map(event)),
      state: st.after === null ? null : line(plainState(st.after)),
      ...changes(st.before.answers, st.after?.answers ?? st.before.answers),
    }),
  );
  const where = r.final === null ? {} : Object.fromEntries(Object.entries(plainState(r.final) as { [k: string]: Plain }).map(([k, v]) => [k, line(v)]));
  const final = r.final === null ? null : block({ ...where, answers: answerLines(plainAnswers(r.final.answers)) });
  doc.contents = block({ expected: { start: block(r.start.map(event)), steps: block(steps), final } });
  return doc.toString({ lineWidth: 0 });
}

const flows = loadFlows();
const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort();

describe('scenarios (test/engine/scenarios/)', () => {
  it('cover back, edit from the review, cancel, carry and migration', () => {
    const all = files.map((f) => readFileSync(path.join(DIR, f), 'utf8')).join('\n');
    for (const what of ['do: back', 'edit:', 'do: cancel', 'confirm: true', 'confirm: false', 'do: carry', 'do: migrate']) expect(all, what).toContain(what);
  });

  for (const name of files) {
    it(name, () => {
      const file = `test/engine/scenarios/${name}`;
      const text = readFileSync(path.join(DIR, name), 'utf8');
      const scenario = Scenario.parse(parse(text));
      const authored = text.split(EXPECTED)[0]!.replace(/\n*$/, '\n');
      expectGolden(file, `${authored}${expectedText(replay(scenario, flows, file))}`);
    });
  }
});
