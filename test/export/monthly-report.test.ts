// 🗓 Reports of a period (issue #27.3), tried as people would through the real bot and the export
// worker's code (DirectExports): a worker's monthly report across all their clients, a supervisor's
// report of each worker and their recap, a case's report of a typed range. The files the fake Bot API
// received are opened: the Word table read cell by cell from word/document.xml, the PDF's text.
// Every expected figure is worked out here from the seeded records, not by the exporter's code.
import { PNG } from 'pngjs';
import { firstPagePng } from './page-png.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unzipSync, strFromU8 } from 'fflate';
import { buttons, Harness, team } from '../support/bot-harness.ts';
import { createI18n } from '../../src/bot/create-bot.ts';
import { createLogger } from '../../src/logger.ts';
import { runExport, type ExportDeps } from '../../src/export/run.ts';
import type { ExportJob } from '../../src/export/jobs.ts';
import type { FakeMessage } from '../support/fake-bot-api.ts';
import type { CaseRecord, NoteRecord } from '../../src/store/records.ts';
import { questionIn } from '../../src/export/item-meta.ts';
import { buildSeed, writeSeed, type Seeded } from './fixtures.ts';
import { pdfText } from './pdf-read.ts';

const ADMIN = 4242; // Ani
const SUP = 5001; // Rina
const W1 = 6001; // Budi
const W2 = 6002; // Dewi
const OCT = { from: '2026-10-01', to: '2026-10-31' };

let h: Harness;
let orgId: string;
const seeds: Record<number, Seeded[]> = { [W1]: [], [W2]: [] };

const docs = (ms: FakeMessage[]) => ms.filter((m) => m.document);
const squash = (s: string) => s.replace(/\s+/g, '');

