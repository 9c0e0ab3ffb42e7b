// The sync job (schedule queue): brings one user's job schedulers in line with their cases and
// settings; and the reconcile, which syncs everyone (at start and nightly).
import { scanAll } from '../store/redis-connection.ts';
import { caseloadsToBuild, rebuildCaseload } from '../store/caseload-rebuild.ts';
import { schedulerId } from './queues.ts';
import { cronPattern, prefsOf } from '../cases/schedule.ts';
import type { ReminderWorkerDeps } from './worker-deps.ts';
import { teamsOf } from './supervised.ts';

/** Brings the user's job schedulers in line with their cases and settings. */
export async function syncSchedulers(d: ReminderWorkerDeps, userId: number): Promise<{ active: number; removed: number }> {
  const ws = await d.store.load(userId, { everyOrg: true });
  const prefs = prefsOf(ws.session?.reminders, d.defaultZone);
  let active = 0;
  let removed = 0;
  for (const c of Object.values(ws.cases)) {
    const id = schedulerId(userId, c.id);
    if (c.status === 'active' && !prefs.paused) {
      // (tests: every scheduler on the same whole-interval grid, so a user's cases fire together)
      const repeat = d.everyMs
        ? { every: d.everyMs, startDate: Math.ceil(d.now() / d.everyMs) * d.everyMs }
        : { pattern: cronPattern(prefs), tz: prefs.zone };
      await d.queues.schedule.upsertJobScheduler(id, repeat, { name: 'occurrence', data: { userId, caseId: c.id } });
      active++;
    } else if (await d.queues.schedule.removeJobScheduler(id)) {
      removed++;
    }
  }
  // The user's cases the read left out — of an organisation they left, were removed from or are
  // suspended in — remind nobody (deliver reads the same cases), so their schedulers go too rather
  // than fire every week until an admin moves or deletes the case. Back in it, a sync makes them
  // again: at once when a suspension is lifted (membership-rules.ts), at the nightly reconcile after
  // a rejoin.
  // (the cases' ids are their keys: none is opened for it; the removals at once, not one by one)
  const seen = new Set(Object.keys(ws.cases));
  const hidden = (await d.redis.hkeys(d.keys.cases(userId))).filter((caseId) => !seen.has(caseId));
  for (const gone of await Promise.all(hidden.map((caseId) => d.queues.schedule.removeJobScheduler(schedulerId(userId, caseId))))) if (gone) removed++;
  // A supervisor's weekly digest, at the same weekday and hour (src/reminders/digest-job.ts).
  const digestId = `digest:${userId}`;
  // (workers in any organisation they are not suspended in: the digest's own rule)
  if (ws.membership && !prefs.paused && (await teamsOf(d, userId, ws.membership)).length > 0) {
    const repeat = d.everyMs ? { every: d.everyMs * 10 } : { pattern: cronPattern(prefs), tz: prefs.zone };
    await d.queues.schedule.upsertJobScheduler(digestId, repeat, { name: 'digest', data: { userId } });
  } else {
    await d.queues.schedule.removeJobScheduler(digestId);
  }
  d.logger.info({ userId, active, removed }, 'reminder schedulers synced');
  return { active, removed };
}

/** Every user with cases gets a sync: catches up cases opened before reminders existed, and syncs
 *  that failed. Runs when workers start and nightly. */
export async function reconcileAll(d: ReminderWorkerDeps): Promise<number> {
  // users with cases (their reminders) and supervisors with workers (their digest)
  const users = new Set<number>();
  for (const pattern of [d.keys.allCases, d.keys.allWorkers]) {
    // every master of a cluster
    for await (const found of scanAll(d.redis, pattern)) {
      for (const key of found) {
        const userId = d.keys.userOfKey(key);
        if (userId !== undefined) users.add(userId);
      }
    }
  }
  for (const userId of users) await syncSchedulers(d, userId);
  // a caseload index from before the index existed (or of an older shape) is built once; the
  // built ones are known in one round trip, and their cases are not read
  const built = { built: 0, raced: 0, current: 0 };
  const weeksOf = (flowId: string, stageId: string) => d.catalog.stage(flowId, stageId)?.weeks;
  for (const userId of await caseloadsToBuild(d.redis, d.keys, [...users])) built[await rebuildCaseload(d.store, userId, weeksOf)]++;
  d.logger.info({ users: users.size, caseloads: built }, 'reminder schedulers reconciled');
  return users.size;
}
