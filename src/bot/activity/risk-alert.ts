// A risk reaches someone the moment the worker confirms it ("Langsung dikirim ke supervisor"), not at
// 💾 Simpan: a worker interrupted by the crisis itself may never save. The alert is an outbox message
// (after this update's write, once: its job id names the draft, the moment and the answer); what
// happened (the required description) follows as a second alert when it is confirmed. A revision
// alerts again only when its risk answer changed. Whoever is told, the worker hears who.
import { RISK_ESCALATION_CHOICES } from '../../store/org-records.ts';
import { createHash } from 'node:crypto';
import type { Answers, Form } from '../../engine/types.ts';
import { buildNote } from '../../cases/note-builder.ts';
import { isRiskDetail, raisesAlert } from '../../cases/risk.ts';
import { activeSupervisors } from '../../org/access.ts';
import type { AlertRef } from '../../store/outbox-messages.ts';
import type { RiskAlert } from '../../store/risk-records.ts';
import { clientLabel } from '../../cases/labels.ts';
import type { AlertedRisk } from '../../store/session.ts';
import type { CaseRecord, NoteRecord } from '../../store/records.ts';
import type { Activity, BotContext, NoteActivity, NoteEditActivity } from '../context.ts';
import { firstName } from '../user.ts';
import { nowIso } from '../time.ts';
import { audit } from '../features/organisation/common.ts';

type NoteDraft = NoteActivity | NoteEditActivity;

const hashOf = (json: string): string => createHash('sha256').update(json).digest('base64url').slice(0, 10);

/** A risk alert's id: its draft and its answer (the same risk confirmed again is the same alert). */
const riskIdOf = (draft: string, risk: string): string => createHash('sha256').update(`${draft}\n${risk}`).digest('hex').slice(0, 12);

/**
 * An alert is looked at again after the shortest escalation time an organisation may choose; the
 * check itself reads the organisation's setting and waits on when that is longer
 * (src/reminders/risk-check.ts): the worker's update reads nothing of the organisation for it.
 */
export const RISK_FIRST_CHECK_MS = Math.min(...RISK_ESCALATION_CHOICES) * 3_600_000;

/**
 * After an answer: a risk answer confirmed that raises an alert and was not alerted with yet goes
 * out now, and so does what happened once it is confirmed. Returns what the worker is told.
 */
export function alertOnConfirmedRisk(ctx: BotContext, act: NoteDraft, form: Form, answers: Answers): string[] {
  const flags = form.questions.filter((q) => q.alert);
  if (flags.length === 0) return [];
  const told: string[] = [];
  const risky = flags.filter((q) => raisesAlert(q, answers[q.id]));
  const risk = JSON.stringify(flags.map((q) => answers[q.id] ?? null));
  if (risky.length > 0 && act.alerted?.risk !== risk) {
    act.alerted = { risk };
    told.push(raiseAlert(ctx, draftNote(ctx, act, form, answers), { draft: draftRef(act), part: 'raised', answer: hashOf(risk) }, riskIdOf(draftRef(act), risk)));
  }
  // what happened, under a flag already alerted with (the question is asked only under a flag)
  const ids = new Set(flags.map((q) => q.id));
  const details = form.questions.filter((q) => isRiskDetail(q, ids) && answers[q.id] != null);
  if (risky.length > 0 && details.length > 0 && act.alerted) {
    const detail = JSON.stringify(details.map((q) => answers[q.id]));
    if (act.alerted.detail !== detail) {
      act.alerted = { ...act.alerted, detail };
      told.push(raiseAlert(ctx, draftNote(ctx, act, form, answers), { draft: draftRef(act), part: 'detail', answer: hashOf(risk + detail) }, riskIdOf(draftRef(act), act.alerted.risk)));
    }
  }
  return told;
}

/**
 * A draft whose risk alert went out was cancelled: the alert promised the whole note at 💾 Simpan, so
 * the supervisors hear it will not come (the risk stays open, to be followed up), and so does the worker.
 */
export function alertWithdrawn(ctx: BotContext, act: Activity): string[] {
  if (act.kind === 'intake' || !act.alerted) return [];
  const m = ctx.uow.membership;
  const c = ctx.uow.cases[act.caseId];
  if (!m || m.suspended || !c) return [];
  const by = { id: ctx.uow.userId, name: firstName(ctx) };
  for (const s of activeSupervisors(m)) ctx.uow.tell({ kind: 'risk-update', to: s, about: by.id, orgId: m.orgId, step: 'withdrawn', by, client: clientLabel(c) });
  return [ctx.t('risk-withdrawn-worker')];
}

/** At 💾 Simpan: did the draft already send the alert for the risk it saves? (A draft begun before
 *  alerts went out on confirmation did not: it is sent now.) */
