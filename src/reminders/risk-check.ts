// A risk alert looked at again (a delayed job on the schedule queue): first RISK_FIRST_CHECK_MS after it
// was raised, then — when the organisation's escalation time (⏱ in /lembaga) is longer — at that time.
// Nobody took it ("🙋 Saya tangani") nor followed it up by then, so the organisation's
// admins — members now, not suspended, not already told, not the worker — get it too, with the same
// buttons, through the outbox (rate limit, send-time checks). They join the alert's recipients, so
// whoever takes it is seen by them too.
import type { Logger } from 'pino';
import { openMembers } from '../org/org-store.ts';
import type { DataCipher } from '../store/crypto.ts';
import type { Keys } from '../store/keys.ts';
import type { Outbox } from '../store/outbox-messages.ts';
import type { RedisClient } from '../store/redis-connection.ts';
import { riskFields, type RiskAlert } from '../store/risk-records.ts';
import type { RiskCheckJob } from './queues.ts';
import { DEFAULT_RISK_ESCALATION_HOURS, type Org } from '../store/org-records.ts';

export interface RiskCheckDeps {
  /** checks again in `delayMs` (the organisation's escalation time is longer than the first check) */
  later?: (job: RiskCheckJob, delayMs: number) => Promise<void>;
  redis: RedisClient;
  keys: Keys;
  cipher: DataCipher;
  outbox: Outbox;
  logger: Logger;
  now: () => number;
}

export type RiskCheck = 'taken' | 'gone' | 'escalated' | 'nobody' | 'waiting';

export async function checkRisk(d: RiskCheckDeps, job: RiskCheckJob): Promise<RiskCheck> {
  const key = d.keys.risks(job.workerId, job.caseId);
  const [fa] = riskFields(job.riskId);
  const [raw, taken, done] = await d.redis.hmget(key, ...riskFields(job.riskId));
  if (!raw) return 'gone'; // the case (or the worker's data) was deleted meanwhile
  if (taken || done) return 'taken';
  const alert = d.cipher.open<RiskAlert>(raw, key, fa);
  const membersKey = d.keys.members(alert.orgId);
  const [[, orgRaw], [, membersRaw]] = (await d.redis.pipeline().get(d.keys.org(alert.orgId)).hgetall(membersKey).exec()) as [[null, string | null], [null, Record<string, string>]];
  const org = orgRaw ? (JSON.parse(orgRaw) as Org) : undefined;
  const dueAt = Date.parse(alert.raisedAt) + (org?.riskEscalationHours ?? DEFAULT_RISK_ESCALATION_HOURS) * 3_600_000;
  if (d.now() < dueAt && d.later) {
    await d.later({ workerId: job.workerId, caseId: job.caseId, riskId: job.riskId, at: dueAt, dueAt }, dueAt - d.now());
    return 'waiting';
  }
  const members = openMembers(d.cipher, membersKey, membersRaw);
  const told = new Set(alert.to.map((t) => t.id));
  const admins = Object.values(members).filter((m) => m.role === 'admin' && !m.suspended && m.userId !== alert.workerId && !told.has(m.userId));
  if (admins.length === 0) {
    d.logger.warn({ workerId: job.workerId, riskId: job.riskId }, 'risk alert not taken in time, and no other admin to tell');
    return 'nobody';
  }
  const hours = Math.max(1, Math.round((d.now() - Date.parse(alert.raisedAt)) / 3_600_000));
  const to = [...alert.to, ...admins.map((a) => ({ id: a.userId, as: 'admin' as const }))];
  await d.redis.hset(key, fa, d.cipher.seal({ ...alert, to }, key, fa));
  await d.outbox.send(admins.map((a) => ({
    jobId: `risk-overdue-${job.workerId}-${alert.id}-${a.userId}`,
    message: { kind: 'risk-overdue', to: a.userId, orgId: alert.orgId, admins: true, alert: { ...alert, to }, hours },
  })));
  d.logger.info({ workerId: job.workerId, riskId: job.riskId, admins: admins.length }, 'risk alert not taken in time: sent to the admins');
  return 'escalated';
}
