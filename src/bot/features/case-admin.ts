// An admin on a worker's cases (member card → 📂 Kasus, or a former member under 👥 Anggota): the
// list, a case's card, deleting it, moving it to another member, and ending a former member's case.
//
// Another user's slot is written by one Lua call of its own there (src/privacy/vault.ts),
// compare-and-set on the revision read with this update, then this update's own write (the audit
// entry, the messages). The admin's own slot is never written that way: their own cases go out in
// their own write (eraseOwnCase), which a separate compare-and-set would make lose its race — and
// with it the audit entry and the clean-up. Whoever may read the case differently afterwards hears
// of it: a move tells the worker it came from, their supervisors and the worker it went to.
import { InlineKeyboard } from 'grammy';
import { caseButtonLabel, caseCode, clientLabel } from '../../cases/labels.ts';
import { closedCase, endReasonFits } from '../../cases/closure.ts';
import { mayManage } from '../../org/access.ts';
import { CaseVault } from '../../privacy/vault.ts';
import type { OwnerView } from '../../store/read-plan.ts';
import { ReminderQueues } from '../../reminders/queues.ts';
import type { Member } from '../../store/org-records.ts';
import type { OrgView } from '../../org/org-store.ts';
import { END_REASONS, type CaseRecord } from '../../store/records.ts';
import { encode, type AdmCaseOp } from '../../telegram/callback-data.ts';
import { escapeHtml } from '../../telegram/format.ts';
import type { BotContext } from '../context.ts';
import { Buttons } from '../buttons.ts';
import { ack } from '../actions.ts';
import { lang } from '../lang.ts';
import { nowIso } from '../time.ts';
import { firstName } from '../user.ts';
import { audit, orgRead, refuse, date } from './organisation/common.ts';
import { dropButtons } from '../edits.ts';
import { eraseOwnCase, scrubAfterWrite } from './case-deletion.ts';

export const caseAdminButtons = new Buttons();

function adm(orgId: string, op: AdmCaseOp, workerId: number, caseId?: string, to?: number): string {
  return encode({ kind: 'adm-case', orgId, op, workerId, ...(caseId ? { caseId } : {}), ...(to !== undefined ? { to } : {}) });
}

/** A former member as the admins' screens name them (by id when they deleted their own data). */
function formerName(ctx: BotContext, view: OrgView, userId: number): string {
  const name = view.departed[userId]?.name;
  return name ? ctx.t('member-departed-named', { name }) : ctx.t('member-departed-name', { id: String(userId) });
}

/** What an admin's case button read: the organisation and the owner's keys, checked. */
function adminScope(ctx: BotContext, orgId: string, workerId: number): { view: OrgView; owner: OwnerView; member: Member | undefined; departed: boolean } | undefined {
  const view = orgRead(ctx, orgId);
  const owner = ctx.uow.owner;
  const member = view?.members[workerId];
  const departed = view?.departed[workerId] !== undefined;
  if (!view || !owner || (!member && !departed)) return undefined;
  return { view, owner, member, departed };
}

