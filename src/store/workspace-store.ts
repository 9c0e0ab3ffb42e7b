// A user's workspace in Redis: their conversation state (session), their cases, and the notes of a
// case in view. Read in one pipeline; written in one atomic Lua call that compares the session's
// revision first, so two bot instances (or a replayed update) can never overwrite each other.
import { riskFields, type RiskRecord, type RiskStep, type RiskAlert } from './risk-records.ts';
import type { ChainableCommander } from 'ioredis';
import { parseOrgEntries, type Membership, type ReviewEvent, type ReviewState, type Role } from './org-records.ts';
import type { DataCipher } from './crypto.ts';
import { NoteSealer, type NoteCodec } from './note-pack.ts';
import { openRecord, openRecordJson, openRecords, sealRecord, sealRecordJson } from './record-pack.ts';
import type { Keys } from './keys.ts';
import type { CaseRecord, NoteRecord } from './records.ts';
import { slotTag, type RedisOp } from './effects.ts';
import { mastersOf, type RedisClient } from './redis-connection.ts';
import { slotPipeline } from './slot-pipeline.ts';
import { LuaScript, type BoundScript } from './lua-script.ts';
import type { OrgRecords, OtherNote, OwnerView, ReadPlan, TeamRead } from './read-plan.ts';
import { ExtraReads } from './extra-reads.ts';
import { lazyRecords } from './lazy-records.ts';
import { awaitingOps, caseIndexOps, riskStepOps, type StageWeeks } from './caseload-index.ts';
import type { LetterheadMeta } from './letterhead-records.ts';
import type { FormMeta } from './form-records.ts';

export interface Workspace<S> {
  /** revision of the session as read; 0 when the user has none yet */
  rev: number;
  /** the highest update id applied for this user, and when (the replay guard) */
  lastUpdate: { id: number; at: number } | undefined;
  /** this reader holds the user's lock (asked with `lock`): no other instance handles them meanwhile */
  locked: boolean;
  session: S | undefined;
  /** the session as read, as JSON (what a change is compared with); undefined when there is none */
  sessionJson?: string | undefined;
  cases: Record<string, CaseRecord>;
  /** `cases` holds every case of the user; false when only the session's were read (`sessionCases`) */
  casesComplete: boolean;
  /** notes of the case asked for, by id */
  notes: Record<string, NoteRecord> | undefined;
  /** Telegram said the user blocked the bot: reminders are paused until they write again */
  blocked: boolean;
  /** the user's organisation and role, with their supervisors / workers; undefined: not a member */
  membership: Membership | undefined;
  /** review states of the user's notes (read with `notesOf`), by note id */
  reviewStates: Record<string, ReviewState> | undefined;
  /** the review events of one note (read with `reviewLogOf`) */
  reviewLog: ReviewEvent[] | undefined;
  /** what the plan asked for besides the user's own keys */
  other?: OtherNote;
  owner?: OwnerView;
  org?: OrgRecords;
  /** a worker's risk alert and its follow-up (ReadPlan.risk) */
  risk?: RiskRecord;
  /** every risk alert of one case, with its follow-up (ReadPlan.caseRisks) */
  caseRisks?: RiskRecord[];
  /** an organisation's members hash as stored (ReadPlan.members) */
  members?: Record<string, string>;
  /** a worker's caseload for the team screens (ReadPlan.team) */
  team?: TeamRead;
  /** the organisation's own Word form, null when none is published (ReadPlan.orgForm) */
  orgForm?: FormMeta | null;
  /** the organisation's letterhead, all but the logo's bytes (ReadPlan.letterhead) */
  letterhead?: LetterheadMeta;
}

export interface WorkspaceChanges<S> {
  /** undefined: leave as is; null: delete */
  session?: S | null;
  /** `session` already as JSON (the caller made it to compare): sealed as is, not made again */
  sessionJson?: string;
  cases?: CaseRecord[];
  notes?: NoteRecord[];
  /** the user wrote to the bot, so they no longer block it */
  unblock?: boolean;
  /** the update being applied: stored as the highest applied, with the write that applies it */
  update?: { id: number; at: number };
  /** more writes to the user's own keys (same slot), applied with the compare-and-set */
  ops?: RedisOp[];
  /** a sealed effect entry (writes elsewhere, messages to others) to record with the write */
  effect?: string;
  /** the writer holds the user's lock: release it with the write */
  unlock?: boolean;
}

