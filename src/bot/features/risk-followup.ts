// A risk alert is followed up, not approved: "🙋 Saya tangani" (the others who got it, and the
// worker, see who took it) and "✅ Sudah ditindaklanjuti" with a short note of what was done. Who may
// press: the worker's supervisor or an admin of the worker's organisation, now. All of it audited.
import { mayManage, maySupervise } from '../../org/access.ts';
import type { RiskAlert, RiskStep } from '../../store/risk-records.ts';
import { decode } from '../../telegram/callback-data.ts';
import { followUpRow } from '../../telegram/review-buttons.ts';
import type { BotContext } from '../context.ts';
import { Buttons } from '../buttons.ts';
import { ack } from '../actions.ts';
import { dropButtons, editOrSend, pressedButtonData } from '../edits.ts';
import { awaitText, cancelAsideKeyboard, type AsideHandler } from '../asides.ts';
import { nowIso } from '../time.ts';
import { firstName } from '../user.ts';
import { audit } from './organisation/index.ts';

export const riskButtons = new Buttons();

/** A follow-up note: a line or two, on a phone. */
const FOLLOW_UP_MAX = 500;

/** May this user follow up the worker's risks now? Their supervisor, or an admin of their organisation. */
function mayFollowUp(ctx: BotContext, orgId: string, workerId: number): boolean {
  const m = ctx.uow.membership;
  if (!m || m.orgId !== orgId) return false;
  return maySupervise(ctx.uow.userId, m, workerId) || mayManage(m, orgId);
}

/** Pressed on a /tim case screen (its buttons lead back to the list), not on the alert itself: that
 *  screen keeps its text and buttons; the answer comes as a message of its own. */
function onTeamScreen(ctx: BotContext): boolean {
  return pressedButtonData(ctx).some((d) => decode(d)?.kind === 'team');
}

function step(ctx: BotContext, note?: string): RiskStep {
  return { by: ctx.uow.userId, byName: firstName(ctx), at: nowIso(ctx), ...(note ? { note } : {}) };
}

type Alerted = Pick<RiskAlert, 'orgId' | 'workerId' | 'client' | 'to'>;

/** The worker and the alert's other recipients hear of a step (after the write, in their language). */
function tellOthers(ctx: BotContext, a: Alerted, kind: 'taken' | 'done', note?: string): void {
  const by = { id: ctx.uow.userId, name: firstName(ctx) };
  const base = { kind: 'risk-update' as const, step: kind, by, client: a.client, orgId: a.orgId, ...(note ? { note } : {}) };
  ctx.uow.tell({ ...base, to: a.workerId, about: a.workerId });
  for (const other of a.to) {
    if (other.id === by.id) continue;
    ctx.uow.tell({ ...base, to: other.id, ...(other.as === 'admin' ? { admins: true as const } : { about: a.workerId }) });
  }
}

riskButtons.on('risk', async (ctx, a) => {
  const r = ctx.uow.risk;
  if (!r || r.alert.workerId !== a.workerId || !mayFollowUp(ctx, r.alert.orgId, a.workerId)) {
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
    if (r.taken && r.taken.by !== ctx.uow.userId) {
      ack(ctx, ctx.t('risk-taken-by', { name: r.taken.byName }));
      return;
    }
    ack(ctx);
    if (!r.taken) {
      ctx.uow.alsoWrite((p) => ctx.deps.store.writeRisk(p, a.workerId, r.alert.orgId, a.caseId, a.riskId, { taken: step(ctx) }));
      audit(ctx, r.alert.orgId, 'risk-taken', { worker: String(a.workerId), case: a.caseId, risk: a.riskId });
      tellOthers(ctx, r.alert, 'taken');
    }
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
    if (!mayFollowUp(ctx, wait.orgId, wait.workerId)) {
      await ctx.reply(ctx.t('stale-button'));
      return;
    }
    ctx.uow.alsoWrite((p) => {
      if (wait.take) ctx.deps.store.writeRisk(p, wait.workerId, wait.orgId, wait.caseId, wait.riskId, { taken: step(ctx) });
      ctx.deps.store.writeRisk(p, wait.workerId, wait.orgId, wait.caseId, wait.riskId, { done: step(ctx, text) });
    });
    audit(ctx, wait.orgId, 'risk-followed-up', { worker: String(wait.workerId), case: wait.caseId, risk: wait.riskId });
    tellOthers(ctx, wait, 'done', text);
    await ctx.reply(ctx.t('risk-done-saved', { client: wait.client }));
  },
};
