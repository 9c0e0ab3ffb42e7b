// A risk alert is followed up, not approved: "🙋 Saya tangani" (the others who got it, and the
// worker, see who took it) and "✅ Sudah ditindaklanjuti" with a short note of what was done. Who may
// press: the worker's supervisor or an admin of the worker's organisation, now. All of it audited.
import { followUpRisk, FOLLOW_UP_MAX, mayFollowUp, riskRefusal, takeRisk } from '../../org/supervision-actions.ts';
import { actorOf } from '../actor.ts';
import { decode } from '../../telegram/callback-data.ts';
import { followUpRow } from '../../telegram/review-buttons.ts';
import type { BotContext } from '../context.ts';
import { Buttons } from '../buttons.ts';
import { ack } from '../actions.ts';
import { dropButtons, editOrSend, pressedButtonData } from '../edits.ts';
import { awaitText, cancelAsideKeyboard, type AsideHandler } from '../asides.ts';

export const riskButtons = new Buttons();

/** A follow-up note: a line or two, on a phone. */

/** Pressed on a /tim case screen (its buttons lead back to the list), not on the alert itself: that
 *  screen keeps its text and buttons; the answer comes as a message of its own. */
function onTeamScreen(ctx: BotContext): boolean {
  return pressedButtonData(ctx).some((d) => decode(d)?.kind === 'team');
}

riskButtons.on('risk', async (ctx, a) => {
  const r = ctx.uow.risk;
  const refused = riskRefusal(ctx.uow.userId, ctx.uow.membership, a.workerId, r, a.op === 'take');
  if (!r || refused === 'not-allowed') {
    ack(ctx, ctx.t('stale-button'));
    return;
  }
  if (r.done) {
    ack(ctx, ctx.t('risk-already-done', { name: r.done.byName }));
    if (!onTeamScreen(ctx)) await editOrSend(ctx, ctx.t('risk-state-done', { name: r.done.byName, note: r.done.note ?? '' }), {});
    return;
  }
  const done = followUpRow(ctx.t.bind(ctx), { workerId: a.workerId, caseId: a.caseId, riskId: a.riskId, orgId: r.alert.orgId }, true);
  if (a.op === 'take') {
    if (refused === 'taken') {
      ack(ctx, ctx.t('risk-taken-by', { name: r.taken?.byName ?? '' }));
      return;
    }
    ack(ctx);
    takeRisk(actorOf(ctx), a, r);
    if (!onTeamScreen(ctx)) await dropButtons(ctx, done);
    await ctx.reply(ctx.t('risk-you-took', { client: r.alert.client }), { reply_markup: done });
    return;
  }
  ack(ctx);
  const { orgId, client, to } = r.alert;
  awaitText(ctx, { kind: 'risk-done', workerId: a.workerId, caseId: a.caseId, riskId: a.riskId, orgId, client, to, take: !r.taken });
  await ctx.reply(ctx.t('risk-done-ask', { client: r.alert.client }), { reply_markup: cancelAsideKeyboard(ctx.t.bind(ctx)) });
});

/**
 * What was done, typed after ✅: recorded (and, if nobody had taken the alert, taken by this user too).
 * The press read the alert; a typed text reads only the user's own keys, so the wait carries what the
 * press read (the alert's organisation, client, recipients). Who may write it is checked again now.
 */
export const riskDoneAside: AsideHandler<'risk-done'> = {
  max: FOLLOW_UP_MAX,
  answer: async (ctx, wait, text) => {
    if (!mayFollowUp(ctx.uow.userId, ctx.uow.membership, wait.orgId, wait.workerId)) {
      await ctx.reply(ctx.t('stale-button'));
      return;
    }
    followUpRisk(actorOf(ctx), wait, wait, wait.take, text);
    await ctx.reply(ctx.t('risk-done-saved', { client: wait.client }));
  },
};
