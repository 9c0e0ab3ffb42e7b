// The flow engine: one pure function from (form, state, input) to (state, events).
// It decides which question comes next, checks answers, and handles back / skip / keep / edit /
// review / cancel. Rendering and storage happen elsewhere.
import { finishMulti, parseAnswer, parseYesNo, type AnswerError, type RawAnswer } from './answers.ts';
import { conditionRefs, holds, isFact, mayHold } from './conditions.ts';
import type { AnswerValue, Answers, Env, FileRef, Form, Question } from './types.ts';

export interface FormState {
  answers: Answers;
  /** the question being asked; null while the review is shown */
  cursor: string | null;
  /** questions answered on the way to the cursor, for ⬅️ Kembali */
  history: string[];
  /** came from the review to change one answer: go back there afterwards */
  editing: boolean;
  /** multi selection being built with buttons */
  pending?: string[];
  /** the multi question's other options were opened (its more button): all of them are shown */
  expanded?: boolean;
  /** waiting for "yes, abandon" / "no, continue" */
  confirmingCancel?: boolean;
  /** the case's previous answers to `carry` questions, offered with one button */
  carried?: Answers;
  /** questions answered by default when the form began (a group's session is a group meeting: its
   *  contact type and attendees): passed by as the form walks, shown and changeable at the review */
  preset?: string[];
}

/** Answered by default and not changed into a question of its own: the walk passes it by. */
function passedBy(state: FormState, id: string): boolean {
  return state.preset !== undefined && state.preset.includes(id) && state.answers[id] !== undefined;
}

export type Input =
  | { kind: 'text'; text: string }
  | { kind: 'choice'; questionId: string; value: string }
  | { kind: 'toggle'; questionId: string; value: string }
  /** show a multi question's other options (the more button: navigation, never an answer) */
  | { kind: 'more'; questionId: string }
  | { kind: 'done'; questionId: string }
  | { kind: 'keep'; questionId?: string }
  /** take the previous session's answer ("Sama seperti sesi lalu") */
  | { kind: 'carry'; questionId?: string }
  | { kind: 'skip'; questionId?: string }
  | { kind: 'back'; questionId?: string }
  | { kind: 'file'; file: FileRef }
  | { kind: 'unsupported'; what: string }
  | { kind: 'edit'; questionId: string }
  | { kind: 'save' }
  | { kind: 'review' }
  | { kind: 'guide' }
  | { kind: 'cancel' }
  | { kind: 'cancel-confirm'; yes: boolean };

export interface ReviewItem {
  question: Question;
  value: AnswerValue | null;
}

/** What the engine says after an input: a screen's worth of events. A refused answer is an
 *  `invalid` followed by the same question's `ask`; the others stand alone or in order. */
export type EngineEvent =
  | {
      kind: 'ask';
      question: Question;
      /** 1-based place among the questions that apply, and how many apply now */
      index: number;
      total: number;
      /** later answers may still add or remove questions: the total is "± total" */
      approx: boolean;
      /** the answer given earlier, when the question is asked again (after Back or to edit it) */
      previous?: AnswerValue | null;
      /** current selection of a multi question */
      pending?: string[];
      /** every option of a multi question is shown, not only its `first` ones */
      expanded?: boolean;
      /** the case's previous session's answer, offered with one button */
      carried?: AnswerValue | null;
      canBack: boolean;
    }
  | { kind: 'invalid'; question?: Question; error: AnswerError }
  | { kind: 'guide' }
  | { kind: 'review'; items: ReviewItem[] }
  | { kind: 'confirm-cancel' }
  | { kind: 'cancelled' }
  | { kind: 'complete'; items: ReviewItem[]; answers: Answers }
  /** a button from an earlier message that no longer applies */
  | { kind: 'stale' };

export interface StepResult {
  /** null when the form is finished or abandoned */
  state: FormState | null;
  events: EngineEvent[];
}

/** Questions that apply, in order. A condition sees only answers of questions that themselves apply,
 *  and the case's facts (`@setting`, `@anak`: never asked, never saved with the note). */
export function applicable(form: Form, answers: Answers): { questions: Question[]; effective: Answers } {
  // without conditions every question applies: the form's own list (callers only read it)
  if (isUnconditional(form)) return { questions: form.questions, effective: answers };
  const effective: Answers = factsOf(answers);
  const questions: Question[] = [];
  for (const q of form.questions) {
    if (!holds(q.when, effective)) continue;
    questions.push(q);
    const a = answers[q.id];
    if (a !== undefined) effective[q.id] = a;
  }
  return { questions, effective };
}

function factsOf(answers: Answers): Answers {
  const facts: Answers = {};
  for (const [k, v] of Object.entries(answers)) if (isFact(k)) facts[k] = v;
  return facts;
}

