// Reports, charts, termination sheets and the supervisor's spreadsheet, tried as people would: real
// updates through the real bot, the export made by the export worker's code (DirectExports), and
// the files the fake Bot API received opened and read back — the DOCX unzipped, the PDF's text
// extracted, the CSV parsed, the PNG decoded.
import { readdir } from 'node:fs/promises';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unzipSync, strFromU8 } from 'fflate';
import { parse } from 'csv-parse/sync';
import { PNG } from 'pngjs';
import { buttons, Harness, team } from '../support/bot-harness.ts';
import { encode } from '../../src/telegram/callback-data.ts';
import { createI18n } from '../../src/bot/create-bot.ts';
import { createLogger } from '../../src/logger.ts';
import { runExport, type ExportDeps } from '../../src/export/run.ts';
import type { ExportJob } from '../../src/export/jobs.ts';
import type { FakeMessage } from '../support/fake-bot-api.ts';
import { svgToPng } from '../../src/export/rasterise.ts';
import { buildSeed, writeSeed, type Seeded } from './fixtures.ts';
import { pdfText } from './pdf-read.ts';
import type { NoteItem, NoteRecord } from '../../src/store/records.ts';
import { pick } from '../../src/cases/labels.ts';
import { questionIn } from '../../src/export/item-meta.ts';

const ADMIN = 4242; // Ani, founds the organisation
const SUP = 5001; // Rina
const W1 = 6001; // Budi
const W2 = 6002; // Dewi

let h: Harness;
let budi: Seeded;
let dewi: Seeded;
let photoId: string;

function docs(messages: FakeMessage[]): FakeMessage[] {
  return messages.filter((m) => m.document);
}

/** Everything between tags removed: the text of word/document.xml in order. */
function docxText(bytes: Buffer): { xml: string; text: string; media: string[] } {
  const files = unzipSync(new Uint8Array(bytes));
  const xml = strFromU8(files['word/document.xml']!);
  const text = xml.replace(/<w:p[ >]/g, '\n$&').replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'");
  return { xml, text, media: Object.keys(files).filter((f) => f.startsWith('word/media/')) };
}

const squash = (s: string) => s.replace(/\s+/g, '');

/** Each needle found after the one before it. */
function expectInOrder(haystack: string, needles: string[]): void {
  const hay = squash(haystack);
  let at = 0;
  for (const n of needles) {
    const i = hay.indexOf(squash(n), at);
    expect(i, `"${n}" after position ${at}`).toBeGreaterThanOrEqual(0);
    at = i + squash(n).length;
  }
}

/** The worker's own answers (the flows' section `supervisi`): never in the institution's report. */
const SUPERVISION_ONLY = ['refleksi_peksos', 'untuk_supervisor'];
const forSupervision = (n: NoteRecord, id: string) => SUPERVISION_ONLY.includes(id) || questionIn(h.catalog.get(n.flowId), n.stageId, id)?.section === 'supervisi';

/** Each note's typed answers the institution's report prints, found in its text (sections reorder a note). */
function expectInstitutionAnswers(text: string, notes: NoteRecord[]): void {
  const hay = squash(text);
  for (const n of notes) {
    for (const item of n.items) {
      if (forSupervision(n, item.id) || (item.type !== 'text' && item.type !== 'longtext') || typeof item.value !== 'string') continue;
      expect(hay, `${n.id} ${item.id}`).toContain(squash((item.value as string).split('\n')[0]!));
    }
  }
}

/** What must never reach a document filed outside: reflections, asks, feedback, review states, the questions asked. */
function expectNothingOfSupervision(text: string): void {
  for (const id of SUPERVISION_ONLY) expect(text).not.toContain(id);
  expect(text).not.toContain('Tolong lengkapi');
  expect(text).not.toMatch(/Menunggu tinjauan|Perlu perbaikan|Disetujui|Status tinjauan|Tanggapan supervisor|Revisi/);
  expect(text).not.toContain('Tanggal sesi?');
  expect(text).not.toContain('Apakah sesi terlaksana?');
}