/** word/document.xml: its text, and its tables as rows of cell texts. */
function docx(bytes: Buffer): { text: string; tables: string[][][]; xml: string } {
  const xml = strFromU8(unzipSync(new Uint8Array(bytes))['word/document.xml']!);
  const plain = (s: string) => s.replace(/<w:p[ >]/g, '\n$&').replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").trim();
  const tables = [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((t) => [...t[1]!.matchAll(/<w:tr[ >]([\s\S]*?)<\/w:tr>/g)].map((r) => [...r[1]!.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((c) => plain(c[1]!))));
  return { text: plain(xml), tables, xml };
}

const code = (c: CaseRecord) => `${c.initials} (${c.age}) #${c.id.slice(0, 6).toUpperCase()}`;
const held = (n: NoteRecord) => !n.items.some((i) => i.id === 'sesi_dilaksanakan' && (i.value === 'tidak' || i.value === 'tanpa_klien'));
const missed = (n: NoteRecord) => n.items.some((i) => i.id === 'sesi_dilaksanakan' && i.value === 'tidak');
const inOct = (n: NoteRecord) => n.sessionDate! >= OCT.from && n.sessionDate! <= OCT.to;

/** The answers a note prints under Hambatan (the flow's section), as typed. */
function typedIn(n: NoteRecord, section: string): string[] {
  return n.items.filter((i) => typeof i.value === 'string' && (i.type === 'text' || i.type === 'longtext') && questionIn(h.catalog.get(n.flowId), n.stageId, i.id)?.section === section).map((i) => i.value as string);
}

function expectNothingOfSupervision(text: string): void {
  expect(text).not.toContain('refleksi_peksos');
  expect(text).not.toContain('untuk_supervisor');
  expect(text).not.toContain('Tolong lengkapi');
  expect(text).not.toMatch(/Menunggu tinjauan|Perlu perbaikan|Disetujui|Tanggapan supervisor/);
}

function deps(): ExportDeps {
  const i18n = createI18n();
  return { redis: h.redis, keys: h.keys, store: h.store, api: h.bot.api, fileUrl: (p) => p, catalog: h.catalog, i18n: { t: (l, k, v) => i18n.t(l, k, v) }, logger: createLogger('silent') };
}

async function seed(s: Seeded, patch: Partial<CaseRecord> = {}): Promise<void> {
  s.case = { ...s.case, ...patch };
  seeds[s.case.ownerId]!.push(s);
  await writeSeed(h.store, h.redis, h.keys, s, { id: SUP, name: 'Rina' });
}

beforeAll(async () => {
  h = await Harness.start({ adminIds: [ADMIN], now: new Date('2026-11-23T03:00:00Z') });
  await team(h, { admin: { id: ADMIN, name: 'Ani' }, supervisor: { id: SUP, name: 'Rina' }, workers: [{ id: W1, name: 'Budi' }, { id: W2, name: 'Dewi' }] });
  orgId = (await h.redis.hget(h.keys.membership(W1), 'orgId'))!;
  // Budi: a family case from September to November, a Bapas parolee from October, a case ended in
  // October (its notes all in September), and a case opened in November (not in October's report)
  await seed(buildSeed(h.catalog, { ownerId: W1, flowId: 'zastrow-mezzo', notes: 9, stages: 3, firstDay: '2026-09-07' }, 'budiaaaa01'));
  await seed(buildSeed(h.catalog, { ownerId: W1, flowId: 'bapas-eic', notes: 5, stages: 2, firstDay: '2026-10-05', initials: 'BZG', age: 41 }, 'budibbbb02'), { setting: 'bapas', facts: { peran: 'pk', program: 'pembebasan_bersyarat' } });
  await seed(buildSeed(h.catalog, { ownerId: W1, flowId: 'zastrow-mezzo', notes: 3, stages: 1, firstDay: '2026-09-01', initials: 'RO', age: 19 }, 'budicccc03'), { status: 'closed', closure: { reason: 'selesai', at: '2026-10-20T03:00:00.000Z', by: W1 } });
  await seed(buildSeed(h.catalog, { ownerId: W1, flowId: 'zastrow-mezzo', notes: 1, stages: 1, firstDay: '2026-11-16', initials: 'Tu', age: 30 }, 'budidddd04'));
  // Dewi: one Bapas client, and an open risk alert on it (one more followed up: not open)
  await seed(buildSeed(h.catalog, { ownerId: W2, flowId: 'bapas-eic', notes: 6, stages: 2, firstDay: '2026-09-28', initials: 'Ka', age: 25 }, 'dewieeee05'), { setting: 'bapas', facts: { peran: 'pk', program: 'cuti_bersyarat' } });
  const p = h.redis.pipeline();
  for (const [riskId, done] of [['risk00001', false], ['risk00002', true]] as const) {
    h.store.writeRisk(p, W2, orgId, 'dewieeee05', riskId, { alert: { id: riskId, orgId, workerId: W2, caseId: 'dewieeee05', client: 'Ka (25)', workerName: 'Dewi', flags: [{ id: 'Kekerasan' }], raisedAt: '2026-10-10T03:00:00.000Z', to: [] } });
    if (done) h.store.writeRisk(p, W2, orgId, 'dewieeee05', riskId, { done: { by: SUP, byName: 'Rina', at: '2026-10-11T03:00:00.000Z', note: 'ok' } });
  }
  await p.exec();
}, 60_000);

afterAll(async () => {
  await h?.stop();
});

describe("a worker's monthly report", () => {
  it('/laporan → 🗓 Laporan bulanan → Bulan lalu → Word: one table of October\'s contacts of every client in date order, then a section per client; nothing of supervision', async () => {
    const [list] = await h.say('/laporan', { user: W1 });
    expect(buttons(list).map((b) => b.text)).toContain('🗓 Laporan bulanan');
    const [ask] = await h.tap('Laporan bulanan', W1);
    expect(ask!.text).toContain('Periodenya?');
    expect(buttons(ask).map((b) => b.text)).toEqual(['Bulan ini (November)', 'Bulan lalu (Oktober)', '✏️ Rentang tanggal']);
    const [formats] = await h.tap('Bulan lalu', W1);
    expect(formats!.text).toContain('Periode: Oktober 2026');
    expect(buttons(formats).map((b) => b.text)).toEqual(['📕 PDF', '📄 Word', '📕+📄 Keduanya']);
    const got = docs(await h.tap('Word', W1));
    expect(got.map((m) => m.document!.file_name)).toEqual(['laporan-bulanan-Budi-2026-10-01-2026-10-31.docx']);
    // the numbers worked out from the seeds: October's notes of every case, by day then client
    const october = seeds[W1]!.flatMap((s) => s.notes.filter(inOct).map((n) => ({ n, c: s.case })));
    october.sort((a, b) => a.n.sessionDate!.localeCompare(b.n.sessionDate!) || code(a.c).localeCompare(code(b.c), 'id'));
    expect(october.length).toBe(8);
    expect(got[0]!.caption).toBe(`🗓 Laporan Budi · Oktober 2026 · 3 klien, 8 kontak`);
    const { text, tables, xml } = docx(got[0]!.document!.bytes);
    // A4 landscape
    expect(xml).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/);
    const table = tables.find((t) => t[0]?.[0] === 'Klien')!;
    expect(table[0]).toEqual(['Klien', 'Tanggal', 'Jenis kontak', 'Terlaksana', 'Kegiatan (tahap)', 'Kemajuan (1–5)', 'Hambatan', 'Tindak lanjut']);
    const rows = table.slice(1);
    expect(rows.map((r) => [r[0], r[1]])).toEqual(october.map(({ n, c }) => [code(c), `${Number(n.sessionDate!.slice(8))}/10`]));
    rows.forEach((r, i) => {
      const { n } = october[i]!;
      const flow = h.catalog.get(n.flowId)!;
      expect(r[4]).toBe(flow.stages.find((s) => s.id === n.stageId)!.title.id);
      expect(r[3]!.startsWith(held(n) ? 'Terlaksana' : 'Tidak terlaksana')).toBe(true);
      const rating = n.items.find((x) => x.id === 'kemajuan_tujuan')?.value;
      expect(r[5]).toBe(typeof rating === 'number' ? String(rating) : '—');
      const obstacles = typedIn(n, 'hambatan');
      if (obstacles.length === 0 && n.items.every((x) => questionIn(flow, n.stageId, x.id)?.section !== 'hambatan' || x.value === null)) expect(r[6]).toBe('—');
      for (const o of obstacles) expect(r[6]).toContain(o.slice(0, 20));
      for (const step of typedIn(n, 'rencana')) expect(r[7]).toContain(step.slice(0, 20));
    });
    // a section per client in October's care: the ended case says so, the November case is not there
    expect(text).toContain('Perkembangan per klien');
    for (const s of seeds[W1]!.slice(0, 3)) expect(text).toContain(code(s.case));
    expect(text).not.toContain(code(seeds[W1]![3]!.case));
    expect(squash(text)).toContain(squash('Program: Pembebasan bersyarat'));
    expect(squash(text)).toContain(squash('Diakhiri Selasa, 20 Oktober 2026 (Selesai sesuai rencana) · Tidak ada kontak pada periode ini.'));
    // the header and signatures: RAHASIA, the organisation, the worker and their job title, the period
    expect(text).toMatch(/^RAHASIA/);
    expect(text).toContain('Bapas Kelas I Bandung');
    expect(text).toContain('Pekerja Sosial');
    expect(text).toContain('Mengetahui, Kepala Bapas Kelas I Bandung');
    expectNothingOfSupervision(text);
    // nothing outside October: a September note's answers are not in it
    expect(text).not.toContain('September 2026 —');
    expect(text).not.toContain('November 2026 —');
  });

  it('PDF: the same contacts, A4 landscape, headings in order, no reflection', async () => {
    await h.say('/laporan', { user: W1 });
    await h.tap('Laporan bulanan', W1);
    await h.tap('Bulan lalu', W1);
    const [pdf] = docs(await h.tap('PDF', W1));
    expect(pdf!.document!.file_name).toBe('laporan-bulanan-Budi-2026-10-01-2026-10-31.pdf');
    expect(pdf!.document!.bytes.toString('latin1')).toMatch(/\/MediaBox \[0 0 841\.\d+ 595\.\d+\]/);
    const text = (await pdfText(pdf!.document!.bytes)).join('\n');
    const hay = squash(text);
    let at = 0;
    for (const needle of ['RAHASIA', 'Bapas Kelas I Bandung', 'Laporan Bulanan', 'Oktober 2026', 'Budi', 'Rekapitulasi kegiatan', 'Perkembangan per klien', 'Mengetahui, Kepala Bapas Kelas I Bandung', 'NIP.']) {
      const i = hay.indexOf(squash(needle), at);
      expect(i, needle).toBeGreaterThanOrEqual(0);
      at = i;
    }
    expectNothingOfSupervision(text);
    expect(PNG.sync.read(firstPagePng(pdf!.document!.bytes, 'laporan-bulanan')).width).toBeGreaterThan(600);
  });

  it('a typed range: a bad one is answered clearly and the wait goes on; "1/10 - 15/10" makes both files of those days only', async () => {
    await h.say('/laporan', { user: W1 });
    await h.tap('Laporan bulanan', W1);
    const [prompt] = await h.tap('Rentang tanggal', W1);
    expect(prompt!.text).toContain('1/10 - 15/11');
    const [bad] = await h.say('kemarin lusa sampai', { user: W1 });
    expect(bad!.text).toBe('Rentang itu tidak terbaca. Tulis dua tanggal dengan tanda - di antaranya, misalnya 1/10 - 15/11.');
    const [wrong] = await h.say('15/10 - 1/10', { user: W1 });
    expect(wrong!.text).toBe('Tanggal awal harus sebelum tanggal akhir, misalnya 1/10 - 15/11.');
    const [formats] = await h.say('1 Oktober - 15 Oktober', { user: W1 });
    expect(formats!.text).toContain('Periode: 1 Oktober 2026 – 15 Oktober 2026');
    const got = docs(await h.tap('Keduanya', W1));
    expect(got.map((m) => m.document!.file_name)).toEqual(['laporan-bulanan-Budi-2026-10-01-2026-10-15.pdf', 'laporan-bulanan-Budi-2026-10-01-2026-10-15.docx']);
    const rows = docx(got[1]!.document!.bytes).tables.find((t) => t[0]?.[0] === 'Klien')!.slice(1);
    const expected = seeds[W1]!.flatMap((s) => s.notes.filter((n) => n.sessionDate! >= '2026-10-01' && n.sessionDate! <= '2026-10-15'));
    expect(rows).toHaveLength(expected.length);
    expect(rows.map((r) => r[1])).toEqual(expected.map((n) => `${Number(n.sessionDate!.slice(8))}/10`).sort((a, b) => Number(a.split('/')[0]) - Number(b.split('/')[0])));
  });

  it('in English', async () => {
    await h.say('/bahasa', { user: W1 });
    await h.tap('English', W1);
    await h.say('/laporan', { user: W1 });
    const [ask] = await h.tap('Monthly report', W1);
    expect(buttons(ask).map((b) => b.text)).toEqual(['This month (November)', 'Last month (October)', '✏️ Date range']);
    await h.tap('Last month', W1);
    const [doc] = docs(await h.tap('Word', W1));
    expect(doc!.document!.file_name).toBe('monthly-report-Budi-2026-10-01-2026-10-31.docx');
    const { text, tables } = docx(doc!.document!.bytes);
    expect(tables.some((t) => t[0]?.join('|') === 'Client|Date|Contact type|Held|Activity (stage)|Progress (1–5)|Obstacles|Next step')).toBe(true);
    expect(text).toContain('CONFIDENTIAL');
    expect(text).toContain('October 2026');
    expect(text).toContain('Progress per client');
    await h.say('/bahasa', { user: W1 });
    await h.tap('Indonesia', W1);
  });

  it("a worker cannot make another worker's report (a forged button), and it is audited", async () => {
    const before = await h.redis.xlen(h.keys.audit(orgId));
    const messages = h.fake.messages(W2).length;
    await h.press(1, `bw:${orgId}:${W1}:20261001:20261031:p`, W2);
    expect(h.lastAlert()).toBe('Anda tidak punya akses ke catatan petugas ini.');
    expect(h.fake.messages(W2)).toHaveLength(messages);
    expect(await h.redis.xlen(h.keys.audit(orgId))).toBe(before + 1);
  });
});

describe("a supervisor's reports", () => {
  it('/laporan → 🗓 Laporan pekerja → Budi → Bulan lalu → PDF: Budi\'s report, in Rina\'s chat; audited with ids and days', async () => {
    const [how] = await h.say('/laporan', { user: SUP });
    expect(buttons(how).map((b) => b.text)).toEqual(['🗓 Laporan pekerja', '📊 Rekap']);
    const [pick] = await h.tap('Laporan pekerja', SUP);
    expect(buttons(pick).map((b) => b.text)).toEqual(['👥 Semua pekerja (2)', 'Budi', 'Dewi']);
    const [ask] = await h.tap('Budi', SUP);
    expect(ask!.text).toContain('Laporan bulanan Budi');
    await h.tap('Bulan lalu', SUP);
    const workerDocs = docs(h.fake.messages(W1)).length;
    const [pdf] = docs(await h.tap('PDF', SUP));
    expect(pdf!.document!.file_name).toBe('laporan-bulanan-Budi-2026-10-01-2026-10-31.pdf');
    const text = (await pdfText(pdf!.document!.bytes)).join('\n');
    for (const s of seeds[W1]!.slice(0, 3)) expect(squash(text)).toContain(squash(code(s.case)));
    expectNothingOfSupervision(text);
    expect(docs(h.fake.messages(W1))).toHaveLength(workerDocs);
    const last = (await h.redis.xrevrange(h.keys.audit(orgId), '+', '-', 'COUNT', 1))[0]![1];
    expect(JSON.parse(last[last.indexOf('detail') + 1]!)).toEqual({ what: 'monthly', format: 'pdf', worker: String(W1), from: '2026-10-01', to: '2026-10-31' });
  });

  it('👥 Semua pekerja: one file per worker', async () => {
    await h.say('/laporan', { user: SUP });
    await h.tap('Laporan pekerja', SUP);
    await h.tap('Semua pekerja', SUP);
    await h.tap('Bulan lalu', SUP);
    const got = docs(await h.tap('Word', SUP));
    expect(got.map((m) => m.document!.file_name)).toEqual(['laporan-bulanan-Budi-2026-10-01-2026-10-31.docx', 'laporan-bulanan-Dewi-2026-10-01-2026-10-31.docx']);
  });

  it('📊 Rekap → Bulan lalu → Word: per worker the clients by program, held and missed contacts, home visits, open risks, cases ended, and the totals', async () => {
    await h.say('/laporan', { user: SUP });
    await h.tap('Rekap', SUP);
    await h.tap('Bulan lalu', SUP);
    const [doc] = docs(await h.tap('Word', SUP));
    expect(doc!.document!.file_name).toBe('rekap-2026-10-01-2026-10-31.docx');
    expect(doc!.caption).toBe('📊 Rekap 2 pekerja · Oktober 2026');
    const { text, tables } = docx(doc!.document!.bytes);
    const table = tables.find((t) => t[0]?.[0] === 'Petugas')!;
    expect(table[0]).toEqual(['Petugas', 'Klien dalam bimbingan (per program)', 'Kontak terlaksana', 'Tidak terlaksana', 'Kunjungan rumah', 'Risiko terbuka', 'Kasus diakhiri']);
    const figures = (w: number) => {
      const notes = seeds[w]!.flatMap((s) => s.notes.filter(inOct));
      const homes = notes.filter((n) => held(n) && n.items.some((i) => i.id === 'jenis_kontak' && i.value === 'kunjungan_rumah')).length;
      const inCare = seeds[w]!.filter((s) => s.case.createdAt.slice(0, 10) <= OCT.to && (s.case.status === 'active' || s.case.closure!.at.slice(0, 10) >= OCT.from)).length;
      const ended = seeds[w]!.filter((s) => s.case.status === 'closed' && s.case.closure!.at.slice(0, 10) <= OCT.to && s.case.closure!.at.slice(0, 10) >= OCT.from).length;
      return { inCare, held: notes.filter(held).length, missed: notes.filter(missed).length, homes, ended };
    };
    const budi = figures(W1);
    const dewi = figures(W2);
    expect(budi).toMatchObject({ inCare: 3, ended: 1 });
    // the two IPWL cases have no Bapas program: counted by their place of service
    expect(table[1]!.slice(0, 2)).toEqual(['Budi', '3 (Tanpa program (IPWL) 2, Pembebasan bersyarat 1)']);
    expect(table[1]!.slice(2)).toEqual([budi.held, budi.missed, budi.homes, 0, budi.ended].map(String));
    expect(table[2]!).toEqual(['Dewi', '1 (Cuti bersyarat 1)', ...[dewi.held, dewi.missed, dewi.homes, 1, dewi.ended].map(String)]);
    expect(table[3]!).toEqual(['Jumlah', '4', ...[budi.held + dewi.held, budi.missed + dewi.missed, budi.homes + dewi.homes, 1, budi.ended + dewi.ended].map(String)]);
    const programs = tables.find((t) => t[0]?.[0] === 'Program')!;
    expect(programs.slice(1).map((r) => [r[0], r[1]])).toContainEqual(['Cuti bersyarat', '1']);
    expect(programs.slice(1).map((r) => [r[0], r[1]])).toContainEqual(['Pembebasan bersyarat', '1']);
    expect(text).toContain('Rina');
    // counts only: no client is named
    for (const s of [...seeds[W1]!, ...seeds[W2]!]) expect(text).not.toContain(`#${s.case.id.slice(0, 6).toUpperCase()}`);
  });

  it('a worker unassigned before the job ran: refused when it runs; and at the press', async () => {
    // the job was queued while Rina supervised Dewi
    const job: ExportJob = { userId: SUP, lang: 'id', zone: 'Asia/Jakarta', at: '2026-11-23T03:00:00Z', kind: 'monthly', orgId, workers: [W2], period: OCT, formats: ['pdf'] };
    await h.say('/laporan', { user: SUP });
    await h.tap('Laporan pekerja', SUP);
    await h.tap('Dewi', SUP);
    const [formats] = await h.tap('Bulan lalu', SUP);
    await h.redis.srem(h.keys.workersOf(SUP, orgId), String(W2));
    try {
      const sentBefore = docs(h.fake.messages(SUP)).length;
      expect(await runExport(deps(), job, 'export-test-unassigned')).toBe('refused');
      expect(h.fake.lastMessage(SUP)?.text).toBe('Laporan tidak dibuat: Anda tidak lagi menjadi supervisor petugas ini.');
      // the recap leaves her out
      expect(await runExport(deps(), { ...job, kind: 'recap', workers: [W1, W2], formats: ['docx'] }, 'export-test-recap-unassigned')).toBe('sent');
      const recap = docx(docs(h.fake.messages(SUP)).at(-1)!.document!.bytes);
      expect(recap.tables.find((t) => t[0]?.[0] === 'Petugas')!.slice(1).map((r) => r[0])).toEqual(['Budi', 'Jumlah']);
      expect(docs(h.fake.messages(SUP))).toHaveLength(sentBefore + 1);
      // and a press of the buttons shown before: refused there
      await h.press(formats!.message_id, buttons(formats).find((b) => b.text.includes('PDF'))!.callback_data, SUP);
      expect(h.lastAlert()).toBe('Anda tidak punya akses ke catatan petugas ini.');
      expect(docs(h.fake.messages(SUP))).toHaveLength(sentBefore + 1);
    } finally {
      await h.redis.sadd(h.keys.workersOf(SUP, orgId), String(W2));
    }
  });

  it('workers get no 📊 Rekap (a forged button is refused)', async () => {
    const [list] = await h.say('/laporan', { user: W1 });
    expect(buttons(list).map((b) => b.text)).not.toContain('📊 Rekap');
    await h.press(1, `bx:${orgId}:20261001:20261031:p`, W1);
    expect(h.lastAlert()).toBe('Anda tidak punya akses ke catatan petugas ini.');
  });

  it('a forged period (reversed, or years long) is refused at the press, and nothing is made or audited', async () => {
    const before = await h.redis.xlen(h.keys.audit(orgId));
    const files = docs(h.fake.messages(W1)).length;
    await h.press(1, `bw:${orgId}:${W1}:20261031:20261001:p`, W1);
    expect(h.lastAlert()).toMatch(/^Tombol ini sudah tidak berlaku\./);
    await h.press(1, `bw:${orgId}:${W1}:20200101:20261031:p`, W1);
    expect(h.lastAlert()).toMatch(/^Tombol ini sudah tidak berlaku\./);
    expect(docs(h.fake.messages(W1))).toHaveLength(files);
    expect(await h.redis.xlen(h.keys.audit(orgId))).toBe(before);
  });
});

describe("a case's report of a period", () => {
  it('🗓 Pilih periode on the case screen → Bulan lalu → PDF: only October\'s sessions', async () => {
    await h.say('/laporan', { user: W1 });
    const [formats] = await h.tap('Si (42)', W1);
    expect(buttons(formats).map((b) => b.text)).toContain('🗓 Pilih periode');
    await h.tap('Pilih periode', W1);
    const [make] = await h.tap('Bulan lalu', W1);
    expect(buttons(make).map((b) => b.text)).toEqual(['📄 Word (DOCX)', '📕 PDF']);
    const [pdf] = docs(await h.tap('PDF', W1));
    const text = (await pdfText(pdf!.document!.bytes)).join('\n');
    expect(text).toContain('Kamis, 1 Oktober 2026 sampai Sabtu, 31 Oktober 2026');
    expect(text).toContain('Senin, 5 Oktober 2026');
    expect(text).toContain('Senin, 26 Oktober 2026');
    expect(text).not.toContain('September 2026 —');
    expect(text).not.toContain('2 November 2026 —');
    expect(pdf!.caption).toContain('4 catatan');
  });
});
