// Recording a session (/catat): pick the case (the note begins at its stage, or another one),
// answer the stage's questions; after saving, move the case on or keep it where it is.
import { Composer, InlineKeyboard } from 'grammy';
import { alongsideStages, caseLabel, clientLabel, pick } from '../../cases/labels.ts';
import type { CaseRecord } from '../../store/records.ts';
import { decode, encode } from '../../telegram/callback-data.ts';
import type { BotContext } from '../context.ts';
import { Buttons } from '../buttons.ts';
import { begin, notifyStale } from '../activity/runner.ts';
import { ack } from '../actions.ts';
import { lang } from '../lang.ts';
import { cut, escapeHtml, fitLabel } from '../../telegram/format.ts';
import { formatDate } from '../../engine/dates.ts';
import { isFact } from '../../engine/conditions.ts';
import { nowIso } from '../time.ts';
import { noActivityInProgress } from './drafts.ts';
import { ownCase, showCasePicker } from './case-picker.ts';
import { dropButtons, editOrSend, pressedButtonData, pressedMessageId } from '../edits.ts';

export const notes = new Composer<BotContext>();
export const notesButtons = new Buttons();

async function recordSession(ctx: BotContext): Promise<void> {
  if (!(await noActivityInProgress(ctx))) return;
  await showCasePicker(ctx, 'note');
}

notes.command(['catat', 'note'], recordSession);
notesButtons.menu('note', recordSession);

function flowOf(ctx: BotContext, c: CaseRecord) {
  const flow = ctx.deps.catalog.get(c.flowId);
  if (!flow) throw new Error(`case ${c.id} uses flow ${c.flowId}, which is not loaded`);
  return flow;
}

/**
 * A case picked: the note begins at the case's stage. The case list (the message that only led
 * here) becomes the first question, its header naming the client and the stage, the last note's
 * lines above it, and a button to write for another stage instead. (A stage confirmation in
 * between cost every note a tap and three Bot API calls.)
 */
notesButtons.on('note-case', async (ctx, a) => {
  const c = await ownCase(ctx, a.caseId);
  if (!c || !(await noActivityInProgress(ctx))) return;
  ack(ctx);
  if (c.status !== 'active') {
    await ctx.reply(ctx.t('case-closed', { client: clientLabel(c) }));
    return;
  }
  const flow = flowOf(ctx, c);
  const stage = flow.stages.find((s) => s.id === c.stageId) ?? flow.stages[0]!;
  const edit = pressedOnCaseList(ctx);
  await begin(ctx, { kind: 'note', caseId: c.id, flowId: flow.id, stageId: stage.id }, {
    ...(edit !== undefined ? { edit } : {}),
    ...(c.lastNote ? { intro: lastNoteLines(ctx, c, flow), shortIntro: lastNoteLines(ctx, c, flow, true) } : {}),
    // beside another stage, a stage written alongside the others (a Bapas client's monthly supervision)
    extra: [
      { text: ctx.t('btn-other-stage'), data: encode({ kind: 'note-stages', caseId: c.id }) },
      ...alongsideStages(flow).filter((s) => s.id !== stage.id).map((s) => ({ text: fitLabel(`📋 ${pick(s.title, lang(ctx))}`), data: encode({ kind: 'note-go', caseId: c.id, stage: s.index }) })),
    ],
  });
});

/** The pressed message, when all it offers is cases to write for (the /catat list): it may become the note. */
function pressedOnCaseList(ctx: BotContext): number | undefined {
  const data = pressedButtonData(ctx);
  const picks = data.length > 0 && data.every((d) => ['note-case', 'case-page'].includes(decode(d)?.kind ?? ''));
  return picks ? pressedMessageId(ctx) : undefined;
}

