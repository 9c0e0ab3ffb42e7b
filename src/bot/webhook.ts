// Webhook mode, for several instances behind a load balancer: Telegram POSTs each update to
// WEBHOOK_URL; an instance answers 200 only once the update's write is done (an error status
// otherwise, so Telegram delivers it again), and 401 — processing nothing — without the secret
// header. GET /healthz says whether Redis answers, for the load balancer.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Bot } from 'grammy';
import type { Update } from 'grammy/types';
import type { Logger } from 'pino';
import type { BotContext } from './context.ts';
import { handleUpdate } from './handle-update.ts';
import { ALLOWED_UPDATES, type StopResult } from './polling.ts';

export interface WebhookOptions {
  url: string;
  secret: string;
  port: number;
  /** resolves true when Redis answers */
  healthy: () => Promise<boolean>;
  drainMs?: number;
}

export interface Webhook {
  /** the port listened on (the given one, or the one chosen for port 0) */
  port: number;
  /** stops taking updates, waits (bounded) for those in hand */
  stop(): Promise<StopResult>;
}

/** Telegram's updates are small; anything bigger is not from Telegram. */
const BODY_MAX = 1_000_000;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > BODY_MAX) {
        reject(new Error('body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startWebhook(bot: Bot<BotContext>, logger: Logger, opts: WebhookOptions): Promise<Webhook> {
  const path = new URL(opts.url).pathname || '/';
  const inHand = new Map<number, Promise<boolean>>();
  let stopping = false;

  const answer = (res: ServerResponse, status: number, body = '') => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(body);
  };

  const onRequest = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method === 'GET' && req.url === '/healthz') {
      const ok = await opts.healthy().catch(() => false);
      return answer(res, ok && !stopping ? 200 : 503, JSON.stringify({ ok, stopping }));
    }
    if (req.method !== 'POST' || (req.url ?? '').split('?')[0] !== path) return answer(res, 404);
    if (req.headers['x-telegram-bot-api-secret-token'] !== opts.secret) {
      logger.warn('webhook call without the right secret: refused');
      return answer(res, 401);
    }
    // stopping: Telegram delivers it again, to an instance that is not
    if (stopping) return answer(res, 503);
    let update: Update;
    try {
      update = JSON.parse(await readBody(req)) as Update;
      if (typeof update?.update_id !== 'number') throw new Error('no update_id');
    } catch (err) {
      logger.warn({ err: String(err) }, 'webhook body is not an update');
      return answer(res, 400);
    }
    const run = handleUpdate(bot, update);
    inHand.set(update.update_id, run);
    try {
      answer(res, (await run) ? 200 : 500);
    } finally {
      inHand.delete(update.update_id);
    }
  };

  const server: Server = createServer((req, res) => {
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
  await bot.api.setWebhook(opts.url, { secret_token: opts.secret, allowed_updates: [...ALLOWED_UPDATES] });
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
