// Recording a session note, as a worker would: /catat, the stage's questions, review, save, history.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ADMIN, buttons, Harness, openCase, BAPAS_ADULT } from '../support/bot-harness.ts';
import type { FakeMessage } from '../support/fake-bot-api.ts';
import { fillNote } from '../support/note-driver.ts';
import { screenLines } from '../../src/telegram/format.ts';

let h: Harness;
beforeEach(async () => {
  // 10:00 WIB on Friday 14 March 2025
  h = await Harness.start({ now: new Date('2025-03-14T03:00:00Z') });
});
afterEach(async () => {
  await h.stop();
});

/** The newest message asking a question, with its buttons. */
function currentQuestion(h: Harness): FakeMessage {
  const m = [...h.fake.messages(ADMIN)].reverse().find((x) => /Pertanyaan \d+ dari (± )?\d+/.test(x.text ?? '') && buttons(x).length > 0);
  if (!m) throw new Error('no open question');
  return m;
}

/** Answers the rest of the note with plain defaults (test/support/note-driver.ts); returns the review. */
async function answerUntilReview(h: Harness, answers: Parameters<typeof fillNote>[1] = {}): Promise<FakeMessage> {
  await fillNote(h, answers);
  const last = h.last();
  expect(last.text).toContain('📋 Periksa sebelum disimpan');
  return last;
}

async function startNote(h: Harness, caseLabel = 'Si (42)'): Promise<void> {
  await h.say('/catat');
  await h.tap(caseLabel);
}

