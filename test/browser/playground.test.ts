// `npm run playground` in a real browser: the process as a user starts it, its page in headless
// Chromium. A worker opens a case and records a whole note by clicking and typing; the supervisor
// sees the summary and gives feedback; the worker reads it and revises the note (version 2, its
// history of changes shown); the supervisor approves the revision; the worker sees the approval;
// later the worker ends the case from its card. Then the page's own promises: bot
// HTML rendered as Telegram does and never executed, time travel bringing the weekly reminder and
// the digest, Reset, and no request to anything but this machine. Screenshots of each step go to
// test/browser/output/ (and docs/screens/ with `npm run docs:screens`).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import path from 'node:path';
import { answerUntil, launchChromium, openPhone, OUTPUT, shot, startPlayground, watching, type PlaygroundProc } from './driver.ts';
import { pdfText } from '../export/pdf-read.ts';

// Code passed to page.evaluate runs in the browser; the project's own types have no DOM.
declare const document: any;
declare const window: any;

const WORKER = 1003;
const SUPERVISOR = 1002;
const ADMIN = 1001;
const INTAKE: Array<[RegExp, string]> = [[/inisial/i, 'Si'], [/usia/i, '42'], [/masalah/i, 'Sulit mencari kerja'], [/langkah selanjutnya/i, 'Kunjungan rumah']];
const FEEDBACK = 'Mohon tulis langkah selanjutnya lebih rinci: siapa, kapan, untuk apa.';
const REVISED_NEXT = 'Kunjungan rumah Kamis depan bersama ibu klien, membahas jadwal wajib lapor';

let pg: PlaygroundProc;
let browser: Browser;
const watched = watching();
const { requests, dialogs } = watched;

const open = (user: number) => openPhone(browser, pg, user, watched);

