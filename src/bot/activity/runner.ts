// Drives the current activity (a case intake or a session note): feeds an input to the engine,
// shows what it says, and keeps the draft in the session, which is written after every update.
import { caseFacts } from '../../cases/case-facts.ts';
import { carriedFor } from '../../cases/note-builder.ts';
import { resume, start, step, type EngineEvent, type FormState, type Input } from '../../engine/step.ts';
import type { Form } from '../../engine/types.ts';
import { migrateDraft } from '../../engine/migrate.ts';
import { caseEditForm, intakeForm } from '../../cases/intake-form.ts';
import { clientLabel, pick, stageNumber } from '../../cases/labels.ts';
import { newId } from '../../store/ids.ts';
import type { Activity, BotContext, IntakeActivity, NoteActivity, NoteEditActivity } from '../context.ts';
import { lang } from '../lang.ts';
import { ack } from '../actions.ts';
import { escapeHtml, formatAnswer, type Translate } from '../../telegram/format.ts';
import type { CaseRecord } from '../../store/records.ts';
import type { ActivityScreen } from '../../store/session.ts';
import type { Lang } from '../context.ts';
import { renderAsk, type FormView } from '../render/form.ts';
import { planFirst, planShow, planStep, type FirstScreen } from './screen-plan.ts';
import { runScreenOps } from './screen-ops.ts';
import { engineEnv, nowIso } from '../time.ts';
import { completeActivity } from './complete.ts';
import { alertOnConfirmedRisk, alertWithdrawn } from './risk-alert.ts';
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
  if (act.kind === 'intake' && act.caseId) {
    // a case's data edited from its card: the case is read with the session (sessionCases)
    const c = ctx.uow.cases[act.caseId];
    if (!c) return undefined;
    const { form } = caseEditForm(ctx.deps.catalog, c);
    return { form, view: { form, token: act.token, lang: l, t, header: t('case-edit-header', { client: clientLabel(c) }), hasGuide: false } };
  }
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
    // only the next-meeting question orders its buttons by the case's cadence
    get cadence() {
      return cases[act.caseId]!.monitoring?.cadence ?? flow.monitoring;
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

export async function notifyStale(ctx: BotContext): Promise<void> {
  if (ctx.callbackQuery) ack(ctx, ctx.t('stale-button'));
  else await ctx.reply(ctx.t('stale-button'));
}

/** The stage's guide (HTML), or the intake's. */
function guideOf(ctx: BotContext, act: Activity, r: ResolvedActivity): string | undefined {
  if (act.kind === 'intake') return escapeHtml(ctx.t('guide-intake'));
  const stage = ctx.deps.catalog.stage(act.flowId, act.stageId, act.flowVersion);
  return stage ? `ℹ️ <b>${escapeHtml(pick(stage.title, r.view.lang))}</b>\n${escapeHtml(pick(stage.guide, r.view.lang))}` : undefined;
}

/**
 * Before a draft is resolved: its flow version is loaded when this instance does not know it yet
 * (published on another instance a moment ago: one extra read, only then); and a draft whose
 * version is gone for good moves to the current version when that version declares a migration
 * from it (answers renamed, dropped, mapped). Otherwise it stays on its own version.
 */
export async function prepareActivity(ctx: BotContext, act: Activity): Promise<void> {
  screenOf(act);
  if (act.kind === 'intake') return;
  const { catalog } = ctx.deps;
  if (await catalog.ensure(act.flowId, act.flowVersion)) return;
  const current = catalog.get(act.flowId);
  if (act.kind !== 'note' || !current || act.flowVersion === undefined || act.flowVersion >= current.version) return;
  const moved = migrateDraft(current, act.stageId, act.flowVersion, act.form);
  if (!moved) return;
  ctx.log.info({ flowId: act.flowId, from: act.flowVersion, to: current.version }, 'draft migrated to the current flow version');
  act.flowVersion = current.version;
  act.form = moved;
}

/** The activity's screen; a draft from before the screen had its own object has it moved there. */
function screenOf(act: Activity): ActivityScreen {
  if (act.screen) return act.screen;
  const { promptMessageId: prompt, echoed, bare } = act;
  delete act.promptMessageId;
  delete act.echoed;
  delete act.bare;
  act.screen = { ...(prompt !== undefined ? { prompt } : {}), ...(echoed ? { echoed } : {}), ...(bare !== undefined ? { bare } : {}) };
  return act.screen;
}

/** Applies one input to the current activity: the engine steps, a saved review is stored, then
 *  the screen is planned (screen-plan.ts) and shown. */
export async function feed(ctx: BotContext, input: Input): Promise<void> {
  const act = ctx.session.activity;
  if (!act) {
    if (ctx.callbackQuery) await notifyStale(ctx);
    else await ctx.reply(ctx.t('no-activity'));
    return;
  }
  await prepareActivity(ctx, act);
  // a new case is saved only under the ceiling of active cases; the draft stays at its review
  if (act.kind === 'intake' && !act.caseId && input.kind === 'save' && (await refusedOverCaseLimit(ctx))) return;
  const r = resolve(ctx, act);
  if (!r) {
    ctx.log.warn({ kind: act.kind }, 'activity refers to a flow, stage or case that no longer exists');
    ctx.session.activity = undefined;
    await ctx.reply(ctx.t('activity-gone'));
    return;
  }
  const before = act.form;
  const screen = screenOf(act);
  const result = step(r.form, before, input, engineEnv(ctx));
  const restarted = restartedSince(ctx, act);
  touch(ctx, act);
  const accepted = !result.events.some((e) => e.kind === 'invalid' || e.kind === 'stale');
  // A press the engine took is answered now, beside the screen it leads to rather than after it
  // (a press it refused gets its alert with the screen)
  if (accepted && ctx.callbackQuery) ack(ctx);
  // the domain first: a saved review is stored (in this update's one write) before anything shows
  const complete = result.events.find((e) => e.kind === 'complete');
  const done = complete?.kind === 'complete' ? completeActivity(ctx, act, complete) : undefined;
  if (result.state === null) ctx.session.activity = undefined; // finished or abandoned
  else act.form = result.state;
  // a risk confirmed just now is sent at once (through the outbox, after this update's write); a
  // draft cancelled after its alert went out says so to whoever got the alert
  const cancelled = result.events.some((e) => e.kind === 'cancelled');
  const notices = act.kind !== 'intake' && accepted && result.state !== null ? alertOnConfirmedRisk(ctx, act, r.form, result.state.answers) : [];
  const withdrawn = act.kind !== 'intake' && cancelled ? alertWithdrawn(ctx, act) : [];
  for (const text of notices) await ctx.reply(text, { parse_mode: 'HTML' });
  // After a restart, a press that no longer applies still leaves the current question on screen.
  const resumed = restarted && result.events.every((e) => e.kind === 'stale') && result.state !== null;
  const events = resumed ? [...result.events, ...resume(r.form, result.state!)] : result.events;
  const pressed = ctx.callbackQuery?.message?.message_id;
  const ops = planStep({
    screen, form: r.form, view: r.view, input: input.kind, before, after: result.state, events, accepted, restarted, resumed,
    ...(pressed !== undefined ? { pressed } : {}),
    ...(done ? { done } : {}),
    ...(input.kind === 'guide' ? { guide: guideOf(ctx, act, r) } : {}),
  });
  const after = await runScreenOps(ctx, ops, screen);
  if (result.state !== null) act.screen = after;
  for (const text of withdrawn) await ctx.reply(text);
  if (input.kind === 'text' && refusedAsName(result.events, input.text)) await deleteTypedName(ctx);
}

/** A name typed where initials were asked ("Siti Aminah"): refused, and not left in the chat. */
function refusedAsName(events: EngineEvent[], text: string): boolean {
  const refused = events.some((e) => e.kind === 'invalid' && e.error.code === 'initials');
  return refused && (/\p{L}{2,}\s+\p{L}{2,}/u.test(text) || (text.match(/\p{L}/gu)?.length ?? 0) > 5);
}

async function deleteTypedName(ctx: BotContext): Promise<void> {
  try {
    await ctx.deleteMessage();
    await ctx.reply(ctx.t('name-deleted'));
  } catch (err) {
    // older than 48 hours, or already gone: the refusal stands, the worker can delete it
    ctx.log.warn({ err: (err as Error).message }, 'could not delete a message holding a name');
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
type Generated = 'token' | 'form' | 'boot' | 'touchedAt' | 'startedAt' | 'screen';
export type NewActivity = Omit<IntakeActivity, Generated> | Omit<NoteActivity, Generated> | Omit<NoteEditActivity, Generated>;

/** Starts an activity at a given point (a saved note's answers, at their review). */
export async function beginAt(ctx: BotContext, act: NewActivity, at: FormState): Promise<void> {
  const c = act.kind === 'intake' ? undefined : ctx.uow.cases[act.caseId];
  const form = c ? { ...at, answers: { ...caseFacts(c), ...at.answers } } : at;
  const org = ctx.uow.membership?.orgId;
  const full = { ...act, token: newId(6), boot: ctx.deps.bootId, touchedAt: ctx.deps.clock.now().getTime(), startedAt: nowIso(ctx), form, ...(org ? { orgId: org } : {}) } as Activity;
  keepLabel(ctx, full);
  const r = resolve(ctx, full);
  if (!r) throw new Error('cannot begin an activity whose form does not resolve');
  ctx.session.activity = full;
  full.screen = await runScreenOps(ctx, planShow({ form: r.form, view: r.view, events: resume(r.form, form) }), {});
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
  const carried = carriedFor(r.form, c?.carry);
  // what the flow's conditions may read of the case (where it is served, a child or not), and the
  // answers its model gives by default (a group's session is a group meeting)
  const preset = full.kind === 'note' ? ctx.deps.catalog.at(full.flowId, full.flowVersion)?.preset : undefined;
  const first = start(r.form, { ...(c ? caseFacts(c) : {}), ...(preset ?? {}) }, carried, preset ? Object.keys(preset) : undefined);
  full.form = first.state!;
  ctx.session.activity = full;
  const [ev] = first.events;
  if (ev?.kind !== 'ask') throw new Error('a form starts with a question');
  full.screen = await runScreenOps(ctx, planFirst(renderAsk(ev, r.view), how), {});
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
  const shown = await runScreenOps(ctx, planShow({ form: r.form, view: r.view, events: resume(r.form, act.form) }), {});
  if (shown.prompt !== undefined) act.screen = { ...shown, ...(act.screen?.bare !== undefined ? { bare: act.screen.bare } : {}) };
  return true;
}

/** "Si (42) · tahap 3/8" or "kasus baru": what the user is in the middle of, for reminders. */
export function describeActivity(ctx: BotContext, act: Activity): string {
  if (act.kind === 'intake') {
    const edited = act.caseId ? ctx.uow.cases[act.caseId] : undefined;
    return edited ? ctx.t('activity-case-edit', { client: clientLabel(edited) }) : ctx.t('activity-intake');
  }
  const c = ctx.uow.cases[act.caseId];
  const flow = ctx.deps.catalog.at(act.flowId, act.flowVersion);
  if (!c) return ctx.t('activity-intake');
  const { count } = stageNumber(c, flow);
  const index = (flow?.stages.findIndex((s) => s.id === act.stageId) ?? -1) + 1;
  return ctx.t('activity-note', { client: clientLabel(c), index, count });
}
