// Several organisations per user: from one membership per user to one per organisation. Data
// written before it holds a user's single organisation in their membership hash, the supervision
// sets under the user alone, and cases without an organisation. Once, at start-up (before updates
// are served), each member's sets move under their organisation, their memberships list gets the
// one entry, and each of their cases is recorded as an organisation's (keys.caseOrgs, in clear):
// their organisation's, or — a case opened before they left an organisation (its `departed` list
// names them) — the one they left, so a former member who joined another keeps each organisation's
// cases where they belong. Per user in one atomic script, so it is safe to stop and run again; a
// user done already is left alone (HSETNX).
import { openRecords } from './record-pack.ts';
import type { Logger } from 'pino';
import type { DataCipher } from './crypto.ts';
import type { Keys } from './keys.ts';
import { LuaScript } from './lua-script.ts';
import type { CaseRecord } from './records.ts';
import { scanAll, type RedisClient } from './redis-connection.ts';

// KEYS: membership, memberships, case-orgs, cases, legacy supervisors, workers, suspended, then the
// same three under the organisation. ARGV: the organisation (the member's, or '' for a former member
// in none), the organisation of cases not named after it, then case id and organisation pairs.
const MIGRATE = new LuaScript<number>(new URL('./lua/migrate-membership.lua', import.meta.url), { keys: 10 });

interface Departure {
  orgId: string;
  /** when they left (ms) */
  at: number;
}

/** Which organisation a case belongs to: the first one left after it was opened, else `now` (the
 *  organisation they are in), else the last one left. */
export function organisationOf(c: Pick<CaseRecord, 'createdAt'>, left: readonly Departure[], now: string | undefined): string | undefined {
  const opened = Date.parse(c.createdAt);
  return left.find((d) => opened <= d.at)?.orgId ?? now ?? left.at(-1)?.orgId;
}

/** Migrates every user once; returns how many were changed. Marked done, it costs one GET. */
export async function migrateMemberships(redis: RedisClient, keys: Keys, cipher: DataCipher, logger?: Logger): Promise<number> {
  if (await redis.get(keys.membershipsMigrated)) return 0;
  const script = MIGRATE.on(redis);
  const departures = await departuresOf(redis, keys, cipher);
  const run = async (userId: number, orgId: string | undefined) => {
    const left = (departures.get(userId) ?? []).sort((a, b) => a.at - b.at);
    const fallback = orgId ?? left.at(-1)?.orgId ?? '';
    const pairs: string[] = [];
    if (left.length) {
      const cases = openRecords<CaseRecord>(cipher, keys.cases(userId), await redis.hgetallBuffer(keys.cases(userId)));
      for (const c of Object.values(cases)) {
        const org = organisationOf(c, left, orgId);
        if (org) pairs.push(c.id, org);
      }
    }
    const l = keys.legacy;
    const at = orgId ?? '-';
    return script.run(
      [keys.membership(userId), keys.memberships(userId), keys.caseOrgs(userId), keys.cases(userId), l.supervisorsOf(userId), l.workersOf(userId), l.supervisorsSuspended(userId),
        keys.supervisorsOf(userId, at), keys.workersOf(userId, at), keys.supervisorsSuspended(userId, at)],
      [orgId ?? '', fallback, ...pairs],
    );
  };
  let changed = 0;
  const members = new Set<number>();
  for await (const found of scanAll(redis, keys.allMemberships)) {
    for (const key of found) {
      const userId = keys.userOfKey(key);
      if (userId === undefined) continue;
      const orgId = await redis.hget(key, 'orgId');
      if (!orgId) continue;
      members.add(userId);
      changed += await run(userId, orgId);
    }
  }
  // former members in no organisation now: their cases stay with the ones they left
  for (const userId of departures.keys()) if (!members.has(userId)) changed += await run(userId, undefined);
  await redis.set(keys.membershipsMigrated, new Date().toISOString());
  logger?.info({ users: changed }, 'memberships migrated: one per organisation');
  return changed;
}

/** Every organisation's former members who left cases, and when they left. */
async function departuresOf(redis: RedisClient, keys: Keys, cipher: DataCipher): Promise<Map<number, Departure[]>> {
  const out = new Map<number, Departure[]>();
  for await (const found of scanAll(redis, keys.allOrgs)) {
    for (const key of found) {
      const orgId = keys.orgOfKey(key);
      if (!orgId) continue;
      const departed = keys.departed(orgId);
      for (const [field, v] of Object.entries(await redis.hgetall(departed))) {
        const d = (v.startsWith('{') ? JSON.parse(v) : cipher.open(v, departed, field)) as { at: string };
        const userId = Number(field);
        out.set(userId, [...(out.get(userId) ?? []), { orgId, at: Date.parse(d.at) }]);
      }
    }
  }
  return out;
}
