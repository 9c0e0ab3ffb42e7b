// What a supervisor does to a worker's note or risk alert — approve, answer, take, follow up — as
// writes and messages of one unit of work, whoever asks: a button in the chat (src/bot/features/
// review.ts, risk-followup.ts) or the dashboard (src/dashboard/actions.ts). The rules of who may,
// and the record each step leaves (the review's state and event, the alert's step, the audit entry,
// the outbox message to the worker and the others), are decided here once, so the two stay the same.
import { mayManage, maySupervise } from './access.ts';
import type { AuditEntry, Membership, ReviewEvent, ReviewState } from '../store/org-records.ts';
import type { OtherNote } from '../store/read-plan.ts';
import type { NoteRecord } from '../store/records.ts';
import type { RiskAlert, RiskRecord, RiskStep } from '../store/risk-records.ts';
import type { UnitOfWork } from '../store/unit-of-work.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';
import type { OrgStore } from './org-store.ts';

/** Who acts, in which unit of work, through which stores. */
/** The longest feedback on a note, and the longest follow-up of a risk, the chat and the dashboard take. */
export const FEEDBACK_MAX = 1000;
export const FOLLOW_UP_MAX = 500;

export interface Actor {
  userId: number;
  /** their first name, as the worker is told it */
  name: string;
  /** now (ISO) */
  at: string;
  uow: Pick<UnitOfWork<unknown>, 'alsoWrite' | 'tell'>;
  store: Pick<WorkspaceStore<unknown>, 'writeReview' | 'writeRisk'>;
  orgs: Pick<OrgStore, 'audit'>;
}

/** Appends an audit entry to the actor's write. */
export function auditAs(a: Actor, orgId: string, action: string, detail: Record<string, string> = {}): void {
  const entry: AuditEntry = { at: a.at, by: a.userId, action, detail };
  a.uow.alsoWrite((p) => a.orgs.audit(p, orgId, entry));
}

export function reviewEvent(a: Actor, action: ReviewEvent['action'], note: Pick<NoteRecord, 'version'>, text?: string): ReviewEvent {
  return { at: a.at, by: a.userId, byName: a.name, action, version: note.version ?? 1, ...(text ? { text } : {}) };
}

export type ReviewRefusal = 'not-a-supervisor' | 'gone' | 'outdated' | 'already-approved';

/**
 * Why a review step on a worker's note may not happen now (undefined: it may): the viewer is not
 * the worker's supervisor, the note is gone, it changed since the version shown, or (approving) it
 * is approved already.
 */
export function reviewRefusal(viewerId: number, m: Membership | undefined, workerId: number, other: OtherNote | undefined, step: { approve: boolean; version?: number | undefined }): ReviewRefusal | undefined {
  if (!maySupervise(viewerId, m, workerId)) return 'not-a-supervisor';
  if (!other?.note || !other.case) return 'gone';
  if (step.version !== undefined && step.version !== (other.note.version ?? 1)) return 'outdated';
  if (step.approve && other.reviewState === 'disetujui') return 'already-approved';
  return undefined;
}

export interface NoteRef {
  orgId: string;
  workerId: number;
  caseId: string;
  noteId: string;
  /** the client as the worker's messages name them, and the session's day (ISO) */
  client: string;
  date: string;
}

/** Approves the note: its review state and event, the audit entry, and the worker told. */
export function approveNote(a: Actor, ref: NoteRef, note: Pick<NoteRecord, 'id' | 'version'>): void {
  a.uow.alsoWrite((p) => a.store.writeReview(p, ref.workerId, ref.orgId, ref.caseId, note.id, 'disetujui', reviewEvent(a, 'approved', note)));
  auditAs(a, ref.orgId, 'note-approved', { worker: String(ref.workerId), note: note.id });
  a.uow.tell({ kind: 'approved', to: ref.workerId, orgId: ref.orgId, about: ref.workerId, supervisor: { id: a.userId, name: a.name }, caseId: ref.caseId, noteId: ref.noteId, client: ref.client, date: ref.date });
}

