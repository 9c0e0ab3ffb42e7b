// The dashboard's reads, each a bounded number of Redis round trips whatever the caseload:
//  - overview: the session (1), the viewer's keys and the organisation's members (1), every team
//    worker's caseload index (1: ten small commands a worker, one pipeline) — no case is opened;
//  - a list: those two, then the listed cases' records (and, for risks, their alerts) (1);
//  - a case or a note: the viewer's keys with that worker's case, notes and alerts (1).
// Every list, case and note shown to someone is audited as the chat's views are (one write).
import { openRecord } from '../store/record-pack.ts';
import type { Catalog } from '../catalog/catalog.ts';
import type { OrgStore } from '../org/org-store.ts';
import { queueIndex, decodeIndex, INDEX_COMMANDS, type WorkerIndex } from '../store/caseload-read.ts';
import type { AuditEntry } from '../store/org-records.ts';
import type { CaseRecord } from '../store/records.ts';
import { risksOf } from '../store/risk-records.ts';
import { slotPipeline } from '../store/slot-pipeline.ts';
import type { Translate } from '../telegram/format.ts';
import { caseHead, caseTimeline, noteFull, riskView, type Reader } from './case-views.ts';
import { listRefs, overviewOf, type Kind } from './views.ts';
import { readViewer, scopeOf, teamOfViewer, type Viewer, type ViewerDeps } from './viewer.ts';
import type { DashSession } from './sessions.ts';

export interface ReadDeps extends ViewerDeps {
  orgs: OrgStore;
  catalog: Catalog;
  /** the reader's words (held, skipped, file kinds) */
  t: (lang: 'id' | 'en') => Translate;
}

/** An answer: a status and its JSON. */
export type Reply = { status: 200 | 400 | 401 | 403 | 404 | 409 | 429 | 503; body: unknown };
export const ok = (body: unknown): Reply => ({ status: 200, body });
export const fail = (status: Reply['status'], error: string, more: Record<string, unknown> = {}): Reply => ({ status, body: { error, ...more } });
/** The session's user is no longer a member there, or is suspended. */
export const NOT_A_MEMBER = fail(403, 'not-a-member');

/** A list shows at most this many cases (the most pressing first). */
const LIST_MAX = 200;

export async function audit(d: ReadDeps, v: Pick<Viewer, 'orgId' | 'userId'>, action: string, detail: Record<string, string>): Promise<void> {
  const entry: AuditEntry = { at: d.clock.now().toISOString(), by: v.userId, action, detail: { ...detail, via: 'dashboard' } };
  const p = d.store.redis.multi();
  d.orgs.audit(p, v.orgId, entry);
  await p.exec();
}

/** Refused: 403, and recorded in the viewer's organisation (as a refused chat button is). */
export async function refuse(d: ReadDeps, v: Viewer, what: string, workerId?: number): Promise<Reply> {
  d.logger?.warn({ what, workerId }, 'dashboard: refused');
  await audit(d, v, 'refused', { what: `dashboard-${what}`, ...(workerId !== undefined ? { worker: String(workerId) } : {}) });
  return fail(403, 'forbidden');
}

const reader = (d: ReadDeps, v: Viewer): Reader => ({ lang: v.lang, zone: v.zone, t: d.t(v.lang), catalog: d.catalog });

async function readIndexes(d: ReadDeps, orgId: string, workerIds: readonly number[]): Promise<Map<number, WorkerIndex>> {
  const p = slotPipeline(d.store.redis);
  for (const w of workerIds) queueIndex(p, d.store.keys, w, orgId);
  const results = (await p.exec()) ?? [];
  for (const [err] of results) if (err) throw err;
  const values = results.map(([, x]) => x);
  return new Map(workerIds.map((w, i) => [w, decodeIndex(values.slice(i * INDEX_COMMANDS, (i + 1) * INDEX_COMMANDS))]));
}

export async function overview(d: ReadDeps, s: DashSession): Promise<Reply> {
  const read = await readViewer(d, s);
  if (!read) return NOT_A_MEMBER;
  const v = read.viewer;
  const team = teamOfViewer(v);
  const indexes = await readIndexes(d, v.orgId, team.map((m) => m.userId));
  // an admin's overview, as /tim's: the workers, and anyone else only with a caseload of their own
  const shown = v.m.role === 'admin' ? team.filter((m) => m.role === 'worker' || (indexes.get(m.userId)?.stage.size ?? 0) > 0) : team;
  return ok(overviewOf(shown, new Map(shown.map((m) => [m.userId, indexes.get(m.userId)!])), v.time, d.catalog, v.lang));
}

