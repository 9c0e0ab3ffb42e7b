// Supervisors and notes: every saved (or revised) note goes to the worker's supervisors as a short
// summary with ✅ Setujui, 💬 Beri tanggapan and 📄 Lihat lengkap; feedback reaches the worker,
// threaded to that note, who can revise it (earlier versions are kept).
import { Composer, InlineKeyboard } from 'grammy';
import { clientLabel } from '../../cases/labels.ts';
import { formatDate } from '../../engine/dates.ts';
import { maySupervise } from '../../org/access.ts';
import type { ReviewEvent, ReviewState } from '../../org/records.ts';
import type { CaseRecord, NoteRecord } from '../../store/records.ts';
import { encode } from '../callback-data.ts';
import type { BotContext } from '../context.ts';
import { ack, onAction } from '../actions.ts';
import { lang } from '../lang.ts';
import { escapeHtml } from '../render/format.ts';
import { renderNote } from '../render/note.ts';
import { renderSummary } from '../render/summary.ts';
import { localDay, nowIso } from '../time.ts';
import { audit } from './organisation.ts';

export const review = new Composer<BotContext>();

const FEEDBACK_MAX = 1000;

function event(ctx: BotContext, action: ReviewEvent['action'], note: NoteRecord, text?: string): ReviewEvent {
  return { at: nowIso(ctx), by: ctx.from!.id, byName: ctx.from!.first_name, action, version: note.version ?? 1, ...(text ? { text } : {}) };
}

function noteDate(ctx: BotContext, note: NoteRecord): string {
  return formatDate(note.sessionDate ?? localDay(ctx, note.createdAt), 'id');
}

/** After a note is saved or revised: its review starts (or starts again), its supervisors hear of it. */
export async function notifySupervisors(ctx: BotContext, note: NoteRecord, c: CaseRecord, revised: boolean): Promise<void> {
  const m = ctx.uow.membership;
  if (!m || m.supervisors.length === 0) return;
  const ev = event(ctx, revised ? 'revised' : 'submitted', note);
  ctx.uow.alsoWrite((p) => ctx.deps.store.writeReview(p, ctx.from!.id, note.id, 'menunggu', ev));
  // the buttons name the version they summarise: approving an older one is refused
  const ref = { workerId: ctx.from!.id, caseId: c.id, noteId: note.id, version: note.version ?? 1 };
  for (const supervisorId of m.supervisors) {
    // The supervisor's language is not read in this update: summaries are in Indonesian.
    const t = (key: string, vars?: Record<string, string | number>) => ctx.tIn('id', key, vars);
    const text = renderSummary(note, c, { workerName: ctx.from!.first_name, catalog: ctx.deps.catalog, lang: 'id', t, revised });
    const kb = new InlineKeyboard()
      .text(t('btn-review-approve'), encode({ kind: 'review', op: 'approve', ...ref }))
      .text(t('btn-review-feedback'), encode({ kind: 'review', op: 'feedback', ...ref }))
      .row()
      .text(t('btn-review-view'), encode({ kind: 'review', op: 'view', ...ref }));
    try {
      await ctx.api.sendMessage(supervisorId, text, { parse_mode: 'HTML', reply_markup: kb });
    } catch (err) {
      // One supervisor who blocked the bot must not stop the note or the others' summaries.
      ctx.log.warn({ supervisorId, err: String(err) }, 'summary not delivered');
    }
  }
}

