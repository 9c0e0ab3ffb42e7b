// The institution's report per setting, from realistic cases (the seeds' clients): Si (42) in a Lapas
// on Zastrow's casework, BZG (41) on parole (PB) at a Bapas, an IPWL resident, a praktikan's client.
// Each is rendered as PDF and Word, opened, and checked for what an institution files — the headings,
// the blanks, the signature blocks — and for what it must never get: reflections, asks, feedback.
// The first page is rendered to PNG with poppler (page-png.ts); REPORT_DOCS=1 copies them into docs/reports/.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { firstPagePng } from './page-png.ts';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unzipSync, strFromU8 } from 'fflate';
import { PNG } from 'pngjs';
import { loadCatalog } from '../../src/catalog/load-flows.ts';
import type { Catalog } from '../../src/catalog/catalog.ts';
import { createI18n } from '../../src/bot/create-bot.ts';
import { buildInstitutionReport, type InstitutionInput } from '../../src/export/institution-report.ts';
import { buildDocument, type DocumentModel } from '../../src/export/document-model.ts';
import { renderDocumentPdf } from '../../src/export/document-pdf.ts';
import { renderDocumentDocx } from '../../src/export/document-docx.ts';
import { builtinTemplates, loadTemplates, templateRefProblems } from '../../src/export/template-load.ts';
import { buildTerminationSheet } from '../../src/export/termination-model.ts';
import { renderReportPdf, renderTerminationPdf } from '../../src/export/report-pdf.ts';
import { buildCaseReport } from '../../src/export/report-model.ts';
import type { Lang } from '../../src/cases/labels.ts';
import type { CaseRecord } from '../../src/store/records.ts';
import { buildSeed, type Seeded } from './fixtures.ts';
import { pdfText } from './pdf-read.ts';

let catalog: Catalog;
let dir: string;
const i18n = createI18n();
const t = (lang: Lang) => (key: string, vars?: Record<string, string | number>) => i18n.t(lang, key, vars);

interface Client {
  name: string;
  seed: Seeded;
  facts: Partial<CaseRecord>;
  title: string;
  jobTitle: string;
}

function client(name: string, flowId: string, notes: number, stages: number, caseFacts: Partial<CaseRecord>, title: string, jobTitle: string): Client {
  const seed = buildSeed(catalog, { ownerId: 7001, flowId, notes, stages, firstDay: '2026-09-07', initials: caseFacts.initials ?? 'Si', age: caseFacts.age ?? 42, longAnswers: true }, `${name}case1`);
  seed.case = { ...seed.case, ...caseFacts };
  return { name, seed, facts: caseFacts, title, jobTitle };
}

function input(c: Client, lang: Lang = 'id'): InstitutionInput {
  return {
    case: c.seed.case,
    flow: catalog.get(c.seed.case.flowId),
    flowAt: (v) => catalog.at(c.seed.case.flowId, v),
    notes: c.seed.notes,
    orgName: 'Balai Pemasyarakatan Kelas I Bandung',
    workerName: 'Dewi Lestari',
    supervisorNames: ['Rina Marlina'],
    lang,
    zone: 'Asia/Jakarta',
    now: '2026-12-01T03:00:00Z',
    t: t(lang),
  };
}

const squash = (s: string) => s.replace(/\s+/g, '');

function document(id: string, inp: InstitutionInput): DocumentModel {
  const t = builtinTemplates().get(id);
  if (!t) throw new Error(`no template ${id}`);
  return buildDocument(t, inp);
}

let clients: Client[];