/** The last "⏳ being prepared" the user was sent is gone from their chat: deleted once the export was out. */
function placeholderDeleted(user: number): boolean {
  const calls = h.fake.calls;
  let i = calls.length - 1;
  while (i >= 0 && !(calls[i]!.method === 'sendMessage' && Number(calls[i]!.payload['chat_id']) === user && String(calls[i]!.payload['text']).startsWith('⏳'))) i--;
  const response = calls[i]?.response;
  const id = response?.ok ? (response.result as { message_id?: number }).message_id : undefined;
  if (id === undefined) return false;
  const deleted = calls.slice(i).some((c) => c.method === 'deleteMessage' && Number(c.payload['chat_id']) === user && Number(c.payload['message_id']) === id);
  return deleted && !h.fake.messages(user).some((m) => m.message_id === id);
}

beforeAll(async () => {
  h = await Harness.start({ adminIds: [ADMIN], now: new Date('2026-11-23T03:00:00Z') });
  await team(h, { admin: { id: ADMIN, name: 'Ani' }, supervisor: { id: SUP, name: 'Rina' }, workers: [{ id: W1, name: 'Budi' }, { id: W2, name: 'Dewi' }] });
  // a real picture the worker sent as documentation: getFile and the download give it back
  const upload = h.fake.uploadPhoto(W1, { bytes: svgToPng('<svg xmlns="http://www.w3.org/2000/svg" width="80" height="60"><rect width="80" height="60" fill="#2e933c"/></svg>', 80), mimeType: 'image/png' });
  photoId = ((upload.message as { photo: { file_id: string }[] }).photo.at(-1)!).file_id;
  budi = buildSeed(h.catalog, { ownerId: W1, flowId: 'zastrow-mezzo', notes: 9, stages: 3, firstDay: '2026-09-07', photos: [photoId], longAnswers: true }, 'budicase1');
  dewi = buildSeed(h.catalog, { ownerId: W2, flowId: 'bapas-eic', notes: 5, stages: 2, firstDay: '2026-10-05', initials: 'BZG', age: 41 }, 'dewicase1');
  await writeSeed(h.store, h.redis, h.keys, budi, { id: SUP, name: 'Rina' });
  await writeSeed(h.store, h.redis, h.keys, dewi, { id: SUP, name: 'Rina' });
}, 60_000);

afterAll(async () => {
  await h?.stop();
});

