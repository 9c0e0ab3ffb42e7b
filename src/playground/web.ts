// The playground's web page and the little API behind it, on 127.0.0.1 only. The page follows
// every chat through server-sent events (a snapshot first, then each message, edit, alert as it
// happens: replies the bot sends later, from a worker or a queue, simply arrive). Everything the
// page loads is served from src/playground/page/; the CSP forbids anything else. A request whose
// Host is not this server's own loopback address is refused (403): a site whose name a DNS
// rebinding points at 127.0.0.1 is same-origin with itself, not with us, and names itself in Host.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import { readBody, type ServerEvent } from './bot-api-server.ts';
import { BusyError, type Playground } from './playground.ts';
import { ORG_NAME, SEED_USERS } from './seed.ts';

const PAGE_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'page');
const STATIC: Record<string, string> = { '/': 'index.html', '/app.js': 'app.js', '/app.css': 'app.css' };
const TYPES: Record<string, string> = { html: 'text/html; charset=utf-8', js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8' };
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob:; media-src 'self' blob:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(text);
}

async function jsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  // A JSON content type makes a cross-site form or fetch need a preflight, which is never granted.
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) throw new Error('expected application/json');
  return JSON.parse((await readBody(req, 1024 * 1024)).toString('utf8')) as Record<string, unknown>;
}

function userId(v: unknown): number {
  const id = Number(v);
  if (!SEED_USERS.some((u) => u.id === id)) throw new Error('unknown user');
  return id;
}

export function snapshot(pg: Playground) {
  const { server } = pg;
  return {
    type: 'state',
    lang: pg.lang,
    busy: pg.busy ?? null,
    now: Date.now(),
    org: ORG_NAME,
    bot: server.botUsername,
    users: SEED_USERS,
    chats: Object.fromEntries(SEED_USERS.map((u) => [u.id, server.chatMessages(u.id)])),
    commands: { id: server.commands('id'), en: server.commands('en') },
  };
}

export async function startWebServer(pg: Playground, port: number, logger: Logger): Promise<{ url: string; close(): Promise<void> }> {
  const files = Object.fromEntries(Object.values(STATIC).map((f) => [f, readFileSync(path.join(PAGE_DIR, f))]));
  const streams = new Set<ServerResponse>();
  const broadcast = (e: unknown) => {
    const line = `data: ${JSON.stringify(e)}\n\n`;
    for (const s of streams) s.write(line);
  };
  pg.server.onEvent((e: ServerEvent) => broadcast(e.type === 'reset' || e.type === 'commands' ? snapshot(pg) : e));
  pg.onBusy((busy) => broadcast(busy ? { type: 'busy', busy, now: Date.now() } : snapshot(pg)));

  const api: Record<string, Handler> = {
    'GET /api/events': async (req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write(`data: ${JSON.stringify(snapshot(pg))}\n\n`);
      streams.add(res);
      const ping = setInterval(() => res.write(`data: ${JSON.stringify({ type: 'clock', now: Date.now() })}\n\n`), 15_000);
      req.on('close', () => {
        clearInterval(ping);
        streams.delete(res);
      });
    },
    'POST /api/send': async (req, res) => {
      const b = await jsonBody(req);
      const text = String(b['text'] ?? '').slice(0, 4096);
      if (!text.trim()) return json(res, 400, { error: 'empty' });
      pg.touched();
      pg.server.sendText(userId(b['user']), text);
      json(res, 200, { ok: true });
    },
    'POST /api/press': async (req, res) => {
      const b = await jsonBody(req);
      pg.touched();
      pg.server.pressButton(userId(b['user']), Number(b['messageId']), String(b['data'] ?? ''));
      json(res, 200, { ok: true });
    },
    'POST /api/upload': async (req, res, url) => {
      if (req.headers['x-playground'] !== '1') return json(res, 403, { error: 'missing header' });
      const user = userId(url.searchParams.get('user'));
      const bytes = await readBody(req, 20 * 1024 * 1024);
      const fileName = (url.searchParams.get('name') ?? 'file').slice(0, 200);
      const mimeType = String(req.headers['content-type'] ?? 'application/octet-stream');
      pg.touched();
      // a flow file (.yaml) goes as a document: an admin publishes an organisation's model with it
      if (/\.ya?ml$/i.test(fileName)) pg.server.uploadDocument(user, { bytes, fileName, mimeType: 'application/x-yaml' });
      else if (mimeType.startsWith('audio/')) pg.server.uploadVoice(user, { bytes, fileName, mimeType });
      else pg.server.uploadPhoto(user, { bytes, fileName, mimeType });
      json(res, 200, { ok: true });
    },
    'POST /api/lang': async (req, res) => {
      const b = await jsonBody(req);
      await pg.setLang(b['lang'] === 'en' ? 'en' : 'id');
      json(res, 200, { ok: true });
    },
    'POST /api/reset': async (req, res) => {
      await jsonBody(req);
      await pg.reset();
      json(res, 200, { ok: true });
    },
    'POST /api/travel': async (req, res) => {
      await jsonBody(req);
      json(res, 200, await pg.travel());
    },
  };

  /** localhost, 127.0.0.1, [::1] with the port listened on (known once listening) */
  let ownHosts: ReadonlySet<string> = new Set();
  const server: Server = createServer((req, res) => {
    if (!ownHosts.has((req.headers.host ?? '').toLowerCase())) {
      logger.warn({ host: req.headers.host }, 'playground request for another host refused');
      return json(res, 403, { error: 'wrong Host' });
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/favicon.ico') return void res.writeHead(204).end();
    const staticFile = req.method === 'GET' ? STATIC[url.pathname] : undefined;
    if (staticFile) {
      res.writeHead(200, { 'content-type': TYPES[staticFile.split('.').pop()!]!, 'content-security-policy': CSP, 'cache-control': 'no-cache' });
      res.end(files[staticFile]);
      return;
    }
    const download = /^\/api\/file\/([\w-]+)$/.exec(url.pathname);
    if (req.method === 'GET' && download) {
      const file = pg.server.file(download[1]!);
      if (!file) return json(res, 404, { error: 'no such file' });
      const name = encodeURIComponent(file.fileName ?? download[1]!);
      const inline = url.searchParams.has('inline');
      res.writeHead(200, {
        'content-type': file.mimeType ?? 'application/octet-stream',
        'content-disposition': `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${name}`,
        'content-security-policy': "default-src 'none'",
        'x-content-type-options': 'nosniff',
      });
      res.end(file.bytes);
      return;
    }
    const handler = api[`${req.method} ${url.pathname}`];
    if (!handler) return json(res, 404, { error: 'not found' });
    handler(req, res, url).catch((err: unknown) => {
      if (err instanceof BusyError) return json(res, 409, { error: err.message });
      logger.warn({ err: String(err), path: url.pathname }, 'playground request refused');
      if (!res.headersSent) json(res, 400, { error: String(err instanceof Error ? err.message : err) });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  // a browser leaves the port out of Host when it is the default one
  ownHosts = new Set(['localhost', '127.0.0.1', '[::1]'].flatMap((h) => [`${h}:${actual}`, ...(actual === 80 ? [h] : [])]));
  return {
    url: `http://localhost:${actual}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of streams) s.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
