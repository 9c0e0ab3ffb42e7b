// The user's local "today" and "now", through luxon, in their timezone (WIB by default).
import { DateTime } from 'luxon';
import type { Env } from '../engine/types.ts';
import type { BotContext } from './context.ts';

/** The zone the worker chose with /pengingat (WIB, WITA, WIT), else the default. */
export function userZone(ctx: BotContext): string {
  return ctx.session.reminders?.zone ?? ctx.deps.defaultTimezone;
}

export function engineEnv(ctx: BotContext): Env {
  return { today: DateTime.fromJSDate(ctx.deps.clock.now()).setZone(userZone(ctx)).toISODate()! };
}

export function nowIso(ctx: BotContext): string {
  return ctx.deps.clock.now().toISOString();
}

/** The user's local calendar day of a stored instant, as an ISO date. */
export function localDay(ctx: BotContext, instant: string): string {
  return DateTime.fromISO(instant).setZone(userZone(ctx)).toISODate()!;
}
