// What an export reads from Redis, in few round trips: a worker's case with its notes, their review
// states and threads, the organisation's name and member names; or, for the spreadsheet, every
// case and note of a supervisor's workers. (On a cluster each round trip is one per slot, at once.)
import { openRecord } from '../store/record-pack.ts';
import type { RedisClient } from '../store/redis-connection.ts';
import { slotPipeline } from '../store/slot-pipeline.ts';
import type { Keys } from '../store/keys.ts';
import { casesOf, type CaseRecord, type NoteRecord } from '../store/records.ts';
import type { SessionData } from '../store/session.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';
import type { Member, Org, ReviewEvent, ReviewState } from '../store/org-records.ts';
import { openMembers } from '../org/org-store.ts';
import { parseLetterhead, queueLetterhead, type LetterheadRecord } from '../store/letterhead-records.ts';
import type { WorkerNotes } from './notes-table.ts';

export interface CaseData {
  case: CaseRecord;
  notes: NoteRecord[];
  reviewStates: Record<string, ReviewState>;
  reviewLogs: Record<string, ReviewEvent[]>;
  /** the owner's supervisors in the case's organisation */
  supervisors: number[];
  org: Org | undefined;
  members: Record<string, Member>;
  /** the organisation's letterhead and paper (undefined: a case of no organisation) */
  letterhead: LetterheadRecord | undefined;
}

function values(results: [Error | null, unknown][] | null): unknown[] {
  return (results ?? []).map(([err, v]) => {
    if (err) throw err;
    return v;
  });
}


/** Two round trips: the owner's case (with the organisation it belongs to), its notes and their
 *  review states; then the threads, the organisation, its letterhead and the case's supervisors
 *  there. Read whichever organisation the owner works in now: the case's own decides. */
export async function readCase(redis: RedisClient, keys: Keys, store: WorkspaceStore<SessionData>, ownerId: number, caseId: string): Promise<CaseData | undefined> {
  const p1 = slotPipeline(redis);
  // a case and its notes are bytes (src/store/record-pack.ts, note-pack.ts)
  p1.hgetBuffer(keys.cases(ownerId), caseId);
  p1.hget(keys.caseOrgs(ownerId), caseId);
  p1.hgetallBuffer(keys.notes(ownerId, caseId));
  p1.hgetall(keys.reviewStates(ownerId));
  const [sealed, caseOrg, notesRaw, states] = values(await p1.exec()) as [Buffer | null, string | null, Record<string, Buffer>, Record<string, ReviewState>];
  if (!sealed) return undefined;
  const orgId = caseOrg ?? undefined;
  const c: CaseRecord = { ...openRecord<CaseRecord>(store.cipher, sealed, keys.cases(ownerId), caseId), ...(orgId ? { orgId } : {}) };
  const notes = Object.values(await store.notes.withFlows(() => store.notes.openHash(keys.notes(ownerId, caseId), notesRaw)));
  const p = slotPipeline(redis);
  for (const n of notes) p.lrange(keys.reviewLog(ownerId, n.id), 0, -1);
  if (orgId) {
    p.get(keys.org(orgId));
    p.hgetall(keys.members(orgId));
    p.smembers(keys.supervisorsOf(ownerId, orgId));
    queueLetterhead(p, keys, orgId);
  }
  const r = values(await p.exec());
  const reviewLogs: Record<string, ReviewEvent[]> = {};
  notes.forEach((n, i) => {
    reviewLogs[n.id] = store.openList<ReviewEvent>(keys.reviewLog(ownerId, n.id), r[i] as string[]);
  });
  const noteIds = new Set(notes.map((n) => n.id));
  return {
    case: c,
    notes,
    reviewStates: Object.fromEntries(Object.entries(states).filter(([id]) => noteIds.has(id))),
    reviewLogs,
    supervisors: orgId ? (r[notes.length + 2] as string[]).map(Number) : [],
    org: orgId && r[notes.length] ? (JSON.parse(r[notes.length] as string) as Org) : undefined,
    members: orgId ? openMembers(store.cipher, keys.members(orgId), r[notes.length + 1] as Record<string, string>) : {},
    letterhead: orgId ? parseLetterhead(r[notes.length + 3] as (string | null)[]) : undefined,
  };
}

/** Two round trips: every worker's cases of this organisation and review states (and the member
 *  names, the organisation and its letterhead), then their notes. */
export async function readWorkers(redis: RedisClient, keys: Keys, store: WorkspaceStore<SessionData>, orgId: string, workerIds: number[]): Promise<{ workers: WorkerNotes[]; org: Org | undefined; letterhead: LetterheadRecord }> {
  const p1 = slotPipeline(redis);
  for (const w of workerIds) {
    p1.hgetallBuffer(keys.cases(w));
    p1.hgetall(keys.caseOrgs(w));
    p1.hgetall(keys.reviewStates(w));
  }
  p1.hgetall(keys.members(orgId));
  p1.get(keys.org(orgId));
  queueLetterhead(p1, keys, orgId);
  const r1 = values(await p1.exec());
  const members = openMembers(store.cipher, keys.members(orgId), r1[3 * workerIds.length] as Record<string, string>);
  const orgRaw = r1[3 * workerIds.length + 1] as string | null;
  const letterhead = parseLetterhead(r1[3 * workerIds.length + 2] as (string | null)[]);
  const workers: WorkerNotes[] = workerIds.map((userId, i) => ({
    userId,
    name: members[userId]?.name || String(userId),
    cases: Object.values(store.openCases(userId, casesOf(r1[3 * i] as Record<string, Buffer>, r1[3 * i + 1] as Record<string, string>, orgId))),
    reviewStates: r1[3 * i + 2] as Record<string, ReviewState>,
    notes: [],
  }));
  const p2 = slotPipeline(redis);
  const asked: { worker: number; key: string }[] = [];
  workers.forEach((w, i) => {
    for (const c of w.cases) {
      const key = keys.notes(w.userId, c.id);
      p2.hgetallBuffer(key);
      asked.push({ worker: i, key });
    }
  });
  if (asked.length > 0) {
    const hashes = values(await p2.exec());
    const opened = await store.notes.withFlows(() => hashes.map((hash, j) => store.notes.openHash(asked[j]!.key, hash as Record<string, Buffer>)));
    opened.forEach((notes, j) => workers[asked[j]!.worker]!.notes.push(...Object.values(notes)));
  }
  return { workers, org: orgRaw ? (JSON.parse(orgRaw) as Org) : undefined, letterhead };
}