describe('the playground in a browser', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    pg = await startPlayground();
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await pg?.stop();
  });

  it('a worker records a note; the supervisor gives feedback; the worker revises it; the supervisor approves', async () => {
    const t0 = Date.now();
    const { page: wp, phone: worker } = await open(WORKER);
    await shot(wp, '01-pekerja-bergabung');
    await worker.say('/kasus_baru');
    await shot(wp, '02-kasus-baru');
    // the first option of each question, but the worker is a praktikan (whose notes ask the roles)
    await answerUntil(worker, /Peran Anda dalam kasus ini\?/, INTAKE);
    await worker.tap('Praktikan');
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

    // feedback: the supervisor writes it, the worker reads it and revises the note
    await supervisor.tap('Beri tanggapan');
    await supervisor.waitFor(/Tulis tanggapan Anda untuk catatan Si \(42\)/);
    await shot(sp, '15-supervisor-beri-tanggapan');
    await supervisor.say(FEEDBACK);
    await supervisor.waitFor(/Tanggapan terkirim/);
    await shot(sp, '16-supervisor-tanggapan-terkirim');

    await worker.waitFor(/Tanggapan Rina untuk catatan Si \(42\)/);
    const feedback = (await worker.bot()).findLast((m) => /Tanggapan Rina/.test(m.text))!;
    expect(feedback.text).toContain(FEEDBACK);
    expect(feedback.buttons).toEqual([expect.stringMatching(/Lihat catatan/), expect.stringMatching(/Ubah catatan/)]);
    await shot(wp, '17-pekerja-tanggapan');
    await worker.tap('Ubah catatan');
    await worker.waitFor(/Periksa sebelum disimpan/);
    const review = (await worker.bot()).findLast((m) => /Periksa sebelum disimpan/.test(m.text))!;
    const item = /(\d+)\. Apa langkah selanjutnya/.exec(review.text)![1]!;
    await worker.tap(new RegExp(`^\\s*✏️ ${item}\\s*$`));
    await worker.say(REVISED_NEXT);
    await worker.waitFor(new RegExp(REVISED_NEXT));
    await shot(wp, '18-pekerja-ubah-catatan');
    await worker.tap('Simpan');
    await worker.waitFor(/Catatan Si \(42\) diperbarui \(versi 2\)/);
    await shot(wp, '19-catatan-versi-2');
    await worker.tap('Lihat catatan');
    await worker.waitFor(/Riwayat perubahan/);
    const opened = (await worker.bot()).map((m) => m.text).join('\n');
    expect(opened).toMatch(/Versi 2 · .* · Budi/);
    expect(opened).toContain(`Kunjungan rumah → ${REVISED_NEXT}`);
    expect(opened).toContain(`tanggapan Rina: ${FEEDBACK}`);
    expect(opened).toMatch(/Status: menunggu tinjauan/); // the revision waits for the supervisor again
    // the note is long: scroll to its end, as the worker would, to see the changes and the review
    await wp.locator('.msg.bot .text b', { hasText: 'Riwayat perubahan' }).last().evaluate((b) => b.scrollIntoView({ block: 'center' }));
    await shot(wp, '20-riwayat-perubahan');

    // the revision comes to the supervisor as a new summary, approved this time
    await supervisor.waitFor(/direvisi oleh Budi/);
    await supervisor.tap('Setujui');
    await supervisor.waitFor(/Catatan Si \(42\) .*disetujui/);
    await shot(sp, '08-supervisor-setujui');

    await worker.waitFor(/Rina menyetujui catatan Si \(42\)/);
    await shot(wp, '09-pekerja-disetujui');
    console.info(`note flow in the browser: ${Date.now() - t0} ms`);
  });

  it('the supervisor reads the note in full and gets the case\'s report as a PDF in their chat', async () => {
    const { page, phone: supervisor } = await open(SUPERVISOR);
    await supervisor.tap('Lihat lengkap');
    await supervisor.waitFor(/Riwayat perubahan|Status:/);
    expect((await supervisor.bot()).at(-1)!.buttons).toEqual(['📄 Word (DOCX)', '📕 PDF', '🗒 Catatan supervisi', '📈 Grafik']);
    await supervisor.tap('PDF');
    // made by the export worker of the playground process, then sent as a document
    const doc = page.locator('.msg.bot .doc-name', { hasText: /^laporan-Si-42-.*\.pdf$/ });
    await doc.waitFor({ timeout: 30_000 });
    // the "⏳ Sedang disiapkan…" answer went once the file was out
    await expect.poll(async () => (await supervisor.bot()).some((m) => /Sedang disiapkan/.test(m.text))).toBe(false);
    await shot(page, '28-supervisor-laporan-kasus');
    // the file behind the page's download link: the worker's case, made by the supervisor
    const href = await page.locator('.msg.bot a.document', { hasText: /laporan-Si-42-.*\.pdf/ }).last().getAttribute('href');
    const pdf = Buffer.from(await (await fetch(`${pg.url}${href}`)).arrayBuffer());
    const text = (await pdfText(pdf)).join('\n');
    // the institution's report: what is filed, not the review thread
    expect(text).toContain('RAHASIA');
    expect(text).toContain('Budi');
    expect(text.replace(/\s+/g, ' ')).toContain('Mengetahui, Kepala');
    expect(text).not.toContain(FEEDBACK);
  });

  it('the worker\'s monthly report and the supervisor\'s recap arrive as files (#27)', async () => {
    const { page: wp, phone: worker } = await open(WORKER);
    await worker.say('/laporan');
    await worker.tap('Laporan bulanan');
    await worker.waitFor(/Laporan bulanan Anda/);
    await worker.tap(/^Bulan ini/);
    await worker.tap('📕 PDF');
    const monthly = wp.locator('.msg.bot .doc-name', { hasText: /^laporan-bulanan-.*\.pdf$/ });
    await monthly.waitFor({ timeout: 30_000 });
    await shot(wp, '40-laporan-bulanan');
    const mHref = await wp.locator('.msg.bot a.document', { hasText: /laporan-bulanan-.*\.pdf/ }).last().getAttribute('href');
    const mText = (await pdfText(Buffer.from(await (await fetch(`${pg.url}${mHref}`)).arrayBuffer()))).join('\n');
    expect(mText).toContain('RAHASIA');
    expect(mText).toMatch(/Laporan Bulanan/);

    const { page: sp, phone: supervisor } = await open(SUPERVISOR);
    await supervisor.say('/laporan');
    await supervisor.tap('Rekap');
    await supervisor.tap(/^Bulan ini/);
    await supervisor.tap('📕 PDF');
    const recap = sp.locator('.msg.bot .doc-name', { hasText: /^rekap-.*\.pdf$/ });
    await recap.waitFor({ timeout: 30_000 });
    await shot(sp, '41-rekap');
    const rHref = await sp.locator('.msg.bot a.document', { hasText: /rekap-.*\.pdf/ }).last().getAttribute('href');
    const rText = (await pdfText(Buffer.from(await (await fetch(`${pg.url}${rHref}`)).arrayBuffer()))).join('\n');
    expect(rText).toContain('Budi');
  });

  it('shows the bot\'s HTML as Telegram does, and never runs a script from message text', async () => {
    const { page, phone: worker } = await open(WORKER);
    const payload = '<img src=x onerror=alert(1)>';
    await worker.say('/kasus_baru');
    await answerUntil(worker, /Periksa sebelum disimpan/, [[/masalah|problem/i, payload], ...INTAKE]);
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

  it('an admin sends a flow file from the computer: a broken one is refused with its line, a good one previewed and published, and a worker is offered it', async () => {
    const { page, phone: admin } = await open(ADMIN);
    const attach = page.locator('.composer input[type=file]');
    await admin.act(() => attach.setInputFiles({ name: 'rusak.yaml', mimeType: 'application/x-yaml', buffer: Buffer.from('id: rusak\ntitle: [tidak ditutup\n') }));
    await admin.waitFor(/rusak\.yaml belum bisa diterbitkan/);
    expect((await admin.bot()).at(-1)!.text).toMatch(/baris \d+, kolom \d+/);
    // the file itself is in the admin's chat, as Telegram shows a sent document
    expect(await page.locator('.msg.me .doc-name', { hasText: 'rusak.yaml' }).count()).toBe(1);

    await admin.act(() => attach.setInputFiles('test/fixtures/org-flows/konseling-adiksi.yaml'));
    await admin.waitFor(/Konseling adiksi remaja/);
    const preview = (await admin.bot()).at(-1)!;
    expect(preview.buttons).toEqual(['✅ Terbitkan', '✖️ Batal']);
    await shot(page, '25-admin-unggah-model');
    await admin.tap('Terbitkan');
    await admin.waitFor(/versi 1 sudah terbit/);
    await shot(page, '26-admin-model-terbit');

    const { page: wp, phone: worker } = await open(WORKER);
    await worker.say('/kasus_baru');
    // the intake left unsaved above is not dropped silently: the bot asks first
    if (/belum selesai/.test((await worker.bot()).at(-1)!.text)) {
      await worker.tap('Buang draf');
      await worker.say('/kasus_baru');
    }
    // the model is asked first
    const models = (await worker.bot()).findLast((m) => /Model intervensi yang dipakai\?/.test(m.text))!.buttons;
    expect(models, JSON.stringify(models)).toContain('Konseling');
    await shot(wp, '27-pekerja-model-lembaga');
    await worker.tap('Konseling');
    await worker.say('Ab');
    await worker.say('16');
    await worker.tap('Laki-laki');
    await worker.tap('Panti');
    await worker.say('Pemakaian sabu');
    await worker.tap('Konselor adiksi');
    await worker.tap('Sabu');
    // inpatient or outpatient, how the client came: the first of each, then 💾 Simpan
    await answerUntil(worker, /Kasus .*tersimpan/);
  });

  it('a risk reaches the supervisor at once; nobody takes it, and time travel brings it to the admin with the same buttons', async () => {
    const { page: wp, phone: worker } = await open(WORKER);
    const { page: sp, phone: supervisor } = await open(SUPERVISOR);
    const { page: ap, phone: admin } = await open(ADMIN);
    await worker.say('/catat');
    await answerUntil(worker, /Ada tanda bahaya yang mendesak/, INTAKE);
    await worker.tap('Kekerasan');
    await worker.tap(/Selesai/);
    // before the description, before 💾 Simpan
    await supervisor.waitFor(/PENTING: tanda risiko dari Budi/);
    const alert = (await supervisor.bot()).findLast((m) => /PENTING: tanda risiko/.test(m.text))!;
    expect(alert.buttons).toEqual([expect.stringMatching(/Saya tangani/), expect.stringMatching(/Sudah ditindaklanjuti/)]);
    await shot(sp, '29-supervisor-tanda-bahaya');
    await answerUntil(worker, /Catatan sesi .*tersimpan/, [[/Apa yang terjadi/, 'Klien dipukul kakaknya; sudah lapor ke RT.'], ...INTAKE]);
    await shot(wp, '30-pekerja-tanda-bahaya-tersimpan');
    // nobody presses 🙋: ⏩ moves the playground's clock to the alert's check (the organisation's 2 hours)
    for (let i = 0; i < 3 && !(await admin.bot()).some((m) => /belum ditangani selama/.test(m.text)); i++) {
      await wp.click('#travel');
      await wp.locator('#notice', { hasText: /Waktu playground kini|Belum ada/ }).waitFor({ timeout: 60_000 });
    }
    await admin.waitFor(/Tanda bahaya belum ditangani selama 2 jam/);
    const overdue = (await admin.bot()).findLast((m) => /belum ditangani selama/.test(m.text))!;
    expect(overdue.text).toMatch(/Budi · \w+ \(\d+\)/); // the case /catat offered first
    expect(overdue.buttons).toEqual([expect.stringMatching(/Saya tangani/), expect.stringMatching(/Sudah ditindaklanjuti/)]);
    await admin.tap('Saya tangani');
    await worker.waitFor(/Sari menangani tanda bahaya untuk \w+ \(\d+\)/);
    await shot(ap, '31-admin-tanda-bahaya-eskalasi');
  });

  it('/tim: the supervisor sees Budi first (an open risk), opens his caseload, the risks behind the number, and the case', async () => {
    const { page: sp, phone: supervisor } = await open(SUPERVISOR);
    await supervisor.say('/tim');
    await supervisor.waitFor(/Bapas Kelas I Contoh/);
    const [list] = (await supervisor.bot()).filter((m) => /petugas/.test(m.text)).slice(-1);
    expect(list!.text).toMatch(/1\. Budi: 📂\d+[^\n]*🚨1/);
    await shot(sp, '32-tim');
    await supervisor.tap('1. Budi');
    await supervisor.waitFor(/kasus aktif/);
    const worker = (await supervisor.bot()).findLast((m) => /kasus aktif/.test(m.text))!;
    expect(worker.text).toMatch(/🚨 Risiko terbuka: 1/);
    expect(worker.buttons).toEqual(expect.arrayContaining([expect.stringMatching(/Semua \(\d+\)/), '🚨 Risiko (1)', '⬅️ Tim']));
    await shot(sp, '33-tim-pekerja');
    await supervisor.tap('🚨 Risiko (1)');
    await supervisor.waitFor(/Risiko terbuka \(1\)/);
    await supervisor.tap(/^1\. /);
    await supervisor.waitFor(/Kekerasan ·/);
    const card = (await supervisor.bot()).findLast((m) => /Kekerasan ·/.test(m.text))!;
    expect(card.text).toContain('ditangani Sari');
    expect(card.buttons).toEqual(expect.arrayContaining(['✅ Sudah ditindaklanjuti', '📄 Word (DOCX)', '⬅️ Daftar']));
    await shot(sp, '34-tim-kasus');
    // followed up from there: the risk leaves Budi's line
    await supervisor.tap('Sudah ditindaklanjuti');
    await supervisor.waitFor(/Tulis singkat tindak lanjut/);
    await supervisor.say('Sudah bicara dengan klien dan kakaknya; RT ikut memantau.');
    await supervisor.waitFor(/Tindak lanjut untuk .* dicatat/);
    await shot(sp, '35-supervisor-tindak-lanjut');
    await supervisor.say('/tim');
    const after = (await supervisor.bot()).filter((m) => /petugas/.test(m.text)).at(-1)!;
    expect(after.text).toMatch(/Budi: 📂\d+/);
    expect(/Budi: .*/.exec(after.text)![0]).not.toContain('🚨');
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

  it('👥 two screens on a 360-px-wide phone: one above the other, neither cut off', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'id-ID' });
    const page = await context.newPage();
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`${pg.url}/?user=${WORKER}&lang=id`);
    await page.locator('.msg.bot').first().waitFor();
    await page.click('#split');
    await page.locator('.phone').nth(1).locator('.msg.bot').first().waitFor();
    // every phone, and in it its composer, its bubbles and its rows of buttons (220 px at least)
    const phones: Array<{ left: number; right: number; bottom: number; inner: Array<{ what: string; left: number; right: number }> }> = await page.evaluate(() =>
      [...document.querySelectorAll('.phone')].map((p) => {
        const r = p.getBoundingClientRect();
        const inner = [...p.querySelectorAll('.composer, .bubble, .kb-row')].map((e) => {
          const b = e.getBoundingClientRect();
          return { what: e.className, left: b.left, right: b.right };
        });
        return { left: r.left, right: r.right, bottom: r.bottom, inner };
      }),
    );
    await page.screenshot({ path: path.join(OUTPUT, 'dua-layar-360.png') });
    expect(phones).toHaveLength(2);
    for (const p of phones) {
      expect(p.left).toBeGreaterThanOrEqual(0);
      expect(p.right).toBeLessThanOrEqual(360);
      expect(p.bottom).toBeLessThanOrEqual(740);
      expect(p.inner.some((e) => e.what === 'kb-row')).toBe(true);
      for (const e of p.inner) expect([e.what, e.left >= p.left && e.right <= p.right]).toEqual([e.what, true]);
    }
    await context.close();
  });

  it('shows an admin how to invite people', async () => {
    const { page, phone: admin } = await open(ADMIN);
    await admin.say('/lembaga');
    await admin.tap('Undangan baru');
    await shot(page, '13-admin-undangan');
    await admin.tap(/(Pekerja|Petugas) · 1 orang/); // the worker role's name is being reworded
    await admin.waitFor(/start=/);
    await shot(page, '14-admin-tautan');
  });

  it('the note as the field needs it (#26): date buttons, the roles opening in place, a contact without the client', async () => {
    const { page, phone: worker } = await open(WORKER);
    await worker.say('/catat');
    await worker.tap(/Si \(42\)/);
    expect((await worker.bot()).at(-1)!.buttons).toEqual(expect.arrayContaining(['Hari ini', 'Kemarin']));
    await shot(page, '37-tanggal-tombol');
    await worker.tap('Kemarin');
    await worker.tap(/^Ya$/);
    await answerUntil(worker, /Peran apa yang Anda jalankan/, INTAKE);
    const roles = (await worker.bot()).at(-1)!;
    expect(roles.buttons).toContain('Peran lain…');
    expect(roles.buttons).not.toContain('Perantara');
    await worker.tap('Peran lain…');
    await worker.tap('Perantara');
    const opened = (await worker.bot()).at(-1)!;
    expect(opened.buttons).toEqual(expect.arrayContaining(['✅ Perantara', '✔️ Selesai (1)']));
    expect(opened.buttons).not.toContain('Peran lain…');
    await shot(page, '38-peran-lain');
    await worker.tap('✖️ Batal');
    await worker.tap('Ya, batalkan');

    // the guarantor, on the phone: who, what was agreed, then the close
    await worker.say('/catat');
    await worker.tap(/Si \(42\)/);
    await worker.tap('Hari ini');
    await worker.tap('Kontak tanpa klien');
    await worker.tap('Penjamin');
    await worker.tap('Selesai');
    await worker.say('Penjamin bersedia mengantar klien wajib lapor bulan ini.');
    await worker.tap('Tidak ada');
    await worker.tap('Selesai');
    await worker.say('Telepon penjamin lagi setelah wajib lapor');
    await worker.tap('+1 minggu');
    await worker.waitFor(/Periksa sebelum disimpan/);
    const review = (await worker.bot()).at(-1)!;
    expect(review.text).toContain('Kontak tanpa klien');
    expect(review.text).toContain('Penjamin bersedia mengantar');
    expect(review.buttons.filter((b) => b.startsWith('✏️'))).toHaveLength(7);
    await shot(page, '39-kontak-tanpa-klien');
    await worker.tap('Simpan');
    await worker.waitFor(/Catatan sesi .*tersimpan/);
  });

  it('a worker ends a case from its card, with a reason and a short note', async () => {
    const { page, phone: worker } = await open(WORKER);
    await worker.say('/kasus');
    await worker.tap(/Si \(42\)/);
    await worker.waitFor(/Status: aktif/);
    await shot(page, '21-kasus-kartu');
    await worker.tap('Akhiri kasus');
    await worker.waitFor(/Akhiri kasus Si \(42\)\. Apa alasannya\?/);
    await shot(page, '22-akhiri-alasan');
    await worker.tap('Selesai sesuai rencana');
    const ask = (await worker.bot()).at(-1)!;
    expect(ask.text).toMatch(/Tulis catatan singkat/);
    expect(ask.buttons).toEqual([expect.stringMatching(/Akhiri tanpa catatan/)]);
    await shot(page, '23-akhiri-catatan');
    const note = 'Tujuan rencana tercapai; klien sudah bekerja kembali.';
    await worker.say(note);
    await worker.waitFor(/🏁 Kasus Si \(42\) diakhiri: Selesai sesuai rencana/);
    await shot(page, '24-kasus-diakhiri');
    // the supervisor hears of it
    const { phone: supervisor } = await open(SUPERVISOR);
    await supervisor.waitFor(/Budi mengakhiri kasus Si \(42\)/);
    const told = (await supervisor.bot()).findLast((m) => /mengakhiri kasus/.test(m.text))!;
    expect(told.text).toContain('Alasan: Selesai sesuai rencana');
    expect(told.text).toContain(`Catatan: ${note}`);
  });

  it('a second organisation: the admin founds it and invites Rina, who then works in either and switches with /lembaga', async () => {
    const { phone: admin } = await open(ADMIN);
    await admin.say('/lembaga');
    await admin.tap('Lembaga baru');
    await admin.waitFor(/Nama lembaga/);
    await admin.say('IPWL Sehati Contoh');
    await admin.waitFor(/IPWL Sehati Contoh/);
    await admin.say('/lembaga');
    await admin.tap('Undangan baru');
    await admin.tap('Supervisor · 1 orang');
    await admin.waitFor(/start=/);
    const code = /start=([A-Za-z0-9]+_[A-Za-z0-9]+)/.exec((await admin.bot()).findLast((m) => /start=/.test(m.text))!.text)![1]!;
    const { page: sp, phone: supervisor } = await open(SUPERVISOR);
    await supervisor.say(`/start ${code}`);
    await supervisor.waitFor(/Selamat bergabung di IPWL Sehati Contoh/);
    await supervisor.say('/tim');
    await supervisor.waitFor(/IPWL Sehati Contoh/);
    expect((await supervisor.bot()).at(-1)!.text).not.toContain('Budi');
    await supervisor.say('/lembaga');
    await supervisor.waitFor(/anggota 2 lembaga/);
    const mine = (await supervisor.bot()).findLast((m) => /anggota 2 lembaga/.test(m.text))!;
    expect(mine.text).toContain('IPWL Sehati Contoh');
    expect(mine.buttons).toEqual(['🔁 Bapas Kelas I Contoh']);
    await shot(sp, '36-lembaga-pindah');
    await supervisor.tap('🔁 Bapas');
    await supervisor.waitFor(/Sekarang Anda bekerja di Bapas Kelas I Contoh/);
    await supervisor.say('/tim');
    await supervisor.waitFor(/Budi: 📂/);
    expect((await supervisor.bot()).findLast((m) => /Budi: 📂/.test(m.text))!.text).toContain('Bapas Kelas I Contoh');
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
    // nothing broke in the page or against its Content-Security-Policy, all along
    expect(watched.pageErrors).toEqual([]);
    expect(watched.cspViolations).toEqual([]);
    console.info(`playground start-up: ${pg.startupMs} ms`);
  });
});
