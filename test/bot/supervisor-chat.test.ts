// What a new supervisor meets in the chat: /riwayat and /kasus without cases of her own point her to
// her workers' summaries (and still offer a case of her own), in her language.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, buttons, Harness, openCase, team } from '../support/bot-harness.ts';
import { fillNote } from '../support/note-driver.ts';

let h: Harness;
beforeEach(async () => {
  h = await Harness.start({ now: new Date('2025-03-14T03:00:00Z') });
  await h.say('/start', { user: ADMIN, firstName: 'Ani' });
});
afterEach(async () => {
  await h.stop();
});

describe('a supervisor without cases of her own', () => {
  it('is pointed to her workers’ summaries by /riwayat and /kasus, not told to open a case first', async () => {
    await team(h, { supervisor: { id: 5951, name: 'Rina' }, workers: [{ id: 6951, name: 'Budi' }] });
    for (const command of ['/riwayat', '/kasus']) {
      const [reply] = await h.say(command, { user: 5951 });
      expect(reply!.text).toContain('Catatan pekerja bimbingan Anda datang sebagai ringkasan');
      expect(buttons(reply).map((b) => b.text)).toHaveLength(1);
    }
    // a worker without cases is still told to open one
    const [worker] = await h.say('/riwayat', { user: 6951 });
    expect(worker!.text).toBe('Anda belum punya kasus aktif. Buka kasus baru dulu.');
  });

  it('in English for an English supervisor', async () => {
    await team(h, { supervisor: { id: 5952, name: 'Rina', languageCode: 'en' }, workers: [{ id: 6952, name: 'Budi' }] });
    const [reply] = await h.say('/riwayat', { user: 5952, languageCode: 'en' });
    expect(reply!.text).toContain('Your workers\' notes come to you as summaries');
  });

  it('📄 Lihat lengkap shows the note’s photo itself, not only "📷 Foto"', async () => {
    await team(h, { supervisor: { id: 5953, name: 'Rina' }, workers: [{ id: 6953, name: 'Budi' }] });
    await openCase(h, 'Si', 'Zastrow', 6953);
    await h.say('/catat', { user: 6953 });
    await h.tap('Si (42)', 6953);
    await fillNote(h, { user: 6953, answers: { dokumentasi: { photo: true } } });
    await h.tap('Simpan', 6953);
    const summary = h.fake.lastMessage(5953)!;
    const before = h.fake.messages(5953).length;
    await h.press(summary.message_id, buttons(summary).find((b) => b.text.includes('Lihat lengkap'))!.callback_data, 5953);
    const shown = h.fake.messages(5953).slice(before);
    const photo = shown.find((m) => m.photo);
    expect(photo?.photo?.file_id).toBe('AgADphoto');
    expect(photo?.caption).toContain('Dokumentasi kegiatan');
    expect(photo?.protect_content).toBe(true);
  });
});
