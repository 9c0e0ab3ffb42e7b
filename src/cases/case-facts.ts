// The facts of a case a flow's conditions may read (CASE_FACTS in src/engine/flow-compiler.ts): put
// among a draft's answers under "@" keys when it begins, so the engine stays pure and a note never
// saves them (only questions' answers are saved).
import type { Answers } from '../engine/types.ts';
import type { CaseRecord } from '../store/records.ts';

/** Under 18: a child, whose face is never photographed (UU 11/2012, SPPA; UU 35/2014). */
const ADULT_AGE = 18;

/** A case opened before a fact was asked has none (not a default): a flow tells it apart with `answered: false`. */
export function caseFacts(c: Pick<CaseRecord, 'setting' | 'age' | 'facts' | 'group'>): Answers {
  const f = c.facts ?? {};
  return {
    '@setting': c.setting,
    // a group's `age` is its youngest member's: one child makes it a child's case
    '@anak': c.age < ADULT_AGE,
    '@kelompok': c.group !== undefined,
    ...(f.peran ? { '@peran': f.peran } : {}),
    ...(f.program ? { '@program': f.program } : {}),
    ...(f.zat_utama ? { '@napza': f.zat_utama !== 'tidak_ada' } : {}),
  };
}