describe('a worker\'s case report', () => {
  it('/laporan → the case → PDF: the institution\'s report on A4 — RAHASIA, the blanks, sessions in date order under their headings, the photo, signatures; nothing of supervision', async () => {
    const [list] = await h.say('/laporan', { user: W1 });
    expect(list!.text).toContain('pilih kasusnya');
    const [formats] = await h.tap('Si (42)', W1);
    expect(buttons(formats).map((b) => b.text)).toEqual(['📄 Word (DOCX)', '📕 PDF', '🗒 Catatan supervisi', '📈 Grafik', '🗓 Pilih periode']);
    const got = await h.tap('PDF', W1);
    // the "⏳" answer went as soon as the file was out
    expect(placeholderDeleted(W1)).toBe(true);
    const [doc] = docs(got);
    // the case's code (the first six characters of its id, "budicase1") beside the initials: two
    // clients "Si (42)" get two file names, two headings, two footers
    expect(doc?.document?.file_name).toMatch(/^laporan-Si-42-BUDICA-2026-11-23\.pdf$/);
    // A4 (595 × 842 points), the paper an institution files
    expect(doc!.document!.bytes.toString('latin1')).toMatch(/\/MediaBox \[0 0 595\.\d+ 841\.\d+\]/);
    const pages = await pdfText(doc!.document!.bytes);
    const text = pages.join('\n');
    expectInOrder(text, ['RAHASIA', 'Bapas Kelas I Bandung', 'Catatan Perkembangan Klien', 'Si (42) #BUDICA', 'Nama klien', '……', 'No. register / NIK', '……', 'Pekerja Sosial', 'Budi', 'Supervisor', 'Rina', 'Catatan per pertemuan']);
    expect(text).toContain('RAHASIA · #BUDICA');
    // the sessions in date order, each a heading line, then its answers under the activity record's headings
    expectInOrder(text, ['7 Sep 2026', '14 Sep 2026', '2 Nov 2026', 'Uraian kegiatan', '1. Senin, 7 September 2026 — Penyadaran akan adanya masalah', 'Respons klien', 'Rencana tindak lanjut', '3. Senin, 21 September 2026', 'Tidak terlaksana']);
    expectInstitutionAnswers(text, budi.notes);
    // short item labels, a scale's point by name
    expect(squash(text)).toContain(squash('Masalah yang diungkap klien:'));
    expect(text).toMatch(/Kemajuan terhadap tujuan:\s*\d — (Mundur|Sedikit|Sebagian|Tujuan)/);
    expectNothingOfSupervision(text);
    expectInOrder(text, ['Mengetahui, Kepala Bapas Kelas I Bandung', 'NIP.']);
    expect(text).toMatch(/Halaman\s*1\s*dari\s*\d+/);
    // the bot's symbols never reach the PDF as boxes: no emoji at all
    expect(text).not.toMatch(/[\u{1F300}-\u{1FAFF}\u2705\u23F3]/u);
    // the embedded photo: an image object in the file
    expect(doc!.document!.bytes.includes(Buffer.from('/Subtype /Image'))).toBe(true);
  });

  it('Word: A4, real headings, the summary table, answers under their headings, the photo and the chart in word/media, page numbers, signatures', async () => {
    await h.say('/laporan', { user: W1 });
    await h.tap('Si (42)', W1);
    const [doc] = docs(await h.tap('Word', W1));
    expect(doc?.document?.file_name).toMatch(/\.docx$/);
    const { xml, text, media } = docxText(doc!.document!.bytes);
    expect(xml).toContain('w:val="Heading1"');
    expect(xml).toContain('w:val="Heading2"');
    expect(xml).toContain('w:val="Heading3"');
    expect(xml).toContain('<w:tbl>');
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    // page numbers: a PAGE field in the footer
    const footer = Object.entries(unzipSync(new Uint8Array(doc!.document!.bytes))).find(([f]) => f.startsWith('word/footer'));
    expect(strFromU8(footer![1])).toMatch(/PAGE/);
    // an IPWL's template: a row per contact, the chart, then each note in full
    expectInOrder(text, ['RAHASIA', 'Catatan Perkembangan Klien', 'Nama klien', 'Catatan per pertemuan', 'Grafik perkembangan', 'Uraian kegiatan', 'Proses / kegiatan', 'Mengetahui, Kepala Bapas Kelas I Bandung']);
    expectInstitutionAnswers(text, budi.notes);
    expectNothingOfSupervision(text);
    // one photo (the same file every session) and the chart
    expect(media.length).toBeGreaterThanOrEqual(2);
  });

  it('🗒 Catatan supervisi: the worker\'s reflections and asks, review states, the supervisor\'s feedback; not the client\'s answers', async () => {
    await h.say('/laporan', { user: W1 });
    await h.tap('Si (42)', W1);
    const got = await h.tap('Catatan supervisi', W1);
    expect(placeholderDeleted(W1)).toBe(true);
    const [doc] = docs(got);
    expect(doc?.document?.file_name).toMatch(/^catatan-supervisi-Si-42-BUDICA-2026-11-23\.pdf$/);
    expect(doc?.caption).toContain('Hanya untuk Anda dan supervisor');
    const text = (await pdfText(doc!.document!.bytes)).join('\n');
    expectInOrder(text, ['Catatan Supervisi', 'Si (42) · #BUDICA · ', 'Ringkasan sesi', 'Tahap 1 dari 8']);
    expect(text).toContain('Catatan supervisi Si (42) #BUDICA · RAHASIA, hanya untuk petugas dan supervisor');
    const reflections = budi.notes.flatMap((n) => n.items.filter((i) => SUPERVISION_ONLY.includes(i.id) && typeof i.value === 'string'));
    expect(reflections.length).toBeGreaterThan(0);
    for (const r of reflections) expect(squash(text)).toContain(squash((r.value as string).split('\n').at(-1)!));
    expectInOrder(text, ['Tanggapan supervisor', 'Tolong lengkapi rencana tindak lanjut catatan 2.']);
    expect(text).toContain('Status tinjauan');
    // the client's own answers are the institution's report's, not this record's
    expect(text).not.toContain('Jawaban langkah_selanjutnya');
    expect(text).not.toContain('masalah_diungkap');
  });

  it('📈 Grafik on the case card sends a PNG that is not blank', async () => {
    await h.say('/kasus', { user: W1 });
    await h.tap('Si (42)', W1);
    const got = await h.tap('Grafik', W1);
    const photo = got.find((m) => m.photo)?.photo?.bytes;
    expect(photo).toBeDefined();
    const png = PNG.sync.read(photo!);
    expect(png.width).toBeGreaterThanOrEqual(1000);
    expect(png.height).toBeGreaterThan(400);
    const colours = new Set<number>();
    for (let i = 0; i < png.data.length; i += 4 * 97) colours.add(png.data.readUInt32BE(i));
    expect(colours.size).toBeGreaterThan(10);
  });

  it('in English for a user who chose English', async () => {
    await h.say('/bahasa', { user: W1 });
    await h.tap('English', W1);
    await h.say('/laporan', { user: W1 });
    await h.tap('Si (42)', W1);
    const [doc] = docs(await h.tap('PDF', W1));
    const text = (await pdfText(doc!.document!.bytes)).join('\n');
    expectInOrder(text, ['CONFIDENTIAL', 'Client Progress Notes', "Client's name", 'Notes by contact', '7 Sept 2026', 'Activities', 'Monday, 7 September 2026', "Client's response", 'Acknowledged by the Head of Bapas Kelas I Bandung']);
    await h.say('/bahasa', { user: W1 });
    await h.tap('Indonesia', W1);
  });

  it('ending the case offers the termination sheet: one page, the reason, the stage, both names, PDF and DOCX', async () => {
    await h.say('/kasus', { user: W1 });
    await h.tap('Si (42)', W1);
    await h.tap('Akhiri kasus', W1);
    await h.tap('Selesai sesuai rencana', W1);
    const ended = await h.tap('Akhiri tanpa catatan', W1);
    expect(ended.at(-1)!.text).toBeDefined();
    const got = docs(await h.tap('Lembar terminasi', W1));
    expect(got.map((m) => m.document!.file_name?.split('.').pop())).toEqual(['pdf', 'docx']);
    const pages = await pdfText(got[0]!.document!.bytes);
    expect(pages).toHaveLength(1);
    expectInOrder(pages[0]!, ['Bapas Kelas I Bandung', 'Lembar Terminasi', 'Selesai sesuai rencana', 'Tahap yang dicapai', 'Hasil evaluasi akhir', 'Pekerja Sosial', 'Budi', 'Supervisor', 'Rina']);
    expect(docxText(got[1]!.document!.bytes).text).toContain('Selesai sesuai rencana');
  });

  it('a case that is not one\'s own is refused (a forged button), and audited', async () => {
    const before = (await h.redis.xlen(h.keys.audit((await h.redis.hget(h.keys.membership(W2), 'orgId'))!)));
    await h.press(1, 'lk:budicase1:p', W2);
    expect(docs(h.fake.messages(W2))).toHaveLength(0);
    const orgId = (await h.redis.hget(h.keys.membership(W2), 'orgId'))!;
    expect(await h.redis.xlen(h.keys.audit(orgId))).toBe(before + 1);
  });
});