/** Answers the note: it needs revising ('perlu_perbaikan'); the worker gets the text, threaded to the note. */
export function giveFeedback(a: Actor, ref: NoteRef, version: number, text: string): void {
  const ev: ReviewEvent = { at: a.at, by: a.userId, byName: a.name, action: 'feedback', version, text };
  const state: ReviewState = 'perlu_perbaikan';
  a.uow.alsoWrite((p) => a.store.writeReview(p, ref.workerId, ref.orgId, ref.caseId, ref.noteId, state, ev));
  auditAs(a, ref.orgId, 'feedback', { worker: String(ref.workerId), note: ref.noteId });
  a.uow.tell({ kind: 'feedback', to: ref.workerId, orgId: ref.orgId, about: ref.workerId, supervisor: { id: a.userId, name: a.name }, caseId: ref.caseId, noteId: ref.noteId, client: ref.client, date: ref.date, text });
}

/** May this member follow up the worker's risks now? Their supervisor, or an admin of the worker's organisation. */
export function mayFollowUp(viewerId: number, m: Membership | undefined, orgId: string, workerId: number): boolean {
  if (!m || m.orgId !== orgId) return false;
  return maySupervise(viewerId, m, workerId) || mayManage(m, orgId);
}

export type RiskRefusal = 'not-allowed' | 'done' | 'taken';

/** Why a step on a risk alert may not happen now (undefined: it may); `take`: the step is 🙋. */
export function riskRefusal(viewerId: number, m: Membership | undefined, workerId: number, r: RiskRecord | undefined, take: boolean): RiskRefusal | undefined {
  if (!r || r.alert.workerId !== workerId || !mayFollowUp(viewerId, m, r.alert.orgId, workerId)) return 'not-allowed';
  if (r.done) return 'done';
  if (take && r.taken && r.taken.by !== viewerId) return 'taken';
  return undefined;
}

export type Alerted = Pick<RiskAlert, 'orgId' | 'workerId' | 'client' | 'to'>;
export interface RiskRef {
  workerId: number;
  caseId: string;
  riskId: string;
}

function riskStep(a: Actor, note?: string): RiskStep {
  return { by: a.userId, byName: a.name, at: a.at, ...(note ? { note } : {}) };
}

/** The worker and the alert's other recipients hear of a step (after the write, in their language). */
function tellOthers(a: Actor, alert: Alerted, kind: 'taken' | 'done', note?: string): void {
  const by = { id: a.userId, name: a.name };
  const base = { kind: 'risk-update' as const, step: kind, by, client: alert.client, orgId: alert.orgId, ...(note ? { note } : {}) };
  a.uow.tell({ ...base, to: alert.workerId, about: alert.workerId });
  for (const other of alert.to) {
    if (other.id === by.id) continue;
    a.uow.tell({ ...base, to: other.id, ...(other.as === 'admin' ? { admins: true as const } : { about: alert.workerId }) });
  }
}

/** 🙋 Takes the alert (nothing when this actor took it already). */
export function takeRisk(a: Actor, ref: RiskRef, r: RiskRecord): void {
  if (r.taken) return;
  a.uow.alsoWrite((p) => a.store.writeRisk(p, ref.workerId, r.alert.orgId, ref.caseId, ref.riskId, { taken: riskStep(a) }));
  auditAs(a, r.alert.orgId, 'risk-taken', { worker: String(ref.workerId), case: ref.caseId, risk: ref.riskId });
  tellOthers(a, r.alert, 'taken');
}

/** ✅ Records what was done (and, if nobody had taken the alert, takes it too). */
export function followUpRisk(a: Actor, ref: RiskRef, alert: Alerted, take: boolean, text: string): void {
  a.uow.alsoWrite((p) => {
    if (take) a.store.writeRisk(p, ref.workerId, alert.orgId, ref.caseId, ref.riskId, { taken: riskStep(a) });
    a.store.writeRisk(p, ref.workerId, alert.orgId, ref.caseId, ref.riskId, { done: riskStep(a, text) });
  });
  auditAs(a, alert.orgId, 'risk-followed-up', { worker: String(ref.workerId), case: ref.caseId, risk: ref.riskId });
  tellOthers(a, alert, 'done', text);
}
