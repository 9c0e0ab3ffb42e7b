// Cases read sealed and opened on first look: each record is opened once, only when used, and the
// object behaves as a plain one for everything the bot does with it.
import { describe, expect, it } from 'vitest';
import { lazyRecords } from '../../src/store/lazy-records.ts';

function sealedOf(n: number) {
  const opened: string[] = [];
  const sealed = Object.fromEntries(Array.from({ length: n }, (_, i) => [`c${i}`, JSON.stringify({ id: `c${i}`, n: i })]));
  const records = lazyRecords(sealed, (raw) => {
    const v = JSON.parse(raw) as { id: string; n: number };
    opened.push(v.id);
    return v;
  });
  return { records, opened };
}

describe('lazyRecords', () => {
  it('opens only the record looked at, once', () => {
    const { records, opened } = sealedOf(30);
    expect(Object.keys(records)).toHaveLength(30);
    expect('c7' in records).toBe(true);
    expect(opened).toEqual([]);
    expect(records['c7']).toEqual({ id: 'c7', n: 7 });
    expect(records['c7']!.n).toBe(7);
    expect(opened).toEqual(['c7']);
    expect(records['nope']).toBeUndefined();
  });

  it('behaves as a plain object: values, assignment, delete, JSON, spread', () => {
    const { records, opened } = sealedOf(3);
    records['c1'] = { id: 'c1', n: 100 };
    expect(opened).toEqual([]);
    records['new'] = { id: 'new', n: 9 };
    delete records['c2'];
    expect(Object.keys(records)).toEqual(['c0', 'c1', 'new']);
    expect(Object.values(records).map((r) => r.n)).toEqual([0, 100, 9]);
    expect(opened).toEqual(['c0']);
    expect(JSON.parse(JSON.stringify(records))).toEqual({ c0: { id: 'c0', n: 0 }, c1: { id: 'c1', n: 100 }, new: { id: 'new', n: 9 } });
    expect({ ...records }).toEqual({ c0: { id: 'c0', n: 0 }, c1: { id: 'c1', n: 100 }, new: { id: 'new', n: 9 } });
    expect(opened).toEqual(['c0']);
  });
});
