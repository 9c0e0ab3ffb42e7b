// The organisation (lembaga): /lembaga for admins (members, roles, supervisors, invitations, audit),
// /undang for a supervisor's own "join as my worker" link, and joining through an invitation link.
import { Composer, InlineKeyboard } from 'grammy';
import { DateTime } from 'luxon';
import { mayInviteWorkers, mayManage } from '../../org/access.ts';
import type { OrgView } from '../../org/org-store.ts';
import { ROLES, type AuditEntry, type Invite, type Member, type Role } from '../../org/records.ts';
import { newId } from '../../store/ids.ts';
import { encode, type OrgOp } from '../callback-data.ts';
import type { BotContext } from '../context.ts';
import { ack, onAction } from '../actions.ts';
import { escapeHtml } from '../render/format.ts';
import { nowIso, userZone } from '../time.ts';
import { inviteCode } from '../middleware/state.ts';

export const organisation = new Composer<BotContext>();

const INVITE_KINDS = { s: { maxUses: 1, days: 7 }, m: { maxUses: null, days: 30 } } as const;

function orgButton(orgId: string, op: OrgOp, a?: string, b?: string): string {
  return encode({ kind: 'org', orgId, op, ...(a !== undefined ? { a } : {}), ...(b !== undefined ? { b } : {}) });
}

/** Appends an audit entry to this update's write. */
export function audit(ctx: BotContext, orgId: string, action: string, detail: Record<string, string> = {}): void {
  const entry: AuditEntry = { at: nowIso(ctx), by: ctx.from!.id, action, detail };
  ctx.uow.alsoWrite((p) => ctx.deps.orgs.audit(p, orgId, entry));
}

/** The organisation of a button (read with the update) or, for a command, read now (a second read). */
async function orgView(ctx: BotContext, orgId: string): Promise<OrgView> {
  return ctx.reads.org?.result ?? ctx.deps.orgs.load(orgId);
}

function roleName(ctx: BotContext, role: Role): string {
  return ctx.t(`role-${role}`);
}

function inviteLink(ctx: BotContext, orgId: string, secret: string): string {
  return `https://t.me/${ctx.me.username}?start=${orgId}_${secret}`;
}

function date(ctx: BotContext, iso: string): string {
  return DateTime.fromISO(iso).setZone(userZone(ctx)).setLocale(ctx.session.lang ?? 'id').toFormat('d LLL yyyy');
}

/** Refuses a button about an organisation the user does not manage, and keeps a record of it. */
async function refuse(ctx: BotContext, orgId: string): Promise<void> {
  ctx.log.warn({ orgId }, 'refused: organisation button of someone who does not manage it');
  const own = ctx.uow.membership?.orgId;
  if (own) audit(ctx, own, 'refused', { what: 'org-button', orgId });
  await ack(ctx, ctx.t('stale-button'));
}

async function showOrgMenu(ctx: BotContext, orgId: string, edit: boolean): Promise<void> {
  const view = await orgView(ctx, orgId);
  const count = Object.keys(view.members).length;
  const text = ctx.t('org-menu', { name: escapeHtml(view.org?.name ?? orgId), members: count });
  const kb = new InlineKeyboard()
    .text(ctx.t('btn-org-members'), orgButton(orgId, 'members'))
    .text(ctx.t('btn-org-invite'), orgButton(orgId, 'invite-role'))
    .row()
    .text(ctx.t('btn-org-invites'), orgButton(orgId, 'invites'))
    .text(ctx.t('btn-org-audit'), orgButton(orgId, 'audit'));
  if (edit) await ctx.editMessageText(text, { parse_mode: 'HTML', reply_markup: kb });
  else await ctx.reply(text, { parse_mode: 'HTML', reply_markup: kb });
}

