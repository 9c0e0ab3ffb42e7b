// /pengingat and the buttons under a reminder, through real updates on a real Redis. The queues
// are replaced by a recorder here; test/reminders/ runs the real BullMQ side.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encode } from '../../src/telegram/callback-data.ts';
import type { ReminderControl } from '../../src/reminders/queues.ts';
import { ADMIN, buttons, Harness, openCase, BAPAS_ADULT } from '../support/bot-harness.ts';

class Recorder implements ReminderControl {
  syncs: number[] = [];
  snoozes: { userId: number; caseId: string; occurrence: number; pressedAt: number }[] = [];
  async requestSync(userId: number) {
    this.syncs.push(userId);
  }
  async snooze(userId: number, caseId: string, occurrence: number, pressedAt: number) {
    this.snoozes.push({ userId, caseId, occurrence, pressedAt });
  }
}

let h: Harness;
let rec: Recorder;
beforeEach(async () => {
  rec = new Recorder();
  // Friday 14 March 2025, 10:00 WIB
  h = await Harness.start({ reminders: rec, now: new Date('2025-03-14T03:00:00Z') });
});
afterEach(async () => {
  await h.stop();
});

describe('/pengingat', () => {
  it('shows when reminders come and lets the worker change day, hour and zone', async () => {
    await openCase(h); // Zastrow: weekly
    expect(rec.syncs).toEqual([ADMIN]); // a new case gets its scheduler
    const [settings] = await h.say('/pengingat');
    expect(settings!.text).toContain('Setiap Senin, pukul 08.00 WIB, untuk 1 kasus aktif');
    expect(settings!.text).toContain('Pengingat berikutnya: Senin 17 Maret, 08.00');
    await h.tap('Hari');
    await h.tap('Kamis');
    await h.tap('Jam');
    await h.tap('14.00');
    await h.tap('Zona waktu');
    await h.tap('WITA');
    const shown = h.last();
    expect(shown.text).toContain('Setiap Kamis, pukul 14.00 WITA');
    expect(shown.text).toContain('Pengingat berikutnya: Kamis 20 Maret, 14.00');
    expect((await h.workspace()).session?.reminders).toEqual({ weekday: 4, hour: 14, zone: 'Asia/Makassar', paused: false });
    expect(rec.syncs).toHaveLength(4); // every change re-aligns the schedulers at once
  });

  it('pauses and resumes every reminder', async () => {
    await h.say('/pengingat');
    await h.tap('Jeda semua');
    expect(h.last().text).toContain('Pengingat monitoring dijeda');
    expect((await h.workspace()).session?.reminders?.paused).toBe(true);
    await h.tap('Aktifkan lagi');
    expect((await h.workspace()).session?.reminders?.paused).toBe(false);
  });

  // Telegram makes a double tap's two updates before the bot has answered the first: each carries
  // the message as it was when tapped. The first changes the setting and shows the settings; the
  // second changes nothing, and must edit nothing (the same screen again: "message is not modified").
  it('a double tap on a setting edits the screen once', async () => {
    const doubleTap = async (label: string, settled: string) => {
      const on = h.last();
      const data = buttons(on).find((b) => b.text.includes(label))!.callback_data;
      const [first, second] = [h.fake.pressButton(ADMIN, on.message_id, data), h.fake.pressButton(ADMIN, on.message_id, data)];
      await h.handle(first);
      const shown = h.last();
      expect(shown.message_id).toBe(on.message_id);
      expect(shown.text).toContain(settled);
      const from = h.fake.calls.length;
      await h.handle(second);
      // the second only stops its button's spinner
      expect(h.fake.calls.slice(from).map((c) => c.method)).toEqual(['answerCallbackQuery']);
      expect(h.last()).toEqual(shown);
    };
    await h.say('/pengingat');
    await doubleTap('Jeda semua', 'Pengingat monitoring dijeda');
    await doubleTap('Aktifkan lagi', 'Setiap Senin, pukul 08.00 WIB');
    await h.tap('Hari');
    await doubleTap('Kamis', 'Setiap Kamis, pukul 08.00 WIB');
    await h.tap('Jam');
    await doubleTap('14.00', 'Setiap Kamis, pukul 14.00 WIB');
    await h.tap('Zona waktu');
    await doubleTap('WITA', 'Setiap Kamis, pukul 14.00 WITA');
    expect((await h.workspace()).session?.reminders).toEqual({ weekday: 4, hour: 14, zone: 'Asia/Makassar', paused: false });
    expect(rec.syncs).toHaveLength(5);
  });

  it('the value already chosen, tapped in its list, goes back to the settings as they were', async () => {
    const [settings] = await h.say('/pengingat');
    await h.tap('Hari');
    const [back] = await h.tap('Senin');
    expect(back!.message_id).toBe(settings!.message_id);
    expect(back!.text).toBe(settings!.text);
    expect(rec.syncs).toEqual([]);
  });

  it('changes a case\'s cadence', async () => {
    const caseId = await openCase(h, 'RO', 'Bapas EIC'); // Bapas: monthly
    await h.say('/pengingat');
    const [list] = await h.tap('Jadwal per kasus').then(() => [h.last()]);
    // every line names its case with its code, beside the initials
    expect(list!.text).toContain(`RO (42) #${caseId.slice(0, 6).toUpperCase()} · Bapas EIC · tahap 1/6: bulanan`);
    await h.tap('RO (42) → mingguan');
    expect((await h.workspace()).cases[caseId]!.monitoring?.cadence).toBe('weekly');
  });
});