function find(form: Form, id: string | null): Question | undefined {
  return id === null ? undefined : form.questions.find((q) => q.id === id);
}

/** What a worker usually answers, for the estimate: the first option (flows list the usual one
 *  first), "yes", the top of a scale, something typed or sent. */
function typicalAnswer(q: Question): AnswerValue {
  switch (q.type) {
    case 'choice': return q.options[0]!.value;
    case 'multi': return [q.options[0]!.value];
    case 'yesno': return true;
    case 'scale': return q.max;
    case 'number': return q.min ?? 1;
    case 'file': return { fileId: '', kind: 'photo' };
    default: return '…';
  }
}

/**
 * How many questions this note will ask: the answers given, and for the rest the usual answer.
 * Along the usual path the count stays the same from the first question to the last; it changes
 * only when an answer opens or closes questions the usual one would not.
 */
export function estimatedTotal(form: Form, answers: Answers = {}): number {
  const assumed: Answers = { ...answers };
  const effective: Answers = factsOf(answers);
  let count = 0;
  for (const q of form.questions) {
    if (!holds(q.when, effective)) continue;
    count++;
    if (assumed[q.id] === undefined) assumed[q.id] = typicalAnswer(q);
    const a = assumed[q.id];
    if (a !== undefined && a !== null) effective[q.id] = a;
  }
  return count;
}

/** Questions that apply or still may: a condition on a question that itself cannot come is decided. */
export function questionsThatMayCome(form: Form, effective: Answers): Question[] {
  const absent = new Set<string>();
  return form.questions.filter((x) => {
    const may = mayHold(x.when, effective, absent);
    if (!may) absent.add(x.id);
    return may;
  });
}

/** Forms none of whose questions has a condition: every question comes, the count is exact. */
const unconditional = new WeakMap<Form, boolean>();
function isUnconditional(form: Form): boolean {
  let u = unconditional.get(form);
  if (u === undefined) unconditional.set(form, (u = form.questions.every((q) => !q.when)));
  return u;
}

/** The count is an estimate while some question still waits on an answer: "± 14". */
function ask(form: Form, state: FormState): EngineEvent {
  const { questions, effective } = applicable(form, state.answers);
  // a form without conditions asks all its questions: no estimate to make (most stages of a flow)
  const fixed = isUnconditional(form);
  const q = find(form, state.cursor)!;
  // questions answered by default and passed by are not counted: "Pertanyaan 3 dari 12" counts what is asked
  const counted = (x: Question) => x.id === q.id || !passedBy(state, x.id);
  const i = questions.filter(counted).findIndex((x) => x.id === q.id);
  const previous = state.answers[q.id];
  const carried = q.carry ? state.carried?.[q.id] : undefined;
  const mayCome = fixed ? questions : questionsThatMayCome(form, effective);
  const passed = mayCome.length - mayCome.filter(counted).length;
  return {
    kind: 'ask',
    question: q,
    index: i + 1,
    total: fixed ? questions.filter(counted).length : Math.max(estimatedTotal(form, state.answers) - passed, i + 1),
    approx: fixed ? false : mayCome.length > questions.length,
    ...(previous !== undefined ? { previous } : {}),
    ...(carried !== undefined && carried !== null && previous === undefined ? { carried } : {}),
    ...(q.type === 'multi' ? { pending: state.pending ?? [] } : {}),
    ...(q.type === 'multi' && q.first && state.expanded ? { expanded: true } : {}),
    canBack: state.history.length > 0 || state.editing,
  };
}

function reviewItems(form: Form, answers: Answers): ReviewItem[] {
  const { questions, effective } = applicable(form, answers);
  return questions.map((q) => ({ question: q, value: effective[q.id] ?? null }));
}

function showReview(form: Form, state: FormState): StepResult {
  const next: FormState = { answers: state.answers, cursor: null, history: [], editing: false, ...(state.carried ? { carried: state.carried } : {}) };
  return { state: next, events: [{ kind: 'review', items: reviewItems(form, state.answers) }] };
}

/** The first question that applies and has no answer yet (a skipped one has: null). */
export function firstUnanswered(form: Form, answers: Answers): Question | undefined {
  return applicable(form, answers).questions.find((q) => answers[q.id] === undefined);
}

/** The form is done: its answers as saved (the questions that apply, skipped ones as null). */
function completed(form: Form, state: FormState): StepResult {
  const items = reviewItems(form, state.answers);
  const answers: Answers = Object.fromEntries(items.map((i) => [i.question.id, i.value]));
  return { state: null, events: [{ kind: 'complete', items, answers }] };
}