describe('a supervisor\'s report of a worker\'s case', () => {
  it('📄 Lihat lengkap on a worker\'s note → Word: the worker\'s case report, made by the supervisor, in the supervisor\'s chat', async () => {
    const note = budi.notes.at(-1)!;
    const view = encode({ kind: 'review', op: 'view', workerId: W1, caseId: budi.case.id, noteId: note.id });
    const shown = await h.press(h.last(SUP).message_id, view, SUP);
    // the report's buttons under the last message of the note (its review thread), three in a row;
    // the note still awaits review, so ✅ and 💬 come first
    expect(buttons(shown.at(-1)).map((b) => b.text)).toEqual(['✅ Setujui', '💬 Beri tanggapan', '📄 Word (DOCX)', '📕 PDF', '🗒 Catatan supervisi', '📈 Grafik']);
    expect(shown.slice(0, -1).every((m) => buttons(m).length === 0)).toBe(true);
    const workerDocs = docs(h.fake.messages(W1)).length;
    const got = await h.tap('Word', SUP);
    expect(placeholderDeleted(SUP)).toBe(true);
    const [doc] = docs(got);
    expect(doc?.document?.file_name).toMatch(/^laporan-Si-42-BUDICA-2026-11-23\.docx$/);
    const { text } = docxText(doc!.document!.bytes);
    expectInOrder(text, ['RAHASIA', 'Bapas Kelas I Bandung', 'Catatan Perkembangan Klien', 'Si (42) #BUDICA', 'Pekerja Sosial', 'Budi', 'Supervisor', 'Rina', 'Catatan per pertemuan']);
    expectInstitutionAnswers(text, budi.notes);
    expectNothingOfSupervision(text);
    // nothing went to the worker
    expect(docs(h.fake.messages(W1))).toHaveLength(workerDocs);
    const orgId = (await h.redis.hget(h.keys.membership(SUP), 'orgId'))!;
    const last = (await h.redis.xrevrange(h.keys.audit(orgId), '+', '-', 'COUNT', 1))[0]![1];
    expect(JSON.parse(last[last.indexOf('detail') + 1]!)).toEqual({ what: 'report-docx', worker: String(W1), case: budi.case.id });
  });

  it('/laporan of a supervisor without cases of their own says where their workers\' reports are', async () => {
    const [how] = await h.say('/laporan', { user: SUP });
    expect(how!.text).toBe('Anda belum punya kasus sendiri. Laporan kasus pekerja Anda: buka catatan mereka dengan 📄 Lihat lengkap (di ringkasan yang Anda terima), lalu pilih 📄 Word atau 📕 PDF. Laporan bulanan pekerja dan rekap: tombol di bawah. Semua catatan dalam spreadsheet: /ekspor.');
    // and their workers' monthly reports and the recap (test/export/monthly-report.test.ts)
    expect(buttons(how).map((b) => b.text)).toEqual(['🗓 Laporan pekerja', '📊 Rekap']);
  });

  it('PDF and the chart of a worker\'s case, in English for a supervisor who chose English', async () => {
    await h.say('/bahasa', { user: SUP });
    await h.tap('English', SUP);
    const got = await h.press(h.last(SUP).message_id, encode({ kind: 'report-of', workerId: W1, caseId: budi.case.id, what: 'pdf' }), SUP);
    const [doc] = docs(got);
    const text = (await pdfText(doc!.document!.bytes)).join('\n');
    expectInOrder(text, ['CONFIDENTIAL', 'Client Progress Notes', 'Budi', 'Rina', 'Notes by contact']);
    const record = await h.press(h.last(SUP).message_id, encode({ kind: 'report-of', workerId: W1, caseId: budi.case.id, what: 'sup' }), SUP);
    const supText = (await pdfText(docs(record)[0]!.document!.bytes)).join('\n');
    expectInOrder(supText, ['Supervision Record', 'Summary of sessions', 'Reflection', "Supervisor's feedback"]);
    const chart = await h.press(h.last(SUP).message_id, encode({ kind: 'report-of', workerId: W1, caseId: budi.case.id, what: 'chart' }), SUP);
    expect(chart.find((m) => m.photo)?.caption).toContain('Si (42) #BUDICA');
    await h.say('/bahasa', { user: SUP });
    await h.tap('Indonesia', SUP);
  });

  it('someone who does not supervise the worker is refused: at the press (a forged button, audited), and when the export runs', async () => {
    const orgId = (await h.redis.hget(h.keys.membership(W2), 'orgId'))!;
    const before = await h.redis.xlen(h.keys.audit(orgId));
    await h.press(1, encode({ kind: 'report-of', workerId: W1, caseId: budi.case.id, what: 'docx' }), W2);
    expect(h.lastAlert()).toBe('Anda tidak punya akses ke catatan petugas ini.');
    expect(docs(h.fake.messages(W2))).toHaveLength(0);
    expect(await h.redis.xlen(h.keys.audit(orgId))).toBe(before + 1);
    // a job queued while they still supervised, run after they no longer do
    const i18n = createI18n();
    const deps: ExportDeps = { redis: h.redis, keys: h.keys, store: h.store, api: h.bot.api, fileUrl: (p) => p, catalog: h.catalog, i18n: { t: (l, k, v) => i18n.t(l, k, v) }, logger: createLogger('silent') };
    const job: ExportJob = { userId: W2, lang: 'id', zone: 'Asia/Jakarta', at: '2026-11-23T03:00:00Z', kind: 'report', format: 'pdf', caseId: budi.case.id, ownerId: W1 };
    expect(await runExport(deps, job, 'export-test-refused')).toBe('refused');
    expect(h.fake.lastMessage(W2)?.text).toBe('Laporan tidak dibuat: Anda tidak lagi menjadi supervisor petugas ini.');
    expect(docs(h.fake.messages(W2))).toHaveLength(0);
  });
});

