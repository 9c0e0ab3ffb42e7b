// Deleting a case (🗑 Hapus kasus), by its worker from the case card or by an admin from the
// worker's cases (member card → 📂 Kasus), and an admin moving a case to another worker.
//
// A worker's own deletion is this update's write: the case's keys in the worker's slot are removed
// by the same atomic compare-and-set that writes the session (without the draft, if the draft was
// this case) — ONE Lua call. An admin's deletion (or a move) writes another user's slot: one Lua
// call of its own there (src/privacy/vault.ts), compare-and-set on the revision read with this
// update, then this update's own write (the audit entry). Either way, what lives outside the slot
// (BullMQ schedulers and jobs, the supervisors' outbox guards) is scrubbed right after the write,
// and Redis is asked to rewrite its AOF (src/privacy/scrub.ts). The audit keeps who deleted which
// case id, when — never its content.
import { Feature } from '../feature.ts';
import { InlineKeyboard } from 'grammy';
import { caseButtonLabel, clientLabel } from '../../cases/labels.ts';
import { mayManage } from '../../org/access.ts';
import { erasureOps, sessionWithout, CaseVault } from '../../privacy/vault.ts';
import { scrubOutside } from '../../privacy/scrub.ts';
import { ReminderQueues } from '../../reminders/queues.ts';
import type { CaseRecord, NoteRecord } from '../../store/records.ts';
import { encode, type AdmCaseOp } from '../../telegram/callback-data.ts';
import { escapeHtml } from '../../telegram/format.ts';
import type { BotContext } from '../context.ts';
import { ack, onAction } from '../actions.ts';
import { lang } from '../lang.ts';
import { ownCase } from './case-picker.ts';
import { audit, refuse, date } from './organisation/common.ts';
import { dropButtons } from '../edits.ts';

export const caseDeletion = new Feature<BotContext>();

/** After the write: what is left of the case outside its owner's slot. */
function scrubAfterWrite(ctx: BotContext, ownerId: number, caseId: string, notes: NoteRecord[], supervisors: number[]): void {
  const store = ctx.deps.store;
  const reminders = ctx.deps.reminders;
  const log = ctx.log;
  const started = Date.now();
  ctx.uow.afterCommit.push(async () => {
    await scrubOutside(
      {
        redis: store.redis,
        keys: store.keys,
        logger: log,
        ...(reminders instanceof ReminderQueues ? { removeJobScheduler: (id: string) => reminders.schedule.removeJobScheduler(id) } : {}),
      },
      ownerId,
      caseId,
      notes.map((n) => ({ id: n.id, ...(n.version !== undefined ? { version: n.version } : {}) })),
      supervisors,
    );
    log.info({ caseId, ms: Date.now() - started }, 'case deleted');
  });
}

// ---- the worker's own case --------------------------------------------------------------------

onAction(caseDeletion, 'case-delete', async (ctx, a) => {
  const c = await ownCase(ctx, a.caseId);
  if (!c) return;
  ack(ctx);
  if (!a.confirm) {
    const kb = new InlineKeyboard()
      .text(ctx.t('btn-case-delete-yes'), encode({ kind: 'case-delete', caseId: c.id, confirm: true }))
      .text(ctx.t('btn-cancel'), encode({ kind: 'case-card', caseId: c.id }));
    await ctx.reply(ctx.t('case-delete-confirm', { client: escapeHtml(clientLabel(c)), notes: c.noteCount }), { parse_mode: 'HTML', reply_markup: kb });
    return;
  }
  await dropButtons(ctx);
  const notes = Object.values(ctx.uow.notes(c.id) ?? {});
  const ops = erasureOps(ctx.deps.store.keys, ctx.uow.userId, c.id, notes.map((n) => n.id), ctx.deps.clock.now().getTime());
  // in the user's own slot: these join this update's compare-and-set (one Lua call)
  ctx.uow.alsoWrite((p) => {
    for (const [command, key, ...args] of ops) (p as unknown as Record<string, (...x: string[]) => unknown>)[command.toLowerCase()]!(key, ...args);
  });
  const cleaned = sessionWithout(ctx.session, c.id);
  // a draft of this case goes with it, in the same write
  if (cleaned) for (const k of ['activity', 'awaiting', 'skipReason'] as const) if (!(k in cleaned)) delete ctx.session[k];
  delete ctx.uow.cases[c.id];
  const m = ctx.uow.membership;
  const entry = { case: c.id, owner: String(ctx.uow.userId), notes: String(notes.length) };
  if (m) audit(ctx, m.orgId, 'case-deleted', entry);
  else {
    const orgs = ctx.deps.orgs;
    const at = ctx.deps.clock.now().toISOString();
    const by = ctx.uow.userId;
    ctx.uow.afterCommit.push(() => orgs.securityLog({ at, by, action: 'case-deleted', detail: entry }));
  }
  scrubAfterWrite(ctx, ctx.uow.userId, c.id, notes, m?.supervisors ?? []);
  await ctx.reply(ctx.t('case-deleted', { client: clientLabel(c), notes: notes.length }));
});