beforeAll(async () => {
  catalog = await loadCatalog();
  dir = mkdtempSync(path.join(os.tmpdir(), 'institution-docs-'));
  clients = [
    // the seeds: a woman prisoner on Zastrow's family casework, all eight stages (the evaluation compares the family)
    client('lapas', 'zastrow-mezzo', 8, 8, { setting: 'lapas', gender: 'p', problem: 'Relasi dengan keluarga renggang selama menjalani pidana', facts: { peran: 'peksos' } }, 'Laporan Perkembangan Klien', 'Pekerja Sosial'),
    client('bapas', 'bapas-eic', 6, 5, { setting: 'bapas', initials: 'BZG', age: 41, gender: 'l', problem: 'Pembebasan bersyarat; pernah memakai sabu', facts: { peran: 'pk', program: 'pembebasan_bersyarat', zat_utama: 'sabu', penjamin: 'pasangan', penjamin_setuju: 'tertulis' } }, 'Laporan Perkembangan Pembimbingan Klien', 'Pembimbing Kemasyarakatan'),
    client('ipwl', 'ipwl-reintegration', 5, 5, { setting: 'ipwl', initials: 'AR', age: 24, gender: 'l', problem: 'Ketergantungan sabu; rawat inap di IPWL', facts: { peran: 'konselor', zat_utama: 'sabu', rawat: 'inap', cara_masuk: 'wajib_lapor' } }, 'Catatan Perkembangan Klien', 'Konselor Adiksi'),
    client('praktikan', 'skidmore-casework', 4, 4, { setting: 'panti', initials: 'MN', age: 17, gender: 'p', problem: 'Putus sekolah, konflik dengan orang tua', facts: { peran: 'praktikan' } }, 'Laporan Perkembangan Penerima Manfaat', 'Praktikan'),
    // a Balai's client under ATENSI, planned and in treatment
    client('atensi', 'permensos-napza', 5, 4, { setting: 'sentra', initials: 'RD', age: 29, gender: 'l', problem: 'Penyalahgunaan sabu; keluarga menolak', facts: { peran: 'peksos', zat_utama: 'sabu', rawat: 'inap', cara_masuk: 'keluarga' } }, 'Laporan Perkembangan Penerima Manfaat', 'Pekerja Sosial'),
  ];
});

afterAll(() => {
  if (!process.env['REPORT_KEEP']) rmSync(dir, { recursive: true, force: true });
});

