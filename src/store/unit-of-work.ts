// One update = one unit of work: everything it reads comes in one round trip, everything it writes
// goes out in one atomic round trip. grammY's session plugin reads and writes through
// WorkspaceSessionStorage, which joins the unit of work of the update being handled (found through
// AsyncLocalStorage, since a storage adapter is not given the context).
import { AsyncLocalStorage } from 'node:async_hooks';
import type { StorageAdapter } from 'grammy';
import type { ChainableCommander } from 'ioredis';
import type { Membership, ReviewEvent, ReviewState } from '../org/records.ts';
import type { OutboxMessage } from '../outbox/messages.ts';
import type { CaseRecord, NoteRecord } from './records.ts';
import type { ExtraRead, Workspace, WorkspaceStore } from './workspace-store.ts';

/** What an update reads beyond the user's own workspace, known from the update itself. */
export interface ReadPlan {
  /** the user's own case whose notes (and review states) to read */
  notesOf?: string;
  /** the user's own note whose review events to read */
  reviewLogOf?: string;
  /** more reads in the same round trip: another user's note, an organisation */
  extra?: ExtraRead[];
}

export class UnitOfWork<S> {
  private workspace: Workspace<S> | undefined;
  private sessionJson: string | undefined;
  private readonly caseWrites = new Map<string, CaseRecord>();
  private readonly noteWrites: NoteRecord[] = [];
  private readonly extraWrites: ((p: ChainableCommander) => void)[] = [];
  /** a case's reminder schedule or the user's reminder settings changed in this update */
  scheduleChanged = false;
  /** the user may use the bot (a member or an admin): only then does writing lift a block */
  allowed = false;
  /** the update being applied, recorded with the write as the highest applied (the replay guard) */
  update: { id: number; at: number } | undefined;
  /** other users whose schedulers follow from this update (a supervisor given a worker) */
  readonly syncUsers = new Set<number>();
  readonly notesOf: string | undefined;
  /** messages for other users: sent only after this update's write succeeded */
  readonly outbox: OutboxMessage[] = [];

  constructor(
    private readonly store: WorkspaceStore<S>,
    readonly userId: number,
    private readonly plan: ReadPlan = {},
  ) {
    this.notesOf = plan.notesOf;
  }

  async load(): Promise<Workspace<S>> {
    if (!this.workspace) {
      this.workspace = await this.store.load(this.userId, {
        ...(this.notesOf ? { notesOf: this.notesOf } : {}),
        ...(this.plan.reviewLogOf ? { reviewLogOf: this.plan.reviewLogOf } : {}),
        ...(this.plan.extra ? { extra: this.plan.extra } : {}),
      });
      // no session yet reads as {} (grammY's initial value): a stranger's update writes nothing
      this.sessionJson = JSON.stringify(this.workspace.session ?? {});
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

  /** work that may start only once this update's write succeeded (e.g. queueing an export) */
  readonly afterCommit: (() => Promise<void>)[] = [];

  /** A message for another user, sent after the write (nothing is sent for an update that failed). */
  tell(m: OutboxMessage): void {
    this.outbox.push(m);
  }

  /** Queues writes to other users' or an organisation's keys, sent with this update's write. */
  alsoWrite(write: (p: ChainableCommander) => void): void {
    this.extraWrites.push(write);
  }

  private get ws(): Workspace<S> {
    if (!this.workspace) throw new Error('the workspace is read by the session middleware first');
    return this.workspace;
  }

  get cases(): Record<string, CaseRecord> {
    return this.ws.cases;
  }

  /** Notes of `notesOf`, read with the workspace; undefined when another case's were asked. */
  notes(caseId: string): Record<string, NoteRecord> | undefined {
    return caseId === this.notesOf ? this.ws.notes : undefined;
  }

  putCase(c: CaseRecord): void {
    this.ws.cases[c.id] = c;
    this.caseWrites.set(c.id, c);
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
    const extra = [...this.extraWrites];
    ws.rev = await this.store.commit(this.userId, ws.rev, {
      ...(sessionChanged ? { session } : {}),
      cases: [...this.caseWrites.values()],
      notes: this.noteWrites,
      ...(extra.length > 0 ? { extra: (p: ChainableCommander) => extra.forEach((w) => w(p)) } : {}),
      // the user is writing to the bot, so they no longer block it: reminders resume
      ...(unblock ? { unblock: true } : {}),
      ...(this.update ? { update: this.update } : {}),
    });
    this.update = undefined;
    if (unblock) ws.blocked = false;
    this.sessionJson = json;
    this.caseWrites.clear();
    this.noteWrites.length = 0;
    this.extraWrites.length = 0;
  }

  get pending(): boolean {
    return this.caseWrites.size > 0 || this.noteWrites.length > 0 || this.extraWrites.length > 0 || this.update !== undefined;
  }

  /** The highest update id applied before this one, and when. */
  get lastUpdate(): { id: number; at: number } | undefined {
    return this.ws.lastUpdate;
  }
}

const current = new AsyncLocalStorage<UnitOfWork<unknown>>();

export function runInUnitOfWork<S, T>(uow: UnitOfWork<S>, fn: () => Promise<T>): Promise<T> {
  return current.run(uow as UnitOfWork<unknown>, fn);
}

/** grammY session storage that reads and writes within the current update's unit of work. */
export class WorkspaceSessionStorage<S> implements StorageAdapter<S> {
  private uow(key: string): UnitOfWork<S> {
    const uow = current.getStore() as UnitOfWork<S> | undefined;
    if (!uow || String(uow.userId) !== key) throw new Error(`no unit of work for session ${key}`);
    return uow;
  }

  async read(key: string): Promise<S | undefined> {
    return (await this.uow(key).load()).session;
  }

  async write(key: string, value: S): Promise<void> {
    await this.uow(key).commit(value);
  }

  async delete(key: string): Promise<void> {
    await this.uow(key).commit(null);
  }
}
