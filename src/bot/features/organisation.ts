// The organisation (lembaga): /lembaga for admins (members, roles, supervisors, invitations, audit),
// /undang for a supervisor's own "join as my worker" link, and joining through an invitation link.
import { Composer, InlineKeyboard } from 'grammy';
import { DateTime } from 'luxon';
import { mayManage } from '../../org/access.ts';
import { ROLES, type Invite, type Member, type Role } from '../../store/org-records.ts';
import { newId } from '../../store/ids.ts';
import type { BotContext } from '../context.ts';
import { ack, onAction } from '../actions.ts';
import { escapeHtml } from '../../telegram/format.ts';
import { nowIso } from '../time.ts';
import { firstName } from '../user.ts';
import { INVITE_KINDS, orgButton, audit, orgView, roleName, inviteLink, date, refuse, showOrgMenu } from './org-common.ts';
import { memberAction } from './org-members.ts';
import { sendAuditCsv } from './audit-log.ts';
import { encode } from '../../telegram/callback-data.ts';

/** Retention of closed cases (days; 0: kept until deleted by hand). */
const RETENTION_CHOICES = [0, 365, 730, 1825];
export { audit } from './org-common.ts';
export { join } from './org-membership.ts';
import { auditText } from './org-membership.ts';
import { editOrSend } from '../edits.ts';
export const organisation = new Composer<BotContext>();

organisation.command(['lembaga', 'organisation'], async (ctx) => {
  const m = ctx.uow.membership;
  if (!m) {
    if (!ctx.deps.adminIds.has(ctx.uow.userId)) return; // members-only middleware has refused already
    ctx.session.awaiting = { kind: 'org-name' };
    await ctx.reply(ctx.t('org-ask-name'));
    return;
  }
  if (!mayManage(m, m.orgId)) {
    await ctx.reply(ctx.t(m.role === 'supervisor' ? 'org-not-admin-supervisor' : 'org-not-admin'));
    return;
  }
  await showOrgMenu(ctx, m.orgId, false);
});

/** The organisation's name, typed after /lembaga: the organisation is made, its maker its admin. */
export async function createOrg(ctx: BotContext, name: string): Promise<void> {
  const orgId = newId(8);
  const now = nowIso(ctx);
  const org = { id: orgId, name: name.slice(0, 80), createdAt: now, createdBy: ctx.uow.userId };
  const me: Member = { userId: ctx.uow.userId, name: firstName(ctx), role: 'admin', joinedAt: now, supervisors: [] };
  ctx.uow.alsoWrite((p) => {
    ctx.deps.orgs.putOrg(p, org);
    ctx.deps.orgs.putMember(p, orgId, me);
  });
  audit(ctx, orgId, 'org-created', { orgId });
  await ctx.reply(ctx.t('org-created', { name: escapeHtml(org.name) }), { parse_mode: 'HTML' });
  const kb = new InlineKeyboard().text(ctx.t('btn-org-invite'), orgButton(orgId, 'invite-role'));
  await ctx.reply(ctx.t('org-next'), { reply_markup: kb });
}