describe('the institution\'s report, per setting', () => {
  for (const name of ['lapas', 'bapas', 'ipwl', 'praktikan', 'atensi']) {
    it(`${name}: PDF and Word with the setting's title and job title, blanks, headings, signatures; no reflection, ask or feedback`, async () => {
      const c = clients.find((x) => x.name === name)!;
      const report = document(builtinTemplates().mainFor(c.seed.case).id, input(c));
      const pdf = path.join(dir, `${name}.pdf`);
      await renderDocumentPdf(report, new Map(), undefined, pdf);
      const text = (await pdfText(readFileSync(pdf))).join('\n');
      const hay = squash(text);
      for (const needle of ['RAHASIA', c.title, 'Nama klien', '……', 'No. register / NIK', c.jobTitle, 'Dewi Lestari', name === 'ipwl' ? 'Catatan per pertemuan' : 'Ringkasan kegiatan', 'Uraian kegiatan', 'Mengetahui, Kepala Balai Pemasyarakatan Kelas I Bandung', 'NIP.']) {
        expect(hay, needle).toContain(squash(needle));
      }
      for (const heading of ['Proses / kegiatan', 'Respons klien', 'Rencana tindak lanjut']) expect(hay).toContain(squash(heading));
      // A4: 595 × 842 points
      expect(readFileSync(pdf).toString('latin1')).toMatch(/\/MediaBox \[0 0 595\.\d+ 841\.\d+\]/);
      // never in a document filed outside
      for (const n of c.seed.notes) {
        for (const i of n.items) if (['refleksi_peksos', 'untuk_supervisor'].includes(i.id) && typeof i.value === 'string') expect(hay).not.toContain(squash(`Catatan ${Number(n.id.slice(1, 4)) + 1}, ${i.id}.`));
      }
      expect(text).not.toMatch(/Refleksi:|Untuk supervisor:|Tanggapan supervisor|Status tinjauan/);
      // a praktikan's roles and theory are graded by the tutor, not filed
      expect(text).not.toContain('Peran petugas');
      const png = PNG.sync.read(firstPagePng(readFileSync(pdf), `laporan-${name}`));
      expect(png.width).toBeGreaterThan(400);

      const docx = await renderDocumentDocx(report, new Map(), undefined);
      writeFileSync(path.join(dir, `${name}.docx`), docx);
      const xml = strFromU8(unzipSync(new Uint8Array(docx))['word/document.xml']!);
      const words = xml.replace(/<[^>]+>/g, '');
      expect(squash(words)).toContain(squash(c.title));
      expect(squash(words)).toContain(squash('Nama klien'));
      expect(words).not.toMatch(/Refleksi:|Untuk supervisor:/);
    });
  }

  it('Zastrow\'s evaluation prints the family before and after: the baseline of stage 1 beside the evaluation', async () => {
    const c = clients.find((x) => x.name === 'lapas')!;
    const report = buildInstitutionReport(input(c));
    const evaluation = report.notes.find((n) => n.comparisons.length > 0);
    expect(evaluation, 'a note with a before/after table').toBeDefined();
    const table = evaluation!.comparisons[0]!;
    expect(table.heading).toBeTruthy();
    expect(table.head[1]).toMatch(/^Awal \(Senin, 7 September 2026\)$/);
    const first = c.seed.notes[0]!.items.find((i) => i.id === 'kondisi_keluarga')!;
    const ticked = (first.display ?? []).map((d) => d.id);
    for (const label of ticked) expect(table.rows.find((r) => r[0] === label)?.[1]).toBe('ya');
  });

  it('a scale prints its point by name; a note of a version without report labels reads with the current labels', async () => {
    const c = clients.find((x) => x.name === 'ipwl')!;
    const report = buildInstitutionReport(input(c));
    const items = report.notes.flatMap((n) => n.sections.flatMap((s) => s.items));
    expect(items.find((i) => i.label === 'Kemajuan terhadap tujuan')?.text).toMatch(/^\d — \S/);
    // the same notes as written on an earlier version the catalog no longer has: the current labels
    const old = buildInstitutionReport({ ...input(c), flowAt: () => undefined });
    expect(old.notes.flatMap((n) => n.sections.flatMap((s) => s.items)).map((i) => i.label)).toEqual(items.map((i) => i.label));
  });

  it('an old note\'s "Peran lain" (version 3\'s `peran_peksos_lain`, no question of that id now) stays out of the filed report, in the supervision record', () => {
    const c = clients.find((x) => x.name === 'lapas')!;
    const note = { ...c.seed.notes[1]!, flowVersion: 3, items: [...c.seed.notes[1]!.items, { id: 'peran_peksos_lain', type: 'multi' as const, label: { id: 'Peran lain yang Anda jalankan?' }, value: ['mediator'], display: [{ id: 'Mediator' }] }] };
    const inp = { ...input(c), notes: [note], flowAt: () => undefined };
    const filed = buildInstitutionReport(inp).notes.flatMap((n) => n.sections.flatMap((s) => s.items));
    expect(filed.map((i) => i.text)).not.toContain('Mediator');
    const record = buildCaseReport({ ...inp, reviewStates: {}, reviewLogs: {} });
    expect(record.stages.flatMap((s) => s.notes.flatMap((n) => n.answers)).find((a) => a.text === 'Mediator')?.question).toBe('Peran petugas');
  });

  it('in English: the English titles, headings and labels', async () => {
    const c = clients.find((x) => x.name === 'bapas')!;
    const report = document('bapas-laporan-perkembangan', input(c, 'en'));
    const pdf = path.join(dir, 'bapas-en.pdf');
    await renderDocumentPdf(report, new Map(), undefined, pdf);
    const text = squash((await pdfText(readFileSync(pdf))).join('\n'));
    for (const needle of ['CONFIDENTIAL', 'Supervision Progress Report', "Client's name", 'Probation Officer', 'Activities at a glance', "Client's response", 'Acknowledged by the Head of']) expect(text, needle).toContain(squash(needle));
  });

  it('a period keeps only its notes, and says so when there are none', () => {
    const c = clients.find((x) => x.name === 'ipwl')!;
    const october = buildInstitutionReport({ ...input(c), period: { from: '2026-10-01', to: '2026-10-31' } });
    expect(october.notes.length).toBe(c.seed.notes.filter((n) => n.sessionDate!.startsWith('2026-10')).length);
    expect(october.identity.find((r) => r.label === 'Periode laporan')?.value).toBe('Kamis, 1 Oktober 2026 sampai Sabtu, 31 Oktober 2026');
    const empty = buildInstitutionReport({ ...input(c), period: { from: '2025-01-01', to: '2025-01-31' } });
    expect(empty.notes).toEqual([]);
    expect(empty.emptyNotes).toBe('Tidak ada catatan sesi pada periode ini.');
  });
});

