// The supervisors' dashboard (issue #28) at a caseload's full size: an organisation of 30 workers
// with 20 active cases each (600 cases, a few risks and notes waiting), its supervisor opening the
// Mini App. Measured: Redis round trips and commands of each call (the overview's must not grow with
// the caseload), the overview's server time, and in Chromium (when /usr/bin/chromium is there) the
// page's weight and the time from navigation to the first numbers shown. Medians of the runs.
//   REDIS_URL=redis://127.0.0.1:6379 node --import tsx bench/dashboard.ts   (prints JSON)
//   or as a child of bench/run.ts (spec as argv[2], result over IPC)
import { benchEntry } from './as-child.ts';
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { pino } from 'pino';
import { serveHttp } from '../src/http/serve.ts';
import { dashboardApp } from '../src/dashboard/routes.ts';
import { signInitData } from '../src/dashboard/init-data.ts';
import { OrgStore } from '../src/org/org-store.ts';
import { createI18n } from '../src/bot/create-bot.ts';
import type { CaseRecord } from '../src/store/records.ts';
import type { RiskAlert } from '../src/store/risk-records.ts';
import { Harness, team, TEST_TOKEN } from '../test/support/bot-harness.ts';
import { RedisMeter } from './redis-meter.ts';

export interface DashboardSpec {
  redisUrl: string;
  workers: number;
  casesEach: number;
  runs: number;
}

export interface DashboardFigures {
  workers: number;
  cases: number;
  /** per call: Redis round trips and commands (the same at any caseload for the overview) */
  redis: Record<string, { round_trips: number; commands: number }>;
  /** median server time of the API's overview (ms), in this process */
  overview_ms: number;
  overview_bytes: number;
  /** in Chromium: bytes the first load transferred (page, scripts, styles, the session and the overview), and ms to the numbers */
  page?: { bytes: number; first_numbers_ms: number; runs_ms: number[] } | undefined;
}

const DAY = 86_400_000;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function casesOf(workerId: number, n: number, now: number, orgId: string): CaseRecord[] {
  return Array.from({ length: n }, (_, i) => {
    const k = (workerId * 7 + i) % 13;
    const held = new Date(now - (k % 4 === 0 ? 20 : 2) * DAY).toISOString();
    return {
      id: `${(workerId * 1000 + i).toString(36)}c${i}`,
      ownerId: workerId,
      orgId,
      initials: `K${String.fromCharCode(97 + (i % 26))}`,
      age: 20 + (i % 40),
      gender: i % 2 ? 'l' : 'p',
      setting: 'bapas',
      problem: 'napza',
      flowId: 'zastrow-mezzo',
      stageId: k % 3 === 0 ? 'penyadaran_masalah' : 'relasi_mendalam',
      status: 'active',
      createdAt: new Date(now - 100 * DAY).toISOString(),
      updatedAt: held,
      stageSince: new Date(now - (k % 5 === 0 ? 70 : 5) * DAY).toISOString(),
      lastHeldAt: held,
      lastNoteAt: held,
      ...(k % 6 === 0 ? { missedInRow: 2 } : {}),
      noteCount: 3,
    } as CaseRecord;
  });
}

