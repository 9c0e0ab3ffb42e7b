// What a read plan asks for beyond the user's own keys (src/store/read-plan.ts): another worker's
// note, another worker's case file, an organisation's records — queued on the update's one pipeline
// beside read.lua, or read on their own (a job, a tool: readExtras), and decoded in order.
import { riskFields, risksOf, type RiskRecord } from './risk-records.ts';
import type { ChainableCommander } from 'ioredis';
import type { DataCipher } from './crypto.ts';
import { NoteSealer } from './note-pack.ts';
import { openRecord } from './record-pack.ts';
import type { Keys } from './keys.ts';
import type { ReviewEvent, ReviewState } from './org-records.ts';
import type { OrgRecords, OtherNote, OwnerView, ReadPlan, TeamRead } from './read-plan.ts';
import type { CaseRecord } from './records.ts';
import type { RedisClient } from './redis-connection.ts';
import type { SessionData } from './session.ts';
import { slotPipeline } from './slot-pipeline.ts';
import { decodeIndex, INDEX_COMMANDS, queueIndex } from './caseload-read.ts';
import { lazyRecords } from './lazy-records.ts';
import { parseFormMeta, type FormMeta } from './form-records.ts';
import { parseLetterheadMeta, queueLetterheadMeta, type LetterheadMeta } from './letterhead-records.ts';

/**
 * What a plan reads beyond the user's own keys, queued on the same pipeline and decoded in order:
 * another worker's note (that case, that note, its state and thread — not their whole case file),
 * another worker's case file, an organisation's records.
 */
export class ExtraReads {
  readonly result: { other?: OtherNote; owner?: OwnerView; org?: OrgRecords; risk?: RiskRecord; caseRisks?: RiskRecord[]; members?: Record<string, string>; team?: TeamRead; orgForm?: FormMeta | null; letterhead?: LetterheadMeta } = {};
  private readonly keys: Keys;
  private readonly cipher: DataCipher;
  private readonly plan: ReadPlan;

  /** opens the notes read (packed ones through the note codec) */
  private readonly notes: NoteSealer;

  constructor(keys: Keys, cipher: DataCipher, plan: ReadPlan, notes?: NoteSealer) {
    this.keys = keys;
    this.cipher = cipher;
    this.plan = plan;
    this.notes = notes ?? new NoteSealer(cipher);
  }

  get none(): boolean {
    const p = this.plan;
    return !p.otherNote && !p.owner && !p.org && !p.risk && !p.caseRisks && !p.members && !p.team && !p.orgForm && !p.letterhead;
  }

  queue(p: ChainableCommander): void {
    const k = this.keys;
    const { otherNote: o, owner, org, risk, caseRisks, members, team } = this.plan;
    if (members) p.hgetall(k.members(members));
    if (team) {
      const w = team.workerId;
      if (team.index) queueIndex(p, k, w, team.orgId);
      // cases and sessions are bytes (src/store/record-pack.ts), and so are notes (note-pack.ts)
      if (team.cases) {
        p.hgetallBuffer(k.cases(w));
        p.hgetall(k.caseOrgs(w));
      }
      if (team.caseId) {
        p.hgetBuffer(k.cases(w), team.caseId);
        p.hget(k.caseOrgs(w), team.caseId);
        p.hgetallBuffer(k.notes(w, team.caseId));
        p.hgetall(k.reviewStates(w));
      }
    }
    if (risk) {
      p.hmget(k.risks(risk.workerId, risk.caseId), ...riskFields(risk.riskId));
      p.hget(k.caseOrgs(risk.workerId), risk.caseId);
    }
    if (caseRisks) {
      p.hgetall(k.risks(caseRisks.workerId, caseRisks.caseId));
      p.hget(k.caseOrgs(caseRisks.workerId), caseRisks.caseId);
    }
    if (o) {
      p.hgetBuffer(k.cases(o.workerId), o.caseId);
      p.hget(k.caseOrgs(o.workerId), o.caseId);
      if (o.noteId !== undefined) {
        p.hgetBuffer(k.notes(o.workerId, o.caseId), o.noteId);
        p.hget(k.reviewStates(o.workerId), o.noteId);
        p.lrange(k.reviewLog(o.workerId, o.noteId), 0, -1);
      }
    }
    if (owner) {
      p.hmgetBuffer(k.session(owner.workerId), 'rev', 'data');
      p.hgetallBuffer(k.cases(owner.workerId));
      p.hgetall(k.caseOrgs(owner.workerId));
      if (owner.caseId) p.hgetallBuffer(k.notes(owner.workerId, owner.caseId));
      p.hgetall(k.reviewStates(owner.workerId));
    }
    if (org) {
      p.get(k.org(org));
      p.hgetall(k.members(org));
      p.hgetall(k.invites(org));
      p.hgetall(k.departed(org));
      p.get(k.emergency(org));
    }
    if (this.plan.orgForm) p.hget(k.orgForm(this.plan.orgForm), 'meta');
    if (this.plan.letterhead) queueLetterheadMeta(p, k, this.plan.letterhead);
  }

