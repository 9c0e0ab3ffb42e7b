// A text the bot waits for outside a note (src/bot/asides.ts): refused gently, never cut, never lost.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, buttons, Harness, openCase, team } from '../support/bot-harness.ts';
import { fillNote } from '../support/note-driver.ts';
import { encode } from '../../src/telegram/callback-data.ts';

let h: Harness;
beforeEach(async () => {
  h = await Harness.start({ now: new Date('2025-03-14T03:00:00Z') });
});
afterEach(async () => {
  await h.stop();
});

/** A reminder's "skip this week" pressed: the bot asks why. */
async function skipAsked(caseId: string, occurrence: number): Promise<void> {
  const data = encode({ kind: 'reminder-skip', caseId, occurrence });
  const sent = await h.bot.api.sendMessage(ADMIN, 'Pengingat', { reply_markup: { inline_keyboard: [[{ text: 'Lewati', callback_data: data }]] } });
  const [ask] = await h.press(sent.message_id, data);
  expect(ask!.text).toContain('Apa alasannya?');
}

describe('waiting for a text outside a note', () => {
  it('a sticker or a photo gets a hint in the user’s language and the wait goes on', async () => {
    const caseId = await openCase(h);
    const occurrence = Date.parse('2025-03-17T01:00:00Z');
    await skipAsked(caseId, occurrence);
    const [sticker] = await h.handle(h.fake.sendSticker(ADMIN));
    expect(sticker!.text).toMatch(/stiker/i);
    const [photo] = await h.handle(h.fake.sendPhoto(ADMIN));
    expect(photo!.text).toBe('Untuk pertanyaan ini, mohon ketik jawaban berupa teks.');
    expect((await h.workspace()).session?.aside).toEqual({ kind: 'skip-reason', caseId, occurrence });
    const [noted] = await h.say('Klien cuti');
    expect(noted!.text).toBe('✅ Alasan dicatat pada kasus Si (42).');
    expect((await h.workspace()).cases[caseId]!.monitoring?.skipped).toEqual([{ occurrence, reason: 'Klien cuti', at: '2025-03-14T03:00:00.000Z' }]);
  });

  it('a reason too long is refused, not cut: the worker shortens it and nothing is stored meanwhile', async () => {
    const caseId = await openCase(h);
    const occurrence = Date.parse('2025-03-17T01:00:00Z');
    await skipAsked(caseId, occurrence);
    const [tooLong] = await h.say('x'.repeat(301));
    expect(tooLong!.text).toBe('Terlalu panjang (301 karakter). Maksimal 300 karakter; mohon diringkas.');
    expect((await h.workspace()).cases[caseId]!.monitoring?.skipped?.[0]?.reason).toBeUndefined();
    await h.say('y'.repeat(300));
    expect((await h.workspace()).cases[caseId]!.monitoring?.skipped?.[0]?.reason).toBe('y'.repeat(300));
  });

  it('in English for an English user', async () => {
    const caseId = await openCase(h);
    await h.say('/bahasa');
    await h.tap('English');
    const data = encode({ kind: 'reminder-skip', caseId, occurrence: 1 });
    const sent = await h.bot.api.sendMessage(ADMIN, 'Reminder', { reply_markup: { inline_keyboard: [[{ text: 'Skip', callback_data: data }]] } });
    await h.press(sent.message_id, data);
    const [photo] = await h.handle(h.fake.sendPhoto(ADMIN));
    expect(photo!.text).toBe('Please type a text answer for this question.');
  });

  it('a wait an older version stored (its own fields) is still answered, and then gone', async () => {
    const caseId = await openCase(h);
    const ws = await h.workspace();
    const occurrence = 7;
    await h.store.commit(ADMIN, ws.rev, { session: { ...ws.session, skipReason: { caseId, occurrence } } });
    const [noted] = await h.say('Klien sakit');
    expect(noted!.text).toBe('✅ Alasan dicatat pada kasus Si (42).');
    const after = await h.workspace();
    expect(after.cases[caseId]!.monitoring?.skipped?.[0]).toMatchObject({ occurrence, reason: 'Klien sakit' });
    expect(after.session?.skipReason).toBeUndefined();
    expect(after.session?.aside).toBeUndefined();
  });

  it('a supervisor’s feedback prompt has ✖️ Batal: nothing is sent, and the next text is no feedback', async () => {
    await team(h, { supervisor: { id: 5901, name: 'Rina' }, workers: [{ id: 6901, name: 'Budi' }] });
    await openCase(h, 'Si', 'Zastrow', 6901);
    await h.say('/catat', { user: 6901 });
    await h.tap('Si (42)', 6901);
    await fillNote(h, { user: 6901 });
    await h.tap('Simpan', 6901);
    const [ask] = await h.tap('Beri tanggapan', 5901);
    expect(buttons(ask).map((b) => b.text)).toEqual(['✖️ Batal']);
    const workerSaw = h.fake.messages(6901).length;
    const [cancelled] = await h.tap('✖️ Batal', 5901);
    expect(cancelled!.text).toBe('Dibatalkan. Tidak ada yang dikirim.');
    expect((await h.workspace(5901)).session?.aside).toBeUndefined();
    await h.say('Tolong lengkapi.', { user: 5901 });
    expect(h.fake.messages(6901).length).toBe(workerSaw);
  });
});
