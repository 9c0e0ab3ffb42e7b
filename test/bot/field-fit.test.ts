// Notes a PK, a peksos and a dosen pembimbing would sign (issue 8): a session held with changes
// keeps its stage questions; one that did not take place moves nothing; a case ends from its card
// with a reason; supervisors read in their own language (summary and digest); a revision's old
// answers can be read; a risk flag reaches the supervisor at once; answers carry over; the last
// note is recalled. Real updates, real Redis, the fake Bot API.
import { Api } from 'grammy';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, buttons, Harness, invitationCode, openCase, team as makeTeam } from '../support/bot-harness.ts';
import { fillNote } from '../support/note-driver.ts';
import { encode } from '../../src/telegram/callback-data.ts';
import { END_REASONS } from '../../src/store/records.ts';
import { sendDigest } from '../../src/reminders/digest-job.ts';
import { bullConnection, ReminderQueues, type ReminderControl } from '../../src/reminders/queues.ts';
import { createI18n } from '../../src/bot/create-bot.ts';
import { createLogger } from '../../src/logger.ts';
import { redisUrl } from '../support/redis.ts';

const SUP = 5101;
const WORKER = 6101;

let h: Harness;
const syncs: number[] = [];
const reminders: ReminderControl = {
  requestSync: async (userId) => {
    syncs.push(userId);
  },
  snooze: async () => undefined,
};

beforeEach(async () => {
  syncs.length = 0;
  h = await Harness.start({ now: new Date('2025-03-14T03:00:00Z'), reminders });
});
afterEach(async () => {
  await h.stop();
});

async function team(supLang?: string): Promise<void> {
  await makeTeam(h, { supervisor: { id: SUP, name: 'Rina', ...(supLang ? { languageCode: supLang } : {}) }, workers: [{ id: WORKER, name: 'Budi' }] });
}

async function startNote(user: number, stage?: string): Promise<void> {
  await h.say('/catat', { user });
  await h.tap('Si (42)', user);
  if (stage) {
    await h.tap('Tahap lain', user);
    await h.tap(stage, user);
  } else {
  }
}

describe('did the session take place?', () => {
  it('a session held with changes keeps every stage question, and records what changed', async () => {
    const caseId = await openCase(h);
    await startNote(ADMIN);
    const asked = await fillNote(h, { answers: { sesi_dilaksanakan: { tap: 'Ya, dengan perubahan' }, perubahan_rencana: { type: 'Keluarga tidak datang; sesi dipersingkat.' } } });
    const flow = h.catalog.get('zastrow-mezzo')!;
    // the stage's own questions (gated only on the session being held) were all asked
    const own = flow.stages[0]!.questions.filter((q) => JSON.stringify(q.when) === JSON.stringify(flow.gate) && !q.optional);
    expect(own.length).toBeGreaterThan(2);
    for (const q of own) expect(asked).toContain(q.id);
    expect(asked).toContain('perubahan_rencana');
    await h.tap('Simpan');
    const note = Object.values((await h.workspace(ADMIN, caseId)).notes!)[0]!;
    expect(note.flowVersion).toBe(7);
    expect(note.items.find((i) => i.id === 'sesi_dilaksanakan')).toMatchObject({ value: 'ada_perubahan', display: [{ id: 'Ya, dengan perubahan' }] });
    expect(note.items.find((i) => i.id === 'perubahan_rencana')?.value).toBe('Keluarga tidak datang; sesi dipersingkat.');
    expect(note.items.length).toBeGreaterThan(8);
  });

  it('a session that did not take place moves no stage and offers no closing', async () => {
    const caseId = await openCase(h);
    // a note "for the last stage" of a session that did not happen
    await startNote(ADMIN, '8. Evaluasi');
    await fillNote(h, { answers: { sesi_dilaksanakan: { tap: 'Tidak terlaksana' }, alasan_tidak_jadi: { tap: 'Klien sakit' } } });
    const [saved] = await h.tap('Simpan');
    expect(saved!.text).toContain('Sesi tidak terlaksana, jadi tahap kasus tidak berubah.');
    expect(buttons(saved).map((b) => b.text)).not.toEqual(expect.arrayContaining([expect.stringMatching(/Akhiri|Ke tahap/)]));
    const c = (await h.workspace()).cases[caseId]!;
    expect(c).toMatchObject({ stageId: 'penyadaran_masalah', status: 'active', noteCount: 1 });
    expect(c.lastNote).toMatchObject({ held: false, stageId: 'evaluasi' });
    // the next /catat recalls it in three lines
    await h.say('/catat');
    const [first] = await h.tap('Si (42)');
    // too long to share the first question's screen: the case list became the recap, the question follows
    const recap = h.fake.messages(ADMIN).at(-2)!;
    expect(recap.text).toContain('🗒 <b>Catatan terakhir</b> (14 Maret 2025 (sesi tidak terlaksana), tahap 8):');
    // above the first question of a note at the case's stage, still stage 1
    expect(first!.text).toContain('<i>Si (42) · Tahap 1/8');
    expect(first!.text).toContain('Pertanyaan 1 dari');
  });
});

