// A worker's caseload index built from their records: once for data written before the index
// existed (and again whenever INDEX_VERSION is raised). It only adds entries, once the old keys are
// cleared: version 2 keeps one index per organisation the worker works in (version 1 kept one); version 3 adds
// when supervision periods end (`ends`). The case entries go in one compare-and-set on the worker's revision, so an update of
// theirs in between makes the rebuild stand aside (it is tried at the next reconcile). Notes awaiting
// review and open risk alerts change by others' writes that leave that revision alone (a supervisor's
// approval, a follow-up): those entries are added by one script that checks each is still true.
import { openRecords } from './record-pack.ts';
import { caseIndexOps, INDEX_PARTS, type StageWeeks } from './caseload-index.ts';
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
export const INDEX_VERSION = '3';

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
  const [built, rev, casesRaw, states, orgOf] = (await exec(redis, (p) => {
    p.get(keys.caseloadBuilt(userId));
    p.hget(keys.session(userId), 'rev');
    p.hgetallBuffer(keys.cases(userId));
    p.hgetall(keys.reviewStates(userId));
    p.hgetall(keys.caseOrgs(userId));
  })) as [string | null, string | null, Record<string, Buffer>, Record<string, string>, Record<string, string>];
  if (built === INDEX_VERSION) return 'current';
  // a case of no organisation (a user in none) is counted nowhere
  const cases = Object.values(openRecords<CaseRecord>(cipher, keys.cases(userId), casesRaw)).filter((c) => orgOf[c.id]);
  const perCase = await exec(redis, (p) => {
    for (const c of cases) {
      p.hgetall(keys.risks(userId, c.id));
      p.hkeys(keys.notes(userId, c.id));
    }
  });
  // the index of before one per organisation goes (version 1 kept one per worker)
  const ops: RedisOp[] = INDEX_PARTS.map((part): RedisOp => ['DEL', keys.legacy.caseload(userId, part)]);
  const waiting: { orgId: string; caseId: string; noteId: string }[] = [];
  const alerts: { orgId: string; caseId: string; riskId: string; member: string }[] = [];
  cases.forEach((c, i) => {
    const orgId = orgOf[c.id]!;
    ops.push(...caseIndexOps(keys, userId, orgId, c.id, c, weeksOf));
    if (c.status === 'active') {
      for (const r of risksOf(cipher.openHash<unknown>(keys.risks(userId, c.id), perCase[2 * i] as Record<string, string>))) {
        if (!r.done) alerts.push({ orgId, caseId: c.id, riskId: r.alert.id, member: `${c.id}/${r.alert.id}/${Date.parse(r.alert.raisedAt)}` });
      }
    }
    for (const noteId of perCase[2 * i + 1] as string[]) if (states[noteId] === 'menunggu') waiting.push({ orgId, caseId: c.id, noteId });
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
  // after the case entries: an alert counts only while its case is active in the index. One call per
  // organisation, the last marks the index built.
  const orgs = [...new Set([...notes.map((n) => n.orgId), ...alerts.map((a) => a.orgId)])];
  const script = GUARDED.on(redis);
  for (const [n, orgId] of [...orgs, undefined].entries()) {
    const last = n === orgs.length;
    const ix = (part: 'awaiting' | 'risks' | 'untaken' | 'stage') => keys.caseload(userId, orgId ?? '-', part);
    const mine = { notes: notes.filter((x) => x.orgId === orgId), alerts: alerts.filter((a) => a.orgId === orgId) };
    const riskKeys = [...new Set(mine.alerts.map((a) => a.caseId))];
    const args: (string | number)[] = [last ? INDEX_VERSION : '', mine.notes.length, ...mine.notes.flatMap((x) => [x.noteId, `${x.caseId}/${x.noteId}`, x.at])];
    for (const a of mine.alerts) args.push(7 + riskKeys.indexOf(a.caseId), a.riskId, a.caseId, a.member);
    const fixed = [keys.reviewStates(userId), ix('awaiting'), ix('risks'), ix('untaken'), ix('stage'), keys.caseloadBuilt(userId)];
    await script.run([...fixed, ...riskKeys.map((c) => keys.risks(userId, c))], args);
  }
  return 'built';
}
