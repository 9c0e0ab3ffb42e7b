// The supervisors' dashboard (a Telegram Mini App, src/dashboard/) in the playground, in a real
// browser, as its users meet it. The worker records a case and a note with a risk flag (one of the
// client's answers being HTML); the playground's clock is moved on until the case has gone without a
// held contact for longer than its weekly cadence. The supervisor opens the dashboard from her menu
// button, beside her chat: the numbers are what that activity implies; the overdue number opens its
// list, the case its timeline (progress chart, notes with their review, the open risk). She takes the
// risk and approves the note there, and the worker's chat says so. The hostile answer is shown as
// text. Then in English. Throughout: no request but to this machine, no error in the page or its
// frame, no CSP violation. Screenshots 42–45 go to test/browser/output/ (and docs/screens/ with
// `npm run docs:screens`).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { answerUntil, launchChromium, openPhone, shot, startPlayground, travel, watching, type PlaygroundProc } from './driver.ts';

const WORKER = 1003;
const SUPERVISOR = 1002;
const INTAKE: Array<[RegExp, string]> = [[/inisial/i, 'Si'], [/usia/i, '42'], [/masalah/i, 'Sulit mencari kerja'], [/langkah selanjutnya/i, 'Kunjungan rumah']];
const HOSTILE = '<img src=x onerror=alert(1)>';
const CLIENT = 'Si (42)';
const APP = `.miniapp[data-user="${SUPERVISOR}"] iframe.miniapp-frame`;

let pg: PlaygroundProc;
let browser: Browser;
const watched = watching();
const { requests, dialogs, pageErrors, cspViolations } = watched;

/** A user's phone in its own browser context; `wide` for the chat and the Mini App side by side. */
const open = (user: number, wide = false) => openPhone(browser, pg, user, watched, wide);

/**
 * Opens the dashboard from the chat's menu button (closing the panel first if it is open: a new
 * session, with initData dated by the playground's clock) and waits for the overview.
 */
async function openDashboard(page: Page): Promise<{ app: FrameLocator; session: { lang?: string; role?: string } }> {
  const close = page.locator(`section.miniapp[data-user="${SUPERVISOR}"] .miniapp-close`);
  if (await close.count()) {
    await close.click();
    await page.locator(`section.miniapp[data-user="${SUPERVISOR}"]`).waitFor({ state: 'detached' });
  }
  const answered = page.waitForResponse((r) => new URL(r.url()).pathname === '/app/api/session');
  await page.click(`.phone[data-user="${SUPERVISOR}"] .webapp-btn`);
  const res = await answered;
  expect(res.status()).toBe(200);
  const app = page.frameLocator(APP);
  await app.locator('button.indicator[data-kind="active"] .num').waitFor();
  return { app, session: (await res.json()) as { lang?: string; role?: string } };
}

const count = async (app: FrameLocator, kind: string) => Number(await app.locator(`button.indicator[data-kind="${kind}"] .num`).innerText());

