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
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Bot } from 'grammy';
import type { Update } from 'grammy/types';
import type { Logger } from 'pino';
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
}

export interface Webhook {
  /** the port listened on (the given one, or the one chosen for port 0) */
  port: number;
  /** stops taking updates, waits (bounded) for those in hand */
  stop(): Promise<StopResult>;
}

/** Telegram's updates are small; anything bigger is not from Telegram. */
const BODY_MAX = 1_000_000;
/** Telegram sends an update at once; this is generous, and bounds a client that trickles. */
const REQUEST_TIMEOUT_MS = 10_000;

class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
}

/** The body, or BodyTooLargeError once it passes BODY_MAX (the rest is not read). */
function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (c: Buffer) => {
      size += c.length;
      if (size > BODY_MAX) {
        req.off('data', onData);
        reject(new BodyTooLargeError(`body over ${BODY_MAX} bytes`));
      } else chunks.push(c);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Equal-length digests, so neither the secret's bytes nor its length leak through timing. */
function sameSecret(given: string | string[] | undefined, expected: Buffer): boolean {
  if (typeof given !== 'string') return false;
  return timingSafeEqual(createHash('sha256').update(given).digest(), expected);
}

export async function startWebhook(bot: Bot<BotContext>, logger: Logger, opts: WebhookOptions): Promise<Webhook> {
  const path = new URL(opts.url).pathname || '/';
  const secretDigest = createHash('sha256').update(opts.secret).digest();
  const inHand = new Map<number, Promise<boolean>>();
  const limit = new PerUserLimit(logger, opts.perUser);
  let stopping = false;

  const answer = (res: ServerResponse, status: number, body = '') => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(body);
  };
  /** The client may still be sending: answer, then close rather than read what is left. */
  const refuseBody = (req: IncomingMessage, res: ServerResponse, status: number) => {
    res.writeHead(status, { 'content-type': 'application/json', connection: 'close' }).end(() => req.destroy());
  };

  const onRequest = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method === 'GET' && req.url === '/healthz') {
      const ok = await opts.healthy().catch(() => false);
      return answer(res, ok && !stopping ? 200 : 503, JSON.stringify({ ok, stopping }));
    }
    if (req.method !== 'POST' || (req.url ?? '').split('?')[0] !== path) return answer(res, 404);
    if (!sameSecret(req.headers['x-telegram-bot-api-secret-token'], secretDigest)) {
      logger.warn('webhook call without the right secret: refused');
      return answer(res, 401);
    }
    // stopping: Telegram delivers it again, to an instance that is not
    if (stopping) return answer(res, 503);
    if (Number(req.headers['content-length'] ?? 0) > BODY_MAX) {
      logger.warn({ bytes: Number(req.headers['content-length']) }, 'webhook body too large: refused');
      return refuseBody(req, res, 413);
    }
    let update: Update;
    try {
      update = JSON.parse(await readBody(req)) as Update;
      if (typeof update?.update_id !== 'number') throw new Error('no update_id');
    } catch (err) {
      if (err instanceof BodyTooLargeError) {
        logger.warn('webhook body too large: refused');
        return refuseBody(req, res, 413);
      }
      logger.warn({ err: String(err) }, 'webhook body is not an update');
      return answer(res, 400);
    }
    // over the user's cap: confirmed and dropped, so the connection is Telegram's again at once
    if (!limit.admit(update)) return answer(res, 200);
    const run = handleUpdate(bot, update);
    inHand.set(update.update_id, run);
    try {
      answer(res, (await run) ? 200 : 500);
    } finally {
      inHand.delete(update.update_id);
      limit.release(update);
    }
  };

  // Node answers 408 and closes the connection when headers and body are not in within the bound
  // (checked every connectionsCheckingInterval); the handler runs after that and is not bounded here.
  const requestTimeout = opts.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
  const serverOptions = { requestTimeout, headersTimeout: requestTimeout, connectionsCheckingInterval: Math.min(1_000, Math.max(10, requestTimeout / 4)) };
  const server: Server = createServer(serverOptions, (req, res) => {
    onRequest(req, res).catch((err: unknown) => {
      logger.error({ err }, 'webhook request failed');
      if (!res.headersSent) answer(res, 500);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, resolve);
  });
  const port = (server.address() as { port: number }).port;
  await bot.api.setWebhook(opts.url, { secret_token: opts.secret, allowed_updates: [...ALLOWED_UPDATES], max_connections: WEBHOOK_MAX_CONNECTIONS });
  logger.info({ port, path }, 'webhook listening');

  return {
    port,
    async stop() {
      stopping = true;
      server.close();
      const deadline = Date.now() + (opts.drainMs ?? 10_000);
      while (inHand.size && Date.now() < deadline) {
        await Promise.race([...inHand.values(), new Promise((r) => setTimeout(r, Math.max(0, deadline - Date.now())))]);
      }
      server.closeAllConnections();
      return { unconfirmed: [...inHand.keys()] };
    },
  };
}