export class ConcurrentUpdateError extends Error {
  constructor(userId: number) {
    super(`workspace of user ${userId} was changed by someone else since it was read`);
    this.name = 'ConcurrentUpdateError';
  }
}

// KEYS[1] = session hash; KEYS[2..] = the other keys written (all in the user's slot).
// ARGV[1] = expected rev, then ops: argument count n, command, key index, n arguments.
const COMMIT = new LuaScript<number>(new URL('./lua/commit.lua', import.meta.url));
const READ = new LuaScript<RawRead>(new URL('./lua/read.lua', import.meta.url));

/** A flat [field, value, …] reply (HGETALL inside Lua) as an object. */
function pairs<V = string>(flat: V[]): Record<string, V> {
  const out: Record<string, V> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) out[String(flat[i])] = flat[i + 1]!;
  return out;
}

/** The caseload index's writes (sorted sets) onto a pipeline, or a recorder of one (effects). */
function queueIndexOps(p: ChainableCommander, ops: readonly RedisOp[]): void {
  for (const [command, key, ...rest] of ops) {
    if (command === 'ZADD') p.zadd(key, ...rest);
    else if (command === 'ZREM') p.zrem(key, ...rest);
    else if (command === 'ZREMRANGEBYLEX') p.zremrangebylex(key, rest[0]!, rest[1]!);
    else throw new Error(`not an index write: ${command}`);
  }
}

const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;
const UNLOCK = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/** What read.lua answers, in its order (src/store/lua/read.lua); the session's data, the cases and
 *  the notes as stored (bytes: src/store/record-pack.ts, note-pack.ts; a text format of before). */
type Stored = string | Buffer;
type RawRead = [number, (Stored | null)[], Stored[], number, string[], string[], string[], Stored[] | null, string[] | null, string[] | null, number, string[], string[]];

/** Where read.lua's reply has the session's fields (rev, data, …), the cases and the notes (field, value…). */
const SESSION_AT = 1;
const CASES_AT = 2;
const NOTES_AT = 7;

/** read.lua's reply, read as bytes: every string made text again but the stored records (kept bytes). */
function textBut(reply: unknown): RawRead {
  const text = (v: unknown): unknown => (Buffer.isBuffer(v) ? v.toString('utf8') : Array.isArray(v) ? v.map(text) : v);
  const parts = reply as unknown[];
  return parts.map((part, i) => {
    if (!Array.isArray(part)) return text(part);
    // rev, data, upd, updAt: the data as stored
    if (i === SESSION_AT) return part.map((x, j) => (j === 1 ? x : text(x)));
    // field, value, field, value…: the fields are ids
    if (i === CASES_AT || i === NOTES_AT) return part.map((x, j) => (j % 2 === 0 ? text(x) : x));
    return text(part);
  }) as RawRead;
}

/** read.lua's answer by name. */
function decodeRead(raw: RawRead) {
  const [locked, [rev, data, upd, updAt], cases, blocked, membership, supervisors, workers, notes, states, log, some, suspendedSupervisors, orgs] = raw;
  return {
    locked: locked === 1,
    session: { rev: rev ? Number(rev) : 0, data, lastUpdate: upd ? { id: Number(upd), at: Number(updAt ?? 0) } : undefined },
    cases: pairs<Stored>(cases),
    /** only the cases the session named were read */
    someCases: some === 1,
    blocked: blocked === 1,
    membership: pairs(membership),
    supervisors: supervisors.map(Number),
    workers: workers.map(Number),
    suspendedSupervisors: suspendedSupervisors.map(Number),
    orgs: pairs(orgs),
    notes: notes ? pairs<Stored>(notes) : undefined,
    states: states ? pairs(states) : undefined,
    log: log || undefined,
  };
}

/** What the store is told of the session it keeps, and of the flows (all optional: a bare store
 *  reads every case, keeps no organisation beside the session, and marks no case as stuck). */
