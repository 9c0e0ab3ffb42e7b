// The playground's web page and the little API behind it, on 127.0.0.1 only. The page follows
// every chat through server-sent events (a snapshot first, then each message, edit, alert as it
// happens: replies the bot sends later, from a worker or a queue, simply arrive). Everything the
// page loads is served from src/playground/page/; the CSP forbids anything else. A request whose
// Host is not this server's own loopback address is refused (403): a site whose name a DNS
// rebinding points at 127.0.0.1 is same-origin with itself, not with us, and names itself in Host.
// A chat's Mini App (the dashboard, served here under /app/) opens in an iframe of the page, with
// initData this server signs with the bot's token: the playground is Telegram (miniapp.ts).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono, type Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { Logger } from 'pino';
import { limitBody, serveHttp, type NodeApp } from '../http/serve.ts';
import { BusyError, type Playground } from './playground.ts';
import { miniAppSrc } from './miniapp.ts';
import { ORG_NAME, SEED_USERS } from './seed.ts';
import type { SimEvent } from './telegram-sim.ts';

const PAGE_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'page');
const STATIC: Record<string, string> = { '/': 'index.html', '/app.js': 'app.js', '/app.css': 'app.css' };
const TYPES: Record<string, string> = { html: 'text/html; charset=utf-8', js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8' };
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob:; media-src 'self' blob:; connect-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
/** the page's JSON requests; a photo, voice note or flow file it uploads */
const JSON_MAX = 1024 * 1024;
const UPLOAD_MAX = 20 * 1024 * 1024;
const PING_MS = 15_000;

/** What the page's requests may be refused for (400), said to the page. */
class PageRequestError extends Error {
  override readonly name = 'PageRequestError';
}

/** The page's view of the playground: its state, the chats, and what it may ask. */
export type PlaygroundView = Pick<Playground, 'sim' | 'clock' | 'lang' | 'busy' | 'onBusy' | 'touched' | 'setLang' | 'reset' | 'travel'>;

export interface WebServerOptions {
  /** the bot's token: the Mini App's initData is signed with it, as Telegram does */
  botToken: string;
  /** more apps on this server, each with its own paths: the dashboard (the Mini App) at /app/ */
  mounts?: Hono[];
}

async function jsonBody(c: Context): Promise<Record<string, unknown>> {
  // A JSON content type makes a cross-site form or fetch need a preflight, which is never granted.
  if (!(c.req.header('content-type') ?? '').startsWith('application/json')) throw new PageRequestError('expected application/json');
  return (await c.req.json()) as Record<string, unknown>;
}

function userId(v: unknown): number {
  const id = Number(v);
  if (!SEED_USERS.some((u) => u.id === id)) throw new PageRequestError('unknown user');
  return id;
}

function snapshot(pg: PlaygroundView) {
  const { sim } = pg;
  return {
    type: 'state',
    lang: pg.lang,
    busy: pg.busy ?? null,
    now: pg.clock.nowMs(),
    org: ORG_NAME,
    bot: sim.botUsername,
    users: SEED_USERS,
    chats: Object.fromEntries(SEED_USERS.map((u) => [u.id, sim.chatMessages(u.id)])),
    commands: { id: sim.commands('id'), en: sim.commands('en') },
    // each user's ☰ Menu: a supervisor's and an admin's are their chat's own (src/outbox/menu.ts)
    chatCommands: Object.fromEntries(SEED_USERS.map((u) => [u.id, { id: sim.commands('id', u.id), en: sim.commands('en', u.id) }])),
    // each user's Mini App button where Telegram shows ☰ Menu (null: the commands' menu only)
    menuButtons: Object.fromEntries(
      SEED_USERS.map((u) => {
        const b = sim.menuButton(u.id);
        return [u.id, b.type === 'web_app' ? { text: b.text, url: b.web_app.url } : null];
      }),
    ),
  };
}

export async function startWebServer(pg: PlaygroundView, port: number, logger: Logger, opts: WebServerOptions): Promise<{ url: string; close(): Promise<void> }> {
  const files = Object.fromEntries(Object.values(STATIC).map((f) => [f, readFileSync(path.join(PAGE_DIR, f))]));
  /** each open event stream: how to send it an event, and how to end it */
  const streams = new Map<(e: unknown) => void, () => void>();
  const broadcast = (e: unknown) => {
    for (const send of streams.keys()) send(e);
  };
  pg.sim.onEvent((e: SimEvent) => broadcast(e.type === 'reset' || e.type === 'commands' || e.type === 'menuButton' ? snapshot(pg) : e));
  pg.onBusy((busy) => broadcast(busy ? { type: 'busy', busy, now: pg.clock.nowMs() } : snapshot(pg)));

  /** localhost, 127.0.0.1, [::1] with the port listened on (known once listening) */
  let ownHosts: ReadonlySet<string> = new Set();
  const app: NodeApp = new Hono();
  app.use(async (c, next) => {
    const host = c.req.header('host');
    if (!ownHosts.has((host ?? '').toLowerCase())) {
      logger.warn({ host }, 'playground request for another host refused');
      return c.json({ error: 'wrong Host' }, 403);
    }
    c.header('cache-control', 'no-store');
    return next();
  });
  app.get('/favicon.ico', (c) => c.body(null, 204));
  // (after the Host check: the Mini App is this server's too)
  for (const sub of opts.mounts ?? []) app.route('/', sub);
  for (const [route, file] of Object.entries(STATIC)) {
    app.get(route, (c) => c.body(new Uint8Array(files[file]!), 200, { 'content-type': TYPES[file.split('.').pop()!]!, 'content-security-policy': CSP, 'cache-control': 'no-cache' }));
  }
  app.get('/api/file/:id{[\\w-]+}', (c) => {
    const id = c.req.param('id');
    const file = pg.sim.file(id);
    if (!file) return c.json({ error: 'no such file' }, 404);
    const name = encodeURIComponent(file.fileName ?? id);
    return c.body(new Uint8Array(file.bytes), 200, {
      'content-type': file.mimeType ?? 'application/octet-stream',
      'content-disposition': `${c.req.query('inline') !== undefined ? 'inline' : 'attachment'}; filename*=UTF-8''${name}`,
      'content-security-policy': "default-src 'none'",
      'x-content-type-options': 'nosniff',
    });
  });
  app.get('/api/events', (c) =>
    streamSSE(c, async (stream) => {
      const send = (e: unknown) => void stream.writeSSE({ data: JSON.stringify(e) }).catch(() => undefined);
      send(snapshot(pg));
      const ping = setInterval(() => send({ type: 'clock', now: pg.clock.nowMs() }), PING_MS);
      await new Promise<void>((end) => {
        streams.set(send, end);
        stream.onAbort(end);
      });
      clearInterval(ping);
      streams.delete(send);
    }),
  );
  const small = limitBody(JSON_MAX);
  app.post('/api/send', small, async (c) => {
    const b = await jsonBody(c);
    const text = String(b['text'] ?? '').slice(0, 4096);
    if (!text.trim()) return c.json({ error: 'empty' }, 400);
    pg.touched();
    pg.sim.sendText(userId(b['user']), text);
    return c.json({ ok: true });
  });
  app.post('/api/press', small, async (c) => {
    const b = await jsonBody(c);
    pg.touched();
    pg.sim.pressButton(userId(b['user']), Number(b['messageId']), String(b['data'] ?? ''));
    return c.json({ ok: true });
  });
  app.post('/api/upload', limitBody(UPLOAD_MAX), async (c) => {
    if (c.req.header('x-playground') !== '1') return c.json({ error: 'missing header' }, 403);
    const user = userId(c.req.query('user'));
    const bytes = Buffer.from(await c.req.arrayBuffer());
    const fileName = (c.req.query('name') ?? 'file').slice(0, 200);
    const mimeType = c.req.header('content-type') ?? 'application/octet-stream';
    pg.touched();
    // a flow file (.yaml) goes as a document: an admin publishes an organisation's model with it
    if (/\.ya?ml$/i.test(fileName)) pg.sim.uploadDocument(user, { bytes, fileName, mimeType: 'application/x-yaml' });
    else if (mimeType.startsWith('audio/')) pg.sim.uploadVoice(user, { bytes, fileName, mimeType });
    else pg.sim.uploadPhoto(user, { bytes, fileName, mimeType });
    return c.json({ ok: true });
  });
  // a Mini App button pressed: where the page's iframe goes (the URL, initData and theme in its fragment)
  app.post('/api/webapp', small, async (c) => {
    const b = await jsonBody(c);
    const id = userId(b['user']);
    const known = pg.sim.user(id);
    const seeded = SEED_USERS.find((u) => u.id === id)!;
    const user = { id, first_name: known?.firstName ?? seeded.name, language_code: known?.languageCode ?? pg.lang };
    // the Host was checked above: one of this server's own names
    const src = miniAppSrc(b['url'], `http://${c.req.header('host')!}`, user, opts.botToken, pg.clock.nowMs());
    if (!src) return c.json({ error: "not this playground's Mini App" }, 400);
    return c.json({ src });
  });
  app.post('/api/lang', small, async (c) => {
    const b = await jsonBody(c);
    await pg.setLang(b['lang'] === 'en' ? 'en' : 'id');
    return c.json({ ok: true });
  });
  app.post('/api/reset', small, async (c) => {
    await jsonBody(c);
    await pg.reset();
    return c.json({ ok: true });
  });
  app.post('/api/travel', small, async (c) => {
    await jsonBody(c);
    return c.json(await pg.travel());
  });
  app.notFound((c) => c.json({ error: 'not found' }, 404));
  app.onError((err, c) => {
    if (err instanceof BusyError) return c.json({ error: err.message }, 409);
    logger.warn({ err, path: c.req.path }, 'playground request refused');
    return c.json({ error: err.message }, 400);
  });

  const http = await serveHttp(app, { port, hostname: '127.0.0.1' });
  // a browser leaves the port out of Host when it is the default one
  ownHosts = new Set(['localhost', '127.0.0.1', '[::1]'].flatMap((h) => [`${h}:${http.port}`, ...(http.port === 80 ? [h] : [])]));
  return {
    url: `http://localhost:${http.port}`,
    async close() {
      for (const end of streams.values()) end();
      await http.close();
    },
  };
}
