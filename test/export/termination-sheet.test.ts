// #27 point 6: the termination sheet a worker prints and signs. The reason is the one recorded when
// the case was ended (the terminasi stage's own "why" is not printed beside it); the final evaluation
// is the latest held note of an evaluation or termination stage, or the sheet says plainly there is
// none; and no answer is shortened with "…". Real updates through the real bot, the sheet made by
// the export worker's code, the PDF's text extracted and the DOCX unzipped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unzipSync, strFromU8 } from 'fflate';
import { ADMIN, Harness, team } from '../support/bot-harness.ts';
import type { FakeMessage } from '../support/fake-bot-api.ts';
import { buildSeed, writeSeed, type Seeded } from './fixtures.ts';
import { pdfText } from './pdf-read.ts';
import { isFinalStage } from '../../src/export/termination-model.ts';
import type { NoteRecord } from '../../src/store/records.ts';

const SUP = 5101; // Rina
const W = 6101; // Budi

let h: Harness;
let finished: Seeded; // a Bapas case whose last notes are of the terminasi stage
let dropped: Seeded; // a Zastrow case that stopped at stage 3 (planning's neighbours: no evaluation)

/** The closing note the worker types when ending the finished case: longer than the old 300-character cut. */
const END_NOTE = 'Klien menyelesaikan masa bimbingan dengan baik dan rutin wajib lapor setiap bulan tanpa terlambat. Keluarga menerima klien kembali, ibunya ikut hadir pada dua pertemuan terakhir, dan klien sudah bekerja di bengkel milik pamannya sejak awal bulan. Masih perlu diwaspadai ajakan teman lama di lingkungan rumah; klien tahu harus menghubungi kakaknya atau balai bila merasa tergoda lagi untuk kembali ke kebiasaan lama.';

const squash = (s: string) => s.replace(/\s+/g, '');

function docxText(bytes: Buffer): string {
  const xml = strFromU8(unzipSync(new Uint8Array(bytes))['word/document.xml']!);
  return xml.replace(/<w:p[ >]/g, '\n$&').replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&apos;/g, "'");
}

/** The two files of the sheet, as text: the PDF's pages joined, and the DOCX's body. */
async function sheet(got: FakeMessage[]): Promise<{ pdf: string; pages: number; docx: string }> {
  const files = got.filter((m) => m.document);
  expect(files.map((m) => m.document!.file_name?.split('.').pop())).toEqual(['pdf', 'docx']);
  const pages = await pdfText(files[0]!.document!.bytes);
  // each page's footer (drawn last on it) taken out, so an answer that flows on reads as one text
  const footer = /(Lembar terminasi|Termination sheet) [^\n]*?· (RAHASIA|CONFIDENTIAL) · (Halaman|Page) \d+ (dari|of) \d+/g;
  expect(pages.every((p) => p.match(footer)?.length === 1)).toBe(true);
  return { pdf: pages.map((p) => p.replace(footer, '')).join('\n'), pages: pages.length, docx: docxText(files[1]!.document!.bytes) };
}

/** The evaluation part of a sheet: from its heading up to the place-and-date line (its "……" is a blank to write in). */
function evaluationPart(text: string, heading: string, place: string): string {
  const from = text.indexOf(heading);
  const to = text.indexOf(place, from);
  expect(from).toBeGreaterThanOrEqual(0);
  expect(to).toBeGreaterThan(from);
  return text.slice(from, to);
}

const lastOf = (s: Seeded, stageId: string): NoteRecord => s.notes.filter((n) => n.stageId === stageId).at(-1)!;

beforeAll(async () => {
  h = await Harness.start({ adminIds: [ADMIN], now: new Date('2026-11-23T03:00:00Z') });
  await team(h, { supervisor: { id: SUP, name: 'Rina' }, workers: [{ id: W, name: 'Budi' }] });
  finished = buildSeed(h.catalog, { ownerId: W, flowId: 'bapas-eic', notes: 12, stages: 6, firstDay: '2026-05-06', initials: 'AB', longAnswers: true }, 'termcase1');
  // the worker's answer at the terminasi stage says the client dropped out; the case is then ended
  // "as planned": the sheet must not print both
  const stageAnswer = lastOf(finished, 'terminasi').items.find((i) => i.id === 'alasan_terminasi')!;
  stageAnswer.value = 'klien_berhenti';
  stageAnswer.display = [{ id: 'Klien berhenti / hilang', en: 'Client dropped out' }];
  dropped = buildSeed(h.catalog, { ownerId: W, flowId: 'zastrow-mezzo', notes: 6, stages: 3, firstDay: '2026-09-02', initials: 'CD' }, 'dropcase1');
  await writeSeed(h.store, h.redis, h.keys, finished, { id: SUP, name: 'Rina' });
  await writeSeed(h.store, h.redis, h.keys, dropped, { id: SUP, name: 'Rina' });
}, 60_000);

