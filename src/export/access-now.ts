// Access as it is when an export runs, not when it was asked for: a job may wait in the queue while
// a worker is unassigned or a member suspended. One round trip each.
import { parseOrgEntry } from '../store/org-records.ts';
import type { Keys } from '../store/keys.ts';
import type { RedisClient } from '../store/redis-connection.ts';

interface Deps {
  redis: RedisClient;
  keys: Keys;
}

/** Whom the user supervises in the organisation now — none unless they are still a member there and
 *  not suspended — and whether they are such a member. */
export async function accessNow(d: Deps, userId: number, orgId: string): Promise<{ member: boolean; workers: Set<number> }> {
  const results = (await d.redis.pipeline().hget(d.keys.memberships(userId), orgId).smembers(d.keys.workersOf(userId, orgId)).exec()) ?? [];
  for (const [err] of results) if (err) throw err;
  const [entry, workers] = results.map(([, v]) => v);
  const m = parseOrgEntry(entry as string | null);
  return m && !m.suspended ? { member: true, workers: new Set((workers as string[]).map(Number)) } : { member: false, workers: new Set() };
}

/** Whom the user supervises in the organisation now (none: not a member there, or suspended). */
export async function workersNow(d: Deps, userId: number, orgId: string): Promise<Set<number>> {
  return (await accessNow(d, userId, orgId)).workers;
}
