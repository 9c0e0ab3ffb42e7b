// A report's period: this month, last month, or a range the user typed ("1/10 - 15/11",
// "1 Oktober - 15 November"), as inclusive local ISO days. Pure: "today" comes from the caller.
import { DateTime } from 'luxon';
import { parseDate } from '../engine/dates.ts';
import type { Lang } from '../cases/labels.ts';
import type { CaseRecord } from '../store/records.ts';
import { dayIn } from './dates.ts';
import { rangeOf } from './notes-table.ts';

export interface Period {
  /** local ISO days, both included */
  from: string;
  to: string;
}

/** A year and a day: a yearly report fits, a typo of the year ("1/10/2016") does not. */
export const MAX_PERIOD_DAYS = 366;

/** The longest range read across the new year when its start has no year of its own. */
const WRAP_DAYS = 183;

/** Days in a range, both ends included. */
const days = (from: string, to: string) => DateTime.fromISO(to).diff(DateTime.fromISO(from), 'days').days + 1;

export type PeriodError = 'unreadable' | 'order' | 'too-long';

/** This month so far, or the whole of last month, in the user's zone. */
export function monthPeriod(which: 'this' | 'last', now: DateTime): Period {
  const r = rangeOf(which === 'this' ? 'this-month' : 'last-month', now);
  return { from: r.from!, to: r.to };
}

/** The two sides of a typed range: "a - b", "a – b", "a s/d b", "a sampai b", "a to b". */
const SEPARATOR = /\s+(?:-|s\/d|sd|sampai|hingga|to|until)\s+|\s*[–—]\s*/i;

/** The range's two sides: split at a separator, else ("1/10-15/11") at the one bare dash. */
function sidesOf(text: string): string[] {
  const spaced = text.trim().split(SEPARATOR).map((s) => s.trim()).filter(Boolean);
  if (spaced.length !== 1) return spaced;
  return text.trim().split('-').map((s) => s.trim());
}

/** A day typed without its year: the occurrence nearest `near` ("30/11" typed on 23 November is this
 *  November's, "31/12" typed on 2 January last December's). */
function nearest(text: string, near: string): string | undefined {
  const past = parseDate(text, near, 'past');
  const future = parseDate(text, near, 'future');
  if (!past || !future) return past ?? future;
  const gap = (d: string) => Math.abs(DateTime.fromISO(d).diff(DateTime.fromISO(near), 'days').days);
  return gap(future) < gap(past) ? future : past;
}

/** What no period may be, typed or carried by a button: reversed, or longer than MAX_PERIOD_DAYS. */
export function periodProblem(p: Period): { error: PeriodError } | undefined {
  if (p.from > p.to) return { error: 'order' };
  if (days(p.from, p.to) > MAX_PERIOD_DAYS) return { error: 'too-long' };
  return undefined;
}

/**
 * A typed range. The end is read as the occurrence nearest today, the start in the end's year — or,
 * within half a year, the year before (so "1/12 - 15/1" typed in January spans the new year).
 */
export function parsePeriod(text: string, today: string): Period | { error: PeriodError } {
  const parts = sidesOf(text);
  if (parts.length !== 2) return { error: 'unreadable' };
  const to = nearest(parts[1]!, today);
  const sameYear = to ? parseDate(parts[0]!, to, 'any') : undefined;
  if (!sameYear || !to) return { error: 'unreadable' };
  // "1/12 - 15/1" crosses the new year; "15/11 - 1/10" is the wrong way round (not ten months)
  const from = sameYear <= to ? sameYear : parseDate(parts[0]!, to, 'past')!;
  if (sameYear > to && days(from, to) > WRAP_DAYS) return { error: 'order' };
  return periodProblem({ from, to }) ?? { from, to };
}

const MONTH_FORMAT = 'LLLL yyyy';

/** "Oktober 2026" for a whole calendar month, else "1 Oktober 2026 – 15 November 2026". */
export function periodWords(p: Period, lang: Lang): string {
  const locale = lang === 'en' ? 'en-GB' : 'id';
  const from = DateTime.fromISO(p.from, { zone: 'UTC' }).setLocale(locale);
  const to = DateTime.fromISO(p.to, { zone: 'UTC' }).setLocale(locale);
  if (from.day === 1 && to.hasSame(from, 'month') && to.day === to.endOf('month').day) return from.toFormat(MONTH_FORMAT);
  return `${from.toFormat('d LLLL yyyy')} – ${to.toFormat('d LLLL yyyy')}`;
}

/** A month's name for a button: "Oktober", "October". */
export function monthName(p: Period, lang: Lang): string {
  return DateTime.fromISO(p.from, { zone: 'UTC' }).setLocale(lang === 'en' ? 'en-GB' : 'id').toFormat('LLLL');
}

/** Whether a local day lies in the period. */
export function within(day: string, p: Period): boolean {
  return day >= p.from && day <= p.to;
}

/** A case in the worker's care at some time in the period: opened by its end, and not ended before
 *  its start (a reopened case is active again). */
export function inCareDuring(c: Pick<CaseRecord, 'createdAt' | 'status' | 'closure' | 'updatedAt'>, p: Period, zone: string): boolean {
  if (dayIn(c.createdAt, zone) > p.to) return false;
  if (c.status === 'active') return true;
  return dayIn(c.closure?.at ?? c.updatedAt, zone) >= p.from;
}
