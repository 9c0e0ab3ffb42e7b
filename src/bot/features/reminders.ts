// /pengingat: when monitoring reminders come (weekday, hour, WIB/WITA/WIT), each case's cadence,
// pause and resume; and the buttons under a reminder: postpone a day, skip this week (with why).
import { Composer, InlineKeyboard } from 'grammy';
import { caseCode, caseLabel, clientLabel, sharesClientLabel } from '../../cases/labels.ts';
import type { Cadence } from '../../engine/types.ts';
import { monitoringOf, prefsOf, nextOccurrence, ZONES, type ReminderPrefs, type ZoneName } from '../../cases/schedule.ts';
import type { CaseRecord } from '../../store/records.ts';
import { DateTime } from 'luxon';
import { encode } from '../../telegram/callback-data.ts';
import type { BotContext } from '../context.ts';
import { Buttons } from '../buttons.ts';
import { ack } from '../actions.ts';
import { lang } from '../lang.ts';
import { escapeHtml } from '../../telegram/format.ts';
import { nowIso } from '../time.ts';
import { activeOwnCase, ownCase, sortedCases } from './case-picker.ts';
import { dropButtons, editOrSend } from '../edits.ts';
import { awaitText, type AsideHandler } from '../asides.ts';

/** A skipped week's reason: a line or two. */
const SKIP_REASON_MAX = 300;

export const reminders = new Composer<BotContext>();
export const remindersButtons = new Buttons();

const CADENCES: Cadence[] = ['weekly', 'biweekly', 'monthly'];
/** How many skip reasons a case keeps. */
const KEEP_SKIPS = 20;

export function prefs(ctx: BotContext): ReminderPrefs {
  return prefsOf(ctx.session.reminders, ctx.deps.defaultTimezone);
}

function zoneName(zone: string): string {
  const entry = Object.entries(ZONES).find(([, z]) => z === zone);
  return entry ? entry[0].toUpperCase() : zone;
}

/** Changes the settings; false when they already were so. */
function setPrefs(ctx: BotContext, change: Partial<ReminderPrefs>): boolean {
  const before = prefs(ctx);
  const after = { ...before, ...change };
  if (JSON.stringify(after) === JSON.stringify(before)) return false;
  ctx.session.reminders = after;
  ctx.uow.scheduleChanged = true;
  return true;
}

/**
 * After a setting's button: the settings, unless the press changed nothing. A button that sets what
 * is already set is a second tap of one whose first tap set it and already showed the settings
 * there (a picker's button of the value already chosen goes back to the settings instead, and the
 * pause button always offers the other state). The second tap's message is the one Telegram had
 * when it was tapped, before the first tap's edit: the same screen again would be refused as "not
 * modified", and no comparison with that message could tell.
 */
async function settingChanged(ctx: BotContext, change: Partial<ReminderPrefs>): Promise<void> {
  if (setPrefs(ctx, change)) await showSettings(ctx, true);
}

/** Takes this case's buttons off a reminder message; the other cases' buttons stay. */
async function dropCaseButtons(ctx: BotContext, caseId: string): Promise<void> {
  const kb = ctx.callbackQuery?.message?.reply_markup?.inline_keyboard ?? [];
  const rows = kb
    .map((row) => row.filter((b) => !('callback_data' in b && b.callback_data.split(':')[1] === caseId)))
    .filter((row) => row.length > 0);
  await dropButtons(ctx, { inline_keyboard: rows });
}

async function showSettings(ctx: BotContext, edit: boolean): Promise<void> {
  const p = prefs(ctx);
  const l = lang(ctx);
  const active = sortedCases(ctx, { activeOnly: true });
  const next = active
    .map((c) => nextOccurrence(p, monitoringOf(c).cadence, DateTime.fromISO(c.createdAt), DateTime.fromJSDate(ctx.deps.clock.now())))
    .sort((a, b) => a.toMillis() - b.toMillis())[0];
  const text = ctx.t(p.paused ? 'reminders-paused' : 'reminders-settings', {
    day: ctx.t(`weekday-${p.weekday}`),
    hour: `${String(p.hour).padStart(2, '0')}.00`,
    zone: zoneName(p.zone),
    cases: active.length,
    next: next ? next.setLocale(l).toFormat('cccc d LLLL, HH.mm') : '—',
  });
  const kb = new InlineKeyboard()
    .text(ctx.t('btn-rem-day'), encode({ kind: 'rem-menu', item: 'day' }))
    .text(ctx.t('btn-rem-hour'), encode({ kind: 'rem-menu', item: 'hour' }))
    .text(ctx.t('btn-rem-zone'), encode({ kind: 'rem-menu', item: 'zone' }))
    .row()
    .text(ctx.t('btn-rem-cases'), encode({ kind: 'rem-menu', item: 'cases' }))
    .text(p.paused ? ctx.t('btn-rem-resume') : ctx.t('btn-rem-pause'), encode({ kind: 'rem-pause', paused: !p.paused }));
  if (edit) await editOrSend(ctx, text, { parse_mode: 'HTML', reply_markup: kb });
  else await ctx.reply(text, { parse_mode: 'HTML', reply_markup: kb });
}

reminders.command(['pengingat', 'reminders'], (ctx) => showSettings(ctx, false));

