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
import type { NoteRecord } from '../../store/records.ts';
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
  const ops = erasureOps(ctx.deps.store.keys, ctx.uow.userId, caseId, notes.map((n) => n.id), ctx.deps.clock.now().getTime());
  ctx.uow.alsoWriteOps(ops);
  const cleaned = sessionWithout(ctx.session, caseId);
  // a draft of this case goes with it, in the same write
  if (cleaned) for (const k of ['activity', ...ASIDE_FIELDS] as const) if (!(k in cleaned)) delete ctx.session[k];
  delete ctx.uow.cases[caseId];
}

// ---- the worker's own case --------------------------------------------------------------------

caseDeletionButtons.on('case-delete', async (ctx, a) => {
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
  eraseOwnCase(ctx, c.id, notes);
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
