// The Mini App on Hono, served at /app/ on the bot's HTTP server (the webhook's, the health port's,
// the playground's): the page (strict CSP: scripts and styles from here and Telegram's script only,
// no inline code, nothing framed but by Telegram), and its API. A session begins with initData
// checked against the bot token and the clock (src/dashboard/init-data.ts); every later call names
// it with a bearer token and is decided on the server by the chat's rules.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono, type Context } from 'hono';
import { limitBody } from '../http/serve.ts';
import { checkInitData } from './init-data.ts';
import { callsInHand } from './calls-in-hand.ts';
import { caseView, list, noteView, overview, audit, fail, type Reply } from './reads.ts';
import { report, review, risk, type ActionDeps } from './actions.ts';
import { FEEDBACK_MAX, FOLLOW_UP_MAX } from '../org/supervision-actions.ts';
import { DashSessions, type DashSession } from './sessions.ts';
import { KINDS, type Kind } from './views.ts';

export interface DashboardDeps extends ActionDeps {
  botToken: string;
  /** where the page loads telegram-web-app.js from: Telegram's, or the playground's shim */
  telegramJs?: string;
}

export const TELEGRAM_JS = 'https://telegram.org/js/telegram-web-app.js';
/** where it is served: DASHBOARD_URL's path */
export const BASE = '/app';
const PAGE_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'page');
const TYPES: Record<string, string> = { js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8' };
const BODY_MAX = 16 * 1024;
/** a page makes one call at a time (two, going back while one loads) */
const CALLS_IN_HAND = 4;
const ID = /^[a-z0-9]{1,40}$/;

function csp(telegramJs: string): string {
  const script = telegramJs.startsWith('https://') ? `'self' ${new URL(telegramJs).origin}` : "'self'";
  return [
    "default-src 'none'",
    `script-src ${script}`,
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'self' https://web.telegram.org https://*.telegram.org",
  ].join('; ');
}

/** A request's input that is not what the page sends: 400. */
class BadInput extends Error {
  override readonly name = 'BadInput';
}

const int = (v: unknown): number => {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v <= 0) throw new BadInput('id');
  return v;
};
const id = (v: unknown): string => {
  if (typeof v !== 'string' || !ID.test(v)) throw new BadInput('id');
  return v;
};
const text = (v: unknown, max: number): string => {
  if (typeof v !== 'string' || !v.trim() || v.length > max) throw new BadInput('text');
  return v.trim();
};

