// The user's local "today" and "now", in their timezone (WIB by default). A zone's offset is looked
// up through luxon once per zone and hour (offsets only change on the hour, at a DST switch; WIB,
// WITA and WIT never change): luxon's zone conversion formats the instant through Intl every time,
// which was a few per cent of every answer's CPU.
import { DateTime } from 'luxon';
import type { Env } from '../engine/types.ts';
import type { BotContext } from './context.ts';

const HOUR_MS = 3_600_000;
const offsets = new Map<string, number>();

/** The zone's offset from UTC at this instant, in ms. */
function offsetMs(zone: string, ms: number): number {
  const key = `${zone}@${Math.floor(ms / HOUR_MS)}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    if (offsets.size > 10_000) offsets.clear();
    offset = DateTime.fromMillis(ms, { zone }).offset * 60_000;
    offsets.set(key, offset);
  }
  return offset;
}

/** The last day worked out, per zone: most instants asked about fall within it (every answer asks). */
const lastDay = new Map<string, { from: number; to: number; day: string }>();
const DAY_MS = 86_400_000;

/** The calendar day (ISO) an instant falls on in a zone. */
export function isoDayIn(zone: string, ms: number): string {
  const last = lastDay.get(zone);
  if (last && ms >= last.from && ms < last.to) return last.day;
  const offset = offsetMs(zone, ms);
  const local = ms + offset;
  const day = new Date(local).toISOString().slice(0, 10);
  // the hour this instant is in and the rest of the local day, as far as the offset holds (an hour)
  const from = Math.max(local - (local % DAY_MS) - offset, Math.floor(ms / HOUR_MS) * HOUR_MS);
  const to = Math.min(local - (local % DAY_MS) + DAY_MS - offset, (Math.floor(ms / HOUR_MS) + 1) * HOUR_MS);
  if (lastDay.size > 100) lastDay.clear();
  lastDay.set(zone, { from, to, day });
  return day;
}

/** The zone the worker chose with /pengingat (WIB, WITA, WIT), else the default. */
export function userZone(ctx: BotContext): string {
  return ctx.session.reminders?.zone ?? ctx.deps.defaultTimezone;
}

export function engineEnv(ctx: BotContext): Env {
  return { today: isoDayIn(userZone(ctx), ctx.deps.clock.now().getTime()) };
}

export function nowIso(ctx: BotContext): string {
  return ctx.deps.clock.now().toISOString();
}

/** The user's local calendar day of a stored instant, as an ISO date. */
export function localDay(ctx: BotContext, instant: string): string {
  return isoDayIn(userZone(ctx), Date.parse(instant));
}