describe('the other documents of a case (📑 Dokumen lain), from the same templates', () => {
  it('each case is offered what fits its setting, model and the worker\'s role', () => {
    const others = (name: string) => builtinTemplates().othersFor(clients.find((x) => x.name === name)!.seed.case).map((t) => t.id);
    expect(others('praktikan')).toEqual(['pkl-log-kegiatan', 'pkl-process-recording']);
    expect(others('atensi')).toEqual(['atensi-rencana-intervensi']);
    expect(others('bapas')).toEqual([]);
    expect(builtinTemplates().mainFor({ setting: 'lpka', flowId: 'zastrow-mezzo' }).id).toBe('laporan-perkembangan');
  });

  it('ATENSI\'s intervention plan: the plan\'s aims, one row per component chosen, blanks for the rest, the client\'s and family\'s signatures', async () => {
    const c = clients.find((x) => x.name === 'atensi')!;
    const planning = [...c.seed.notes].reverse().find((n) => n.items.some((i) => i.id === 'program_direncanakan'))!;
    const chosen = planning.items.find((i) => i.id === 'program_direncanakan')!.display!.map((d) => d.id);
    const model = document('atensi-rencana-intervensi', input(c));
    const pdf = path.join(dir, 'atensi-plan.pdf');
    await renderDocumentPdf(model, new Map(), undefined, pdf);
    firstPagePng(readFileSync(pdf), 'rencana-intervensi-atensi');
    const text = squash((await pdfText(readFileSync(pdf))).join('\n'));
    for (const needle of ['Rencana Intervensi (ATENSI)', 'Tujuan rencana', 'Komponen ATENSI', 'Indikator', ...chosen, 'Klien', 'Keluarga / wali', 'Mengetahui, Kepala']) expect(text, needle).toContain(squash(needle));
    const table = model.blocks.find((b) => b.kind === 'table');
    expect(table && table.kind === 'table' ? table.rows.map((r) => r[0]) : []).toEqual(chosen);
    expect(table && table.kind === 'table' ? table.rows.every((r) => r.slice(1).every((v) => v === '……')) : false).toBe(true);
  });

  it('a praktikan\'s activity log and process recording: a row per contact; the recording has the student\'s reflection and the supervisor\'s comment, and says it is not for filing', async () => {
    const c = clients.find((x) => x.name === 'praktikan')!;
    const first = c.seed.notes[0]!;
    const reviewLogs = { [first.id]: [{ at: first.createdAt, by: 5001, byName: 'Rina', action: 'feedback' as const, text: 'Gali lagi perasaan klien tentang sekolah.', version: 1 }] };
    const log = document('pkl-log-kegiatan', input(c));
    const logPdf = path.join(dir, 'pkl-log.pdf');
    await renderDocumentPdf(log, new Map(), undefined, logPdf);
    firstPagePng(readFileSync(logPdf), 'log-kegiatan-pkl');
    const logText = squash((await pdfText(readFileSync(logPdf))).join('\n'));
    for (const needle of ['Log Kegiatan Praktikum', 'Waktu', 'Tempat', 'Sasaran', 'Tujuan', 'Teknik', 'Proses', 'Hasil', '7 Sep 2026', 'Praktikan', 'Supervisor']) expect(logText, needle).toContain(squash(needle));
    const rows = log.blocks.find((b) => b.kind === 'table');
    expect(rows && rows.kind === 'table' ? rows.rows.length : 0).toBe(c.seed.notes.length);

    const recording = buildDocument(builtinTemplates().get('pkl-process-recording')!, { ...input(c), reviewLogs });
    const recPdf = path.join(dir, 'pkl-recording.pdf');
    await renderDocumentPdf(recording, new Map(), undefined, recPdf);
    firstPagePng(readFileSync(recPdf), 'process-recording-pkl');
    const recText = squash((await pdfText(readFileSync(recPdf))).join('\n'));
    expect(recText).toContain(squash('Rina: Gali lagi perasaan klien tentang sekolah.'));
    const reflection = c.seed.notes.flatMap((n) => n.items).find((i) => i.id === 'refleksi_peksos' && typeof i.value === 'string');
    if (reflection) expect(recText).toContain(squash((reflection.value as string).split('\n').at(-1)!));
    expect(recText).toContain(squash('RAHASIA, untuk petugas dan supervisor'));
  });

  it('F4 (folio) when a template asks for it, in both formats', async () => {
    const c = clients.find((x) => x.name === 'lapas')!;
    const model = { ...document('laporan-perkembangan', input(c)), paper: 'F4' as const };
    const pdf = path.join(dir, 'f4.pdf');
    await renderDocumentPdf(model, new Map(), undefined, pdf);
    expect(readFileSync(pdf).toString('latin1')).toMatch(/\/MediaBox \[0 0 609\.\d+ 935\.\d+\]/);
    const xml = strFromU8(unzipSync(new Uint8Array(await renderDocumentDocx(model, new Map(), undefined)))['word/document.xml']!);
    expect(xml).toMatch(/<w:pgSz w:w="12189" w:h="18709"/);
  });

  it('templates are checked like flows: an institution document may not print reflections or feedback; a question must exist', () => {
    expect(templateRefProblems(builtinTemplates(), catalog)).toEqual([]);
    const bad = mkdtempSync(path.join(os.tmpdir(), 'templates-'));
    writeFileSync(path.join(bad, 'laporan-perkembangan.yaml'), readFileSync('flows/reports/laporan-perkembangan.yaml'));
    writeFileSync(path.join(bad, 'bocor.yaml'), [
      'id: bocor',
      'title: { id: "Bocor" }',
      'short: { id: "Bocor" }',
      'audience: institution',
      'flows: [zastrow-mezzo]',
      'parts:',
      '  - part: table',
      '    columns:',
      '      - { label: { id: "Tanggal" }, value: date, width: 30 }',
      '      - { label: { id: "Refleksi" }, value: reflection, width: 40 }',
      '      - { label: { id: "Tidak ada" }, value: "question:tidak_ada_pertanyaan", width: 30 }',
    ].join('\n'));
    expect(() => loadTemplates(bad)).toThrow(/bocor\.yaml — parts\.0\.columns\.1\.value: "reflection" is the worker's or the supervisor's own/);
    writeFileSync(path.join(bad, 'bocor.yaml'), readFileSync(path.join(bad, 'bocor.yaml'), 'utf8').replace('value: reflection', 'value: date'));
    expect(templateRefProblems(loadTemplates(bad), catalog)).toEqual(['flows/reports/bocor.yaml — no question "tidak_ada_pertanyaan" in zastrow-mezzo']);
    rmSync(bad, { recursive: true, force: true });
  });
});

