// #27 point 7: the session table of the supervision record (the A5 PDF, src/export/report-pdf.ts)
// breaks no word in the middle: its header ("Terlaksana") and its cells (a Wednesday's date, "kontak
// tanpa klien", the longest stage title word) each stay whole, in Indonesian and in English. The
// record is made by the export worker's code and the PDF the worker received is read back a drawn
// line at a time: a word broken by a too-narrow column would come out as two pieces.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { ADMIN, Harness, team } from '../support/bot-harness.ts';
import { createI18n } from '../../src/bot/create-bot.ts';
import { createLogger } from '../../src/logger.ts';
import { runExport, type ExportDeps } from '../../src/export/run.ts';
import { buildSeed, writeSeed } from './fixtures.ts';

const SUP = 5301; // Rina
const W = 6301; // Budi

let h: Harness;

/** The words of each page, as drawn: every text item pdfkit wrote is one line of one cell. */
async function pageWords(bytes: Buffer): Promise<string[][]> {
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, disableFontFace: true, isEvalSupported: false }).promise;
  const pages: string[][] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.flatMap((it) => ('str' in it ? it.str.split(/\s+/).filter(Boolean) : [])));
  }
  await doc.destroy();
  return pages;
}

const i18n = createI18n();

/** The words of the record's session table: its page (the first after the cover), up to the first stage's heading. */
async function tableWords(lang: 'id' | 'en'): Promise<string[]> {
  const deps: ExportDeps = { redis: h.redis, keys: h.keys, store: h.store, api: h.bot.api, fileUrl: (p) => p, catalog: h.catalog, i18n: { t: (l, k, v) => i18n.t(l, k, v) }, logger: createLogger('silent') };
  expect(await runExport(deps, { userId: W, lang, zone: 'Asia/Jakarta', at: '2026-11-23T03:00:00Z', kind: 'supervision', caseId: 'tablecase1' }, `export-table-${lang}`)).toBe('sent');
  const pdf = h.fake.messages(W).filter((m) => m.document).at(-1)!;
  expect(pdf.document!.file_name).toMatch(/\.pdf$/);
  const words = (await pageWords(pdf.document!.bytes))[1]!;
  const from = words.indexOf(i18n.t(lang, 'report-summary-heading').split(' ')[0]!);
  const stage = i18n.t(lang, 'report-stage-heading', { index: 1, count: 8, stage: '' }).split(/\s+/).slice(0, 3);
  const to = words.findIndex((w, i) => i > from && stage.every((s, k) => words[i + k] === s));
  expect(from).toBeGreaterThanOrEqual(0);
  expect(to).toBeGreaterThan(from);
  return words.slice(from, to);
}

beforeAll(async () => {
  h = await Harness.start({ adminIds: [ADMIN], now: new Date('2026-11-23T03:00:00Z') });
  await team(h, { supervisor: { id: SUP, name: 'Rina' }, workers: [{ id: W, name: 'Budi' }] });
  // every stage of Zastrow's model (its titles hold the longest word, "Mengonseptualisasikan"), on Wednesdays
  const seed = buildSeed(h.catalog, { ownerId: W, flowId: 'zastrow-mezzo', notes: 8, stages: 8, firstDay: '2026-09-02' }, 'tablecase1');
  const without = seed.notes[3]!.items.find((i) => i.id === 'sesi_dilaksanakan')!;
  without.value = 'tanpa_klien';
  without.display = [{ id: 'Kontak tanpa klien', en: 'Without the client' }];
  await writeSeed(h.store, h.redis, h.keys, seed, { id: SUP, name: 'Rina' });
}, 60_000);

afterAll(async () => {
  await h?.stop();
});

describe('the PDF report\'s session table', () => {
  it.each([
    ['id', ['Rabu,', 'September', 'Mengonseptualisasikan', 'kontak', 'tanpa', 'klien', 'menunggu', 'disetujui', 'perbaikan']],
    ['en', ['Wednesday,', 'September', 'Conceptualising', 'contact', 'without', 'client', 'awaiting', 'approved', 'changes']],
  ] as const)('(%s) no header or cell word is broken mid-word', async (lang, cells) => {
    const words = await tableWords(lang);
    const head = ['no', 'date', 'contact', 'stage', 'held', 'review'].flatMap((c) => i18n.t(lang, `report-col-${c}`).split(/\s+/));
    if (lang === 'id') expect(head).toContain('Terlaksana');
    for (const word of [...head, ...cells]) expect(words, word).toContain(word);
  });
});