organisation.command(['lembaga', 'organisation'], async (ctx) => {
  const m = ctx.uow.membership;
  if (!m) {
    if (!ctx.deps.adminIds.has(ctx.from!.id)) return; // members-only middleware has refused already
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
  const org = { id: orgId, name: name.slice(0, 80), createdAt: now, createdBy: ctx.from!.id };
  const me: Member = { userId: ctx.from!.id, name: ctx.from!.first_name, role: 'admin', joinedAt: now, supervisors: [] };
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
      await ctx.editMessageText(ctx.t('invite-pick'), { reply_markup: kb });
      return;
    }
    case 'invite-make': {
      const role = a.a as Role;
      const kind = INVITE_KINDS[a.b as 's' | 'm'];
      if (!ROLES.includes(role) || !kind) return;
      const invite: Invite = {
        secret: newId(12),
        role,
        createdBy: ctx.from!.id,
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
      await ctx.editMessageText(live.length ? `${ctx.t('invites-title')}\n${lines.join('\n')}` : ctx.t('invites-none'), { reply_markup: kb });
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
    case 'audit': {
      const entries = await ctx.deps.orgs.recentAudit(orgId, 20);
      const kb = new InlineKeyboard().text(ctx.t('btn-back'), orgButton(orgId, 'menu'));
      await ctx.editMessageText(auditText(ctx, entries, view), { parse_mode: 'HTML', reply_markup: kb });
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
        kb.text(mm.name.slice(0, 24), orgButton(orgId, 'member', String(mm.userId)));
        if (i % 3 === 2) kb.row();
      });
      kb.row().text(ctx.t('btn-back'), orgButton(orgId, 'menu'));
      await ctx.editMessageText(`${ctx.t('members-title')}\n${lines.join('\n')}`, { parse_mode: 'HTML', reply_markup: kb });
      return;
    }
    default:
      return memberAction(ctx, orgId, view, a.op, a.a, a.b);
  }
});

