// Telegram delivers an unconfirmed batch again after a crash. However long the batch, every update
// in it is applied once: the highest applied update id is kept with the user's write, and anything
// at or below it is dropped — unless it is over a week old (Telegram then starts ids anew).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, Harness, openCase } from '../support/bot-harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await Harness.start();
});
afterEach(async () => {
  await h.stop();
});

describe('replayed updates', () => {
  it('a batch of 40 updates from one user, delivered again, is applied once', async () => {
    const caseId = await openCase(h);
    const updates: Record<string, unknown>[] = [];
    const send = async (u: Record<string, unknown>) => {
      updates.push(u);
      await h.handle(u);
    };
    // 20 notes' worth of taps and texts: start, walk, cancel — repeated — then one real note
    for (let i = 0; i < 20; i++) {
      await send(h.fake.sendText(ADMIN, '/catat'));
      await send(h.fake.sendText(ADMIN, '/batal'));
    }
    expect(updates.length).toBeGreaterThan(16); // more than the old guard remembered
    const before = await h.workspace(ADMIN, caseId);
    const messages = h.fake.messages(ADMIN).length;
    for (const u of updates) await h.handle(u);
    const after = await h.workspace(ADMIN, caseId);
    expect(h.fake.messages(ADMIN).length).toBe(messages); // nothing answered again
    expect(after.rev).toBe(before.rev); // nothing written again
    expect(after.lastUpdate!.id).toBe(updates.at(-1)!.update_id);
    expect(h.logs.filter((l) => l.includes('update already applied')).length).toBe(updates.length);
  });

  it('a typed answer replayed with the answers after it is stored once, for its own question', async () => {
    await openCase(h);
    await h.say('/catat');
    await h.tap('Si (42)');
    const date = h.fake.sendText(ADMIN, 'kemarin');
    await h.handle(date);
    const held = h.fake.messages(ADMIN).at(-1)!;
    expect(held.text).toContain('Apakah sesi terlaksana?');
    const answers = (await h.workspace()).session!.activity!.form.answers;
    await h.handle(date); // again, after a crash
    expect((await h.workspace()).session!.activity!.form.answers).toEqual(answers);
    expect(h.fake.messages(ADMIN).at(-1)!.message_id).toBe(held.message_id);
  });

  it('after more than a week without updates, a lower id is a new update (Telegram restarted the ids)', async () => {
    await h.say('/start');
    const last = (await h.workspace()).lastUpdate!;
    h.now = new Date(h.now.getTime() + 8 * 86_400_000);
    const low = { ...h.fake.sendText(ADMIN, '/bantuan'), update_id: Math.max(1, last.id - 1000) };
    const [answer] = await h.handle(low);
    expect(answer?.text).toContain('Cara memakai Pendamping');
    expect((await h.workspace()).lastUpdate!.id).toBe(low.update_id);
  });
});
