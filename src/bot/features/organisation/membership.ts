// Belonging to an organisation: joining through an invitation link, and leaving (/keluar). What
// each writes is decided by the membership rules (src/org/membership-rules.ts).
import { Composer, InlineKeyboard } from 'grammy';
import { ownLinkLapsed } from '../../../org/invitations.ts';
import { joinWith, leaveOrg } from '../../../org/membership-rules.ts';
import { encode } from '../../../telegram/callback-data.ts';
import { escapeHtml, fitLabel } from '../../../telegram/format.ts';
import type { BotContext } from '../../context.ts';
import { workingOrg, type Membership } from '../../../store/org-records.ts';
import { Buttons } from '../../buttons.ts';
import { ack } from '../../actions.ts';
import { editOrSend } from '../../edits.ts';
import { inviteCode } from '../../invite-link.ts';
import { nowIso } from '../../time.ts';
import { firstName } from '../../user.ts';
import { strangerMayBeAnswered } from '../../middleware/access.ts';
import { endAside } from '../../asides.ts';
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
  // a member of others works in the next of them from now (as the read decides): they are told which
  const { [a.orgId]: _gone, ...rest } = m.orgs;
  const next = workingOrg(undefined, rest);
  const left = ctx.t('left', { org: view.org?.name ?? '' });
  if (!next) await editOrSend(ctx, left);
  else {
    const name = (await ctx.deps.orgs.names([next.orgId]))[next.orgId]!;
    await editOrSend(ctx, `${left}\n${ctx.t('org-switched', { org: escapeHtml(name), role: roleName(ctx, next.entry.role) })}`, { parse_mode: 'HTML' });
  }
});

/** `/start <orgId>_<secret>`: join through an invitation link. */
export async function join(ctx: BotContext): Promise<'not-an-invitation' | 'joined' | 'refused'> {
  const code = inviteCode(ctx.message?.text);
  if (!code) return 'not-an-invitation';
  const m = ctx.uow.membership;
  const view = orgRead(ctx, code.orgId);
  // a member of other organisations joins this one too (a dosen supervising at a Bapas and an IPWL)
  if (m?.orgs[code.orgId]) {
    await ctx.reply(ctx.t('join-already'));
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
  // a note being written stays in the organisation it belongs to: they move later, with /lembaga
  const drafting = m !== undefined && ctx.session.activity !== undefined;
  const change = joinWith(view, used, { userId: ctx.uow.userId, name: firstName(ctx) }, nowIso(ctx), !drafting);
  applyChange(ctx, code.orgId, change);
  // a member now, writing to the bot: a pause left by an earlier removal (or a block) is lifted with this write
  ctx.uow.allowed = true;
  const welcome = ctx.t('join-welcome', { org: escapeHtml(view?.org?.name ?? ''), role: roleName(ctx, change.member.role) });
  await ctx.reply(m ? `${welcome}\n${ctx.t(drafting ? 'join-welcome-later' : 'join-welcome-more')}` : welcome, { parse_mode: 'HTML' });
  return 'joined';
}

/** /lembaga of a member of several: where they work now, and a button for each of the others. */
export async function showMyOrgs(ctx: BotContext, m: Membership): Promise<void> {
  const ids = Object.keys(m.orgs);
  const names = await ctx.deps.orgs.names(ids);
  const kb = new InlineKeyboard();
  const others = ids.filter((id) => id !== m.orgId).sort((a, b) => names[a]!.localeCompare(names[b]!));
  others.forEach((id, i) => {
    kb.text(fitLabel(ctx.t('btn-org-use', { org: names[id]! })), encode({ kind: 'org-use', orgId: id }));
    if (i % 2 === 1) kb.row();
  });
  await ctx.reply(ctx.t('org-mine', { count: ids.length, org: escapeHtml(names[m.orgId] ?? ''), role: roleName(ctx, m.role) }), { parse_mode: 'HTML', reply_markup: kb });
}

// Working in another of one's organisations: what the user's own keys say is all it needs (the
// organisation's name comes with the answer's second read).
leavingButtons.on('org-use', async (ctx, a) => {
  const m = ctx.uow.membership;
  const entry = m?.orgs[a.orgId];
  if (!m || !entry) {
    ack(ctx, ctx.t('stale-button'));
    return;
  }
  ack(ctx);
  const name = (await ctx.deps.orgs.names([a.orgId]))[a.orgId]!;
  if (entry.suspended) {
    await ctx.reply(ctx.t('org-switch-suspended', { org: escapeHtml(name) }), { parse_mode: 'HTML' });
    return;
  }
  // a note being written belongs to a case of this organisation: it is finished (or dropped) here
  // first — unless they are suspended here, when it waits for the suspension to be lifted
  if (ctx.session.activity && !m.suspended) {
    await ctx.reply(ctx.t('org-switch-draft'));
    return;
  }
  // (written even when the update already acts there: a draft or an awaited text of that
  // organisation's may have put it there, not their choice)
  ctx.uow.alsoWrite((p) => ctx.deps.orgs.workIn(p, ctx.uow.userId, a.orgId));
  // their role there may be another: the ☰ Menu follows, after the write
  ctx.uow.tell({ kind: 'commands', to: ctx.uow.userId });
  // a text the bot waited for (why a case ends, a skipped week's reason, feedback) was about the one left
  if (a.orgId !== m.orgId) endAside(ctx);
  // their reminders and digest follow every organisation; nothing to resync
  await editOrSend(ctx, ctx.t('org-switched', { org: escapeHtml(name), role: roleName(ctx, entry.role) }), { parse_mode: 'HTML' });
});
