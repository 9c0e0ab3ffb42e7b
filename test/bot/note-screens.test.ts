// The note's screens as a worker meets them (#26 points 5, 11, 12, 13, 16, 17): date buttons, the
// roles opening in place, a picture sent as a file, the long-answer hint, the identifying-details
// check, a typed number where no numbers are shown. Real updates, real Redis, the fake Bot API.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, buttons, Harness, openCase } from '../support/bot-harness.ts';
import { fillNote } from '../support/note-driver.ts';
import { screenLines } from '../../src/telegram/format.ts';

let h: Harness;
beforeEach(async () => {
  // a Friday, 10:00 in Jakarta
  h = await Harness.start({ now: new Date('2025-03-14T03:00:00Z') });
});
afterEach(async () => {
  await h.stop();
});

async function startNote(): Promise<void> {
  await startNote2('Si (42)');
}
async function startNote2(client: string): Promise<void> {
  await h.say('/catat');
  await h.tap(client);
}
const labels = () => buttons(h.last()).map((b) => b.text);
const draft = async () => (await h.workspace()).session!.activity!.form;

describe('the date questions', () => {
  it('the session date offers Hari ini and Kemarin; the next meeting the case\'s interval first', async () => {
    await openCase(h);
    await startNote();
    expect(labels().slice(0, 2)).toEqual(['Hari ini', 'Kemarin']);
    await h.tap('Kemarin');
    expect((await draft()).answers.tanggal_sesi).toBe('2025-03-13');
    await fillNote(h, { until: 'pertemuan_berikutnya' });
    // Zastrow is seen weekly: a week on comes first
    expect(labels().slice(0, 3)).toEqual(['+1 minggu', '+2 minggu', '+1 bulan']);
    await h.tap('+1 minggu');
    expect((await draft()).answers.pertemuan_berikutnya).toBe('2025-03-21');
  });

  it('a Bapas case (monthly) offers a month on first; typed words with a time of day still work', async () => {
    await openCase(h, 'Si', 'Bapas EIC');
    await startNote();
    await h.say('kemarin sore');
    expect((await draft()).answers.tanggal_sesi).toBe('2025-03-13');
    await fillNote(h, { until: 'pertemuan_berikutnya' });
    expect(labels().slice(0, 3)).toEqual(['+1 bulan', '+1 minggu', '+2 minggu']);
    await h.tap('+1 bulan');
    expect((await draft()).answers.pertemuan_berikutnya).toBe('2025-04-14');
  });

  it('in English: Today and Yesterday, then a week, two weeks or a month on', async () => {
    await openCase(h);
    await h.say('/bahasa');
    await h.tap('English');
    await h.say('/note');
    await h.tap('Si (42)');
    expect(labels().slice(0, 2)).toEqual(['Today', 'Yesterday']);
    await h.tap('Today');
    expect((await draft()).answers.tanggal_sesi).toBe('2025-03-14');
  });
});

describe('"Peran lain…" opens more roles and is never an answer (point 13)', () => {
  it('the stage\'s roles first; the others open in place; the count and the note hold roles only', async () => {
    const caseId = await openCase(h);
    await startNote();
    await fillNote(h, { until: 'peran_peksos' });
    // Zastrow's stage 1 offers Pendidik, Pemungkin, Konselor
    expect(labels()).toEqual(expect.arrayContaining(['Pendidik', 'Pemungkin', 'Konselor', 'Peran lain…', '✔️ Selesai (0)']));
    expect(labels()).not.toContain('Perantara');
    const [ticked] = await h.tap('Konselor');
    const [opened] = await h.tap('Peran lain…');
    // opened where it is: the same message, redrawn
    expect(opened!.message_id).toBe(ticked!.message_id);
    // every role now, no "Peran lain…", and nothing ticked by opening them
    expect(buttons(opened).map((b) => b.text)).toEqual(expect.arrayContaining(['✅ Konselor', 'Perantara', 'Fasilitator', '✔️ Selesai (1)']));
    expect(buttons(opened).map((b) => b.text)).not.toContain('Peran lain…');
    await h.tap('Perantara');
    expect(labels()).toContain('✔️ Selesai (2)');
    await h.tap('Selesai');
    expect((await draft()).answers.peran_peksos).toEqual(['perantara', 'konselor']);
    await fillNote(h);
    await h.tap('Simpan');
    const note = Object.values((await h.workspace(ADMIN, caseId)).notes!)[0]!;
    const roles = note.items.find((i) => i.id === 'peran_peksos')!;
    expect(roles.display?.map((d) => d.id)).toEqual(['Perantara', 'Konselor']);
    expect(note.items.some((i) => i.id === 'peran_peksos_lain')).toBe(false);
  });
});