describe('the supervisors\' dashboard in the playground', { timeout: 240_000 }, () => {
  beforeAll(async () => {
    pg = await startPlayground();
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await pg?.stop();
  });

  it('shows the team\'s numbers, the overdue case\'s timeline, and takes the risk and approves the note from there', async () => {
    // the worker: a case, then a note with a risk flag, the client's words being HTML
    const { context: wc, page: wp, phone: worker } = await open(WORKER);
    await worker.say('/kasus_baru');
    await answerUntil(worker, /Kasus .*tersimpan/, INTAKE);
    await worker.say('/catat');
    await answerUntil(worker, /Ada tanda bahaya yang mendesak/, [[/Masalah apa yang diungkap klien/, HOSTILE], [/Apa yang berubah dari rencana/, 'Sesi dipersingkat; klien datang terlambat.'], ...INTAKE]);
    await worker.tap('Kekerasan');
    await worker.tap(/Selesai/);
    await answerUntil(worker, /Catatan sesi .*tersimpan/, [[/Apa yang terjadi/, 'Klien dipukul kakaknya; sudah lapor ke RT.'], ...INTAKE]);

    // the supervisor's dashboard, beside her chat; ⏩ until the case has had no held contact for a week
    const { context: sc, page: sp, phone: supervisor } = await open(SUPERVISOR, true);
    await supervisor.waitFor(/PENTING: tanda risiko dari Budi/);
    let { app, session } = await openDashboard(sp);
    expect(session).toMatchObject({ lang: 'id', role: 'supervisor' });
    expect(await count(app, 'overdue')).toBe(0); // the note was held today
    for (let i = 0; i < 6 && (await count(app, 'overdue')) < 1; i++) {
      await travel(wp);
      // the open panel still shows the numbers from before the jump: closed and opened again from the
      // menu button (a new session, its initData dated by the playground's clock)
      ({ app } = await openDashboard(sp));
    }
    expect(await count(app, 'active')).toBe(1); // the one case Budi opened
    expect(await count(app, 'risks')).toBe(1);
    expect(await count(app, 'awaiting')).toBe(1);
    expect(await count(app, 'overdue')).toBe(1);
    await app.locator('button.indicator[data-kind="risks"] .sub', { hasText: '1 belum ditangani' }).waitFor();
    const budi = app.locator(`button.worker[data-worker="${WORKER}"]`);
    expect(await budi.locator('.name').innerText()).toBe('Budi');
    expect(await budi.locator('.counts').innerText()).toMatch(/📂 1\s+⏰ 1\s+🚨 1\s+⏳ 1/);
    expect(await app.locator(`table.stages button.cell[data-worker="${WORKER}"][data-stage]`).count()).toBe(1);
    await shot(sp, '42-dasbor-ringkasan');

    // the overdue number opens its list; Budi's case opens its timeline
    await app.locator('button.indicator[data-kind="overdue"]').click();
    const row = app.locator(`button.case-row[data-worker="${WORKER}"]`, { hasText: CLIENT });
    await row.waitFor();
    expect(await app.locator('h1').innerText()).toBe('Tanpa kontak terlaksana');
    await row.click();
    await app.locator('svg.chart circle.dot').first().waitFor(); // the progress rating of the note
    expect(await app.locator('header.case-head h1').innerText()).toContain(CLIENT);
    const notes = app.locator('button.note-row');
    expect(await notes.count()).toBe(1);
    expect(await notes.first().getAttribute('data-review')).toBe('menunggu');
    expect(await notes.first().locator('.badge').innerText()).toBe('⏳ Menunggu');
    expect(await notes.first().innerText()).toMatch(/Terlaksana[\s\S]*Kemajuan 1\/5[\s\S]*🚨 risiko/);
    const risk = app.locator('section.risks:not(.done-risks) .risk[data-risk]');
    expect(await risk.count()).toBe(1);
    expect(await risk.locator('.what').innerText()).toContain('Kekerasan');
    expect(await risk.locator('.meta').innerText()).toContain('belum ditangani');
    // the chart, the open risk and the notes in view, as she scrolls to them
    await app.locator('section.chart-box').evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await shot(sp, '43-dasbor-kasus');

    // she takes the risk: marked as hers here, and the worker is told in the chat
    await risk.locator('button.take').click();
    const toast = app.locator('#toast', { hasText: 'Anda menangani risiko ini' });
    await toast.waitFor();
    await toast.click(); // read: tapped away
    await toast.waitFor({ state: 'hidden' });
    await risk.locator('.meta', { hasText: 'ditangani Rina' }).waitFor();
    expect(await risk.locator('button.take').count()).toBe(0);
    await worker.waitFor(/Rina menangani tanda bahaya untuk Si \(42\)/);

    // the note awaiting her review, in full: the client's words as the text they are
    await app.locator('button.note-row[data-review="menunggu"]').click();
    const said = app.locator('dl.items > .item', { hasText: HOSTILE });
    await said.waitFor();
    expect(await said.locator('dd').innerText()).toBe(HOSTILE);
    expect(await app.locator('img').count()).toBe(0);
    expect(dialogs).toEqual([]);
    expect(await app.locator('section.review .badge').getAttribute('data-state')).toBe('menunggu');
    await said.evaluate((e) => e.scrollIntoView({ block: 'center' }));
    await shot(sp, '44-dasbor-catatan');

    // approved with Telegram's main button
    const main = app.locator('#tg-main');
    expect(await main.innerText()).toBe('✅ Setujui');
    await main.click();
    await app.locator('#toast', { hasText: 'Disetujui. Petugas diberi tahu.' }).waitFor();
    await app.locator('section.review .badge[data-state="disetujui"]').waitFor();
    expect(await app.locator('button.approve').count()).toBe(0);
    await worker.waitFor(/Rina menyetujui catatan Si \(42\)/);
    await wp.locator('#notice').waitFor({ state: 'hidden' }); // the last ⏩'s notice, gone after a few seconds
    await shot(wp, '45-pekerja-disetujui-dasbor');
    // back on the case, the note's badge says so
    await app.locator('#tg-back').click();
    await app.locator('button.note-row[data-review="disetujui"] .badge', { hasText: '✅ Disetujui' }).waitFor();
    expect(await app.locator('img').count()).toBe(0);
    expect(dialogs).toEqual([]);
    // A page whose language is Indonesian sets the playground's back when it hears of a change (a new
    // menu button, a Reset): both are closed before the next test switches it to English.
    await wc.close();
    await sc.close();
  });

  it('opens in English for a supervisor whose Telegram is in English; and all along, talks to nothing but this machine, with no error or CSP violation in the page or its frame', async () => {
    const { page: sp, phone: supervisor } = await open(SUPERVISOR, true);
    const langSet = sp.waitForResponse((r) => new URL(r.url()).pathname === '/api/lang');
    await sp.selectOption('#lang', 'en');
    expect((await langSet).ok()).toBe(true);
    // The dashboard takes the language the bot last answered her in (her membership's), before the
    // one of the Telegram she opens it from: she writes to the bot first, and it answers in English.
    await supervisor.say('/tim');
    await supervisor.waitFor(/\b1 worker\b/);
    // a second update of hers is handled after the first one's writes (each user's in order)
    await supervisor.tap(/Budi/);
    const { app, session } = await openDashboard(sp);
    expect(session.lang).toBe('en');
    expect(await app.locator('html').getAttribute('lang')).toBe('en');
    expect(await app.locator('button.indicator[data-kind="active"] .label').innerText()).toBe('Active cases');
    expect(await app.locator('button.indicator[data-kind="overdue"] .label').innerText()).toBe('No held contact');
    await app.locator('button.indicator[data-kind="active"]').click();
    await app.locator(`button.case-row[data-worker="${WORKER}"]`, { hasText: CLIENT }).waitFor();
    expect(await app.locator('h1').innerText()).toBe('Active cases');

    expect(requests.some((u) => u.startsWith(`${pg.url}/app/api/`))).toBe(true); // the frame's requests are seen
    expect(requests.filter((u) => !u.startsWith(`${pg.url}/`))).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(cspViolations).toEqual([]);
    expect(dialogs).toEqual([]);
  });
});
