// Drives the current activity (a case intake or a session note): feeds an input to the engine,
// shows what it says, and keeps the draft in the session, which is written after every update.
import { GrammyError } from 'grammy';
import { resume, start, step, type EngineEvent, type FormState, type Input } from '../../engine/step.ts';
import type { Form } from '../../engine/types.ts';
import { migrateAnswers } from '../../engine/migrate.ts';
import { intakeForm } from '../../cases/intake-form.ts';
import { clientLabel, pick, stageNumber } from '../../cases/labels.ts';
import { newId } from '../../store/ids.ts';
import type { Activity, BotContext, IntakeActivity, NoteActivity, NoteEditActivity } from '../context.ts';
import { lang } from '../lang.ts';
import { ack } from '../actions.ts';
import { cut, escapeHtml, formatAnswer, shapeOf, type Translate } from '../../telegram/format.ts';
import type { CaseRecord } from '../../store/records.ts';
import type { Lang } from '../context.ts';
import { renderAsk, renderConfirmCancel, renderEchoes, renderReview, renderSaved, type FormView } from '../render/form.ts';
import { answerInPlace, editInto, send, showFirst, type FirstScreen } from './screens.ts';
import { engineEnv, nowIso } from '../time.ts';
import { completeActivity } from './complete.ts';
import { intakeFlows } from './offered.ts';
import { refusedOverCaseLimit } from '../case-limit.ts';

export interface ResolvedActivity {
  form: Form;
  view: FormView;
}

/**
 * The form an activity walks, and how its screens are titled; undefined if its flow is gone.
 * A note's draft walks the flow version it started on (`flowVersion`), whatever the files say now.
 */
export function resolve(ctx: BotContext, act: Activity): ResolvedActivity | undefined {
  const l = lang(ctx);
  const t = ctx.t.bind(ctx);
  if (act.kind === 'intake') {
    const form = intakeForm(ctx.deps.catalog, intakeFlows(ctx, act));
    return { form, view: { form, token: act.token, lang: l, t, header: t('intake-header'), hasGuide: false } };
  }
  const flow = ctx.deps.catalog.at(act.flowId, act.flowVersion);
  const stage = flow?.stages.find((s) => s.id === act.stageId);
  // The case stays sealed unless a screen needs more of it than the draft keeps (its label): most
  // updates answer a question, and opening the case was a third of an update's cryptography.
  const cases = ctx.uow.cases;
  if (!flow || !stage || !(act.caseId in cases)) return undefined;
  const header = t('note-header', {
    client: act.client ?? clientLabel(cases[act.caseId]!),
    index: stage.index + 1,
    count: flow.stages.length,
    stage: pick(stage.title, l),
  });
  let recalled: FormView['recalled'];
  const view: FormView = {
    form: stage, token: act.token, lang: l, t, header, hasGuide: true,
    // only a question that shows a carried answer (`recall`) opens the case for it
    get recalled() {
      return (recalled ??= recalledTexts(cases[act.caseId]!, l, t));
    },
  };
  return { form: stage, view };
}

/** The case's carried answers as text, for questions that show one above their prompt (`recall`). */
function recalledTexts(c: CaseRecord, l: Lang, t: Translate): Record<string, { label: string; text: string }> {
  const out: Record<string, { label: string; text: string }> = {};
  for (const [id, item] of Object.entries(c.carry ?? {})) {
    out[id] = { label: pick(item.label, l), text: formatAnswer({ type: item.type }, item.value, l, t, item.display) };
  }
  return out;
}

/** Edits a message the bot sent earlier; a message that is gone or unchanged is not an error here. */
async function edit(ctx: BotContext, messageId: number, text?: string): Promise<void> {
  const chatId = ctx.chat?.id;
  if (chatId === undefined) return;
  // a message whose buttons are already gone is left alone (Telegram refuses an edit that changes nothing)
  const act = ctx.session.activity;
  if (text === undefined && act?.bare === messageId) return;
  if (act) act.bare = messageId;
  try {
    if (text === undefined) await ctx.api.editMessageReplyMarkup(chatId, messageId, { reply_markup: undefined });
    else await ctx.api.editMessageText(chatId, messageId, text, { parse_mode: 'HTML' });
  } catch (err) {
    if (!(err instanceof GrammyError && err.error_code === 400)) throw err;
    ctx.log.debug({ messageId, err: err.description }, 'earlier message not edited');
  }
}

interface Shown {
  /** the message that now carries the activity's buttons */
  prompt: number | undefined;
  /** the saved review's own message shows what saving did: it has nothing left to settle */
  savedInPlace?: boolean;
}