/** Moves on from the current question: the next that applies, or the review at the end. */
function advance(form: Form, state: FormState): StepResult {
  if (state.editing) {
    // A changed answer can make new questions apply: ask those, then return to the review.
    const missing = firstUnanswered(form, state.answers);
    if (!missing) return showReview(form, state);
    const next: FormState = { ...state, cursor: missing.id, pending: selectionOf(missing, state.answers), expanded: undefined };
    return { state: next, events: [ask(form, next)] };
  }
  const { questions } = applicable(form, state.answers);
  const at = questions.findIndex((q) => q.id === state.cursor);
  const following = questions.slice(at + 1).find((q) => !passedBy(state, q.id));
  if (!following) return form.review === false ? completed(form, state) : showReview(form, state);
  const history = state.cursor ? [...state.history, state.cursor] : state.history;
  const next: FormState = { ...state, cursor: following.id, history, pending: selectionOf(following, state.answers), expanded: undefined };
  return { state: next, events: [ask(form, next)] };
}

/** A multi question asked again starts from its earlier selection. */
function selectionOf(q: Question, answers: Answers): string[] | undefined {
  const earlier = answers[q.id];
  return q.type === 'multi' && Array.isArray(earlier) ? earlier : undefined;
}

function record(form: Form, state: FormState, q: Question, value: AnswerValue | null): StepResult {
  const answers = { ...state.answers, [q.id]: value };
  // Another file is another picture: what was said about the old one (faces, consent) is asked
  // again, never carried over to the new one.
  if (q.type === 'file' && fileIdOf(state.answers[q.id]) !== fileIdOf(value)) {
    for (const x of form.questions) if (x.when && conditionRefs(x.when).includes(q.id)) delete answers[x.id];
  }
  return advance(form, { ...state, answers, pending: undefined, expanded: undefined });
}

function fileIdOf(v: AnswerValue | null | undefined): string | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? v.fileId : undefined;
}

/** `preset`: answers given by default (among `answers`), which the walk passes by. */
export function start(form: Form, answers: Answers = {}, carried?: Answers, preset?: string[]): StepResult {
  const base: FormState = { answers, cursor: null, history: [], editing: false, ...(carried && Object.keys(carried).length ? { carried } : {}), ...(preset?.length ? { preset } : {}) };
  const first = applicable(form, answers).questions.find((q) => !passedBy(base, q.id));
  if (!first) throw new Error('form has no question that applies');
  const state: FormState = { ...base, cursor: first.id };
  return { state, events: [ask(form, state)] };
}

/** The events that show the current screen again (after a restart, or after /lanjut). */
export function resume(form: Form, state: FormState): EngineEvent[] {
  if (state.confirmingCancel) return [{ kind: 'confirm-cancel' }];
  if (state.cursor === null || !find(form, state.cursor)) return [{ kind: 'review', items: reviewItems(form, state.answers) }];
  return [ask(form, state)];
}

function invalid(q: Question | undefined, error: AnswerError): EngineEvent {
  return q ? { kind: 'invalid', question: q, error } : { kind: 'invalid', error };
}

