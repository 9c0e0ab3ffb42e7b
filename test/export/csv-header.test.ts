// #27 point 7: the spreadsheet's first row names each column once, in Indonesian and in English
// (pandas, R and Power Query rename a repeated name to "jenis_kontak.1"); and /ekspor from an
// ADMIN_IDS user who has not founded an organisation points to /lembaga. Real updates through the
// real bot, the CSV the supervisor received parsed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { ADMIN, Harness, team } from '../support/bot-harness.ts';
import { createI18n } from '../../src/bot/create-bot.ts';
import { notesHeader } from '../../src/export/notes-table.ts';
import { buildSeed, writeSeed, type Seeded } from './fixtures.ts';

const SUP = 5201; // Rina
const W = 6201; // Budi
const FOUNDER = 4343; // in ADMIN_IDS, no organisation yet

let h: Harness;
let seed: Seeded;

beforeAll(async () => {
  h = await Harness.start({ adminIds: [ADMIN, FOUNDER], now: new Date('2026-11-23T03:00:00Z') });
  await team(h, { supervisor: { id: SUP, name: 'Rina' }, workers: [{ id: W, name: 'Budi' }] });
  seed = buildSeed(h.catalog, { ownerId: W, flowId: 'zastrow-mezzo', notes: 6, stages: 3, firstDay: '2026-10-05' }, 'csvcase1');
  await writeSeed(h.store, h.redis, h.keys, seed, { id: SUP, name: 'Rina' });
}, 60_000);

afterAll(async () => {
  await h?.stop();
});

/** The notes CSV of /ekspor → Semuanya / Everything, its byte-order mark aside. */
async function exported(everything: string): Promise<string> {
  await h.say('/ekspor', { user: SUP });
  const got = (await h.tap(everything, SUP)).filter((m) => m.document);
  const notes = got.find((m) => m.document!.file_name!.includes('zastrow-mezzo'))!;
  return notes.document!.bytes.subarray(3).toString('utf8');
}

describe('the spreadsheet\'s header', () => {
  it('each name once, in Indonesian and in English; the contact type once, and the same columns in both', async () => {
    const csv = await exported('Semuanya');
    const [head, ...rows] = parse(csv) as string[][];
    expect(new Set(head).size).toBe(head!.length);
    expect(head!.filter((c) => c === 'jenis_kontak')).toHaveLength(1);
    expect(head!.slice(0, 8)).toEqual(['pekerja', 'kasus', 'model', 'tahap', 'tanggal', 'jenis_kontak', 'terlaksana', 'status_tinjauan']);
    expect(rows).toHaveLength(seed.notes.length);
    // read by name, as a spreadsheet does: the contact type is the note's
    const records = parse(csv, { columns: true }) as Record<string, string>[];
    const first = [...seed.notes].sort((a, b) => a.sessionDate!.localeCompare(b.sessionDate!))[0]!;
    expect(records[0]!.jenis_kontak).toBe(first.items.find((i) => i.id === 'jenis_kontak')!.display!.map((d) => d.id).join('; '));

    await h.say('/bahasa', { user: SUP });
    await h.tap('English', SUP);
    const [enHead] = parse(await exported('Everything')) as string[][];
    await h.say('/bahasa', { user: SUP });
    await h.tap('Indonesia', SUP);
    expect(new Set(enHead).size).toBe(enHead!.length);
    expect(enHead!.slice(0, 8)).toEqual(['worker', 'case', 'model', 'stage', 'date', 'contact_type', 'held', 'review_state']);
    expect(enHead).not.toContain('jenis_kontak');
    // the questions' columns: the same ids, in the same order, whichever the language
    expect(enHead!.slice(8)).toEqual(head!.slice(8));
  });

  it('a question id that reads as a fixed column\'s name is told apart: "tahap_jawaban", "model_answer"', () => {
    const i18n = createI18n();
    const ids = ['tahap', 'model', 'model_jawaban', 'tujuan'];
    const id = notesHeader((k, v) => i18n.t('id', k, v), ids);
    expect(id.slice(8)).toEqual(['tahap_jawaban', 'model_jawaban', 'model_jawaban_2', 'tujuan']);
    const en = notesHeader((k, v) => i18n.t('en', k, v), ids);
    expect(en.slice(8)).toEqual(['tahap', 'model_answer', 'model_jawaban', 'tujuan']);
    for (const head of [id, en]) expect(new Set(head).size).toBe(head.length);
  });
});

describe('/ekspor before an organisation exists', () => {
  it('an ADMIN_IDS user who has not founded one is pointed to /lembaga (Indonesian, English); a worker is still told who may export', async () => {
    const [idReply] = await h.say('/ekspor', { user: FOUNDER, languageCode: 'id' });
    expect(idReply!.text).toBe('Anda belum punya lembaga. Buat lembaga dulu dengan /lembaga, lalu undang supervisor dan petugas: catatan pekerja yang ditugaskan kepada Anda bisa diekspor di sini.');
    await h.say('/bahasa', { user: FOUNDER });
    await h.tap('English', FOUNDER);
    const [enReply] = await h.say('/export', { user: FOUNDER });
    expect(enReply!.text).toBe('You have not set up an organisation yet. Set it up with /lembaga, then invite supervisors and workers: the notes of the workers assigned to you can be exported here.');
    // nothing was made, nothing queued
    expect(h.fake.messages(FOUNDER).some((m) => m.document)).toBe(false);
    const [worker] = await h.say('/ekspor', { user: W });
    expect(worker!.text).toBe('Ekspor catatan hanya untuk supervisor dan admin.');
  });
});
