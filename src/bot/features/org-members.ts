// An admin's member screens: a member's card, role, supervisors, removal.
import { InlineKeyboard } from 'grammy';
import type { OrgView } from '../../org/org-store.ts';
import { ROLES, type Role } from '../../store/org-records.ts';
import { encode, type OrgOp } from '../../telegram/callback-data.ts';
import type { BotContext } from '../context.ts';
import { escapeHtml } from '../../telegram/format.ts';
import { orgButton, audit, roleName, date } from './org-common.ts';
import { editOrSend } from '../edits.ts';
export async function memberAction(ctx: BotContext, orgId: string, view: OrgView, op: OrgOp, a?: string, b?: string): Promise<void> {
  const member = a ? view.members[Number(a)] : undefined;
  if (!member) {
    await ctx.reply(ctx.t('member-gone'));
    return;
  }
  const name = (id: number) => view.members[id]?.name ?? String(id);
  const self = member.userId === ctx.uow.userId;
  switch (op) {
    case 'member': {
      const kb = new InlineKeyboard();
      for (const role of ROLES.filter((r) => r !== member.role && !self)) kb.text(`→ ${roleName(ctx, role)}`, orgButton(orgId, 'member-role', String(member.userId), role));
      kb.row();
      if (member.role === 'worker') kb.text(ctx.t('btn-member-sups'), orgButton(orgId, 'member-sups', String(member.userId)));
      if (!self) kb.text(ctx.t('btn-member-remove'), orgButton(orgId, 'member-remove', String(member.userId)));
      kb.row().text(ctx.t('btn-member-cases'), encode({ kind: 'adm-case', orgId, op: 'list', workerId: member.userId }));
      if (!self) kb.text(ctx.t(member.suspended ? 'btn-member-resume' : 'btn-member-suspend'), orgButton(orgId, member.suspended ? 'member-resume' : 'member-suspend', String(member.userId)));
      kb.row().text(ctx.t('btn-back'), orgButton(orgId, 'members'));
      const sups = member.supervisors.map(name).join(', ') || '—';
      const card = ctx.t('member-card', { name: escapeHtml(member.name), role: roleName(ctx, member.role), since: date(ctx, member.joinedAt), supervisors: escapeHtml(sups) });
      await editOrSend(ctx, member.suspended ? `${card}\n${ctx.t('member-suspended-line')}` : card, { parse_mode: 'HTML', reply_markup: kb });
      return;
    }
    case 'member-suspend':
    case 'member-resume': {
      if (self) return;
      const on = op === 'member-suspend';
      if (Boolean(member.suspended) === on) return;
      // at once: the membership hash is read with every update of theirs (middleware/access.ts), and
      // the blocked key pauses their reminders and digest; nothing is deleted
      ctx.uow.alsoWrite((p) => ctx.deps.orgs.suspend(p, orgId, member, on));
      audit(ctx, orgId, on ? 'member-suspended' : 'member-resumed', { user: String(member.userId) });
      await editOrSend(ctx, ctx.t(on ? 'member-suspended' : 'member-resumed', { name: member.name }), {
        reply_markup: new InlineKeyboard().text(ctx.t('btn-back'), orgButton(orgId, 'member', String(member.userId))),
      });
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
      await editOrSend(ctx, ctx.t(candidates.length ? 'member-pick-sups' : 'member-no-sups', { name: member.name }), { reply_markup: kb });
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
      await editOrSend(ctx, ctx.t('member-remove-confirm', { name: member.name }), { reply_markup: kb });
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
      await editOrSend(ctx, ctx.t('member-removed', { name: member.name }));
      return;
    }
    default:
      return;
  }
}

/** A supervisor's own links stop when they stop supervising (demoted or removed). */
export function revokeLinksOf(p: import('ioredis').ChainableCommander, ctx: BotContext, orgId: string, view: OrgView, userId: number): void {
  for (const i of Object.values(view.invites)) {
    if (i.assignTo === userId && !i.revoked) ctx.deps.orgs.putInvite(p, orgId, { ...i, revoked: true });
  }
}

