// Monitoring reminder math, pure (the clock comes in as an argument). luxon does every date step in
// the worker's zone — WIB, WITA, WIT — never hand-rolled offsets.
//
// Every case's job scheduler fires weekly at the worker's chosen weekday and hour (a cron pattern
// with `tz`); whether a given weekly occurrence is due for the case depends on its cadence:
// weekly — every one; every 2 weeks — every other week counted from the case's first week;
// monthly — the first such weekday of each month.
import { DateTime } from 'luxon';
import type { Cadence } from '../engine/types.ts';
import type { CaseMonitoring, CaseRecord } from '../store/records.ts';
import type { ReminderPrefs } from '../store/session.ts';
import { lastHeldContact } from './contact.ts';
export type { ReminderPrefs };

export const ZONES = { wib: 'Asia/Jakarta', wita: 'Asia/Makassar', wit: 'Asia/Jayapura' } as const;

/** WIB / WITA / WIT, else the IANA name. */
export function zoneLabel(zone: string): string {
  const entry = Object.entries(ZONES).find(([, z]) => z === zone);
  return entry ? entry[0].toUpperCase() : zone;
}
export type ZoneName = keyof typeof ZONES;

export const DEFAULT_PREFS: Omit<ReminderPrefs, 'zone'> = { weekday: 1, hour: 8, paused: false };

/** The worker's saved settings (/pengingat), or Monday 08:00 in the default zone. */
export function prefsOf(saved: ReminderPrefs | undefined, defaultZone: string): ReminderPrefs {
  return saved ?? { ...DEFAULT_PREFS, zone: defaultZone };
}

/** `0 8 * * 1`: minute, hour, day of month, month, day of week (cron's Sunday is 0). */
export function cronPattern(p: Pick<ReminderPrefs, 'weekday' | 'hour'>): string {
  return `0 ${p.hour} * * ${p.weekday % 7}`;
}

/** How far a reminder looks back for a note, and how late it may still be sent. */
export function intervalBefore(cadence: Cadence, at: DateTime): DateTime {
  switch (cadence) {
    case 'weekly': return at.minus({ weeks: 1 });
    case 'biweekly': return at.minus({ weeks: 2 });
    case 'monthly': return at.minus({ months: 1 });
  }
}

/** Is this weekly occurrence (local time) one the case's cadence wants? */
export function cadenceWants(cadence: Cadence, occurrence: DateTime, anchor: DateTime): boolean {
  if (cadence === 'weekly') return true;
  if (cadence === 'monthly') return occurrence.day <= 7;
  const weeks = Math.round(occurrence.startOf('week').diff(anchor.setZone(occurrence.zone).startOf('week'), 'weeks').weeks);
  return weeks % 2 === 0;
}

/** The next time the worker will be reminded of this case, strictly after `from`. */
export function nextOccurrence(prefs: ReminderPrefs, cadence: Cadence, anchor: DateTime, from: DateTime): DateTime {
  const local = from.setZone(prefs.zone);
  let at = local.set({ weekday: prefs.weekday as 1, hour: prefs.hour, minute: 0, second: 0, millisecond: 0 });
  if (at <= local) at = at.plus({ weeks: 1 });
  for (let i = 0; i < 60 && !cadenceWants(cadence, at, anchor); i++) at = at.plus({ weeks: 1 });
  return at;
}

/** The latest weekly slot (weekday and hour) at or before `at`: where a long-late job catches up to. */
export function previousSlot(prefs: ReminderPrefs, at: DateTime): DateTime {
  const local = at.setZone(prefs.zone);
  let slot = local.set({ weekday: prefs.weekday as 1, hour: prefs.hour, minute: 0, second: 0, millisecond: 0 });
  if (slot > local) slot = slot.minus({ weeks: 1 });
  return slot;
}

/** The latest weekly slot at or before `at` that the cadence wants (a missed reminder to catch up). */
export function latestWanted(prefs: ReminderPrefs, cadence: Cadence, anchor: DateTime, at: DateTime): number {
  let slot = previousSlot(prefs, at);
  for (let i = 0; i < 6 && !cadenceWants(cadence, slot, anchor); i++) slot = slot.minus({ weeks: 1 });
  return slot.toMillis();
}

/**
 * The period a reminder belongs to: its ISO week (weekly, every 2 weeks) or month (monthly), in the
 * worker's zone. Guards and skips key on it, not on the exact minute, so moving the reminder hour or
 * day within a week never sends that week's reminder twice. (`everyMs`: tests firing every second.)
 */
export function periodOf(cadence: Cadence, occurrenceMs: number, zone: string, everyMs?: number): string {
  if (everyMs) return `t${occurrenceMs}`;
  const at = DateTime.fromMillis(occurrenceMs, { zone });
  return cadence === 'monthly' ? at.toFormat('yyyy-LL') : `${at.weekYear}-W${String(at.weekNumber).padStart(2, '0')}`;
}

export type Decision =
  | { send: true; late: boolean }
  | { send: false; reason: 'closed' | 'paused' | 'not-this-week' | 'noted' | 'skipped' | 'too-old' };

/** A reminder sent more than this after its time says it is late. */
export const LATE_AFTER_MS = 10 * 60_000;

/**
 * Whether the reminder of `c` for the occurrence at `occurrenceMs` should go out at `nowMs`.
 * `snooze`: this is the postponed copy, which is sent even off-cadence.
 */
export function decide(
  c: CaseRecord,
  prefs: ReminderPrefs,
  occurrenceMs: number,
  nowMs: number,
  opts: { snooze?: boolean; everyMs?: number } = {},
): Decision {
  if (c.status !== 'active') return { send: false, reason: 'closed' };
  if (prefs.paused) return { send: false, reason: 'paused' };
  const m = monitoringOf(c);
  const occurrence = DateTime.fromMillis(occurrenceMs, { zone: prefs.zone });
  const anchor = DateTime.fromISO(c.createdAt, { zone: prefs.zone });
  if (!opts.snooze && !cadenceWants(m.cadence, occurrence, anchor)) return { send: false, reason: 'not-this-week' };
  const period = periodOf(m.cadence, occurrenceMs, prefs.zone, opts.everyMs);
  if (m.skipped?.some((s) => periodOf(m.cadence, s.occurrence, prefs.zone, opts.everyMs) === period)) return { send: false, reason: 'skipped' };
  // A case opened within the interval counts as fresh: no reminder minutes after it was opened.
  // (Tests firing every second have no such interval.)
  const windowStart = intervalBefore(m.cadence, occurrence);
  // Only a held session counts: a "Tidak jadi" note is no contact (src/cases/contact.ts).
  const lastWork = lastHeldContact(c) ?? (opts.everyMs ? undefined : c.createdAt);
  if (lastWork && DateTime.fromISO(lastWork) > windowStart) return { send: false, reason: 'noted' };
  // Downtime: one late reminder is useful; a burst of old ones is not.
  const now = DateTime.fromMillis(nowMs, { zone: prefs.zone });
  if (intervalBefore(m.cadence, now) > occurrence) return { send: false, reason: 'too-old' };
  return { send: true, late: nowMs - occurrenceMs > LATE_AFTER_MS };
}

export function monitoringOf(c: CaseRecord): CaseMonitoring {
  return c.monitoring ?? { cadence: 'weekly' };
}