export interface WorkspaceOptions<S> {
  /** the user's own cases a session refers to, kept in clear beside it (src/store/session.ts: sessionCases) */
  casesOf?: (session: S) => string[];
  /** the usual weeks of a flow's stage (the caseload index marks a case longer in it) */
  stageWeeks?: StageWeeks;
  /** the organisation the session is busy in, kept in clear beside it (src/store/session.ts: sessionOrg) */
  orgOf?: (session: S) => string | undefined;
  /** notes kept as their answers (src/cases/note-codec.ts); without it, whole (the store's own tests) */
  notes?: NoteCodec;
  /** loads a flow version another instance published since this one read the registry (a note
   *  written in it is then read: src/catalog/flow-store.ts ensure) */
  ensureFlow?: (flowId: string, version: number) => Promise<boolean>;
}

export class WorkspaceStore<S> {
  readonly redis: RedisClient;
  readonly keys: Keys;
  readonly cipher: DataCipher;
  /** seals and opens notes (packed and compressed: src/store/note-pack.ts) */
  readonly notes: NoteSealer;
  /** the user's own cases a session refers to (the draft's, a pending reason's), kept beside it in
   *  clear (ids only) so a read can take just those; without it every read takes every case */
  private readonly casesOf: ((session: S) => string[]) | undefined;
  /** the usual weeks of a flow's stage (the caseload index marks a case longer in it) */
  private readonly stageWeeks: StageWeeks;
  /** the organisation the session is busy in (its draft's, or a waited-for text's), kept in clear
   *  beside it (an id): read.lua acts there (src/store/session.ts: sessionOrg) */
  private readonly orgOf: ((session: S) => string | undefined) | undefined;

  private readonly read: BoundScript<RawRead>;
  private readonly write: BoundScript<number>;

  constructor(redis: RedisClient, keys: Keys, cipher: DataCipher, opts: WorkspaceOptions<S> = {}) {
    this.redis = redis;
    this.keys = keys;
    this.cipher = cipher;
    this.notes = new NoteSealer(cipher, opts.notes, opts.ensureFlow);
    this.casesOf = opts.casesOf;
    this.stageWeeks = opts.stageWeeks ?? (() => undefined);
    this.orgOf = opts.orgOf;
    this.read = READ.on(redis);
    this.write = COMMIT.on(redis);
  }

  /** Loads the write script into Redis at start-up, so the first write is one round trip too. */
  async prepare(): Promise<void> {
    await Promise.all((await mastersOf(this.redis)).flatMap((node) => [node.script('LOAD', COMMIT.lua), node.script('LOAD', READ.lua)]));
  }

