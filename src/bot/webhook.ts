// Webhook mode, for several instances behind a load balancer: Telegram POSTs each update to
// WEBHOOK_URL; an instance answers 200 only once the update's write is done (an error status
// otherwise, so Telegram delivers it again), and 401 — processing nothing — without the secret
// header. GET /healthz says whether Redis answers, for the load balancer. The port faces the
// internet: the secret is compared in constant time, a body over BODY_MAX is refused (413) before
// it is read, and a request not received in full within requestTimeoutMs is cut off (408).
// Telegram keeps at most max_connections requests open at once, and each waits for its update's
// write, so one user's flood must not take them all: beyond PER_USER_IN_HAND of one user's updates
// in hand here, an update is answered 200 at once and dropped (src/bot/per-user-limit.ts).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Bot } from 'grammy';
import type { Update } from 'grammy/types';
import { Hono } from 'hono';
import type { Logger } from 'pino';
import { limitBody, serveHttp, type NodeApp } from '../http/serve.ts';
import type { BotContext } from './context.ts';
import { handleUpdate } from './handle-update.ts';
import { ALLOWED_UPDATES, type StopResult } from './polling.ts';
import { PerUserLimit, WEBHOOK_MAX_CONNECTIONS, type PerUserLimitOptions } from './per-user-limit.ts';

export interface WebhookOptions {
  url: string;
  secret: string;
  port: number;
  /** resolves true when Redis answers */
  healthy: () => Promise<boolean>;
  drainMs?: number;
  /** headers and body must arrive within this (default 10 s); a slower client gets 408 and is disconnected */
  requestTimeoutMs?: number;
  /** one user's updates in hand at most (on this instance), and how a member is told when theirs are dropped */
  perUser?: PerUserLimitOptions;
  /** more apps on the same server, each with its own paths (the dashboard at /app/) */
  mounts?: Hono[];
}

export interface Webhook {
  /** the port listened on (the given one, or the one chosen for port 0) */
  port: number;
  /** stops taking updates, waits (bounded) for those in hand */
  stop(): Promise<StopResult>;
}

/** Telegram's updates are small; anything bigger is not from Telegram. */
const BODY_MAX = 1_000_000;

/** Equal-length digests, so neither the secret's bytes nor its length leak through timing. */
function sameSecret(given: string | undefined, expected: Buffer): boolean {
  if (typeof given !== 'string') return false;
  return timingSafeEqual(createHash('sha256').update(given).digest(), expected);
}

export async function startWebhook(bot: Bot<BotContext>, logger: Logger, opts: WebhookOptions): Promise<Webhook> {
  const path = new URL(opts.url).pathname || '/';
  const secretDigest = createHash('sha256').update(opts.secret).digest();
  /** update id → its response is written (the drain waits for the answer to reach Telegram, not only the write) */
  const inHand = new Map<number, Promise<void>>();
  const limit = new PerUserLimit(logger, opts.perUser);
  let stopping = false;

  const app: NodeApp = new Hono();
  app.get('/healthz', async (c) => {
    const ok = await opts.healthy().catch(() => false);
    return c.json({ ok, stopping }, ok && !stopping ? 200 : 503);
  });
  app.post(
    path,
    async (c, next) => {
      if (!sameSecret(c.req.header('x-telegram-bot-api-secret-token'), secretDigest)) {
        logger.warn('webhook call without the right secret: refused');
        return c.body(null, 401);
      }
      // stopping: Telegram delivers it again, to an instance that is not
      if (stopping) return c.body(null, 503);
      return next();
    },
    limitBody(BODY_MAX, (c) => logger.warn({ bytes: Number(c.req.header('content-length') ?? 0) || undefined }, 'webhook body too large: refused')),
    async (c) => {
      let update: Update;
      try {
        update = JSON.parse(await c.req.text()) as Update;
        if (typeof update?.update_id !== 'number') throw new SyntaxError('no update_id');
      } catch (err) {
        logger.warn({ err }, 'webhook body is not an update');
        return c.body(null, 400);
      }
      // over the user's cap: confirmed and dropped, so the connection is Telegram's again at once
      if (!limit.admit(update)) return c.body(null, 200);
      inHand.set(update.update_id, new Promise((resolve) => c.env.outgoing.once('close', () => resolve())));
      c.env.outgoing.once('close', () => inHand.delete(update.update_id));
      try {
        // 200 only once the update's write is done: otherwise Telegram delivers it again
        return c.body(null, (await handleUpdate(bot, update)) ? 200 : 500);
      } finally {
        limit.release(update);
      }
    },
  );
  for (const sub of opts.mounts ?? []) app.route('/', sub);
  app.notFound((c) => c.body(null, 404));
  app.onError((err, c) => {
    logger.error({ err }, 'webhook request failed');
    return c.body(null, 500);
  });

  // Node answers 408 and closes the connection when headers and body are not in within the bound;
  // the handler runs after that and is not bounded here (src/http/serve.ts).
  const http = await serveHttp(app, { port: opts.port, ...(opts.requestTimeoutMs !== undefined ? { requestTimeoutMs: opts.requestTimeoutMs } : {}) });
  await bot.api.setWebhook(opts.url, { secret_token: opts.secret, allowed_updates: [...ALLOWED_UPDATES], max_connections: WEBHOOK_MAX_CONNECTIONS });
  logger.info({ port: http.port, path }, 'webhook listening');

  return {
    port: http.port,
    async stop() {
      stopping = true;
      http.stopAccepting();
      const deadline = Date.now() + (opts.drainMs ?? 10_000);
      while (inHand.size && Date.now() < deadline) {
        await Promise.race([...inHand.values(), new Promise((r) => setTimeout(r, Math.max(0, deadline - Date.now())))]);
      }
      const unconfirmed = [...inHand.keys()];
      await http.close();
      return { unconfirmed };
    },
  };
}
