// The reminder math in src/cases/schedule.ts, pure: every clock is an argument, every date is
// written out by hand (WIB = UTC+7, WITA = UTC+8, WIT = UTC+9; Indonesia has no DST).
import { getNextMillis } from 'bullmq';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { Cadence } from '../../src/engine/types.ts';
import {
  cadenceWants,
  cronPattern,
  decide,
  intervalBefore,
  LATE_AFTER_MS,
  nextOccurrence,
  periodOf,
  previousSlot,
  ZONES,
  type ReminderPrefs,
} from '../../src/cases/schedule.ts';
import { afterSession, contactFlags, daysSinceHeldContact, lastHeldContact } from '../../src/cases/contact.ts';
import type { CaseRecord } from '../../src/store/records.ts';

const { wib: WIB, wita: WITA, wit: WIT } = ZONES;
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

function prefs(weekday: number, hour: number, zone: string, paused = false): ReminderPrefs {
  return { weekday, hour, zone, paused };
}

/** A local wall-clock time in a zone ("2025-01-31T12:00"). */
function local(iso: string, zone: string): DateTime {
  const d = DateTime.fromISO(iso, { zone });
  if (!d.isValid) throw new Error(`bad date ${iso}`);
  return d;
}

const ms = (iso: string): number => {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new Error(`bad date ${iso}`);
  return t;
};

function aCase(over: Partial<CaseRecord> & { cadence?: Cadence } = {}): CaseRecord {
  const { cadence, ...rest } = over;
  return {
    id: 'case000001', ownerId: 1, initials: 'Si', age: 42, gender: 'p', setting: 'bapas', problem: 'x',
    flowId: 'zastrow-mezzo', stageId: 'penyadaran_masalah', status: 'active',
    createdAt: '2025-01-06T01:00:00.000Z', updatedAt: '2025-01-06T01:00:00.000Z', noteCount: 0,
    ...(cadence ? { monitoring: { cadence } } : {}),
    ...rest,
  };
}

/** nextOccurrence with the anchor and `from` as local times of the prefs' zone, as ISO with offset. */
function next(p: ReminderPrefs, cadence: Cadence, anchorIso: string, fromIso: string): string {
  return nextOccurrence(p, cadence, local(anchorIso, p.zone), local(fromIso, p.zone)).toISO()!;
}

describe('cronPattern', () => {
  it('writes minute, hour, any day and month, and the weekday with Sunday as 0', () => {
    expect(cronPattern({ weekday: 1, hour: 8 })).toBe('0 8 * * 1');
    expect(cronPattern({ weekday: 6, hour: 0 })).toBe('0 0 * * 6');
    expect(cronPattern({ weekday: 7, hour: 20 })).toBe('0 20 * * 0');
  });

  it('fires, in BullMQ\'s own cron with tz, exactly when nextOccurrence says (weekly), every weekday and zone', () => {
    const froms = ['2025-01-31T12:00:00Z', '2025-12-31T23:30:00Z', '2028-02-28T17:00:00Z', '2025-03-16T23:00:00Z'];
    for (const zone of [WIB, WITA, WIT]) {
      for (let weekday = 1; weekday <= 7; weekday++) {
        for (const hour of [0, 8, 23]) {
          const p = prefs(weekday, hour, zone);
          for (const from of froms) {
            const ours = nextOccurrence(p, 'weekly', DateTime.fromISO('2025-01-06T00:00:00Z'), DateTime.fromISO(from)).toMillis();
            const bull = getNextMillis(ms(from), { pattern: cronPattern(p), tz: zone });
            expect({ zone, weekday, hour, from, at: new Date(bull!).toISOString() }).toEqual({ zone, weekday, hour, from, at: new Date(ours).toISOString() });
          }
        }
      }
    }
  });
});

