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

/** The calendar day (ISO) an instant falls on in a zone. */
export function isoDayIn(zone: string, ms: number): string {
  return new Date(ms + offsetMs(zone, ms)).toISOString().slice(0, 10);
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
