// Supervisors and notes: every saved (or revised) note goes to the worker's supervisors as a short
// summary with ✅ Setujui, 💬 Beri tanggapan and 📄 Lihat lengkap; feedback reaches the worker,
// threaded to that note, who can revise it (earlier versions are kept).
import { InlineKeyboard } from 'grammy';
import { clientLabel } from '../../cases/labels.ts';
import { formatDate } from '../../engine/dates.ts';
import { activeSupervisors, maySupervise } from '../../org/access.ts';
import { approveNote, FEEDBACK_MAX, giveFeedback, reviewEvent, reviewRefusal } from '../../org/supervision-actions.ts';
import { actorOf } from '../actor.ts';
import type { ReviewEvent, ReviewState } from '../../store/org-records.ts';
import type { CaseRecord, NoteRecord } from '../../store/records.ts';
import { encode } from '../../telegram/callback-data.ts';
import { approveRow } from '../../telegram/review-buttons.ts';
import type { BotContext } from '../context.ts';
import { Buttons } from '../buttons.ts';
import { ack } from '../actions.ts';
import { lang } from '../lang.ts';
import { escapeHtml } from '../../telegram/format.ts';
import { renderNote } from '../render/note.ts';
import { riskHistoryLines } from '../render/risk-lines.ts';
import { localDay } from '../time.ts';
import { audit } from './organisation/index.ts';
import { firstName } from '../user.ts';
import { dropButtons } from '../edits.ts';
import { awaitText, cancelAsideKeyboard, type AsideHandler } from '../asides.ts';
import type { Aside } from '../../store/session.ts';
import { workerReportButtons } from './reports.ts';
import { raiseAlert, savedRiskId } from '../activity/risk-alert.ts';
import { hasNoteFiles, sendNoteFiles } from '../note-files.ts';

export const reviewButtons = new Buttons();


function event(ctx: BotContext, action: ReviewEvent['action'], note: NoteRecord): ReviewEvent {
  return reviewEvent(actorOf(ctx), action, note);
}

/** The session's ISO date (else the day it was written): messages format it in their reader's language. */
function noteDay(ctx: BotContext, note: NoteRecord): string {
  return note.sessionDate ?? localDay(ctx, note.createdAt);
}

/**
 * After a note is saved or revised: its review starts (or starts again) and its supervisors hear of
 * it (after the write, in their language). A risk the draft did not alert with on confirmation (a
 * draft from before, or changed) is alerted now, to whoever must act (src/bot/activity/risk-alert.ts).
 */
export function notifySupervisors(ctx: BotContext, note: NoteRecord, c: CaseRecord, revised: boolean, alerted: boolean): void {
  if (!alerted && note.items.some((i) => i.urgent)) {
    raiseAlert(ctx, note, { draft: note.id, part: 'saved', answer: `v${note.version ?? 1}` }, savedRiskId(note));
  }
  const m = ctx.uow.membership;
  if (!m || m.supervisors.length === 0) return;
  const ev = event(ctx, revised ? 'revised' : 'submitted', note);
  ctx.uow.alsoWrite((p) => ctx.deps.store.writeReview(p, ctx.uow.userId, m.orgId, note.caseId, note.id, 'menunggu', ev));
  const worker = { id: ctx.uow.userId, name: firstName(ctx) };
  const about = { orgId: m.orgId, about: ctx.uow.userId };
  // a suspended supervisor (a lost phone) is left out; the outbox checks again when it sends
  for (const supervisorId of activeSupervisors(m)) ctx.uow.tell({ kind: 'summary', to: supervisorId, ...about, worker, note, case: c, revised });
}