describe('nextOccurrence', () => {
  const anchor = '2025-01-06T09:00'; // a Monday

  it('weekly: the next chosen weekday and hour in each zone', () => {
    // Friday 31 January 2025 → Monday 3 February, 08.00 local
    expect(next(prefs(1, 8, WIB), 'weekly', anchor, '2025-01-31T12:00')).toBe('2025-02-03T08:00:00.000+07:00');
    expect(next(prefs(1, 8, WITA), 'weekly', anchor, '2025-01-31T12:00')).toBe('2025-02-03T08:00:00.000+08:00');
    expect(next(prefs(1, 8, WIT), 'weekly', anchor, '2025-01-31T12:00')).toBe('2025-02-03T08:00:00.000+09:00');
    // the same wall-clock hour is a different instant in each zone
    const instants = [WIB, WITA, WIT].map((z) => nextOccurrence(prefs(1, 8, z), 'weekly', local(anchor, z), DateTime.fromISO('2025-01-31T05:00:00Z')).toUTC().toISO());
    expect(instants).toEqual(['2025-02-03T01:00:00.000Z', '2025-02-03T00:00:00.000Z', '2025-02-02T23:00:00.000Z']);
  });

  it('weekly: later the same day, and across the end of a month', () => {
    expect(next(prefs(5, 14, WIB), 'weekly', anchor, '2025-01-31T09:00')).toBe('2025-01-31T14:00:00.000+07:00');
    expect(next(prefs(6, 10, WITA), 'weekly', anchor, '2025-01-31T12:00')).toBe('2025-02-01T10:00:00.000+08:00');
    expect(next(prefs(1, 8, WIT), 'weekly', anchor, '2025-02-28T08:00')).toBe('2025-03-03T08:00:00.000+09:00');
    // Sunday: the last day of an ISO week; from a Monday it is six days on
    expect(next(prefs(7, 8, WIB), 'weekly', anchor, '2025-03-24T08:00')).toBe('2025-03-30T08:00:00.000+07:00');
    // from a Sunday after the hour, the next Sunday
    expect(next(prefs(7, 8, WIB), 'weekly', anchor, '2025-03-30T09:00')).toBe('2025-04-06T08:00:00.000+07:00');
  });

  it('is strictly after `from`: from exactly the occurrence gives the next one', () => {
    for (const zone of [WIB, WITA, WIT]) {
      const p = prefs(1, 8, zone);
      const at = local('2025-02-03T08:00', zone);
      expect(nextOccurrence(p, 'weekly', local(anchor, zone), at.minus({ milliseconds: 1 })).toMillis()).toBe(at.toMillis());
      expect(nextOccurrence(p, 'weekly', local(anchor, zone), at).toMillis()).toBe(at.plus({ weeks: 1 }).toMillis());
      expect(nextOccurrence(p, 'weekly', local(anchor, zone), at.plus({ minutes: 1 })).toMillis()).toBe(at.plus({ weeks: 1 }).toMillis());
    }
    // monthly and biweekly too
    expect(next(prefs(1, 8, WIB), 'monthly', anchor, '2025-02-03T08:00')).toBe('2025-03-03T08:00:00.000+07:00');
    expect(next(prefs(1, 8, WIB), 'biweekly', anchor, '2025-01-20T08:00')).toBe('2025-02-03T08:00:00.000+07:00');
  });

  it('reads `from` in the worker\'s zone, not in UTC', () => {
    // 23.30 UTC on Sunday 2 February = Monday 06.30 WIB (before 08.00) = Monday 08.30 WIT (after)
    const from = DateTime.fromISO('2025-02-02T23:30:00Z', { zone: 'UTC' });
    expect(nextOccurrence(prefs(1, 8, WIB), 'weekly', from, from).toISO()).toBe('2025-02-03T08:00:00.000+07:00');
    expect(nextOccurrence(prefs(1, 8, WIT), 'weekly', from, from).toISO()).toBe('2025-02-10T08:00:00.000+09:00');
  });

  it('monthly: the first such weekday of the month', () => {
    // Monday: 3 February is the first; from the 4th, the first Monday of March is the 3rd
    expect(next(prefs(1, 8, WIB), 'monthly', anchor, '2025-01-31T12:00')).toBe('2025-02-03T08:00:00.000+07:00');
    expect(next(prefs(1, 8, WIB), 'monthly', anchor, '2025-02-04T08:00')).toBe('2025-03-03T08:00:00.000+07:00');
    // the weekday on the 1st of the month (1 September 2025 is a Monday)
    expect(next(prefs(1, 8, WITA), 'monthly', anchor, '2025-08-05T08:00')).toBe('2025-09-01T08:00:00.000+08:00');
    // ... and on the 7th: from Friday 31 January (a fifth Friday, not a first) → Friday 7 February
    expect(next(prefs(5, 8, WIT), 'monthly', anchor, '2025-01-31T08:00')).toBe('2025-02-07T08:00:00.000+09:00');
    expect(next(prefs(5, 8, WIT), 'monthly', anchor, '2025-02-07T08:00')).toBe('2025-03-07T08:00:00.000+09:00');
    // never the 8th
    for (let d = 8; d <= 31; d++) expect(cadenceWants('monthly', local(`2025-01-${String(d).padStart(2, '0')}T08:00`, WIB), local(anchor, WIB))).toBe(false);
  });

  it('monthly: in each zone, the day of the month is the local one', () => {
    // Monday 3 March 2025 08.00 in each zone; from the end of February
    for (const [zone, off] of [[WIB, '+07:00'], [WITA, '+08:00'], [WIT, '+09:00']] as const) {
      expect(next(prefs(1, 8, zone), 'monthly', anchor, '2025-02-28T23:00')).toBe(`2025-03-03T08:00:00.000${off}`);
    }
    // 06.00 on Monday 1 December WIT is still Sunday 30 November in UTC
    expect(next(prefs(1, 6, WIT), 'monthly', anchor, '2025-11-04T06:00')).toBe('2025-12-01T06:00:00.000+09:00');
  });

  it('a leap day (29 February 2028 is a Tuesday)', () => {
    expect(next(prefs(2, 9, WITA), 'weekly', anchor, '2028-02-28T12:00')).toBe('2028-02-29T09:00:00.000+08:00');
    expect(next(prefs(2, 9, WITA), 'weekly', anchor, '2028-02-29T09:00')).toBe('2028-03-07T09:00:00.000+08:00');
    // monthly: 1 February 2028 is the first Tuesday; the next first Tuesday is 7 March, not the 29th
    expect(next(prefs(2, 9, WITA), 'monthly', anchor, '2028-02-01T10:00')).toBe('2028-03-07T09:00:00.000+08:00');
    // biweekly from a case opened on Tuesday 15 February 2028: the 22nd is off, the 29th is on
    expect(next(prefs(2, 9, WITA), 'biweekly', '2028-02-15T11:00', '2028-02-16T09:00')).toBe('2028-02-29T09:00:00.000+08:00');
    expect(next(prefs(2, 9, WIB), 'biweekly', '2028-02-15T11:00', '2028-02-29T09:00')).toBe('2028-03-14T09:00:00.000+07:00');
  });

  it('the end of a year', () => {
    // Wednesday 31 December 2025, after 08.00 → Wednesday 7 January 2026
    expect(next(prefs(3, 8, WIT), 'weekly', anchor, '2025-12-31T10:00')).toBe('2026-01-07T08:00:00.000+09:00');
    // Thursday 1 January 2026 is the next day, the first Thursday of the year
    expect(next(prefs(4, 8, WIB), 'weekly', anchor, '2025-12-31T10:00')).toBe('2026-01-01T08:00:00.000+07:00');
    expect(next(prefs(4, 8, WIB), 'monthly', anchor, '2025-12-05T08:00')).toBe('2026-01-01T08:00:00.000+07:00');
    // biweekly from a case opened Monday 22 December 2025: 29 December off, 5 January on
    expect(next(prefs(1, 8, WITA), 'biweekly', '2025-12-22T10:00', '2025-12-23T08:00')).toBe('2026-01-05T08:00:00.000+08:00');
    // ISO week 1 of 2026 starts Monday 29 December 2025
    expect(next(prefs(1, 8, WITA), 'weekly', anchor, '2025-12-28T23:59')).toBe('2025-12-29T08:00:00.000+08:00');
  });

  it('biweekly: every other week counted from the week the case was opened', () => {
    // opened Wednesday 8 January 2025 (its week starts Monday 6): 13th off, 20th on, 27th off, 3 February on
    expect(next(prefs(1, 8, WIB), 'biweekly', '2025-01-08T10:00', '2025-01-08T10:00')).toBe('2025-01-20T08:00:00.000+07:00');
    expect(next(prefs(1, 8, WIB), 'biweekly', '2025-01-08T10:00', '2025-01-20T08:00')).toBe('2025-02-03T08:00:00.000+07:00');
    // opened a week later: the other parity
    expect(next(prefs(1, 8, WIB), 'biweekly', '2025-01-15T10:00', '2025-01-15T10:00')).toBe('2025-01-27T08:00:00.000+07:00');
    // opened on the reminder weekday itself, before the hour: that same day is week 0
    expect(next(prefs(1, 8, WIB), 'biweekly', '2025-01-06T07:00', '2025-01-06T07:00')).toBe('2025-01-06T08:00:00.000+07:00');
    // the parity holds a year later (52 weeks: even)
    expect(next(prefs(1, 8, WIB), 'biweekly', '2025-01-08T10:00', '2026-01-02T10:00')).toBe('2026-01-05T08:00:00.000+07:00');
  });

  it('biweekly: the week the case was opened is the local week of the worker\'s zone', () => {
    // 20.00 UTC Sunday 5 January = Monday 6 January 03.00 WIB: the WIB week starts the 6th
    const openedWib = DateTime.fromISO('2025-01-05T20:00:00Z', { zone: 'UTC' });
    expect(nextOccurrence(prefs(1, 8, WIB), 'biweekly', openedWib, openedWib).toISO()).toBe('2025-01-06T08:00:00.000+07:00');
    expect(nextOccurrence(prefs(1, 8, WIB), 'biweekly', openedWib, local('2025-01-06T09:00', WIB)).toISO()).toBe('2025-01-20T08:00:00.000+07:00');
    // 16.00 UTC Sunday 5 January = Monday 01.00 WIT but still Sunday 23.00 WIB: the weeks differ
    const opened = DateTime.fromISO('2025-01-05T16:00:00Z', { zone: 'UTC' });
    expect(nextOccurrence(prefs(1, 8, WIT), 'biweekly', opened, local('2025-01-06T09:00', WIT)).toISO()).toBe('2025-01-20T08:00:00.000+09:00');
    expect(nextOccurrence(prefs(1, 8, WIB), 'biweekly', opened, local('2025-01-06T09:00', WIB)).toISO()).toBe('2025-01-13T08:00:00.000+07:00');
  });
});

