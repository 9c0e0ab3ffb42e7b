// #27 point 4: the organisation's letterhead (kop surat) and paper, tried as people would. An admin
// sets the address (typed), the logo (a real PNG sent as a photo) and F4 in /lembaga → 🏢 Kop surat;
// a worker's /laporan → the case → 📕 PDF and 📄 Word then print the logo, the organisation's name and
// its address at the top, on F4; so do the termination sheet and the monthly report (F4 landscape).
// A non-admin's forged press, a non-image logo and a 4-line address are refused; the audit keeps
// no address text; the screens read in English too. Real Redis, real updates, the files opened.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { ADMIN, buttons, Harness, team } from '../support/bot-harness.ts';
import type { FakeMessage } from '../support/fake-bot-api.ts';
import { encode } from '../../src/telegram/callback-data.ts';
import { createI18n } from '../../src/bot/create-bot.ts';
import { createLogger } from '../../src/logger.ts';
import { runExport, type ExportDeps } from '../../src/export/run.ts';
import type { ExportJob } from '../../src/export/jobs.ts';
import { svgToPng } from '../../src/export/rasterise.ts';
import { checkLogo } from '../../src/export/logo.ts';
import { buildSeed, writeSeed, type Seeded } from './fixtures.ts';
import { pdfText } from './pdf-read.ts';

const SUP = 5201; // Rina
const W = 6201; // Budi

const ORG = 'Bapas Kelas I Bandung';
const ADDRESS = 'Jl. Merdeka No. 10, Bandung 40111\nTelp. (022) 1234567';

let h: Harness;
let orgId: string;
let budi: Seeded;

/** A small logo (120 × 120 pixels): a green disc with a white square, rasterised as the charts are. */
const LOGO = svgToPng('<svg xmlns="http://www.w3.org/2000/svg" width="60" height="60"><circle cx="30" cy="30" r="28" fill="#2e933c"/><rect x="20" y="20" width="20" height="20" fill="#ffffff"/></svg>', 120);

const F4_PORTRAIT = /\/MediaBox \[0 0 609\.\d+ 935\.\d+\]/;
const F4_LANDSCAPE = /\/MediaBox \[0 0 935\.\d+ 609\.\d+\]/;

const squash = (s: string) => s.replace(/\s+/g, '');
const docs = (ms: FakeMessage[]) => ms.filter((m) => m.document);
const latin = (m: FakeMessage) => m.document!.bytes.toString('latin1');

/** A Word file's body as XML and as text, and the pictures in word/media (by name, with their bytes). */
function docx(m: FakeMessage): { xml: string; text: string; media: Record<string, Uint8Array> } {
  const files = unzipSync(new Uint8Array(m.document!.bytes));
  const xml = strFromU8(files['word/document.xml']!);
  const text = xml.replace(/<w:p[ >]/g, '\n$&').replace(/<[^>]+>/g, '').replace(/&amp;/g, '&');
  return { xml, text, media: Object.fromEntries(Object.entries(files).filter(([f]) => f.startsWith('word/media/'))) };
}

const hasLogo = (media: Record<string, Uint8Array>) => Object.values(media).some((b) => Buffer.from(b).equals(LOGO));

/** The logo as the PDF embeds it: an image of its own 120 × 120 pixels (the chart is far wider). */
const LOGO_IN_PDF = /\/Subtype \/Image[^>]*\/Width 120[^>]*\/Height 120/;

/** The first page's text, as a reader copies it. */
async function firstPage(m: FakeMessage): Promise<string> {
  return (await pdfText(m.document!.bytes))[0]!;
}

function expectLetterheadFirst(text: string): void {
  const flat = squash(text);
  expect(flat.startsWith(squash(ORG)), text.slice(0, 120)).toBe(true);
  for (const line of ADDRESS.split('\n')) expect(flat.indexOf(squash(line)), line).toBeLessThan(flat.indexOf('RAHASIA'));
}

const deps = (): ExportDeps => {
  const i18n = createI18n();
  return { redis: h.redis, keys: h.keys, store: h.store, api: h.bot.api, fileUrl: (p) => p, catalog: h.catalog, i18n: { t: (l, k, v) => i18n.t(l, k, v) }, logger: createLogger('silent') };
};

async function auditText(): Promise<string> {
  return JSON.stringify(await h.redis.xrange(h.keys.audit(orgId), '-', '+'));
}

beforeAll(async () => {
  h = await Harness.start({ adminIds: [ADMIN], now: new Date('2026-11-23T03:00:00Z') });
  orgId = await team(h, { supervisor: { id: SUP, name: 'Rina' }, workers: [{ id: W, name: 'Budi' }] });
  budi = buildSeed(h.catalog, { ownerId: W, flowId: 'zastrow-mezzo', notes: 5, stages: 3, firstDay: '2026-10-05' }, 'lhcase1');
  await writeSeed(h.store, h.redis, h.keys, budi, { id: SUP, name: 'Rina' });
}, 60_000);

