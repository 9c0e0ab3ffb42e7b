// 📑 Dokumen lain, tried as a worker would: a praktikan's case offers the activity log and the process
// recording, a Balai's ATENSI case its intervention plan, and a Bapas case nothing more; the file
// arrives, is opened, and is the document asked for. A forged template is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unzipSync, strFromU8 } from 'fflate';
import { buttons, Harness, team } from '../support/bot-harness.ts';
import { encode } from '../../src/telegram/callback-data.ts';
import type { FakeMessage } from '../support/fake-bot-api.ts';
import { buildSeed, writeSeed, type Seeded } from './fixtures.ts';
import { pdfText } from './pdf-read.ts';

const ADMIN = 4343;
const SUP = 5101;
const W1 = 6101;

let h: Harness;
let praktikan: Seeded;
let atensi: Seeded;
let bapas: Seeded;

const docs = (messages: FakeMessage[]) => messages.filter((m) => m.document);
const squash = (s: string) => s.replace(/\s+/g, '');

beforeAll(async () => {
  h = await Harness.start({ adminIds: [ADMIN], now: new Date('2026-11-23T03:00:00Z') });
  await team(h, { admin: { id: ADMIN, name: 'Ani' }, org: 'Balai Rehabilitasi Sosial Bandung', supervisor: { id: SUP, name: 'Rina' }, workers: [{ id: W1, name: 'Sari' }] });
  praktikan = buildSeed(h.catalog, { ownerId: W1, flowId: 'skidmore-casework', notes: 4, stages: 3, firstDay: '2026-09-07', initials: 'MN', age: 17 }, 'prakcase1');
  praktikan.case = { ...praktikan.case, setting: 'panti', facts: { peran: 'praktikan' } };
  atensi = buildSeed(h.catalog, { ownerId: W1, flowId: 'permensos-napza', notes: 5, stages: 4, firstDay: '2026-09-07', initials: 'RD', age: 29 }, 'atencase1');
  atensi.case = { ...atensi.case, setting: 'sentra', facts: { peran: 'peksos', zat_utama: 'sabu', rawat: 'inap', cara_masuk: 'keluarga' } };
  bapas = buildSeed(h.catalog, { ownerId: W1, flowId: 'bapas-eic', notes: 3, stages: 2, firstDay: '2026-09-07', initials: 'BZG', age: 41 }, 'bapacase1');
  bapas.case = { ...bapas.case, setting: 'bapas', facts: { peran: 'pk', program: 'pembebasan_bersyarat' } };
  for (const s of [praktikan, atensi, bapas]) await writeSeed(h.store, h.redis, h.keys, s, { id: SUP, name: 'Rina' });
}, 60_000);

afterAll(async () => {
  await h?.stop();
});

describe('📑 Dokumen lain', () => {
  it('a praktikan\'s case: the activity log and the process recording, each in Word or PDF; the log arrives as asked', async () => {
    await h.say('/laporan', { user: W1 });
    const [formats] = await h.tap('MN (17)', W1);
    // the setting's institution report first: a panti files the ATENSI beneficiary report
    expect(buttons(formats).map((b) => b.text)).toEqual(['📄 Word (DOCX)', '📕 PDF', '🗒 Catatan supervisi', '📑 Dokumen lain', '🗓 Pilih periode']);
    const [list] = await h.tap('Dokumen lain', W1);
    expect(list!.text).toContain('Dokumen lain untuk <b>MN (17)');
    expect(buttons(list).map((b) => b.text)).toEqual(['📄 Log kegiatan PKL', '📕 PDF', '📄 Process recording', '📕 PDF']);
    const got = docs(await h.tap('Log kegiatan PKL', W1));
    expect(got[0]?.document?.file_name).toMatch(/^pkl-log-kegiatan-MN-17-PRAKCA-2026-11-23\.docx$/);
    const xml = strFromU8(unzipSync(new Uint8Array(got[0]!.document!.bytes))['word/document.xml']!).replace(/<[^>]+>/g, '');
    for (const needle of ['Log Kegiatan Praktikum', 'Waktu', 'Sasaran', 'Teknik', 'Hasil', '7 Sep 2026']) expect(squash(xml), needle).toContain(squash(needle));
    expect(got[0]?.caption).toContain('Log Kegiatan Praktikum');
    const orgId = (await h.redis.hget(h.keys.membership(W1), 'orgId'))!;
    const last = (await h.redis.xrevrange(h.keys.audit(orgId), '+', '-', 'COUNT', 1))[0]![1];
    expect(JSON.parse(last[last.indexOf('detail') + 1]!)).toEqual({ what: 'document-docx', template: 'pkl-log-kegiatan', case: praktikan.case.id });
  });

  it('the main report follows the setting: a Balai\'s case gets "Laporan Perkembangan Penerima Manfaat", and ATENSI\'s plan as a PDF', async () => {
    await h.say('/laporan', { user: W1 });
    await h.tap('RD (29)', W1);
    const [main] = docs(await h.tap('PDF', W1));
    expect(squash((await pdfText(main!.document!.bytes)).join('\n'))).toContain(squash('Laporan Perkembangan Penerima Manfaat'));
    await h.say('/laporan', { user: W1 });
    await h.tap('RD (29)', W1);
    const [list] = await h.tap('Dokumen lain', W1);
    expect(buttons(list).map((b) => b.text)).toEqual(['📄 Rencana intervensi', '📕 PDF']);
    const [plan] = docs(await h.press(list!.message_id, encode({ kind: 'report-doc', caseId: atensi.case.id, template: 'atensi-rencana-intervensi', format: 'pdf' }), W1));
    const text = squash((await pdfText(plan!.document!.bytes)).join('\n'));
    for (const needle of ['Rencana Intervensi (ATENSI)', 'Komponen ATENSI', 'Keluarga / wali']) expect(text).toContain(squash(needle));
  });

  it('a Bapas case has no other document; a forged or unfitting template is refused and nothing is made', async () => {
    await h.say('/laporan', { user: W1 });
    const [formats] = await h.tap('BZG (41)', W1);
    expect(buttons(formats).map((b) => b.text)).not.toContain('📑 Dokumen lain');
    const before = docs(h.fake.messages(W1)).length;
    await h.press(formats!.message_id, encode({ kind: 'report-doc', caseId: bapas.case.id, template: 'pkl-log-kegiatan', format: 'pdf' }), W1);
    expect(h.lastAlert()).toMatch(/^Tombol ini sudah tidak berlaku\./);
    await h.press(formats!.message_id, encode({ kind: 'report-doc', caseId: bapas.case.id, template: 'tidak-ada', format: 'pdf' }), W1);
    expect(h.lastAlert()).toMatch(/^Tombol ini sudah tidak berlaku\./);
    expect(docs(h.fake.messages(W1))).toHaveLength(before);
  });
});
