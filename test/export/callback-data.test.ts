// The export buttons' data: every new kind survives encode → decode, fits in 64 bytes, and a
// malformed one is refused.
import { describe, expect, it } from 'vitest';
import { decode, encode, type Action } from '../../src/telegram/callback-data.ts';

const cases: Action[] = [
  { kind: 'report-case', caseId: 'abcd1234' },
  { kind: 'report-make', caseId: 'abcd1234', what: 'docx' },
  { kind: 'report-make', caseId: 'abcd1234', what: 'pdf' },
  { kind: 'report-make', caseId: 'abcd1234', what: 'chart' },
  { kind: 'report-make', caseId: 'abcd1234', what: 'term' },
  { kind: 'report-page', page: 3 },
  { kind: 'export-range', range: 'this-month' },
  { kind: 'export-range', range: 'last-month' },
  { kind: 'export-range', range: 'last-3-months' },
  { kind: 'export-range', range: 'all' },
];

describe('export buttons', () => {
  it.each(cases)('%o round-trips', (a) => {
    const data = encode(a);
    expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
    expect(decode(data)).toEqual(a);
  });

  it('the reminder pause button keeps its own meaning', () => {
    expect(decode('rp:1')).toEqual({ kind: 'rem-pause', paused: true });
  });

  it.each(['lk:abcd1234:z', 'lk:AB:p', 'xr:z', 'll:x', 'lp:'])('refuses %s', (data) => {
    expect(decode(data)).toBeUndefined();
  });
});