export async function list(d: ReadDeps, s: DashSession, q: { kind: Kind; worker?: number | undefined; stage?: string | undefined }): Promise<Reply> {
  const read = await readViewer(d, s);
  if (!read) return NOT_A_MEMBER;
  const v = read.viewer;
  let team = teamOfViewer(v).map((m) => m.userId);
  if (q.worker !== undefined) {
    if (!scopeOf(v, q.worker).read) return refuse(d, v, 'list', q.worker);
    team = [q.worker];
  }
  const indexes = await readIndexes(d, v.orgId, team);
  const all = listRefs(indexes, q.kind, v.time, q.stage);
  const refs = all.slice(0, LIST_MAX);
  // the listed cases (and their alerts): one round trip
  const p = slotPipeline(d.store.redis);
  for (const r of refs) {
    p.hgetBuffer(d.store.keys.cases(r.workerId), r.caseId);
    if (q.kind === 'risks') p.hgetall(d.store.keys.risks(r.workerId, r.caseId));
  }
  const results = refs.length ? ((await p.exec()) ?? []) : [];
  for (const [err] of results) if (err) throw err;
  const per = q.kind === 'risks' ? 2 : 1;
  const rd = reader(d, v);
  const items = refs.flatMap((r, i) => {
    const sealed = results[i * per]?.[1] as Buffer | null;
    if (!sealed) return [];
    const c = openRecord<CaseRecord>(d.store.cipher, sealed, d.store.keys.cases(r.workerId), r.caseId);
    const risks = q.kind === 'risks' ? risksOf(d.store.cipher.openHash<unknown>(d.store.keys.risks(r.workerId, r.caseId), results[i * per + 1]![1] as Record<string, string>)).filter((x) => !x.done) : [];
    const oldest = risks.sort((a, b) => Date.parse(a.alert.raisedAt) - Date.parse(b.alert.raisedAt))[0];
    return [{
      workerId: r.workerId,
      workerName: v.members[r.workerId]?.name ?? String(r.workerId),
      ...caseHead(c, rd),
      ...(r.at !== undefined && Number.isFinite(r.at) ? { since: r.at } : {}),
      ...(r.noteId ? { noteId: r.noteId } : {}),
      // what the flags said is the note's: an admin who does not supervise sees that there is one
      ...(oldest ? { risk: riskView(oldest, rd, scopeOf(v, r.workerId).full) } : {}),
    }];
  });
  await audit(d, v, 'dashboard-list-viewed', { kind: q.kind, cases: String(items.length), ...(q.worker !== undefined ? { worker: String(q.worker) } : {}) });
  return ok({ kind: q.kind, items, total: all.length });
}

export async function caseView(d: ReadDeps, s: DashSession, q: { worker: number; caseId: string }): Promise<Reply> {
  const read = await readViewer(d, s, { team: { workerId: q.worker, orgId: s.orgId, caseId: q.caseId }, caseRisks: { workerId: q.worker, caseId: q.caseId } });
  if (!read) return NOT_A_MEMBER;
  const v = read.viewer;
  const scope = scopeOf(v, q.worker);
  if (!scope.read) return refuse(d, v, 'case', q.worker);
  const c = read.ws.team?.case;
  if (!c) return fail(404, 'gone');
  const rd = reader(d, v);
  const timeline = caseTimeline(c, read.ws.team?.notes ?? {}, read.ws.team?.reviewStates ?? {}, read.ws.caseRisks ?? [], rd, scope.full);
  await audit(d, v, 'dashboard-case-viewed', { worker: String(q.worker), case: q.caseId });
  const followUp = scope.review || (v.m.role === 'admin' && scope.read && q.worker !== v.userId);
  return ok({
    case: { workerId: q.worker, workerName: v.members[q.worker]?.name ?? String(q.worker), ...caseHead(c, rd) },
    ...timeline,
    may: { review: scope.review, followUp, report: scope.full, notes: scope.full },
  });
}

export async function noteView(d: ReadDeps, s: DashSession, q: { worker: number; caseId: string; noteId: string }): Promise<Reply> {
  const read = await readViewer(d, s, { otherNote: { workerId: q.worker, caseId: q.caseId, noteId: q.noteId } });
  if (!read) return NOT_A_MEMBER;
  const v = read.viewer;
  const scope = scopeOf(v, q.worker);
  // a note's contents: the worker's own, or their supervisor's to read (an admin manages, not reads)
  if (!scope.full) return refuse(d, v, 'note', q.worker);
  const other = read.ws.other;
  if (!other?.note || !other.case || other.case.orgId !== v.orgId) return fail(404, 'gone');
  await audit(d, v, 'dashboard-note-viewed', { worker: String(q.worker), case: q.caseId, note: q.noteId });
  return ok({ note: noteFull(other.note, other.case, other.reviewState, other.reviewLog, reader(d, v)), may: { review: scope.review } });
}
