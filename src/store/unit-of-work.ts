// One update = one unit of work: everything it reads comes in one round trip, everything it writes
// goes out in one atomic round trip. ctx.session is read and written through it
// (src/bot/middleware/state.ts: sessionMiddleware).
import type { RiskRecord } from './risk-records.ts';
import type { ChainableCommander } from 'ioredis';
import type { Membership, ReviewEvent, ReviewState } from './org-records.ts';
import { outboxJobId, type OutboxMessage } from './outbox-messages.ts';
import { recordOps, slotTag, type EffectEntry, type RedisOp } from './effects.ts';
import type { EffectRelay } from './effect-relay.ts';
import type { Logger } from 'pino';
import type { CaseRecord, NoteRecord } from './records.ts';
import type { Workspace, WorkspaceStore } from './workspace-store.ts';
import type { OrgRecords, OtherNote, OwnerView, ReadPlan, TeamRead } from './read-plan.ts';
import type { FormMeta } from './form-records.ts';
import type { LetterheadMeta } from './letterhead-records.ts';

export class UnitOfWork<S> {
  private workspace: Workspace<S> | undefined;
  private sessionJson: string | undefined;
  private readonly caseWrites = new Map<string, CaseRecord>();
  private readonly noteWrites: NoteRecord[] = [];
  private readonly extraWrites: RedisOp[] = [];
  /** a case's reminder schedule or the user's reminder settings changed in this update */
  scheduleChanged = false;
  /** the user may use the bot (a member or an admin): only then does writing lift a block */
  allowed = false;
  /** the update being applied, recorded with the write as the highest applied (the replay guard) */
  update: { id: number; at: number } | undefined;
  /** a write that is no Telegram update (a dashboard action): what names it in its effect's and
   *  messages' ids instead of the update id, so two such writes never share a message id */
  originTag: string | undefined;
  /** other users whose schedulers follow from this update (a supervisor given a worker) */
  readonly syncUsers = new Set<number>();
  readonly notesOf: string | undefined;
  private renewal: NodeJS.Timeout | undefined;
  /** names this update as the holder of the user's lock (made only where updates take it) */
  private readonly lockToken: string;

  /** messages for other users: sent only after this update's write succeeded */
  readonly outbox: OutboxMessage[] = [];

  private readonly store: WorkspaceStore<S>;
  readonly userId: number;
  private readonly plan: ReadPlan;
  /** applies what the write records beyond the user's keys, right after it */
  private readonly relay: EffectRelay;
  /** the update's logger, asked for only when there is something to log (it is made lazily) */
  private readonly log: () => Logger;
  /** several instances serve this bot (webhook mode): take the user's lock while handling */
  private readonly useLock: boolean;

  constructor(store: WorkspaceStore<S>, userId: number, plan: ReadPlan, relay: EffectRelay, log: () => Logger, useLock = false) {
    this.store = store;
    this.userId = userId;
    this.plan = plan;
    this.relay = relay;
    this.log = log;
    this.useLock = useLock;
    this.lockToken = useLock ? Math.random().toString(36).slice(2, 12) : '';
    this.notesOf = plan.notesOf;
  }

  async load(): Promise<Workspace<S>> {
    if (!this.workspace) {
      // Another instance handling this user's previous update holds their lock: wait for its write
      // (read again), so updates apply one after another instead of racing to a conflict.
      // (One instance — long polling — handles a user's updates in order itself: no lock needed.)
      const until = Date.now() + LOCK_WAIT_MS;
      for (;;) {
        this.workspace = await this.store.load(this.userId, this.useLock ? { ...this.plan, lock: { token: this.lockToken, ms: LOCK_MS } } : this.plan);
        if (!this.useLock || this.workspace.locked || Date.now() > until) break;
        await new Promise((r) => setTimeout(r, 10 + Math.random() * 20));
      }
      // A slow update (a reply waiting out a 429) keeps its lock; a dead instance's lapses soon.
      if (this.workspace.locked) {
        this.renewal = setInterval(() => void this.store.renewLock(this.userId, this.lockToken, LOCK_MS).catch(() => undefined), LOCK_MS / 2);
        this.renewal.unref();
      }
      // no session yet reads as {} (grammY's initial value): a stranger's update writes nothing.
      // The JSON as decrypted is what JSON.stringify made when it was written (a parse and a
      // stringify give it back unchanged), so it is not made again here.
      this.sessionJson = this.workspace.sessionJson ?? (this.workspace.session === undefined ? '{}' : JSON.stringify(this.workspace.session));
    }
    return this.workspace;
  }

