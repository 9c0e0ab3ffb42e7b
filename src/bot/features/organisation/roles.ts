// An admin sets a member's role and their supervisors. What each change writes (a promoted worker
// leaves their supervisors, a demoted supervisor their workers and links) is decided by the
// membership rules (src/org/membership-rules.ts).
import { InlineKeyboard } from 'grammy';
import { changeRole, toggleSupervisor } from '../../../org/membership-rules.ts';
import type { OrgView } from '../../../org/org-store.ts';
import type { Member } from '../../../store/org-records.ts';
import type { OrgAction } from './org-action.ts';
import type { BotContext } from '../../context.ts';
import { editOrSend } from '../../edits.ts';
import { firstName } from '../../user.ts';
import { applyChange, orgButton, roleName } from './common.ts';

export async function roleAction(ctx: BotContext, orgId: string, view: OrgView, member: Member, x: Extract<OrgAction, { op: 'member-role' | 'member-sups' | 'member-sup' }>): Promise<void> {
  switch (x.op) {
    case 'member-role': {
      const change = changeRole(view, ctx.uow.userId, member, x.role);
      if ('refused' in change) return;
      applyChange(ctx, orgId, change);
      await ctx.reply(ctx.t('member-role-set', { name: member.name, role: roleName(ctx, x.role) }));
      return;
    }
    case 'member-sups': {
      const candidates = Object.values(view.members).filter((s) => s.role !== 'worker' && s.userId !== member.userId);
      const kb = new InlineKeyboard();
      candidates.forEach((s, i) => {
        kb.text(`${member.supervisors.includes(s.userId) ? '✅ ' : ''}${s.name}`.slice(0, 24), orgButton(orgId, { op: 'member-sup', userId: member.userId, supervisorId: s.userId }));
        if (i % 2 === 1) kb.row();
      });
      kb.row().text(ctx.t('btn-back'), orgButton(orgId, { op: 'member', userId: member.userId }));
      await editOrSend(ctx, ctx.t(candidates.length ? 'member-pick-sups' : 'member-no-sups', { name: member.name }), { reply_markup: kb });
      return;
    }
    case 'member-sup': {
      const change = toggleSupervisor(view, member, x.supervisorId);
      if ('refused' in change) return;
      applyChange(ctx, orgId, change);
      // a new reader of the worker's notes: the worker and their other supervisors hear who it is
      if (change.added) {
        const told = { orgId, about: member.userId, by: { id: ctx.uow.userId, name: firstName(ctx) }, worker: { id: member.userId, name: member.name }, supervisor: { id: change.supervisor.userId, name: change.supervisor.name } };
        const others = member.supervisors.filter((s) => s !== ctx.uow.userId && !view.members[s]?.suspended);
        for (const to of [member.userId, ...others]) ctx.uow.tell({ kind: 'supervisor-assigned', to, ...told });
      }
      await ctx.reply(ctx.t(change.added ? 'member-sup-added' : 'member-sup-removed', { worker: member.name, supervisor: change.supervisor.name }));
      return;
    }
  }
}