describe('the buttons under a reminder', () => {
  it('postpones a case by a day', async () => {
    const caseId = await openCase(h);
    const occurrence = Date.parse('2025-03-17T01:00:00Z');
    const sent = await h.bot.api.sendMessage(ADMIN, 'Pengingat', {
      reply_markup: { inline_keyboard: [[{ text: '⏰ Tunda 1 hari', callback_data: encode({ kind: 'reminder-snooze', caseId, occurrence }) }]] },
    });
    const [reply] = await h.press(sent.message_id, encode({ kind: 'reminder-snooze', caseId, occurrence }));
    expect(reply!.text).toBe('⏰ Baik, pengingat Si (42) saya kirim lagi besok.');
    expect(rec.snoozes).toEqual([{ userId: ADMIN, caseId, occurrence, pressedAt: Date.parse('2025-03-14T03:00:00Z') }]);
  });

  it('skips this time and keeps the reason with the case', async () => {
    const caseId = await openCase(h);
    const occurrence = Date.parse('2025-03-17T01:00:00Z');
    const data = encode({ kind: 'reminder-skip', caseId, occurrence });
    const sent = await h.bot.api.sendMessage(ADMIN, 'Pengingat', { reply_markup: { inline_keyboard: [[{ text: 'Lewati kali ini', callback_data: data }]] } });
    const [ask] = await h.press(sent.message_id, data);
    expect(ask!.text).toContain('Apa alasannya?');
    const [noted] = await h.say('Klien sedang dirawat di rumah sakit');
    expect(noted!.text).toBe('✅ Alasan dicatat pada kasus Si (42).');
    const skipped = (await h.workspace()).cases[caseId]!.monitoring?.skipped;
    expect(skipped).toEqual([{ occurrence, reason: 'Klien sedang dirawat di rumah sakit', at: '2025-03-14T03:00:00.000Z' }]);
  });

  it('opens the note flow with 📝 Catat sekarang', async () => {
    const caseId = await openCase(h);
    const sent = await h.bot.api.sendMessage(ADMIN, 'Pengingat', {
      reply_markup: { inline_keyboard: [[
        { text: '📝 Catat sekarang', callback_data: encode({ kind: 'note-case', caseId }) },
        { text: '⏰ Nanti', callback_data: encode({ kind: 'reminder-snooze', caseId, occurrence: 1 }) },
      ]] },
    });
    const [first] = await h.press(sent.message_id, encode({ kind: 'note-case', caseId }));
    // the note's first question, as a new message: the reminder stays as it was
    expect(first!.message_id).not.toBe(sent.message_id);
    expect(first!.text).toContain('Pertanyaan 1 dari');
    expect(h.fake.messages(ADMIN).find((m) => m.message_id === sent.message_id)!.text).toBe('Pengingat');
  });

  it('refuses a snooze for someone else\'s case', async () => {
    await openCase(h);
    const data = encode({ kind: 'reminder-snooze', caseId: 'zzzzzzzzzz', occurrence: 1 });
    const sent = await h.bot.api.sendMessage(ADMIN, 'x', { reply_markup: { inline_keyboard: [[{ text: 'x', callback_data: data }]] } });
    await h.press(sent.message_id, data);
    expect(h.lastAlert()).toContain('sudah tidak berlaku');
    expect(rec.snoozes).toEqual([]);
  });
});