describe('intervalBefore', () => {
  it('one week, two weeks, one calendar month', () => {
    const at = local('2025-03-31T08:00', WIB);
    expect(intervalBefore('weekly', at).toISO()).toBe('2025-03-24T08:00:00.000+07:00');
    expect(intervalBefore('biweekly', at).toISO()).toBe('2025-03-17T08:00:00.000+07:00');
    expect(intervalBefore('monthly', at).toISO()).toBe('2025-02-28T08:00:00.000+07:00');
  });
});

describe('decide', () => {
  // Monday 17 March 2025, 08.00 WIB
  const occ = ms('2025-03-17T01:00:00Z');
  const p = prefs(1, 8, WIB);
  const onTime = occ + 2_000;

  it('sends an active case\'s reminder on time, not late', () => {
    expect(decide(aCase(), p, occ, onTime)).toEqual({ send: true, late: false });
    // a case without monitoring settings is weekly
    expect(decide(aCase({ cadence: 'weekly' }), p, occ, onTime)).toEqual({ send: true, late: false });
  });

  it('a closed case: not sent', () => {
    expect(decide(aCase({ status: 'closed' }), p, occ, onTime)).toEqual({ send: false, reason: 'closed' });
    expect(decide(aCase({ status: 'closed' }), p, occ, onTime, { snooze: true })).toEqual({ send: false, reason: 'closed' });
  });

  it('paused reminders: not sent, not even a postponed copy', () => {
    expect(decide(aCase(), prefs(1, 8, WIB, true), occ, onTime)).toEqual({ send: false, reason: 'paused' });
    expect(decide(aCase(), prefs(1, 8, WIB, true), occ, onTime, { snooze: true })).toEqual({ send: false, reason: 'paused' });
  });

  it('off-cadence weeks: biweekly in the odd week, monthly after the 7th', () => {
    // opened Monday 6 January 2025 WIB: 17 March is 10 weeks later (on), 24 March 11 (off)
    const biweekly = aCase({ cadence: 'biweekly', createdAt: '2025-01-06T02:00:00.000Z' });
    expect(decide(biweekly, p, occ, onTime)).toEqual({ send: true, late: false });
    const occ24 = ms('2025-03-24T01:00:00Z');
    expect(decide(biweekly, p, occ24, occ24 + 2_000)).toEqual({ send: false, reason: 'not-this-week' });
    const monthly = aCase({ cadence: 'monthly' });
    expect(decide(monthly, p, occ, onTime)).toEqual({ send: false, reason: 'not-this-week' });
    const occ3 = ms('2025-03-03T01:00:00Z');
    expect(decide(monthly, p, occ3, occ3 + 2_000)).toEqual({ send: true, late: false });
  });

  it('the monthly 7th and 8th are local days (WIT 1 December is 30 November UTC)', () => {
    const monthly = aCase({ cadence: 'monthly' });
    const dec1Wit = ms('2025-11-30T21:00:00Z'); // Monday 1 December 06.00 WIT
    expect(decide(monthly, prefs(1, 6, WIT), dec1Wit, dec1Wit + 1_000)).toEqual({ send: true, late: false });
  });

  it('a note saved within the interval before the occurrence suppresses it; an older one does not', () => {
    // weekly: the window opens Monday 10 March 08.00 WIB (01.00 UTC)
    expect(decide(aCase({ lastNoteAt: '2025-03-12T05:00:00.000Z' }), p, occ, onTime)).toEqual({ send: false, reason: 'noted' });
    expect(decide(aCase({ lastNoteAt: '2025-03-10T01:00:00.001Z' }), p, occ, onTime)).toEqual({ send: false, reason: 'noted' });
    expect(decide(aCase({ lastNoteAt: '2025-03-10T01:00:00.000Z' }), p, occ, onTime)).toEqual({ send: true, late: false });
    expect(decide(aCase({ lastNoteAt: '2025-03-09T10:00:00.000Z' }), p, occ, onTime)).toEqual({ send: true, late: false });
    // biweekly looks two weeks back, monthly one month
    const biweekly = aCase({ cadence: 'biweekly', createdAt: '2025-01-06T02:00:00.000Z', lastNoteAt: '2025-03-05T05:00:00.000Z' });
    expect(decide(biweekly, p, occ, onTime)).toEqual({ send: false, reason: 'noted' });
    const occ3 = ms('2025-03-03T01:00:00Z');
    expect(decide(aCase({ cadence: 'monthly', lastNoteAt: '2025-02-04T05:00:00.000Z' }), p, occ3, occ3 + 1)).toEqual({ send: false, reason: 'noted' });
    expect(decide(aCase({ cadence: 'monthly', lastNoteAt: '2025-02-02T05:00:00.000Z' }), p, occ3, occ3 + 1)).toEqual({ send: true, late: false });
  });

  it('a note saved after the occurrence, before a late send, suppresses it too', () => {
    const c = aCase({ lastNoteAt: '2025-03-17T02:30:00.000Z' }); // 09.30 WIB, after the 08.00 reminder was due
    expect(decide(c, p, occ, ms('2025-03-17T04:00:00Z'))).toEqual({ send: false, reason: 'noted' });
  });

  it('a skipped occurrence is not sent; other occurrences still are', () => {
    const c = aCase({ monitoring: { cadence: 'weekly', skipped: [{ occurrence: occ, reason: 'klien sakit', at: '2025-03-17T01:05:00.000Z' }] } });
    expect(decide(c, p, occ, onTime)).toEqual({ send: false, reason: 'skipped' });
    const occ24 = ms('2025-03-24T01:00:00Z');
    expect(decide(c, p, occ24, occ24 + 2_000)).toEqual({ send: true, late: false });
  });

  it('late: more than 10 minutes after the occurrence', () => {
    expect(LATE_AFTER_MS).toBe(10 * MIN);
    expect(decide(aCase(), p, occ, occ + 9 * MIN)).toEqual({ send: true, late: false });
    expect(decide(aCase(), p, occ, occ + 10 * MIN)).toEqual({ send: true, late: false });
    expect(decide(aCase(), p, occ, occ + 10 * MIN + 1)).toEqual({ send: true, late: true });
    expect(decide(aCase(), p, occ, occ + 3 * DAY)).toEqual({ send: true, late: true });
  });

  it('older than one interval: dropped as too old', () => {
    expect(decide(aCase(), p, occ, occ + WEEK)).toEqual({ send: true, late: true });
    expect(decide(aCase(), p, occ, occ + WEEK + 1)).toEqual({ send: false, reason: 'too-old' });
    const biweekly = aCase({ cadence: 'biweekly', createdAt: '2025-01-06T02:00:00.000Z' });
    expect(decide(biweekly, p, occ, occ + 2 * WEEK - 1)).toEqual({ send: true, late: true });
    expect(decide(biweekly, p, occ, occ + 2 * WEEK + 1)).toEqual({ send: false, reason: 'too-old' });
    // monthly: one calendar month (3 March → 3 April)
    const occ3 = ms('2025-03-03T01:00:00Z');
    const monthly = aCase({ cadence: 'monthly' });
    expect(decide(monthly, p, occ3, ms('2025-04-03T01:00:00Z'))).toEqual({ send: true, late: true });
    expect(decide(monthly, p, occ3, ms('2025-04-03T01:00:00.001Z'))).toEqual({ send: false, reason: 'too-old' });
  });

  it('the postponed copy ignores the cadence, but not a note, a closed case or a pause', () => {
    // "Tunda 1 hari" on the biweekly reminder of 17 March: the copy is for Tuesday the 18th, and for a
    // monthly case the copy of Monday 7 April is Tuesday the 8th (past the 7th)
    const biweekly = aCase({ cadence: 'biweekly', createdAt: '2025-01-06T02:00:00.000Z' });
    const copy = occ + DAY;
    expect(decide(biweekly, p, copy, copy + 1_000, { snooze: true })).toEqual({ send: true, late: false });
    const occ24 = ms('2025-03-24T01:00:00Z');
    expect(decide(biweekly, p, occ24, occ24 + 1_000, { snooze: true })).toEqual({ send: true, late: false });
    const apr8 = ms('2025-04-08T01:00:00Z');
    const monthly = aCase({ cadence: 'monthly' });
    expect(decide(monthly, p, apr8, apr8 + 1_000)).toEqual({ send: false, reason: 'not-this-week' });
    expect(decide(monthly, p, apr8, apr8 + 1_000, { snooze: true })).toEqual({ send: true, late: false });
    // a note written after the original reminder still suppresses the copy
    expect(decide({ ...biweekly, lastNoteAt: '2025-03-17T03:00:00.000Z' }, p, copy, copy + 1_000, { snooze: true })).toEqual({ send: false, reason: 'noted' });
  });

  it('a case opened within the interval counts as fresh (no reminder), except when firing every second', () => {
    const fresh = aCase({ createdAt: '2025-03-14T03:00:00.000Z' }); // Friday before the Monday reminder
    expect(decide(fresh, p, occ, onTime)).toEqual({ send: false, reason: 'noted' });
    expect(decide(fresh, p, occ, onTime, { everyMs: 1_000 })).toEqual({ send: true, late: false });
    const occ24 = ms('2025-03-24T01:00:00Z');
    expect(decide(fresh, p, occ24, occ24 + 1_000)).toEqual({ send: true, late: false });
    // opened exactly at the start of the window: not within it
    expect(decide(aCase({ createdAt: '2025-03-10T01:00:00.000Z' }), p, occ, onTime)).toEqual({ send: true, late: false });
  });

  it('a skip covers its whole week (or month), whatever minute the reminder moves to', () => {
    const skipped = [{ occurrence: occ, at: '2025-03-17T01:05:00.000Z' }];
    const weekly = aCase({ monitoring: { cadence: 'weekly', skipped } });
    // the worker moved the reminder to Wednesday 14.00 of the same week
    const wed = ms('2025-03-19T07:00:00Z');
    expect(decide(weekly, prefs(3, 14, WIB), wed, wed + 1_000)).toEqual({ send: false, reason: 'skipped' });
    const nextWed = wed + WEEK;
    expect(decide(weekly, prefs(3, 14, WIB), nextWed, nextWed + 1_000)).toEqual({ send: true, late: false });
    // monthly: the skip of Monday 3 March covers Tuesday 4 March
    const monthly = aCase({ monitoring: { cadence: 'monthly', skipped: [{ occurrence: ms('2025-03-03T01:00:00Z'), at: '2025-03-03T02:00:00.000Z' }] } });
    const tue4 = ms('2025-03-04T01:00:00Z');
    expect(decide(monthly, prefs(2, 8, WIB), tue4, tue4 + 1_000)).toEqual({ send: false, reason: 'skipped' });
    const apr1 = ms('2025-04-01T01:00:00Z');
    expect(decide(monthly, prefs(2, 8, WIB), apr1, apr1 + 1_000)).toEqual({ send: true, late: false });
    // firing every second, a skip is of that occurrence only
    expect(decide(weekly, p, occ + 1_000, occ + 2_000, { everyMs: 1_000 })).toEqual({ send: true, late: false });
    expect(decide(weekly, p, occ, occ + 2_000, { everyMs: 1_000 })).toEqual({ send: false, reason: 'skipped' });
  });
});


