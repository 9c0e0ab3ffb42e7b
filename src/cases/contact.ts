// When was the client last actually seen? "Overdue" is about held contact, not about notes: a note
// that says the session did not take place ("Tidak jadi") is recorded, but it does not reset the
// clock — a parolee who stops reporting must show as overdue. The reminders (schedule.ts) and the
// supervisor's digest (src/org/digest.ts) both take the rule from here.
import { DateTime } from 'luxon';
import { lastHeldContact, type CaseRecord } from '../store/records.ts';
import { formatDate } from '../engine/dates.ts';

/** This many "Tidak jadi" notes in a row are flagged to the supervisor. */
export const MISSED_IN_ROW_FLAG = 2;

// (when the last held session was: beside the record, src/store/records.ts, so the caseload index
// below this layer counts by the same rule)
export { lastHeldContact };

/** Whole days since the last held contact, in the worker's zone; undefined when there was none. */
export function daysSinceHeldContact(c: CaseRecord, nowMs: number, zone: string): number | undefined {
  const last = lastHeldContact(c);
  if (!last) return undefined;
  const day = DateTime.fromISO(last).setZone(zone).startOf('day');
  const today = DateTime.fromMillis(nowMs, { zone }).startOf('day');
  return Math.round(today.diff(day, 'days').days);
}

/** What a supervisor should look at in an active case, besides the cadence. */
export interface ContactFlags {
  /** consecutive notes saying the session did not take place (flagged from MISSED_IN_ROW_FLAG) */
  missedInRow?: number;
  /** the next meeting the last note planned (ISO date), now past with no note since */
  meetingPassed?: string;
}

export function contactFlags(c: CaseRecord, nowMs: number, zone: string): ContactFlags {
  if (c.status !== 'active') return {};
  const today = DateTime.fromMillis(nowMs, { zone }).toISODate()!;
  const missed = c.missedInRow ?? 0;
  const meeting = c.lastNote?.nextMeeting;
  return {
    ...(missed >= MISSED_IN_ROW_FLAG ? { missedInRow: missed } : {}),
    // the last note is the newest: a planned day before today with no note since has passed
    ...(meeting && meeting < today ? { meetingPassed: meeting } : {}),
  };
}

/** The flags in words, as the reminder, the digest and the case card show them ("2× berturut-turut tidak jadi"). */
export function contactFlagWords(f: ContactFlags, t: (key: string, vars?: Record<string, string | number>) => string, lang: 'id' | 'en'): string[] {
  return [
    ...(f.missedInRow ? [t('contact-missed-in-row', { count: f.missedInRow })] : []),
    ...(f.meetingPassed ? [t('contact-meeting-passed', { date: formatDate(f.meetingPassed, lang) })] : []),
  ];
}

export function flagged(f: ContactFlags): boolean {
  return f.missedInRow !== undefined || f.meetingPassed !== undefined;
}

/**
 * The case after a note was saved: a held session sets the clock to when it was held (`heldAt`: the
 * session's date; a note written days later does not make the contact recent), never back (a late
 * note of an older session); one that was not held counts a miss.
 */
export function afterSession(c: CaseRecord, held: boolean, heldAt: string): Pick<CaseRecord, 'lastHeldAt' | 'missedInRow'> {
  if (held) {
    const before = lastHeldContact(c);
    return { lastHeldAt: before && Date.parse(before) > Date.parse(heldAt) ? before : heldAt, missedInRow: 0 };
  }
  const lastHeldAt = lastHeldContact(c);
  return { ...(lastHeldAt ? { lastHeldAt } : {}), missedInRow: (c.missedInRow ?? 0) + 1 };
}
