// The risk flag (a question marked `alert`, flows/common/session-footer.yaml): which answers are an
// emergency. Any option but the "none" ones (`exclusive`) and those recorded without urgency
// (`urgent: false`, a relapse), or "yes".
import { conditionRefs } from '../engine/conditions.ts';
import type { AnswerValue, Question } from '../engine/types.ts';
import type { Condition } from '../engine/flow-schema.ts';

/** Does this answer to a risk question alert at once? */
export function raisesAlert(q: Question, value: AnswerValue | null | undefined): boolean {
  if (!q.alert || value === null || value === undefined) return false;
  if (q.type === 'yesno') return value === true;
  if (q.type !== 'multi' && q.type !== 'choice') return false;
  const chosen = Array.isArray(value) ? value : [value];
  return q.options.some((o) => chosen.includes(o.value) && !o.exclusive && o.urgent !== false);
}

/** The question that says what happened under a risk flag: asked only because of the flag. */
export function isRiskDetail(q: Question, alertIds: ReadonlySet<string>): boolean {
  return !q.alert && q.when !== undefined && refsOf(q.when).some((r) => alertIds.has(r));
}

/** A condition's references, found once per condition (a flow's questions never change; every item
 *  of every note read asks). */
const refsFound = new WeakMap<Condition, string[]>();
function refsOf(c: Condition): string[] {
  let refs = refsFound.get(c);
  if (!refs) refsFound.set(c, (refs = conditionRefs(c)));
  return refs;
}