describe('lost contact (src/cases/contact.ts)', () => {
  it('two "Tidak jadi" in a row and a planned meeting that passed show on the case card; a held session clears the misses', async () => {
    const caseId = await openCase(h);
    for (const why of ['Klien sakit', 'Klien tidak datang']) {
      await startNote(ADMIN);
      await fillNote(h, { answers: { sesi_dilaksanakan: { tap: 'Tidak terlaksana' }, alasan_tidak_jadi: { tap: why }, pertemuan_berikutnya: { type: '16-03-2025' } } });
      await h.tap('Simpan');
    }
    expect((await h.workspace()).cases[caseId]).toMatchObject({ missedInRow: 2 });
    expect((await h.workspace()).cases[caseId]!.lastHeldAt).toBeUndefined();
    h.now = new Date('2025-03-17T03:00:00Z'); // Monday: the meeting planned for Sunday passed
    await h.say('/kasus');
    const [card] = await h.tap('Si (42)');
    expect(card!.text).toContain('🚩 2× berturut-turut tidak jadi · pertemuan 16 Maret 2025 terlewat');
    await startNote(ADMIN);
    await fillNote(h, {});
    await h.tap('Simpan');
    expect((await h.workspace()).cases[caseId]).toMatchObject({ missedInRow: 0, lastHeldAt: '2025-03-17T03:00:00.000Z' });
    await h.say('/kasus');
    const [after] = await h.tap('Si (42)');
    expect(after!.text).not.toContain('🚩');
  });
});