afterAll(async () => {
  await h?.stop();
});

describe('the letterhead an admin sets', () => {
  it('/lembaga → 🏢 Kop surat shows the letterhead as it is: the name, no address, no logo, A4', async () => {
    const [menu] = await h.say('/lembaga');
    expect(buttons(menu).map((b) => b.text)).toContain('🏢 Kop surat');
    const [screen] = await h.tap('🏢 Kop surat');
    expect(screen!.text).toContain(`Nama: <b>${ORG}</b>`);
    expect(screen!.text).toContain('Alamat: belum diisi');
    expect(screen!.text).toContain('Logo: belum ada');
    expect(screen!.text).toContain('Kertas: A4');
    expect(buttons(screen).map((b) => b.text)).toEqual(['✏️ Alamat', '🖼 Logo', '✅ 📄 A4', '📄 F4 (folio)', '⬅️ Kembali']);
  });

  it('✏️ Alamat: a typed address of up to 3 lines is kept; 4 lines are refused and the bot waits on; the audit keeps no address', async () => {
    const [ask] = await h.tap('Alamat');
    expect(ask!.text).toContain('paling banyak 3 baris');
    const [four] = await h.say('Jl. A\nJl. B\nJl. C\nJl. D');
    expect(four!.text).toContain('paling banyak 3 baris');
    expect(await h.redis.hget(h.keys.letterhead(orgId), 'address')).toBeNull();
    const [saved] = await h.say(ADDRESS);
    expect(saved!.text).toContain('Alamat kop surat disimpan');
    expect(saved!.text).toContain('Jl. Merdeka No. 10');
    expect(await h.redis.hget(h.keys.letterhead(orgId), 'address')).toBe(ADDRESS);
    const audit = await auditText();
    expect(audit).toContain('letterhead-address');
    expect(audit).not.toContain('Merdeka');
  });

  it('🖼 Logo: a file that is no picture is refused in one line and the bot waits on; a real PNG sent as a photo is kept', async () => {
    await h.tap('Kop surat');
    const [ask] = await h.tap('Logo');
    expect(ask!.text).toContain('PNG/JPEG');
    // named like a picture, but its bytes are not one
    const [refused] = await h.handle(h.fake.uploadDocument(ADMIN, { bytes: Buffer.from('not a picture at all, only words'), fileName: 'logo.png', mimeType: 'image/png' }));
    expect(refused!.text).toBe('Berkas ini bukan gambar PNG atau JPEG. Kirim logo sebagai foto atau berkas PNG/JPEG.');
    expect(await h.redis.hexists(h.keys.letterhead(orgId), 'logo')).toBe(0);
    // a PNG cut short is no picture either (its pixels do not inflate)
    expect(checkLogo(LOGO.subarray(0, LOGO.length - 30)).ok).toBe(false);
    const [saved] = await h.handle(h.fake.uploadPhoto(ADMIN, { bytes: LOGO, mimeType: 'image/png' }));
    expect(saved!.text).toBe('✅ Logo kop surat disimpan.');
    const stored = await h.redis.hmget(h.keys.letterhead(orgId), 'logo', 'logoType');
    expect(Buffer.from(stored[0]!, 'base64').equals(LOGO)).toBe(true);
    expect(stored[1]).toBe('png');
    expect(await auditText()).toContain('letterhead-logo');
  });

  it('📄 F4: the paper is chosen, ticked on the screen, and audited', async () => {
    const [screen] = await h.tap('Kop surat');
    expect(screen!.text).toContain('Logo: ada (PNG)');
    expect(screen!.text).toContain('Jl. Merdeka No. 10');
    const [after] = await h.tap('F4 (folio)');
    expect(after!.text).toContain('Kertas: F4');
    expect(buttons(after).map((b) => b.text)).toEqual(['✏️ Alamat', '🖼 Logo', '🗑 Hapus logo', '📄 A4', '✅ 📄 F4 (folio)', '⬅️ Kembali']);
    expect(await h.redis.hget(h.keys.letterhead(orgId), 'paper')).toBe('F4');
    expect(await auditText()).toContain('"paper\\":\\"F4');
  });

  it('a worker pressing the button (forged) is refused, nothing changes, and it is audited', async () => {
    const data = encode({ kind: 'letterhead', orgId, op: 'paper-a4' });
    const sent = await h.bot.api.sendMessage(W, 'x', { reply_markup: { inline_keyboard: [[{ text: 'A4', callback_data: data }]] } });
    await h.press(sent.message_id, data, W);
    expect(h.lastAlert()).toContain('Tombol ini sudah tidak berlaku');
    expect(await h.redis.hget(h.keys.letterhead(orgId), 'paper')).toBe('F4');
    expect(await auditText()).toContain('letterhead-button');
  });
});