onAction(review, 'review', async (ctx, a) => {
  const m = ctx.uow.membership;
  const other = ctx.reads.other?.result;
  if (!maySupervise(ctx.from!.id, m, a.workerId)) {
    ctx.log.warn({ workerId: a.workerId }, 'refused: review button for a worker not supervised by this user');
    if (m) audit(ctx, m.orgId, 'refused', { what: 'review', worker: String(a.workerId) });
    await ack(ctx, ctx.t('review-refused'));
    return;
  }
  const note = other?.notes[a.noteId];
  const c = other?.cases[a.caseId];
  if (!note || !c || !m) {
    await ack(ctx, ctx.t('stale-button'));
    return;
  }
  if (a.op !== 'view' && a.version !== undefined && a.version !== (note.version ?? 1)) {
    await ack(ctx, ctx.t('review-outdated'));
    return;
  }
  await ack(ctx);
  const worker = { id: a.workerId, client: clientLabel(c), date: noteDate(ctx, note) };
  switch (a.op) {
    case 'view': {
      for (const part of renderNote(note, c, lang(ctx), ctx.t.bind(ctx), localDay(ctx, note.createdAt))) await ctx.reply(part, { parse_mode: 'HTML' });
      const log = reviewLines(ctx, other!.reviewLog, other!.reviewStates[note.id]);
      if (log) await ctx.reply(log, { parse_mode: 'HTML' });
      audit(ctx, m.orgId, 'note-viewed', { worker: String(a.workerId), note: note.id });
      return;
    }
    case 'approve': {
      ctx.uow.alsoWrite((p) => ctx.deps.store.writeReview(p, a.workerId, note.id, 'disetujui', event(ctx, 'approved', note)));
      audit(ctx, m.orgId, 'note-approved', { worker: String(a.workerId), note: note.id });
      const view = encode({ kind: 'review', op: 'view', workerId: a.workerId, caseId: a.caseId, noteId: a.noteId });
      await ctx.editMessageReplyMarkup({ reply_markup: new InlineKeyboard().text(ctx.t('btn-review-view'), view) }).catch(() => undefined);
      await ctx.reply(ctx.t('review-approved', { client: worker.client, date: worker.date }));
      await tellWorker(ctx, a.workerId, ctx.tIn('id', 'review-approved-worker', { supervisor: ctx.from!.first_name, client: worker.client, date: worker.date }), a);
      return;
    }
    case 'feedback': {
      ctx.session.awaiting = { kind: 'feedback', workerId: a.workerId, caseId: a.caseId, noteId: a.noteId, version: note.version ?? 1, client: worker.client, date: worker.date };
      await ctx.reply(ctx.t('review-feedback-ask', { client: worker.client, date: worker.date }));
      return;
    }
  }
});

async function tellWorker(ctx: BotContext, workerId: number, text: string, ref: { caseId: string; noteId: string }, withEdit = false): Promise<void> {
  const kb = new InlineKeyboard().text(ctx.tIn('id', 'btn-review-open'), encode({ kind: 'history-note', caseId: ref.caseId, noteId: ref.noteId }));
  if (withEdit) kb.text(ctx.tIn('id', 'btn-note-edit'), encode({ kind: 'note-edit', caseId: ref.caseId, noteId: ref.noteId }));
  try {
    await ctx.api.sendMessage(workerId, text, { reply_markup: kb });
  } catch (err) {
    ctx.log.warn({ workerId, err: String(err) }, 'worker not told of the review');
  }
}

/** The supervisor's typed feedback (after 💬 Beri tanggapan). */
export async function recordFeedback(ctx: BotContext, text: string): Promise<void> {
  const w = ctx.session.awaiting;
  if (w?.kind !== 'feedback') return;
  ctx.session.awaiting = undefined;
  const m = ctx.uow.membership;
  if (!m || !maySupervise(ctx.from!.id, m, w.workerId)) {
    await ctx.reply(ctx.t('review-refused'));
    return;
  }
  const feedback = text.slice(0, FEEDBACK_MAX);
  const ev: ReviewEvent = { at: nowIso(ctx), by: ctx.from!.id, byName: ctx.from!.first_name, action: 'feedback', version: w.version, text: feedback };
  ctx.uow.alsoWrite((p) => ctx.deps.store.writeReview(p, w.workerId, w.noteId, 'perlu_perbaikan', ev));
  audit(ctx, m.orgId, 'feedback', { worker: String(w.workerId), note: w.noteId });
  await ctx.reply(ctx.t('review-feedback-sent', { client: w.client }));
  await tellWorker(ctx, w.workerId, ctx.tIn('id', 'review-feedback-worker', { supervisor: ctx.from!.first_name, client: w.client, date: w.date, text: feedback }), w, true);
}

/** The review of a note as lines under it: its state, then who did what. */
export function reviewLines(ctx: BotContext, log: ReviewEvent[] | undefined, state: ReviewState | undefined): string | undefined {
  if (!state && !log?.length) return undefined;
  const lines = [`<b>${escapeHtml(ctx.t('review-state', { state: ctx.t(`review-state-${state ?? 'menunggu'}`) }))}</b>`];
  for (const e of log ?? []) {
    const when = formatDate(localDay(ctx, e.at), lang(ctx));
    const what = ctx.t(`review-event-${e.action}`, { name: e.byName, version: e.version });
    lines.push(escapeHtml(`${when} · ${what}${e.text ? `: ${e.text}` : ''}`));
  }
  return lines.join('\n');
}

export function stateIcon(state: ReviewState | undefined): string {
  return state === 'disetujui' ? '✅ ' : state === 'perlu_perbaikan' ? '✏️ ' : state === 'menunggu' ? '⏳ ' : '';
}