describe('ending a case', () => {
  // #26 point 22: parole is revoked only at the Bapas
  it('offers "PB dicabut" only for a Bapas case, and refuses a forged one elsewhere', async () => {
    const caseId = await openCase(h, 'Ra', 'Zastrow', ADMIN, 'IPWL');
    await h.say('/kasus');
    await h.tap('Ra (42)');
    const [reasons] = await h.tap('Akhiri kasus');
    expect(buttons(reasons).map((b) => b.text)).not.toContain('PB dicabut');
    expect(buttons(reasons).map((b) => b.text)).toContain('Klien mengundurkan diri');
    await h.press(reasons!.message_id, encode({ kind: 'end-reason', caseId, reason: END_REASONS.indexOf('pb_dicabut') }));
    expect(h.lastAlert()).toContain('Tombol ini sudah tidak berlaku');
    expect((await h.workspace()).cases[caseId]!.status).toBe('active');
  });

  it('ends from its card with a reason and a note: closed, reminders stop, supervisors told, can be reopened', async () => {
    await team('en');
    const caseId = await openCase(h, 'Si', 'Zastrow', WORKER);
    syncs.length = 0;
    await h.say('/kasus', { user: WORKER });
    const [card] = await h.tap('Si (42)', WORKER);
    expect(buttons(card).map((b) => b.text)).toContain('🏁 Akhiri kasus');
    const [reasons] = await h.tap('Akhiri kasus', WORKER);
    expect(buttons(reasons).map((b) => b.text)).toEqual([
      'Selesai sesuai rencana', 'Klien mengundurkan diri', 'Dipindah / dirujuk', 'Tidak dapat dihubungi', 'PB dicabut', 'Klien meninggal', 'Lainnya', '✖️ Batal',
    ]);
    const [ask] = await h.tap('Klien mengundurkan diri', WORKER);
    expect(ask!.text).toContain('Tulis catatan singkat');
    const [ended] = await h.say('Klien pindah ke luar kota dan menolak dilanjutkan.', { user: WORKER });
    expect(ended!.text).toContain('🏁 Kasus <b>Si (42)</b> diakhiri: Klien mengundurkan diri.');
    const c = (await h.workspace(WORKER)).cases[caseId]!;
    expect(c.status).toBe('closed');
    expect(c.closure).toMatchObject({ reason: 'mengundurkan_diri', note: 'Klien pindah ke luar kota dan menolak dilanjutkan.', by: WORKER });
    expect(syncs).toContain(WORKER); // its reminder scheduler is removed by the sync
    // the supervisor, whose Telegram is in English, hears of it in English
    const told = h.fake.lastMessage(SUP)!;
    expect(told.text).toContain('Budi ended the case Si (42)');
    expect(told.text).toContain('Reason: Client withdrew');
    expect(told.text).toContain('Note: Klien pindah ke luar kota');
    // the card says why; reopening works
    await h.say('/kasus', { user: WORKER });
    const [closedCard] = await h.tap('Si (42)', WORKER);
    expect(closedCard!.text).toContain('Diakhiri 14 Maret 2025: Klien mengundurkan diri');
    await h.tap('Buka kembali', WORKER);
    expect((await h.workspace(WORKER)).cases[caseId]!.status).toBe('active');
  });

  it('the last stage offers ending, with the same reasons; without a note is fine too', async () => {
    const caseId = await openCase(h);
    await startNote(ADMIN, '8. Evaluasi');
    await fillNote(h);
    await h.tap('Simpan');
    await h.tap('Akhiri kasus');
    await h.tap('Selesai sesuai rencana');
    await h.tap('Akhiri tanpa catatan');
    expect((await h.workspace()).cases[caseId]).toMatchObject({ status: 'closed', stageId: 'evaluasi', closure: { reason: 'selesai' } });
    expect((await h.workspace()).session?.aside).toBeUndefined();
  });
});

