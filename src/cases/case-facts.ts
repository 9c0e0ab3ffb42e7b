// The facts of a case a flow's conditions may read (CASE_FACTS in src/engine/flow-compiler.ts): put
// among a draft's answers under "@" keys when it begins, so the engine stays pure and a note never
// saves them (only questions' answers are saved).
import type { Answers } from '../engine/types.ts';
import type { CaseRecord } from '../store/records.ts';

/** Under 18: a child, whose face is never photographed (UU 11/2012, SPPA; UU 35/2014). */
const ADULT_AGE = 18;

export function caseFacts(c: Pick<CaseRecord, 'setting' | 'age'>): Answers {
  return { '@setting': c.setting, '@anak': c.age < ADULT_AGE };
}
