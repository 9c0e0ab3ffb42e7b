// The dashboard's server as a Mini App's page meets it: initData checked (forged, stale, missing
// refused), a session, the numbers the caseload indexes hold, the lists behind them, a case's
// timeline and a note — each within the chat's rules (another worker's or another organisation's
// case: 403, audited) — and the actions, which reach the worker's chat through the outbox as the
// chat's buttons do. Real Redis, the real bot making the records, Hono's own request().
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ADMIN, Harness, openCase, team, TEST_TOKEN } from '../support/bot-harness.ts';
import { fillNote } from '../support/note-driver.ts';
import { dashboardApp } from '../../src/dashboard/routes.ts';
import { signInitData } from '../../src/dashboard/init-data.ts';
import { OrgStore } from '../../src/org/org-store.ts';
import { createI18n } from '../../src/bot/create-bot.ts';
import type { ExportJob } from '../../src/export/jobs.ts';
import { Hono } from 'hono';
import { callsInHand } from '../../src/dashboard/calls-in-hand.ts';
import { startHealthServer } from '../../src/bot/health.ts';

const SUP = 5101;
const SUP2 = 5102;
const W1 = 6101;
const W2 = 6102;
const HOSTILE = '<img src=x onerror=alert(1)>';

let h: Harness;
let app: Hono;
const exported: ExportJob[] = [];

beforeEach(async () => {
  h = await Harness.start({ now: new Date('2025-03-14T03:00:00Z') });
  await h.say('/start', { user: ADMIN, firstName: 'Ani' });
  const i18n = createI18n();
  exported.length = 0;
  app = dashboardApp({
    botToken: TEST_TOKEN,
    store: h.store,
    orgs: new OrgStore(h.redis, h.keys, h.store.cipher),
    catalog: h.catalog,
    outbox: h.outbox,
    exports: { request: async (job) => void exported.push(job) },
    clock: { now: () => h.now },
    defaultTimezone: 'Asia/Jakarta',
    logger: (await import('pino')).pino({ level: 'silent' }),
    t: (lang) => (key, vars) => i18n.t(lang, key, vars),
  });
});
afterEach(async () => {
  await h.stop();
});

const nowS = () => Math.floor(h.now.getTime() / 1000);
const initData = (id: number, name: string, at = nowS(), token = TEST_TOKEN) => signInitData(token, { id, first_name: name, language_code: 'id' }, at);

async function call(path: string, opts: { token?: string; body?: unknown } = {}): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await app.request(`/app/api${path}`, {
    method: opts.body === undefined ? 'GET' : 'POST',
    headers: { ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}), ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}) },
    ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}

async function login(id: number, name: string): Promise<string> {
  const r = await call('/session', { body: { initData: initData(id, name) } });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.token as string;
}

async function auditOf(orgId: string): Promise<{ action: string; detail: Record<string, string>; by: number }[]> {
  const entries = await h.redis.xrange(h.keys.audit(orgId), '-', '+');
  return entries.map(([, fields]) => {
    const f: Record<string, string> = {};
    for (let i = 0; i < fields.length; i += 2) f[fields[i]!] = fields[i + 1]!;
    return { action: f['action']!, detail: JSON.parse(f['detail'] ?? '{}') as Record<string, string>, by: Number(f['by']) };
  });
}

/** Budi (W1) on Si (42): a note with a risk flag and a hostile answer, saved and sent for review. */
async function budiWithRisk(): Promise<{ orgId: string; caseId: string }> {
  const orgId = await team(h, { supervisor: { id: SUP, name: 'Rina' }, workers: [{ id: W1, name: 'Budi' }, { id: W2, name: 'Citra' }] });
  const caseId = await openCase(h, 'Si', 'Zastrow', W1);
  await h.say('/catat', { user: W1 });
  await h.tap('Si (42)', W1);
  await fillNote(h, { user: W1, answers: { risiko: { tick: ['Kekerasan'] }, risiko_uraian: { type: HOSTILE } } });
  await h.tap('Simpan', W1);
  return { orgId, caseId };
}