caseAdminButtons.on('adm-case', async (ctx, a) => {
  const m = ctx.uow.membership;
  if (!mayManage(m, a.orgId)) return refuse(ctx, a.orgId);
  const scope = adminScope(ctx, a.orgId, a.workerId);
  if (!scope) {
    ack(ctx, ctx.t('stale-button'));
    return;
  }
  ack(ctx);
  const { view, owner, member, departed } = scope;
  const who = member?.name ?? formerName(ctx, view, a.workerId);
  const c: CaseRecord | undefined = a.caseId ? owner.cases[a.caseId] : undefined;
  if (a.op !== 'list' && !c) {
    await ctx.reply(ctx.t('adm-case-gone'));
    return;
  }
  const l = lang(ctx);
  switch (a.op) {
    case 'list': {
      const list = Object.values(owner.cases).sort((x, y) => y.updatedAt.localeCompare(x.updatedAt));
      const kb = new InlineKeyboard();
      for (const x of list.slice(0, 30)) kb.text(caseButtonLabel(x, ctx.deps.catalog.get(x.flowId), l, list), adm(a.orgId, 'card', a.workerId, x.id)).row();
      kb.text(ctx.t('btn-back'), member ? encode({ kind: 'org', orgId: a.orgId, op: 'member', a: String(a.workerId) }) : encode({ kind: 'org', orgId: a.orgId, op: 'members' }));
      // an admin seeing another worker's clients (initials, age) is a view: recorded
      audit(ctx, a.orgId, 'worker-cases-viewed', { user: String(a.workerId), cases: String(list.length) });
      // a former member with nothing left needs no entry among the members any more
      if (departed && list.length === 0) ctx.uow.alsoWrite((p) => ctx.deps.orgs.dropDeparted(p, a.orgId, a.workerId));
      await ctx.reply(list.length ? ctx.t('adm-cases-title', { name: escapeHtml(who), count: list.length }) : ctx.t('adm-cases-none', { name: escapeHtml(who) }), { parse_mode: 'HTML', reply_markup: kb });
      return;
    }
    case 'card': {
      const kb = new InlineKeyboard()
        .text(ctx.t('btn-case-delete'), adm(a.orgId, 'del', a.workerId, c!.id))
        .text(ctx.t('btn-case-move'), adm(a.orgId, 'move', a.workerId, c!.id))
        .row();
      // a member ends their own cases; a former member's open case is ended here
      if (!member && c!.status === 'active') kb.text(ctx.t('btn-adm-case-end'), adm(a.orgId, 'end', a.workerId, c!.id)).row();
      kb.text(ctx.t('btn-back'), adm(a.orgId, 'list', a.workerId));
      const closed = c!.status === 'closed' && c!.closure ? date(ctx, c!.closure.at) : '—';
      await ctx.reply(ctx.t('adm-case-card', { client: escapeHtml(clientLabel(c!)), name: escapeHtml(who), status: ctx.t(`status-${c!.status}`), notes: c!.noteCount, closed, id: caseCode(c!.id) }), { parse_mode: 'HTML', reply_markup: kb });
      return;
    }
    case 'end': {
      if (member || c!.status !== 'active') return;
      const kb = new InlineKeyboard();
      END_REASONS.forEach((r, i) => {
        if (endReasonFits(c!, r)) kb.text(ctx.t(`end-reason-${r}`), encode({ kind: 'adm-end', orgId: a.orgId, workerId: a.workerId, caseId: c!.id, reason: i })).row();
      });
      kb.text(ctx.t('btn-end-cancel'), adm(a.orgId, 'card', a.workerId, c!.id));
      await ctx.reply(ctx.t('end-ask-reason', { client: escapeHtml(clientLabel(c!)) }), { parse_mode: 'HTML', reply_markup: kb });
      return;
    }
    case 'del': {
      const kb = new InlineKeyboard()
        .text(ctx.t('btn-case-delete-yes'), adm(a.orgId, 'del-yes', a.workerId, c!.id))
        .text(ctx.t('btn-cancel'), adm(a.orgId, 'card', a.workerId, c!.id));
      await ctx.reply(ctx.t('adm-case-delete-confirm', { client: escapeHtml(clientLabel(c!)), notes: c!.noteCount, name: escapeHtml(who) }), { parse_mode: 'HTML', reply_markup: kb });
      return;
    }
    case 'del-yes': {
      await dropButtons(ctx);
      const notes = Object.values(owner.notes);
      if (a.workerId === ctx.uow.userId) eraseOwnCase(ctx, c!.id, notes);
      else if ((await new CaseVault(ctx.deps.store).erase(a.workerId, owner, c!.id, ctx.deps.clock.now().getTime())) === -1) {
        await ctx.reply(ctx.t('adm-case-busy'));
        return;
      }
      audit(ctx, a.orgId, 'case-deleted', { case: c!.id, owner: String(a.workerId), notes: String(notes.length) });
      scrubAfterWrite(ctx, a.workerId, c!.id, notes, member?.supervisors ?? []);
      ctx.uow.syncUsers.add(a.workerId);
      if (departed && Object.keys(owner.cases).length === 1) ctx.uow.alsoWrite((p) => ctx.deps.orgs.dropDeparted(p, a.orgId, a.workerId));
      await ctx.reply(ctx.t('case-deleted', { client: clientLabel(c!), notes: notes.length }));
      return;
    }
    case 'move': {
      const targets = Object.values(view.members).filter((x) => x.userId !== a.workerId && !x.suspended).sort((x, y) => x.name.localeCompare(y.name));
      const kb = new InlineKeyboard();
      targets.forEach((t, i) => {
        kb.text(t.name.slice(0, 24), adm(a.orgId, 'move-to', a.workerId, c!.id, t.userId));
        if (i % 2 === 1) kb.row();
      });
      kb.row().text(ctx.t('btn-back'), adm(a.orgId, 'card', a.workerId, c!.id));
      await ctx.reply(ctx.t(targets.length ? 'adm-case-move-pick' : 'adm-case-move-none', { client: escapeHtml(clientLabel(c!)) }), { parse_mode: 'HTML', reply_markup: kb });
      return;
    }
    case 'move-to':
      return moveCase(ctx, a.orgId, { view, owner, member, departed }, a.workerId, c!, a.to);
  }
});