async function memberAction(ctx: BotContext, orgId: string, view: OrgView, op: OrgOp, a?: string, b?: string): Promise<void> {
  const member = a ? view.members[Number(a)] : undefined;
  if (!member) {
    await ctx.reply(ctx.t('member-gone'));
    return;
  }
  const name = (id: number) => view.members[id]?.name ?? String(id);
  const self = member.userId === ctx.from!.id;
  switch (op) {
    case 'member': {
      const kb = new InlineKeyboard();
      for (const role of ROLES.filter((r) => r !== member.role && !self)) kb.text(`→ ${roleName(ctx, role)}`, orgButton(orgId, 'member-role', String(member.userId), role));
      kb.row();
      if (member.role === 'worker') kb.text(ctx.t('btn-member-sups'), orgButton(orgId, 'member-sups', String(member.userId)));
      if (!self) kb.text(ctx.t('btn-member-remove'), orgButton(orgId, 'member-remove', String(member.userId)));
      kb.row().text(ctx.t('btn-back'), orgButton(orgId, 'members'));
      const sups = member.supervisors.map(name).join(', ') || '—';
      await ctx.editMessageText(ctx.t('member-card', { name: escapeHtml(member.name), role: roleName(ctx, member.role), since: date(ctx, member.joinedAt), supervisors: escapeHtml(sups) }), { parse_mode: 'HTML', reply_markup: kb });
      return;
    }
    case 'member-role': {
      const role = b as Role;
      if (!ROLES.includes(role) || self) return;
      const workersOfIt = Object.values(view.members).filter((w) => w.supervisors.includes(member.userId));
      const promoted = member.role === 'worker' && role !== 'worker';
      ctx.uow.alsoWrite((p) => {
        // only workers have supervisors: a promoted worker leaves theirs (sets and record alike)
        if (promoted) for (const s of member.supervisors) ctx.deps.orgs.unassign(p, member.userId, s);
        ctx.deps.orgs.setRole(p, orgId, { ...member, supervisors: promoted ? [] : member.supervisors }, role);
        // a supervisor made a plain worker no longer supervises anyone, and their links stop assigning
        if (role === 'worker') {
          for (const w of workersOfIt) {
            ctx.deps.orgs.unassign(p, w.userId, member.userId);
            ctx.deps.orgs.putMember(p, orgId, { ...w, supervisors: w.supervisors.filter((s) => s !== member.userId) });
          }
          revokeLinksOf(p, ctx, orgId, view, member.userId);
        }
      });
      if (promoted) for (const s of member.supervisors) ctx.uow.syncUsers.add(s);
      ctx.uow.syncUsers.add(member.userId);
      audit(ctx, orgId, 'role-changed', { user: String(member.userId), from: member.role, to: role });
      await ctx.reply(ctx.t('member-role-set', { name: member.name, role: roleName(ctx, role) }));
      return;
    }
    case 'member-sups': {
      const candidates = Object.values(view.members).filter((s) => s.role !== 'worker' && s.userId !== member.userId);
      const kb = new InlineKeyboard();
      candidates.forEach((s, i) => {
        kb.text(`${member.supervisors.includes(s.userId) ? '✅ ' : ''}${s.name}`.slice(0, 24), orgButton(orgId, 'member-sup', String(member.userId), String(s.userId)));
        if (i % 2 === 1) kb.row();
      });
      kb.row().text(ctx.t('btn-back'), orgButton(orgId, 'member', String(member.userId)));
      await ctx.editMessageText(ctx.t(candidates.length ? 'member-pick-sups' : 'member-no-sups', { name: member.name }), { reply_markup: kb });
      return;
    }
    case 'member-sup': {
      const sup = b ? view.members[Number(b)] : undefined;
      if (!sup || sup.role === 'worker') return;
      const assigned = member.supervisors.includes(sup.userId);
      const supervisors = assigned ? member.supervisors.filter((s) => s !== sup.userId) : [...member.supervisors, sup.userId];
      ctx.uow.alsoWrite((p) => {
        if (assigned) ctx.deps.orgs.unassign(p, member.userId, sup.userId);
        else ctx.deps.orgs.assign(p, member.userId, sup.userId);
        ctx.deps.orgs.putMember(p, orgId, { ...member, supervisors });
      });
      audit(ctx, orgId, assigned ? 'supervisor-unassigned' : 'supervisor-assigned', { worker: String(member.userId), supervisor: String(sup.userId) });
      await ctx.reply(ctx.t(assigned ? 'member-sup-removed' : 'member-sup-added', { worker: member.name, supervisor: sup.name }));
      ctx.uow.syncUsers.add(sup.userId); // the supervisor's digest follows
      return;
    }
    case 'member-remove': {
      if (self) return;
      const kb = new InlineKeyboard()
        .text(ctx.t('btn-member-remove-yes'), orgButton(orgId, 'member-remove-yes', String(member.userId)))
        .text(ctx.t('btn-back'), orgButton(orgId, 'member', String(member.userId)));
      await ctx.editMessageText(ctx.t('member-remove-confirm', { name: member.name }), { reply_markup: kb });
      return;
    }
    case 'member-remove-yes': {
      if (self) return;
      const workers = Object.values(view.members).filter((w) => w.supervisors.includes(member.userId));
      ctx.uow.alsoWrite((p) => {
        ctx.deps.orgs.removeMember(p, orgId, member.userId, member.supervisors, workers.map((w) => w.userId));
        for (const w of workers) ctx.deps.orgs.putMember(p, orgId, { ...w, supervisors: w.supervisors.filter((s) => s !== member.userId) });
        revokeLinksOf(p, ctx, orgId, view, member.userId);
      });
      audit(ctx, orgId, 'member-removed', { user: String(member.userId), role: member.role });
      for (const s of member.supervisors) ctx.uow.syncUsers.add(s); // their digests lose a worker
      if (workers.length > 0) ctx.uow.syncUsers.add(member.userId); // a supervisor's digest ends
      await ctx.editMessageText(ctx.t('member-removed', { name: member.name }));
      return;
    }
    default:
      return;
  }
}

/** A supervisor's own links stop when they stop supervising (demoted or removed). */
function revokeLinksOf(p: import('ioredis').ChainableCommander, ctx: BotContext, orgId: string, view: OrgView, userId: number): void {
  for (const i of Object.values(view.invites)) {
    if (i.assignTo === userId && !i.revoked) ctx.deps.orgs.putInvite(p, orgId, { ...i, revoked: true });
  }
}