describe('periodOf and previousSlot', () => {
  it('a weekly or biweekly reminder belongs to its local ISO week; a monthly one to its local month', () => {
    expect(periodOf('weekly', ms('2025-03-17T01:00:00Z'), WIB)).toBe('2025-W12');
    expect(periodOf('biweekly', ms('2025-03-17T01:00:00Z'), WIB)).toBe('2025-W12');
    // 15.30 UTC Sunday 16 March: Monday 00.30 WIT (week 12), Sunday 22.30 WIB (week 11)
    expect(periodOf('weekly', ms('2025-03-16T15:30:00Z'), WIT)).toBe('2025-W12');
    expect(periodOf('weekly', ms('2025-03-16T15:30:00Z'), WIB)).toBe('2025-W11');
    // the ISO week-year: Monday 29 December 2025 is in 2026's week 1, Sunday the 28th in 2025's week 52
    expect(periodOf('weekly', ms('2025-12-29T01:00:00Z'), WIB)).toBe('2026-W01');
    expect(periodOf('weekly', ms('2025-12-28T16:30:00Z'), WIB)).toBe('2025-W52');
    // 15.30 UTC on 30 November: 00.30 on 1 December in WIT, still 22.30 on 30 November in WIB
    expect(periodOf('monthly', ms('2025-11-30T15:30:00Z'), WIT)).toBe('2025-12');
    expect(periodOf('monthly', ms('2025-11-30T15:30:00Z'), WIB)).toBe('2025-11');
    // tests firing every second: each occurrence its own period
    expect(periodOf('weekly', 1_000, WIB, 1_000)).toBe('t1000');
  });

  it('previousSlot: the latest weekday-and-hour at or before the time', () => {
    const p = prefs(1, 8, WIB);
    expect(previousSlot(p, local('2025-03-19T10:00', WIB)).toISO()).toBe('2025-03-17T08:00:00.000+07:00');
    expect(previousSlot(p, local('2025-03-17T08:00', WIB)).toISO()).toBe('2025-03-17T08:00:00.000+07:00');
    expect(previousSlot(p, local('2025-03-17T07:59', WIB)).toISO()).toBe('2025-03-10T08:00:00.000+07:00');
    // Sunday 20.00 WIT, asked on a Monday (from UTC) and on the Sunday before the hour
    expect(previousSlot(prefs(7, 20, WIT), DateTime.fromISO('2025-03-17T03:00:00Z')).toISO()).toBe('2025-03-16T20:00:00.000+09:00');
    expect(previousSlot(prefs(7, 20, WIT), local('2025-03-16T19:00', WIT)).toISO()).toBe('2025-03-09T20:00:00.000+09:00');
    // across a year end and a leap day
    expect(previousSlot(prefs(3, 8, WITA), local('2026-01-02T08:00', WITA)).toISO()).toBe('2025-12-31T08:00:00.000+08:00');
    expect(previousSlot(prefs(2, 9, WITA), local('2028-03-06T12:00', WITA)).toISO()).toBe('2028-02-29T09:00:00.000+08:00');
  });
});

