// The team list's read: the organisation's members (names, roles) and each worker's counts from
// their caseload index (src/store/caseload-read.ts). A supervisor's workers are known from their own
// keys, so members and counts go in one round trip; an admin's team is the members, read first.
import type { DataCipher } from '../store/crypto.ts';
import type { Keys } from '../store/keys.ts';
import type { Member, Org } from '../store/org-records.ts';
import type { RedisClient } from '../store/redis-connection.ts';
import { slotPipeline } from '../store/slot-pipeline.ts';
import { COUNT_COMMANDS, decodeCounts, queueCounts, type ViewTime, type WorkerCounts } from '../store/caseload-read.ts';
import { openMembers } from './org-store.ts';

export interface TeamRead {
  /** the organisation's name */
  name: string;
  members: Record<number, Member>;
  counts: Map<number, WorkerCounts>;
  /** Redis round trips this read took (besides the update's own) */
  roundTrips: number;
}

/**
 * The organisation's name and members, and the counts of `workers` (the viewer's team, when known
 * before the members are: a supervisor's) or of whom `pick` chooses from the members (an admin's).
 */
export async function readTeam(
  d: { redis: RedisClient; keys: Keys; cipher: DataCipher },
  orgId: string,
  t: ViewTime,
  team: { workers: readonly number[] } | { pick: (members: Record<number, Member>) => number[] },
): Promise<TeamRead> {
  let roundTrips = 0;
  const orgOf = (values: unknown[]) => ({ org: values[0] as string | null, raw: values[1] as Record<string, string> });
  let head: { org: string | null; raw: Record<string, string> } | undefined;
  const p = slotPipeline(d.redis);
  if ('pick' in team) {
    // an admin's team is the members: read them first
    const first = slotPipeline(d.redis);
    first.get(d.keys.org(orgId));
    first.hgetall(d.keys.members(orgId));
    const r = (await first.exec()) ?? [];
    for (const [err] of r) if (err) throw err;
    head = orgOf(r.map(([, v]) => v));
    roundTrips++;
  } else {
    p.get(d.keys.org(orgId));
    p.hgetall(d.keys.members(orgId));
  }
  // (opened once: each member is sealed)
  let members = head ? openMembers(d.cipher, d.keys.members(orgId), head.raw) : undefined;
  const known = 'workers' in team ? team.workers : team.pick(members!);
  for (const w of known) queueCounts(p, d.keys, w, orgId, t);
  const results = (await p.exec()) ?? [];
  if (results.length) roundTrips++;
  for (const [err] of results) if (err) throw err;
  const values = results.map(([, v]) => v);
  if (!head) head = orgOf(values.splice(0, 2));
  members ??= openMembers(d.cipher, d.keys.members(orgId), head.raw);
  const counts = new Map(known.map((w, i) => [w, decodeCounts(values.slice(i * COUNT_COMMANDS, (i + 1) * COUNT_COMMANDS))]));
  const name = head.org ? (JSON.parse(head.org) as Org).name : orgId;
  return { name, members, counts, roundTrips };
}