  /** One round trip: the user's own keys, and whatever else the plan asks for (on a cluster: one
   *  pipeline per slot, at once — src/store/slot-pipeline.ts). */
  async load(userId: number, plan: ReadPlan = {}): Promise<Workspace<S>> {
    const k = this.keys;
    // the keys read.lua reads, and no more: the optional ones only when asked (a key costs its bytes
    // on the wire every update)
    const keys = [k.session(userId), k.cases(userId), k.blocked(userId), k.membership(userId), k.memberships(userId), k.caseOrgs(userId)];
    if (plan.notesOf) keys.push(k.notes(userId, plan.notesOf), k.reviewStates(userId));
    if (plan.reviewLogOf) keys.push(k.reviewLog(userId, plan.reviewLogOf));
    if (plan.lock) keys.push(k.lock(userId));
    const args = [plan.notesOf ? '1' : '0', plan.reviewLogOf ? '1' : '0', plan.lock?.token ?? '', String(plan.lock?.ms ?? 0), plan.sessionCases ? '1' : '0', (plan.caseIds ?? []).join(','), k.orgBase(userId), plan.notesOf ?? '', plan.everyOrg ? '1' : '0', plan.actIn ?? ''];
    const extras = new ExtraReads(this.keys, this.cipher, plan, this.notes);
    let raw: RawRead;
    let more: unknown[] = [];
    // the session, the cases and a case's notes are bytes (src/store/record-pack.ts, note-pack.ts):
    // read.lua's reply comes as bytes, and all else in it is made text again
    if (extras.none) {
      // alone (most updates): a plain command, no pipeline to build around it
      raw = textBut(await this.read.runBuffer(keys, args));
    } else {
      const p = slotPipeline(this.redis);
      this.read.queueBuffer(p, keys, args);
      extras.queue(p);
      const results = (await p.exec()) ?? [];
      for (const [err] of results) if (err) throw err;
      raw = textBut(results[0]![1]);
      more = results.slice(1).map(([, v]) => v);
    }
    const own = decodeRead(raw);
    const active = own.membership.orgId;
    // what the extras read of other workers is kept only when it is of the organisation worked in now
    // (their notes opened now: a flow version published elsewhere meanwhile is loaded, and they again)
    if (!extras.none) await this.notes.withFlows(() => extras.decode(more, active ?? ''));
    const notes = plan.notesOf ? await this.notes.withFlows(() => this.notes.openHash(k.notes(userId, plan.notesOf!), own.notes ?? {})) : undefined;
    // the JSON is kept: the unit of work compares the session written back with it
    const sessionJson = own.session.data ? openRecordJson(this.cipher, own.session.data, k.session(userId), 'data') : undefined;
    const member = own.membership;
    return {
      rev: own.session.rev,
      lastUpdate: own.session.lastUpdate,
      locked: plan.lock ? own.locked : false,
      session: sessionJson === undefined ? undefined : (JSON.parse(sessionJson) as S),
      sessionJson,
      // opened when a handler looks at one: most updates touch one case of many
      // read.lua returned the active organisation's cases only: each is stamped with it
      cases: lazyRecords(own.cases, (sealed, id) => {
        const c = openRecord<CaseRecord>(this.cipher, sealed, k.cases(userId), id);
        return active && !plan.everyOrg ? { ...c, orgId: active } : c;
      }),
      casesComplete: !own.someCases,
      notes,
      reviewStates: plan.notesOf ? ((own.states ?? {}) as Record<string, ReviewState>) : undefined,
      reviewLog: plan.reviewLogOf ? this.openList<ReviewEvent>(k.reviewLog(userId, plan.reviewLogOf), own.log ?? []) : undefined,
      blocked: own.blocked,
      membership: member.orgId
        ? {
            orgId: member.orgId,
            role: member.role as Role,
            supervisors: own.supervisors,
            ...(own.suspendedSupervisors.length ? { suspendedSupervisors: own.suspendedSupervisors } : {}),
            workers: own.workers,
            ...(member.lang === 'id' || member.lang === 'en' ? { lang: member.lang } : {}),
            ...(member.suspended ? { suspended: true } : {}),
            orgs: parseOrgEntries(own.orgs),
          }
        : undefined,
      ...extras.result,
    };
  }

  /** One round trip, atomic. Returns the new revision; throws ConcurrentUpdateError on a lost race. */
  async commit(userId: number, expectedRev: number, changes: WorkspaceChanges<S>): Promise<number> {
    const session = this.keys.session(userId);
    // commit.lua's arguments, made as the writes are listed (no list of writes in between): the
    // keys, then per write its argument count, command, key index and arguments
    const keys = [session];
    // (a packed note is bytes: src/store/note-pack.ts)
    const args: (string | Buffer)[] = [String(expectedRev)];
    const write = (command: string, key: string, ...rest: (string | Buffer)[]): void => {
      let k = keys.indexOf(key);
      if (k === -1) k = keys.push(key) - 1;
      args.push(String(rest.length), command, String(k + 1));
      for (const r of rest) args.push(r);
    };
    // the session's own fields in one HSET (and one HDEL): its data, the cases it names, the update
    const set: (string | Buffer)[] = [];
    const del: string[] = [];
    if (changes.session === null) del.push('data', 'cases', 'org');
    else if (changes.session !== undefined) {
      set.push('data', sealRecordJson(this.cipher, 'session', changes.sessionJson ?? JSON.stringify(changes.session), session, 'data'));
      const named = this.casesOf?.(changes.session) ?? [];
      if (named.length) set.push('cases', named.join(','));
      else del.push('cases');
      const org = this.orgOf?.(changes.session);
      if (org) set.push('org', org);
      else del.push('org');
    }
    if (changes.update) set.push('upd', String(changes.update.id), 'updAt', String(changes.update.at));
    if (set.length) write('HSET', session, ...set);
    if (del.length) write('HDEL', session, ...del);
    if (changes.unblock) write('DEL', this.keys.blocked(userId));
    for (const c of changes.cases ?? []) {
      if (c.ownerId !== userId) throw new Error('a case is written in its owner\'s workspace only');
      write('HSET', this.keys.cases(userId), c.id, sealRecord(this.cipher, 'case', c, this.keys.cases(userId), c.id));
      if (c.orgId) {
        write('HSET', this.keys.caseOrgs(userId), c.id, c.orgId);
        // the caseload index follows the case in the same atomic write
        for (const [command, key, ...rest] of this.caseIndexOps(userId, c.orgId, c.id, c)) write(command, key, ...rest);
      }
    }
    for (const n of changes.notes ?? []) write('HSET', this.keys.notes(userId, n.caseId), n.id, this.notes.seal(n, this.keys.notes(userId, n.caseId), n.id));
    const own = slotTag(session);
    for (const [command, key, ...rest] of changes.ops ?? []) {
      if (slotTag(key) !== own) throw new Error(`a write to ${key} is not in the user's slot: record it as an effect`);
      write(command, key, ...rest);
    }
    if (changes.effect) write('RPUSH', this.keys.effects(userId), changes.effect);
    if (changes.unlock) write('DEL', this.keys.lock(userId));

    const rev = await this.write.run(keys, args);
    if (rev === -1) throw new ConcurrentUpdateError(userId);
    return rev;
  }

