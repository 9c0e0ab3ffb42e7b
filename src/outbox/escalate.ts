// A risk raised by a worker with no active supervisor (src/bot/activity/risk-alert.ts): when it is
// sent, the organisation's admins — members now, not suspended, other than the worker — each get the
// alert (their own outbox messages, under the same rate limit and send-time checks), and the worker
// is told who; with nobody to tell, the worker gets the emergency numbers and is told so plainly.
import { clientLabel } from '../cases/labels.ts';
import { openMembers } from '../org/org-store.ts';
import type { OutboxMessage } from '../store/outbox-messages.ts';
import type { Member } from '../store/org-records.ts';
import { escapeHtml, type Translate } from '../telegram/format.ts';
import type { Logger } from 'pino';
import type { DataCipher } from '../store/crypto.ts';
import type { Keys } from '../store/keys.ts';
import type { Outbox } from '../store/outbox-messages.ts';
import type { RedisClient } from '../store/redis-connection.ts';

export interface EscalationDeps {
  redis: RedisClient;
  keys: Keys;
  cipher: DataCipher;
  outbox: Outbox;
  logger: Logger;
}

type Escalation = Extract<OutboxMessage, { kind: 'alert-escalate' }>;

/** The organisation's admins now (not suspended, not `except`), and its emergency numbers: one round trip. */
async function adminsOf(d: EscalationDeps, orgId: string, except: number): Promise<{ admins: Member[]; emergency: string | null }> {
  const key = d.keys.members(orgId);
  const results = (await d.redis.pipeline().hgetall(key).get(d.keys.emergency(orgId)).exec()) ?? [];
  for (const [err] of results) if (err) throw err;
  const members = openMembers(d.cipher, key, results[0]?.[1] as Record<string, string>);
  const admins = Object.values(members).filter((x) => x.role === 'admin' && !x.suspended && x.userId !== except);
  return { admins, emergency: results[1]?.[1] as string | null };
}

/** A deletion request of a worker with no active supervisor goes to the admins; the worker hears who. */
export async function escalateDeletion(d: EscalationDeps, m: Extract<OutboxMessage, { kind: 'delete-request-escalate' }>, jobId: string, t: Translate): Promise<string> {
  const { admins } = await adminsOf(d, m.orgId, m.worker.id);
  if (admins.length === 0) return escapeHtml(t('delete-request-nobody', { client: m.client }));
  await d.outbox.send(
    admins.map((a) => ({
      jobId: `${jobId}-to-${a.userId}`,
      message: { kind: 'delete-request', to: a.userId, orgId: m.orgId, admins: true, worker: m.worker, caseId: m.caseId, client: m.client, notes: m.notes },
    })),
  );
  return escapeHtml(t('delete-request-sent', { client: m.client, names: admins.map((a) => a.name).join(', ') }));
}

/** Queues the alert to each admin; returns what the worker is told (HTML). */
export async function escalate(d: EscalationDeps, m: Escalation, jobId: string, t: Translate): Promise<string> {
  const { admins, emergency } = await adminsOf(d, m.orgId, m.worker.id);
  // nobody to tell: the organisation's own emergency numbers (an admin's setting), else the defaults
  if (admins.length === 0) return t('risk-nobody', { contacts: escapeHtml(emergency ?? t('risk-emergency-default')) });
  // the alert's record learns who it went to: the one who takes it, the others are told
  if (m.risk) {
    const key = d.keys.risks(m.worker.id, m.risk.caseId);
    const to = admins.map((a) => ({ id: a.userId, as: 'admin' as const }));
    await d.redis.hset(key, m.risk.id, d.cipher.seal({ ...m.risk, to }, key, m.risk.id));
  }
  const risk = m.risk ? { workerId: m.worker.id, caseId: m.risk.caseId, riskId: m.risk.id } : undefined;
  await d.outbox.send(
    admins.map((a) => ({
      jobId: `${jobId}-to-${a.userId}`,
      message: { kind: 'alert', to: a.userId, orgId: m.orgId, admins: true, worker: m.worker, note: m.note, case: m.case, sent: m.sent, ...(risk ? { risk } : {}) },
    })),
  );
  d.logger.info({ orgId: m.orgId, admins: admins.length }, 'risk alert escalated to the admins');
  return escapeHtml(t('risk-sent-admins', { client: clientLabel(m.case), names: admins.map((a) => a.name).join(', ') }));
}
