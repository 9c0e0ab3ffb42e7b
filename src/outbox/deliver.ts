// Sends one outbox message: in the recipient's language, once. BullMQ delivers a job at least once
// (a stalled job runs again), so a guard key per job id, claimed before the send and marked after,
// keeps a second run from sending it again.
import { GrammyError, type Api } from 'grammy';
import type { Logger } from 'pino';
import type { Catalog } from '../catalog/catalog.ts';
import type { Lang } from '../cases/labels.ts';
import type { Keys } from '../store/keys.ts';
import type { RedisClient } from '../store/redis-connection.ts';
import type { Texts } from '../telegram/texts.ts';
import type { OutboxMessage } from '../store/outbox-messages.ts';
import { renderOutbox } from './render.ts';

export interface OutboxDeps {
  redis: RedisClient;
  keys: Keys;
  api: Api;
  catalog: Catalog;
  i18n: Texts;
  logger: Logger;
}

/** A claim that outlives a crashed sender expires, so the job's retry can still send. */
const CLAIM_MS = 60_000;
const SENT_TTL_S = 30 * 86_400;

/** The recipient's language: their /bahasa choice, else what Telegram last said (kept on their membership). */
export async function languageOf(redis: RedisClient, keys: Keys, userId: number): Promise<Lang> {
  const lang = await redis.hget(keys.membership(userId), 'lang');
  return lang === 'en' ? 'en' : 'id';
}

export type Delivery = 'sent' | 'duplicate' | 'blocked';

export async function deliverOutbox(d: OutboxDeps, m: OutboxMessage, jobId: string): Promise<Delivery> {
  const guard = d.keys.outboxSent(m.to, jobId);
  const claimed = await d.redis.set(guard, 'sending', 'PX', CLAIM_MS, 'NX');
  if (claimed === null) {
    if ((await d.redis.get(guard)) === 'sent') return 'duplicate';
    throw new Error('another sender holds this message; retried later');
  }
  const lang = await languageOf(d.redis, d.keys, m.to);
  const t = (key: string, vars?: Record<string, string | number>) => d.i18n.t(lang, key, vars);
  const { text, keyboard } = renderOutbox(m, lang, t, d.catalog);
  try {
    await d.api.sendMessage(m.to, text, { parse_mode: 'HTML', ...(keyboard ? { reply_markup: keyboard } : {}) });
  } catch (err) {
    if (err instanceof GrammyError && (err.error_code === 403 || /chat not found|user is deactivated/i.test(err.description))) {
      // blocked, or the chat is gone: retrying cannot help; the note itself is saved. Any other
      // refusal is retried (and, failing, logged by the queue): a summary is not dropped quietly.
      await d.redis.set(guard, 'sent', 'EX', SENT_TTL_S);
      d.logger.warn({ to: m.to, kind: m.kind, code: err.error_code }, 'outbox message not deliverable');
      return 'blocked';
    }
    await d.redis.del(guard);
    throw err;
  }
  await d.redis.set(guard, 'sent', 'EX', SENT_TTL_S);
  d.logger.info({ to: m.to, kind: m.kind, jobId }, 'outbox message sent');
  return 'sent';
}
