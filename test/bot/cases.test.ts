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
    expect(first!.text).toContain('Pertanyaan 1 dari 6');
    expect(first!.text).toContain('Inisial klien?');

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
    expect(gender!.text).toContain('Pertanyaan 3 dari 6');
    expect(buttons(gender).map((b) => b.text).slice(0, 2)).toEqual(['Laki-laki', 'Perempuan']);

    const [sticker] = await h.handle(h.fake.sendSticker(ADMIN));
    // a sticker where a button is wanted: the hint, and the question with its buttons again
    expect(sticker!.text).toMatch(/^⚠️ Pilih salah satu tombol di bawah pertanyaan\.\n\n/);
    expect(sticker!.text).toContain('Pertanyaan 3 dari 6');
    expect(buttons(sticker).map((b) => b.text).slice(0, 2)).toEqual(['Laki-laki', 'Perempuan']);

    const before = h.fake.calls.length;
    const [source] = await h.tap('Perempuan');
    // the pressed question became the next one (no new message), its answer kept under the header
    expect(source!.message_id).toBe(sticker!.message_id);
    expect(source!.text).toContain('\n✅ Jenis kelamin klien? <b>Perempuan</b>\n');
    expect(source!.text).toContain('Pertanyaan 4 dari 6');
    expect(buttons(source).map((b) => b.text)).toContain('Bapas');
    expect(h.fake.calls.slice(before).map((c) => c.method).sort()).toEqual(['answerCallbackQuery', 'editMessageText']);

    await h.tap('⬅️ Kembali'); // back to gender: the earlier answer is offered to keep
    expect(h.last().text).toContain('Jawaban sebelumnya: Perempuan');
    await h.tap('➡️ Pakai jawaban lama');
    await h.tap('Bapas');
    const [model] = await h.say('Penyalahgunaan sabu');
    expect(model!.text).toContain('Pertanyaan 6 dari 6');
    expect(buttons(model).map((b) => b.text).slice(0, 6)).toEqual(['Zastrow', 'Bapas EIC', 'Skidmore', 'Groupwork', 'IPWL', 'Permensos 26']);
  });

  it('reviews, lets an answer be changed, then saves', async () => {
    await h.say('/kasus_baru');
    await h.say('bzg');
    await h.say('41');
    await h.tap('Laki-laki');
    await h.tap('BNNK');
    await h.say('Kurir narkoba');
    const [review] = await h.tap('Skidmore');
    expect(review!.text).toContain('📋 Periksa sebelum disimpan');
    expect(review!.text).toContain('<b>1. Inisial klien?</b>\nbzg');
    await h.tap('✏️ 1');
    await h.say('BZG');
    const review2 = h.last();
    expect(review2.text).toContain('<b>1. Inisial klien?</b>\nBZG');
    const [done] = await h.tap('Simpan');
    // the review's own message becomes the short confirmation
    expect(done!.message_id).toBe(review2.message_id);
    expect(done!.text).not.toContain('Inisial klien');
    expect(done!.text!.startsWith('✅ Kasus <b>BZG (41) · Skidmore · tahap 1/4</b> tersimpan.\nModel: Casework 4 Tahap (Skidmore, Thackeray &amp; Farley)\nMulai dari tahap 1: Tahap Penelitian (relasi dan kontrak)')).toBe(true); // HTML, escaped

    const ws = await h.workspace();
    const [c] = Object.values(ws.cases);
    expect(c).toMatchObject({ initials: 'BZG', age: 41, gender: 'l', setting: 'bnnk', problem: 'Kurir narkoba', flowId: 'skidmore-casework', status: 'active', noteCount: 0 });
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
    expect(card!.text).toContain('Masalah: Relasi dengan keluarga renggang');
    expect(card!.text).toContain('Catatan sesi: 0');
    // an active case can be ended from its card, on a row of its own
    const rows = (card!.reply_markup as { inline_keyboard: { text: string }[][] }).inline_keyboard;
    expect(rows.find((r) => r.some((b) => b.text === '🏁 Akhiri kasus'))).toHaveLength(1);
  });

  it('asks before abandoning an unfinished intake', async () => {
    await h.say('/kasus_baru');
    await h.say('Si');
    const [ask] = await h.say('/catat');
    expect(ask!.text).toContain('Anda masih punya isian kasus baru yang belum selesai');
    const [again] = await h.tap('Lanjutkan');
    expect(again!.text).toContain('Pertanyaan 2 dari 6');
    await h.say('/catat');
    const [gone] = await h.tap('Buang draf');
    expect(gone!.text).toBe('Draf dibuang.');
    expect((await h.workspace()).session?.activity).toBeUndefined();
  });

  it('cancels only after a confirmation', async () => {
    await h.say('/kasus_baru');
    await h.say('Si');
    const [confirm] = await h.say('/batal');
    expect(confirm!.text).toContain('Batalkan pengisian ini?');
    const [resumed] = await h.tap('Tidak, lanjutkan');
    expect(resumed!.text).toContain('Pertanyaan 2 dari 6');
    await h.say('/batal');
    const [cancelled] = await h.tap('Ya, batalkan');
    expect(cancelled!.text).toBe('Dibatalkan. Tidak ada yang disimpan.');
    expect(Object.keys((await h.workspace()).cases)).toEqual([]);
  });
});