describe('recording a session', () => {
  it('walks a stage with typed and button answers, checks them, reviews, saves and moves on', async () => {
    const caseId = await openCase(h);
    const [picker] = await h.say('/catat');
    expect(buttons(picker).map((b) => b.text)).toEqual(['Si (42) · Zastrow 1/8']);
    // the case list becomes the note's first question, at the case's stage; another stage is a tap away
    const [q1] = await h.tap('Si (42)');
    expect(q1!.message_id).toBe(picker!.message_id);
    expect(q1!.text).not.toContain('Catatan terakhir'); // no note yet
    expect(buttons(q1).map((b) => b.text)).toContain('🔀 Tahap lain');
    // the header is one phone line (38 characters)
    expect(q1!.text).toContain('<i>Si (42) · Tahap 1/8 Penyadaran akan a…</i>');
    expect(q1!.text).toMatch(/Pertanyaan 1 dari (± )?\d+/);
    expect(q1!.text).toContain('Tanggal sesi?');

    // an invalid answer: one new message, the hint first and the question again under it
    const [bad] = await h.say('kapan-kapan');
    expect(bad!.text).toMatch(/^⚠️ Tanggal belum dikenali/);
    expect(bad!.text).toContain('Tanggal sesi?');
    expect(buttons(bad).map((b) => b.text)).toContain('✖️ Batal');
    expect(buttons(h.fake.messages(ADMIN).find((m) => m.message_id === q1!.message_id))).toEqual([]);
    expect((await h.say('besok'))[0]!.text).toMatch(/^⚠️ Tanggal itu belum terjadi/);
    const [q2] = await h.say('kemarin');
    expect(q2!.text).toContain('Apakah sesi terlaksana?');
    const [q3] = await h.tap('Ya');
    expect(q3!.text).toContain('Bentuk pertemuan?');
    // the draft keeps which questions the message shows, not their text a second time
    expect((await h.workspace()).session!.activity!.screen?.echoed).toEqual(['sesi_dilaksanakan']);
    // a label longer than 16 characters: one option a row
    expect((q3!.reply_markup as { inline_keyboard: unknown[][] }).inline_keyboard.slice(0, 5).every((row) => row.length === 1)).toBe(true);
    const [where] = await h.tap('Di tempat lain');
    expect(where!.text).toContain('Di mana sesi berlangsung?');
    await h.say('Ruang konseling Bapas');

    // multi: toggling edits the same message in place
    const multi = currentQuestion(h);
    expect(multi.text).toContain('Siapa saja yang hadir?');
    await h.tap('Klien');
    await h.tap('Keluarga');
    const toggled = h.fake.messages(ADMIN).find((m) => m.message_id === multi.message_id)!;
    expect(buttons(toggled).map((b) => b.text)).toEqual(expect.arrayContaining(['✅ Klien', '✅ Keluarga', '✔️ Selesai (2)']));
    await h.tap('Selesai');

    // guide on request, without losing the place
    const asked = currentQuestion(h).text;
    const [guide] = await h.tap('Panduan');
    expect(guide!.text).toContain('ℹ️ <b>Penyadaran akan adanya masalah</b>');
    expect(currentQuestion(h).text).toBe(asked);

    const review = await answerUntilReview(h, { answers: { dokumentasi: { photo: true } } });
    expect(review.text).toContain('13 Maret 2025');
    expect(review.text).toContain('Apakah sesi terlaksana?</b>\nYa\n');
    expect(review.text).toContain('Di tempat lain');
    expect(review.text).toContain('Ruang konseling Bapas');
    expect(review.text).toContain('Klien, Keluarga');
    expect(review.text).toContain('📷 Foto');

    // change one answer from the review: the fourth is the place
    expect(review.text).toContain('<b>4. Di mana sesi berlangsung?</b>');
    await h.tap('✏️ 4');
    await h.say('Rumah klien');
    expect(h.last().text).toContain('Rumah klien');

    const [saved] = await h.tap('Simpan');
    expect(saved!.text).toContain('✅ Catatan sesi Si (42) tersimpan (catatan ke-1).');
    const ws = await h.workspace(ADMIN, caseId);
    const [note] = Object.values(ws.notes!);
    expect(note).toMatchObject({ caseId, flowId: 'zastrow-mezzo', flowVersion: 7, stageId: 'penyadaran_masalah', sessionDate: '2025-03-13' });
    expect(note!.items.find((i) => i.id === 'sesi_dilaksanakan')?.value).toBe('sesuai_rencana');
    expect(note!.items.find((i) => i.id === 'jenis_kontak')?.value).toBe('tempat_lain');
    expect(note!.items.find((i) => i.id === 'tempat')?.value).toBe('Rumah klien');
    expect(note!.items.find((i) => i.id === 'yang_hadir')?.value).toEqual(['klien', 'keluarga']);
    expect(note!.items.find((i) => i.id === 'dokumentasi')?.value).toEqual({ fileId: 'AgADphoto', kind: 'photo' });
    expect(note!.items.find((i) => i.id === 'risiko')?.value).toEqual(['tidak_ada']);
    // the contact was held on the session's day (13 March, midday WIB), not when the note was written
    expect(ws.cases[caseId]).toMatchObject({ noteCount: 1, lastNoteAt: '2025-03-14T03:00:00.000Z', lastHeldAt: '2025-03-13T05:00:00.000Z', missedInRow: 0 });
    expect(ws.session?.activity).toBeUndefined();

    const [moved] = await h.tap('Ke tahap 2');
    expect(moved!.text).toBe('⏭ Kasus Si (42) sekarang di tahap 2/8: Penjalinan relasi lebih mendalam.');
    expect((await h.workspace()).cases[caseId]!.stageId).toBe('relasi_mendalam');
  });

  it('records a session that did not happen: why, any danger, next step, next meeting — and nothing else', async () => {
    const caseId = await openCase(h);
    await startNote(h);
    await h.say('hari ini');
    const [why] = await h.tap('Tidak terlaksana');
    expect(why!.text).toContain('Mengapa sesi tidak terlaksana?');
    // the reasons are buttons (a monthly report counts no-shows apart from illness); "Lainnya" asks what
    expect(buttons(why).map((b) => b.text)).toEqual(expect.arrayContaining(['Klien tidak datang', 'Tak bisa dihubungi', 'Klien sakit', 'Jadwal bentrok', 'Petugas berhalangan', 'Klien menolak', 'Lainnya']));
    const [other] = await h.tap('Lainnya');
    expect(other!.text).toContain('“Lainnya”: apa tepatnya?');
    const [risk] = await h.say('Waktu pertemuan tidak pernah cocok');
    // the danger sign is asked even for a session that did not take place
    expect(risk!.text).toContain('Ada tanda bahaya yang mendesak?');
    expect(buttons(risk)[0]!.text).toBe('Tidak ada');
    await h.tap('Tidak ada');
    const [step] = await h.tap('Selesai');
    expect(step!.text).toContain('Apa langkah selanjutnya?');
    const [next] = await h.say('Jadwalkan ulang lewat telepon');
    expect(next!.text).toContain('Kapan pertemuan berikutnya?');
    const [review] = await h.tap('Lewati');
    expect(review!.text).toContain('📋 Periksa sebelum disimpan');
    // date, taken place?, why, what exactly, danger, next step, next meeting
    expect(buttons(review).filter((b) => b.text.startsWith('✏️'))).toHaveLength(7);
    expect(review!.text).toContain('Tidak terlaksana');
    expect(review!.text).toContain('Waktu pertemuan tidak pernah cocok');
    expect(review!.text).toContain('— (dilewati)');
    const [saved] = await h.tap('Simpan');
    expect(saved!.text).toContain('Sesi tidak terlaksana, jadi tahap kasus tidak berubah.');
    expect(buttons(saved).map((b) => b.text).join(' ')).not.toMatch(/Ke tahap|Tetap di tahap|Akhiri/);
    const ws = await h.workspace(ADMIN, caseId);
    const [note] = Object.values(ws.notes!);
    expect(note!.items.map((i) => i.id)).toEqual(['tanggal_sesi', 'sesi_dilaksanakan', 'alasan_tidak_jadi', 'alasan_tidak_jadi_sebut', 'risiko', 'langkah_selanjutnya', 'pertemuan_berikutnya']);
    expect(note!.items.find((i) => i.id === 'sesi_dilaksanakan')?.value).toBe('tidak');
    expect(ws.cases[caseId]).toMatchObject({ stageId: 'penyadaran_masalah', noteCount: 1, missedInRow: 1 });
    // no contact was held: the overdue clock (src/cases/contact.ts) is not reset by this note
    expect(ws.cases[caseId]!.lastHeldAt).toBeUndefined();
  });

  it('lets the worker say the case is at another stage', async () => {
    const caseId = await openCase(h);
    await h.say('/catat');
    await h.tap('Si (42)');
    await h.tap('Tahap lain');
    const [q] = await h.tap('3. Pengembangan motivasi');
    expect(q!.text).toContain('<i>Si (42) · Tahap 3/8 Pengembangan moti…</i>');
    // the case follows when the note is saved, not before
    expect((await h.workspace()).cases[caseId]!.stageId).toBe('penyadaran_masalah');
    await h.say('hari ini');
    await answerUntilReview(h);
    const [saved] = await h.tap('Simpan');
    expect(saved!.text).toContain('Pindah ke tahap berikutnya, 4. Mengonseptualisasikan masalah');
    expect((await h.workspace()).cases[caseId]!.stageId).toBe('pengembangan_motivasi');
  });

  it('leaves the case where it was when a note for another stage is cancelled', async () => {
    const caseId = await openCase(h);
    await h.say('/catat');
    await h.tap('Si (42)');
    await h.tap('Tahap lain');
    await h.tap('3. Pengembangan motivasi');
    await h.say('/batal');
    await h.say('ya'); // typed, answering the confirmation
    expect(h.last().text).toBe('Dibatalkan. Tidak ada yang disimpan.');
    expect((await h.workspace()).cases[caseId]!.stageId).toBe('penyadaran_masalah');
  });

  it('goes back, keeps earlier answers, and refuses to skip a required question', async () => {
    await openCase(h);
    await startNote(h);
    await h.say('kemarin');
    const [refused] = await h.say('/lewati');
    expect(refused!.text).toMatch(/^⚠️ Pertanyaan ini perlu dijawab, tidak bisa dilewati\./);
    expect(refused!.text).toContain('Apakah sesi terlaksana?');
    const [back] = await h.say('/kembali');
    expect(back!.text).toContain('Tanggal sesi?');
    // the earlier answer right under the question and its hint, no blank line
    expect(back!.text).toContain('12 Maret 2025.</i>\nJawaban sebelumnya: 13 Maret 2025');
    const [kept] = await h.tap('➡️ Pakai jawaban lama');
    expect(kept!.text).toContain('Apakah sesi terlaksana?');
    expect((await h.workspace()).session!.activity!.form.answers).toEqual({ ...BAPAS_ADULT, tanggal_sesi: '2025-03-13' });
    const [first] = await h.say('/kembali').then(() => h.say('/kembali'));
    expect(first!.text).toMatch(/^⚠️ Ini pertanyaan pertama; tidak ada yang sebelumnya\./);
    expect(first!.text).toContain('Tanggal sesi?');
  });

  it('shows a case\'s notes newest first, each openable in full', async () => {
    const caseId = await openCase(h);
    await startNote(h);
    await h.say('10/3/2025');
    await answerUntilReview(h);
    await h.tap('Simpan');
    await h.tap('Tetap di tahap 1');
    await startNote(h);
    await h.say('12 Maret 2025');
    await answerUntilReview(h);
    await h.tap('Simpan');

    const [picker] = await h.say('/riwayat');
    expect(buttons(picker)[0]!.text).toBe('Si (42) · Zastrow 1/8');
    const [list] = await h.tap('Si (42)');
    expect(list!.text).toContain('2 catatan, terbaru di atas');
    // short dates ("12 Mar", this year's): the stage's number and the start of its title fit too
    expect(buttons(list).map((b) => b.text)).toEqual([
      '2) 12 Mar · 1. Penyadar…',
      '1) 10 Mar · 1. Penyadar…',
    ]);
    const [full] = await h.tap('10 Mar ·');
    expect(full!.text).toContain('📄 <b>Si (42)</b> · 10 Maret 2025 · Tahap 1/8 Penyadaran akan adanya masalah');
    expect(full!.text).toContain('<b>1. Tanggal sesi?</b>\n10 Maret 2025');
    expect(Object.keys((await h.workspace(ADMIN, caseId)).notes!)).toHaveLength(2);
  });
});

