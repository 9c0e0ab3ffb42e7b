// Deleting a case (🗑 Hapus kasus) by its worker from the case card. (An admin's deletion, move or
// ending of a worker's case, from the member card → 📂 Kasus, is src/bot/features/case-admin.ts.)
//
// A worker's own deletion is this update's write: the case's keys in the worker's slot are removed
// by the same atomic compare-and-set that writes the session (without the draft, if the draft was
// this case) — ONE Lua call. An admin's deletion (or a move) writes another user's slot: one Lua
// call of its own there (src/privacy/vault.ts), compare-and-set on the revision read with this
// update, then this update's own write (the audit entry). Either way, what lives outside the slot
// (BullMQ schedulers and jobs, the supervisors' outbox guards) is scrubbed right after the write,
// and Redis is asked to rewrite its AOF (src/privacy/scrub.ts). The audit keeps who deleted which
// case id, when — never its content.
import { InlineKeyboard } from 'grammy';
import { clientLabel } from '../../cases/labels.ts';
import { erasureOps, sessionWithout } from '../../privacy/vault.ts';
import { ASIDE_FIELDS } from '../../store/session.ts';
import { scrubOutside } from '../../privacy/scrub.ts';
import { ReminderQueues } from '../../reminders/queues.ts';
import type { CaseRecord, NoteRecord } from '../../store/records.ts';
import { activeSupervisors } from '../../org/access.ts';
import { nowIso } from '../time.ts';
import { firstName } from '../user.ts';
import { encode } from '../../telegram/callback-data.ts';
import { escapeHtml } from '../../telegram/format.ts';
import type { BotContext } from '../context.ts';
import { Buttons } from '../buttons.ts';
import { ack } from '../actions.ts';
import { ownCase } from './case-picker.ts';
import { audit } from './organisation/common.ts';
import { dropButtons } from '../edits.ts';

export const caseDeletionButtons = new Buttons();

/** After the write: what is left of the case outside its owner's slot. */
export function scrubAfterWrite(ctx: BotContext, ownerId: number, caseId: string, notes: NoteRecord[], supervisors: number[]): void {
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

/**
 * Takes a case of the acting user's own out of their slot as part of this update's write (one Lua
 * call, compare-and-set with the session): the case, its notes and reviews, and a draft of it. Their
 * own slot is never written by a separate compare-and-set, which their own write would then lose.
 */
export function eraseOwnCase(ctx: BotContext, caseId: string, notes: NoteRecord[]): void {
  const ops = erasureOps(ctx.deps.store.keys, ctx.uow.userId, ctx.uow.cases[caseId]?.orgId, caseId, notes.map((n) => n.id), ctx.deps.clock.now().getTime());
  ctx.uow.alsoWriteOps(ops);
  const cleaned = sessionWithout(ctx.session, caseId);
  // a draft of this case goes with it, in the same write
  if (cleaned) for (const k of ['activity', ...ASIDE_FIELDS] as const) if (!(k in cleaned)) delete ctx.session[k];
  delete ctx.uow.cases[caseId];
}

// ---- the worker's own case --------------------------------------------------------------------

/** The institution keeps the record: a member's case with notes goes only once a supervisor or an
 *  admin approved (a deletion can hide a missed risk). An admin's own deletion is theirs to make. */
function needsApproval(ctx: BotContext, c: CaseRecord, notes = c.noteCount): boolean {
  const m = ctx.uow.membership;
  return m !== undefined && m.role !== 'admin' && notes > 0;
}

/** The worker's request: kept on the case (the approver checks it), audited, sent to who decides. */
async function requestDeletion(ctx: BotContext, c: CaseRecord, notes: number): Promise<void> {
  const m = ctx.uow.membership!;
  if (c.deletionRequest) {
    await ctx.reply(ctx.t('delete-request-pending', { client: clientLabel(c) }));
    return;
  }
  ctx.uow.putCase({ ...c, deletionRequest: { at: nowIso(ctx), by: ctx.uow.userId } });
  audit(ctx, m.orgId, 'case-delete-requested', { case: c.id, notes: String(notes) });
  const worker = { id: ctx.uow.userId, name: firstName(ctx) };
  const request = { worker, caseId: c.id, client: clientLabel(c), notes };
  const supervisors = activeSupervisors(m);
  for (const s of supervisors) ctx.uow.tell({ kind: 'delete-request', to: s, orgId: m.orgId, about: worker.id, ...request });
  // no supervisor: its delivery finds the admins and tells the worker who got it
  if (supervisors.length === 0) ctx.uow.tell({ kind: 'delete-request-escalate', to: worker.id, orgId: m.orgId, ...request });
  await ctx.reply(ctx.t(supervisors.length ? 'delete-requested' : 'delete-requested-admins', { client: clientLabel(c), notes }));
}

caseDeletionButtons.on('case-delete', async (ctx, a) => {
  const c = await ownCase(ctx, a.caseId);
  if (!c) return;
  ack(ctx);
  if (!a.confirm) {
    const approval = needsApproval(ctx, c);
    const kb = new InlineKeyboard()
      .text(ctx.t(approval ? 'btn-delete-ask' : 'btn-case-delete-yes'), encode({ kind: 'case-delete', caseId: c.id, confirm: true }))
      .text(ctx.t('btn-cancel'), encode({ kind: 'case-card', caseId: c.id }));
    const text = approval ? 'case-delete-confirm-approval' : 'case-delete-confirm';
    await ctx.reply(ctx.t(text, { client: escapeHtml(clientLabel(c)), notes: c.noteCount }), { parse_mode: 'HTML', reply_markup: kb });
    return;
  }
  await dropButtons(ctx);
  const notes = Object.values(ctx.uow.notes(c.id) ?? {});
  const m = ctx.uow.membership;
  if (needsApproval(ctx, c, notes.length)) {
    await requestDeletion(ctx, c, notes.length);
    return;
  }
  eraseOwnCase(ctx, c.id, notes);
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