describe('the documents beside the institution report', () => {
  it('an IPWL\'s termination sheet is signed by the client and the family too; a Bapas\'s is not', async () => {
    for (const name of ['ipwl', 'bapas']) {
      const c = clients.find((x) => x.name === name)!;
      const closed = { ...c.seed.case, status: 'closed' as const, closure: { reason: 'selesai' as const, at: '2026-11-30T03:00:00Z', by: 7001 } };
      const sheet = buildTerminationSheet({ ...input(c), case: closed, supervisorName: 'Rina Marlina' });
      const pdf = path.join(dir, `term-${name}.pdf`);
      await renderTerminationPdf(sheet, pdf);
      const text = squash((await pdfText(readFileSync(pdf))).join('\n'));
      if (name === 'ipwl') {
        expect(sheet.alsoSign).toEqual(['Klien', 'Keluarga / wali']);
        expect(text).toContain(squash('Keluarga / wali'));
        firstPagePng(readFileSync(pdf), 'lembar-terminasi-ipwl');
      } else expect(sheet.alsoSign).toEqual([]);
    }
  });

  it('the supervision record (🗒 Catatan supervisi): first page rendered', async () => {
    const c = clients.find((x) => x.name === 'praktikan')!;
    const record = buildCaseReport({ ...input(c), reviewStates: {}, reviewLogs: {} });
    const pdf = path.join(dir, 'supervisi.pdf');
    await renderReportPdf(record, new Map(), pdf);
    const text = squash((await pdfText(readFileSync(pdf))).join('\n'));
    expect(text).toContain(squash('Catatan Supervisi'));
    firstPagePng(readFileSync(pdf), 'catatan-supervisi');
  });
});
