// `npm run playground` in a real browser: the process as a user starts it, its page in headless
// Chromium. A worker opens a case and records a whole note by clicking and typing; the supervisor
// sees the summary and approves; the worker sees the approval. Then the page's own promises: bot
// HTML rendered as Telegram does and never executed, time travel bringing the weekly reminder and
// the digest, Reset, and no request to anything but this machine. Screenshots of each step go to
// test/browser/output/ (and docs/screens/ with `npm run docs:screens`).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { answerUntil, launchChromium, Phone, shot, startPlayground, type PlaygroundProc } from './driver.ts';

// Code passed to page.evaluate runs in the browser; the project's own types have no DOM.
declare const document: any;
declare const window: any;

const WORKER = 1003;
const SUPERVISOR = 1002;
const ADMIN = 1001;
const INTAKE: Array<[RegExp, string]> = [[/inisial/i, 'Si'], [/usia/i, '42']];

let pg: PlaygroundProc;
let browser: Browser;
const requests: string[] = [];
const dialogs: string[] = [];

async function open(user: number): Promise<{ page: Page; phone: Phone }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 760 }, locale: 'id-ID' });
  const page = await context.newPage();
  page.on('request', (r) => requests.push(r.url()));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(`${pg.url}/?user=${user}&lang=id`);
  await page.locator('.msg.bot').first().waitFor();
  return { page, phone: new Phone(page) };
}

describe('the playground in a browser', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    pg = await startPlayground();
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await pg?.stop();
  });

  it('a worker records a note; the supervisor approves it; the worker sees the approval', async () => {
    const t0 = Date.now();
    const { page: wp, phone: worker } = await open(WORKER);
    await shot(wp, '01-pekerja-bergabung');
    await worker.say('/kasus_baru');
    await shot(wp, '02-kasus-baru');
    await answerUntil(worker, /Kasus .*tersimpan/, INTAKE);
    await shot(wp, '03-kasus-tersimpan');
    await worker.say('/catat');
    await shot(wp, '04-catat-pilih-kasus');
    await answerUntil(worker, /Periksa sebelum disimpan/, INTAKE);
    await shot(wp, '05-catatan-periksa');
    await answerUntil(worker, /Catatan sesi .*tersimpan/, INTAKE);
    await shot(wp, '06-catatan-tersimpan');

    const { page: sp, phone: supervisor } = await open(SUPERVISOR);
    await supervisor.waitFor(/Si \(42\)/); // the summary may come a moment later, through the queue
    const summary = (await supervisor.bot()).find((m) => /Si \(42\)/.test(m.text))!;
    expect(summary.text).toMatch(/Budi/);
    expect(summary.buttons).toEqual(expect.arrayContaining([expect.stringMatching(/Setujui/)]));
    await shot(sp, '07-supervisor-ringkasan');
    await supervisor.tap('Setujui');
    await shot(sp, '08-supervisor-setujui');

    await worker.waitFor(/Rina menyetujui catatan Si \(42\)/);
    await shot(wp, '09-pekerja-disetujui');
    console.info(`note flow in the browser: ${Date.now() - t0} ms`);
  });

  it('shows the bot\'s HTML as Telegram does, and never runs a script from message text', async () => {
    const { page, phone: worker } = await open(WORKER);
    const payload = '<img src=x onerror=alert(1)>';
    await worker.say('/kasus_baru');
    await answerUntil(worker, /Periksa sebelum disimpan/, [...INTAKE, [/masalah|problem/i, payload]]);
    // the answer is shown as the text it is, in the bot's HTML review
    await worker.waitFor(/<img src=x onerror=alert\(1\)>/);
    await shot(page, '10-teks-bukan-html');
    expect(await page.locator('.messages img').count()).toBe(0);
    // the bot's bold is an element
    expect(await page.locator('.msg.bot .text b').count()).toBeGreaterThan(0);
    // and the renderer keeps Telegram's tags and nothing else
    const rendered = await page.evaluate(() => {
      const box = document.createElement('div');
      (window as { renderHtml(h: string, e: unknown): void }).renderHtml(
        '<b>tebal</b> <i>miring</i> <code>kode</code> <a href="https://example.org/x">tautan</a> <a href="javascript:alert(3)">j</a><img src=x onerror=alert(2)><script>alert(4)</script>',
        box,
      );
      return { html: box.innerHTML, tags: [...box.querySelectorAll('*')].map((e) => e.tagName) };
    });
    expect(rendered.tags).toEqual(['B', 'I', 'CODE', 'A', 'A']);
    expect(rendered.html).toContain('href="https://example.org/x"');
    expect(rendered.html).not.toContain('javascript:');
    await page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
  });

  it('time travel brings the worker\'s weekly reminder and the supervisor\'s digest', async () => {
    const { page: wp, phone: worker } = await open(WORKER);
    const { page: sp, phone: supervisor } = await open(SUPERVISOR);
    for (let i = 0; i < 3; i++) {
      const seen = [...(await worker.bot()), ...(await supervisor.bot())].map((m) => m.text).join('\n');
      if (/Pengingat monitoring/.test(seen) && /Ringkasan mingguan/.test(seen)) break;
      await wp.click('#travel');
      await wp.locator('#notice', { hasText: /Waktu playground kini|Belum ada/ }).waitFor({ timeout: 60_000 });
    }
    await worker.waitFor(/Pengingat monitoring/);
    await supervisor.waitFor(/Ringkasan mingguan/);
    await shot(wp, '11-pengingat-mingguan');
    await shot(sp, '12-ringkasan-mingguan');
  });

  it('shows an admin how to invite people', async () => {
    const { page, phone: admin } = await open(ADMIN);
    await admin.say('/lembaga');
    await admin.tap('Undangan baru');
    await shot(page, '13-admin-undangan');
    await admin.tap(/(Pekerja|Petugas) · sekali pakai/); // the worker role's name is being reworded
    await admin.waitFor(/start=/);
    await shot(page, '14-admin-tautan');
  });

  it('Reset wipes the playground and sets the organisation up again', async () => {
    const { page, phone: worker } = await open(WORKER);
    await page.click('#reset');
    await page.waitForFunction(() => document.body.dataset['busy'] === '' && document.querySelectorAll('.msg').length > 0 && document.querySelectorAll('.msg').length < 6, undefined, { timeout: 30_000 });
    const texts = (await worker.bot()).map((m) => m.text).join('\n');
    expect(texts).not.toMatch(/Si \(42\)/);
    expect(texts).toMatch(/Selamat bergabung/);
  });

  it('talks to nothing but this machine', () => {
    expect(pg.apiRoot).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((u) => !u.startsWith(`${pg.url}/`))).toEqual([]);
    console.info(`playground start-up: ${pg.startupMs} ms`);
  });
});
