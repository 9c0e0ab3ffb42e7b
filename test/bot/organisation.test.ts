// An organisation as its people meet it: an admin founds it and invites; a supervisor and a worker
// join through links; the worker's note reaches the supervisor, who approves or answers; the worker
// revises (both versions kept). Real updates, real Redis, the fake Bot API.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, buttons, Harness, openCase, invitationCode } from '../support/bot-harness.ts';
import type { FakeMessage } from '../support/fake-bot-api.ts';
import { fillNote } from '../support/note-driver.ts';
import { screenLines } from '../../src/telegram/format.ts';

const SUP = 5001;
const WORKER = 6001;
const STRANGER = 7001;

let h: Harness;
beforeEach(async () => {
  h = await Harness.start({ now: new Date('2025-03-14T03:00:00Z') });
});
afterEach(async () => {
  await h.stop();
});

/** The cases the reminders would read of a user (every organisation they are in, not suspended). */
async function remindable(user: number): Promise<string[]> {
  return Object.keys((await h.store.load(user, { everyOrg: true })).cases);
}

async function found(h: Harness): Promise<void> {
  await h.say('/lembaga');
  await h.say('Bapas Kelas I Bandung');
}

async function invite(h: Harness, role: string, kind: '1 orang' | 'banyak'): Promise<string> {
  await h.say('/lembaga');
  await h.tap('Undangan baru');
  const [made] = await h.tap(`${role} · ${kind}`);
  return invitationCode(made);
}

/** An organisation with a supervisor and a worker assigned to them (through the supervisor's link). */
async function team(h: Harness): Promise<void> {
  await found(h);
  const supCode = await invite(h, 'Supervisor', '1 orang');
  await h.say(`/start ${supCode}`, { user: SUP, firstName: 'Rina' });
  const [own] = await h.say('/undang', { user: SUP });
  await h.say(`/start ${invitationCode(own)}`, { user: WORKER, firstName: 'Budi' });
}

/** A held session by phone, yesterday, whose next step is a home visit next week; saved. */
async function writeNote(h: Harness, user: number): Promise<string> {
  const caseId = await openCase(h, 'Si', 'Zastrow', user);
  await h.say('/catat', { user });
  await h.tap('Si (42)', user);
  await fillNote(h, {
    user,
    answers: {
      tanggal_sesi: { type: 'kemarin' },
      jenis_kontak: { tap: 'Telepon / video' },
      langkah_selanjutnya: { type: 'Kunjungan ulang minggu depan' },
    },
  });
  await h.tap('Simpan', user);
  return caseId;
}

/** The review's ✏️ button for the question whose prompt is `prompt`. */
function editButton(review: FakeMessage, prompt: string): string {
  const n = new RegExp(`<b>(\\d+)\\. ${prompt.replace(/[?.]/g, '\\$&')}</b>`).exec(review.text ?? '')?.[1];
  if (!n) throw new Error(`no "${prompt}" in the review`);
  return `✏️ ${n}`;
}

describe('an organisation', () => {
  it('is founded by an admin, who invites; people join through links; others are refused', async () => {
    const [ask] = await h.say('/lembaga');
    expect(ask!.text).toContain('Nama lembaga Anda?');
    const [created] = await h.say('Bapas Kelas I Bandung');
    expect(created!.text).toBe('✅ Lembaga <b>Bapas Kelas I Bandung</b> dibuat. Anda admin-nya.');
    const code = await invite(h, 'Supervisor', '1 orang');
    const [welcome] = await h.say(`/start ${code}`, { user: SUP, firstName: 'Rina' });
    expect(welcome!.text).toBe('✅ Selamat bergabung di <b>Bapas Kelas I Bandung</b> sebagai Supervisor.');
    // single use: the next person is refused
    const [used] = await h.say(`/start ${code}`, { user: STRANGER });
    expect(used!.text).toBe('Tautan undangan ini sudah dipakai. Minta tautan baru kepada admin lembaga.');
    // and without a link, a stranger is refused with their id
    const [refused] = await h.say('/catat', { user: STRANGER });
    expect(refused!.text).toContain('7001');
  });

  it('refuses a revoked invitation', async () => {
    await found(h);
    const code = await invite(h, 'Petugas', 'banyak');
    await h.say('/lembaga');
    await h.tap('Undangan aktif');
    await h.tap('🚫 1');
    const [revoked] = await h.say(`/start ${code}`, { user: STRANGER });
    expect(revoked!.text).toBe('Tautan undangan ini sudah dicabut. Minta tautan baru kepada admin lembaga.');
  });
});