describe('the supervisor\'s spreadsheet', () => {
  it('/ekspor → Semuanya: one CSV per model (zipped: two models), every note of both workers, field by field', async () => {
    const [ask] = await h.say('/ekspor', { user: SUP });
    expect(ask!.text).toContain('2 pekerja');
    const got = docs(await h.tap('Semuanya', SUP));
    expect(got.map((m) => m.document!.file_name)).toEqual([expect.stringMatching(/\.zip$/), expect.stringMatching(/^aktivitas-.*\.csv$/)]);
    const zip = unzipSync(new Uint8Array(got[0]!.document!.bytes));
    expect(Object.keys(zip).sort()).toEqual([expect.stringContaining('bapas-eic'), expect.stringContaining('zastrow-mezzo')]);
    for (const [seed, worker] of [[budi, 'Budi'], [dewi, 'Dewi']] as const) {
      const name = Object.keys(zip).find((f) => f.includes(seed.case.flowId))!;
      const raw = Buffer.from(zip[name]!);
      expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const rows = parse(raw.subarray(3).toString('utf8'), { columns: true }) as Record<string, string>[];
      expect(rows).toHaveLength(seed.notes.length);
      const sorted = [...seed.notes].sort((a, b) => a.sessionDate!.localeCompare(b.sessionDate!));
      sorted.forEach((n, i) => {
        const row = rows[i]!;
        expect(row.pekerja).toBe(worker);
        expect(row.kasus).toBe(`${seed.case.initials} (${seed.case.age}) #${seed.case.id.slice(0, 6).toUpperCase()}`);
        expect(row.tanggal).toBe(n.sessionDate);
        expect(row.terlaksana).toBe(n.items.find((x) => x.id === 'sesi_dilaksanakan')?.value === 'tidak' ? 'Tidak' : 'Ya');
        for (const item of n.items) expect(row[item.id], `${n.id} ${item.id}`).toBe(expected(item));
      });
    }
    const activity = parse(got[1]!.document!.bytes.subarray(3).toString('utf8'), { columns: true }) as Record<string, string>[];
    expect(activity.map((r) => r.pekerja).sort()).toEqual(['Budi', 'Dewi']);
    expect(activity.find((r) => r.pekerja === 'Dewi')!.catatan_dalam_rentang).toBe('5');
  });

  it('workers may not export; an admin without assigned workers gets none', async () => {
    const [w] = await h.say('/ekspor', { user: W1 });
    expect(w!.text).toContain('hanya untuk supervisor dan admin');
    const [a] = await h.say('/ekspor', { user: ADMIN });
    expect(a!.text).toContain('Belum ada pekerja');
  });

  it('every export is in the audit log, with ids only, and no temporary folder is left', async () => {
    const orgId = (await h.redis.hget(h.keys.membership(SUP), 'orgId'))!;
    const rows = await h.redis.xrange(h.keys.audit(orgId), '-', '+');
    const exports = rows.map(([, f]) => f).filter((f) => f[f.indexOf('action') + 1] === 'export');
    const whats = exports.map((f) => JSON.parse(f[f.indexOf('detail') + 1]!).what as string);
    expect(whats).toEqual(expect.arrayContaining(['report-pdf', 'report-docx', 'supervision', 'chart', 'termination', 'csv']));
    expect(JSON.stringify(exports)).not.toContain('Jawaban');
    const left = (await readdir(os.tmpdir())).filter((d) => d.startsWith('pendamping-export-'));
    expect(left).toEqual([]);
    // nothing of the notes in the logs
    expect(h.logs.join('')).not.toContain('Jawaban');
  });
});

