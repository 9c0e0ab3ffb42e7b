// Client data stays in the chat: what the bot sends is protected (no forwarding, no saving) — the
// summaries, alerts, a note shown in full, the worker's own screens — except an invitation link,
// which is meant to be passed on. Through the real bot and its outbox, against the fake Bot API.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, buttons, Harness, openCase, team } from '../support/bot-harness.ts';
import { fillNote } from '../support/note-driver.ts';

const SUP = 5801;
const WORKER = 6801;

let h: Harness;
beforeEach(async () => {
  h = await Harness.start({ now: new Date('2025-03-14T03:00:00Z') });
  await h.say('/start', { user: ADMIN, firstName: 'Ani' });
});
afterEach(async () => {
  await h.stop();
});

describe('protected content', () => {
  it('every message about a client is protected; invitation links are not', async () => {
    await team(h, { supervisor: { id: SUP, name: 'Rina' }, workers: [{ id: WORKER, name: 'Budi' }] });
    // the links the admin and the supervisor made to pass on
    const links = [...h.fake.messages(ADMIN), ...h.fake.messages(SUP)].filter((m) => m.text?.includes('t.me/'));
    expect(links.length).toBeGreaterThanOrEqual(2);
    for (const m of links) expect(m.protect_content).toBeUndefined();

    await openCase(h, 'Si', 'Zastrow', WORKER);
    await h.say('/catat', { user: WORKER });
    await h.tap('Si (42)', WORKER);
    await fillNote(h, { user: WORKER, answers: { risiko: { tick: ['Kekerasan'] }, risiko_uraian: { type: 'Klien dipukul kakaknya.' } } });
    await h.tap('Simpan', WORKER);
    const summary = h.fake.lastMessage(SUP)!;
    await h.press(summary.message_id, buttons(summary).find((b) => b.text.includes('Lihat lengkap'))!.callback_data, SUP);

    const toSupervisor = h.fake.messages(SUP).filter((m) => !m.text?.includes('t.me/'));
    const aboutClient = toSupervisor.filter((m) => m.text?.includes('Si (42)') || m.text?.includes('Klien dipukul'));
    expect(aboutClient.length).toBeGreaterThanOrEqual(4); // two alerts, the summary, the note in full
    for (const m of aboutClient) expect(m.protect_content, m.text?.slice(0, 60)).toBe(true);
    // everything the worker got (questions with the answers so far, the alert notices, the saved note)
    const toWorker = h.fake.messages(WORKER).filter((m) => !m.text?.includes('t.me/'));
    expect(toWorker.length).toBeGreaterThan(10);
    for (const m of toWorker) expect(m.protect_content, m.text?.slice(0, 60)).toBe(true);
  });
});