export async function dashboardRun(spec: DashboardSpec): Promise<DashboardFigures> {
  process.env.REDIS_URL = spec.redisUrl;
  const h = await Harness.start({ now: new Date() });
  const SUP = 5001;
  try {
    const workers = Array.from({ length: spec.workers }, (_, i) => ({ id: 7000 + i, name: `Petugas ${i + 1}` }));
    const orgId = await team(h, { supervisor: { id: SUP, name: 'Rina' }, workers });
    const now = h.now.getTime();
    for (const [wi, w] of workers.entries()) {
      const cases = casesOf(w.id, spec.casesEach, now, orgId);
      const ws = await h.store.load(w.id);
      await h.store.commit(w.id, ws.rev, { cases });
      const p = h.redis.pipeline();
      for (let r = 0; r < wi % 3; r++) {
        const c = cases[r * 5]!;
        const alert: RiskAlert = { id: `r${r}x${w.id}`, orgId, workerId: w.id, caseId: c.id, client: 'K', workerName: w.name, flags: [{ id: 'Kabur', en: 'Ran away' }], raisedAt: new Date(now - (r + 1) * 3_600_000).toISOString(), to: [] };
        h.store.writeRisk(p, w.id, orgId, c.id, alert.id, { alert });
      }
      for (let a = 0; a < wi % 4; a++) h.store.writeReview(p, w.id, orgId, cases[a * 3 + 1]!.id, `n${a}x${w.id}`, 'menunggu', { at: new Date(now - DAY).toISOString(), by: w.id, byName: w.name, action: 'submitted', version: 1 });
      await p.exec();
    }
    const meter = new RedisMeter();
    meter.attach(h.redis);
    const i18n = createI18n();
    const app = dashboardApp({
      botToken: TEST_TOKEN, store: h.store, orgs: new OrgStore(h.redis, h.keys, h.store.cipher), catalog: h.catalog, outbox: h.outbox,
      clock: { now: () => new Date() }, defaultTimezone: 'Asia/Jakarta', logger: pino({ level: 'silent' }),
      t: (lang) => (key, vars) => i18n.t(lang, key, vars), telegramJs: '/app/tg-shim.js',
    });
    const initData = () => signInitData(TEST_TOKEN, { id: SUP, first_name: 'Rina', language_code: 'id' }, Math.floor(Date.now() / 1000));
    const measured = async (name: string, call: () => Response | Promise<Response>, out: DashboardFigures['redis']) => {
      const [rt, cmds] = [meter.roundTrips, meter.commands];
      const res = await call();
      out[name] = { round_trips: meter.roundTrips - rt, commands: meter.commands - cmds };
      return res;
    };
    const redis: DashboardFigures['redis'] = {};
    const session = (await (await measured('session', () => app.request('/app/api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ initData: initData() }) }), redis)).json()) as { token: string };
    const auth = { authorization: `Bearer ${session.token}` };
    const overview = await measured('overview', () => app.request('/app/api/overview', { headers: auth }), redis);
    const overviewBytes = (await overview.arrayBuffer()).byteLength;
    const list = (await (await measured('list (overdue)', () => app.request('/app/api/list', { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'overdue' }) }), redis)).json()) as { items: { workerId: number; caseId: string }[] };
    const first = list.items[0]!;
    await measured('case', () => app.request('/app/api/case', { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ worker: first.workerId, case: first.caseId }) }), redis);
    const times: number[] = [];
    for (let i = 0; i < spec.runs * 4; i++) {
      const t0 = performance.now();
      await (await app.request('/app/api/overview', { headers: auth })).arrayBuffer();
      times.push(performance.now() - t0);
    }
    const page = existsSync('/usr/bin/chromium') ? await pageFigures(app, initData, spec.runs) : undefined;
    return { workers: spec.workers, cases: spec.workers * spec.casesEach, redis, overview_ms: median(times), overview_bytes: overviewBytes, page };
  } finally {
    await h.stop();
  }
}

/** The page in Chromium, a cold load each run (a new browser context): bytes and time to the first numbers. */
async function pageFigures(app: ReturnType<typeof dashboardApp>, initData: () => string, runs: number): Promise<DashboardFigures['page']> {
  const { chromium } = await import('playwright-core');
  const http = await serveHttp(app, { port: 0, hostname: '127.0.0.1' });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const ms: number[] = [];
    let bytes = 0;
    for (let i = 0; i < runs + 1; i++) {
      const context = await browser.newContext({ viewport: { width: 390, height: 760 } });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      let transferred = 0;
      cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => void (transferred += e.encodedDataLength));
      const url = `http://127.0.0.1:${http.port}/app/#tgWebAppData=${encodeURIComponent(initData())}&tgWebAppVersion=8.0&tgWebAppPlatform=web&tgWebAppThemeParams=%7B%7D`;
      const t0 = performance.now();
      await page.goto(url);
      await page.locator('button.indicator[data-kind="active"] .num').filter({ hasText: /\d/ }).waitFor();
      const took = performance.now() - t0;
      // the first run warms the server's and the browser's caches of nothing shared: it counts too, but
      // the process's first JSON and TLS-free sockets are set up there, so it is left out of the median
      if (i > 0) ms.push(took);
      bytes = transferred;
      await context.close();
    }
    return { bytes, first_numbers_ms: median(ms), runs_ms: ms.map((x) => Math.round(x)) };
  } finally {
    await browser.close();
    await http.close();
  }
}

benchEntry<DashboardSpec, Awaited<ReturnType<typeof dashboardRun>>>(import.meta.url, dashboardRun, (redisUrl) => ({ redisUrl, workers: 30, casesEach: 20, runs: 5 }));
