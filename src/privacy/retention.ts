// Retention: an organisation may set how long closed cases are kept (Org.retentionDays; absent:
// kept until deleted by hand). A nightly job (BullMQ job scheduler `retention`, in the reminder
// workers) finds the closed cases whose closure.at + retention has passed and deletes them exactly as
// an admin's deletion does (src/privacy/vault.ts + scrub.ts), audited with the system (id 0) as the
// actor. 30 days before, the worker and the organisation's admins are warned, once: a guard key
// `{u:<worker>}:retention-warned:<case>` (deleted with the case).
//
// Messages go through the job's Api, one per 40 ms (the send queue's pace), so a large night stays
// under Telegram's limit; a message that fails is logged and not retried (the deletion stands).
import { DateTime } from 'luxon';
import { clientLabel } from '../cases/labels.ts';
import type { Member, Org } from '../org/records.ts';
import type { ReminderWorkerDeps } from '../reminders/worker-deps.ts';
import type { CaseRecord } from '../store/records.ts';
import { CaseVault } from './vault.ts';
import { scrubOutside } from './scrub.ts';
import { scanAll } from '../store/redis-connection.ts';

export const WARN_DAYS = 30;
const DAY_MS = 86_400_000;
const SEND_GAP_MS = 40;

export type RetentionDeps = Pick<ReminderWorkerDeps, 'redis' | 'store' | 'keys' | 'api' | 'i18n' | 'logger' | 'now'> & { queues?: Pick<ReminderWorkerDeps['queues'], 'schedule'> };

export interface RetentionResult {
  orgs: number;
  deleted: string[];
  warned: string[];
}

/** When a closed case is due for deletion under a retention of `days` (ms), or undefined. */
export function dueAt(c: CaseRecord, days: number | undefined): number | undefined {
  if (!days || c.status !== 'closed' || !c.closure) return undefined;
  return DateTime.fromISO(c.closure.at).toMillis() + days * DAY_MS;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runRetention(d: RetentionDeps): Promise<RetentionResult> {
  const result: RetentionResult = { orgs: 0, deleted: [], warned: [] };
  const vault = new CaseVault(d.store);
  const now = d.now();
  const orgIds: string[] = [];
  for await (const found of scanAll(d.redis, d.keys.allOrgs)) {
    for (const k of found) {
      const id = d.keys.orgOfKey(k);
      if (id) orgIds.push(id);
    }
  }

  const send = async (to: number, text: string) => {
    try {
      await d.api.sendMessage(to, text, { parse_mode: 'HTML' });
    } catch (err) {
      d.logger.warn({ userId: to, err: String(err) }, 'retention message not sent');
    }
    await pause(SEND_GAP_MS);
  };

  for (const orgId of orgIds) {
    const [raw, membersRaw, departedRaw] = await Promise.all([d.redis.get(d.keys.org(orgId)), d.redis.hgetall(d.keys.members(orgId)), d.redis.hgetall(d.keys.departed(orgId))]);
    const org = raw ? (JSON.parse(raw) as Org) : undefined;
    if (!org?.retentionDays) continue;
    result.orgs++;
    const members = Object.values(membersRaw).map((v) => JSON.parse(v) as Member);
    const owners = new Set<number>([...members.map((m) => m.userId), ...Object.keys(departedRaw).map(Number)]);
    const warnedBy = new Map<number, number>();
    for (const ownerId of owners) {
      const view = await vault.loadOwner(ownerId, undefined);
      for (const c of Object.values(view.cases)) {
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
          if (Object.keys(view.cases).length === 1 && departedRaw[String(ownerId)]) await d.redis.hdel(d.keys.departed(orgId), String(ownerId));
          result.deleted.push(c.id);
          d.logger.info({ caseId: c.id, userId: ownerId }, 'retention: case deleted');
          continue;
        }
        // within the 30 days before: warn once
        const first = await d.redis.set(d.keys.retentionWarned(ownerId, c.id), String(now), 'PX', (WARN_DAYS + 30) * DAY_MS, 'NX');
        if (first === null) continue;
        await audit(d, orgId, 'retention-warned', { case: c.id, owner: String(ownerId) });
        result.warned.push(c.id);
        warnedBy.set(ownerId, (warnedBy.get(ownerId) ?? 0) + 1);
        const member = members.find((m) => m.userId === ownerId);
        if (member && !member.suspended) {
          const lang = view.session?.lang ?? (await d.redis.hget(d.keys.membership(ownerId), 'lang')) ?? 'id';
          const fmt = (ms: number) => DateTime.fromMillis(ms).setLocale(lang).toFormat('d LLLL yyyy');
          await send(ownerId, d.i18n.t(lang, 'retention-warning', { client: clientLabel(c), closed: fmt(DateTime.fromISO(c.closure!.at).toMillis()), date: fmt(due) }));
        }
      }
    }
    if (warnedBy.size > 0) {
      const names = [...warnedBy.keys()].map((id) => members.find((m) => m.userId === id)?.name ?? String(id)).join(', ');
      const count = [...warnedBy.values()].reduce((a, b) => a + b, 0);
      for (const admin of members.filter((m) => m.role === 'admin' && !m.suspended)) {
        const lang = (await d.redis.hget(d.keys.membership(admin.userId), 'lang')) ?? 'id';
        await send(admin.userId, d.i18n.t(lang, 'retention-warning-admin', { count, workers: names }));
      }
    }
  }
  d.logger.info({ orgs: result.orgs, deleted: result.deleted.length, warned: result.warned.length }, 'retention run');
  return result;
}

async function audit(d: RetentionDeps, orgId: string, action: string, detail: Record<string, string>): Promise<void> {
  await d.redis.xadd(d.keys.audit(orgId), 'MAXLEN', '~', '10000', '*', 'at', new Date(d.now()).toISOString(), 'by', '0', 'action', action, 'detail', JSON.stringify(detail));
}
