// The user's local "today" and "now", in their timezone (WIB by default), through luxon.
import { DateTime } from 'luxon';
import type { Env } from '../engine/types.ts';
import type { BotContext } from './context.ts';

/** The calendar day (ISO) an instant falls on in a zone. */
function isoDayIn(zone: string, ms: number): string {
  return DateTime.fromMillis(ms, { zone }).toISODate()!;
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
