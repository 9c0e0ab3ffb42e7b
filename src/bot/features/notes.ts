// Recording a session (/catat): pick the case, confirm or change the stage, answer the stage's
// questions; after saving, move the case on or keep it where it is.
import { Feature } from '../feature.ts';
import { InlineKeyboard } from 'grammy';
import { caseLabel, clientLabel, pick } from '../../cases/labels.ts';
import type { CaseRecord } from '../../store/records.ts';
import { encode } from '../../telegram/callback-data.ts';
import type { BotContext } from '../context.ts';
import { begin } from '../activity/runner.ts';
import { ack, onAction, onMenu } from '../actions.ts';
import { lang } from '../lang.ts';
import { cut, escapeHtml, fitLabel } from '../../telegram/format.ts';
import { formatDate } from '../../engine/dates.ts';
import { estimatedTotal } from '../../engine/step.ts';
import { nowIso } from '../time.ts';
import { noActivityInProgress } from './drafts.ts';
import { ownCase, showCasePicker } from './case-picker.ts';
import { dropButtons, editOrSend } from '../edits.ts';

export const notes = new Feature<BotContext>();

async function recordSession(ctx: BotContext): Promise<void> {
  if (!(await noActivityInProgress(ctx))) return;
  await showCasePicker(ctx, 'note');
}

notes.command(['catat', 'note'], recordSession);
onMenu(notes, 'note', recordSession);

function flowOf(ctx: BotContext, c: CaseRecord) {
  const flow = ctx.deps.catalog.get(c.flowId);
  if (!flow) throw new Error(`case ${c.id} uses flow ${c.flowId}, which is not loaded`);
  return flow;
}

onAction(notes, 'note-case', async (ctx, a) => {
  const c = await ownCase(ctx, a.caseId);
  if (!c || !(await noActivityInProgress(ctx))) return;
  await ack(ctx);
  if (c.status !== 'active') {
    await ctx.reply(ctx.t('case-closed', { client: clientLabel(c) }));
    return;
  }
  const l = lang(ctx);
  const flow = flowOf(ctx, c);
  const i = flow.stages.findIndex((s) => s.id === c.stageId);
  const stage = flow.stages[i]!;
  const kb = new InlineKeyboard()
    .text(ctx.t('btn-this-stage', { index: i + 1 }), encode({ kind: 'note-go', caseId: c.id, stage: i }))
    .text(ctx.t('btn-other-stage'), encode({ kind: 'note-stages', caseId: c.id }));
  const text = ctx.t('confirm-stage', {
    label: escapeHtml(caseLabel(c, flow, l)),
    index: i + 1,
    count: flow.stages.length,
    stage: escapeHtml(pick(stage.title, l)),
    questions: estimatedTotal(stage),
  });
  await ctx.reply(c.lastNote ? `${lastNoteLines(ctx, c, flow)}\n\n${text}` : text, { parse_mode: 'HTML', reply_markup: kb });
});

/** Three lines of the case's last note, so the worker picks up where it left off. */
function lastNoteLines(ctx: BotContext, c: CaseRecord, flow: ReturnType<typeof flowOf>): string {
  const last = c.lastNote!;
  const l = lang(ctx);
  const stage = flow.stages.findIndex((s) => s.id === last.stageId);
  const date = formatDate(last.date, l) + (last.held ? '' : ` ${ctx.t('last-note-not-held')}`);
  return ctx.t('last-note', {
    date: escapeHtml(date),
    stage: stage >= 0 ? stage + 1 : '?',
    next: escapeHtml(cut(last.next ?? ctx.t('last-note-none'), 120)),
    meeting: escapeHtml(last.nextMeeting ? formatDate(last.nextMeeting, l) : ctx.t('last-note-none')),
  });
}

onAction(notes, 'note-stages', async (ctx, a) => {
  const c = await ownCase(ctx, a.caseId);
  if (!c) return;
  await ack(ctx);
  const l = lang(ctx);
  const flow = flowOf(ctx, c);
  const kb = new InlineKeyboard();
  // the buttons carry the number and the start of the title; the message names each stage whole
  flow.stages.forEach((s, i) => {
    const mark = s.id === c.stageId ? '📍 ' : '';
    kb.text(fitLabel(`${mark}${i + 1}. ${pick(s.title, l)}`), encode({ kind: 'note-go', caseId: c.id, stage: i })).row();
  });
  const list = flow.stages.map((s, i) => `${i + 1}. ${pick(s.title, l)}`).join('\n');
  await editOrSend(ctx, `${ctx.t('pick-stage', { label: caseLabel(c, flow, l) })}\n${list}`, { reply_markup: kb });
});

onAction(notes, 'note-go', async (ctx, a) => {
  const c = await ownCase(ctx, a.caseId);
  if (!c || !(await noActivityInProgress(ctx))) return;
  const flow = flowOf(ctx, c);
  const stage = flow.stages[a.stage];
  if (!stage || c.status !== 'active') {
    await ack(ctx, ctx.t('stale-button'));
    return;
  }
  await ack(ctx);
  await dropButtons(ctx);
  // A note for another stage moves the case there when it is saved, not before: cancelling leaves
  // the case where it was.
  await begin(ctx, { kind: 'note', caseId: c.id, flowId: flow.id, stageId: stage.id });
});

onAction(notes, 'move-stage', async (ctx, a) => {
  const c = await ownCase(ctx, a.caseId);
  if (!c) return;
  const flow = flowOf(ctx, c);
  const stage = flow.stages[a.stage];
  // The button was made for a case at stage `from`; if the case has moved since, it is stale.
  const current = flow.stages.findIndex((s) => s.id === c.stageId);
  if (!stage || current !== a.from || c.status !== 'active') {
    await ack(ctx, ctx.t('stale-button'));
    return;
  }
  await ack(ctx);
  await dropButtons(ctx);
  ctx.uow.putCase({ ...c, stageId: stage.id, updatedAt: nowIso(ctx) });
  await ctx.reply(ctx.t('stage-moved', { client: clientLabel(c), index: a.stage + 1, count: flow.stages.length, stage: pick(stage.title, lang(ctx)) }));
});

onAction(notes, 'stay', async (ctx, a) => {
  const c = await ownCase(ctx, a.caseId);
  if (!c) return;
  await ack(ctx);
  await dropButtons(ctx);
  const flow = flowOf(ctx, c);
  const i = flow.stages.findIndex((s) => s.id === c.stageId);
  await ctx.reply(ctx.t('stage-stayed', { client: clientLabel(c), index: i + 1, count: flow.stages.length }));
});
