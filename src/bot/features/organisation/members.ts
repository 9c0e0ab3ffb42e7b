// An admin's member screens: the member list, a member's card, suspension and removal. What each
// change writes is decided by the membership rules (src/org/membership-rules.ts).
import { InlineKeyboard } from 'grammy';
import { removeByAdmin, setSuspended } from '../../../org/membership-rules.ts';
import type { OrgView } from '../../../org/org-store.ts';
import { ROLES, type Member } from '../../../store/org-records.ts';
import { encode } from '../../../telegram/callback-data.ts';
import type { OrgAction } from './org-action.ts';
import { escapeHtml } from '../../../telegram/format.ts';
import type { BotContext } from '../../context.ts';
import { editOrSend } from '../../edits.ts';
import { nowIso } from '../../time.ts';
import { applyChange, orgButton, roleName, date } from './common.ts';
import { roleAction } from './roles.ts';

export async function showMembers(ctx: BotContext, orgId: string, view: OrgView): Promise<void> {
  const list = Object.values(view.members).sort((x, y) => x.name.localeCompare(y.name));
  const name = (id: number) => view.members[id]?.name ?? String(id);
  const lines = list.map((mm) => {
    const sups = mm.supervisors.length ? ` (${ctx.t('member-supervised-by', { names: mm.supervisors.map(name).join(', ') })})` : '';
    return `• ${escapeHtml(mm.name)} — ${roleName(ctx, mm.role)}${escapeHtml(sups)}`;
  });
  const kb = new InlineKeyboard();
  list.forEach((mm, i) => {
    kb.text(`${mm.suspended ? '⏸ ' : ''}${mm.name}`.slice(0, 24), orgButton(orgId, { op: 'member', userId: mm.userId }));
    if (i % 3 === 2) kb.row();
  });
  // former members (/hapus_data_saya) who left cases: to move or delete them
  const gone = Object.values(view.departed);
  if (gone.length && list.length % 3 !== 0) kb.row();
  gone.forEach((d, i) => {
    kb.text((d.name ? ctx.t('member-departed-named', { name: d.name }) : ctx.t('member-departed-name', { id: String(d.userId) })).slice(0, 24), encode({ kind: 'adm-case', orgId, op: 'list', workerId: d.userId }));
    if (i % 3 === 2) kb.row();
  });
  if (gone.length) lines.push(ctx.t('members-departed', { count: gone.length }));
  kb.row().text(ctx.t('btn-back'), orgButton(orgId, { op: 'menu' }));
  await editOrSend(ctx, `${ctx.t('members-title')}\n${lines.join('\n')}`, { parse_mode: 'HTML', reply_markup: kb });
}

async function showMember(ctx: BotContext, orgId: string, view: OrgView, member: Member): Promise<void> {
  const self = member.userId === ctx.uow.userId;
  const name = (id: number) => view.members[id]?.name ?? String(id);
  const kb = new InlineKeyboard();
  for (const role of ROLES.filter((r) => r !== member.role && !self)) kb.text(`→ ${roleName(ctx, role)}`, orgButton(orgId, { op: 'member-role', userId: member.userId, role }));
  kb.row();
  if (member.role === 'worker') kb.text(ctx.t('btn-member-sups'), orgButton(orgId, { op: 'member-sups', userId: member.userId }));
  if (!self) kb.text(ctx.t('btn-member-remove'), orgButton(orgId, { op: 'member-remove', userId: member.userId }));
  kb.row().text(ctx.t('btn-member-cases'), encode({ kind: 'adm-case', orgId, op: 'list', workerId: member.userId }));
  if (!self) kb.text(ctx.t(member.suspended ? 'btn-member-resume' : 'btn-member-suspend'), orgButton(orgId, { op: member.suspended ? 'member-resume' : 'member-suspend', userId: member.userId }));
  kb.row().text(ctx.t('btn-back'), orgButton(orgId, { op: 'members' }));
  const sups = member.supervisors.map(name).join(', ') || '—';
  const card = ctx.t('member-card', { name: escapeHtml(member.name), role: roleName(ctx, member.role), since: date(ctx, member.joinedAt), supervisors: escapeHtml(sups) });
  await editOrSend(ctx, member.suspended ? `${card}\n${ctx.t('member-suspended-line')}` : card, { parse_mode: 'HTML', reply_markup: kb });
}

export async function memberAction(ctx: BotContext, orgId: string, view: OrgView, x: Extract<OrgAction, { userId: number }>): Promise<void> {
  const member = view.members[x.userId];
  if (!member) {
    await ctx.reply(ctx.t('member-gone'));
    return;
  }
  switch (x.op) {
    case 'member':
      return showMember(ctx, orgId, view, member);
    case 'member-suspend':
    case 'member-resume': {
      const on = x.op === 'member-suspend';
      // at once: the membership hash is read with every update of theirs (middleware/access.ts), and
      // the blocked key pauses their reminders and digest; nothing is deleted
      const change = setSuspended(view, ctx.uow.userId, member, on);
      if ('refused' in change) return;
      applyChange(ctx, orgId, change);
      await editOrSend(ctx, ctx.t(on ? 'member-suspended' : 'member-resumed', { name: member.name }), {
        reply_markup: new InlineKeyboard().text(ctx.t('btn-back'), orgButton(orgId, { op: 'member', userId: member.userId })),
      });
      return;
    }
    case 'member-role':
    case 'member-sups':
    case 'member-sup':
      return roleAction(ctx, orgId, view, member, x);
    case 'member-remove': {
      if (member.userId === ctx.uow.userId) return;
      const kb = new InlineKeyboard()
        .text(ctx.t('btn-member-remove-yes'), orgButton(orgId, { op: 'member-remove-yes', userId: member.userId }))
        .text(ctx.t('btn-back'), orgButton(orgId, { op: 'member', userId: member.userId }));
      await editOrSend(ctx, ctx.t('member-remove-confirm', { name: member.name }), { reply_markup: kb });
      return;
    }
    case 'member-remove-yes': {
      const cases = Object.keys(ctx.uow.owner?.cases ?? {}).length;
      const change = removeByAdmin(view, ctx.uow.userId, member, cases, nowIso(ctx));
      if ('refused' in change) return;
      applyChange(ctx, orgId, change);
      await editOrSend(ctx, ctx.t('member-removed', { name: member.name }));
      return;
    }
  }
}