// ---- an admin on a worker's cases ----------------------------------------------------------------

function adm(orgId: string, op: AdmCaseOp, workerId: number, caseId?: string, to?: number): string {
  return encode({ kind: 'adm-case', orgId, op, workerId, ...(caseId ? { caseId } : {}), ...(to !== undefined ? { to } : {}) });
}

onAction(caseDeletion, 'adm-case', async (ctx, a) => {
  const m = ctx.uow.membership;
  if (!mayManage(m, a.orgId)) return refuse(ctx, a.orgId);
  const view = ctx.reads.org?.result;
  const owner = ctx.reads.owner?.result;
  const member = view?.members[a.workerId];
  const departed = view?.departed[a.workerId];
  if (!view || !owner || (!member && !departed)) {
    ack(ctx, ctx.t('stale-button'));
    return;
  }
  ack(ctx);
  const who = member?.name ?? ctx.t('member-departed-name', { id: String(a.workerId) });
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
      for (const x of list.slice(0, 30)) kb.text(caseButtonLabel(x, ctx.deps.catalog.get(x.flowId), l), adm(a.orgId, 'card', a.workerId, x.id)).row();
      kb.text(ctx.t('btn-back'), member ? encode({ kind: 'org', orgId: a.orgId, op: 'member', a: String(a.workerId) }) : encode({ kind: 'org', orgId: a.orgId, op: 'members' }));
      // an admin seeing another worker's clients (initials, age) is a view: recorded
      audit(ctx, a.orgId, 'worker-cases-viewed', { user: String(a.workerId), cases: String(list.length) });
      await ctx.reply(list.length ? ctx.t('adm-cases-title', { name: escapeHtml(who), count: list.length }) : ctx.t('adm-cases-none', { name: escapeHtml(who) }), { parse_mode: 'HTML', reply_markup: kb });
      return;
    }
    case 'card': {
      const kb = new InlineKeyboard()
        .text(ctx.t('btn-case-delete'), adm(a.orgId, 'del', a.workerId, c!.id))
        .text(ctx.t('btn-case-move'), adm(a.orgId, 'move', a.workerId, c!.id))
        .row()
        .text(ctx.t('btn-back'), adm(a.orgId, 'list', a.workerId));
      const closed = c!.status === 'closed' && c!.closure ? date(ctx, c!.closure.at) : '—';
      await ctx.reply(ctx.t('adm-case-card', { client: escapeHtml(clientLabel(c!)), name: escapeHtml(who), status: ctx.t(`status-${c!.status}`), notes: c!.noteCount, closed, id: c!.id }), { parse_mode: 'HTML', reply_markup: kb });
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
      const rev = await new CaseVault(ctx.deps.store).erase(a.workerId, owner, c!.id, ctx.deps.clock.now().getTime());
      if (rev === -1) {
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
    case 'move-to': {
      const target = a.to !== undefined ? view.members[a.to] : undefined;
      if (!target || target.userId === a.workerId) {
        await ctx.reply(ctx.t('member-gone'));
        return;
      }
      await dropButtons(ctx);
      const result = await new CaseVault(ctx.deps.store).move(a.workerId, owner, c!.id, target.userId, ctx.deps.clock.now().getTime());
      if (result !== 'moved') {
        await ctx.reply(ctx.t(result === 'gone' ? 'adm-case-gone' : 'adm-case-busy'));
        return;
      }
      audit(ctx, a.orgId, 'case-moved', { case: c!.id, from: String(a.workerId), to: String(target.userId), user: String(target.userId) });
      // the old owner's scheduler of the case goes; the new owner's sync makes theirs
      const reminders = ctx.deps.reminders;
      if (reminders instanceof ReminderQueues) {
        const id = `case:${a.workerId}:${c!.id}`;
        ctx.uow.afterCommit.push(async () => void (await reminders.schedule.removeJobScheduler(id)));
      }
      ctx.uow.syncUsers.add(a.workerId);
      ctx.uow.syncUsers.add(target.userId);
      // a departed member whose last case moved needs no entry any more
      if (departed && Object.keys(owner.cases).length === 1) ctx.uow.alsoWrite((p) => ctx.deps.orgs.dropDeparted(p, a.orgId, a.workerId));
      await ctx.reply(ctx.t('adm-case-moved', { client: clientLabel(c!), from: who, to: target.name }));
      return;
    }
  }
});
