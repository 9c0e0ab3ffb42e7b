// Invitation links: an admin's screens (pick a role and kind, the live links, revoking one) and a
// supervisor's own "join as my worker" link (/undang). One builder makes both (src/org/invitations.ts).
import { Composer, InlineKeyboard } from 'grammy';
import { mayInviteWorkers } from '../../../org/access.ts';
import { adminInvite, liveInvites, ownInvite, revokeInvite } from '../../../org/invitations.ts';
import type { OrgView } from '../../../org/org-store.ts';
import { ROLES } from '../../../store/org-records.ts';
import { newId } from '../../../store/ids.ts';
import type { OrgAction } from './org-action.ts';
import type { BotContext } from '../../context.ts';
import { editOrSend } from '../../edits.ts';
import { nowIso } from '../../time.ts';
import { applyChange, orgButton, roleName, inviteLink, date } from './common.ts';

export const ownInvitations = new Composer<BotContext>();

ownInvitations.command(['undang', 'invite'], async (ctx) => {
  const m = ctx.uow.membership;
  if (!m || !mayInviteWorkers(m)) {
    await ctx.reply(ctx.t('invite-own-refused'));
    return;
  }
  // the secret is in the link only: Redis keeps its hash (src/org/invitations.ts)
  const secret = newId(12);
  const change = ownInvite(secret, ctx.uow.userId, ctx.deps.clock.now());
  applyChange(ctx, m.orgId, change);
  // an invitation is meant to be passed on: the one message sent unprotected
  await ctx.reply(ctx.t('invite-own', { until: date(ctx, change.invite.expiresAt), link: inviteLink(ctx, m.orgId, secret) }), { protect_content: false });
});

/** An admin's invitation buttons (the permission is checked by the caller). */
export async function invitationAction(ctx: BotContext, orgId: string, view: OrgView, x: Extract<OrgAction, { op: 'invite-role' | 'invite-make' | 'invites' | 'invite-revoke' }>): Promise<void> {
  switch (x.op) {
    case 'invite-role': {
      const kb = new InlineKeyboard();
      for (const role of ROLES) {
        kb.text(`${roleName(ctx, role)} · ${ctx.t('invite-btn-single')}`, orgButton(orgId, { op: 'invite-make', role, kind: 's' })).row();
        kb.text(`${roleName(ctx, role)} · ${ctx.t('invite-btn-multi')}`, orgButton(orgId, { op: 'invite-make', role, kind: 'm' })).row();
      }
      kb.text(ctx.t('btn-back'), orgButton(orgId, { op: 'menu' }));
      await editOrSend(ctx, ctx.t('invite-pick'), { reply_markup: kb });
      return;
    }
    case 'invite-make': {
      const secret = newId(12);
      const change = adminInvite(secret, x.role, x.kind, ctx.uow.userId, ctx.deps.clock.now());
      if ('refused' in change) return;
      const { invite } = change;
      applyChange(ctx, orgId, change);
      await ctx.reply(
        ctx.t(change.terms.maxUses === 1 ? 'invite-made-single' : 'invite-made-multi', { role: roleName(ctx, invite.role), until: date(ctx, invite.expiresAt), link: inviteLink(ctx, orgId, secret) }),
        { protect_content: false }, // meant to be passed on
      );
      return;
    }
    case 'invites': {
      const live = liveInvites(view, nowIso(ctx));
      const kb = new InlineKeyboard();
      const lines = live.map((i, n) => {
        kb.text(`🚫 ${n + 1}`, orgButton(orgId, { op: 'invite-revoke', inviteId: i.id }));
        if (n % 3 === 2) kb.row();
        return `${n + 1}. ${roleName(ctx, i.role)} · ${i.maxUses === 1 ? ctx.t('invite-single') : ctx.t('invite-multi')} · ${ctx.t('invite-until', { until: date(ctx, i.expiresAt) })} · ${ctx.t('invite-used', { uses: i.uses })}`;
      });
      kb.row().text(ctx.t('btn-back'), orgButton(orgId, { op: 'menu' }));
      await editOrSend(ctx, live.length ? `${ctx.t('invites-title')}\n${lines.join('\n')}` : ctx.t('invites-none'), { reply_markup: kb });
      return;
    }
    case 'invite-revoke': {
      const change = revokeInvite(view, x.inviteId);
      if ('refused' in change) return;
      applyChange(ctx, orgId, change);
      await ctx.reply(ctx.t('invite-revoked', { role: roleName(ctx, change.invite.role) }));
      return;
    }
  }
}
