// Deleting and moving cases, in Redis. A case lives in its owner's slot `{u:<id>}`: the field in
// the cases hash, the notes:<case> hash, its notes' review-states fields and review-log:<note>
// lists, its reminded:<case>:* guards, its retention warning guard, and a draft in the session if
// the draft is that case. All of that goes in ONE Lua call (atomic, one slot, legal on a cluster),
// compare-and-set on the owner's session revision: an update of the owner that read before the
// deletion loses its race and writes nothing, so it can never bring a deleted note back.
// What lives elsewhere — BullMQ jobs and schedulers naming the case, outbox guards in the
// supervisors' slots — is scrubbed right after (src/privacy/scrub.ts).
import { sealRecord } from '../store/record-pack.ts';
import type { ChainableCommander } from 'ioredis';
import { DateTime } from 'luxon';
import type { ReviewEvent } from '../store/org-records.ts';
import type { RedisOp } from '../store/effects.ts';
import type { Keys } from '../store/keys.ts';
import type { CaseRecord } from '../store/records.ts';
import type { RiskAlert } from '../store/risk-records.ts';
import { activityCase, ASIDE_FIELDS, asideOf, sessionCases, sessionOrg, type SessionData } from '../store/session.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';
import type { OwnerView } from '../store/read-plan.ts';
import { readExtras } from '../store/extra-reads.ts';
import { LuaScript, type BoundScript } from '../store/lua-script.ts';
import { awaitingGoneOps, awaitingOps, caseIndexOps, riskIndexOps } from '../store/caseload-index.ts';
import { risksOf } from '../store/risk-records.ts';

// KEYS[1] = the owner's session hash; KEYS[2..] = the other keys written (all in the owner's slot).
// ARGV[1] = expected rev ('' = no check, no bump: a copy into a slot whose session it leaves alone),
// ARGV[2] = the session's new sealed data ('' keeps it), then ops as in the commit script:
// argument count n, command, key index, n arguments.
const SLOT_WRITE = new LuaScript<number>(new URL('./lua/slot-write.lua', import.meta.url));

/** The reminder periods whose guard keys may still exist (guards live about two months). */
export function guardPeriods(nowMs: number): string[] {
  const out = new Set<string>();
  const start = DateTime.fromMillis(nowMs, { zone: 'utc' }).minus({ days: 75 });
  for (let d = 0; d <= 85; d++) {
    const at = start.plus({ days: d });
    out.add(`${at.weekYear}-W${String(at.weekNumber).padStart(2, '0')}`);
    out.add(at.toFormat('yyyy-LL'));
  }
  return [...out].flatMap((p) => [p, `${p}-snooze`]);
}

/** The owner's keys a case occupies, as writes that remove it (all in the owner's slot). */
export function erasureOps(keys: Keys, ownerId: number, orgId: string | undefined, caseId: string, noteIds: string[], nowMs: number): RedisOp[] {
  const ops: RedisOp[] = [['HDEL', keys.cases(ownerId), caseId], ['HDEL', keys.caseOrgs(ownerId), caseId], ['DEL', keys.notes(ownerId, caseId)]];
  if (noteIds.length) ops.push(['HDEL', keys.reviewStates(ownerId), ...noteIds]);
  for (const n of noteIds) ops.push(['DEL', keys.reviewLog(ownerId, n)]);
  for (const p of guardPeriods(nowMs)) ops.push(['DEL', keys.reminded(ownerId, caseId, p)]);
  ops.push(['DEL', keys.retentionWarned(ownerId, caseId)], ['DEL', keys.risks(ownerId, caseId)]);
  // out of the worker's caseload index too (a removal needs no stage's usual time)
  if (orgId) ops.push(...caseIndexOps(keys, ownerId, orgId, caseId, undefined, () => undefined), ...awaitingGoneOps(keys, ownerId, orgId, caseId, noteIds));
  return ops;
}

/** The session without anything of the case (a draft note, a wait for its ending note or skip
 *  reason); undefined when nothing in it names the case. */
export function sessionWithout(session: SessionData | undefined, caseId: string): SessionData | undefined {
  if (!session) return undefined;
  const a = session.activity;
  const aside = asideOf(session);
  const drop = {
    activity: a !== undefined && activityCase(a) === caseId,
    // a supervisor's feedback or follow-up names another worker's case: not theirs to erase here
    aside: aside !== undefined && aside.kind !== 'feedback' && aside.kind !== 'risk-done' && 'caseId' in aside && aside.caseId === caseId,
  };
  if (!drop.activity && !drop.aside) return undefined;
  const next: SessionData = { ...session };
  if (drop.activity) delete next.activity;
  if (drop.aside) for (const k of ASIDE_FIELDS) delete next[k];
  return next;
}