  get membership(): Membership | undefined {
    return this.ws.membership;
  }

  /** Review states of the notes of `notesOf`. */
  reviewStates(caseId: string): Record<string, ReviewState> | undefined {
    return caseId === this.notesOf ? this.ws.reviewStates : undefined;
  }

  /** Review events of the note named by the read plan. */
  get reviewLog(): ReviewEvent[] | undefined {
    return this.ws.reviewLog;
  }

  /** Another worker's note, when the read plan named one (a reviewer's button). */
  get other(): OtherNote | undefined {
    return this.ws.other;
  }

  /** Another worker's case file, when the read plan named one (an admin's case screens). */
  get owner(): OwnerView | undefined {
    return this.ws.owner;
  }

  /** The organisation's records the read plan named (src/org/org-store.ts decodes them). */
  get orgRecords(): OrgRecords | undefined {
    return this.ws.org;
  }

  /** A worker's risk alert the read plan named, with its follow-up (undefined: gone or never). */
  get risk(): RiskRecord | undefined {
    return this.ws.risk;
  }

  /** The risk alerts of the case the read plan named (ReadPlan.caseRisks), with their follow-up. */
  get caseRisks(): RiskRecord[] | undefined {
    return this.ws.caseRisks;
  }

  /** An organisation's members hash as stored (ReadPlan.members; src/org/org-store.ts opens it). */
  get membersRead(): Record<string, string> | undefined {
    return this.ws.members;
  }

  /** A worker's caseload as the team screens read it (ReadPlan.team). */
  get team(): TeamRead | undefined {
    return this.ws.team;
  }

  /** The organisation's own Word form (ReadPlan.orgForm): null when none is published. */
  get orgForm(): FormMeta | null | undefined {
    return this.ws.orgForm;
  }

  /** The organisation's letterhead, all but the logo's bytes (ReadPlan.letterhead). */
  get letterhead(): LetterheadMeta | undefined {
    return this.ws.letterhead;
  }

  /** work that may start only once this update's write succeeded (e.g. queueing an export) */
  readonly afterCommit: (() => Promise<void>)[] = [];

  /** A message for another user, sent after the write (nothing is sent for an update that failed). */
  tell(m: OutboxMessage): void {
    this.outbox.push(m);
  }

  /**
   * More writes of this update, given as writes to a pipeline: the user's own keys go into the
   * compare-and-set; others' (a worker's review, an organisation's audit) are recorded by it as an
   * effect and applied right after it succeeded — never for an update that lost it.
   */
  alsoWrite(write: (p: ChainableCommander) => void): void {
    this.extraWrites.push(...recordOps(write));
  }

  /** The same, given as ops already (a case's erasure, src/privacy/vault.ts: erasureOps). */
  alsoWriteOps(ops: readonly RedisOp[]): void {
    this.extraWrites.push(...ops);
  }

  private get ws(): Workspace<S> {
    if (!this.workspace) throw new Error('the workspace is read by the session middleware first');
    return this.workspace;
  }

  /** The cases read, by id: all of the user's, or (an answer to the draft) the session's only. */
  get cases(): Record<string, CaseRecord> {
    return this.ws.cases;
  }

  /** Every case of the user, for a list or a count; throws if this update's read took only the
   *  session's (a handler listing cases on an update planned as an answer is a bug, not a short list). */
  allCases(): CaseRecord[] {
    if (!this.ws.casesComplete) throw new Error('this update read only the cases its session names; it cannot list them all');
    return Object.values(this.ws.cases);
  }

