// A worker's caseload index built from their records: once for data written before the index
// existed (and again whenever INDEX_VERSION is raised). It only adds entries — before the index
// existed there were none to take out; a version that changes the index's shape must clear the old
// keys first. The case entries go in one compare-and-set on the worker's revision, so an update of
// theirs in between makes the rebuild stand aside (it is tried at the next reconcile). Notes awaiting
// review and open risk alerts change by others' writes that leave that revision alone (a supervisor's
// approval, a follow-up): those entries are added by one script that checks each is still true.
import { caseIndexOps, type StageWeeks } from './caseload-index.ts';
import type { RedisOp } from './effects.ts';
import { LuaScript } from './lua-script.ts';
import type { ReviewEvent } from './org-records.ts';
import type { CaseRecord } from './records.ts';
import type { Keys } from './keys.ts';
import type { RedisClient } from './redis-connection.ts';
import { slotPipeline } from './slot-pipeline.ts';
import { risksOf } from './risk-records.ts';
import { ConcurrentUpdateError, type WorkspaceStore } from './workspace-store.ts';

/** Raise to rebuild every worker's index at the next reconcile (the index's shape changed). */
export const INDEX_VERSION = '1';

const GUARDED = new LuaScript<number>(new URL('./lua/caseload-guarded.lua', import.meta.url));

/** Of these users, those whose index is not built at this version: one round trip for all (one per
 *  slot on a cluster), so a reconcile reads no one's cases whose index is built already. */
export async function caseloadsToBuild(redis: RedisClient, keys: Keys, userIds: readonly number[]): Promise<number[]> {
  const p = slotPipeline(redis);
  for (const u of userIds) p.get(keys.caseloadBuilt(u));
  const results = (await p.exec()) ?? [];
  return userIds.filter((_, i) => {
    const [err, v] = results[i]!;
    if (err) throw err;
    return v !== INDEX_VERSION;
  });
}

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
  const ops: RedisOp[] = [];
  const waiting: { caseId: string; noteId: string }[] = [];
  const alerts: { caseId: string; riskId: string; member: string }[] = [];
  cases.forEach((c, i) => {
    ops.push(...caseIndexOps(keys, userId, c.id, c, weeksOf));
    if (c.status === 'active') {
      for (const r of risksOf(cipher.openHash<unknown>(keys.risks(userId, c.id), perCase[2 * i] as Record<string, string>))) {
        if (!r.done) alerts.push({ caseId: c.id, riskId: r.alert.id, member: `${c.id}/${r.alert.id}/${Date.parse(r.alert.raisedAt)}` });
      }
    }
    for (const noteId of perCase[2 * i + 1] as string[]) if (states[noteId] === 'menunggu') waiting.push({ caseId: c.id, noteId });
  });
  const logs = await exec(redis, (p) => {
    for (const w of waiting) p.lrange(keys.reviewLog(userId, w.noteId), 0, -1);
  });
  const notes = waiting.flatMap((w, i) => {
    const events = cipher.openList<ReviewEvent>(keys.reviewLog(userId, w.noteId), logs[i] as string[]);
    const sent = events.findLast((e) => e.action === 'submitted' || e.action === 'revised');
    return sent ? [{ ...w, at: Date.parse(sent.at) }] : [];
  });
  try {
    await store.commit(userId, rev ? Number(rev) : 0, { ops });
  } catch (err) {
    if (err instanceof ConcurrentUpdateError) return 'raced';
    throw err;
  }
  // after the case entries: an alert counts only while its case is active in the index
  const ix = (part: 'awaiting' | 'risks' | 'untaken' | 'stage') => keys.caseload(userId, part);
  const riskKeys = [...new Set(alerts.map((a) => a.caseId))];
  const args: (string | number)[] = [INDEX_VERSION, notes.length, ...notes.flatMap((n) => [n.noteId, `${n.caseId}/${n.noteId}`, n.at])];
  for (const a of alerts) args.push(7 + riskKeys.indexOf(a.caseId), a.riskId, a.caseId, a.member);
  const fixed = [keys.reviewStates(userId), ix('awaiting'), ix('risks'), ix('untaken'), ix('stage'), keys.caseloadBuilt(userId)];
  await GUARDED.on(redis).run([...fixed, ...riskKeys.map((c) => keys.risks(userId, c))], args);
  return 'built';
}
