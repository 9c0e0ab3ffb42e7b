// What happens when an activity's review is saved: a new case, or a saved note. Both are written in
// the same round trip as the session that drops the finished draft.
import { InlineKeyboard } from 'grammy';
import { DateTime } from 'luxon';
import { stageSince } from '../../store/caseload-index.ts';
import type { EngineEvent } from '../../engine/step.ts';
import { caseEdited, caseFromIntake } from '../../cases/intake-form.ts';
import { caseLabel, clientLabel, nextStageIndex, pick } from '../../cases/labels.ts';
import { buildNote, carryAfter, lastNoteOf, reviseNote, sessionHeld, withoutClient } from '../../cases/note-builder.ts';
import { afterSession } from '../../cases/contact.ts';
import { hasRating } from '../../export/chart-model.ts';
import { notifySupervisors } from '../features/review.ts';
import { newId } from '../../store/ids.ts';
import { encode } from '../../telegram/callback-data.ts';
import type { Activity, BotContext } from '../context.ts';
import type { CaseRecord } from '../../store/records.ts';
import { firstName } from '../user.ts';
import { escapeHtml } from '../../telegram/format.ts';
import { localDay, nowIso, userZone } from '../time.ts';
import { lang } from '../lang.ts';
import { intakeFlows } from './offered.ts';
import { alertedAlready } from './risk-alert.ts';
import type { OutMessage } from '../render/form.ts';

type Complete = Extract<EngineEvent, { kind: 'complete' }>;

/** Stores what the review saved; returns what the user is told (the runner shows it). */
export function completeActivity(ctx: BotContext, act: Activity, ev: Complete): OutMessage {
  if (act.kind === 'intake') return completeIntake(ctx, act, ev);
  if (act.kind === 'note') return completeNote(ctx, act, ev);
  return completeEdit(ctx, act, ev);
}

/** When a held session took place, as the contact clock keeps it: now for a session today (or with
 *  no date), else midday of its day in the worker's zone (the day is all a note records). */
function heldAt(ctx: BotContext, sessionDate: string | undefined, now: string): string {
  if (!sessionDate || sessionDate >= localDay(ctx, now)) return now;
  return DateTime.fromISO(`${sessionDate}T12:00`, { zone: userZone(ctx) }).toUTC().toISO()!;
}

/** A saved note changed: the earlier answers stay as a version; supervisors get the revision. */
function completeEdit(ctx: BotContext, act: Extract<Activity, { kind: 'note-edit' }>, ev: Complete): OutMessage {
  const c = ctx.uow.cases[act.caseId];
  // the note's own version: its questions, its number (a note of version 1 stays one of version 1)
  const flow = ctx.deps.catalog.at(act.flowId, act.flowVersion);
  const stage = flow?.stages.find((s) => s.id === act.stageId);
  if (!c || !flow || !stage) throw new Error('note edited for a case or stage that is gone');
  const now = nowIso(ctx);
  const rebuilt = buildNote(flow, stage, c, ev.items, { id: act.original.id, authorId: ctx.uow.userId, now });
  const note = reviseNote(act.original, rebuilt, now, { id: ctx.uow.userId, name: firstName(ctx) });
  ctx.uow.putNote(note);
  // The case's memory of its last note (recalled by /catat, offered again by "Seperti sesi lalu")
  // follows a revision of that note. (Its stage stays: moving it is the worker's own step.)
  if (c.lastNote?.noteId === note.id) {
    const carry = carryAfter(c, stage, note);
    const held = sessionHeld(flow, ev.answers);
    // a revision that changes whether the session took place changes the contact clock too
    // (a held session's time: when it was first saved); the time of an earlier held one is not known
    const contact = held === c.lastNote.held || withoutClient(note) ? {} : held ? { lastHeldAt: heldAt(ctx, note.sessionDate, note.createdAt), missedInRow: 0 } : { missedInRow: Math.max(1, c.missedInRow ?? 0) };
    ctx.uow.putCase({ ...c, ...contact, lastNote: lastNoteOf(note, held), ...(carry ? { carry } : {}), ...(hasRating(note) ? { rated: true } : {}), updatedAt: now });
  }
  ctx.log.info({ caseId: c.id, noteId: note.id, version: note.version }, 'note revised');
  notifySupervisors(ctx, note, c, true, alertedAlready(act, note));
  return { text: ctx.t('note-revised', { client: escapeHtml(clientLabel(c)), version: note.version ?? 2 }), keyboard: openNote(ctx, c.id, note.id) };
}

/** A case's data edited from its card: stored; its card is a press away. */
function completeCaseEdit(ctx: BotContext, caseId: string, ev: Complete): OutMessage {
  const c = ctx.uow.cases[caseId];
  if (!c) throw new Error('case data edited for a case that is gone');
  const updated = caseEdited(c, ev.answers, nowIso(ctx));
  ctx.uow.putCase(updated);
  ctx.log.info({ caseId: c.id }, 'case data edited');
  const kb = new InlineKeyboard().text(ctx.t('btn-case-card'), encode({ kind: 'case-card', caseId: c.id }));
  return { text: ctx.t('case-edited', { client: escapeHtml(clientLabel(c)) }), keyboard: kb };
}