/** Replays writes recorded on a pipeline-like recorder as plain ops (for the slot script). */
/** A write in one slot; a packed note's value is bytes (src/store/note-pack.ts). */
type SlotOp = [command: string, key: string, ...args: (string | Buffer)[]];

function asOps(write: (p: ChainableCommander) => void): SlotOp[] {
  const ops: SlotOp[] = [];
  const rec = new Proxy({} as ChainableCommander, {
    get: (_t, command: string) => (...args: unknown[]) => {
      const [key, ...rest] = args.map((a) => (Buffer.isBuffer(a) ? a : String(a)));
      ops.push([command.toUpperCase(), String(key), ...rest]);
      return rec;
    },
  });
  write(rec);
  return ops;
}

export class CaseVault {
  private readonly store: WorkspaceStore<SessionData>;

  private readonly write: BoundScript<number>;

  constructor(store: WorkspaceStore<SessionData>) {
    this.store = store;
    this.write = SLOT_WRITE.on(store.redis);
  }

  private get keys(): Keys {
    return this.store.keys;
  }

  /** Another worker's case file on its own (a job, a tool): one round trip. */
  async loadOwner(userId: number, caseId: string | undefined): Promise<OwnerView> {
    const { owner } = await readExtras(this.store.redis, this.keys, this.store.cipher, { owner: { workerId: userId, caseId } }, this.store.notes);
    return owner!;
  }

  /** One atomic script in one slot. Returns the new revision, or -1 when the session's revision
   *  was no longer `expectedRev` (then nothing was written). */
  async slotWrite(userId: number, expectedRev: number | undefined, session: SessionData | undefined, ops: (RedisOp | SlotOp)[]): Promise<number> {
    const sessionKey = this.keys.session(userId);
    const keys = [sessionKey];
    const args: (string | Buffer)[] = [expectedRev === undefined ? '' : String(expectedRev), session ? sealRecord(this.store.cipher, 'session', session, sessionKey, 'data') : ''];
    // the session's clear list of the cases its data names follows the data (as the commit writes it)
    const named = session ? sessionCases(session) : [];
    const org = session ? sessionOrg(session) : undefined;
    const all: (RedisOp | SlotOp)[] = session
      ? [named.length ? ['HSET', sessionKey, 'cases', named.join(',')] : ['HDEL', sessionKey, 'cases'], org ? ['HSET', sessionKey, 'org', org] : ['HDEL', sessionKey, 'org'], ...ops]
      : ops;
    for (const [command, key, ...rest] of all) {
      if (!key.includes(`{u:${userId}}`)) throw new Error(`${key} is not in the slot of user ${userId}`);
      let k = keys.indexOf(key);
      if (k === -1) k = keys.push(key) - 1;
      args.push(String(rest.length), command, String(k + 1), ...rest);
    }
    return this.write.run(keys, args);
  }

  /** Deletes a case from its owner's slot in one step (compare-and-set on the revision read). */
  async erase(ownerId: number, view: OwnerView, caseId: string, nowMs: number): Promise<number> {
    const ops = erasureOps(this.keys, ownerId, view.cases[caseId]?.orgId, caseId, Object.keys(view.notes), nowMs);
    return this.slotWrite(ownerId, view.rev, sessionWithout(view.session, caseId), ops);
  }

  /** A case's risk alerts and their follow-up, opened (field → value). */
  private async caseRisks(userId: number, caseId: string): Promise<Record<string, unknown>> {
    const key = this.keys.risks(userId, caseId);
    return this.store.cipher.openHash<unknown>(key, await this.store.redis.hgetall(key));
  }

  /** The review events of some notes (one more round trip: their ids are known only after the read). */
  async reviewLogs(userId: number, noteIds: string[]): Promise<Record<string, ReviewEvent[]>> {
    if (noteIds.length === 0) return {};
    const p = this.store.redis.pipeline();
    for (const n of noteIds) p.lrange(this.keys.reviewLog(userId, n), 0, -1);
    const results = (await p.exec()) ?? [];
    const out: Record<string, ReviewEvent[]> = {};
    noteIds.forEach((n, i) => {
      const [err, v] = results[i]!;
      if (err) throw err;
      out[n] = this.store.openList<ReviewEvent>(this.keys.reviewLog(userId, n), v as string[]);
    });
    return out;
  }