reviewButtons.on('review', async (ctx, a) => {
  const m = ctx.uow.membership;
  // that note and its case, read with the update (src/bot/read-plan.ts)
  const other = ctx.uow.other;
  const refused = reviewRefusal(ctx.uow.userId, m, a.workerId, other, { approve: a.op === 'approve', version: a.op !== 'view' ? a.version : undefined });
  if (refused === 'not-a-supervisor') {
    ctx.log.warn({ workerId: a.workerId }, 'refused: review button for a worker not supervised by this user');
    if (m) audit(ctx, m.orgId, 'refused', { what: 'review', worker: String(a.workerId) });
    ack(ctx, ctx.t('review-refused'));
    return;
  }
  // approved already (from /tim, or a second summary of it): the worker is not told twice
  if (refused) {
    ack(ctx, ctx.t(refused === 'gone' ? 'stale-button' : refused === 'outdated' ? 'review-outdated' : 'review-already-approved'));
    return;
  }
  const note = other?.note;
  const c = other?.case;
  if (!m || !note || !c) return; // (reviewRefusal said so already)
  ack(ctx);
  const worker = { id: a.workerId, client: clientLabel(c), day: noteDay(ctx, note) };
  switch (a.op) {
    case 'view': {
      // the note, then its review thread; under the last of them, the case's report and chart
      const parts = renderNote(note, c, lang(ctx), ctx.t.bind(ctx), localDay(ctx, note.createdAt), (iso) => localDay(ctx, iso));
      // the note's documentation (📷 in the text) follows the note, before its thread
      const risks = riskHistoryLines(ctx.uow.caseRisks ?? [], ctx.t.bind(ctx), lang(ctx), (iso) => localDay(ctx, iso)).map(escapeHtml).join('\n');
      const log = [risks, reviewLines(ctx, other!.reviewLog, other!.reviewState)].filter(Boolean).join('\n\n');
      // a note still awaiting review can be approved or answered from here too (opened from /tim)
      const reports = workerReportButtons(ctx, a.workerId, c);
      const ref = { workerId: a.workerId, caseId: a.caseId, noteId: a.noteId, version: note.version ?? 1, orgId: m.orgId };
      const report = other!.reviewState === 'menunggu' ? approveRow(ctx.t.bind(ctx), ref).row().add(...reports.inline_keyboard.flat()) : reports;
      const filesLast = !log && hasNoteFiles(note);
      for (const [i, part] of parts.entries()) {
        const last = i === parts.length - 1 && !log && !filesLast;
        await ctx.reply(part, { parse_mode: 'HTML', ...(last ? { reply_markup: report } : {}) });
      }
      const placed = await sendNoteFiles(ctx, note, lang(ctx), filesLast ? report : undefined);
      if (log) await ctx.reply(log, { parse_mode: 'HTML', reply_markup: report });
      else if (filesLast && !placed) await ctx.reply(ctx.t('note-report-below'), { reply_markup: report });
      audit(ctx, m.orgId, 'note-viewed', { worker: String(a.workerId), note: note.id });
      return;
    }
    case 'approve': {
      approveNote(actorOf(ctx), { orgId: m.orgId, workerId: a.workerId, caseId: a.caseId, noteId: a.noteId, client: worker.client, date: worker.day }, note);
      const view = encode({ kind: 'review', op: 'view', workerId: a.workerId, caseId: a.caseId, noteId: a.noteId });
      await dropButtons(ctx, new InlineKeyboard().text(ctx.t('btn-review-view'), view));
      await ctx.reply(ctx.t('review-approved', { client: worker.client, date: formatDate(worker.day, lang(ctx)) }));
      return;
    }
    case 'feedback': {
      awaitText(ctx, { kind: 'feedback', orgId: m.orgId, workerId: a.workerId, caseId: a.caseId, noteId: a.noteId, version: note.version ?? 1, client: worker.client, date: worker.day });
      await ctx.reply(ctx.t('review-feedback-ask', { client: worker.client, date: formatDate(worker.day, lang(ctx)) }), { reply_markup: cancelAsideKeyboard(ctx.t.bind(ctx)) });
      return;
    }
  }
});

/** The supervisor's typed feedback (after 💬 Beri tanggapan; src/bot/asides.ts). */
export const feedbackAside: AsideHandler<'feedback'> = { max: FEEDBACK_MAX, answer: recordFeedback };

async function recordFeedback(ctx: BotContext, w: Extract<Aside, { kind: 'feedback' }>, feedback: string): Promise<void> {
  const m = ctx.uow.membership;
  // the organisation worked in when 💬 was pressed: switched since (/lembaga), the note is not theirs here
  if (!m || !maySupervise(ctx.uow.userId, m, w.workerId) || (w.orgId !== undefined && w.orgId !== m.orgId)) {
    await ctx.reply(ctx.t('review-refused'));
    return;
  }
  giveFeedback(actorOf(ctx), { orgId: m.orgId, workerId: w.workerId, caseId: w.caseId, noteId: w.noteId, client: w.client, date: w.date }, w.version, feedback);
  await ctx.reply(ctx.t('review-feedback-sent', { client: w.client }));
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
