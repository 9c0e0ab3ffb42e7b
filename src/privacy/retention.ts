// Retention: an organisation may set how long closed cases are kept (Org.retentionDays; absent:
// kept until deleted by hand). A nightly job (BullMQ job scheduler `retention`, in the reminder
// workers) finds the closed cases whose closure.at + retention has passed and deletes them exactly as
// an admin's deletion does (src/privacy/vault.ts + scrub.ts), audited with the system (id 0) as the
// actor, and drops the organisation's audit entries older than the same setting. 30 days before, the worker and the organisation's admins are warned, once: a guard key
// `{u:<worker>}:retention-warned:<case>` (deleted with the case).
//
// The warnings go through the outbox (the rate-limited send queue, rendered in each recipient's
// language), with job ids fixed by the case and the day, so a rerun of the night sends nothing twice.
import { DateTime } from 'luxon';
import { clientLabel } from '../cases/labels.ts';
import type { Org } from '../store/org-records.ts';
import type { Logger } from 'pino';
import type { Queue } from 'bullmq';
import type { Outbox } from '../outbox/outbox.ts';
import type { Keys } from '../store/keys.ts';
import type { RedisClient } from '../store/redis-connection.ts';
import type { SessionData } from '../store/session.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';
import type { CaseRecord } from '../store/records.ts';
import { CaseVault } from './vault.ts';
import { scrubOutside } from './scrub.ts';
import { scanAll } from '../store/redis-connection.ts';
import { openMembers, trimAudit, writeAudit } from '../org/org-store.ts';

const WARN_DAYS = 30;
const DAY_MS = 86_400_000;

export interface RetentionDeps {
  redis: RedisClient;
  store: WorkspaceStore<SessionData>;
  keys: Keys;
  outbox: Outbox;
  logger: Logger;
  now: () => number;
  /** the reminder schedule queue, whose job schedulers of a deleted case go too */
  queues?: { schedule: Pick<Queue, 'removeJobScheduler'> };
}

export interface RetentionResult {
  orgs: number;
  deleted: string[];
  warned: string[];
  /** audit entries older than the retention setting, dropped */
  auditTrimmed: number;
}

/** When a closed case is due for deletion under a retention of `days` (ms), or undefined. */
function dueAt(c: CaseRecord, days: number | undefined): number | undefined {
  if (!days || c.status !== 'closed' || !c.closure) return undefined;
  return DateTime.fromISO(c.closure.at).toMillis() + days * DAY_MS;
}

export async function runRetention(d: RetentionDeps): Promise<RetentionResult> {
  const result: RetentionResult = { orgs: 0, deleted: [], warned: [], auditTrimmed: 0 };
  const vault = new CaseVault(d.store);
  const now = d.now();
  const orgIds: string[] = [];
  for await (const found of scanAll(d.redis, d.keys.allOrgs)) {
    for (const k of found) {
      const id = d.keys.orgOfKey(k);
      if (id) orgIds.push(id);
    }
  }

  const day = DateTime.fromMillis(now, { zone: 'UTC' }).toISODate();

  for (const orgId of orgIds) {
    const [raw, membersRaw, departedRaw] = await Promise.all([d.redis.get(d.keys.org(orgId)), d.redis.hgetall(d.keys.members(orgId)), d.redis.hgetall(d.keys.departed(orgId))]);
    const org = raw ? (JSON.parse(raw) as Org) : undefined;
    if (!org?.retentionDays) continue;
    result.orgs++;
    // the audit follows the same setting (it is never cut by count): entries older than it go
    result.auditTrimmed += await trimAudit(d.redis, d.keys, orgId, now - org.retentionDays * DAY_MS);
    const members = Object.values(openMembers(d.store.cipher, d.keys.members(orgId), membersRaw));
    const owners = new Set<number>([...members.map((m) => m.userId), ...Object.keys(departedRaw).map(Number)]);
    const warnedBy = new Map<number, number>();
    for (const ownerId of owners) {
      const view = await vault.loadOwner(ownerId, undefined);
      // this organisation's cases only: a member of several keeps each organisation's under its own rule
      const theirs = Object.values(view.cases).filter((c) => c.orgId === orgId);
      for (const c of theirs) {
        const due = dueAt(c, org.retentionDays);
        if (due === undefined || now < due - WARN_DAYS * DAY_MS) continue;
        if (now >= due) {
          const full = await vault.loadOwner(ownerId, c.id);
          const rev = await vault.erase(ownerId, full, c.id, now);
          if (rev === -1) {
            d.logger.info({ caseId: c.id, userId: ownerId }, 'retention: owner busy, the next night deletes it');
            continue;
          }
          const sups = members.find((m) => m.userId === ownerId)?.supervisors ?? [];
          await scrubOutside(
            { redis: d.redis, keys: d.keys, logger: d.logger, ...(d.queues ? { removeJobScheduler: (id: string) => d.queues!.schedule.removeJobScheduler(id) } : {}) },
            ownerId,
            c.id,
            Object.values(full.notes).map((n) => ({ id: n.id, ...(n.version !== undefined ? { version: n.version } : {}) })),
            sups,
          );
          await audit(d, orgId, 'case-retention-deleted', { case: c.id, owner: String(ownerId), days: String(org.retentionDays) });
          if (theirs.length === 1 && departedRaw[String(ownerId)]) await d.redis.hdel(d.keys.departed(orgId), String(ownerId));
          result.deleted.push(c.id);
          d.logger.info({ caseId: c.id, userId: ownerId }, 'retention: case deleted');
          continue;
        }
        // within the 30 days before: warn once. Queued before the guard is set: a crash between
        // queues it again next night under the same job id, which the outbox sends once.
        const warned = d.keys.retentionWarned(ownerId, c.id);
        if (await d.redis.exists(warned)) continue;
        const member = members.find((m) => m.userId === ownerId);
        if (member && !member.suspended) {
          await d.outbox.send([{
            jobId: `retention-warning-${ownerId}-${c.id}`,
            message: { kind: 'retention-warning', to: ownerId, orgId, about: ownerId, client: clientLabel(c), closedAt: DateTime.fromISO(c.closure!.at).toMillis(), deleteAt: due },
          }]);
        }
        await d.redis.set(warned, String(now), 'PX', (WARN_DAYS + 30) * DAY_MS);
        await audit(d, orgId, 'retention-warned', { case: c.id, owner: String(ownerId) });
        result.warned.push(c.id);
        warnedBy.set(ownerId, (warnedBy.get(ownerId) ?? 0) + 1);
      }
    }
    if (warnedBy.size > 0) {
      const names = [...warnedBy.keys()].map((id) => members.find((m) => m.userId === id)?.name ?? String(id)).join(', ');
      const count = [...warnedBy.values()].reduce((a, b) => a + b, 0);
      const admins = members.filter((m) => m.role === 'admin' && !m.suspended);
      await d.outbox.send(admins.map((admin) => ({
        jobId: `retention-admin-${orgId}-${day}-${admin.userId}`,
        message: { kind: 'retention-admin', to: admin.userId, orgId, admins: true, count, workers: names },
      })));
    }
  }
  d.logger.info({ orgs: result.orgs, deleted: result.deleted.length, warned: result.warned.length }, 'retention run');
  return result;
}

async function audit(d: RetentionDeps, orgId: string, action: string, detail: Record<string, string>): Promise<void> {
  const p = d.redis.pipeline();
  writeAudit(p, d.keys, orgId, { at: new Date(d.now()).toISOString(), by: 0, action, detail });
  for (const [err] of (await p.exec()) ?? []) if (err) throw err;
}