describe('messages to other users are in their language', () => {
  it('an English supervisor gets the summary and the weekly digest in English; an Indonesian one in Indonesian', async () => {
    await team('en');
    await openCase(h, 'Si', 'Zastrow', WORKER);
    await startNote(WORKER);
    await fillNote(h, { user: WORKER });
    await h.tap('Simpan', WORKER);
    const summary = h.fake.lastMessage(SUP)!;
    expect(summary.text).toContain('New session note from Budi');
    expect(summary.text).toContain('Next step:');
    expect(buttons(summary).map((b) => b.text)).toEqual(['✅ Approve', '💬 Give feedback', '📄 See in full']);
    // the worker (Indonesian) hears of the approval in Indonesian
    await h.tap('Approve', SUP);
    expect(h.fake.lastMessage(WORKER)!.text).toBe('✅ Rina menyetujui catatan Si (42) (14 Maret 2025).');

    // the digest, from the real job, reads the language the bot stored
    const bull = bullConnection(redisUrl());
    const queues = new ReminderQueues(bull, h.keys);
    try {
      const i18n = createI18n();
      const now = Date.parse('2025-03-17T01:00:03Z');
      const d = {
        connection: bull, queues, redis: h.redis, store: h.store, keys: h.keys, api: new Api('123456:TEST-token-for-the-fake-api', { apiRoot: h.fake.url }),
        catalog: h.catalog, i18n: { t: (l: string, k: string, v?: Record<string, string | number>) => i18n.t(l, k, v) }, logger: createLogger('silent'), now: () => now, defaultZone: 'Asia/Jakarta',
      };
      expect(await sendDigest(d, SUP, Date.parse('2025-03-17T01:00:00Z'))).toBe('sent');
      const digest = h.fake.messages(SUP).filter((m) => m.text?.includes('Weekly digest'));
      expect(digest).toHaveLength(1);
      // and its picture: notes per worker, this week against the four before
      expect(h.fake.calls.some((c) => c.method === 'sendPhoto' && String(c.payload['chat_id']) === String(SUP) && c.response?.ok)).toBe(true);
      // and /bahasa moves it back to Indonesian for everything sent to her
      await h.say('/bahasa', { user: SUP, languageCode: 'en' });
      await h.tap('Indonesia', SUP);
      expect((await h.workspace(SUP)).membership!.lang).toBe('id');
    } finally {
      await queues.close();
      bull.disconnect();
    }
  });
});

describe('a revised note', () => {
  it('shows each version\'s changed answers, old → new, who and when, to the worker and the supervisor', async () => {
    await team();
    const caseId = await openCase(h, 'Si', 'Zastrow', WORKER);
    await startNote(WORKER);
    await fillNote(h, { user: WORKER, answers: { langkah_selanjutnya: { type: 'Kunjungan ulang minggu depan' } } });
    await h.tap('Simpan', WORKER);
    await h.tap('Beri tanggapan', SUP);
    await h.say('Mohon lebih rinci.', { user: SUP });
    await h.tap('Ubah catatan', WORKER);
    const review = h.last(WORKER);
    const next = buttons(review).length; // the last ✏️ before save/cancel is not needed: find by the item
    expect(next).toBeGreaterThan(3);
    const items = (await h.workspace(WORKER)).session!.activity!.form.answers;
    // the review numbers the answers (not the case's facts the draft also keeps, "@setting")
    const index = Object.keys(items).filter((k) => !k.startsWith('@')).indexOf('langkah_selanjutnya') + 1;
    await h.tap(`✏️ ${index}`, WORKER);
    await h.say('Kunjungan ulang Senin bersama keluarga', { user: WORKER });
    await h.tap('Simpan', WORKER);
    const note = Object.values((await h.workspace(WORKER, caseId)).notes!)[0]!;
    expect(note.version).toBe(2);
    expect(note.savedBy).toEqual({ id: WORKER, name: 'Budi' });

    await h.say('/riwayat', { user: WORKER });
    await h.tap('Si (42)', WORKER);
    const [full] = await h.tap('14 Mar ', WORKER);
    expect(full!.text).toContain('<b>Riwayat perubahan</b>');
    expect(full!.text).toContain('Versi 2 · 14 Maret 2025 · Budi');
    expect(full!.text).toContain('Apa langkah selanjutnya?: Kunjungan ulang minggu depan → Kunjungan ulang Senin bersama keluarga');
    // the supervisor's "see in full" shows the same
    const revised = h.fake.lastMessage(SUP)!;
    await h.press(revised.message_id, buttons(revised).find((b) => b.text.includes('Lihat lengkap'))!.callback_data, SUP);
    const seen = h.fake.messages(SUP).map((m) => m.text ?? '').join('\n');
    expect(seen).toContain('Kunjungan ulang minggu depan → Kunjungan ulang Senin bersama keluarga');
  });
});

