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
  { kind: 'flow', orgId: 'abcd1234', op: 'publish', ref: 'k3j4h5' },
  { kind: 'flow', orgId: 'abcd1234', op: 'cancel', ref: 'k3j4h5' },
  { kind: 'flow', orgId: 'abcd1234', op: 'list', ref: '0' },
  { kind: 'flow', orgId: 'abcd1234', op: 'hide', ref: 'ipwl-reintegration' },
  { kind: 'flow', orgId: 'abcd1234', op: 'show', ref: 'ipwl-reintegration' },
  { kind: 'flow', orgId: 'abcd1234', op: 'retire', ref: 'konseling-adiksi-remaja-x' },
  // data protection (issue 14)
  { kind: 'case-delete', caseId: 'abcd1234', confirm: false },
  { kind: 'case-delete', caseId: 'abcd1234', confirm: true },
  { kind: 'my-data', confirm: false },
  { kind: 'my-data', confirm: true },
  { kind: 'adm-case', orgId: 'org12345', op: 'list', workerId: 123456789012345 },
  { kind: 'adm-case', orgId: 'org12345', op: 'del-yes', workerId: 6001, caseId: 'abcdefghij' },
  { kind: 'adm-case', orgId: 'org12345', op: 'move-to', workerId: 123456789012345, caseId: 'abcdefghij', to: 123456789012345 },
  { kind: 'org', orgId: 'org12345', op: 'member-suspend', a: '6001' },
  { kind: 'org', orgId: 'org12345', op: 'member-resume', a: '6001' },
  { kind: 'org', orgId: 'org12345', op: 'retention-set', a: '730' },
  { kind: 'org', orgId: 'org12345', op: 'audit-csv', a: 'abcdefghij' },
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

  it.each(['lk:abcd1234:z', 'lk:AB:p', 'xr:z', 'll:x', 'lp:', 'dy:', 'md:2', 'ac:org12345:z:1', 'ac:org12345:l:x', 'ac:org12345:t:1:abcd1234:y'])('refuses %s', (data) => {
    expect(decode(data)).toBeUndefined();
  });
});