  /**
   * Moves a case to another worker. Two slots, so not one script on a cluster; the order makes it
   * crash-safe and idempotent: (1) copy into the target's slot — the case (owner changed), its
   * notes, review states and review logs, each overwritten whole, so running it twice writes the
   * same; (2) delete from the source with the compare-and-set on the source's revision read. A
   * crash between (1) and (2) leaves the case in both slots, still fully at the source: the admin
   * pressing the button again copies again (same result) and deletes at the source. When (2) loses
   * its race (the worker wrote to their workspace meanwhile), the copy is taken back out of the
   * target and the admin is asked to try again, so the newer source is never lost.
   */
  async move(from: number, view: OwnerView, caseId: string, to: number, nowMs: number): Promise<'moved' | 'conflict' | 'gone'> {
    if (!(await this.copy(from, view, caseId, to))) return 'gone';
    const notes = Object.values(view.notes);
    const orgId = view.cases[caseId]?.orgId;
    const rev = await this.erase(from, view, caseId, nowMs);
    if (rev === -1) {
      await this.slotWrite(to, undefined, undefined, erasureOps(this.keys, to, orgId, caseId, notes.map((n) => n.id), nowMs));
      return 'conflict';
    }
    return 'moved';
  }

  /** Ends a case in its owner's slot (a former member's case, by an admin): compare-and-set on the
   *  revision read; -1 when the owner wrote meanwhile. */
  async close(ownerId: number, view: OwnerView, closed: CaseRecord): Promise<number> {
    return this.putCase(ownerId, view, closed);
  }

  /** Writes a case record in its owner's slot (compare-and-set on the revision read); -1 when the
   *  owner wrote meanwhile. */
  async putCase(ownerId: number, view: OwnerView, c: CaseRecord): Promise<number> {
    const cases = this.keys.cases(ownerId);
    const index = c.orgId ? this.store.caseIndexOps(ownerId, c.orgId, c.id, c) : [];
    return this.slotWrite(ownerId, view.rev, undefined, [['HSET', cases, c.id, sealRecord(this.store.cipher, 'case', c, cases, c.id)], ...index]);
  }

  /**
   * Step (1) of a move: the case, its notes, review states, review logs and risk alerts copied into the target's
   * slot, each overwritten whole (running it twice writes the same). False when the case is gone.
   * Deleting it at the source is the caller's: `erase`, or — the source being the acting user's own
   * slot — their own write (erasureOps), which may not race a compare-and-set of its own.
   */
  async copy(from: number, view: OwnerView, caseId: string, to: number): Promise<boolean> {
    const c = view.cases[caseId];
    if (!c) return false;
    const notes = Object.values(view.notes);
    const [logs, risks] = await Promise.all([this.reviewLogs(from, notes.map((n) => n.id)), this.caseRisks(from, caseId)]);
    const risksKey = this.keys.risks(to, caseId);
    const copy = asOps((p) => {
      // the case's risk alerts and their follow-up go with it, now the new worker's
      p.del(risksKey);
      for (const [field, v] of Object.entries(risks)) {
        const value = field.includes(':') ? v : { ...(v as RiskAlert), workerId: to };
        p.hset(risksKey, field, this.store.cipher.seal(value, risksKey, field));
      }
      // sealed again for where it now lives (values are bound to their key and field)
      p.hset(this.keys.cases(to), caseId, sealRecord(this.store.cipher, 'case', { ...c, ownerId: to } satisfies CaseRecord, this.keys.cases(to), caseId));
      // in the same organisation (an admin moves a case only between its own members)
      if (c.orgId) p.hset(this.keys.caseOrgs(to), caseId, c.orgId);
      p.del(this.keys.notes(to, caseId));
      for (const n of notes) p.hset(this.keys.notes(to, caseId), n.id, this.store.notes.seal(n, this.keys.notes(to, caseId), n.id));
      for (const n of notes) {
        const state = view.reviewStates[n.id];
        if (state) p.hset(this.keys.reviewStates(to), n.id, state);
        p.del(this.keys.reviewLog(to, n.id));
        const events = logs[n.id] ?? [];
        if (events.length) p.rpush(this.keys.reviewLog(to, n.id), ...events.map((e) => this.store.cipher.seal(e, this.keys.reviewLog(to, n.id))));
      }
    });
    // the new worker's caseload index: the case, its open risks, its notes awaiting review
    const moved: CaseRecord = { ...c, ownerId: to };
    const org = c.orgId;
    if (org) {
      copy.push(...this.store.caseIndexOps(to, org, caseId, moved));
      // an ended case's alerts are not counted open (as the digest and the rebuild count them)
      if (moved.status === 'active') copy.push(...riskIndexOps(this.keys, to, org, caseId, risksOf(risks)));
      for (const n of notes) {
        if (view.reviewStates[n.id] !== 'menunggu') continue;
        const sent = (logs[n.id] ?? []).findLast((e) => e.action === 'submitted' || e.action === 'revised');
        copy.push(awaitingOps(this.keys, to, org, caseId, n.id, true, sent?.at ?? n.updatedAt ?? n.createdAt));
      }
    }
    await this.slotWrite(to, undefined, undefined, copy);
    return true;
  }
}