async function moveCase(ctx: BotContext, orgId: string, scope: NonNullable<ReturnType<typeof adminScope>>, from: number, c: CaseRecord, to: number | undefined): Promise<void> {
  const { view, owner, member, departed } = scope;
  const target = to !== undefined ? view.members[to] : undefined;
  if (!target || target.userId === from || target.suspended) {
    await ctx.reply(ctx.t('member-gone'));
    return;
  }
  await dropButtons(ctx);
  const vault = new CaseVault(ctx.deps.store);
  if (from === ctx.uow.userId) {
    // out of the admin's own slot: copied first, then taken out by this update's own write
    await vault.copy(from, owner, c.id, target.userId);
    eraseOwnCase(ctx, c.id, Object.values(owner.notes));
  } else {
    const result = await vault.move(from, owner, c.id, target.userId, ctx.deps.clock.now().getTime());
    if (result !== 'moved') {
      await ctx.reply(ctx.t(result === 'gone' ? 'adm-case-gone' : 'adm-case-busy'));
      return;
    }
  }
  audit(ctx, orgId, 'case-moved', { case: c.id, from: String(from), to: String(target.userId), user: String(target.userId) });
  // the old owner's scheduler of the case goes; the new owner's sync makes theirs
  const reminders = ctx.deps.reminders;
  if (reminders instanceof ReminderQueues) {
    const id = `case:${from}:${c.id}`;
    ctx.uow.afterCommit.push(async () => void (await reminders.schedule.removeJobScheduler(id)));
  }
  ctx.uow.syncUsers.add(from);
  ctx.uow.syncUsers.add(target.userId);
  // a departed member whose last case moved needs no entry any more
  if (departed && Object.keys(owner.cases).length === 1) ctx.uow.alsoWrite((p) => ctx.deps.orgs.dropDeparted(p, orgId, from));
  // who reads the case changes: the worker it came from, their supervisors and the one it went to hear of it
  const who = member?.name ?? formerName(ctx, view, from);
  const told = { by: { id: ctx.uow.userId, name: firstName(ctx) }, from: { id: from, name: who }, target: { id: target.userId, name: target.name }, client: clientLabel(c), orgId };
  const me = ctx.uow.userId;
  if (member && from !== me) ctx.uow.tell({ kind: 'case-moved', to: from, about: from, ...told });
  for (const s of member?.supervisors ?? []) if (s !== me && s !== target.userId && !view.members[s]?.suspended) ctx.uow.tell({ kind: 'case-moved', to: s, about: from, ...told });
  if (target.userId !== me) ctx.uow.tell({ kind: 'case-moved', to: target.userId, about: target.userId, ...told });
  await ctx.reply(ctx.t('adm-case-moved', { client: clientLabel(c), from: who, to: target.name }));
}

/** A former member's open case ended by an admin, with a reason: closed in the owner's slot. */
caseAdminButtons.on('adm-end', async (ctx, a) => {
  const m = ctx.uow.membership;
  if (!mayManage(m, a.orgId)) return refuse(ctx, a.orgId);
  const scope = adminScope(ctx, a.orgId, a.workerId);
  const c = scope?.owner.cases[a.caseId];
  const found = END_REASONS[a.reason];
  const reason = c && found && endReasonFits(c, found) ? found : undefined;
  if (!scope || scope.member || !c || !reason) {
    ack(ctx, ctx.t('stale-button'));
    return;
  }
  ack(ctx);
  await dropButtons(ctx);
  if (c.status !== 'active') {
    await ctx.reply(ctx.t('case-closed', { client: clientLabel(c) }));
    return;
  }
  const closed = closedCase(c, { reason, at: nowIso(ctx), by: ctx.uow.userId });
  if ((await new CaseVault(ctx.deps.store).close(a.workerId, scope.owner, closed)) === -1) {
    await ctx.reply(ctx.t('adm-case-busy'));
    return;
  }
  audit(ctx, a.orgId, 'case-ended', { case: c.id, reason, owner: String(a.workerId) });
  // its reminder scheduler goes with the owner's next sync
  ctx.uow.syncUsers.add(a.workerId);
  await ctx.reply(ctx.t('adm-case-ended', { client: escapeHtml(clientLabel(c)), reason: ctx.t(`end-reason-${reason}`) }), { parse_mode: 'HTML' });
});
