// Dates as a report prints them: "Senin, 23 November 2026" / "Monday, 23 November 2026".
import { DateTime } from 'luxon';
import type { Lang } from '../cases/labels.ts';

/** An ISO day ("2026-11-23") with its weekday, in the reader's language. */
export function longDate(isoDay: string, lang: Lang): string {
  const d = DateTime.fromISO(isoDay, { zone: 'UTC' });
  return d.isValid ? d.setLocale(lang === 'en' ? 'en-GB' : 'id').toFormat('cccc, d LLLL yyyy') : isoDay;
}

/** "23/11" — a short day for chart axes. */
export function shortDate(isoDay: string): string {
  const d = DateTime.fromISO(isoDay, { zone: 'UTC' });
  return d.isValid ? d.toFormat('d/M') : isoDay;
}

/** The local ISO day of a stored instant in `zone`. */
export function dayIn(instant: string, zone: string): string {
  const d = DateTime.fromISO(instant, { zone });
  return d.isValid ? d.toISODate()! : instant.slice(0, 10);
}