  /** Notes of `notesOf`, read with the workspace; undefined when another case's were asked. */
  notes(caseId: string): Record<string, NoteRecord> | undefined {
    return caseId === this.notesOf ? this.ws.notes : undefined;
  }

  /** A case of the user's written with this update: a new one belongs to the organisation they work in now. */
  putCase(c: CaseRecord): void {
    const org = this.ws.membership?.orgId;
    const kept = c.orgId || !org ? c : { ...c, orgId: org };
    this.ws.cases[c.id] = kept;
    this.caseWrites.set(c.id, kept);
  }

  putNote(n: NoteRecord): void {
    if (n.caseId === this.notesOf && this.ws.notes) this.ws.notes[n.id] = n;
    this.noteWrites.push(n);
  }

  /** Writes the session (if it changed) together with the queued cases and notes. */
  async commit(session: S | null | undefined): Promise<void> {
    const ws = await this.load();
    const json = session === undefined ? this.sessionJson : JSON.stringify(session);
    const sessionChanged = session !== undefined && json !== this.sessionJson;
    const unblock = ws.blocked && this.allowed;
    if (!sessionChanged && !unblock && !this.pending) return;
    const own = `{u:${this.userId}}`;
    const ops = this.extraWrites.filter((op) => slotTag(op[1]) === own);
    const elsewhere = this.extraWrites.filter((op) => slotTag(op[1]) !== own);
    const entry = this.effectEntry(elsewhere, ws.rev);
    const sealed = entry ? this.relay.seal(this.userId, entry) : undefined;
    ws.rev = await this.store.commit(this.userId, ws.rev, {
      ...(sessionChanged ? (session === null ? { session } : { session, sessionJson: json! }) : {}),
      cases: [...this.caseWrites.values()],
      notes: this.noteWrites,
      ...(ops.length ? { ops } : {}),
      ...(sealed ? { effect: sealed } : {}),
      // the user is writing to the bot, so they no longer block it: reminders resume
      ...(unblock ? { unblock: true } : {}),
      ...(this.update ? { update: this.update } : {}),
      ...(ws.locked ? { unlock: true } : {}),
    });
    ws.locked = false;
    clearInterval(this.renewal);
    this.update = undefined;
    this.outbox.length = 0;
    if (unblock) ws.blocked = false;
    this.sessionJson = json;
    this.caseWrites.clear();
    this.noteWrites.length = 0;
    this.extraWrites.length = 0;
    // The write decided: now what it recorded for elsewhere happens (a failure here is retried by
    // the sweeper; the user's own write stands).
    if (entry && sealed) await this.relay.applyAfterWrite(this.userId, entry, sealed, this.log());
  }

  /** `rev`, the revision this write expects, makes the id unique per write (and replays share it). */
  private effectEntry(ops: RedisOp[], rev: number): EffectEntry | undefined {
    if (ops.length === 0 && this.outbox.length === 0) return undefined;
    const updateId = this.update?.id ?? this.originTag ?? 0;
    const origin = { userId: this.userId, updateId };
    return {
      id: `${this.userId}-${updateId}-${rev}`,
      at: Date.now(),
      ops,
      messages: this.outbox.map((message) => ({ jobId: outboxJobId(message, origin), message })),
    };
  }

  get pending(): boolean {
    return this.caseWrites.size > 0 || this.noteWrites.length > 0 || this.extraWrites.length > 0 || this.outbox.length > 0 || this.update !== undefined;
  }

  /** An update that ended without a write lets go of the user's lock. */
  async release(): Promise<void> {
    clearInterval(this.renewal);
    if (this.workspace?.locked) {
      this.workspace.locked = false;
      await this.store.unlock(this.userId, this.lockToken);
    }
  }

  /** The highest update id applied before this one, and when. */
  get lastUpdate(): { id: number; at: number } | undefined {
    return this.ws.lastUpdate;
  }
}

/** How long a user's lock lasts if its holder dies, and how long another update waits for it. */
const LOCK_MS = 4_000;
const LOCK_WAIT_MS = 15_000;