/** Shows the events. */
async function show(ctx: BotContext, act: Activity, r: ResolvedActivity, events: EngineEvent[], inPlace = false): Promise<Shown> {
  let prompt = act.promptMessageId;
  let savedInPlace = false;
  for (const ev of events) {
    switch (ev.kind) {
      case 'ask': {
        const m = renderAsk(ev, r.view, inPlace ? renderEchoes(r.form, act.echoed, act.form.answers, r.view) : undefined);
        if (inPlace && prompt !== undefined) {
          await ctx.api.editMessageText(ctx.chat!.id, prompt, m.text, { parse_mode: 'HTML', reply_markup: m.keyboard });
        } else {
          prompt = await send(ctx, m);
        }
        break;
      }
      case 'review': {
        const messages = renderReview(ev.items, r.view);
        for (const m of messages) prompt = await send(ctx, m);
        break;
      }
      case 'confirm-cancel':
        prompt = await send(ctx, renderConfirmCancel(r.view));
        break;
      case 'invalid': {
        const params = { ...(ev.error.params ?? {}) };
        if (typeof params.accept === 'string') params.accept = fileKinds(ctx, params.accept.split(', '));
        const hint = ctx.t(`invalid-${ev.error.code}`, params);
        // The hint comes with the question and its buttons, so they never scroll away.
        const again = ev.question && act.form.cursor === ev.question.id ? resume(r.form, act.form).find((e) => e.kind === 'ask') : undefined;
        if (again?.kind === 'ask') {
          const m = renderAsk(again, r.view);
          const sent = await send(ctx, { ...m, text: `⚠️ ${escapeHtml(hint)}\n\n${m.text}` });
          if (prompt !== undefined) await edit(ctx, prompt);
          prompt = sent;
        } else {
          await ctx.reply(hint);
        }
        break;
      }
      case 'guide': {
        if (act.kind === 'intake') {
          await ctx.reply(ctx.t('guide-intake'));
          break;
        }
        const stage = ctx.deps.catalog.stage(act.flowId, act.stageId, act.flowVersion);
        if (stage) await ctx.reply(`ℹ️ <b>${escapeHtml(pick(stage.title, r.view.lang))}</b>\n${escapeHtml(pick(stage.guide, r.view.lang))}`, { parse_mode: 'HTML' });
        break;
      }
      case 'stale':
        await notifyStale(ctx);
        break;
      case 'cancelled':
        await ctx.reply(ctx.t('cancelled'));
        break;
      case 'complete': {
        const done = completeActivity(ctx, act, ev);
        // saved from the review's own message: that message shows the saved answers and what comes
        // next (one edit, not an edit and a new message) — when it all still fits one message
        const pressed = ctx.callbackQuery?.message?.message_id;
        const [whole, ...more] = pressed !== undefined && pressed === act.promptMessageId ? renderSaved(ev.items, r.view, done) : [];
        if (pressed !== undefined && whole && more.length === 0 && (await editInto(ctx, pressed, whole))) {
          savedInPlace = true;
          break;
        }
        await send(ctx, done);
        break;
      }
    }
  }
  return { prompt, savedInPlace };
}

/** "📷 Foto, 🎤 Pesan suara" from file kinds. */
export function fileKinds(ctx: BotContext, kinds: string[]): string {
  return kinds.map((k) => ctx.t(`file-${k}`)).join(', ');
}

export async function notifyStale(ctx: BotContext): Promise<void> {
  if (ctx.callbackQuery) ack(ctx, ctx.t('stale-button'));
  else await ctx.reply(ctx.t('stale-button'));
}

/** The earlier prompt: its buttons go; after an answer it shows what was answered. */
async function settlePrompt(ctx: BotContext, act: Activity, r: ResolvedActivity, answeredId: string | undefined, next: Activity['form'] | null): Promise<void> {
  if (act.promptMessageId === undefined) return;
  const q = answeredId ? r.form.questions.find((x) => x.id === answeredId) : undefined;
  if (q && next && next.answers[q.id] !== undefined) {
    // The user's own message already shows a typed answer in full: a short echo is enough here.
    const answer = cut(formatAnswer(shapeOf(q), next.answers[q.id], r.view.lang, r.view.t), 80);
    // answers pressed earlier on the same message stay above it
    const echoes = renderEchoes(r.form, act.echoed, next.answers, r.view).map((line) => `${line}\n`).join('');
    await edit(ctx, act.promptMessageId, `${echoes}${escapeHtml(pick(q.prompt, r.view.lang))}\n✅ <b>${escapeHtml(answer)}</b>`);
  } else {
    await edit(ctx, act.promptMessageId);
  }
}

const ANSWERS = new Set<Input['kind']>(['text', 'choice', 'done', 'file', 'skip', 'keep', 'carry']);

const TYPED = new Set<Input['kind']>(['text', 'file']);