export function dashboardApp(d: DashboardDeps): Hono {
  const telegramJs = d.telegramJs ?? TELEGRAM_JS;
  const policy = csp(telegramJs);
  const html = readFileSync(path.join(PAGE_DIR, 'index.html'), 'utf8').replace('%TELEGRAM_JS%', telegramJs);
  const assets = Object.fromEntries(['app.js', 'app.css', 'tg-shim.js'].map((f) => [f, readFileSync(path.join(PAGE_DIR, f))]));
  const sessions = new DashSessions(d.store);
  const nowS = () => Math.floor(d.clock.now().getTime() / 1000);
  const app = new Hono();

  const page = { 'content-security-policy': policy, 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'cache-control': 'no-cache' };
  // its own paths, whole (/app/ with its slash: the URL given to Telegram), so it mounts at the root
  app.get(`${BASE}/`, (c) => c.html(html, 200, page));
  for (const [file, bytes] of Object.entries(assets)) {
    // the shim stands in for Telegram's script only where the playground asked for it
    if (file === 'tg-shim.js' && telegramJs === TELEGRAM_JS) continue;
    app.get(`${BASE}/${file}`, (c) => c.body(new Uint8Array(bytes), 200, { ...page, 'content-type': TYPES[file.split('.').pop()!]! }));
  }

  const api = new Hono<{ Variables: { session: DashSession } }>();
  api.use(async (c, next) => {
    c.header('cache-control', 'no-store');
    c.header('x-content-type-options', 'nosniff');
    return next();
  });
  api.post('/session', limitBody(BODY_MAX), async (c) => {
    const body = await jsonBody(c);
    const check = checkInitData(body['initData'], d.botToken, nowS());
    if (!check.ok) {
      d.logger.info({ reason: check.reason }, 'dashboard: initData refused');
      return c.json({ error: check.reason }, 401);
    }
    const u = check.user;
    // where they work now: the session stays there while they are a member there (a switch in the
    // chat shows in a dashboard opened again)
    const ws = await d.store.load(u.id, { sessionCases: true, caseIds: [] });
    const m = ws.membership;
    if (!m || m.suspended) return c.json({ error: 'not-a-member' }, 403);
    // as the bot answers them: their /bahasa choice, else Telegram's language (the chat's src/bot/lang.ts)
    const lang = ws.session?.lang ?? (u.languageCode?.startsWith('en') ? 'en' : 'id');
    const s: DashSession = { userId: u.id, orgId: m.orgId, name: u.firstName || String(u.id), lang };
    const token = await sessions.create(s);
    await audit(d, s, 'dashboard-opened', {});
    const org = await d.store.redis.get(d.store.keys.org(m.orgId));
    const orgName = org ? (JSON.parse(org) as { name?: string }).name ?? '' : '';
    return c.json({ token, lang, user: { id: u.id, name: s.name }, role: m.role, org: { name: orgName } });
  });

  api.use(async (c, next) => {
    const auth = c.req.header('authorization') ?? '';
    const s = await sessions.get(auth.startsWith('Bearer ') ? auth.slice(7) : undefined);
    if (!s) return c.json({ error: 'session' }, 401);
    c.set('session', s);
    return next();
  });
  api.use(callsInHand(CALLS_IN_HAND));
  const send = (c: Context, r: Reply) => c.json(r.body as object, r.status);
  api.get('/overview', async (c) => send(c, await overview(d, c.get('session'))));
  // what names a worker, a case or a note travels in a POST's body, never in the URL (a proxy's
  // access log keeps URLs)
  const small = limitBody(BODY_MAX);
  api.post('/list', small, async (c) => {
    const b = await jsonBody(c);
    const kind = b['kind'] as Kind;
    if (!KINDS.includes(kind)) throw new BadInput('kind');
    const stage = b['stage'];
    if (stage !== undefined && (typeof stage !== 'string' || !/^[a-z0-9_-]{1,60}\/[a-z0-9_-]{1,60}$/i.test(stage))) throw new BadInput('stage');
    return send(c, await list(d, c.get('session'), { kind, worker: b['worker'] === undefined ? undefined : int(b['worker']), stage }));
  });
  api.post('/case', small, async (c) => {
    const b = await jsonBody(c);
    return send(c, await caseView(d, c.get('session'), { worker: int(b['worker']), caseId: id(b['case']) }));
  });
  api.post('/note', small, async (c) => {
    const b = await jsonBody(c);
    return send(c, await noteView(d, c.get('session'), { worker: int(b['worker']), caseId: id(b['case']), noteId: id(b['note']) }));
  });

  const noteAsk = (b: Record<string, unknown>) => ({ worker: int(b['worker']), caseId: id(b['case']), noteId: id(b['note']), version: int(b['version']) });
  const riskAsk = (b: Record<string, unknown>) => ({ worker: int(b['worker']), caseId: id(b['case']), riskId: id(b['risk']) });
  api.post('/approve', small, async (c) => send(c, await review(d, c.get('session'), noteAsk(await jsonBody(c)))));
  api.post('/feedback', small, async (c) => {
    const b = await jsonBody(c);
    return send(c, await review(d, c.get('session'), noteAsk(b), text(b['text'], FEEDBACK_MAX)));
  });
  api.post('/risk/take', small, async (c) => send(c, await risk(d, c.get('session'), riskAsk(await jsonBody(c)))));
  api.post('/risk/done', small, async (c) => {
    const b = await jsonBody(c);
    return send(c, await risk(d, c.get('session'), riskAsk(b), text(b['text'], FOLLOW_UP_MAX)));
  });
  api.post('/report', small, async (c) => {
    const b = await jsonBody(c);
    const format = b['format'] === 'docx' ? 'docx' : b['format'] === 'pdf' ? 'pdf' : undefined;
    if (!format) throw new BadInput('format');
    return send(c, await report(d, c.get('session'), { worker: int(b['worker']), caseId: id(b['case']), format }));
  });
  api.onError((err, c) => {
    if (err instanceof BadInput) return send(c, fail(400, 'bad-input'));
    d.logger.error({ err: { name: err.name, message: err.message } }, 'dashboard: request failed');
    return c.json({ error: 'failed' }, 500);
  });
  api.notFound((c) => c.json({ error: 'not-found' }, 404));
  app.route(`${BASE}/api`, api);
  app.notFound((c) => c.body(null, 404));
  return app;
}

async function jsonBody(c: Context): Promise<Record<string, unknown>> {
  // JSON only: a cross-site form cannot send it without a preflight, never granted here
  if (!(c.req.header('content-type') ?? '').startsWith('application/json')) throw new BadInput('content-type');
  const b = (await c.req.json().catch(() => undefined)) as unknown;
  if (!b || typeof b !== 'object' || Array.isArray(b)) throw new BadInput('json');
  return b as Record<string, unknown>;
}