  /** Extends the user's lock while this token holds it (an update that takes long). */
  async renewLock(userId: number, token: string, ms: number): Promise<void> {
    await this.redis.eval(RENEW, 1, this.keys.lock(userId), token, String(ms));
  }

  /** Releases the user's lock if this token still holds it (an update that ended without a write). */
  async unlock(userId: number, token: string): Promise<void> {
    await this.redis.eval(UNLOCK, 1, this.keys.lock(userId), token);
  }

  /** Queues the language messages to this user are written in (kept with their membership). */
  writeLanguage(p: ChainableCommander, userId: number, lang: 'id' | 'en'): void {
    p.hset(this.keys.membership(userId), 'lang', lang);
  }

  /** The writes that bring a worker's caseload index in line with one case (undefined: gone). */
  caseIndexOps(ownerId: number, orgId: string, caseId: string, c: CaseRecord | undefined): RedisOp[] {
    return caseIndexOps(this.keys, ownerId, orgId, caseId, c, this.stageWeeks);
  }

  /** A risk alert raised, taken or followed up: its own field of the worker's risks, sealed; the
   *  caseload index counts the open ones. */
  writeRisk(p: ChainableCommander, workerId: number, orgId: string, caseId: string, riskId: string, part: { alert: RiskAlert } | { taken: RiskStep } | { done: RiskStep }): void {
    const key = this.keys.risks(workerId, caseId);
    const [fa, ft, fd] = riskFields(riskId);
    let step: 'alert' | 'taken' | 'done';
    if ('alert' in part) {
      p.hset(key, fa, this.cipher.seal(part.alert, key, fa));
      step = 'alert';
    } else if ('taken' in part) {
      p.hset(key, ft, this.cipher.seal(part.taken, key, ft));
      step = 'taken';
    } else {
      p.hset(key, fd, this.cipher.seal(part.done, key, fd));
      step = 'done';
    }
    queueIndexOps(p, riskStepOps(this.keys, workerId, orgId, caseId, riskId, step, 'alert' in part ? part.alert.raisedAt : undefined));
  }

  /** Queues a review event and the note's new state (blind writes: no read needed first); the
   *  caseload index counts the notes awaiting their supervisor. */
  writeReview(p: ChainableCommander, userId: number, orgId: string, caseId: string, noteId: string, state: ReviewState, event: ReviewEvent): void {
    p.hset(this.keys.reviewStates(userId), noteId, state);
    const log = this.keys.reviewLog(userId, noteId);
    p.rpush(log, this.cipher.seal(event, log));
    queueIndexOps(p, [awaitingOps(this.keys, userId, orgId, caseId, noteId, state === 'menunggu', event.at)]);
  }

  /** A worker's cases as stored (bytes, or a text format of before: src/store/record-pack.ts), opened. */
  openCases(userId: number, hash: Record<string, string | Buffer>): Record<string, CaseRecord> {
    return openRecords<CaseRecord>(this.cipher, this.keys.cases(userId), hash);
  }

  /** A hash's sealed values opened, each bound to the hash's key and its own field. */
  openAll<T>(key: string, hash: Record<string, string>): Record<string, T> {
    return this.cipher.openHash<T>(key, hash);
  }

  /** A list's sealed elements opened, each bound to the list's key. */
  openList<T>(key: string, list: string[]): T[] {
    return this.cipher.openList<T>(key, list);
  }
}