onAction(organisation, 'org', async (ctx, a) => {
  const m = ctx.uow.membership;
  if (!mayManage(m, a.orgId)) return refuse(ctx, a.orgId);
  await ack(ctx);
  const view = await orgView(ctx, a.orgId);
  const orgId = a.orgId;
  switch (a.op) {
    case 'menu':
      return showOrgMenu(ctx, orgId, true);
    case 'invite-role': {
      const kb = new InlineKeyboard();
      for (const role of ROLES) {
        kb.text(`${roleName(ctx, role)} · ${ctx.t('invite-single')}`, orgButton(orgId, 'invite-make', role, 's')).row();
        kb.text(`${roleName(ctx, role)} · ${ctx.t('invite-multi')}`, orgButton(orgId, 'invite-make', role, 'm')).row();
      }
      kb.text(ctx.t('btn-back'), orgButton(orgId, 'menu'));
      await editOrSend(ctx, ctx.t('invite-pick'), { reply_markup: kb });
      return;
    }
    case 'invite-make': {
      const role = a.a as Role;
      const kind = INVITE_KINDS[a.b as 's' | 'm'];
      if (!ROLES.includes(role) || !kind) return;
      const invite: Invite = {
        secret: newId(12),
        role,
        createdBy: ctx.uow.userId,
        createdAt: nowIso(ctx),
        expiresAt: DateTime.fromJSDate(ctx.deps.clock.now()).plus({ days: kind.days }).toUTC().toISO()!,
        maxUses: kind.maxUses,
        uses: 0,
        revoked: false,
      };
      ctx.uow.alsoWrite((p) => ctx.deps.orgs.putInvite(p, orgId, invite));
      audit(ctx, orgId, 'invite-created', { role, secret: invite.secret.slice(0, 4) });
      await ctx.reply(
        ctx.t(kind.maxUses === 1 ? 'invite-made-single' : 'invite-made-multi', { role: roleName(ctx, role), until: date(ctx, invite.expiresAt), link: inviteLink(ctx, orgId, invite.secret) }),
      );
      return;
    }
    case 'invites': {
      const now = nowIso(ctx);
      const live = Object.values(view.invites).filter((i) => !i.revoked && i.expiresAt > now && (i.maxUses === null || i.uses < i.maxUses));
      const kb = new InlineKeyboard();
      const lines = live.map((i, n) => {
        kb.text(`🚫 ${n + 1}`, orgButton(orgId, 'invite-revoke', i.secret));
        if (n % 3 === 2) kb.row();
        return `${n + 1}. ${roleName(ctx, i.role)} · ${i.maxUses === 1 ? ctx.t('invite-single') : ctx.t('invite-multi')} · ${ctx.t('invite-until', { until: date(ctx, i.expiresAt) })} · ${ctx.t('invite-used', { uses: i.uses })}`;
      });
      kb.row().text(ctx.t('btn-back'), orgButton(orgId, 'menu'));
      await editOrSend(ctx, live.length ? `${ctx.t('invites-title')}\n${lines.join('\n')}` : ctx.t('invites-none'), { reply_markup: kb });
      return;
    }
    case 'invite-revoke': {
      const invite = a.a ? view.invites[a.a] : undefined;
      if (!invite) return;
      ctx.uow.alsoWrite((p) => ctx.deps.orgs.putInvite(p, orgId, { ...invite, revoked: true }));
      audit(ctx, orgId, 'invite-revoked', { role: invite.role, secret: invite.secret.slice(0, 4) });
      await ctx.reply(ctx.t('invite-revoked', { role: roleName(ctx, invite.role) }));
      return;
    }
    case 'audit-csv':
      return sendAuditCsv(ctx, orgId, view, a.a);
    case 'retention': {
      const current = view.org?.retentionDays;
      const kb = new InlineKeyboard();
      RETENTION_CHOICES.forEach((days, i) => {
        kb.text(`${current === days || (!current && days === 0) ? '✅ ' : ''}${ctx.t(`retention-${days}`)}`, orgButton(orgId, 'retention-set', String(days)));
        if (i % 2 === 1) kb.row();
      });
      kb.row().text(ctx.t('btn-back'), orgButton(orgId, 'menu'));
      await editOrSend(ctx, ctx.t('retention-ask', { current: ctx.t(`retention-${current ?? 0}`) }), { reply_markup: kb });
      return;
    }
    case 'retention-set': {
      const days = Number(a.a);
      if (!view.org || !RETENTION_CHOICES.includes(days)) return;
      ctx.uow.alsoWrite((p) => ctx.deps.orgs.putRetention(p, view.org!, days || undefined));
      audit(ctx, orgId, 'retention-set', { days: String(days) });
      await editOrSend(ctx, ctx.t('retention-set', { choice: ctx.t(`retention-${days}`) }), { reply_markup: new InlineKeyboard().text(ctx.t('btn-back'), orgButton(orgId, 'menu')) });
      return;
    }
    case 'audit': {
      const entries = await ctx.deps.orgs.recentAudit(orgId, 20);
      const kb = new InlineKeyboard().text(ctx.t('btn-audit-csv'), orgButton(orgId, 'audit-csv')).row().text(ctx.t('btn-back'), orgButton(orgId, 'menu'));
      await editOrSend(ctx, auditText(ctx, entries, view), { parse_mode: 'HTML', reply_markup: kb });
      return;
    }
    case 'members': {
      const list = Object.values(view.members).sort((x, y) => x.name.localeCompare(y.name));
      const name = (id: number) => view.members[id]?.name ?? String(id);
      const lines = list.map((mm) => {
        const sups = mm.supervisors.length ? ` (${ctx.t('member-supervised-by', { names: mm.supervisors.map(name).join(', ') })})` : '';
        return `• ${escapeHtml(mm.name)} — ${roleName(ctx, mm.role)}${escapeHtml(sups)}`;
      });
      const kb = new InlineKeyboard();
      list.forEach((mm, i) => {
        kb.text(`${mm.suspended ? '⏸ ' : ''}${mm.name}`.slice(0, 24), orgButton(orgId, 'member', String(mm.userId)));
        if (i % 3 === 2) kb.row();
      });
      // former members (/hapus_data_saya) who left cases: to move or delete them
      const gone = Object.values(view.departed);
      if (gone.length && list.length % 3 !== 0) kb.row();
      gone.forEach((d, i) => {
        kb.text(ctx.t('member-departed-name', { id: String(d.userId) }).slice(0, 24), encode({ kind: 'adm-case', orgId, op: 'list', workerId: d.userId }));
        if (i % 3 === 2) kb.row();
      });
      if (gone.length) lines.push(ctx.t('members-departed', { count: gone.length }));
      kb.row().text(ctx.t('btn-back'), orgButton(orgId, 'menu'));
      await editOrSend(ctx, `${ctx.t('members-title')}\n${lines.join('\n')}`, { parse_mode: 'HTML', reply_markup: kb });
      return;
    }
    default:
      return memberAction(ctx, orgId, view, a.op, a.a, a.b);
  }
});