describe('documentation (point 11)', () => {
  it('a picture sent as a file is asked again as a photo, and nothing is stored', async () => {
    await openCase(h);
    await startNote();
    await fillNote(h, { until: 'dokumentasi' });
    const before = await draft();
    const [reply] = await h.handle(h.fake.uploadDocument(ADMIN, { bytes: Buffer.from('not really a jpeg'), fileName: 'IMG_2031.JPG', mimeType: 'image/jpeg' }));
    expect(reply!.text).toContain('kirim ulang sebagai foto');
    const after = await draft();
    expect(after).toEqual(before);
    expect(JSON.stringify(after)).not.toContain('IMG_2031');
  });

  it('a voice note is not asked about faces; a photo is, naming the client and others', async () => {
    // a rehab centre's adult client: a face may show, with everyone's consent
    await openCase(h, 'Si', 'Zastrow', ADMIN, 'Panti / rehab');
    await startNote();
    await fillNote(h, { until: 'dokumentasi' });
    const [face] = await h.handle(h.fake.sendPhoto(ADMIN, 'AgADface'));
    expect(face!.text).toContain('Apakah wajah klien atau orang lain terlihat di foto ini?');
    expect(buttons(face).map((b) => b.text)).toContain('Ada, semua sudah setuju');
    await h.tap('Kembali');
    const [next] = await h.handle(h.fake.sendVoice(ADMIN, 'AwADvoice'));
    expect(next!.text).not.toContain('wajah');
    expect((await draft()).cursor).toBe('catatan_peksos');
  });

  it('at the Bapas no face may show at all: no consent is offered, and a picture with a face is not kept', async () => {
    const caseId = await openCase(h);
    await startNote();
    await fillNote(h, { until: 'dokumentasi' });
    const [face] = await h.handle(h.fake.sendPhoto(ADMIN, 'AgADface'));
    expect(face!.text).toContain('tidak boleh memuat wajah siapa pun');
    expect(buttons(face).map((b) => b.text)).not.toContain('Ada, semua sudah setuju');
    await h.tap('Ada: jangan simpan foto');
    await fillNote(h);
    await h.tap('Simpan');
    const note = Object.values((await h.workspace(ADMIN, caseId)).notes!)[0]!;
    expect(note.items.find((i) => i.id === 'dokumentasi')?.value).toBeNull();
    expect(JSON.stringify(note)).not.toContain('AgADface');
    expect(note.items.some((i) => i.id.startsWith('@'))).toBe(false);
  });

  it('a child\'s case (under 18) is asked the same, whatever the setting', async () => {
    await openCase(h, 'Ra', 'Zastrow', ADMIN, 'Panti / rehab', { usia: '16', jenis_kelamin: { tap: 'Laki-laki' }, masalah: 'Putus sekolah, memakai lem' });
    await startNote2('Ra (16)');
    await fillNote(h, { until: 'dokumentasi' });
    const [face] = await h.handle(h.fake.sendPhoto(ADMIN, 'AgADchild'));
    expect(face!.text).toContain('tidak boleh memuat wajah siapa pun');
  });
});

describe('long answers and identifying details (points 12, 17)', () => {
  it('the hint names the limit and what not to type; a long answer is refused with its length; the review warns, saving stays open', async () => {
    const caseId = await openCase(h);
    await startNote();
    await fillNote(h, { until: 'masalah_diungkap' });
    const ask = h.last();
    expect(ask.text).toContain('Maks. 2.000 karakter, tanpa nama lengkap, alamat, NIK, atau nomor HP.');
    expect(screenLines(ask.text!)).toBeLessThanOrEqual(10);
    const [tooLong] = await h.say('a'.repeat(2345));
    expect(tooLong!.text).toContain('2.345 karakter');
    await h.say('Klien bercerita; NIK-nya 3201234567890001 dan ibunya di 0812-3456-7890.');
    await fillNote(h);
    const review = h.last();
    expect(review.text).toMatch(/⚠️ Periksa lagi: no\. \d+ tampaknya memuat NIK/);
    await h.tap('Simpan');
    expect(Object.values((await h.workspace(ADMIN, caseId)).notes!)).toHaveLength(1);
  });
});

describe('a typed answer to a button question (point 16)', () => {
  it('says the buttons are below, and a number picks nothing where none is shown', async () => {
    await openCase(h);
    await startNote();
    await h.tap('Hari ini');
    const [hint] = await h.say('1');
    expect(hint!.text).toContain('Pilih salah satu tombol di bawah pertanyaan.');
    expect((await draft()).answers.sesi_dilaksanakan).toBeUndefined();
    // a label still works typed
    await h.say('Tidak terlaksana');
    expect((await draft()).answers.sesi_dilaksanakan).toBe('tidak');
  });

  it('the model list at intake is numbered, so a number picks a model there', async () => {
    const [, ask] = await h.say('/kasus_baru');
    expect(ask!.text).toContain('Model intervensi yang dipakai?');
    expect(ask!.text).toContain('2. Casework di Bapas');
    const [next] = await h.say('2');
    // the second model listed, not a model matched by its name
    expect((await h.workspace()).session!.activity!.form.answers.model).toBe(h.catalog.flows[1]!.id.replace(/-/g, '_'));
    expect(next!.text).toContain('Inisial klien?');
  });
});

