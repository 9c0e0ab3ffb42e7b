// A user's workspace in Redis: their conversation state (session), their cases, and the notes of a
// case in view. Read in one pipeline; written in one atomic Lua call that compares the session's
// revision first, so two bot instances (or a replayed update) can never overwrite each other.
import type { ChainableCommander, Redis } from 'ioredis';
import type { Membership, ReviewEvent, ReviewState, Role } from '../org/records.ts';
import type { DataCipher } from './crypto.ts';
import type { Keys } from './keys.ts';
import type { CaseRecord, NoteRecord } from './records.ts';

export interface Workspace<S> {
  /** revision of the session as read; 0 when the user has none yet */
  rev: number;
  /** the highest update id applied for this user, and when (the replay guard) */
  lastUpdate: { id: number; at: number } | undefined;
  session: S | undefined;
  cases: Record<string, CaseRecord>;
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
}

export interface OtherNotes {
  cases: Record<string, CaseRecord>;
  notes: Record<string, NoteRecord>;
  reviewStates: Record<string, ReviewState>;
  reviewLog: ReviewEvent[];
}

/** More to read in the same round trip (another user's keys, an organisation's). */
export interface ExtraRead {
  /** queues its commands; returns how many */
  queue(p: ChainableCommander): number;
  /** receives those commands' results, in order */
  parse(results: unknown[]): void;
}

export interface WorkspaceChanges<S> {
  /** undefined: leave as is; null: delete */
  session?: S | null;
  cases?: CaseRecord[];
  notes?: NoteRecord[];
  /** the user wrote to the bot, so they no longer block it */
  unblock?: boolean;
  /** the update being applied: stored as the highest applied, with the write that applies it */
  update?: { id: number; at: number };
  /** writes to other users' or an organisation's keys, sent in the same round trip (not atomic
   *  with the compare-and-set: they land even if it loses; they are idempotent or append-only) */
  extra?: (p: ChainableCommander) => void;
}

export class ConcurrentUpdateError extends Error {
  constructor(userId: number) {
    super(`workspace of user ${userId} was changed by someone else since it was read`);
    this.name = 'ConcurrentUpdateError';
  }
}

// KEYS[1] = session hash; KEYS[2..] = keys written. ARGV[1] = expected rev, ARGV[2] = session
// ("" keeps, "-" deletes, else the new sealed value), ARGV[3], ARGV[4] = the update applied and when
// ("" for none), ARGV[5] = how many key indexes to delete follow, then triples: key index, field,
// sealed value (HSET).
const COMMIT = `
local rev = tonumber(redis.call('HGET', KEYS[1], 'rev') or '0')
if rev ~= tonumber(ARGV[1]) then return -1 end
-- the revision survives a deleted session, so a stale writer can never start over at 0
redis.call('HSET', KEYS[1], 'rev', rev + 1)
if ARGV[2] == '-' then
  redis.call('HDEL', KEYS[1], 'data')
elseif ARGV[2] ~= '' then
  redis.call('HSET', KEYS[1], 'data', ARGV[2])
end
if ARGV[3] ~= '' then
  redis.call('HSET', KEYS[1], 'upd', ARGV[3], 'updAt', ARGV[4])
end
local dels = tonumber(ARGV[5])
for i = 6, 5 + dels do
  redis.call('DEL', KEYS[tonumber(ARGV[i])])
end
for i = 6 + dels, #ARGV, 3 do
  redis.call('HSET', KEYS[tonumber(ARGV[i])], ARGV[i + 1], ARGV[i + 2])
end
return rev + 1
`;

type CommitFn = (numKeys: number, ...args: string[]) => Promise<number>;