function completeIntake(ctx: BotContext, act: Extract<Activity, { kind: 'intake' }>, ev: Complete): OutMessage {
  if (act.caseId) return completeCaseEdit(ctx, act.caseId, ev);
  const { catalog } = ctx.deps;
  // begun in an organisation the user no longer works in (removed from it meanwhile): not filed
  // under another one
  if (act.orgId && act.orgId !== ctx.uow.membership?.orgId) return { text: ctx.t('intake-org-changed') };
  const c = caseFromIntake(catalog, ev.answers, { id: newId(), ownerId: ctx.uow.userId, now: nowIso(ctx) }, intakeFlows(ctx, act));
  ctx.uow.putCase(c);
  ctx.uow.scheduleChanged = true;
  const flow = catalog.get(c.flowId)!;
  const l = lang(ctx);
  ctx.log.info({ caseId: c.id, flowId: c.flowId }, 'case opened');
  const kb = new InlineKeyboard()
    .text(ctx.t('btn-note-now'), encode({ kind: 'note-case', caseId: c.id }))
    .text(ctx.t('btn-menu'), encode({ kind: 'menu', item: 'home' }));
  return {
    text: ctx.t('case-created', {
      label: escapeHtml(caseLabel(c, flow, l)),
      model: escapeHtml(pick(flow.title, l)),
      stage: escapeHtml(pick(flow.stages[0]!.title, l)),
    }),
    keyboard: kb,
  };
}

/** "📄 Lihat catatan": the saved note, opened from its confirmation. */
function openNote(ctx: BotContext, caseId: string, noteId: string): InlineKeyboard {
  return new InlineKeyboard().text(ctx.t('btn-review-open'), encode({ kind: 'history-note', caseId, noteId }));
}

function completeNote(ctx: BotContext, act: Extract<Activity, { kind: 'note' }>, ev: Complete): OutMessage {
  const { catalog } = ctx.deps;
  const c = ctx.uow.cases[act.caseId];
  // the version the draft started on: a flow file changed meanwhile does not change this note
  const flow = catalog.at(act.flowId, act.flowVersion);
  const stage = flow?.stages.find((s) => s.id === act.stageId);
  if (!c || !flow || !stage) throw new Error('note completed for a case or stage that is gone');
  const now = nowIso(ctx);
  const note = buildNote(flow, stage, c, ev.items, { id: newId(), authorId: ctx.uow.userId, now });
  ctx.uow.putNote(note);
  // A held session at another stage than the case's says the case is there now; a session that
  // did not take place moves nothing and closes nothing.
  const held = sessionHeld(flow, ev.answers);
  const carry = carryAfter(c, stage, note);
  // what comes next is the flow as it is now (a draft may have finished on an earlier version)
  const live = catalog.get(act.flowId) ?? flow;
  // a note in a stage written alongside the others (a Bapas client's monthly supervision) moves nothing
  const moves = held && !stage.alongside && live.stages.some((s) => s.id === stage.id);
  const updated: CaseRecord = {
    ...c,
    // the stage clock: restarted by a move; a case from before it was kept gets it fixed now (its last
    // note, else its opening), so that later notes at the same stage no longer move it
    ...(moves && stage.id !== c.stageId ? { stageId: stage.id, stageSince: now } : { stageSince: stageSince(c) }),
    noteCount: c.noteCount + 1,
    lastNoteAt: now,
    // a contact without the client was neither held nor missed: the contact clock stays as it was
    ...(withoutClient(note) ? {} : afterSession(c, held, heldAt(ctx, note.sessionDate, now))),
    updatedAt: now,
    lastNote: lastNoteOf(note, held),
    ...(carry ? { carry } : {}),
    // 📈 has something to draw from now on
    ...(hasRating(note) ? { rated: true } : {}),
  };
  ctx.uow.putCase(updated);
  ctx.log.info({ caseId: c.id, noteId: note.id, flowId: flow.id, stageId: stage.id, held }, 'note saved');
  notifySupervisors(ctx, note, updated, false, alertedAlready(act, note));

  const l = lang(ctx);
  if (!held) {
    const kb = openNote(ctx, c.id, note.id)
      .text(ctx.t('btn-history'), encode({ kind: 'history', caseId: c.id, page: 0 }))
      .text(ctx.t('btn-menu'), encode({ kind: 'menu', item: 'home' }));
    const saved = withoutClient(note) ? 'note-saved-without-client' : 'note-saved-not-held';
    return { text: ctx.t(saved, { client: escapeHtml(clientLabel(c)), count: updated.noteCount }), keyboard: kb };
  }
  const current = live.stages.findIndex((s) => s.id === updated.stageId);
  const nextIndex = nextStageIndex(live, current);
  const next = nextIndex === undefined ? undefined : live.stages[nextIndex];
  const kb = new InlineKeyboard();
  if (next) {
    kb.text(ctx.t('btn-next-stage', { index: next.index + 1 }), encode({ kind: 'move-stage', caseId: c.id, from: current, stage: next.index }));
    kb.text(ctx.t('btn-stay-stage', { index: current + 1 }), encode({ kind: 'stay', caseId: c.id }));
  } else {
    kb.text(ctx.t('btn-close-case'), encode({ kind: 'close-case', caseId: c.id }));
    kb.text(ctx.t('btn-keep-open'), encode({ kind: 'stay', caseId: c.id }));
  }
  // the saved note in full is a press away: the chat keeps the confirmation, not the note
  kb.row().text(ctx.t('btn-review-open'), encode({ kind: 'history-note', caseId: c.id, noteId: note.id }));
  const text = next
    ? ctx.t('note-saved-next', { client: escapeHtml(clientLabel(c)), count: updated.noteCount, next: escapeHtml(`${next.index + 1}. ${pick(next.title, l)}`) })
    : ctx.t('note-saved-last', { client: escapeHtml(clientLabel(c)), count: updated.noteCount });
  return { text, keyboard: kb };
}