afterAll(async () => {
  await h?.stop();
});

describe('the termination sheet', () => {
  it('the reason is the case\'s ending reason with its note whole; the terminasi note is the evaluation, every answer whole', async () => {
    await h.say('/kasus', { user: W });
    await h.tap('AB (42)', W);
    await h.tap('Akhiri kasus', W);
    await h.tap('Selesai sesuai rencana', W);
    await h.say(END_NOTE, { user: W });
    const { pdf, docx } = await sheet(await h.tap('Lembar terminasi', W));
    const final = lastOf(finished, 'terminasi');
    const refleksi = final.items.find((i) => i.id === 'refleksi_klien')!.value as string;
    expect(refleksi.length).toBeGreaterThan(600);
    for (const text of [pdf, docx]) {
      const flat = squash(text);
      // one reason: the one chosen when the case was ended, and its note in full
      expect(flat).toContain(squash('Alasan pengakhiran'));
      expect(flat).toContain(squash('Selesai sesuai rencana'));
      expect(flat).toContain(squash(END_NOTE));
      expect(text).not.toContain('Klien berhenti / hilang');
      expect(text).not.toContain('Mengapa pembimbingan diakhiri?');
      expect(text).not.toContain('alasan_terminasi_sebut');
      // the final evaluation: the last terminasi note, named by its date and stage
      expect(flat).toContain(squash('Evaluasi terakhirRabu, 22 Juli 2026 · Terminasi'));
      // by its short report label, as the institution's report prints it
      expect(flat).toContain(squash('Refleksi klien'));
      // the long answer whole, every paragraph, and nothing in the evaluation cut with "…"
      expect(flat).toContain(squash(refleksi));
      expect(evaluationPart(text, 'Hasil evaluasi akhir', '……………………, ')).not.toContain('…');
    }
  });

  it('a case ended at stage 3 has no final evaluation, and says so: no planning note printed as one (Indonesian, then English)', async () => {
    await h.say('/kasus', { user: W });
    await h.tap('CD (42)', W);
    await h.tap('Akhiri kasus', W);
    await h.tap('Klien mengundurkan diri', W);
    await h.tap('Akhiri tanpa catatan', W);
    const { pdf, pages, docx } = await sheet(await h.tap('Lembar terminasi', W));
    expect(pages).toBe(1);
    const typed = dropped.notes.flatMap((n) => n.items).filter((i) => i.type === 'text' || i.type === 'longtext').map((i) => i.value as string);
    expect(typed.length).toBeGreaterThan(0);
    for (const text of [pdf, docx]) {
      expect(squash(text)).toContain(squash('Klien mengundurkan diri'));
      expect(squash(text)).toContain(squash('Tidak ada evaluasi akhir: kasus diakhiri tanpa catatan sesi terlaksana pada tahap evaluasi atau terminasi.'));
      expect(text).not.toContain('Evaluasi terakhir');
      for (const answer of typed) expect(text).not.toContain(answer);
    }

    await h.say('/bahasa', { user: W });
    await h.tap('English', W);
    await h.say('/laporan', { user: W });
    await h.tap('CD (42)', W);
    const en = await sheet(await h.tap('Termination sheet', W));
    for (const text of [en.pdf, en.docx]) {
      expect(squash(text)).toContain(squash('Client withdrew'));
      expect(squash(text)).toContain(squash('No final evaluation: the case ended without a held session noted in an evaluation or termination stage.'));
    }
  });
});

describe('which stages give the final evaluation', () => {
  it('in each built-in model: its evaluation and termination stages, never planning, aftercare or supervision', () => {
    const finals = Object.fromEntries(h.catalog.flows.map((f) => [f.id, f.stages.filter((s) => isFinalStage(s.id)).map((s) => s.id)]));
    expect(finals).toEqual({
      'bapas-eic': ['terminasi'],
      'groupwork-tc': ['evaluasi', 'terminasi'],
      'ipwl-reintegration': ['pengakhiran'],
      'permensos-napza': ['terminasi'],
      'skidmore-casework': ['tahap_terminasi'],
      'zastrow-mezzo': ['evaluasi'],
    });
  });
});