/** Three lines of the case's last note, so the worker picks up where it left off. */
function lastNoteLines(ctx: BotContext, c: CaseRecord, flow: ReturnType<typeof flowOf>, short = false): string {
  const last = c.lastNote!;
  const l = lang(ctx);
  const stage = flow.stages.findIndex((s) => s.id === last.stageId);
  const date = formatDate(last.date, l) + (last.held ? '' : ` ${ctx.t(last.withoutClient ? 'last-note-without-client' : 'last-note-not-held')}`);
  return ctx.t(short ? 'last-note-short' : 'last-note', {
    date: escapeHtml(date),
    stage: stage >= 0 ? stage + 1 : '?',
    // short: each of the three on one phone line, so they share the first question's screen
    next: escapeHtml(cut(last.next ?? ctx.t('last-note-none'), short ? SHORT_NEXT : 120)),
    meeting: escapeHtml(last.nextMeeting ? formatDate(last.nextMeeting, l) : ctx.t('last-note-none')),
  });
}

/** The next step in the short recap: one phone line after "➡️ ". */
const SHORT_NEXT = 34;

/**
 * A press on the first question of a note just begun for this case (🔀, 📋): nothing is answered,
 * so that draft gives way; a draft with answers is never dropped unasked, and an old first
 * question's button under a note already answered is stale. False: the press was answered here.
 */
async function givesWay(ctx: BotContext, caseId: string): Promise<boolean> {
  const act = ctx.session.activity;
  // (the case's facts a draft starts with, "@setting", and its model's default answers are no answers given)
  const given = (k: string) => !isFact(k) && !act?.form.preset?.includes(k);
  const untouched = act?.kind === 'note' && act.caseId === caseId && act.form.history.length === 0 && !Object.keys(act.form.answers).some(given);
  if (act?.kind === 'note' && act.caseId === caseId && !untouched) {
    await notifyStale(ctx);
    return false;
  }
  if (untouched) {
    ctx.session.activity = undefined;
    return true;
  }
  return noActivityInProgress(ctx);
}

notesButtons.on('note-stages', async (ctx, a) => {
  const c = await ownCase(ctx, a.caseId);
  if (!c || !(await givesWay(ctx, c.id))) return;
  ack(ctx);
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

notesButtons.on('note-go', async (ctx, a) => {
  const c = await ownCase(ctx, a.caseId);
  // from the stage list, or (📋 a stage written alongside) from the first question of a note just begun
  if (!c || !(await givesWay(ctx, c.id))) return;
  const flow = flowOf(ctx, c);
  const stage = flow.stages[a.stage];
  if (!stage || c.status !== 'active') {
    ack(ctx, ctx.t('stale-button'));
    return;
  }
  ack(ctx);
  // A note for another stage moves the case there when it is saved, not before: cancelling leaves
  // the case where it was. The stage list becomes the first question.
  const edit = pressedMessageId(ctx);
  await begin(ctx, { kind: 'note', caseId: c.id, flowId: flow.id, stageId: stage.id }, edit !== undefined ? { edit } : {});
});

notesButtons.on('move-stage', async (ctx, a) => {
  const c = await ownCase(ctx, a.caseId);
  if (!c) return;
  const flow = flowOf(ctx, c);
  const stage = flow.stages[a.stage];
  // The button was made for a case at stage `from`; if the case has moved since, it is stale.
  const current = flow.stages.findIndex((s) => s.id === c.stageId);
  if (!stage || current !== a.from || c.status !== 'active') {
    ack(ctx, ctx.t('stale-button'));
    return;
  }
  ack(ctx);
  await dropButtons(ctx);
  ctx.uow.putCase({ ...c, stageId: stage.id, stageSince: nowIso(ctx), updatedAt: nowIso(ctx) });
  await ctx.reply(ctx.t('stage-moved', { client: clientLabel(c), index: a.stage + 1, count: flow.stages.length, stage: pick(stage.title, lang(ctx)) }));
});

notesButtons.on('stay', async (ctx, a) => {
  const c = await ownCase(ctx, a.caseId);
  if (!c) return;
  ack(ctx);
  await dropButtons(ctx);
  const flow = flowOf(ctx, c);
  const i = flow.stages.findIndex((s) => s.id === c.stageId);
  await ctx.reply(ctx.t('stage-stayed', { client: clientLabel(c), index: i + 1, count: flow.stages.length }));
});
