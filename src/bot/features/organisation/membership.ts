// Belonging to an organisation: joining through an invitation link, and leaving (/keluar). What
// each writes is decided by the membership rules (src/org/membership-rules.ts).
import { Composer, InlineKeyboard } from 'grammy';
import { ownLinkLapsed } from '../../../org/invitations.ts';
import { joinWith, leaveOrg } from '../../../org/membership-rules.ts';
import { encode } from '../../../telegram/callback-data.ts';
import { escapeHtml } from '../../../telegram/format.ts';
import type { BotContext } from '../../context.ts';
import { Buttons } from '../../buttons.ts';
import { ack } from '../../actions.ts';
import { editOrSend } from '../../edits.ts';
import { inviteCode } from '../../invite-link.ts';
import { nowIso } from '../../time.ts';
import { firstName } from '../../user.ts';
import { strangerMayBeAnswered } from '../../middleware/access.ts';
import { applyChange, orgRead, roleName } from './common.ts';

export const leaving = new Composer<BotContext>();
export const leavingButtons = new Buttons();

leaving.command(['keluar', 'leave'], async (ctx) => {
  const m = ctx.uow.membership;
  if (!m) {
    await ctx.reply(ctx.t('leave-not-member'));
    return;
  }
  const kb = new InlineKeyboard().text(ctx.t('btn-leave-yes'), encode({ kind: 'leave', orgId: m.orgId })).text(ctx.t('btn-cancel'), encode({ kind: 'menu', item: 'home' }));
  await ctx.reply(ctx.t('leave-confirm'), { reply_markup: kb });
});

leavingButtons.on('leave', async (ctx, a) => {
  const m = ctx.uow.membership;
  const view = orgRead(ctx, a.orgId);
  if (!m || m.orgId !== a.orgId || !view) {
    ack(ctx, ctx.t('stale-button'));
    return;
  }
  ack(ctx);
  // their cases stay with the organisation: listed for the admins to move, end or delete
  const change = leaveOrg(view, { userId: ctx.uow.userId, supervisors: m.supervisors, cases: ctx.uow.allCases().length }, nowIso(ctx));
  if ('refused' in change) {
    await ctx.reply(ctx.t('leave-last-admin'));
    return;
  }
  applyChange(ctx, a.orgId, change);
  await editOrSend(ctx, ctx.t('left', { org: view.org?.name ?? '' }));
});

/** `/start <orgId>_<secret>`: join through an invitation link. */
export async function join(ctx: BotContext): Promise<'not-an-invitation' | 'joined' | 'refused'> {
  const code = inviteCode(ctx.message?.text);
  if (!code) return 'not-an-invitation';
  const m = ctx.uow.membership;
  const view = orgRead(ctx, code.orgId);
  if (m) {
    await ctx.reply(ctx.t(m.orgId === code.orgId ? 'join-already' : 'join-other-org'));
    return 'refused';
  }
  if (ownLinkLapsed(view, code.secret)) {
    await ctx.reply(ctx.t('join-revoked'));
    return 'refused';
  }
  const used = await ctx.deps.orgs.consumeInvite(code.orgId, code.secret, ctx.uow.userId, nowIso(ctx));
  if (typeof used === 'string') {
    ctx.log.info({ orgId: code.orgId, reason: used }, 'invitation refused');
    // whoever this is, they are not a member: the security log, never the organisation's audit
    // (guessing links must not push out a member's entry); a run of guesses is no longer answered
    await ctx.deps.orgs.strangerRefusal({ at: nowIso(ctx), by: ctx.uow.userId, action: 'join-refused', detail: { reason: used, ...(view?.org ? { orgId: code.orgId } : {}) } });
    if (strangerMayBeAnswered(ctx)) await ctx.reply(ctx.t(`join-${used}`));
    return 'refused';
  }
  const change = joinWith(view, used, { userId: ctx.uow.userId, name: firstName(ctx) }, nowIso(ctx));
  applyChange(ctx, code.orgId, change);
  // a member now, writing to the bot: a pause left by an earlier removal (or a block) is lifted with this write
  ctx.uow.allowed = true;
  await ctx.reply(ctx.t('join-welcome', { org: escapeHtml(view?.org?.name ?? ''), role: roleName(ctx, change.member.role) }), { parse_mode: 'HTML' });
  return 'joined';
}
