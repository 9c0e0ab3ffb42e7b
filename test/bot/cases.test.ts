// Opening a case, as a worker would in Telegram, with the real middleware on a real Redis.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, buttons, Harness, openCase } from '../support/bot-harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await Harness.start();
});
afterEach(async () => {
  await h.stop();
});

describe('/start and the menu', () => {
  it('greets in Indonesian and shows the main menu', async () => {
    const [m] = await h.say('/start');
    expect(m!.text).toContain('Selamat datang, Tester!');
    expect(buttons(m).map((b) => b.text)).toEqual(['➕ Kasus baru', '📝 Catat sesi', '📂 Kasus saya', '📚 Riwayat', '❓ Bantuan']);
  });

  it('answers in English when Telegram says English, and /bahasa switches', async () => {
    const [m] = await h.say('/start', { languageCode: 'en' });
    expect(m!.text).toContain('Welcome, Tester!');
    await h.say('/bahasa', { languageCode: 'en' });
    const after = await h.tap('Bahasa Indonesia');
    expect(after.map((x) => x.text).join('\n')).toContain('Menu utama');
    const [again] = await h.say('/menu', { languageCode: 'en' });
    expect(again!.text).toContain('Menu utama'); // the choice outlives Telegram's language
  });

  it('refuses someone who is not a member, politely, with their Telegram id', async () => {
    const [m] = await h.say('/start', { user: 777 });
    expect(m!.text).toContain('belum terdaftar');
    expect(m!.text).toContain('777');
    expect(await h.redis.keys(`${h.prefix}*`)).toEqual([]); // nothing stored about them
  });

  it('says so when a command is unknown', async () => {
    const [m] = await h.say('/hapus_semua');
    expect(m!.text).toBe('Perintah itu tidak dikenal. Ketik /bantuan untuk melihat daftar perintah.');
  });
});