/**
 * Before a draft is resolved: its flow version is loaded when this instance does not know it yet
 * (published on another instance a moment ago: one extra read, only then); and a draft whose
 * version is gone for good moves to the current version when that version declares a migration
 * from it (answers renamed, dropped, mapped). Otherwise it stays on its own version.
 */
export async function prepareActivity(ctx: BotContext, act: Activity): Promise<void> {
  if (act.kind === 'intake') return;
  const { catalog } = ctx.deps;
  if (await catalog.ensure(act.flowId, act.flowVersion)) return;
  const current = catalog.get(act.flowId);
  if (act.kind !== 'note' || !current || act.flowVersion === undefined || act.flowVersion >= current.version) return;
  const answers = migrateAnswers(current, act.flowVersion, act.form.answers);
  const stage = current.stages.find((s) => s.id === act.stageId);
  if (!answers || !stage) return;
  ctx.log.info({ flowId: act.flowId, from: act.flowVersion, to: current.version }, 'draft migrated to the current flow version');
  const cursor = act.form.cursor !== null && stage.questions.some((q) => q.id === act.form.cursor) ? act.form.cursor : null;
  act.flowVersion = current.version;
  act.form = { ...act.form, answers, cursor, history: act.form.history.filter((id) => stage.questions.some((q) => q.id === id)) };
}

/** Applies one input to the current activity. */
export async function feed(ctx: BotContext, input: Input): Promise<void> {
  const act = ctx.session.activity;
  if (!act) {
    if (ctx.callbackQuery) await notifyStale(ctx);
    else await ctx.reply(ctx.t('no-activity'));
    return;
  }
  await prepareActivity(ctx, act);
  // a new case is saved only under the ceiling of active cases; the draft stays at its review
  if (act.kind === 'intake' && input.kind === 'save' && (await refusedOverCaseLimit(ctx))) return;
  const r = resolve(ctx, act);
  if (!r) {
    ctx.log.warn({ kind: act.kind }, 'activity refers to a flow, stage or case that no longer exists');
    ctx.session.activity = undefined;
    await ctx.reply(ctx.t('activity-gone'));
    return;
  }
  const before = act.form;
  const result = step(r.form, before, input, engineEnv(ctx));
  const restarted = restartedSince(ctx, act);
  if (restarted) await ctx.reply(ctx.t('restart-notice'));
  touch(ctx, act);
  const accepted = !result.events.some((e) => e.kind === 'invalid' || e.kind === 'stale');
  // A press the engine took is answered now, beside the screen it leads to rather than after it
  // (a press it refused gets its alert below)
  if (accepted && ctx.callbackQuery) ack(ctx);
  // A multi selection is edited in place; everything else moves on to a new message.
  const inPlace = input.kind === 'toggle';
  const oldPrompt = { ...act };
  if (result.state === null) ctx.session.activity = undefined; // finished or abandoned
  else act.form = result.state;
  // After a restart, a press that no longer applies still leaves the current question on screen.
  const events = restarted && result.events.every((e) => e.kind === 'stale') && result.state ? [...result.events, ...resume(r.form, result.state)] : result.events;
  if (accepted && !restarted && !inPlace && result.state !== null && (await answerInPlace(ctx, act, r.form, r.view, before.cursor, input, events))) return;
  const { prompt, savedInPlace } = await show(ctx, act, r, events, inPlace && accepted && !restarted);
  // a question sent again (after a restart) leaves one copy with buttons: the new one
  if (!accepted && prompt !== undefined && oldPrompt.promptMessageId !== undefined && prompt !== oldPrompt.promptMessageId && events !== result.events) {
    await edit(ctx, oldPrompt.promptMessageId);
  }
  if (result.state !== null && prompt !== undefined) {
    if (prompt !== oldPrompt.promptMessageId) delete act.echoed; // a new message starts without
    act.promptMessageId = prompt;
  }
  // Only once the next screen is out does the earlier one lose its buttons (and show the answer):
  // if sending failed, nothing is written and the earlier buttons still work.
  // A typed answer (text, a photo, a voice note) needs no edit: the user's own message shows it,
  // right under its question, and a press on that question's old buttons is refused as stale. This
  // saves a Bot API call per typed answer, the real ceiling of a national deployment.
  if (accepted && !inPlace && !savedInPlace && input.kind !== 'guide' && !(TYPED.has(input.kind) && result.state !== null)) {
    const answered = ANSWERS.has(input.kind) && before.cursor !== null ? before.cursor : undefined;
    await settlePrompt(ctx, oldPrompt, r, answered, result.state);
  }
}

/**
 * Did the bot restart since the worker last answered? Another process touched the draft last, and
 * it did so before this process started — with several instances behind a load balancer, a draft
 * touched by another instance that is running alongside is no restart.
 */