describe('daysSinceHeldContact', () => {
  const now = ms('2025-03-17T01:00:00Z'); // Monday 08.00 WIB

  it('none without a note', () => {
    expect(daysSinceHeldContact(aCase(), now, WIB)).toBeUndefined();
  });

  it('counts whole local days in the worker\'s zone', () => {
    // 00.30 WIB on the 17th (17.30 UTC on the 16th): today in WIB, yesterday in UTC
    const c = aCase({ lastNoteAt: '2025-03-16T17:30:00.000Z' });
    expect(daysSinceHeldContact(c, now, WIB)).toBe(0);
    expect(daysSinceHeldContact(c, now, 'UTC')).toBe(1);
    expect(daysSinceHeldContact(aCase({ lastNoteAt: '2025-03-10T16:59:00.000Z' }), now, WIB)).toBe(7); // 23.59 WIB on the 10th
    expect(daysSinceHeldContact(aCase({ lastNoteAt: '2025-03-10T16:59:00.000Z' }), now, WIT)).toBe(6); // 01.59 WIT on the 11th
    // across a leap day
    expect(daysSinceHeldContact(aCase({ lastNoteAt: '2028-02-28T03:00:00.000Z' }), ms('2028-03-01T03:00:00Z'), WITA)).toBe(2);
  });
});

