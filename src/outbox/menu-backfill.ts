// The ☰ Menu by role came after people had roles: a supervisor or admin of before it would see the
// worker's list (the new default) until their role next changed. Once, at start-up, each member
// whose list is not the worker's gets a `commands` outbox message, sent within the shared rate
// limit like any other; plain workers need none (the default is theirs). Done again when the
// deployment's dashboard URL changes (begun, moved): supervisors' menu buttons open it.
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { Keys } from '../store/keys.ts';
import { parseOrgEntries } from '../store/org-records.ts';
import type { Outbox } from '../store/outbox-messages.ts';
import { scanAll, type RedisClient } from '../store/redis-connection.ts';

/** Queues the menus once (per dashboard URL); returns how many were queued. Marked done, it costs one GET. */
export async function queueMenusOnce(redis: RedisClient, keys: Keys, outbox: Outbox, logger?: Logger, dashboardUrl?: string): Promise<number> {
  const mark = await redis.get(keys.menusQueued);
  const want = dashboardUrl ? `dashboard ${dashboardUrl}` : undefined;
  // a dashboard served before and no longer: the buttons that open it go back to the ☰ list
  const off = !want && mark?.startsWith('dashboard ') === true;
  if (mark && !off && (want === undefined || mark === want)) return 0;
  const tag = want ? `-${createHash('sha256').update(want).digest('hex').slice(0, 8)}` : off ? `-off-${createHash('sha256').update(mark!).digest('hex').slice(0, 8)}` : '';
  let queued = 0;
  for await (const found of scanAll(redis, keys.allMemberships)) {
    const users = found.map((key) => keys.userOfKey(key)).filter((id): id is number => id !== undefined);
    if (users.length === 0) continue;
    // one round trip per batch of the scan: each member's organisations and roles there
    const pipe = redis.pipeline();
    for (const id of users) pipe.hgetall(keys.memberships(id));
    const results = (await pipe.exec()) ?? [];
    const due = users.filter((_, i) => {
      const entries = Object.values(parseOrgEntries((results[i]?.[1] as Record<string, string> | null) ?? {}));
      return entries.length > 1 || entries.some((e) => e.role !== 'worker');
    });
    await outbox.send(due.map((to) => ({ jobId: `menu-backfill-${to}${tag}`, message: { kind: 'commands' as const, to, ...(off ? { resetMenuButton: true as const } : {}) } })));
    queued += due.length;
  }
  await redis.set(keys.menusQueued, want ?? new Date().toISOString());
  logger?.info({ users: queued }, 'command menus queued for supervisors and admins');
  return queued;
}
