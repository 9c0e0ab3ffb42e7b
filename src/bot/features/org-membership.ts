// Belonging to an organisation: a supervisor's own invitation link (/undang), leaving (/keluar),
// the audit log (/audit), and joining through a link.
import { Composer, InlineKeyboard } from 'grammy';
import { DateTime } from 'luxon';
import { mayInviteWorkers, mayManage } from '../../org/access.ts';
import type { OrgView } from '../../org/org-store.ts';
import { type AuditEntry, type Invite, type Member } from '../../store/org-records.ts';
import { newId } from '../../store/ids.ts';
import { encode } from '../../telegram/callback-data.ts';
import type { BotContext } from '../context.ts';
import { ack, onAction } from '../actions.ts';
import { escapeHtml } from '../../telegram/format.ts';
import { nowIso } from '../time.ts';
import { inviteCode } from '../middleware/state.ts';
import { firstName } from '../user.ts';
import { audit, orgView, roleName, inviteLink, date } from './org-common.ts';
import { revokeLinksOf } from './org-members.ts';
import { auditLine, showAudit } from './audit-log.ts';
import { editOrSend } from '../edits.ts';
export const membership = new Composer<BotContext>();

membership.command(['undang', 'invite'], async (ctx) => {
  const m = ctx.uow.membership;
  if (!m || !mayInviteWorkers(m)) {
    await ctx.reply(ctx.t('invite-own-refused'));
    return;
  }
  const invite: Invite = {
    secret: newId(12),
    role: 'worker',
    createdBy: ctx.uow.userId,
    createdAt: nowIso(ctx),
    expiresAt: DateTime.fromJSDate(ctx.deps.clock.now()).plus({ days: 30 }).toUTC().toISO()!,
    maxUses: null,
    uses: 0,
    revoked: false,
    assignTo: ctx.uow.userId,
  };
  ctx.uow.alsoWrite((p) => ctx.deps.orgs.putInvite(p, m.orgId, invite));
  audit(ctx, m.orgId, 'invite-created', { role: 'worker', assignTo: String(ctx.uow.userId), secret: invite.secret.slice(0, 4) });
  await ctx.reply(ctx.t('invite-own', { until: date(ctx, invite.expiresAt), link: inviteLink(ctx, m.orgId, invite.secret) }));
});

membership.command(['keluar', 'leave'], async (ctx) => {
  const m = ctx.uow.membership;
  if (!m) {
    await ctx.reply(ctx.t('leave-not-member'));
    return;
  }
  const kb = new InlineKeyboard().text(ctx.t('btn-leave-yes'), encode({ kind: 'leave', orgId: m.orgId })).text(ctx.t('btn-cancel'), encode({ kind: 'menu', item: 'home' }));
  await ctx.reply(ctx.t('leave-confirm'), { reply_markup: kb });
});

onAction(membership, 'leave', async (ctx, a) => {
  const m = ctx.uow.membership;
  const view = ctx.reads.org?.result;
  if (!m || m.orgId !== a.orgId || !view) {
    await ack(ctx, ctx.t('stale-button'));
    return;
  }
  await ack(ctx);
  const me = view.members[ctx.uow.userId];
  const admins = Object.values(view.members).filter((x) => x.role === 'admin');
  if (me?.role === 'admin' && admins.length === 1) {
    await ctx.reply(ctx.t('leave-last-admin'));
    return;
  }
  const workers = Object.values(view.members).filter((w) => w.supervisors.includes(ctx.uow.userId));
  ctx.uow.alsoWrite((p) => {
    ctx.deps.orgs.removeMember(p, a.orgId, ctx.uow.userId, m.supervisors, workers.map((w) => w.userId));
    for (const w of workers) ctx.deps.orgs.putMember(p, a.orgId, { ...w, supervisors: w.supervisors.filter((s) => s !== ctx.uow.userId) });
    revokeLinksOf(p, ctx, a.orgId, view, ctx.uow.userId);
  });
  audit(ctx, a.orgId, 'left', { user: String(ctx.uow.userId) });
  for (const s of m.supervisors) ctx.uow.syncUsers.add(s);
  await editOrSend(ctx, ctx.t('left', { org: view.org?.name ?? '' }));
});

membership.command('audit', async (ctx) => {
  const m = ctx.uow.membership;
  if (!m || !mayManage(m, m.orgId)) {
    await ctx.reply(ctx.t('org-not-admin'));
    return;
  }
  // `/audit <case id>`: that case's entries; a 📤 CSV button under either (src/bot/features/audit-log.ts)
  await showAudit(ctx, m.orgId, ctx.match.trim() || undefined);
});

export function auditText(ctx: BotContext, entries: AuditEntry[], view: OrgView): string {
  if (entries.length === 0) return ctx.t('audit-empty');
  const lines = entries.map((e) => auditLine(ctx, e, view));
  return `${ctx.t('audit-title')}\n${lines.join('\n')}`;
}

/** `/start <orgId>_<secret>`: join through an invitation link. */
export async function join(ctx: BotContext): Promise<'not-an-invitation' | 'joined' | 'refused'> {
  const code = inviteCode(ctx.message?.text);
  if (!code) return 'not-an-invitation';
  const m = ctx.uow.membership;
  const view = ctx.reads.org?.result;
  if (m) {
    await ctx.reply(ctx.t(m.orgId === code.orgId ? 'join-already' : 'join-other-org'));
    return 'refused';
  }
  // A supervisor's own link assigns only while they still supervise in this organisation.
  const pending = view?.invites[code.secret];
  const assignee = pending?.assignTo !== undefined ? view?.members[pending.assignTo] : undefined;
  if (pending?.assignTo !== undefined && (!assignee || assignee.role === 'worker')) {
    await ctx.reply(ctx.t('join-revoked'));
    return 'refused';
  }
  const used = await ctx.deps.orgs.consumeInvite(code.orgId, code.secret, nowIso(ctx));
  if (typeof used === 'string') {
    ctx.log.info({ orgId: code.orgId, reason: used }, 'invitation refused');
    if (view?.org) audit(ctx, code.orgId, 'join-refused', { reason: used });
    await ctx.reply(ctx.t(`join-${used}`));
    return 'refused';
  }
  const me: Member = {
    userId: ctx.uow.userId,
    name: firstName(ctx),
    role: used.role,
    joinedAt: nowIso(ctx),
    supervisors: used.assignTo ? [used.assignTo] : [],
  };
  ctx.uow.alsoWrite((p) => {
    ctx.deps.orgs.putMember(p, code.orgId, me);
    if (used.assignTo) ctx.deps.orgs.assign(p, me.userId, used.assignTo);
  });
  audit(ctx, code.orgId, 'joined', { user: String(me.userId), role: me.role, ...(used.assignTo ? { supervisor: String(used.assignTo) } : {}) });
  if (used.assignTo) ctx.uow.syncUsers.add(used.assignTo); // the supervisor's digest now has a worker
  await ctx.reply(ctx.t('join-welcome', { org: escapeHtml(view?.org?.name ?? ''), role: roleName(ctx, me.role) }), { parse_mode: 'HTML' });
  return 'joined';
}