describe('what could go wrong', () => {
  it('keeps the draft across a restart and says so', async () => {
    await openCase(h);
    await startNote(h);
    await h.say('kemarin');
    const [held] = await h.tap('Ya');

    // a new process: same Redis and Telegram, another boot id
    const restarted = await Harness.start({ prefix: h.prefix, fake: h.fake, bootId: 'boot-2', now: h.now });
    try {
      const [notice, next] = await restarted.tap('Di tempat lain');
      expect(notice!.text).toContain('baru saja dimulai ulang');
      expect(next!.text).toContain('Di mana sesi berlangsung?');
      const answers = (await restarted.workspace()).session!.activity!.form.answers;
      expect(answers).toMatchObject({ tanggal_sesi: '2025-03-13', sesi_dilaksanakan: 'sesuai_rencana', jenis_kontak: 'tempat_lain' });
    } finally {
      await restarted.detach();
    }
    // another restart, and the first press is an old button: the notice, and the current question again
    const again = await Harness.start({ prefix: h.prefix, fake: h.fake, bootId: 'boot-3', now: h.now });
    try {
      const old = buttons(held).find((b) => b.text === 'Di tempat lain')!;
      const [notice, current] = await again.press(held!.message_id, old.callback_data);
      expect(again.lastAlert()).toContain('sudah tidak berlaku');
      expect(notice!.text).toContain('baru saja dimulai ulang');
      expect(current!.text).toContain('Di mana sesi berlangsung?');
      expect(buttons(current).map((b) => b.text)).toContain('⏭ Lewati');
      expect((await again.workspace()).session!.activity!.form.cursor).toBe('tempat');
    } finally {
      await again.detach();
    }
  });

  it('refuses stale, forged and malformed buttons without changing anything', async () => {
    const caseId = await openCase(h);
    await startNote(h);
    const before = JSON.stringify((await h.workspace()).session);

    const msgId = h.last().message_id;
    for (const data of ['hn:zzzzzzzzzz:yyyyyyyyyy', `mv:${caseId}:99`, 'f:abcdef:c:0:0', 'x:y', `k:aaaaaaaaaa`]) {
      await h.press(msgId, data);
      expect(h.lastAlert()).toBe('Tombol ini sudah tidak berlaku. Gunakan pesan terbaru, atau ketik /lanjut.');
    }
    const after = (await h.workspace()).session!;
    expect(JSON.stringify({ ...after, recentUpdates: undefined })).toBe(JSON.stringify({ ...JSON.parse(before), recentUpdates: undefined }));
    expect(h.logs.join('')).toContain('button names a case that is not the user');
  });

  it('applies an update replayed after a crash only once', async () => {
    await openCase(h);
    await startNote(h);
    const update = h.fake.sendText(ADMIN, 'kemarin');
    await h.handle(update);
    const replies = await h.handle(update);
    expect(replies).toEqual([]);
    const form = (await h.workspace()).session!.activity!.form;
    expect(form.cursor).toBe('sesi_dilaksanakan');
    expect(form.history).toEqual(['tanggal_sesi']);
  });

  it('loses nothing when a reply fails mid-update, and the same answer works again', async () => {
    await openCase(h);
    await startNote(h);
    await h.say('kemarin');
    // the press turns its message into the next question: that edit fails (a flood wait too long to sit out)
    h.fake.failNext('editMessageText', { error_code: 429, description: 'Too Many Requests: retry after 120', parameters: { retry_after: 120 } }, 1);
    const [sorry] = await h.tap('Ya');
    expect(sorry!.text).toBe('Maaf, terjadi kesalahan. Jawaban yang sudah Anda isi tetap aman. Silakan coba lagi, atau ketik /lanjut.');
    const form = (await h.workspace()).session!.activity!.form;
    expect(form.answers).toEqual({ ...BAPAS_ADULT, tanggal_sesi: '2025-03-13' });
    const [next] = await h.say('ya');
    expect(next!.text).toContain('Bentuk pertemuan?');
    expect((await h.workspace()).session!.activity!.form.answers).toMatchObject({ sesi_dilaksanakan: 'sesuai_rencana' });
  });

  it('answers a sticker or a photo where text was asked with a short hint', async () => {
    await openCase(h);
    await startNote(h);
    const [sticker] = await h.handle(h.fake.sendSticker(ADMIN));
    expect(sticker!.text).toMatch(/^⚠️ Maaf, stiker tidak bisa dipakai sebagai jawaban\. Silakan ketik jawaban Anda\.\n\n/);
    expect(sticker!.text).toContain('Tanggal sesi?');
    const [photo] = await h.handle(h.fake.sendPhoto(ADMIN));
    expect(photo!.text).toMatch(/^⚠️ Untuk pertanyaan ini, mohon ketik jawaban berupa teks\.\n\n/);
    expect(photo!.text).toContain('Tanggal sesi?');
    const [tooLong] = await h.say('x'.repeat(301) + ' kemarin');
    expect(tooLong!.text).toMatch(/^⚠️ Tanggal belum dikenali/);
    expect((await h.workspace()).session!.activity!.form.answers).toEqual(BAPAS_ADULT);
  });

  it('a press on a case and an answer read only that case of the caseload (an answer opens none); a list reads them all', async () => {
    const caseId = await openCase(h);
    const other = await openCase(h, 'Bu');
    // what each update's read took of the cases
    const reads: { cases: string[]; complete: boolean }[] = [];
    const load = h.store.load.bind(h.store);
    h.store.load = async (...args) => {
      const ws = await load(...args);
      reads.push({ cases: Object.keys(ws.cases).sort(), complete: ws.casesComplete });
      return ws;
    };
    // the list reads every case; the press on one, that one
    await startNote(h);
    expect(reads).toEqual([{ cases: [caseId, other].sort(), complete: true }, { cases: [caseId], complete: false }]);
    expect(await h.redis.hget(h.keys.session(ADMIN), 'cases')).toBe(caseId);
    reads.length = 0;
    const open = vi.spyOn(h.store.cipher, 'open');
    const [q2] = await h.say('kemarin');
    expect(q2!.text).toContain('Si (42) · Tahap 1/8'); // the header still names the client
    await h.tap('Ya');
    expect(open).not.toHaveBeenCalled();
    expect(reads).toEqual([{ cases: [caseId], complete: false }, { cases: [caseId], complete: false }]);
    reads.length = 0;
    const [list] = await h.say('/kasus');
    expect(list!.text + buttons(list).map((b) => b.text).join(' ')).toContain('Bu (42)');
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({ complete: true });
    expect(reads[0]!.cases).toHaveLength(2);
    open.mockRestore();
  });

  it('costs one store read and at most one write per update, and logs no client data', async () => {
    await openCase(h);
    h.store.loads = 0;
    h.store.commits = 0;
    let updates = 0;
    const count = async (p: Promise<unknown>) => {
      await p;
      updates++;
      expect(h.store.loads).toBeLessThanOrEqual(updates);
      expect(h.store.commits).toBeLessThanOrEqual(updates);
    };
    await count(h.say('/catat'));
    await count(h.tap('Si (42)'));
    await count(h.say('kemarin'));
    await count(h.tap('Ya'));
    await count(h.tap('Di tempat lain'));
    await count(h.say('Rumah nenek klien di Cibinong'));
    await count(h.say('/riwayat'));
    expect(h.store.loads).toBe(updates);
    const logs = h.logs.join('');
    expect(logs).not.toContain('Cibinong');
    expect(logs).not.toContain('Relasi dengan keluarga');
  });
});

