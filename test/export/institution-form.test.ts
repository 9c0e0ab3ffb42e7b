// The institution's own Word form (issue #27 point 5), tried as people would: an admin sends a real
// .docx made here with placeholders, a loop over the notes and the chart's picture; the bot checks it,
// the export worker sends it back filled with the organisation's latest case; ✅ publishes it; a
// worker's /laporan → 🏛 gives the case on it, opened and read back. Unknown placeholders are named
// with where they are; a .docm, macros inside, an oversize file and a zip bomb are refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { Document, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import { buttons, Harness, team } from '../support/bot-harness.ts';
import type { FakeMessage } from '../support/fake-bot-api.ts';
import { OrgStore } from '../../src/org/org-store.ts';
import { buildSeed, writeSeed, type Seeded } from './fixtures.ts';

const ADMIN = 4242; // Ani, founds the organisation
const ADMIN2 = 4343; // an organisation with no case yet
const SUP = 5001;
const W1 = 6001; // Budi
const W2 = 6002; // Dewi

let h: Harness;
let orgId: string;
let budi: Seeded;

/** A Word form as an office makes one: a heading, identity lines, a table whose row repeats per note, the chart. */
async function officeForm(extra: Paragraph[] = [], cells: string[] = ['{#catatan}{no}', '{tanggal}', '{tahap}', '{tujuan}', '{rencana}{/catatan}']): Promise<Buffer> {
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph('{rahasia} — {lembaga.nama}'),
          new Paragraph('LAPORAN PERKEMBANGAN KLIEN'),
          new Paragraph('Nama klien: {klien.nama}'),
          new Paragraph('Kode kasus: {klien.kode} · {klien.inisial} ({klien.usia})'),
          new Paragraph('Periode: {periode}'),
          new Paragraph('Petugas: {petugas.nama}, {petugas.jabatan}'),
          ...extra,
          new Table({
            rows: [
              new TableRow({ children: ['No', 'Tanggal', 'Tahap', 'Tujuan', 'Rencana'].map((t) => new TableCell({ children: [new Paragraph(t)] })) }),
              new TableRow({ children: cells.map((t) => new TableCell({ children: [new Paragraph(t)] })) }),
            ],
          }),
          new Paragraph('Grafik kemajuan:'),
          new Paragraph('{grafik}'),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

function send(user: number, bytes: Buffer, fileName = 'formulir-bapas.docx') {
  return h.handle(h.fake.uploadDocument(user, { bytes, fileName, mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }), user);
}

function docxOf(m: FakeMessage | undefined): { text: string; files: string[] } {
  expect(m?.document, 'a document').toBeDefined();
  const files = unzipSync(new Uint8Array(m!.document!.bytes));
  const xml = strFromU8(files['word/document.xml']!);
  const text = xml.replace(/<w:p[ >]/g, '\n$&').replace(/<\/w:tc>/g, ' | ').replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/&quot;/g, '"');
  return { text, files: Object.keys(files) };
}

const all = (ms: FakeMessage[]) => ms.map((m) => `${m.text ?? ''}${m.caption ?? ''}`).join('\n');

beforeAll(async () => {
  h = await Harness.start({ adminIds: [ADMIN, ADMIN2], now: new Date('2026-11-23T03:00:00Z') });
  await team(h, { admin: { id: ADMIN, name: 'Ani' }, supervisor: { id: SUP, name: 'Rina' }, workers: [{ id: W1, name: 'Budi' }, { id: W2, name: 'Dewi' }] });
  orgId = (await h.workspace(ADMIN)).membership!.orgId;
  budi = buildSeed(h.catalog, { ownerId: W1, flowId: 'zastrow-mezzo', notes: 6, stages: 3, firstDay: '2026-09-07', longAnswers: true }, 'budicase1');
  // Dewi's case is opened later: the organisation's latest, which the preview uses
  const dewi = buildSeed(h.catalog, { ownerId: W2, flowId: 'bapas-eic', notes: 3, stages: 2, firstDay: '2026-10-05', initials: 'BZG', age: 41 }, 'dewicase1');
  dewi.case = { ...dewi.case, createdAt: '2026-10-05T02:00:00.000Z' };
  budi.case = { ...budi.case, createdAt: '2026-09-07T02:00:00.000Z' };
  await writeSeed(h.store, h.redis, h.keys, budi, { id: SUP, name: 'Rina' });
  await writeSeed(h.store, h.redis, h.keys, dewi, { id: SUP, name: 'Rina' });
}, 60_000);

afterAll(async () => {
  await h?.stop();
});