describe('a note and its supervisor', () => {
  it('reaches the supervisor as a summary; approving tells the worker; the history shows it', async () => {
    await team(h);
    const caseId = await writeNote(h, WORKER);
    const summary = h.fake.lastMessage(SUP)!;
    expect(summary.text).toContain('Catatan sesi baru dari Budi');
    expect(summary.text).toContain('Si (42) · Zastrow · tahap 1/8');
    expect(summary.text).toContain('Sesi 13 Maret 2025 · Telepon / video');
    // a routine answer (held as planned) takes none of the summary's places; the stage's answers do
    expect(summary.text).not.toContain('Apakah sesi terlaksana?');
    expect(summary.text).toContain('<b>Masalah apa yang diungkap klien?</b>');
    expect(summary.text).toContain('Langkah selanjutnya: Kunjungan ulang minggu depan');
    expect(buttons(summary).map((b) => b.text)).toEqual(['✅ Setujui', '💬 Beri tanggapan', '📄 Lihat lengkap']);

    await h.tap('Setujui', SUP);
    expect(h.fake.lastMessage(WORKER)!.text).toBe('✅ Rina menyetujui catatan Si (42) (13 Maret 2025).');
    await h.say('/riwayat', { user: WORKER });
    const [list] = await h.tap('Si (42)', WORKER);
    expect(buttons(list)[0]!.text.startsWith('✅ ')).toBe(true);
    const states = (await h.workspace(WORKER, caseId)).reviewStates!;
    expect(Object.values(states)).toEqual(['disetujui']);
  });

  it('carries feedback to the worker, who revises; both versions are kept and the supervisor sees the revision', async () => {
    await team(h);
    const caseId = await writeNote(h, WORKER);
    await h.tap('Beri tanggapan', SUP);
    await h.say('Tolong jelaskan rencana kunjungan ulangnya.', { user: SUP });
    const told = h.fake.lastMessage(WORKER)!;
    expect(told.text).toBe('💬 Tanggapan Rina untuk catatan Si (42) (13 Maret 2025):\nTolong jelaskan rencana kunjungan ulangnya.');
    expect(told.parse_mode).toBe('HTML');
    await h.tap('Ubah catatan', WORKER);
    const review = h.last(WORKER);
    expect(review.text).toContain('Periksa sebelum disimpan');
    await h.tap(editButton(review, 'Apa langkah selanjutnya?'), WORKER);
    await h.say('Kunjungan ulang Senin 17 Maret bersama keluarga', { user: WORKER });
    const [saved] = await h.tap('Simpan', WORKER);
    expect(saved!.text).toContain('diperbarui (versi 2)');
    const notes = (await h.workspace(WORKER, caseId)).notes!;
    const [note] = Object.values(notes);
    expect(note!.version).toBe(2);
    expect(note!.previous?.[0]?.items.find((i) => i.id === 'langkah_selanjutnya')?.value).toBe('Kunjungan ulang minggu depan');
    expect(note!.items.find((i) => i.id === 'langkah_selanjutnya')?.value).toBe('Kunjungan ulang Senin 17 Maret bersama keluarga');
    expect(h.fake.lastMessage(SUP)!.text).toContain('Catatan sesi direvisi oleh Budi');
    // the worker's note shows what changed, version by version
    await h.say('/riwayat', { user: WORKER });
    await h.tap('Si (42)', WORKER);
    const [full] = await h.tap('13 Mar ', WORKER);
    expect(full!.text).toContain('<b>Riwayat perubahan</b>');
    expect(full!.text).toContain('Versi 2 · 14 Maret 2025 · Budi');
    expect(full!.text).toContain('• Apa langkah selanjutnya?: Kunjungan ulang minggu depan → Kunjungan ulang Senin 17 Maret bersama keluarga');
  });

  // BUG: the next /catat recalls the case's last note (case.lastNote: next step, next meeting,
  // held), but completeEdit (src/bot/activity/complete.ts) never updates it when the latest note is
  // revised, so it still shows the next step from before the revision. case.carry (the answers
  // "↩️ Seperti sesi lalu" offers) is not refreshed either.
  it('after a revision of the latest note, the next /catat recalls the revised next step', async () => {
    await team(h);
    await writeNote(h, WORKER);
    await h.tap('Beri tanggapan', SUP);
    await h.say('Tolong jelaskan rencana kunjungan ulangnya.', { user: SUP });
    await h.tap('Ubah catatan', WORKER);
    await h.tap(editButton(h.last(WORKER), 'Apa langkah selanjutnya?'), WORKER);
    await h.say('Kunjungan ulang Senin 17 Maret bersama keluarga', { user: WORKER });
    await h.tap('Simpan', WORKER);
    await h.say('/catat', { user: WORKER });
    const [first] = await h.tap('Si (42)', WORKER);
    // the recap in short, so it shares the first question's screen (the case list became both)
    expect(first!.text).toMatch(/^🗒 Terakhir: 13 Maret 2025, tahap 1\n➡️ Kunjungan ulang Senin 17 Maret be…\n📅 belum ditentukan\n\n/);
    expect(first!.text).toContain('Pertanyaan 1 dari');
    expect(screenLines(first!.text!)).toBeLessThanOrEqual(10);
  });

  it('refuses a forged review button for another worker, and writes it to the audit log', async () => {
    await team(h);
    const caseId = await writeNote(h, WORKER);
    const note = Object.keys((await h.workspace(WORKER, caseId)).notes!)[0]!;
    // the admin supervises nobody: a forged "see in full" for the worker's note
    const sent = await h.bot.api.sendMessage(ADMIN, 'x', { reply_markup: { inline_keyboard: [[{ text: 'x', callback_data: `sv:${WORKER}:${caseId}:${note}` }]] } });
    await h.press(sent.message_id, `sv:${WORKER}:${caseId}:${note}`);
    expect(h.lastAlert()).toBe('Anda tidak punya akses ke catatan petugas ini.');
    const [log] = await h.say('/audit');
    expect(log!.text).toContain('ditolak: tombol tanpa hak akses');
  });

  it('removing a member takes effect at once: their old buttons are refused', async () => {
    await team(h);
    await writeNote(h, WORKER);
    const summary = h.fake.lastMessage(SUP)!;
    await h.say('/lembaga');
    await h.tap('Anggota');
    await h.tap('Rina');
    await h.tap('Keluarkan');
    await h.tap('Ya, keluarkan');
    const approve = buttons(summary).find((b) => b.text.includes('Setujui'))!;
    await h.press(summary.message_id, approve.callback_data, SUP);
    expect(h.lastAlert()).toContain('belum terdaftar');
  });

  it('lets a member leave (audited, reminders stop); the only admin cannot', async () => {
    await team(h);
    await h.say('/keluar', { user: WORKER });
    const [left] = await h.tap('Ya, keluar', WORKER);
    // the confirmation is edited in place: no new message
    expect(left!.message_id).toBe(h.last(WORKER).message_id);
    expect(left!.text).toBe('Anda sudah keluar dari Bapas Kelas I Bandung. Terima kasih.');
    expect((await h.workspace(WORKER)).membership).toBeUndefined();
    expect(await remindable(WORKER)).toEqual([]); // no more reminders: no case of an organisation of theirs
    expect((await h.workspace(SUP)).membership!.workers).toEqual([]);
    const [refused] = await h.say('/catat', { user: WORKER });
    expect(refused!.text).toContain('belum terdaftar');
    expect(await remindable(WORKER)).toEqual([]); // a refused update changes nothing
    await h.say('/keluar');
    await h.tap('Ya, keluar');
    expect(h.last().text).toBe('Anda satu-satunya admin. Jadikan anggota lain admin dulu, lalu keluar.');
    const [log] = await h.say('/audit');
    expect(log!.text).toContain('keluar dari lembaga');
  });
});


describe('dates in the organisation screens', () => {
  it('are in the reader’s language also when it comes from Telegram (no /bahasa choice)', async () => {
    h.now = new Date('2025-05-01T03:00:00Z');
    await h.say('/lembaga', { languageCode: 'en' });
    await h.say('Bapas Kelas I Bandung', { languageCode: 'en' });
    await h.say('/lembaga', { languageCode: 'en' });
    await h.tap('New invitation');
    const [made] = await h.tap('Supervisor · one person');
    // valid 7 days: "8 May 2025", not the Indonesian "8 Mei 2025"
    expect(made!.text).toContain('8 May 2025');
  });
});