describe('a new case', () => {
  it('asks the intake questions one by one, checks them, and stores the case encrypted', async () => {
    const [intro, first] = await h.say('/kasus_baru');
    expect(intro!.text).toContain('Kasus baru');
    // the model first: it decides whether the case is one client or a group
    expect(first!.text).toContain('Pertanyaan 1 dari ± 8');
    expect(first!.text).toContain('Model intervensi yang dipakai?');
    expect(buttons(first).map((b) => b.text).slice(0, 6)).toEqual(['Zastrow', 'Bapas EIC', 'Skidmore', 'Groupwork', 'IPWL', 'Permensos 26']);
    const [initials] = await h.tap('Zastrow');
    expect(initials!.message_id).toBe(first!.message_id);
    expect(initials!.text).toContain('\n✅ Model intervensi yang dipakai? <b>Zastrow</b>\n');
    expect(initials!.text).toContain('Pertanyaan 2 dari ± 8');
    expect(initials!.text).toContain('Inisial klien?');

    const [hint] = await h.say('Siti Aminah');
    expect(hint!.text).toMatch(/^⚠️ Cukup inisial/);
    expect(hint!.text).toContain('Inisial klien?'); // the question again, with the hint
    await h.say('Si');
    const [ageHint] = await h.say('empat puluh dua');
    expect(ageHint!.text).toMatch(/^⚠️ Mohon ketik angka, misalnya 3\.\n\n/);
    expect(ageHint!.text).toContain('Usia klien (tahun)?');
    const [tooOld] = await h.say('420');
    expect(tooOld!.text).toMatch(/^⚠️ .*paling banyak 110/);
    // the earlier prompt loses its buttons: only the newest one answers
    expect(buttons(ageHint)).not.toEqual([]);
    expect(buttons(h.fake.messages(ADMIN).find((m) => m.message_id === ageHint!.message_id))).toEqual([]);
    const [gender] = await h.say('42');
    expect(gender!.text).toContain('Pertanyaan 4 dari ± 8');
    expect(buttons(gender).map((b) => b.text).slice(0, 2)).toEqual(['Laki-laki', 'Perempuan']);

    const [sticker] = await h.handle(h.fake.sendSticker(ADMIN));
    // a sticker where a button is wanted: the hint, and the question with its buttons again
    expect(sticker!.text).toMatch(/^⚠️ Pilih salah satu tombol di bawah pertanyaan\.\n\n/);
    expect(sticker!.text).toContain('Pertanyaan 4 dari ± 8');
    expect(buttons(sticker).map((b) => b.text).slice(0, 2)).toEqual(['Laki-laki', 'Perempuan']);

    const before = h.fake.calls.length;
    const [source] = await h.tap('Perempuan');
    // the pressed question became the next one (no new message), its answer kept under the header
    expect(source!.message_id).toBe(sticker!.message_id);
    expect(source!.text).toContain('\n✅ Jenis kelamin klien? <b>Perempuan</b>\n');
    expect(source!.text).toContain('Pertanyaan 5 dari ± 8');
    expect(source!.text).toContain('Tempat layanan klien?');
    expect(buttons(source).map((b) => b.text)).toContain('Bapas');
    expect(h.fake.calls.slice(before).map((c) => c.method).sort()).toEqual(['answerCallbackQuery', 'editMessageText']);

    await h.tap('⬅️ Kembali'); // back to gender: the earlier answer is offered to keep
    expect(h.last().text).toContain('Jawaban sebelumnya: Perempuan');
    await h.tap('➡️ Pakai jawaban lama');
    // a Bapas client: the program, the end of the supervision and the guarantor come too
    const [problem] = await h.tap('Bapas');
    expect(problem!.text).toContain('Pertanyaan 6 dari ± 12');
    expect(problem!.text).toContain('Masalah utama klien, singkat saja?');
    const [role] = await h.say('Penyalahgunaan sabu');
    expect(role!.text).toContain('Pertanyaan 7 dari ± 12');
    expect(role!.text).toContain('Peran Anda dalam kasus ini?');
    expect(buttons(role).map((b) => b.text).slice(0, 5)).toEqual(['PK Bapas', 'Pekerja sosial', 'Konselor adiksi', 'Praktikan (mahasiswa)', 'Petugas lain']);
    const [program] = await h.tap('Praktikan');
    expect(program!.text).toContain('Pertanyaan 8 dari ± 12');
    expect(program!.text).toContain('Program klien di Bapas?');
    const [end] = await h.tap('Pembebasan bersyarat');
    expect(end!.text).toContain('Pertanyaan 9 dari ± 12');
    expect(end!.text).toContain('Kapan masa bimbingan berakhir?');
    // the end of the supervision may be left for later
    expect(buttons(end).map((b) => b.text)).toContain('⏭ Lewati');
    const [guarantor] = await h.tap('⏭ Lewati');
    expect(guarantor!.text).toContain('Pertanyaan 10 dari ± 12');
    expect(guarantor!.text).toContain('Siapa penjamin klien?');
    // no guarantor: no question whether the guarantor agreed, the count now exact
    const [substance] = await h.tap('Belum ada penjamin');
    expect(substance!.text).toContain('Pertanyaan 11 dari 11');
    expect(substance!.text).toContain('Zat utama yang dipakai klien?');
    expect(buttons(substance).map((b) => b.text)[0]).toBe('Tidak memakai NAPZA');
    // at the Bapas no inpatient or how the client came: the review
    const [review] = await h.tap('Sabu');
    expect(review!.text).toContain('📋 Periksa sebelum disimpan');
    expect(review!.text).toContain('<b>11. Zat utama yang dipakai klien?</b>\nSabu');
    await h.tap('Simpan');

    const ws = await h.workspace();
    const [c] = Object.values(ws.cases);
    expect(c).toMatchObject({ initials: 'Si', age: 42, gender: 'p', setting: 'bapas', problem: 'Penyalahgunaan sabu', flowId: 'zastrow-mezzo' });
    expect(c!.facts).toEqual({ peran: 'praktikan', program: 'pembebasan_bersyarat', penjamin: 'tidak_ada', zat_utama: 'sabu' });
    // encrypted at rest: the raw hash holds no client data in clear
    const raw = JSON.stringify(await h.redis.hgetall(h.keys.cases(ADMIN)));
    expect(raw).not.toContain('Penyalahgunaan');
    expect(raw).not.toContain('pembebasan_bersyarat');
  });

  it('reviews, lets an answer be changed, then saves', async () => {
    await h.say('/kasus_baru');
    await h.tap('Skidmore');
    await h.say('bzg');
    await h.say('41');
    await h.tap('Laki-laki');
    await h.tap('BNNK');
    await h.say('Kurir narkoba');
    await h.tap('Pekerja sosial');
    await h.tap('Sabu');
    // a NAPZA client outside the justice system: inpatient or outpatient, and how the client came
    await h.tap('Rawat jalan');
    const [review] = await h.tap('Wajib lapor');
    expect(review!.text).toContain('📋 Periksa sebelum disimpan');
    expect(review!.text).toContain('<b>1. Model intervensi yang dipakai?</b>\nSkidmore');
    expect(review!.text).toContain('<b>2. Inisial klien?</b>\nbzg');
    expect(review!.text).toContain('<b>10. Bagaimana klien datang?</b>\nWajib lapor (IPWL)');
    await h.tap('✏️ 2');
    await h.say('BZG');
    const review2 = h.last();
    expect(review2.text).toContain('<b>2. Inisial klien?</b>\nBZG');
    const [done] = await h.tap('Simpan');
    // the review's own message becomes the short confirmation
    expect(done!.message_id).toBe(review2.message_id);
    expect(done!.text).not.toContain('Inisial klien');
    expect(done!.text!.startsWith('✅ Kasus <b>BZG (41) · Skidmore · tahap 1/4</b> tersimpan.\nModel: Casework 4 Tahap (Skidmore, Thackeray &amp; Farley)\nMulai dari tahap 1: Tahap Penelitian (relasi dan kontrak)')).toBe(true); // HTML, escaped

    const ws = await h.workspace();
    const [c] = Object.values(ws.cases);
    expect(c).toMatchObject({ initials: 'BZG', age: 41, gender: 'l', setting: 'bnnk', problem: 'Kurir narkoba', flowId: 'skidmore-casework', status: 'active', noteCount: 0 });
    expect(c!.facts).toEqual({ peran: 'peksos', zat_utama: 'sabu', rawat: 'jalan', cara_masuk: 'wajib_lapor' });
    expect(ws.session?.activity).toBeUndefined();
    // encrypted at rest: the raw hash holds no client data in clear
    const raw = await h.redis.hgetall(h.keys.cases(ADMIN));
    expect(JSON.stringify(raw)).not.toContain('Kurir');
  });

  it('lists cases most recent first and opens a case card', async () => {
    await openCase(h, 'Si');
    h.now = new Date(h.now.getTime() + 60_000);
    await openCase(h, 'RO', 'Permensos');
    const [list] = await h.say('/kasus');
    // case buttons fit 24 characters: a long model name is cut, the stage stays
    expect(buttons(list).map((b) => b.text)).toEqual(['RO (42) · Permensos 1/7', 'Si (42) · Zastrow 1/8']);
    const [card] = await h.tap('Si (42)');
    expect(card!.text).toContain('Tempat layanan: Bapas');
    expect(card!.text).toContain('Masalah: Relasi dengan keluarga renggang');
    expect(card!.text).toContain('Catatan sesi: 0');
    // an active case can be ended from its card, on a row of its own
    const rows = (card!.reply_markup as { inline_keyboard: { text: string }[][] }).inline_keyboard;
    expect(rows.find((r) => r.some((b) => b.text === '🏁 Akhiri kasus'))).toHaveLength(1);
  });

  it('asks before abandoning an unfinished intake', async () => {
    await h.say('/kasus_baru');
    await h.tap('Zastrow');
    await h.say('Si');
    const [ask] = await h.say('/catat');
    expect(ask!.text).toContain('Anda masih punya isian kasus baru yang belum selesai');
    const [again] = await h.tap('Lanjutkan');
    expect(again!.text).toContain('Pertanyaan 3 dari ± 8');
    expect(again!.text).toContain('Usia klien (tahun)?');
    await h.say('/catat');
    const [gone] = await h.tap('Buang draf');
    expect(gone!.text).toBe('Draf dibuang.');
    expect((await h.workspace()).session?.activity).toBeUndefined();
  });

  it('cancels only after a confirmation', async () => {
    await h.say('/kasus_baru');
    await h.tap('Zastrow');
    await h.say('Si');
    const [confirm] = await h.say('/batal');
    expect(confirm!.text).toContain('Batalkan pengisian ini?');
    const [resumed] = await h.tap('Tidak, lanjutkan');
    expect(resumed!.text).toContain('Pertanyaan 3 dari ± 8');
    await h.say('/batal');
    const [cancelled] = await h.tap('Ya, batalkan');
    expect(cancelled!.text).toBe('Dibatalkan. Tidak ada yang disimpan.');
    expect(Object.keys((await h.workspace()).cases)).toEqual([]);
  });
});