function restartedSince(ctx: BotContext, act: Activity): boolean {
  return act.boot !== ctx.deps.bootId && (act.touchedAt === undefined || act.touchedAt < ctx.deps.bootAt);
}

function touch(ctx: BotContext, act: Activity): void {
  act.boot = ctx.deps.bootId;
  act.touchedAt = ctx.deps.clock.now().getTime();
}

/** Starts an activity and asks its first question. */
type Generated = 'token' | 'form' | 'boot' | 'touchedAt' | 'startedAt' | 'promptMessageId';
export type NewActivity = Omit<IntakeActivity, Generated> | Omit<NoteActivity, Generated> | Omit<NoteEditActivity, Generated>;

/** Starts an activity at a given point (a saved note's answers, at their review). */
export async function beginAt(ctx: BotContext, act: NewActivity, form: FormState): Promise<void> {
  const full = { ...act, token: newId(6), boot: ctx.deps.bootId, touchedAt: ctx.deps.clock.now().getTime(), startedAt: nowIso(ctx), form } as Activity;
  keepLabel(ctx, full);
  const r = resolve(ctx, full);
  if (!r) throw new Error('cannot begin an activity whose form does not resolve');
  ctx.session.activity = full;
  const { prompt } = await show(ctx, full, r, resume(r.form, form));
  if (prompt !== undefined) full.promptMessageId = prompt;
}

/** A draft keeps its client's label for its screens' header (initials and age never change). */
function keepLabel(ctx: BotContext, act: Activity): void {
  if (act.kind === 'intake' || act.client !== undefined) return;
  const c = ctx.uow.cases[act.caseId];
  if (c) act.client = clientLabel(c);
}

export async function begin(ctx: BotContext, act: NewActivity, how: FirstScreen = {}): Promise<void> {
  const full = { ...act, token: newId(6), boot: ctx.deps.bootId, touchedAt: ctx.deps.clock.now().getTime(), startedAt: nowIso(ctx) } as Activity;
  // a draft records the version it starts on, and finishes on it; an intake the models it offers
  if (full.kind === 'note' && full.flowVersion === undefined) {
    const v = ctx.deps.catalog.get(full.flowId)?.version;
    if (v !== undefined) full.flowVersion = v;
  }
  if (full.kind === 'intake' && !full.offered) full.offered = intakeFlows(ctx).map((f) => f.id);
  keepLabel(ctx, full);
  const r = resolve(ctx, { ...full, form: { answers: {}, cursor: null, history: [], editing: false } } as Activity);
  if (!r) throw new Error('cannot begin an activity whose form does not resolve');
  // the case's answers to `carry` questions, offered again ("Sama seperti sesi lalu")
  const c = act.kind === 'note' ? ctx.uow.cases[act.caseId] : undefined;
  const carried = c?.carry ? Object.fromEntries(Object.entries(c.carry).map(([id, item]) => [id, item.value])) : undefined;
  const first = start(r.form, {}, carried);
  full.form = first.state!;
  ctx.session.activity = full;
  const [ev, ...more] = first.events;
  const prompt = ev?.kind === 'ask' && more.length === 0 ? await showFirst(ctx, renderAsk(ev, r.view), how) : (await show(ctx, full, r, first.events)).prompt;
  if (prompt !== undefined) full.promptMessageId = prompt;
}

/** Shows the current question (or review) again, e.g. for /lanjut. */
export async function showAgain(ctx: BotContext): Promise<boolean> {
  const act = ctx.session.activity;
  if (!act) return false;
  await prepareActivity(ctx, act);
  const r = resolve(ctx, act);
  if (!r) {
    ctx.session.activity = undefined;
    return false;
  }
  // The earlier copy keeps its buttons: they still mean this question (and turn stale once it is
  // answered); taking them off could meet a message that already lost them.
  touch(ctx, act);
  const { prompt } = await show(ctx, act, r, resume(r.form, act.form));
  if (prompt !== undefined && prompt !== act.promptMessageId) {
    delete act.echoed;
    act.promptMessageId = prompt;
  }
  return true;
}

/** "Si (42) · tahap 3/8" or "kasus baru": what the user is in the middle of, for reminders. */
export function describeActivity(ctx: BotContext, act: Activity): string {
  if (act.kind === 'intake') return ctx.t('activity-intake');
  const c = ctx.uow.cases[act.caseId];
  const flow = ctx.deps.catalog.at(act.flowId, act.flowVersion);
  if (!c) return ctx.t('activity-intake');
  const { count } = stageNumber(c, flow);
  const index = (flow?.stages.findIndex((s) => s.id === act.stageId) ?? -1) + 1;
  return ctx.t('activity-note', { client: clientLabel(c), index, count });
}
