// How many active cases one worker may hold. A PK at a Bapas carries 30–80 at a time; 150 is about
// twice the heaviest caseload, and no real worker reaches it. Most updates read the worker's cases
// (every command: src/store/lua/read.lua), so the ceiling also bounds what those reads carry.
import type { CaseRecord } from '../store/records.ts';

export const MAX_ACTIVE_CASES = 150;

export function activeCaseCount(cases: Iterable<CaseRecord>): number {
  let n = 0;
  for (const c of cases) if (c.status === 'active') n++;
  return n;
}