export function step(form: Form, state: FormState, input: Input, env: Env): StepResult {
  const same = (events: EngineEvent[]): StepResult => ({ state, events });
  // a refused answer comes with its question again: a whole screen, the hint over the question
  const refused = (q: Question, error: AnswerError): StepResult => same([invalid(q, error), ask(form, state)]);

  if (state.confirmingCancel) {
    // The question's buttons are gone while "cancel?" is asked: typed text answers the confirmation.
    if (input.kind === 'text') {
      const yes = parseYesNo(input.text);
      if (yes === undefined) return same([invalid(undefined, { code: 'confirm-cancel' })]);
      input = { kind: 'cancel-confirm', yes };
    }
    if (input.kind === 'cancel-confirm') {
      if (input.yes) return { state: null, events: [{ kind: 'cancelled' }] };
      const back: FormState = { ...state, confirmingCancel: false };
      return { state: back, events: resume(form, back) };
    }
    if (input.kind !== 'cancel') state = { ...state, confirmingCancel: false };
  } else if (input.kind === 'cancel-confirm') {
    return same([{ kind: 'stale' }]);
  }

  switch (input.kind) {
    case 'cancel':
      return { state: { ...state, confirmingCancel: true }, events: [{ kind: 'confirm-cancel' }] };
    case 'guide':
      return same([{ kind: 'guide' }]);
    case 'review':
      return showReview(form, state);
    case 'edit': {
      const q = applicable(form, state.answers).questions.find((x) => x.id === input.questionId);
      if (!q) return same([{ kind: 'stale' }]);
      const next: FormState = {
        ...state,
        cursor: q.id,
        editing: true,
        history: [],
        pending: selectionOf(q, state.answers),
        expanded: undefined,
      };
      return { state: next, events: [ask(form, next)] };
    }
    case 'save': {
      if (state.cursor !== null) return same([{ kind: 'stale' }]);
      const missing = applicable(form, state.answers).questions.find(
        (q) => !q.optional && (state.answers[q.id] === undefined || state.answers[q.id] === null),
      );
      if (missing) {
        const next: FormState = { ...state, cursor: missing.id, editing: true, history: [] };
        return { state: next, events: [ask(form, next)] };
      }
      return completed(form, state);
    }
    default:
      break;
  }

  const q = find(form, state.cursor);
  if (!q) {
    // At the review: only its buttons mean something.
    if (input.kind === 'back') {
      const { questions } = applicable(form, state.answers);
      const last = questions[questions.length - 1]!;
      const next: FormState = { ...state, cursor: last.id, history: questions.slice(0, -1).map((x) => x.id), editing: false };
      return { state: next, events: [ask(form, next)] };
    }
    if (input.kind === 'text' || input.kind === 'file' || input.kind === 'unsupported') {
      return same([invalid(undefined, { code: 'at-review' })]);
    }
    return same([{ kind: 'stale' }]);
  }

  if ('questionId' in input && input.questionId !== undefined && input.questionId !== q.id) {
    return same([{ kind: 'stale' }]);
  }

  switch (input.kind) {
    case 'back': {
      if (state.editing) return showReview(form, state);
      const prev = state.history[state.history.length - 1];
      if (!prev) return refused(q, { code: 'no-back' });
      const next: FormState = {
        ...state,
        cursor: prev,
        history: state.history.slice(0, -1),
        pending: selectionOf(find(form, prev)!, state.answers),
        expanded: undefined,
      };
      return { state: next, events: [ask(form, next)] };
    }
    case 'skip':
      if (!q.optional) return refused(q, { code: 'not-optional' });
      return record(form, state, q, null);
    case 'keep':
      if (state.answers[q.id] === undefined) return same([{ kind: 'stale' }]);
      return advance(form, { ...state, pending: undefined });
    case 'carry': {
      const carried = q.carry ? state.carried?.[q.id] : undefined;
      if (carried === undefined || carried === null) return same([{ kind: 'stale' }]);
      // the earlier answer is checked again: the options may have changed since
      const checked = q.type === 'multi' && Array.isArray(carried) ? finishMulti(q, carried) : { ok: true as const, value: carried };
      if (!checked.ok) return refused(q, checked.error);
      return record(form, state, q, checked.value);
    }
    case 'toggle': {
      if (q.type !== 'multi' || !q.options.some((o) => o.value === input.value)) return same([{ kind: 'stale' }]);
      const current = state.pending ?? [];
      // "Tidak ada" and the others exclude each other: ticking one clears the other kind
      const exclusive = new Set(q.options.filter((o) => o.exclusive).map((o) => o.value));
      const pending = current.includes(input.value)
        ? current.filter((v) => v !== input.value)
        : [...current.filter((v) => exclusive.has(input.value) ? false : !exclusive.has(v)), input.value];
      const next: FormState = { ...state, pending };
      return { state: next, events: [ask(form, next)] };
    }
    case 'more': {
      if (q.type !== 'multi' || !q.first || state.expanded) return same([{ kind: 'stale' }]);
      const next: FormState = { ...state, expanded: true };
      return { state: next, events: [ask(form, next)] };
    }
    case 'done': {
      if (q.type !== 'multi') return same([{ kind: 'stale' }]);
      const parsed = finishMulti(q, state.pending ?? []);
      if (!parsed.ok) return refused(q, parsed.error);
      return record(form, state, q, parsed.value);
    }
    case 'unsupported': {
      // a sticker where a file or a button is wanted: say what is wanted, not "type your answer"
      const code = q.type === 'file' ? 'expected-file' : q.type === 'text' || q.type === 'longtext' || q.type === 'initials' || q.type === 'number' || q.type === 'date' ? 'unsupported' : 'expected-choice';
      return refused(q, code === 'unsupported' ? { code, params: { what: input.what } } : { code });
    }
    case 'text':
    case 'choice':
    case 'file': {
      const raw: RawAnswer =
        input.kind === 'text'
          ? { kind: 'text', text: input.text }
          : input.kind === 'choice'
            ? { kind: 'choice', value: input.value }
            : { kind: 'file', file: input.file };
      const parsed = parseAnswer(q, raw, env);
      if (!parsed.ok) return refused(q, parsed.error);
      return record(form, state, q, parsed.value);
    }
  }
}
