// A worker's caseload index built from their records: once for data written before the index
// existed (and again whenever INDEX_VERSION is raised). Reads the cases, their risk alerts, the notes
// awaiting review and when they were sent; writes the whole index in one compare-and-set on the
// worker's revision, so an update of theirs in between makes it stand aside (it is tried at the next
// reconcile) rather than write what it read before that update.
import { awaitingOps, caseIndexOps, indexKeys, riskIndexOps, type StageWeeks } from './caseload-index.ts';
import type { RedisOp } from './effects.ts';
import type { ReviewEvent } from './org-records.ts';
import type { CaseRecord } from './records.ts';
import type { RedisClient } from './redis-connection.ts';
import { risksOf } from './risk-records.ts';
import { ConcurrentUpdateError, type WorkspaceStore } from './workspace-store.ts';

/** Raise to rebuild every worker's index at the next reconcile (the index's shape changed). */
export const INDEX_VERSION = '1';

async function exec(redis: RedisClient, queue: (p: ReturnType<RedisClient['pipeline']>) => void): Promise<unknown[]> {
  const p = redis.pipeline();
  queue(p);
  const results = (await p.exec()) ?? [];
  for (const [err] of results) if (err) throw err;
  return results.map(([, v]) => v);
}

/**
 * Builds one worker's index unless it is built at this version. 'built', 'current' (nothing to
 * do), or 'raced' (the worker wrote meanwhile: left for the next reconcile). A few round trips, all
 * in the worker's slot.
 */
export async function rebuildCaseload<S>(store: WorkspaceStore<S>, userId: number, weeksOf: StageWeeks): Promise<'built' | 'current' | 'raced'> {
  const { redis, keys, cipher } = store;
  const [built, rev, casesRaw, states] = (await exec(redis, (p) => {
    p.get(keys.caseloadBuilt(userId));
    p.hget(keys.session(userId), 'rev');
    p.hgetall(keys.cases(userId));
    p.hgetall(keys.reviewStates(userId));
  })) as [string | null, string | null, Record<string, string>, Record<string, string>];
  if (built === INDEX_VERSION) return 'current';
  const cases = Object.values(cipher.openHash<CaseRecord>(keys.cases(userId), casesRaw));
  const perCase = await exec(redis, (p) => {
    for (const c of cases) {
      p.hgetall(keys.risks(userId, c.id));
      p.hkeys(keys.notes(userId, c.id));
    }
  });
  const ops: RedisOp[] = indexKeys(keys, userId).map((k): RedisOp => ['DEL', k]);
  const waiting: { caseId: string; noteId: string }[] = [];
  cases.forEach((c, i) => {
    ops.push(...caseIndexOps(keys, userId, c.id, c, weeksOf));
    if (c.status === 'active') ops.push(...riskIndexOps(keys, userId, c.id, risksOf(cipher.openHash<unknown>(keys.risks(userId, c.id), perCase[2 * i] as Record<string, string>))));
    for (const noteId of perCase[2 * i + 1] as string[]) if (states[noteId] === 'menunggu') waiting.push({ caseId: c.id, noteId });
  });
  const logs = await exec(redis, (p) => {
    for (const w of waiting) p.lrange(keys.reviewLog(userId, w.noteId), 0, -1);
  });
  waiting.forEach((w, i) => {
    const events = cipher.openList<ReviewEvent>(keys.reviewLog(userId, w.noteId), logs[i] as string[]);
    const sent = events.findLast((e) => e.action === 'submitted' || e.action === 'revised');
    if (sent) ops.push(awaitingOps(keys, userId, w.caseId, w.noteId, true, sent.at));
  });
  ops.push(['SET', keys.caseloadBuilt(userId), INDEX_VERSION]);
  try {
    await store.commit(userId, rev ? Number(rev) : 0, { ops });
    return 'built';
  } catch (err) {
    if (err instanceof ConcurrentUpdateError) return 'raced';
    throw err;
  }
}