describe('an institution publishes its own Word form, and a worker files a case on it', () => {
  it('uploaded with a loop and the chart, previewed with the latest case, published, then filled from /laporan and opened', async () => {
    // before: no 🏛 for the worker, and the admin's screen says none is published
    await h.say('/laporan', { user: W1 });
    const [before] = await h.tap('Si (42)', W1);
    expect(buttons(before).map((b) => b.text)).not.toContain('🏛 Formulir lembaga');
    await h.say('/lembaga', { user: ADMIN });
    const [screen] = await h.tap('📄 Formulir laporan', ADMIN);
    const shownText = screen!.text ?? '';
    expect(shownText).toContain('Formulir laporan lembaga');
    expect(shownText).toContain('{klien.kode}');
    expect(shownText).toContain('{#catatan}');
    expect(shownText).toContain('Belum ada formulir yang terbit.');
    expect(shownText.split('\n').length).toBeLessThanOrEqual(10);

    // need to know: an admin who supervises no one is never shown a worker's client — the preview is made up
    const blind = (await send(ADMIN, await officeForm())).find((m) => m.document);
    expect(blind!.caption).toContain('kasus CONTOH buatan');
    expect(docxOf(blind).text).not.toContain('#DEWICA');
    await h.tap('Batal', ADMIN);
    // once the admin supervises Dewi, her cases are theirs to read in full, and the newest fills the preview
    await h.redis.pipeline().sadd(h.keys.workersOf(ADMIN, orgId), String(W2)).sadd(h.keys.supervisorsOf(W2, orgId), String(ADMIN)).exec();
    const replies = await send(ADMIN, await officeForm());
    expect(all(replies)).toContain('formulir-bapas.docx</b> sudah diperiksa');
    const preview = replies.find((m) => m.document);
    // the latest case the admin may read, named in the caption
    expect(preview!.caption).toContain('kasus terbaru yang boleh Anda baca, #DEWICA (3 catatan)');
    expect(buttons(preview).map((b) => b.text)).toEqual(['✅ Terbitkan', '✖️ Batal']);
    const shown = docxOf(preview);
    expect(shown.text).toContain('Kode kasus: #DEWICA · BZG (41)');
    expect(shown.text).toContain('Bapas Kelas I Bandung');
    // nothing published yet
    expect(await h.redis.exists(h.keys.orgForm(orgId))).toBe(0);

    const [done] = await h.tap('Terbitkan', ADMIN);
    expect(done!.text).toContain('Formulir <b>formulir-bapas.docx</b> sudah terbit');
    const stored = await h.redis.hgetall(h.keys.orgForm(orgId));
    expect(JSON.parse(stored['meta']!)).toMatchObject({ fileName: 'formulir-bapas.docx', by: ADMIN });
    expect(Buffer.from(stored['docx']!, 'base64').subarray(0, 2).toString('latin1')).toBe('PK');
    const actions = (await new OrgStore(h.redis, h.keys, h.store.cipher).recentAudit(orgId, 20)).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['form-preview', 'form-published']));
    const [again] = await h.tap('📄 Formulir laporan', ADMIN).catch(async () => {
      await h.say('/lembaga', { user: ADMIN });
      return h.tap('📄 Formulir laporan', ADMIN);
    });
    expect(again!.text).toContain('Terbit: <b>formulir-bapas.docx</b>');

    // the worker: /laporan → Si (42) → 🏛 → the case on the institution's form
    await h.say('/laporan', { user: W1 });
    const [formats] = await h.tap('Si (42)', W1);
    expect(buttons(formats).map((b) => b.text)).toContain('🏛 Formulir lembaga');
    const got = await h.tap('🏛 Formulir lembaga', W1);
    const doc = got.find((m) => m.document);
    expect(doc!.document!.file_name).toBe('formulir-Si-42-BUDICA-2026-11-23.docx');
    expect(doc!.caption).toBe('Formulir lembaga · #BUDICA · 6 catatan');
    const { text, files } = docxOf(doc);
    expect(text).toContain('RAHASIA — Bapas Kelas I Bandung');
    expect(text).toContain('Kode kasus: #BUDICA · Si (42)');
    expect(text).toContain('Nama klien: ……');
    expect(text).toContain('Petugas: Budi, Pekerja Sosial');
    expect(text).not.toMatch(/\{[a-z#/]/); // every placeholder filled
    // the loop: one table row per note, in date order
    const dates = ['7 September 2026', '14 September 2026', '21 September 2026', '28 September 2026', '5 Oktober 2026', '12 Oktober 2026'];
    let at = 0;
    dates.forEach((d, i) => {
      const row = text.indexOf(`\n${i + 1} | `, at);
      expect(row, `row ${i + 1}`).toBeGreaterThan(at);
      const date = text.indexOf(d, row);
      expect(date, d).toBeGreaterThan(row);
      at = date;
    });
    // the chart: a picture in the document
    expect(files.filter((f) => f.startsWith('word/media/') && !f.endsWith('/'))).toHaveLength(1);
    expect(strFromU8(unzipSync(new Uint8Array(doc!.document!.bytes))['word/document.xml']!)).toContain('<w:drawing>');
  });

  it('a form with an unknown placeholder is refused, naming it and where it is; in English too', async () => {
    const form = await officeForm([new Paragraph('Nama lengkap: {klien.nama_lengkap}'), new Paragraph('Tujuan: {tujuan}')], ['{#catatan}{no}', '{tanggal}', '{tahap}', '{tujaun}', '{rencana}{/catatan}']);
    const [id] = await send(ADMIN, form, 'salah.docx');
    expect(id!.text).toContain('Formulir <b>salah.docx</b> belum bisa diterbitkan: 3 isian perlu diperbaiki.');
    expect(id!.text).toContain('<code>{klien.nama_lengkap}</code> tidak dikenal, di paragraf yang dimulai dengan "Nama lengkap: {klien.nama_lengkap}".');
    expect(id!.text).toContain('<code>{tujuan}</code> hanya dapat dipakai di antara {#catatan} dan {/catatan}, bukan di paragraf yang dimulai dengan "Tujuan: {tujuan}".');
    expect(id!.text).toContain('<code>{tujaun}</code> tidak dikenal, di tabel, baris 2 kolom 4 ("{tujaun}"). Maksud Anda {tujuan}?');
    expect(buttons(id)).toHaveLength(0);
    expect(h.fake.messages(ADMIN).at(-1)!.document).toBeUndefined();
    await h.say('/bahasa', { user: ADMIN });
    await h.tap('English', ADMIN);
    const [en] = await send(ADMIN, form, 'salah.docx');
    expect(en!.text).toContain('<code>{klien.nama_lengkap}</code> is not known, in the paragraph starting "Nama lengkap: {klien.nama_lengkap}".');
    await h.say('/bahasa', { user: ADMIN });
    await h.tap('Bahasa Indonesia', ADMIN);
  });

  it('hostile files are refused: a .docm, macros inside a .docx, an oversize file, a zip bomb, not a zip', async () => {
    const form = await officeForm();
    const [docm] = await send(ADMIN, form, 'formulir.docm');
    expect(docm!.text).toContain('Berkas .docm (Word dengan makro) tidak diterima');

    const parts = unzipSync(new Uint8Array(form));
    const withMacros = Buffer.from(zipSync({ ...parts, 'word/vbaProject.bin': new Uint8Array([1, 2, 3]) }));
    const [macros] = await send(ADMIN, withMacros);
    expect(macros!.text).toContain('berisi makro atau kontrol aktif');

    // a remote template (.dotm with macros, fetched when Word opens the file) attached by relationship
    const rels = '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" Target="http://contoh.test/makro.dotm" TargetMode="External"/></Relationships>';
    const remote = Buffer.from(zipSync({ ...parts, 'word/_rels/settings.xml.rels': strToU8(rels) }));
    const [attached] = await send(ADMIN, remote);
    expect(attached!.text).toContain('berisi makro atau kontrol aktif');

    const big = Buffer.from(zipSync({ ...parts, 'word/media/kop.png': new Uint8Array(1100 * 1024).map((_, i) => (i * 7919) % 251) }, { level: 0 }));
    expect(big.length).toBeGreaterThan(1024 * 1024);
    const [tooBig] = await send(ADMIN, big);
    expect(tooBig!.text).toContain('Berkas terlalu besar: formulir paling besar 1 MB');

    // 60 MB of zeros deflate to about 60 KB
    const bomb = Buffer.from(zipSync({ ...parts, 'word/bom.xml': new Uint8Array(60 * 1024 * 1024) }));
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const [bombed] = await send(ADMIN, bomb);
    expect(bombed!.text).toContain('jauh lebih besar dari berkasnya sendiri');

    const [notZip] = await send(ADMIN, Buffer.from('bukan zip sama sekali'));
    expect(notZip!.text).toContain('bukan dokumen Word yang utuh');
    expect(h.logs.join('')).not.toMatch(/"update failed"/);
  });

  it('a worker cannot upload a form; an organisation with no case previews it on a made-up CONTOH case', async () => {
    const replies = await send(W1, await officeForm());
    expect(all(replies)).not.toContain('Terbitkan');
    expect(replies.some((m) => m.document)).toBe(false);

    await h.say('/lembaga', { user: ADMIN2, firstName: 'Sari' });
    await h.say('LKS Harapan', { user: ADMIN2 });
    const preview = (await send(ADMIN2, await officeForm())).find((m) => m.document);
    expect(preview!.caption).toContain('kasus CONTOH buatan');
    const { text } = docxOf(preview);
    expect(text).toContain('Kode kasus: #CONTOH');
    expect(text).toContain('LKS Harapan');
    const [cancelled] = await h.tap('Batal', ADMIN2);
    expect(cancelled!.text).toContain('Formulir tidak diterbitkan');
  });
});