remindersButtons.on('rem-menu', async (ctx, a) => {
  ack(ctx);
  const back = { text: ctx.t('btn-back'), data: encode({ kind: 'rem-menu', item: 'home' }) };
  const kb = new InlineKeyboard();
  if (a.item === 'home') return showSettings(ctx, true);
  const p = prefs(ctx);
  // the value already chosen changes nothing: its button goes back to the settings
  const choice = (chosen: boolean, data: string) => (chosen ? back.data : data);
  if (a.item === 'day') {
    for (let d = 1; d <= 7; d++) {
      kb.text(ctx.t(`weekday-${d}`), choice(d === p.weekday, encode({ kind: 'rem-day', weekday: d })));
      if (d % 3 === 0) kb.row();
    }
  } else if (a.item === 'hour') {
    for (let h = 6; h <= 20; h++) {
      kb.text(`${String(h).padStart(2, '0')}.00`, choice(h === p.hour, encode({ kind: 'rem-hour', hour: h })));
      if ((h - 6) % 5 === 4) kb.row();
    }
  } else if (a.item === 'zone') {
    for (const z of Object.keys(ZONES) as ZoneName[]) kb.text(z.toUpperCase(), choice(ZONES[z] === p.zone, encode({ kind: 'rem-zone', zone: z })));
  } else {
    const l = lang(ctx);
    const list = sortedCases(ctx, { activeOnly: true });
    if (list.length === 0) {
      await ctx.reply(ctx.t('no-cases'));
      return;
    }
    // every line names its case with its code, as the reminders do; a button names it by the code
    // only where two cases are "Si (42)" (beside the initials it would not fit 24 characters)
    const lines = list.map((c) => `• ${escapeHtml(caseLabel(c, ctx.deps.catalog.get(c.flowId), l, true))}: ${ctx.t(`cadence-${monitoringOf(c).cadence}`)}`);
    for (const c of list) {
      const current = monitoringOf(c).cadence;
      const next = CADENCES[(CADENCES.indexOf(current) + 1) % CADENCES.length]!;
      const name = sharesClientLabel(c, list) ? caseCode(c.id) : clientLabel(c);
      kb.text(`${name} → ${ctx.t(`cadence-${next}`)}`, encode({ kind: 'rem-cadence', caseId: c.id, cadence: next })).row();
    }
    kb.text(back.text, back.data);
    await editOrSend(ctx, `${ctx.t('reminders-cadences')}\n${lines.join('\n')}`, { parse_mode: 'HTML', reply_markup: kb });
    return;
  }
  kb.row().text(back.text, back.data);
  await editOrSend(ctx, ctx.t(`reminders-pick-${a.item}`), { reply_markup: kb });
});

remindersButtons.on('rem-day', async (ctx, a) => {
  ack(ctx);
  await settingChanged(ctx, { weekday: a.weekday });
});

remindersButtons.on('rem-hour', async (ctx, a) => {
  ack(ctx);
  await settingChanged(ctx, { hour: a.hour });
});

remindersButtons.on('rem-zone', async (ctx, a) => {
  ack(ctx);
  await settingChanged(ctx, { zone: ZONES[a.zone] });
});

remindersButtons.on('rem-pause', async (ctx, a) => {
  ack(ctx);
  await settingChanged(ctx, { paused: a.paused });
});

remindersButtons.on('rem-cadence', async (ctx, a) => {
  const c = await ownCase(ctx, a.caseId);
  if (!c) return;
  ack(ctx);
  // the scheduler fires weekly whatever the cadence; the cadence decides at send time, so no sync
  ctx.uow.putCase({ ...c, monitoring: { ...monitoringOf(c), cadence: a.cadence }, updatedAt: nowIso(ctx) });
  await ctx.reply(ctx.t('reminders-cadence-set', { client: clientLabel(c), cadence: ctx.t(`cadence-${a.cadence}`) }));
});

remindersButtons.on('reminder-snooze', async (ctx, a) => {
  const c = await activeOwnCase(ctx, a.caseId);
  if (!c) return;
  // the postponed reminder is queued once this press is written (nothing for a press that failed)
  const reminders = ctx.deps.reminders;
  const userId = ctx.uow.userId;
  const pressedAt = ctx.deps.clock.now().getTime();
  if (reminders) ctx.uow.afterCommit.push(() => reminders.snooze(userId, c.id, a.occurrence, pressedAt));
  else ctx.log.warn('no reminder queues in this process: snooze not queued');
  await dropCaseButtons(ctx, c.id);
  await ctx.reply(ctx.t('reminder-snoozed', { client: clientLabel(c) }));
});

remindersButtons.on('reminder-skip', async (ctx, a) => {
  const c = await ownCase(ctx, a.caseId);
  if (!c) return;
  ack(ctx);
  await dropCaseButtons(ctx, c.id);
  recordSkip(ctx, c, a.occurrence);
  awaitText(ctx, { kind: 'skip-reason', caseId: c.id, occurrence: a.occurrence });
  await ctx.reply(ctx.t('reminder-skip-why', { client: clientLabel(c) }));
});

function recordSkip(ctx: BotContext, c: CaseRecord, occurrence: number, reason?: string): void {
  const m = monitoringOf(c);
  const others = (m.skipped ?? []).filter((s) => s.occurrence !== occurrence);
  const entry = { occurrence, at: nowIso(ctx), ...(reason ? { reason } : {}) };
  ctx.uow.putCase({ ...c, monitoring: { ...m, skipped: [...others, entry].slice(-KEEP_SKIPS) }, updatedAt: nowIso(ctx) });
}

/** The reason for a skipped week, typed after "Lewati minggu ini" (src/bot/asides.ts). */
export const skipReasonAside: AsideHandler<'skip-reason'> = {
  max: SKIP_REASON_MAX,
  answer: async (ctx, wait, text) => {
    const c = ctx.uow.cases[wait.caseId];
    if (!c) return; // the case was deleted meanwhile: the skip went with it
    recordSkip(ctx, c, wait.occurrence, text);
    await ctx.reply(ctx.t('reminder-skip-noted', { client: clientLabel(c) }));
  },
};
