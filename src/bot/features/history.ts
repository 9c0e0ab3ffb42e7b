// /riwayat: a case's notes, newest first, each openable in full.
import { alertedIn } from '../activity/risk-alert.ts';
import { sendNoteFiles } from '../note-files.ts';
import type { NoteRecord } from '../../store/records.ts';
import type { AlertedRisk } from '../../store/session.ts';
import { Composer, InlineKeyboard } from 'grammy';
import { caseLabel, pick } from '../../cases/labels.ts';
import { byNewest } from '../../cases/note-builder.ts';
import { encode } from '../../telegram/callback-data.ts';
import type { BotContext } from '../context.ts';
import { Buttons } from '../buttons.ts';
import { ack } from '../actions.ts';
import { lang } from '../lang.ts';
import { renderNote } from '../render/note.ts';
import { riskHistoryLines } from '../render/risk-lines.ts';
import { fitLabel } from '../../telegram/format.ts';
import { shortDay } from '../../telegram/short-date.ts';
import { engineEnv, localDay } from '../time.ts';
import { ownCase, showCasePicker, PAGE_SIZE } from './case-picker.ts';
import { reviewLines, stateIcon } from './review.ts';
import { noActivityInProgress } from './drafts.ts';
import { beginAt } from '../activity/runner.ts';
import { editOrSend } from '../edits.ts';
import { audit } from './organisation/index.ts';

export const history = new Composer<BotContext>();
export const historyButtons = new Buttons();

history.command(['riwayat', 'history'], (ctx) => showCasePicker(ctx, 'history'));
historyButtons.menu('history', async (ctx) => {
  await showCasePicker(ctx, 'history');
});

historyButtons.on('history', async (ctx, a) => {
  const c = await ownCase(ctx, a.caseId);
  if (!c) return;
  ack(ctx);
  const l = lang(ctx);
  const list = Object.values(ctx.uow.notes(c.id) ?? {}).sort(byNewest);
  // with its code: the picker told two "Si (42)" apart by it, so the list says which one opened
  const label = caseLabel(c, ctx.deps.catalog.get(c.flowId), l, true);
  // an alert goes out before its note is saved: a case may have risks and no note yet
  const risks = riskHistoryLines(ctx.uow.caseRisks ?? [], ctx.t.bind(ctx), l, (iso) => localDay(ctx, iso));
  if (list.length === 0) {
    const kb = new InlineKeyboard();
    if (c.status === 'active') kb.text(ctx.t('btn-note'), encode({ kind: 'note-case', caseId: c.id }));
    await ctx.reply([ctx.t('history-empty', { label }), ...risks].join('\n'), { reply_markup: kb });
    return;
  }
  const pages = Math.ceil(list.length / PAGE_SIZE);
  const p = Math.min(a.page, pages - 1);
  const kb = new InlineKeyboard();
  const states = ctx.uow.reviewStates(c.id) ?? {};
  const today = engineEnv(ctx).today;
  for (const [i, n] of list.slice(p * PAGE_SIZE, (p + 1) * PAGE_SIZE).entries()) {
    // "6 Des", not "6 Desember 2026": the stage's number and title must fit the 24 characters too
    const date = shortDay(n.sessionDate ?? localDay(ctx, n.createdAt), today, l);
    // numbered as written (1 = the first note): notes of one day and stage stay apart
    const number = list.length - (p * PAGE_SIZE + i);
    kb.text(fitLabel(`${stateIcon(states[n.id])}${number}) ${date} · ${n.stageIndex + 1}. ${pick(n.stageTitle, l)}`), encode({ kind: 'history-note', caseId: c.id, noteId: n.id })).row();
  }
  if (p > 0) kb.text(ctx.t('btn-prev'), encode({ kind: 'history', caseId: c.id, page: p - 1 }));
  if (p < pages - 1) kb.text(ctx.t('btn-next'), encode({ kind: 'history', caseId: c.id, page: p + 1 }));
  const text = [ctx.t('history-list', { label, count: list.length, page: p + 1, pages }), ...risks].join('\n');
  // Paging edits the list it was pressed on; opening a case sends a new list.
  const pagingAList = ctx.callbackQuery?.message?.reply_markup?.inline_keyboard.some((row) =>
    row.some((b) => 'callback_data' in b && b.callback_data.startsWith('hn:')),
  );
  if (pagingAList) await editOrSend(ctx, text, { reply_markup: kb });
  else await ctx.reply(text, { reply_markup: kb });
});

historyButtons.on('history-note', async (ctx, a) => {
  const c = await ownCase(ctx, a.caseId);
  if (!c) return;
  const n = ctx.uow.notes(c.id)?.[a.noteId];
  if (!n) {
    ack(ctx, ctx.t('stale-button'));
    return;
  }
  ack(ctx);
  for (const part of renderNote(n, c, lang(ctx), ctx.t.bind(ctx), localDay(ctx, n.createdAt), (iso) => localDay(ctx, iso))) {
    await ctx.reply(part, { parse_mode: 'HTML' });
  }
  await sendNoteFiles(ctx, n, lang(ctx));
  // another worker's note (the case was moved here): a view, recorded as a supervisor's view is
  const m = ctx.uow.membership;
  if (m && n.authorId !== ctx.uow.userId) audit(ctx, m.orgId, 'note-viewed', { worker: String(n.authorId), note: n.id, case: c.id });
  const state = ctx.uow.reviewStates(c.id)?.[n.id];
  const review = reviewLines(ctx, ctx.uow.reviewLog, state);
  const kb = new InlineKeyboard();
  if (c.status === 'active') kb.text(ctx.t('btn-note-edit'), encode({ kind: 'note-edit', caseId: c.id, noteId: n.id }));
  if (review || c.status === 'active') await ctx.reply(review ?? ctx.t('note-no-review'), { parse_mode: 'HTML', reply_markup: kb });
});

// ✏️ Ubah catatan: the note's answers, straight to its review, to change and save again.
historyButtons.on('note-edit', async (ctx, a) => {
  const c = await ownCase(ctx, a.caseId);
  if (!c) return;
  const n = ctx.uow.notes(c.id)?.[a.noteId];
  if (!n || c.status !== 'active' || !(await noActivityInProgress(ctx))) {
    if (!n || c.status !== 'active') ack(ctx, ctx.t('stale-button'));
    return;
  }
  ack(ctx);
  const answers = Object.fromEntries(n.items.map((i) => [i.id, i.value]));
  // revised with the questions of the note's own flow version; a version the registry does not have
  // (never the case for the built-ins: flows/versions/ keeps version 1) falls back to the current one
  const own = await ctx.deps.catalog.ensure(n.flowId, n.flowVersion);
  await beginAt(
    ctx,
    { kind: 'note-edit', caseId: c.id, flowId: n.flowId, ...(own ? { flowVersion: n.flowVersion } : {}), stageId: n.stageId, original: n, ...withAlerted(n) },
    { answers, cursor: null, history: [], editing: false },
  );
});

/** A revision remembers the risk the note already alerted with: unchanged, nobody is alerted again. */
function withAlerted(n: NoteRecord): { alerted?: AlertedRisk } {
  const alerted = alertedIn(n);
  return alerted ? { alerted } : {};
}
