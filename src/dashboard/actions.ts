// What the dashboard does, as the chat does it: one unit of work of the viewer's (their keys and
// the note or alert acted on read in one round trip; the decision written in one atomic
// compare-and-set), the same rules and records (src/org/supervision-actions.ts), and the messages to
// the worker and the others through the outbox after the write, in their language. A lost write
// race is read and decided again, as an update is (src/bot/handle-update.ts).
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { clientLabel } from '../cases/labels.ts';
import { approveNote, followUpRisk, giveFeedback, reviewRefusal, riskRefusal, takeRisk, type Actor } from '../org/supervision-actions.ts';
import { EffectRelay } from '../store/effect-relay.ts';
import type { Outbox } from '../store/outbox-messages.ts';
import type { ReadPlan } from '../store/read-plan.ts';
import type { SessionData } from '../store/session.ts';
import { UnitOfWork } from '../store/unit-of-work.ts';
import { ConcurrentUpdateError, type WorkspaceStore } from '../store/workspace-store.ts';
import { EXPORTS_PER_DAY, exportsOn, type ExportControl, type ExportJob } from '../export/jobs.ts';
import { dayIn } from '../export/dates.ts';
import { noteDay } from '../export/report-model.ts';
import { fail, ok, refuse, NOT_A_MEMBER, type ReadDeps, type Reply } from './reads.ts';
import type { DashSession } from './sessions.ts';
import { scopeOf, viewerOf, viewerPlan, type Viewer } from './viewer.ts';

export interface ActionDeps extends ReadDeps {
  outbox: Outbox;
  exports?: ExportControl | undefined;
  /** several instances serve the bot: a write takes the user's lock, as an update does */
  multiInstance?: boolean | undefined;
  logger: Logger;
}

type Decide = (v: Viewer, uow: UnitOfWork<SessionData>, actor: Actor) => Promise<Reply> | Reply;

const ATTEMPTS = 3;

/** Reads (the viewer and `plan`), decides, writes; again on a lost race. */
async function act(d: ActionDeps, s: DashSession, plan: ReadPlan, decide: Decide): Promise<Reply> {
  const relay = new EffectRelay(d.store as WorkspaceStore<unknown>, d.outbox);
  for (let attempt = 1; ; attempt++) {
    const uow = new UnitOfWork<SessionData>(d.store, s.userId, viewerPlan(s, plan), relay, () => d.logger, d.multiInstance ?? false);
    uow.originTag = `d${randomUUID().slice(0, 12)}`;
    try {
      const ws = await uow.load();
      const v = viewerOf(d, s, ws);
      if (!v) return NOT_A_MEMBER;
      const actor: Actor = { userId: s.userId, name: s.name, at: d.clock.now().toISOString(), uow, store: d.store, orgs: d.orgs };
      const reply = await decide(v, uow, actor);
      if (uow.pending) await uow.commit(undefined);
      return reply;
    } catch (err) {
      if (err instanceof ConcurrentUpdateError && attempt < ATTEMPTS) continue;
      throw err;
    } finally {
      await uow.release().catch(() => undefined);
    }
  }
}

interface NoteAsk {
  worker: number;
  caseId: string;
  noteId: string;
  version: number;
}

/** ✅ Approve, or 💬 answer (`text`), a worker's note. */
export function review(d: ActionDeps, s: DashSession, q: NoteAsk, text?: string): Promise<Reply> {
  return act(d, s, { otherNote: { workerId: q.worker, caseId: q.caseId, noteId: q.noteId } }, async (v, uow, actor) => {
    const other = uow.other;
    const refused = reviewRefusal(v.userId, v.m, q.worker, other, { approve: text === undefined, version: q.version });
    if (refused === 'not-a-supervisor') return refuse(d, v, 'review', q.worker);
    if (refused === 'gone') return fail(404, 'gone');
    if (refused) return fail(409, refused);
    const note = other!.note!;
    const c = other!.case!;
    const ref = { orgId: v.orgId, workerId: q.worker, caseId: q.caseId, noteId: q.noteId, client: clientLabel(c), date: noteDay(note, v.zone) };
    if (text === undefined) approveNote(actor, ref, note);
    else giveFeedback(actor, ref, q.version, text);
    return ok({ ok: true });
  });
}

interface RiskAsk {
  worker: number;
  caseId: string;
  riskId: string;
}

/** 🙋 Take a risk alert, or ✅ record its follow-up (`text`). */
export function risk(d: ActionDeps, s: DashSession, q: RiskAsk, text?: string): Promise<Reply> {
  return act(d, s, { risk: { workerId: q.worker, caseId: q.caseId, riskId: q.riskId } }, async (v, uow, actor) => {
    // a worker the viewer may not see (another organisation's: its alerts are not even read) is refused first
    if (!scopeOf(v, q.worker).read) return refuse(d, v, 'risk', q.worker);
    const r = uow.risk;
    const refused = riskRefusal(v.userId, v.m, q.worker, r, text === undefined);
    if (!r) return fail(404, 'gone');
    if (refused === 'not-allowed') return refuse(d, v, 'risk', q.worker);
    if (refused === 'done') return fail(409, 'done', { by: r.done?.byName });
    if (refused === 'taken') return fail(409, 'taken', { by: r.taken?.byName });
    const ref = { workerId: q.worker, caseId: q.caseId, riskId: q.riskId };
    if (text === undefined) takeRisk(actor, ref, r);
    else followUpRisk(actor, ref, r.alert, !r.taken, text);
    return ok({ ok: true });
  });
}

/** 📕 / 📄 A case's report, made by the export worker and sent to the viewer's chat. */
export function report(d: ActionDeps, s: DashSession, q: { worker: number; caseId: string; format: 'pdf' | 'docx' }): Promise<Reply> {
  return act(d, s, { otherNote: { workerId: q.worker, caseId: q.caseId } }, async (v, uow, actor) => {
    if (!scopeOf(v, q.worker).full) return refuse(d, v, 'report', q.worker);
    const c = uow.other?.case;
    if (!c || c.orgId !== v.orgId) return fail(404, 'gone');
    const exports = d.exports;
    if (!exports) return fail(503, 'unavailable');
    // the day's cap, counted in the viewer's session as the chat's exports are
    const ws = await uow.load();
    const session: SessionData = { ...(ws.session ?? {}) };
    const day = dayIn(actor.at, v.zone);
    const count = exportsOn(session.exportsToday, day);
    if (count >= EXPORTS_PER_DAY) return fail(429, 'daily-limit', { max: EXPORTS_PER_DAY });
    session.exportsToday = { day, count: count + 1 };
    uow.alsoWrite((p) => d.orgs.audit(p, v.orgId, { at: actor.at, by: v.userId, action: 'export', detail: { what: q.format === 'pdf' ? 'report-pdf' : 'report-docx', worker: String(q.worker), case: q.caseId, via: 'dashboard' } }));
    const job: ExportJob = { userId: v.userId, lang: v.lang, zone: v.zone, at: actor.at, caseId: q.caseId, ...(q.worker !== v.userId ? { ownerId: q.worker } : {}), kind: 'report', format: q.format };
    const jobId = `export-${v.userId}-${uow.originTag}`;
    await uow.commit(session);
    await exports.request(job, jobId);
    return ok({ ok: true });
  });
}