describe('what the review found', () => {
  it('keeps an answer when Telegram refuses to acknowledge a late button press', async () => {
    await openCase(h);
    await startNote(h);
    await h.say('kemarin');
    h.fake.failNext('answerCallbackQuery', { error_code: 400, description: 'Bad Request: query is too old and response timeout expired or query ID is invalid' });
    const [next] = await h.tap('Ya');
    expect(next!.text).toContain('Bentuk pertemuan?');
    expect((await h.workspace()).session!.activity!.form.answers).toMatchObject({ sesi_dilaksanakan: 'sesuai_rencana' });
  });

  it('takes a double tap on a button that edits its message quietly', async () => {
    await openCase(h);
    await h.say('/catat');
    await h.tap('Si (42)');
    const other = h.last();
    await h.tap('Tahap lain');
    const data = buttons(other).find((b) => b.text.includes('Tahap lain'))!.callback_data;
    const again = await h.press(other.message_id, data);
    expect(again.map((m) => m.text).join('')).not.toContain('Maaf, terjadi kesalahan');
  });

  it('refuses an old "next stage" button once the case has moved on', async () => {
    const caseId = await openCase(h);
    await startNote(h);
    await h.say('hari ini');
    await answerUntilReview(h);
    await h.tap('Simpan');
    const saved = h.last();
    await h.tap('Ke tahap 2');
    expect((await h.workspace()).cases[caseId]!.stageId).toBe('relasi_mendalam');
    // the same button again, later: the case is at stage 2 now, the button was for stage 1
    await h.press(saved.message_id, buttons(saved).find((b) => b.text.includes('Ke tahap 2'))?.callback_data ?? `mv:${caseId}:0:1`);
    expect(h.lastAlert()).toContain('sudah tidak berlaku');
    expect((await h.workspace()).cases[caseId]!.stageId).toBe('relasi_mendalam');
  });

  it('never lets an old "discard draft" button throw away a newer draft', async () => {
    await openCase(h);
    await startNote(h);
    await h.say('kemarin');
    await h.say('/kasus_baru');
    const offer = h.last();
    const discard = buttons(offer).find((b) => b.text.includes('Buang draf'))!.callback_data;
    await h.press(offer.message_id, discard);
    await startNote(h); // a new draft
    await h.press(offer.message_id, discard); // the old button again
    expect(h.lastAlert()).toContain('sudah tidak berlaku');
    expect((await h.workspace()).session?.activity?.kind).toBe('note');
  });

  it('answers /panduan during the intake, and names the files a question takes', async () => {
    await h.say('/kasus_baru');
    const [guide] = await h.say('/panduan');
    expect(guide!.text).toContain('Panduan tahap ada di catatan sesi');
    await h.say('/batal');
    await h.say('ya');
    await openCase(h);
    await startNote(h);
    await fillNote(h, { until: 'dokumentasi' });
    expect(h.last().text).toContain('Kirim foto, pesan suara, dokumen, atau video.');
    const [sticker] = await h.handle(h.fake.sendSticker(ADMIN));
    expect(sticker!.text).toMatch(/^⚠️ Untuk pertanyaan ini, kirim foto, pesan suara, atau dokumen\.\n\n/);
    expect(sticker!.text).toContain('Dokumentasi kegiatan');

    // an album of three photos: the first answers, the other two are not answers to what follows
    const album = (n: number) => {
      const u = h.fake.sendPhoto(ADMIN, `AgADalbum${n}`);
      (u.message as Record<string, unknown>).media_group_id = 'album-1';
      return u;
    };
    const [next] = await h.handle(album(1));
    // a photo sent at the Bapas: no face may show at all
    expect(next!.text).toContain('tidak boleh memuat wajah siapa pun. Ada wajah di foto ini?');
    expect(await h.handle(album(2))).toEqual([]);
    expect(await h.handle(album(3))).toEqual([]);
    const form = (await h.workspace()).session!.activity!.form;
    expect(form.answers.dokumentasi).toEqual({ fileId: 'AgADalbum1', kind: 'photo' });
    expect(form.cursor).toBe('foto_tanpa_wajah');
  });
});

