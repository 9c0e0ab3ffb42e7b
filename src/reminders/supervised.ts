// Whom a supervisor supervises, per organisation: the weekly digest comes once per organisation
// (src/reminders/digest-job.ts), and a supervisor with workers in any gets its scheduler
// (src/reminders/sync-job.ts) — one rule for both.
import type { Keys } from '../store/keys.ts';
import type { Membership } from '../store/org-records.ts';
import type { RedisClient } from '../store/redis-connection.ts';

export interface Team {
  orgId: string;
  workers: number[];
}

/** The supervisor's workers in each organisation they are not suspended in, the one they work in
 *  first; organisations without workers left out. The read brought the one they work in; the
 *  others' come in one round trip (none when there are no others). */
export async function teamsOf(d: { redis: RedisClient; keys: Keys }, supervisorId: number, m: Membership): Promise<Team[]> {
  const others = Object.keys(m.orgs).filter((o) => o !== m.orgId && !m.orgs[o]!.suspended).sort();
  const teams: Team[] = [{ orgId: m.orgId, workers: m.suspended ? [] : m.workers }];
  if (others.length) {
    const p = d.redis.pipeline();
    for (const o of others) p.smembers(d.keys.workersOf(supervisorId, o));
    for (const [i, [err, ids]] of ((await p.exec()) ?? []).entries()) {
      if (err) throw err;
      teams.push({ orgId: others[i]!, workers: (ids as string[]).map(Number) });
    }
  }
  return teams.filter((x) => x.workers.length > 0);
}