/** The spreadsheet's reading of a stored answer, worked out here independently of the exporter. */
function expected(item: NoteItem): string {
  const v = item.value;
  if (v === null) return '';
  if (typeof v === 'object' && !Array.isArray(v)) return v.kind === 'photo' ? `Foto${v.caption ? ` — ${v.caption}` : ''}` : `Pesan suara${v.caption ? ` — ${v.caption}` : ''}`;
  if (item.type === 'yesno') return v ? 'Ya' : 'Tidak';
  if (item.type === 'choice' || item.type === 'multi') return item.display!.map((d) => pick(d, 'id')).join('; ');
  const s = String(v);
  return /^[=+\-@]/.test(s) && !/^-?\d/.test(s) ? `'${s}` : s;
}

describe('📈 only where a chart can exist, and no "⏳" left behind (issue #26.14)', () => {
  const auditLength = async (user: number) => h.redis.xlen(h.keys.audit((await h.redis.hget(h.keys.membership(user), 'orgId'))!));

  it('a Bapas case with notes from before the progress rating (no scale answer) offers no chart, and a chart press for it is answered, not audited or queued', async () => {
    await h.say('/kasus', { user: W2 });
    const [card] = await h.tap('BZG', W2);
    const labels = buttons(card).map((b) => b.text);
    expect(labels).toContain('📄 Laporan');
    expect(labels.some((l) => l.includes('Grafik'))).toBe(false);
    await h.say('/laporan', { user: W2 });
    const [formats] = await h.tap('BZG', W2);
    expect(buttons(formats).map((b) => b.text)).toEqual(['📄 Word (DOCX)', '📕 PDF', '🗒 Catatan supervisi', '🗓 Pilih periode']);
    const before = await auditLength(W2);
    const messages = h.fake.messages(W2).length;
    const got = await h.press(h.last(W2).message_id, encode({ kind: 'report-make', caseId: dewi.case.id, what: 'chart' }), W2);
    expect(h.lastAlert()).toBe('Belum ada grafik untuk kasus ini: belum ada catatan dengan penilaian skala (1–5), seperti kemajuan klien terhadap tujuan.');
    expect(got.some((m) => m.text?.includes('⏳') || m.photo)).toBe(false);
    expect(h.fake.messages(W2)).toHaveLength(messages);
    expect(await auditLength(W2)).toBe(before);
  });

  it('the supervisor: no 📈 under a Bapas note read in full, and a chart press of that case is answered, not audited', async () => {
    const note = dewi.notes.at(-1)!;
    const shown = await h.press(h.last(SUP).message_id, encode({ kind: 'review', op: 'view', workerId: W2, caseId: dewi.case.id, noteId: note.id }), SUP);
    expect(buttons(shown.at(-1)).map((b) => b.text).filter((t) => /Word|PDF|Grafik/.test(t))).toEqual(['📄 Word (DOCX)', '📕 PDF']);
    const before = await auditLength(SUP);
    const messages = h.fake.messages(SUP).length;
    await h.press(h.last(SUP).message_id, encode({ kind: 'report-of', workerId: W2, caseId: dewi.case.id, what: 'chart' }), SUP);
    expect(h.lastAlert()).toBe('Belum ada grafik untuk kasus ini: belum ada catatan dengan penilaian skala (1–5), seperti kemajuan klien terhadap tujuan.');
    expect(h.fake.messages(SUP)).toHaveLength(messages);
    expect(await auditLength(SUP)).toBe(before);
    // a Zastrow case still has its chart: the photo arrives and the "⏳" goes
    const chart = await h.press(h.last(SUP).message_id, encode({ kind: 'report-of', workerId: W1, caseId: budi.case.id, what: 'chart' }), SUP);
    expect(chart.find((m) => m.photo)).toBeDefined();
    expect(placeholderDeleted(SUP)).toBe(true);
  });

  it('an export that ends in a text writes it into the "⏳" message instead of sending another', async () => {
    const i18n = createI18n();
    const deps: ExportDeps = { redis: h.redis, keys: h.keys, store: h.store, api: h.bot.api, fileUrl: (p) => p, catalog: h.catalog, i18n: { t: (l, k, v) => i18n.t(l, k, v) }, logger: createLogger('silent') };
    const placeholder = await h.bot.api.sendMessage(W2, i18n.t('id', 'export-preparing'));
    const messages = h.fake.messages(W2).length;
    // W2 does not supervise W1: refused when the job runs
    const job: ExportJob = { userId: W2, lang: 'id', zone: 'Asia/Jakarta', at: '2026-11-23T03:00:00Z', kind: 'chart', caseId: budi.case.id, ownerId: W1, placeholder: placeholder.message_id };
    expect(await runExport(deps, job, 'export-test-placeholder')).toBe('refused');
    expect(h.fake.messages(W2)).toHaveLength(messages);
    expect(h.fake.messages(W2).find((m) => m.message_id === placeholder.message_id)?.text).toBe('Laporan tidak dibuat: Anda tidak lagi menjadi supervisor petugas ini.');
  });
});