  /**
   * The results of what `queue` queued, in its order. `scope`: the organisation the reader works in
   * now ('' for none) — another worker's case of any other organisation is decoded as gone, with its
   * notes, alerts and index, so no handler ever holds it (undefined: a job that checks for itself).
   */
  decode(results: unknown[], scope?: string): void {
    const k = this.keys;
    const cipher = this.cipher;
    const { otherNote: o, owner, org, risk, caseRisks, members, team } = this.plan;
    let i = 0;
    const next = <T>(): T => results[i++] as T;
    const inScope = (orgId: string | null | undefined) => scope === undefined || (orgId ?? '') === scope;
    /** a case opened, with the organisation it belongs to (keys.caseOrgs decides, not the record) */
    const openCase = (sealed: string | Buffer, key: string, id: string, orgId: string | null | undefined): CaseRecord => {
      const c = openRecord<CaseRecord>(cipher, sealed, key, id);
      return orgId ? { ...c, orgId } : c;
    };
    if (members) this.result.members = next<Record<string, string>>();
    if (team) {
      const w = team.workerId;
      const read: TeamRead = {};
      const ours = inScope(team.orgId);
      if (team.index) {
        const index = decodeIndex(results.slice(i, (i += INDEX_COMMANDS)));
        if (ours) read.index = index;
      }
      if (team.cases) {
        const [sealed, orgs] = [next<Record<string, Buffer>>(), next<Record<string, string>>()];
        const kept = ours ? Object.fromEntries(Object.entries(sealed).filter(([id]) => inScope(orgs[id]))) : {};
        read.cases = lazyRecords(kept, (s, id) => openCase(s, k.cases(w), id, orgs[id]));
      }
      if (team.caseId) {
        const [sealed, orgId, notes, states] = [next<Buffer | null>(), next<string | null>(), next<Record<string, Buffer>>(), next<Record<string, ReviewState>>()];
        const shown = ours && sealed !== null && inScope(orgId);
        read.case = shown ? openCase(sealed, k.cases(w), team.caseId, orgId) : undefined;
        read.notes = shown ? this.notes.openHash(k.notes(w, team.caseId), notes) : {};
        read.reviewStates = shown ? states : {};
      }
      this.result.team = read;
    }
    if (risk) {
      const key = k.risks(risk.workerId, risk.caseId);
      // the alert's three fields, as a hash of those present: read as the case's history reads them
      const values = next<(string | null)[]>();
      const orgId = next<string | null>();
      const present = Object.fromEntries(riskFields(risk.riskId).flatMap((f, j) => (values[j] ? [[f, values[j]]] : [])));
      const [record] = risksOf(cipher.openHash<unknown>(key, present));
      if (record && inScope(orgId)) this.result.risk = record;
    }
    if (caseRisks) {
      const key = k.risks(caseRisks.workerId, caseRisks.caseId);
      const [hash, orgId] = [next<Record<string, string>>(), next<string | null>()];
      this.result.caseRisks = inScope(orgId) ? risksOf(cipher.openHash<unknown>(key, hash)) : [];
    }
    if (o) {
      const [c, orgId] = [next<Buffer | null>(), next<string | null>()];
      const noteId = o.noteId;
      const [n, state, log] = noteId !== undefined ? [next<Buffer | null>(), next<string | null>(), next<string[]>()] : [null, null, []];
      if (!inScope(orgId)) {
        this.result.other = { case: undefined, note: undefined, reviewState: undefined, reviewLog: [] };
      } else this.result.other = {
        case: c ? openCase(c, k.cases(o.workerId), o.caseId, orgId) : undefined,
        note: n && noteId !== undefined ? this.notes.open(n, k.notes(o.workerId, o.caseId), noteId) : undefined,
        reviewState: (state ?? undefined) as ReviewState | undefined,
        reviewLog: noteId !== undefined ? cipher.openList<ReviewEvent>(k.reviewLog(o.workerId, noteId), log) : [],
      };
    }
    if (owner) {
      const [rev, data] = next<(Buffer | null)[]>();
      const sealed = next<Record<string, Buffer>>();
      const orgs = next<Record<string, string>>();
      const notes = owner.caseId ? next<Record<string, Buffer>>() : {};
      const states = next<Record<string, string>>();
      const cases: Record<string, CaseRecord> = {};
      for (const [id, s] of Object.entries(sealed)) if (inScope(orgs[id])) cases[id] = openCase(s, k.cases(owner.workerId), id, orgs[id]);
      this.result.owner = {
        rev: rev ? Number(rev.toString()) : 0,
        session: data ? openRecord<SessionData>(cipher, data, k.session(owner.workerId), 'data') : undefined,
        cases,
        notes: owner.caseId && cases[owner.caseId] ? this.notes.openHash(k.notes(owner.workerId, owner.caseId), notes) : {},
        reviewStates: states as Record<string, ReviewState>,
      };
    }
    if (org) {
      this.result.org = { org: next<string | null>(), members: next(), invites: next(), departed: next(), emergency: next<string | null>() };
    }
    if (this.plan.orgForm) {
      // null: read, none published; left out for an organisation the reader does not work in
      const meta = parseFormMeta(next<string | null>());
      if (inScope(this.plan.orgForm)) this.result.orgForm = meta ?? null;
    }
    if (this.plan.letterhead) {
      // left out for an organisation the reader does not work in (its screen then refuses the press)
      const meta = parseLetterheadMeta(next<(string | null)[]>());
      if (inScope(this.plan.letterhead)) this.result.letterhead = meta;
    }
  }
}

/** What a plan's extras read, on their own: one round trip (one per slot on a cluster). */
export async function readExtras(redis: RedisClient, keys: Keys, cipher: DataCipher, plan: ReadPlan, notes?: NoteSealer): Promise<ExtraReads['result']> {
  const extras = new ExtraReads(keys, cipher, plan, notes);
  const p = slotPipeline(redis);
  extras.queue(p);
  const results = (await p.exec()) ?? [];
  for (const [err] of results) if (err) throw err;
  const values = results.map(([, v]) => v);
  await (notes ?? new NoteSealer(cipher)).withFlows(() => extras.decode(values));
  return extras.result;
}
