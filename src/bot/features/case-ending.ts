// Ending a case from its card (or after the last stage's note): a reason, a short note, and the
// case closes — its reminders stop, its supervisors hear of it, and it can be reopened.
import { Composer, InlineKeyboard } from 'grammy';
import { clientLabel } from '../../cases/labels.ts';
import { closedCase, endReasonFits } from '../../cases/closure.ts';
import { END_REASONS, type CaseRecord, type EndReason } from '../../store/records.ts';
import { encode } from '../../telegram/callback-data.ts';
import { reportCaseData } from './institution-form-button.ts';
import type { BotContext } from '../context.ts';
import { Buttons } from '../buttons.ts';
import { ack } from '../actions.ts';
import { escapeHtml } from '../../telegram/format.ts';
import { nowIso } from '../time.ts';
import { firstName } from '../user.ts';
import { activeOwnCase, ownCase } from './case-picker.ts';
import { audit } from './organisation/index.ts';
import { activeSupervisors } from '../../org/access.ts';
import { dropButtons } from '../edits.ts';
import { awaitText, endAside, type AsideHandler } from '../asides.ts';
import { asideOf } from '../../store/session.ts';

export const caseEnding = new Composer<BotContext>();
export const caseEndingButtons = new Buttons();

/** How long the note on an ending may be: a line or two, not a report. */
const END_NOTE_MAX = 500;

caseEndingButtons.on('close-case', async (ctx, a) => {
  const c = await activeOwnCase(ctx, a.caseId);
  if (!c) return;
  const kb = new InlineKeyboard();
  // one reason a row: the labels are long, and a wrong tap here closes a case
  END_REASONS.forEach((r, i) => {
    if (endReasonFits(c, r)) kb.text(ctx.t(`end-reason-${r}`), encode({ kind: 'end-reason', caseId: c.id, reason: i })).row();
  });
  kb.text(ctx.t('btn-end-cancel'), encode({ kind: 'case-card', caseId: c.id }));
  await ctx.reply(ctx.t('end-ask-reason', { client: escapeHtml(clientLabel(c)) }), { parse_mode: 'HTML', reply_markup: kb });
});

caseEndingButtons.on('end-reason', async (ctx, a) => {
  const c = await ownCase(ctx, a.caseId);
  const found = END_REASONS[a.reason];
  const reason = c && found && endReasonFits(c, found) ? found : undefined;
  if (!c || !reason) {
    if (c) ack(ctx, ctx.t('stale-button'));
    return;
  }
  ack(ctx);
  await dropButtons(ctx);
  if (c.status !== 'active') {
    await ctx.reply(ctx.t('case-closed', { client: clientLabel(c) }));
    return;
  }
  awaitText(ctx, { kind: 'end-note', caseId: c.id, reason });
  const kb = new InlineKeyboard().text(ctx.t('btn-end-no-note'), encode({ kind: 'end-now', caseId: c.id }));
  await ctx.reply(ctx.t('end-ask-note', { reason: ctx.t(`end-reason-${reason}`) }), { reply_markup: kb });
});

caseEndingButtons.on('end-now', async (ctx, a) => {
  const w = asideOf(ctx.session);
  const c = await ownCase(ctx, a.caseId);
  if (!c) return;
  if (w?.kind !== 'end-note' || w.caseId !== c.id) {
    ack(ctx, ctx.t('stale-button'));
    return;
  }
  ack(ctx);
  await dropButtons(ctx);
  await endCase(ctx, c, w.reason, undefined);
});

/** The typed note after the reason (src/bot/asides.ts); "end without a note" answers it too. */
export const endNoteAside: AsideHandler<'end-note'> = {
  max: END_NOTE_MAX,
  answer: async (ctx, wait, text) => {
    const c = ctx.uow.cases[wait.caseId];
    if (!c) {
      await ctx.reply(ctx.t('activity-gone'));
      return;
    }
    await endCase(ctx, c, wait.reason, text);
  },
  belongs: (wait, action) => action.kind === 'end-now' && action.caseId === wait.caseId,
};

async function endCase(ctx: BotContext, c: CaseRecord, reason: EndReason, note: string | undefined): Promise<void> {
  endAside(ctx);
  if (c.status !== 'active') {
    await ctx.reply(ctx.t('case-closed', { client: clientLabel(c) }));
    return;
  }
  const closed = closedCase(c, { reason, at: nowIso(ctx), by: ctx.uow.userId, note });
  ctx.uow.putCase(closed);
  ctx.uow.scheduleChanged = true; // its reminders stop
  const m = ctx.uow.membership;
  if (m) {
    audit(ctx, m.orgId, 'case-ended', { case: c.id, reason });
    for (const to of activeSupervisors(m)) ctx.uow.tell({ kind: 'case-ended', to, orgId: m.orgId, about: ctx.uow.userId, worker: { id: ctx.uow.userId, name: firstName(ctx) }, case: closed });
  }
  ctx.log.info({ caseId: c.id, reason }, 'case ended');
  const kb = new InlineKeyboard()
    .text(ctx.t('btn-termination'), encode({ kind: 'report-make', caseId: c.id, what: 'term' }))
    .text(ctx.t('btn-report'), reportCaseData(ctx, c))
    .row()
    .text(ctx.t('btn-reopen'), encode({ kind: 'reopen-case', caseId: c.id }))
    .text(ctx.t('btn-menu'), encode({ kind: 'menu', item: 'home' }));
  await ctx.reply(ctx.t('case-ended', { client: escapeHtml(clientLabel(c)), reason: ctx.t(`end-reason-${reason}`) }), { parse_mode: 'HTML', reply_markup: kb });
}