export class WorkspaceStore<S> {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    readonly cipher: DataCipher,
  ) {
    if (!('pendampingCommit' in redis)) redis.defineCommand('pendampingCommit', { lua: COMMIT });
  }

  /** Loads the write script into Redis at start-up, so the first write is one round trip too. */
  async prepare(): Promise<void> {
    await this.redis.script('LOAD', COMMIT);
  }

  /** One round trip: session, cases, membership, (if asked) one case's notes and their reviews, and
   *  any extra reads. */
  async load(userId: number, opts: { notesOf?: string; reviewLogOf?: string; extra?: ExtraRead[] } = {}): Promise<Workspace<S>> {
    const p = this.redis.pipeline();
    p.hmget(this.keys.session(userId), 'rev', 'data', 'upd', 'updAt');
    p.hgetall(this.keys.cases(userId));
    p.exists(this.keys.blocked(userId));
    p.hgetall(this.keys.membership(userId));
    p.smembers(this.keys.supervisorsOf(userId));
    p.smembers(this.keys.workersOf(userId));
    if (opts.notesOf) {
      p.hgetall(this.keys.notes(userId, opts.notesOf));
      p.hgetall(this.keys.reviewStates(userId));
    }
    if (opts.reviewLogOf) p.lrange(this.keys.reviewLog(userId, opts.reviewLogOf), 0, -1);
    const counts = (opts.extra ?? []).map((x) => x.queue(p));
    const results = (await p.exec()) ?? [];
    for (const [err] of results) if (err) throw err;
    const values = results.map(([, v]) => v);
    const [rev, data, upd, updAt] = values[0] as (string | null)[];
    const member = values[3] as Record<string, string>;
    const own = 6 + (opts.notesOf ? 2 : 0) + (opts.reviewLogOf ? 1 : 0);
    let at = own;
    (opts.extra ?? []).forEach((x, i) => {
      x.parse(values.slice(at, at + counts[i]!));
      at += counts[i]!;
    });
    return {
      rev: rev ? Number(rev) : 0,
      lastUpdate: upd ? { id: Number(upd), at: Number(updAt ?? 0) } : undefined,
      session: data ? this.cipher.open<S>(data) : undefined,
      cases: this.openAll<CaseRecord>(values[1] as Record<string, string>),
      notes: opts.notesOf ? this.openAll<NoteRecord>(values[6] as Record<string, string>) : undefined,
      reviewStates: opts.notesOf ? (values[7] as Record<string, ReviewState>) : undefined,
      reviewLog: opts.reviewLogOf ? (values[own - 1] as string[]).map((e) => this.cipher.open<ReviewEvent>(e)) : undefined,
      blocked: values[2] === 1,
      membership: member.orgId
        ? {
            orgId: member.orgId,
            role: member.role as Role,
            supervisors: (values[4] as string[]).map(Number),
            workers: (values[5] as string[]).map(Number),
            ...(member.lang === 'id' || member.lang === 'en' ? { lang: member.lang } : {}),
          }
        : undefined,
    };
  }

  /** One round trip, atomic. Returns the new revision; throws ConcurrentUpdateError on a lost race. */
  async commit(userId: number, expectedRev: number, changes: WorkspaceChanges<S>): Promise<number> {
    const keys = [this.keys.session(userId)];
    const keyIndex = (key: string): number => {
      let i = keys.indexOf(key);
      if (i === -1) i = keys.push(key) - 1;
      return i + 1; // Lua is 1-based
    };
    const triples: string[] = [];
    for (const c of changes.cases ?? []) {
      if (c.ownerId !== userId) throw new Error('a case is written in its owner\'s workspace only');
      triples.push(String(keyIndex(this.keys.cases(userId))), c.id, this.cipher.seal(c));
    }
    for (const n of changes.notes ?? []) {
      triples.push(String(keyIndex(this.keys.notes(userId, n.caseId))), n.id, this.cipher.seal(n));
    }
    const dels = changes.unblock ? [String(keyIndex(this.keys.blocked(userId)))] : [];
    const session = changes.session === undefined ? '' : changes.session === null ? '-' : this.cipher.seal(changes.session);
    const update = changes.update ? [String(changes.update.id), String(changes.update.at)] : ['', ''];
    const args = [keys.length, ...keys, String(expectedRev), session, ...update, String(dels.length), ...dels, ...triples] as const;
    let rev: number;
    if (!changes.extra) {
      const commit = (this.redis as unknown as { pendampingCommit: CommitFn }).pendampingCommit;
      rev = await commit.call(this.redis, ...(args as unknown as [number, ...string[]]));
    } else {
      const p = this.redis.pipeline();
      (p as unknown as { pendampingCommit: (...a: unknown[]) => void }).pendampingCommit(...args);
      changes.extra(p);
      const results = (await p.exec()) ?? [];
      for (const [err] of results) if (err) throw err;
      rev = results[0]![1] as number;
    }
    if (rev === -1) throw new ConcurrentUpdateError(userId);
    return rev;
  }

  /** Reads another user's case, its notes, their review states and one note's review events (a
   *  supervisor looking at a worker's note), for the same round trip as the reader's own. */
  readOther(userId: number, caseId: string, noteId: string): ExtraRead & { result?: OtherNotes } {
    const read: ReturnType<WorkspaceStore<S>['readOther']> = {
      queue: (p) => {
        p.hgetall(this.keys.cases(userId));
        p.hgetall(this.keys.notes(userId, caseId));
        p.hgetall(this.keys.reviewStates(userId));
        p.lrange(this.keys.reviewLog(userId, noteId), 0, -1);
        return 4;
      },
      parse: ([cases, notes, states, log]) => {
        read.result = {
          cases: this.openAll<CaseRecord>(cases as Record<string, string>),
          notes: this.openAll<NoteRecord>(notes as Record<string, string>),
          reviewStates: states as Record<string, ReviewState>,
          reviewLog: (log as string[]).map((e) => this.cipher.open<ReviewEvent>(e)),
        };
      },
    };
    return read;
  }

  /** Queues the language messages to this user are written in (kept with their membership). */
  writeLanguage(p: ChainableCommander, userId: number, lang: 'id' | 'en'): void {
    p.hset(this.keys.membership(userId), 'lang', lang);
  }

  /** Queues a review event and the note's new state (blind writes: no read needed first). */
  writeReview(p: ChainableCommander, userId: number, noteId: string, state: ReviewState, event: ReviewEvent): void {
    p.hset(this.keys.reviewStates(userId), noteId, state);
    p.rpush(this.keys.reviewLog(userId, noteId), this.cipher.seal(event));
  }

  openAll<T>(hash: Record<string, string>): Record<string, T> {
    const out: Record<string, T> = {};
    for (const [id, sealed] of Object.entries(hash)) out[id] = this.cipher.open<T>(sealed);
    return out;
  }
}