describe('the dashboard API', () => {
  it('starts a session only from initData signed with the bot token, minutes old at most', async () => {
    await team(h, { supervisor: { id: SUP, name: 'Rina' }, workers: [{ id: W1, name: 'Budi' }] });
    expect((await call('/session', { body: { initData: initData(SUP, 'Rina', nowS(), '123:forged') } })).body).toEqual({ error: 'forged' });
    // a valid one with a field changed after signing
    const tampered = initData(SUP, 'Rina').replace(encodeURIComponent(`"id":${SUP}`), encodeURIComponent(`"id":${W1}`));
    const changed = await call('/session', { body: { initData: tampered } });
    expect([changed.status, changed.body]).toEqual([401, { error: 'forged' }]);
    const stale = await call('/session', { body: { initData: initData(SUP, 'Rina', nowS() - 6 * 60) } });
    expect([stale.status, stale.body]).toEqual([401, { error: 'stale' }]);
    expect((await call('/session', { body: {} })).body).toEqual({ error: 'missing' });
    expect((await call('/session', { body: { initData: initData(777, 'Stranger') } })).body).toEqual({ error: 'not-a-member' });
    // a key given twice: a signed initData of the stranger's, a victim's user put before it
    const mine = initData(777, 'Stranger');
    const smuggled = `user=${encodeURIComponent(JSON.stringify({ id: SUP, first_name: 'Rina' }))}&auth_date=${nowS()}&${mine}`;
    expect((await call('/session', { body: { initData: smuggled } })).body).toEqual({ error: 'forged' });
    expect((await call('/session', { body: { initData: signInitData(TEST_TOKEN, null as never, nowS()) } })).status).toBe(401);
    const ok = await call('/session', { body: { initData: initData(SUP, 'Rina', nowS() - 4 * 60) } });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ lang: 'id', role: 'supervisor', org: { name: 'Bapas Kelas I Bandung' } });
    // no session, a made-up one: 401
    expect((await call('/overview')).status).toBe(401);
    expect((await call('/overview', { token: 'A'.repeat(43) })).status).toBe(401);
    // the token is kept only as a hash: nothing in Redis names it
    const keys = await h.redis.keys(`${h.prefix}*dash*`);
    expect(keys).toHaveLength(1);
    expect(keys[0]).not.toContain(ok.body.token);
    expect(await h.redis.get(keys[0]!)).not.toContain('Rina');
  });

  it('shows the numbers the caseload holds, each opening its list; a case\'s timeline; a note in full', async () => {
    const { orgId, caseId } = await budiWithRisk();
    const token = await login(SUP, 'Rina');
    const o = (await call('/overview', { token })).body;
    const count = (kind: string) => o.indicators.find((i: any) => i.kind === kind);
    expect(count('active').count).toBe(1);
    expect(count('risks')).toMatchObject({ count: 1, untaken: 1 });
    expect(count('awaiting').count).toBe(1);
    expect(count('overdue').count).toBe(0);
    expect(o.workers.map((w: any) => w.name)).toEqual(['Budi', 'Citra']);
    expect(o.stages.columns).toEqual([{ model: 'Zastrow', key: 'zastrow-mezzo/penyadaran_masalah', stage: '1. Penyadaran akan adanya masalah' }]);
    expect(o.stages.rows[0]).toMatchObject({ name: 'Budi', total: 1 });

    const risks = (await call('/list', { token, body: { kind: 'risks' } })).body;
    expect(risks.items).toEqual([expect.objectContaining({ workerName: 'Budi', client: 'Si (42)', caseId, risk: expect.objectContaining({ what: 'Kekerasan' }) })]);
    expect(risks.items[0].risk.takenBy).toBeUndefined();
    const cell = (await call('/list', { token, body: { kind: 'active', worker: W1, stage: o.stages.columns[0].key } })).body;
    expect(cell.items.map((i: any) => i.client)).toEqual(['Si (42)']);

    const c = (await call('/case', { token, body: { worker: W1, case: caseId } })).body;
    expect(c.case).toMatchObject({ client: 'Si (42)', workerName: 'Budi', model: 'Zastrow', status: 'active' });
    expect(c.notes).toHaveLength(1);
    expect(c.notes[0]).toMatchObject({ held: true, risk: true, review: 'menunggu', version: 1 });
    expect(c.risks[0]).toMatchObject({ what: 'Kekerasan' });
    expect(c.may).toEqual({ review: true, followUp: true, report: true, notes: true });

    const n = (await call('/note', { token, body: { worker: W1, case: caseId, note: c.notes[0].id } })).body;
    // client text goes out as data, exactly as written: the page prints it as text
    expect(n.note.items.map((i: any) => i.value)).toContain(HOSTILE);
    expect(n.note.review.state).toBe('menunggu');

    const seen = (await auditOf(orgId)).filter((e) => e.by === SUP && e.detail.via === 'dashboard').map((e) => e.action);
    expect(seen).toEqual(['dashboard-opened', 'dashboard-list-viewed', 'dashboard-list-viewed', 'dashboard-case-viewed', 'dashboard-note-viewed']);
    // /audit names them, and a case's audit finds the note opened
    const i18n = createI18n();
    for (const a of seen) expect(i18n.t('id', `audit-${a}`)).not.toMatch(/^\{/);
    expect((await auditOf(orgId)).find((e) => e.action === 'dashboard-note-viewed')!.detail.case).toBe(caseId);
    expect(risks.total).toBe(1);

    // the admin, who does not supervise Budi, sees the case as /tim shows it them: no note's contents
    const admin = await login(ADMIN, 'Ani');
    const asAdmin = (await call('/case', { token: admin, body: { worker: W1, case: caseId } })).body;
    expect(asAdmin.may).toEqual({ review: false, followUp: true, report: false, notes: false });
    expect(asAdmin.notes).toEqual([{ id: c.notes[0].id, date: c.notes[0].date, stage: c.notes[0].stage, review: 'menunggu', version: 1 }]);
    expect(asAdmin.chart.points).toEqual([]);
    expect(JSON.stringify(asAdmin)).not.toContain('Kekerasan');
    expect(JSON.stringify((await call('/list', { token: admin, body: { kind: 'risks' } })).body)).not.toContain('Kekerasan');
  });

  it('approves, answers and takes a risk as the chat does: the worker hears of each in their chat', async () => {
    const { caseId } = await budiWithRisk();
    const token = await login(SUP, 'Rina');
    const c = (await call('/case', { token, body: { worker: W1, case: caseId } })).body;
    const note = { worker: W1, case: caseId, note: c.notes[0].id, version: 1 };
    const before = h.fake.messages(W1).length;
    expect((await call('/approve', { token, body: { ...note, version: 2 } })).body).toEqual({ error: 'outdated' });
    expect((await call('/approve', { token, body: note })).body).toEqual({ ok: true });
    expect((await call('/approve', { token, body: note })).body).toEqual({ error: 'already-approved' });
    const told = h.fake.messages(W1).slice(before).map((m) => m.text);
    expect(told).toEqual([expect.stringMatching(/Rina menyetujui catatan .*Si \(42\)/)]);
    const after = (await call('/case', { token, body: { worker: W1, case: caseId } })).body;
    expect(after.notes[0].review).toBe('disetujui');
    expect((await call('/overview', { token })).body.indicators.find((i: any) => i.kind === 'awaiting').count).toBe(0);

    const risk = { worker: W1, case: caseId, risk: c.risks[0].id };
    expect((await call('/risk/take', { token, body: risk })).body).toEqual({ ok: true });
    expect(h.fake.messages(W1).at(-1)!.text).toMatch(/Rina menangani tanda bahaya untuk Si \(42\)/);
    // the admin comes second: taken already
    const admin = await login(ADMIN, 'Ani');
    expect((await call('/risk/take', { token: admin, body: risk })).body).toEqual({ error: 'taken', by: 'Rina' });
    expect((await call('/risk/done', { token, body: { ...risk, text: 'Sudah bicara dengan keluarga.' } })).body).toEqual({ ok: true });
    expect(h.fake.messages(W1).at(-1)!.text).toContain('Sudah bicara dengan keluarga.');
    expect((await call('/overview', { token })).body.indicators.find((i: any) => i.kind === 'risks').count).toBe(0);

    expect((await call('/feedback', { token, body: { ...note, text: '' } })).status).toBe(400);
    expect((await call('/feedback', { token, body: { ...note, text: 'Mohon lebih rinci.' } })).body).toEqual({ ok: true });
    expect(h.fake.messages(W1).at(-1)!.text).toContain('Mohon lebih rinci.');

    expect((await call('/report', { token, body: { worker: W1, case: caseId, format: 'pdf' } })).body).toEqual({ ok: true });
    expect(exported).toEqual([expect.objectContaining({ userId: SUP, ownerId: W1, caseId, kind: 'report', format: 'pdf', lang: 'id' })]);
  });

  it('refuses another worker\'s case (403, audited), another organisation\'s, and a worker\'s own review', async () => {
    const { orgId, caseId } = await budiWithRisk();
    // Dewi supervises Citra only
    await h.say('/lembaga', { user: ADMIN });
    await h.tap('Undangan baru', ADMIN);
    const [made] = await h.tap('Supervisor · 1 orang', ADMIN);
    const code = /start=([a-z0-9]+_[a-z0-9]+)/.exec(made!.text ?? '')![1];
    await h.say(`/start ${code}`, { user: SUP2, firstName: 'Dewi' });
    const dewi = await login(SUP2, 'Dewi');
    for (const [path, body] of [['/case', { worker: W1, case: caseId }], ['/note', { worker: W1, case: caseId, note: 'x1' }], ['/list', { kind: 'active', worker: W1 }]] as const) {
      expect((await call(path, { token: dewi, body })).status, path).toBe(403);
    }
    expect((await call('/approve', { token: dewi, body: { worker: W1, case: caseId, note: 'x1', version: 1 } })).status).toBe(403);
    // her overview: no one of Rina's team, and none of its numbers
    const hers = (await call('/overview', { token: dewi })).body;
    expect(hers.workers).toEqual([]);
    expect(hers.indicators.find((i: any) => i.kind === 'active').count).toBe(0);
    const refused = (await auditOf(orgId)).filter((e) => e.by === SUP2 && e.action === 'refused');
    expect(refused.map((e) => e.detail.what)).toEqual(['dashboard-case', 'dashboard-note', 'dashboard-list', 'dashboard-review']);

    // a supervisor of another organisation asks for Budi's case by its ids
    const other = await Harness.start({ prefix: h.prefix, fake: h.fake, adminIds: [7001] });
    try {
      await team(other, { admin: { id: 7001, name: 'Oki' }, supervisor: { id: 7002, name: 'Tono' }, workers: [{ id: 7003, name: 'Umi' }], org: 'LKS Lain' });
    } finally {
      await other.detach();
    }
    const tono = await login(7002, 'Tono');
    expect((await call('/case', { token: tono, body: { worker: W1, case: caseId } })).status).toBe(403);
    expect((await call('/risk/take', { token: tono, body: { worker: W1, case: caseId, risk: 'r1' } })).status).toBe(403);
    const theirs = (await h.workspace(7002)).membership!.orgId;
    expect((await auditOf(theirs)).filter((e) => e.action === 'refused').map((e) => e.detail.what)).toEqual(['dashboard-case', 'dashboard-risk']);

    // Budi sees his own caseload and notes, and may not approve his own
    const budi = await login(W1, 'Budi');
    const mine = (await call('/overview', { token: budi })).body;
    expect(mine.workers.map((w: any) => w.name)).toEqual(['Budi']);
    const c = (await call('/case', { token: budi, body: { worker: W1, case: caseId } })).body;
    expect(c.may).toMatchObject({ review: false, followUp: false, notes: true });
    expect((await call('/approve', { token: budi, body: { worker: W1, case: caseId, note: c.notes[0].id, version: 1 } })).status).toBe(403);
  });

  it('a flood of one user\'s calls is refused past the calls in hand (429) while another user\'s go on; bad input gets a short answer', async () => {
    const gate = new Hono<{ Variables: { session: { userId: number } } }>();
    const held: (() => void)[] = [];
    gate.use(async (c, next) => {
      c.set('session', { userId: Number(c.req.query('u')) });
      return next();
    });
    gate.use(callsInHand(2));
    gate.get('/', async (c) => {
      await new Promise<void>((r) => held.push(r));
      return c.text('ok');
    });
    const first = [gate.request('/?u=1'), gate.request('/?u=1')];
    await vi.waitFor(() => expect(held).toHaveLength(2));
    expect((await gate.request('/?u=1')).status).toBe(429);
    const other = gate.request('/?u=2');
    await vi.waitFor(() => expect(held).toHaveLength(3));
    held.splice(0).forEach((r) => r());
    expect((await Promise.all([...first, other])).map((r) => r.status)).toEqual([200, 200, 200]);
    const again = gate.request('/?u=1');
    await vi.waitFor(() => expect(held).toHaveLength(1));
    held[0]!();
    expect((await again).status).toBe(200);

    await budiWithRisk();
    const token = await login(SUP, 'Rina');
    expect((await call('/list', { token, body: { kind: 'everything' } })).body).toEqual({ error: 'bad-input' });
    expect((await call('/case', { token, body: { worker: 'x', case: '../../etc' } })).status).toBe(400);
    // an id is a number, not something that reads as one
    for (const worker of [String(W1), [W1], true]) expect((await call('/case', { token, body: { worker, case: 'abc' } })).status).toBe(400);
    expect((await call('/feedback', { token, body: { worker: W1, case: 'a', note: 'b', version: 1, text: 'x'.repeat(1001) } })).status).toBe(400);
    expect((await app.request('/app/api/case', { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: 'worker=1' })).status).toBe(400);
  });

  it('a suspended or removed member\'s session is worth nothing at the next call', async () => {
    await budiWithRisk();
    const token = await login(SUP, 'Rina');
    expect((await call('/overview', { token })).status).toBe(200);
    await h.say('/lembaga');
    await h.tap('Anggota');
    await h.tap('Rina');
    await h.tap('Tangguhkan');
    expect((await call('/overview', { token })).body).toEqual({ error: 'not-a-member' });
    expect((await call('/session', { body: { initData: initData(SUP, 'Rina') } })).body).toEqual({ error: 'not-a-member' });
  });

  it('serves the page with a strict Content-Security-Policy and no inline code', async () => {
    const res = await app.request('/app/');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/script-src 'self' https:\/\/telegram\.org;/);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain('frame-ancestors');
    const html = await res.text();
    expect(html).toContain('<script src="https://telegram.org/js/telegram-web-app.js"></script>');
    expect(html).not.toMatch(/<script>[^<]|<script [^>]*>[^<]|\son\w+=|style=/);
    // the playground's stand-in for Telegram's script is not served in production
    expect((await app.request('/app/tg-shim.js')).status).toBe(404);
    expect((await app.request('/app/app.js')).headers.get('content-type')).toMatch(/javascript/);
  });

  it('is served beside /healthz by the bot process (long polling), at /app/ exactly as DASHBOARD_URL names it', async () => {
    const server = await startHealthServer(0, async () => true, undefined, [app]);
    try {
      const base = `http://127.0.0.1:${server.port}`;
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      const page = await fetch(`${base}/app/`);
      expect([page.status, page.headers.get('content-type')]).toEqual([200, 'text/html; charset=UTF-8']);
      expect((await fetch(`${base}/app/api/overview`)).status).toBe(401);
    } finally {
      await server.close();
    }
  });
});
