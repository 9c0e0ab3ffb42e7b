// Sends one outbox message: in the recipient's language, once, and only to someone who may still see
// it at that moment (src/org/access.ts: undeliverable; a drop is audited). BullMQ delivers a job at
// least once (a stalled job runs again), so a guard key per job id (src/store/send-once.ts) keeps a
// second run from sending it again.
import { GrammyError, type Api } from 'grammy';
import type { Logger } from 'pino';
import type { Catalog } from '../catalog/catalog.ts';
import type { Lang } from '../cases/labels.ts';
import type { Keys } from '../store/keys.ts';
import { sendOnce } from '../store/send-once.ts';
import type { RedisClient } from '../store/redis-connection.ts';
import type { Texts } from '../telegram/texts.ts';
import type { OutboxMessage } from '../store/outbox-messages.ts';
import { renderOutbox } from './render.ts';
import { publishMenuOf } from './menu.ts';
import { escalate, escalateDeletion } from './escalate.ts';
import type { DataCipher } from '../store/crypto.ts';
import type { Outbox } from '../store/outbox-messages.ts';
import { undeliverable, type Recipient, type Undeliverable } from '../org/access.ts';
import { writeAudit, writeSecurityLog } from '../org/org-store.ts';
import { effectiveOrg, parseOrgEntry } from '../store/org-records.ts';

export interface OutboxDeps {
  redis: RedisClient;
  /** opens the organisation's member records (an escalation finds the admins) */
  cipher: DataCipher;
  /** where an escalation queues the admins' alerts */
  outbox: Outbox;
  keys: Keys;
  api: Api;
  catalog: Catalog;
  i18n: Texts;
  logger: Logger;
  /** the dashboard's URL, when served: supervisors' and admins' menu buttons open it (src/outbox/menu.ts) */
  dashboardUrl?: string | undefined;
}

/** A claim that outlives a crashed sender expires, so the job's retry can still send. */
const CLAIM_MS = 60_000;
const SENT_MS = 30 * 86_400_000;

export type Delivery = 'sent' | 'duplicate' | 'blocked' | 'dropped';

/** The recipient as their own keys say now: their membership of the message's organisation (their
 *  active one when the message names none) and language, and whether they supervise the worker the
 *  message is about there — one round trip. */
async function recipientOf(d: OutboxDeps, m: OutboxMessage): Promise<Recipient & { lang: Lang }> {
  const p = d.redis.pipeline();
  p.hmget(d.keys.membership(m.to), 'orgId', 'lang');
  p.hgetall(d.keys.memberships(m.to));
  const asks = m.about !== undefined && m.about !== m.to && m.orgId !== undefined;
  if (asks) p.sismember(d.keys.workersOf(m.to, m.orgId!), String(m.about));
  const results = (await p.exec()) ?? [];
  for (const [err] of results) if (err) throw err;
  const [chosen, lang] = results[0]![1] as (string | null)[];
  const entries = results[1]![1] as Record<string, string>;
  // a member of the message's organisation, whichever of theirs they work in now (a message that
  // names none: the one they work in)
  const there = m.orgId !== undefined ? parseOrgEntry(entries[m.orgId]) : undefined;
  const working = effectiveOrg(chosen, entries);
  // (not a member there: the one they work in, which the check below finds to be another organisation)
  const membership = there ? { orgId: m.orgId!, entry: there } : working;
  return {
    membership: membership ? { orgId: membership.orgId, role: membership.entry.role, ...(membership.entry.suspended ? { suspended: true } : {}) } : undefined,
    supervises: asks && results[2]![1] === 1,
    lang: lang === 'en' ? 'en' : 'id',
  };
}

/** A message that may not go out any more is dropped, and the drop audited in its organisation (ids only). */
async function drop(d: OutboxDeps, m: OutboxMessage, jobId: string, reason: Undeliverable, recipientOrg: string | undefined): Promise<void> {
  const orgId = m.orgId ?? recipientOrg;
  const entry = { at: new Date().toISOString(), by: 0, action: 'message-dropped', detail: { to: String(m.to), kind: m.kind, reason, ...(m.about !== undefined ? { worker: String(m.about) } : {}) } };
  if (orgId) {
    const p = d.redis.pipeline();
    writeAudit(p, d.keys, orgId, entry);
    for (const [err] of (await p.exec()) ?? []) if (err) throw err;
  } else await writeSecurityLog(d.redis, d.keys, entry);
  d.logger.warn({ to: m.to, kind: m.kind, jobId, reason }, 'outbox message dropped: its recipient may no longer see it');
}

export async function deliverOutbox(d: OutboxDeps, m: OutboxMessage, jobId: string): Promise<Delivery> {
  const once = await sendOnce(d.redis, d.keys.outboxSent(m.to, jobId), { claimMs: CLAIM_MS, sentMs: SENT_MS }, () => send(d, m, jobId));
  if (once.status === 'already-sent') return 'duplicate';
  if (once.status === 'held') throw new Error('another sender holds this message; retried later');
  return once.value;
}

/** Blocked, or the chat is gone: retrying cannot help. */
function goneChat(err: unknown): err is GrammyError {
  return err instanceof GrammyError && (err.error_code === 403 || /chat not found|user is deactivated/i.test(err.description));
}

/** The send itself, under the message's guard: whatever it returns marks the message sent. */
async function send(d: OutboxDeps, m: OutboxMessage, jobId: string): Promise<Delivery> {
  // the menu is the user's own, whatever their standing: it follows it, removed or not
  if (m.kind === 'commands') {
    try {
      const menu = await publishMenuOf(d, m.to, m.resetMenuButton ? { resetMenuButton: true } : {});
      d.logger.info({ to: m.to, kind: m.kind, jobId, menu }, 'command menu published');
      return 'sent';
    } catch (err) {
      if (!goneChat(err)) throw err;
      d.logger.warn({ to: m.to, kind: m.kind }, 'command menu not published: the chat is gone');
      return 'blocked';
    }
  }
  // Access is decided now, not when the message was queued: a supervisor suspended, unassigned or
  // removed since, or a worker who left, gets nothing of the case.
  const recipient = await recipientOf(d, m);
  const refused = undeliverable(m.to, m, recipient);
  if (refused) {
    await drop(d, m, jobId, refused, recipient.membership?.orgId);
    return 'dropped';
  }
  const lang = recipient.lang;
  const t = (key: string, vars?: Record<string, string | number>) => d.i18n.t(lang, key, vars);
  const { text, keyboard } =
    m.kind === 'alert-escalate' ? { text: await escalate(d, m, jobId, t), keyboard: undefined }
    : m.kind === 'delete-request-escalate' ? { text: await escalateDeletion(d, m, jobId, t), keyboard: undefined }
    : renderOutbox(m, lang, t, d.catalog);
  try {
    await d.api.sendMessage(m.to, text, { parse_mode: 'HTML', ...(keyboard ? { reply_markup: keyboard } : {}) });
  } catch (err) {
    if (goneChat(err)) {
      // blocked, or the chat is gone: retrying cannot help; the note itself is saved. Any other
      // refusal is retried (and, failing, logged by the queue): a summary is not dropped quietly.
      d.logger.warn({ to: m.to, kind: m.kind, code: err.error_code }, 'outbox message not deliverable');
      return 'blocked';
    }
    throw err;
  }
  d.logger.info({ to: m.to, kind: m.kind, jobId }, 'outbox message sent');
  return 'sent';
}