describe('one message per press', () => {
  const methodsSince = (from: number) => h.fake.calls.slice(from).map((c) => c.method).sort();

  it('turns the case list into the first question, and each pressed question into the next, its answer kept on it', async () => {
    await openCase(h);
    const [picker] = await h.say('/catat');
    let from = h.fake.calls.length;
    const [q1] = await h.tap('Si (42)');
    expect(q1!.message_id).toBe(picker!.message_id);
    expect(methodsSince(from)).toEqual(['answerCallbackQuery', 'editMessageText']);
    const [q2] = await h.say('kemarin');
    expect(q2!.text).toContain('Apakah sesi terlaksana?');

    from = h.fake.calls.length;
    const [q3] = await h.tap('Ya');
    expect(q3!.message_id).toBe(q2!.message_id); // no new message: two calls for a pressed answer
    expect(methodsSince(from)).toEqual(['answerCallbackQuery', 'editMessageText']);
    expect(q3!.text).toContain('\n✅ Apakah sesi terlaksana? <b>Ya</b>\n');
    expect(q3!.text).toContain('Bentuk pertemuan?');

    // Pressing on: every answer stays on screen, on the message it became or on one left behind,
    // and no question's message is longer than a phone's screen.
    const pressed = ['Ya', 'Tatap muka di lembaga', 'Klien', 'Selesai'];
    for (const label of pressed.slice(1)) {
      const before = currentQuestion(h);
      from = h.fake.calls.length;
      await h.tap(label);
      const now = currentQuestion(h);
      expect(screenLines(now.text!), now.text).toBeLessThanOrEqual(10);
      const sentNew = h.fake.calls.slice(from).some((c) => c.method === 'sendMessage');
      expect(now.message_id === before.message_id).toBe(!sentNew);
    }
    const chat = h.fake.messages(ADMIN).map((m) => m.text ?? '').join('\n');
    for (const answer of ['Ya', 'Tatap muka di lembaga', 'Klien']) expect(chat).toContain(`<b>${answer}</b>`);
    expect((await h.workspace()).session!.activity!.form.answers).toMatchObject({ sesi_dilaksanakan: 'sesuai_rencana', jenis_kontak: 'tatap_muka', yang_hadir: ['klien'] });
  });

  it('answers a press beside its edit, not after it, and ends the update only once the press is answered', async () => {
    await openCase(h);
    await h.say('/catat');
    await h.tap('Si (42)');
    const [q2] = await h.say('kemarin');
    // Telegram is slow to take the edit: the press is answered all the same (its spinner stops)
    let from = h.fake.calls.length;
    const releaseEdit = h.fake.holdNext('editMessageText');
    let pressing = h.tap('Ya');
    const edit = await h.fake.waitForCall((c) => c.method === 'editMessageText', { fromIndex: from });
    await h.fake.waitForCall((c) => c.method === 'answerCallbackQuery', { fromIndex: from });
    expect(edit.response).toBeUndefined(); // the edit is still held
    releaseEdit();
    const [q3] = await pressing;
    expect(q3!.message_id).toBe(q2!.message_id);
    expect(q3!.text).toContain('Bentuk pertemuan?');
    expect(methodsSince(from)).toEqual(['answerCallbackQuery', 'editMessageText']);

    // Telegram is slow to take the answer to the press: the update waits for it before it ends
    from = h.fake.calls.length;
    const releaseAnswer = h.fake.holdNext('answerCallbackQuery');
    pressing = h.tap('Tatap muka di lembaga');
    await h.fake.waitForCall((c) => c.method === 'editMessageText' && c.response !== undefined, { fromIndex: from });
    const ended = await Promise.race([pressing.then(() => 'ended'), new Promise((r) => setTimeout(() => r('waiting'), 300))]);
    expect(ended).toBe('waiting');
    releaseAnswer();
    await pressing;
    expect(methodsSince(from)).toEqual(['answerCallbackQuery', 'editMessageText']);
    expect((await h.workspace()).session!.activity!.form.answers).toMatchObject({ sesi_dilaksanakan: 'sesuai_rencana', jenis_kontak: 'tatap_muka' });
  });

  it('saves in the review\'s own message: it becomes a short confirmation (the note leaves the chat), with what comes next and 📄 Lihat catatan', async () => {
    await openCase(h);
    await startNote(h);
    const review = await answerUntilReview(h);
    const from = h.fake.calls.length;
    const [saved] = await h.tap('Simpan');
    expect(saved!.message_id).toBe(review.message_id);
    expect(methodsSince(from)).toEqual(['answerCallbackQuery', 'editMessageText']);
    expect(saved!.text).toMatch(/^✅ Catatan sesi Si \(42\) tersimpan \(catatan ke-1\)\./);
    expect(saved!.text).not.toContain('Tanggal sesi');
    expect(buttons(saved).map((b) => b.text)).toEqual(['⏭ Ke tahap 2', 'Tetap di tahap 1', '📄 Lihat catatan']);
    // the note is one press away
    const [opened] = await h.tap('Lihat catatan');
    expect(opened!.text).toContain('Tanggal sesi');
  });

  // #26 point 18: an old keyboard under an answered question never acts on the note as it is now
  it('an answered question\'s old "Tahap lain", ✖️ Batal and ℹ️ Panduan are stale; the draft stays', async () => {
    await openCase(h);
    await h.say('/catat');
    const [q1] = await h.tap('Si (42)');
    const [q2] = await h.say('kemarin');
    expect(q2!.message_id).not.toBe(q1!.message_id);
    const before = h.fake.messages(ADMIN).length;
    for (const label of ['🔀 Tahap lain', '✖️ Batal', 'ℹ️ Panduan', '⬅️ Kembali']) {
      const old = buttons(q1).find((b) => b.text === label);
      if (!old) continue;
      await h.press(q1!.message_id, old.callback_data);
      expect(h.lastAlert(), label).toContain('Tombol ini sudah tidak berlaku.');
    }
    expect(h.fake.messages(ADMIN)).toHaveLength(before);
    expect((await h.workspace()).session!.activity!.form.answers).toEqual({ ...BAPAS_ADULT, tanggal_sesi: '2025-03-13' });
    // the current question's own buttons still work
    await h.tap('Ya');
    expect((await h.workspace()).session!.activity!.form.answers).toMatchObject({ sesi_dilaksanakan: 'sesuai_rencana' });
  });

  it('in English too: the pressed answer kept above the next question', async () => {
    await openCase(h);
    await h.say('/bahasa');
    await h.tap('English');
    await h.say('/note');
    await h.tap('Si (42)');
    const [q2] = await h.say('yesterday');
    const [q3] = await h.tap('Yes');
    expect(q3!.message_id).toBe(q2!.message_id);
    expect(q3!.text).toContain('\n✅ Did the session take place? <b>Yes</b>\n');
    expect(q3!.text).toContain('Question 3 of');
  });
});