describe('overdue is about held contact (src/cases/contact.ts)', () => {
  const p = prefs(1, 8, WIB);
  const occ = ms('2025-03-17T01:00:00Z'); // Monday 08.00 WIB
  const notHeld = (over: Partial<NonNullable<CaseRecord['lastNote']>> = {}) => ({ noteId: 'n2', date: '2025-03-14', stageId: 'penyadaran_masalah', held: false, ...over });

  it('a "Tidak jadi" note this week does not stop the reminder; the held contact before it is the clock', () => {
    // the last note (Friday) says the session did not take place; the last held one was three weeks ago
    const c = aCase({ lastNoteAt: '2025-03-14T05:00:00.000Z', lastHeldAt: '2025-02-24T05:00:00.000Z', missedInRow: 1, lastNote: notHeld() });
    expect(decide(c, p, occ, occ + 1)).toEqual({ send: true, late: false });
    expect(daysSinceHeldContact(c, occ, WIB)).toBe(21);
    // held this week: quiet
    expect(decide({ ...c, lastHeldAt: '2025-03-14T05:00:00.000Z' }, p, occ, occ + 1)).toEqual({ send: false, reason: 'noted' });
  });

  it('a case recorded before lastHeldAt counts its last note only when it was held', () => {
    expect(lastHeldContact(aCase({ lastNoteAt: '2025-03-14T05:00:00.000Z', lastNote: notHeld({ held: true }) }))).toBe('2025-03-14T05:00:00.000Z');
    expect(lastHeldContact(aCase({ lastNoteAt: '2025-03-14T05:00:00.000Z', lastNote: notHeld() }))).toBeUndefined();
    expect(decide(aCase({ lastNoteAt: '2025-03-14T05:00:00.000Z', lastNote: notHeld() }), p, occ, occ + 1)).toEqual({ send: true, late: false });
  });

  it('counts misses in a row, and a held session resets them', () => {
    let c = aCase({ lastHeldAt: '2025-03-01T05:00:00.000Z' });
    c = { ...c, ...afterSession(c, false, '2025-03-07T05:00:00.000Z') };
    expect(c).toMatchObject({ lastHeldAt: '2025-03-01T05:00:00.000Z', missedInRow: 1 });
    expect(contactFlags(c, occ, WIB)).toEqual({});
    c = { ...c, ...afterSession(c, false, '2025-03-14T05:00:00.000Z') };
    expect(contactFlags(c, occ, WIB)).toEqual({ missedInRow: 2 });
    c = { ...c, ...afterSession(c, true, '2025-03-15T05:00:00.000Z') };
    expect(c).toMatchObject({ lastHeldAt: '2025-03-15T05:00:00.000Z', missedInRow: 0 });
    expect(contactFlags(c, occ, WIB)).toEqual({});
  });

  it('a planned next meeting that passed with no note since is flagged, from the day after it (in the worker’s zone); not for a closed case', () => {
    const c = aCase({ lastNote: notHeld({ held: true, nextMeeting: '2025-03-16' }) });
    expect(contactFlags(c, ms('2025-03-16T16:59:00Z'), WIB)).toEqual({}); // 23.59 WIB on the 16th: still the day
    expect(contactFlags(c, ms('2025-03-16T17:00:00Z'), WIB)).toEqual({ meetingPassed: '2025-03-16' });
    expect(contactFlags({ ...c, status: 'closed' }, occ, WIB)).toEqual({});
  });
});