organisation.command(['undang', 'invite'], async (ctx) => {
  const m = ctx.uow.membership;
  if (!m || !mayInviteWorkers(m)) {
    await ctx.reply(ctx.t('invite-own-refused'));
    return;
  }
  const invite: Invite = {
    secret: newId(12),
    role: 'worker',
    createdBy: ctx.from!.id,
    createdAt: nowIso(ctx),
    expiresAt: DateTime.fromJSDate(ctx.deps.clock.now()).plus({ days: 30 }).toUTC().toISO()!,
    maxUses: null,
    uses: 0,
    revoked: false,
    assignTo: ctx.from!.id,
  };
  ctx.uow.alsoWrite((p) => ctx.deps.orgs.putInvite(p, m.orgId, invite));
  audit(ctx, m.orgId, 'invite-created', { role: 'worker', assignTo: String(ctx.from!.id), secret: invite.secret.slice(0, 4) });
  await ctx.reply(ctx.t('invite-own', { until: date(ctx, invite.expiresAt), link: inviteLink(ctx, m.orgId, invite.secret) }));
});

organisation.command(['keluar', 'leave'], async (ctx) => {
  const m = ctx.uow.membership;
  if (!m) {
    await ctx.reply(ctx.t('leave-not-member'));
    return;
  }
  const kb = new InlineKeyboard().text(ctx.t('btn-leave-yes'), encode({ kind: 'leave', orgId: m.orgId })).text(ctx.t('btn-cancel'), encode({ kind: 'menu', item: 'home' }));
  await ctx.reply(ctx.t('leave-confirm'), { reply_markup: kb });
});

onAction(organisation, 'leave', async (ctx, a) => {
  const m = ctx.uow.membership;
  const view = ctx.reads.org?.result;
  if (!m || m.orgId !== a.orgId || !view) {
    await ack(ctx, ctx.t('stale-button'));
    return;
  }
  await ack(ctx);
  const me = view.members[ctx.from!.id];
  const admins = Object.values(view.members).filter((x) => x.role === 'admin');
  if (me?.role === 'admin' && admins.length === 1) {
    await ctx.reply(ctx.t('leave-last-admin'));
    return;
  }
  const workers = Object.values(view.members).filter((w) => w.supervisors.includes(ctx.from!.id));
  ctx.uow.alsoWrite((p) => {
    ctx.deps.orgs.removeMember(p, a.orgId, ctx.from!.id, m.supervisors, workers.map((w) => w.userId));
    for (const w of workers) ctx.deps.orgs.putMember(p, a.orgId, { ...w, supervisors: w.supervisors.filter((s) => s !== ctx.from!.id) });
    revokeLinksOf(p, ctx, a.orgId, view, ctx.from!.id);
  });
  audit(ctx, a.orgId, 'left', { user: String(ctx.from!.id) });
  for (const s of m.supervisors) ctx.uow.syncUsers.add(s);
  await ctx.editMessageText(ctx.t('left', { org: view.org?.name ?? '' }));
});

organisation.command('audit', async (ctx) => {
  const m = ctx.uow.membership;
  if (!m || !mayManage(m, m.orgId)) {
    await ctx.reply(ctx.t('org-not-admin'));
    return;
  }
  const [entries, view] = await Promise.all([ctx.deps.orgs.recentAudit(m.orgId, 20), orgView(ctx, m.orgId)]);
  await ctx.reply(auditText(ctx, entries, view), { parse_mode: 'HTML' });
});

function auditText(ctx: BotContext, entries: AuditEntry[], view: OrgView): string {
  if (entries.length === 0) return ctx.t('audit-empty');
  const name = (id: number) => view.members[id]?.name ?? String(id);
  const lines = entries.map((e) => {
    const when = DateTime.fromISO(e.at).setZone(userZone(ctx)).toFormat('dd/LL HH.mm');
    const who = e.detail.user ?? e.detail.worker;
    const target = who ? ` → ${name(Number(who))}` : '';
    return `${when} · ${escapeHtml(name(e.by))} · ${escapeHtml(ctx.t(`audit-${e.action}`))}${escapeHtml(target)}`;
  });
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
    userId: ctx.from!.id,
    name: ctx.from!.first_name,
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