describe('the risk flag', () => {
  it('goes to the supervisor at once, marked urgent, with what happened; the summary leads with it', async () => {
    await team();
    await openCase(h, 'Si', 'Zastrow', WORKER);
    await startNote(WORKER);
    await fillNote(h, { user: WORKER, answers: { risiko: { tick: ['Overdosis'] }, risiko_uraian: { type: 'Klien mengaku memakai lagi kemarin.' } } });
    // before 💾 Simpan: the risk, then what happened (test/bot/risk-alert.test.ts has the rest)
    const got = h.fake.messages(SUP).filter((m) => m.text?.includes('🚨'));
    expect(got[0]!.text).toContain('🚨 <b>PENTING: tanda risiko dari Budi</b>');
    expect(got[0]!.text).toContain('Overdosis');
    expect(got[1]!.text).toContain('Klien mengaku memakai lagi kemarin.');
    await h.tap('Simpan', WORKER);
    const summary = h.fake.lastMessage(SUP)!.text!;
    expect(summary).toContain('Catatan sesi baru dari Budi');
    expect(summary).toContain('Tanda bahaya: Overdosis');
  });

  it('"Tidak ada" sends no alert', async () => {
    await team();
    await openCase(h, 'Si', 'Zastrow', WORKER);
    await startNote(WORKER);
    await fillNote(h, { user: WORKER });
    await h.tap('Simpan', WORKER);
    expect(h.fake.messages(SUP).some((m) => m.text?.includes('🚨'))).toBe(false);
  });
});

describe('carry-over', () => {
  it('offers the roles of the last session with one button, and stores them again', async () => {
    const caseId = await openCase(h);
    const roles = h.catalog.stage('zastrow-mezzo', 'penyadaran_masalah')!.questions.find((q) => q.id === 'peran_peksos')!;
    if (roles.type !== 'multi') throw new Error('roles are a multi question');
    // the stage's usual roles, shown first
    const [a, b] = roles.options.filter((o) => roles.first?.includes(o.value));
    await startNote(ADMIN);
    const first = await fillNote(h, { answers: { peran_peksos: { tick: [a!.label.id, b!.label.id] } } });
    expect(first).toContain('peran_peksos');
    await h.tap('Simpan');
    await h.tap('Tetap di tahap 1');
    await startNote(ADMIN);
    await fillNote(h, {
      answers: {
        peran_peksos: 'carry',
      },
    });
    await h.tap('Simpan');
    const notes = Object.values((await h.workspace(ADMIN, caseId)).notes!);
    expect(notes.map((n) => n.items.find((i) => i.id === 'peran_peksos')?.value)).toEqual([[a!.value, b!.value], [a!.value, b!.value]]);
    expect(notes[0]!.items.find((i) => i.id === 'peran_peksos')?.value).toEqual(notes[1]!.items.find((i) => i.id === 'peran_peksos')?.value);
  });

  it('shows the agreed goals where progress is rated (Skidmore)', async () => {
    await openCase(h, 'Si', 'Skidmore');
    await startNote(ADMIN);
    const asked = await fillNote(h, { answers: { tujuan_kontrak: { type: 'Berhenti memakai sabu dan kembali bekerja.' } } });
    expect(asked).toContain('tujuan_kontrak');
    await h.tap('Simpan');
    await h.tap('Ke tahap 2');
    await h.say('/catat');
    await h.tap('Si (42)');
    await h.tap('Tahap lain');
    await h.tap('3. ');
    const stage = h.catalog.stage('skidmore-casework', 'tahap_intervensi')!;
    const recalling = stage.questions.find((q) => q.recall === 'tujuan_kontrak')!;
    expect(recalling).toBeDefined();
    let shown = '';
    await fillNote(h, {
      answers: new Proxy({}, {
        get: (_t, id: string) => {
          if (id === recalling.id) shown = h.last().text ?? '';
          return undefined;
        },
      }) as Record<string, never>,
    });
    expect(shown).toContain('<blockquote>📌 Berhenti memakai sabu dan kembali bekerja.</blockquote>');
  });
});