describe('the documents the institution files', () => {
  it("a worker's /laporan → the case → 📕 PDF: the logo, the name and the address at the top, on F4", async () => {
    await h.say('/laporan', { user: W });
    await h.tap('Si (42)', W);
    const [pdf] = docs(await h.tap('PDF', W));
    expect(latin(pdf!)).toMatch(F4_PORTRAIT);
    expect(latin(pdf!)).toMatch(LOGO_IN_PDF);
    expectLetterheadFirst(await firstPage(pdf!));
  });

  it('📄 Word (DOCX): the address, the logo in word/media, on F4', async () => {
    await h.say('/laporan', { user: W });
    await h.tap('Si (42)', W);
    const [word] = docs(await h.tap('Word (DOCX)', W));
    const { xml, text, media } = docx(word!);
    expect(xml).toMatch(/<w:pgSz w:w="12189" w:h="18709"/);
    expect(hasLogo(media)).toBe(true);
    // the letterhead first: the name once (not again on a line of its own under it), then the address, then RAHASIA
    const head = text.slice(0, text.indexOf('RAHASIA'));
    expect(head.split(ORG).length - 1).toBe(1);
    expect(head).toContain('Jl. Merdeka No. 10, Bandung 40111');
    expect(head).toContain('Telp. (022) 1234567');
  });

  it('the termination sheet: under the letterhead, on F4 (PDF and Word)', async () => {
    const job: ExportJob = { userId: W, lang: 'id', zone: 'Asia/Jakarta', at: '2026-11-23T03:00:00Z', kind: 'termination', caseId: budi.case.id };
    const from = h.fake.messages(W).length;
    expect(await runExport(deps(), job, 'export-lh-termination')).toBe('sent');
    const [pdf, word] = docs(h.fake.messages(W).slice(from));
    expect(latin(pdf!)).toMatch(F4_PORTRAIT);
    expect(latin(pdf!)).toMatch(LOGO_IN_PDF);
    expectLetterheadFirst(await firstPage(pdf!));
    const { xml, text, media } = docx(word!);
    expect(xml).toMatch(/<w:pgSz w:w="12189" w:h="18709"/);
    expect(hasLogo(media)).toBe(true);
    expect(text).toContain('Telp. (022) 1234567');
  });

  it('the monthly report: under the letterhead, on F4 landscape', async () => {
    const job: ExportJob = { userId: W, lang: 'id', zone: 'Asia/Jakarta', at: '2026-11-23T03:00:00Z', kind: 'monthly', orgId, workers: [W], period: { from: '2026-10-01', to: '2026-10-31' }, formats: ['pdf', 'docx'] };
    const from = h.fake.messages(W).length;
    expect(await runExport(deps(), job, 'export-lh-monthly')).toBe('sent');
    const [pdf, word] = docs(h.fake.messages(W).slice(from));
    expect(latin(pdf!)).toMatch(F4_LANDSCAPE);
    expect(latin(pdf!)).toMatch(LOGO_IN_PDF);
    expectLetterheadFirst(await firstPage(pdf!));
    const { xml, media } = docx(word!);
    expect(xml).toMatch(/<w:pgSz w:w="18709" w:h="12189" w:orient="landscape"/);
    expect(hasLogo(media)).toBe(true);
  });
});

describe('in English, and the logo removed', () => {
  it('the screen reads in English; 🗑 Remove logo removes it, and documents go on without one', async () => {
    await h.say('/bahasa');
    await h.tap('English');
    await h.say('/lembaga');
    const [screen] = await h.tap('🏢 Letterhead');
    expect(screen!.text).toContain(`Name: <b>${ORG}</b>`);
    expect(screen!.text).toContain('Logo: set (PNG)');
    expect(screen!.text).toContain('Paper: F4');
    const [after] = await h.tap('Remove logo');
    expect(after!.text).toContain('Logo: none');
    expect(await h.redis.hexists(h.keys.letterhead(orgId), 'logo')).toBe(0);
    await h.tap('Logo');
    const [refused] = await h.handle(h.fake.uploadDocument(ADMIN, { bytes: Buffer.from('%PDF-1.4 not an image'), fileName: 'logo.pdf', mimeType: 'application/pdf' }));
    expect(refused!.text).toBe('This file is not a PNG or JPEG picture. Please send the logo as a photo or a PNG/JPEG file.');
    await h.say('/laporan', { user: W });
    await h.tap('Si (42)', W);
    const [pdf] = docs(await h.tap('PDF', W));
    expect(latin(pdf!)).not.toMatch(LOGO_IN_PDF);
    expect(latin(pdf!)).toMatch(F4_PORTRAIT);
    expectLetterheadFirst(await firstPage(pdf!));
  });
});