export function alertedAlready(act: NoteDraft, note: NoteRecord): boolean {
  return act.alerted !== undefined && act.alerted.risk === JSON.stringify(note.items.filter((i) => i.alert).map((i) => i.value));
}

/** A revision starts from the note's own risk: unchanged, it alerts nobody again. */
export function alertedIn(note: NoteRecord): AlertedRisk | undefined {
  // (a note saved before `urgent` was recorded: any risk answer but "tidak ada")
  const legacy = (v: unknown) => v !== null && v !== false && JSON.stringify(v) !== '["tidak_ada"]' && v !== 'tidak_ada';
  if (!note.items.some((i) => i.urgent || (i.alert && i.urgent === undefined && !i.routine && legacy(i.value)))) return undefined;
  const detail = note.items.filter((i) => i.alertDetail && i.value !== null);
  return {
    risk: JSON.stringify(note.items.filter((i) => i.alert).map((i) => i.value)),
    ...(detail.length ? { detail: JSON.stringify(detail.map((i) => i.value)) } : {}),
  };
}

/**
 * Sends the alert to whoever must act now and says who: the worker's active supervisors; with none,
 * the organisation's admins (found when it is sent: src/outbox/escalate.ts, which then tells the
 * worker who got it); with no organisation, nobody — the worker gets the emergency numbers.
 */
export function raiseAlert(ctx: BotContext, note: NoteRecord, ref: AlertRef, riskId: string): string {
  const m = ctx.uow.membership;
  const c = ctx.uow.cases[note.caseId]!;
  const worker = { id: ctx.uow.userId, name: firstName(ctx) };
  if (!m || m.suspended) return ctx.t('risk-nobody', { contacts: ctx.t('risk-emergency-default') });
  const supervisors = activeSupervisors(m);
  const risk = { workerId: worker.id, caseId: c.id, riskId };
  // the alert is recorded (its follow-up, 🙋 and ✅, is recorded beside it), and looked at again
  // later: nobody took it by then, the admins get it
  const record: RiskAlert | undefined = ref.part === 'detail' ? undefined : {
    id: riskId, orgId: m.orgId, workerId: worker.id, caseId: c.id, client: clientLabel(c), workerName: worker.name,
    flags: note.items.filter((i) => i.urgent).flatMap((i) => i.display ?? []), raisedAt: nowIso(ctx),
    to: supervisors.map((id) => ({ id, as: 'supervisor' as const })),
  };
  if (record) {
    ctx.uow.alsoWrite((p) => ctx.deps.store.writeRisk(p, worker.id, m.orgId, c.id, riskId, { alert: record }));
    audit(ctx, m.orgId, 'risk-raised', { case: c.id, risk: riskId, ...(ref.part === 'saved' ? { at: 'save' } : {}) });
    const reminders = ctx.deps.reminders;
    const at = Date.parse(record.raisedAt) + RISK_FIRST_CHECK_MS;
    if (reminders?.checkRiskLater) ctx.uow.afterCommit.push(() => reminders.checkRiskLater!({ ...risk, at }, RISK_FIRST_CHECK_MS));
  }
  if (supervisors.length === 0) {
    ctx.uow.tell({ kind: 'alert-escalate', to: worker.id, orgId: m.orgId, worker, note, case: c, sent: ref, ...(record ? { risk: record } : {}) });
    return ctx.t(ref.part === 'detail' ? 'risk-detail-escalating' : 'risk-escalating');
  }
  for (const to of supervisors) ctx.uow.tell({ kind: 'alert', to, orgId: m.orgId, about: worker.id, worker, note, case: c, sent: ref, risk });
  return ctx.t(ref.part === 'detail' ? 'risk-detail-sent' : 'risk-sent', { count: supervisors.length });
}

function draftRef(act: NoteDraft): string {
  return act.kind === 'note-edit' ? act.original.id : act.token;
}

/** The answers so far as a note, for the alert to show (date, contact, the flags, what happened). */
function draftNote(ctx: BotContext, act: NoteDraft, form: Form, answers: Answers): NoteRecord {
  const flow = ctx.deps.catalog.at(act.flowId, act.flowVersion)!;
  const stage = flow.stages.find((s) => s.id === act.stageId)!;
  const c: CaseRecord = ctx.uow.cases[act.caseId]!;
  const items = form.questions.filter((q) => answers[q.id] !== undefined).map((q) => ({ question: q, value: answers[q.id]! }));
  return buildNote(flow, stage, c, items, { id: draftRef(act), authorId: ctx.uow.userId, now: nowIso(ctx) });
}

/** The id of a risk alerted only at 💾 Simpan (a draft that did not alert on confirmation). */
export function savedRiskId(note: NoteRecord): string {
  return riskIdOf(`${note.id}-v${note.version ?? 1}`, JSON.stringify(note.items.filter((i) => i.alert).map((i) => i.value)));
}
