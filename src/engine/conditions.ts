// Evaluates `when` conditions against the answers given so far.
import type { Condition, Operators } from './flow-schema.ts';
import type { AnswerValue, Answers, FileRef } from './types.ts';

const RESERVED = new Set(['any', 'all', 'not']);

/** A condition's key that names a fact of the case ("@setting"), not a question: no question id can
 *  start with "@". Facts are known from a note's start and never saved with it. */
export function isFact(key: string): boolean {
  return key.startsWith('@');
}

/** The question ids a condition reads. */
export function conditionRefs(c: Condition): string[] {
  const refs: string[] = [];
  for (const [key, v] of Object.entries(c)) {
    if (key === 'any' || key === 'all') for (const sub of v as Condition[]) refs.push(...conditionRefs(sub));
    else if (key === 'not') refs.push(...conditionRefs(v as Condition));
    else refs.push(key);
  }
  return refs;
}

function isOperators(v: unknown): v is Operators {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function equals(answer: AnswerValue | null | undefined, expected: unknown): boolean {
  if (Array.isArray(answer)) return answer.includes(expected as string);
  return answer === expected;
}

function isFile(answer: AnswerValue | null | undefined): answer is FileRef {
  return typeof answer === 'object' && answer !== null && !Array.isArray(answer) && 'fileId' in answer;
}

function test(answer: AnswerValue | null | undefined, rule: unknown): boolean {
  if (!isOperators(rule)) return equals(answer, rule);
  const num = typeof answer === 'number' ? answer : undefined;
  if (rule.answered !== undefined && rule.answered !== (answer !== undefined && answer !== null)) return false;
  if (rule.eq !== undefined && !equals(answer, rule.eq)) return false;
  if (rule.ne !== undefined && (answer === undefined || answer === null || equals(answer, rule.ne))) return false;
  if (rule.lt !== undefined && !(num !== undefined && num < rule.lt)) return false;
  if (rule.lte !== undefined && !(num !== undefined && num <= rule.lte)) return false;
  if (rule.gt !== undefined && !(num !== undefined && num > rule.gt)) return false;
  if (rule.gte !== undefined && !(num !== undefined && num >= rule.gte)) return false;
  if (rule.in !== undefined && !rule.in.some((x) => equals(answer, x))) return false;
  if (rule.includes !== undefined && !(Array.isArray(answer) && answer.includes(rule.includes))) return false;
  if (rule.kind !== undefined && !(isFile(answer) && (rule.kind as string[]).includes(answer.kind))) return false;
  return true;
}

export function holds(c: Condition | undefined, answers: Answers): boolean {
  if (!c) return true;
  for (const [key, v] of Object.entries(c)) {
    if (v === undefined) continue;
    if (key === 'any') {
      if (!(v as Condition[]).some((sub) => holds(sub, answers))) return false;
    } else if (key === 'all') {
      if (!(v as Condition[]).every((sub) => holds(sub, answers))) return false;
    } else if (key === 'not') {
      if (holds(v as Condition, answers)) return false;
    } else if (!RESERVED.has(key) && !test(answers[key], v)) {
      return false;
    }
  }
  return true;
}

/**
 * Three-valued: true, false, or undefined when it depends on a question not answered yet.
 * Used to count the questions that may still come ("Pertanyaan 1 dari 18"), so the total shrinks as
 * answers rule questions out instead of jumping up when a gate opens.
 */
export function mayHold(c: Condition | undefined, answers: Answers, absent?: ReadonlySet<string>): boolean {
  return evaluate(c, answers, absent) !== false;
}

/** `absent`: questions that will never be answered (they do not apply): known, not pending. */
function evaluate(c: Condition | undefined, answers: Answers, absent?: ReadonlySet<string>): boolean | undefined {
  if (!c) return true;
  let result: boolean | undefined = true;
  const and = (v: boolean | undefined) => {
    if (v === false) result = false;
    else if (v === undefined && result === true) result = undefined;
  };
  for (const [key, v] of Object.entries(c)) {
    if (v === undefined || (result as boolean | undefined) === false) continue;
    if (key === 'any') {
      const parts = (v as Condition[]).map((sub) => evaluate(sub, answers, absent));
      and(parts.includes(true) ? true : parts.includes(undefined) ? undefined : false);
    } else if (key === 'all') {
      for (const sub of v as Condition[]) and(evaluate(sub, answers, absent));
    } else if (key === 'not') {
      const inner = evaluate(v as Condition, answers, absent);
      and(inner === undefined ? undefined : !inner);
    } else if (!RESERVED.has(key)) {
      // a case's fact ("@setting") is known from the note's start: absent, it will not come later
      const known = answers[key] !== undefined || absent?.has(key) || isFact(key);
      and(known ? test(answers[key], v) : undefined);
    }
  }
  return result;
}
