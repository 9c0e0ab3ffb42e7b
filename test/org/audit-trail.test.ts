// The organisation's audit trail is its members' record: nothing a non-member does can push out a
// member's entry. Strangers' refusals (guessed invitation links, forged buttons) go to a separate,
// capped security log, rate-limited per source and counted per source and per organisation; the
// organisation's audit is never cut by count (only by the retention setting, see member-data.test.ts).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, Harness, team } from '../support/bot-harness.ts';
import { encode } from '../../src/telegram/callback-data.ts';
import { OrgStore, STRANGER_ENTRIES_PER_WINDOW } from '../../src/org/org-store.ts';
import { STRANGER_REPLIES } from '../../src/bot/middleware/access.ts';

const SUP = 5301;
const WORKER = 6301;
const STRANGER = 7301;

let h: Harness;
beforeEach(async () => {
  h = await Harness.start();
});
afterEach(async () => {
  await h.stop();
});

async function auditIds(orgId: string): Promise<string[]> {
  return (await h.redis.xrange(h.keys.audit(orgId), '-', '+')).map(([id]) => id);
}

describe('the audit trail', () => {
  it("a stranger's guessed invitation links and forged buttons never reach the organisation's audit", async () => {
    const orgId = await team(h, { supervisor: { id: SUP, name: 'Rina' }, workers: [{ id: WORKER, name: 'Budi' }] });
    const before = await auditIds(orgId);
    const repliesBefore = h.fake.messages(STRANGER).length;
    for (let i = 0; i < 40; i++) await h.say(`/start ${orgId}_guess${String(i).padStart(4, '0')}x`, { user: STRANGER });
    for (let i = 0; i < 10; i++) {
      const data = encode({ kind: 'org', orgId, op: 'member-remove-yes', a: String(WORKER) });
      const sent = await h.bot.api.sendMessage(STRANGER, '…', { reply_markup: { inline_keyboard: [[{ text: 'x', callback_data: data }]] } });
      await h.press(sent.message_id, data, STRANGER);
    }
    // the organisation's record is exactly as it was, and the worker is still a member
    expect(await auditIds(orgId)).toEqual(before);
    expect(await h.redis.hget(h.keys.membership(WORKER), 'orgId')).toBe(orgId);
    // every refusal is counted, per source and per organisation; the log holds the first few only
    expect(await h.redis.hgetall(h.keys.securityCounts)).toEqual({ [`u:${STRANGER}`]: '50', [`o:${orgId}`]: '50' });
    const logged = await h.redis.xrange(h.keys.security, '-', '+');
    expect(logged).toHaveLength(STRANGER_ENTRIES_PER_WINDOW);
    expect(logged.every(([, f]) => f[3] === String(STRANGER) && f[5] === 'join-refused')).toBe(true);
    // answered a few times, then ignored: a flood costs us no Bot API calls
    const replies = h.fake.messages(STRANGER).slice(repliesBefore).map((m) => m.text).filter((t) => t !== '…');
    expect(replies).toEqual(Array(STRANGER_REPLIES).fill('Tautan undangan ini tidak dikenal. Minta tautan baru kepada admin lembaga.'));
    // the admin sees that there were attempts, in the audit screen
    const [shown] = await h.say('/audit', { user: ADMIN });
    expect(shown!.text).toContain('🚫 50 percobaan dari luar lembaga ditolak (tombol palsu, tebakan tautan undangan). Dicatat terpisah, tidak mengisi catatan ini.');
  });

  it('names each export by its format, and a case by its code', async () => {
    const orgId = await team(h, { supervisor: { id: SUP, name: 'Rina' }, workers: [{ id: WORKER, name: 'Budi' }] });
    const orgs = new OrgStore(h.redis, h.keys, h.store.cipher);
    const p = h.redis.pipeline();
    for (const what of ['report-docx', 'report-pdf', 'chart']) orgs.audit(p, orgId, { at: h.now.toISOString(), by: SUP, action: 'export', detail: { what, case: 'y59k2ywqzm' } });
    await p.exec();
    const [shown] = await h.say('/audit', { user: ADMIN });
    const lines = shown!.text!.split('\n').filter((l) => l.includes('mengekspor'));
    expect(lines).toEqual([
      '14/03 10.00 · Rina · mengekspor grafik kasus · <code>#Y59K2Y</code>',
      '14/03 10.00 · Rina · mengekspor laporan kasus (PDF) · <code>#Y59K2Y</code>',
      '14/03 10.00 · Rina · mengekspor laporan kasus (Word) · <code>#Y59K2Y</code>',
    ]);
  });

  it("is never cut by count: 10,300 entries later, the organisation's first entry is still there", async () => {
    const orgId = await team(h, { supervisor: { id: SUP, name: 'Rina' }, workers: [{ id: WORKER, name: 'Budi' }] });
    const first = await auditIds(orgId);
    const orgs = new OrgStore(h.redis, h.keys, h.store.cipher);
    for (let batch = 0; batch < 103; batch++) {
      const p = h.redis.pipeline();
      for (let i = 0; i < 100; i++) orgs.audit(p, orgId, { at: h.now.toISOString(), by: ADMIN, action: 'note-viewed', detail: { worker: String(WORKER), note: `n${batch}x${i}` } });
      await p.exec();
    }
    const ids = await auditIds(orgId);
    expect(ids).toHaveLength(first.length + 10_300);
    expect(ids.slice(0, first.length)).toEqual(first);
  });
});