describe('typed commands and names (point 20)', () => {
  it('"/Catat" with a capital letter is /catat', async () => {
    await openCase(h);
    const [picker] = await h.say('/Catat');
    expect(buttons(picker).map((b) => b.text).join(' ')).toContain('Si (42)');
  });

  it('a full name typed as initials is refused and deleted from the chat; the initials then go through', async () => {
    await h.say('/kasus_baru');
    await h.tap('Zastrow');
    const from = h.fake.calls.length;
    const sent = h.fake.sendText(ADMIN, 'Siti Aminah');
    const messageId = ((sent['message'] as { message_id: number }).message_id);
    const replies = await h.handle(sent);
    const deleted = h.fake.calls.slice(from).filter((c) => c.method === 'deleteMessage');
    expect(deleted.map((c) => Number(c.payload['message_id']))).toEqual([messageId]);
    expect(replies.map((m) => m.text).join('\n')).toContain('Cukup inisial');
    expect(replies.map((m) => m.text).join('\n')).toContain('sudah dihapus dari chat ini');
    expect(JSON.stringify((await h.workspace()).session)).not.toContain('Aminah');
    // a typo that is no name ("S1") is refused and left alone
    const before = h.fake.calls.length;
    await h.say('S1');
    expect(h.fake.calls.slice(before).some((c) => c.method === 'deleteMessage')).toBe(false);
    await h.say('SA');
    expect((await h.workspace()).session!.activity!.form.answers.inisial).toBe('SA');
  });
});

describe('a contact without the client (point 6)', () => {
  it('is its own short path, says so when saved, and neither clears nor adds to the missed-contact count', async () => {
    const caseId = await openCase(h);
    for (let i = 0; i < 2; i++) {
      await startNote();
      const asked = await fillNote(h, { answers: { sesi_dilaksanakan: { tap: 'Kontak tanpa klien' }, pihak_dihubungi: { tick: ['Penjamin'] }, hasil_kontak: { type: 'Penjamin bersedia mengantar klien wajib lapor.' } } });
      expect(asked).toEqual(['tanggal_sesi', 'sesi_dilaksanakan', 'pihak_dihubungi', 'hasil_kontak', 'risiko', 'langkah_selanjutnya', 'pertemuan_berikutnya']);
      const [saved] = await h.tap('Simpan');
      expect(saved!.text).toContain('Catatan kontak tanpa klien untuk <b>Si (42)</b> tersimpan');
      expect(saved!.text).not.toContain('Sesi tidak terlaksana');
    }
    const c = (await h.workspace()).cases[caseId]!;
    // two calls to the guarantor are not two missed sessions (no 🚩), nor a held one
    expect(c.missedInRow ?? 0).toBe(0);
    expect(c.lastHeldAt).toBeUndefined();
    expect(c.lastNote).toMatchObject({ held: false, withoutClient: true });
    await h.say('/catat');
    await h.tap('Si (42)');
    // the last note recalled above the first question (on its screen, or as the case list's message)
    expect(h.fake.messages(ADMIN).slice(-2).map((m) => m.text).join('\n')).toContain('(kontak tanpa klien)');
  });
});

describe('the review\'s ✖️ and an old one (point 18)', () => {
  it('an answered question\'s ✖️ is stale at the review too; the review\'s own ✖️ asks to cancel', async () => {
    await openCase(h);
    await startNote();
    const [first] = await h.say('kemarin'); // typed: the first question keeps its keyboard
    await fillNote(h);
    expect(h.last().text).toContain('Periksa sebelum disimpan');
    const oldCancel = buttons(h.fake.messages(ADMIN).find((m) => m.message_id < first!.message_id && buttons(m).some((b) => b.text === '✖️ Batal')))
      .find((b) => b.text === '✖️ Batal');
    expect(oldCancel).toBeDefined();
    const owner = h.fake.messages(ADMIN).find((m) => buttons(m).some((b) => b.callback_data === oldCancel!.callback_data))!;
    await h.press(owner.message_id, oldCancel!.callback_data);
    expect(h.lastAlert()).toContain('Tombol ini sudah tidak berlaku');
    expect((await draft()).confirmingCancel).toBeUndefined();
    const [asked] = await h.tap('✖️ Batal');
    expect(asked!.text).toContain('Batalkan pengisian ini?');
    expect((await draft()).confirmingCancel).toBe(true);
  });
});