describe('what the reminders review found', () => {
  it('a pending skip reason never eats a note answer typed after another command', async () => {
    const caseId = await openCase(h);
    const occurrence = Date.parse('2025-03-17T01:00:00Z');
    const data = encode({ kind: 'reminder-skip', caseId, occurrence });
    const sent = await h.bot.api.sendMessage(ADMIN, 'Pengingat', { reply_markup: { inline_keyboard: [[{ text: 'Lewati kali ini', callback_data: data }]] } });
    await h.press(sent.message_id, data);
    await h.say('/menu'); // the prompt allows this: the skip stands without a reason
    await h.say('/catat');
    await h.tap('Si (42)');
    const [next] = await h.say('kemarin');
    expect(next!.text).toContain('Apakah sesi terlaksana?');
    expect((await h.workspace()).session!.activity!.form.answers).toEqual({ ...BAPAS_ADULT, tanggal_sesi: '2025-03-13' });
    const c = (await h.workspace()).cases[caseId]!;
    expect(c.monitoring?.skipped).toEqual([{ occurrence, at: '2025-03-14T03:00:00.000Z' }]);
  });

  it('postponing one case of a grouped reminder leaves the other cases\' buttons', async () => {
    const si = await openCase(h, 'Si');
    const ro = await openCase(h, 'RO');
    const occurrence = Date.parse('2025-03-17T01:00:00Z');
    const row = (caseId: string) => [
      { text: `📝 ${caseId}`, callback_data: encode({ kind: 'note-case', caseId }) },
      { text: `⏰ ${caseId}`, callback_data: encode({ kind: 'reminder-snooze', caseId, occurrence }) },
    ];
    const sent = await h.bot.api.sendMessage(ADMIN, 'Pengingat monitoring: 2 kasus', { reply_markup: { inline_keyboard: [row(si), row(ro)] } });
    await h.press(sent.message_id, encode({ kind: 'reminder-snooze', caseId: si, occurrence }));
    const left = buttons(h.fake.messages(ADMIN).find((m) => m.message_id === sent.message_id));
    expect(left.map((b) => b.text)).toEqual([`📝 ${ro}`, `⏰ ${ro}`]);
  });

  it('shows the skipped weeks and their reasons on the case card', async () => {
    const caseId = await openCase(h);
    const occurrence = Date.parse('2025-03-17T01:00:00Z');
    const data = encode({ kind: 'reminder-skip', caseId, occurrence });
    const sent = await h.bot.api.sendMessage(ADMIN, 'Pengingat', { reply_markup: { inline_keyboard: [[{ text: 'Lewati', callback_data: data }]] } });
    await h.press(sent.message_id, data);
    await h.say('Klien cuti');
    await h.say('/kasus');
    const [card] = await h.tap('Si (42)');
    expect(card!.text).toContain('Monitoring dilewati 17 Maret 2025: Klien cuti');
  });
});

describe('ending and reopening a case', () => {
  it('stops and resumes its reminders', async () => {
    const caseId = await openCase(h);
    rec.syncs = [];
    // ended from its card: a reason, no note
    await h.say('/kasus');
    await h.tap('Si (42)');
    await h.tap('🏁 Akhiri kasus');
    await h.tap('Dipindah / dirujuk');
    const [ended] = await h.tap('Akhiri tanpa catatan');
    expect(ended!.text).toContain('🏁 Kasus <b>Si (42)</b> diakhiri: Dipindah / dirujuk.');
    expect((await h.workspace()).cases[caseId]).toMatchObject({ status: 'closed', closure: { reason: 'dirujuk', by: ADMIN } });
    expect(rec.syncs).toEqual([ADMIN]); // the sync removes its scheduler
    const [list] = await h.say('/kasus');
    expect(buttons(list).map((b) => b.text)).toEqual(['🔒 Si (42) · Zastrow 1/8']);
    const [card] = await h.tap('Si (42)');
    expect(card!.text).toContain('Diakhiri 14 Maret 2025: Dipindah / dirujuk');
    expect(buttons(card).map((b) => b.text)).toContain('🔓 Buka kembali');
    expect(buttons(card).map((b) => b.text)).not.toContain('🏁 Akhiri kasus');
    const [reopened] = await h.tap('Buka kembali');
    expect(reopened!.text).toBe('🔓 Kasus Si (42) dibuka kembali; pengingatnya aktif lagi.');
    expect((await h.workspace()).cases[caseId]!.status).toBe('active');
    expect(rec.syncs).toEqual([ADMIN, ADMIN]);
  });
});
