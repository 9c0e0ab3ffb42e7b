// Per-user ceilings (issue #23.5), through the real bot: a worker's active cases (/kasus_baru, the
// intake's 💾 Simpan, 🔓 Buka kembali), and a user's reports and exports in a day — each refused
// with a clear message, nothing else changed.
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, answerIntake, Harness } from '../support/bot-harness.ts';
import { encode } from '../../src/telegram/callback-data.ts';
import { MAX_ACTIVE_CASES } from '../../src/cases/limits.ts';
import { EXPORTS_PER_DAY } from '../../src/export/jobs.ts';
import type { CaseRecord } from '../../src/store/records.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

function aCase(id: string, status: CaseRecord['status']): CaseRecord {
  return {
    id, ownerId: ADMIN, initials: 'Ab', age: 30, gender: 'l', setting: 'bapas', problem: 'Masalah', flowId: 'zastrow-mezzo', stageId: 'engagement',
    status, createdAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-01-01T00:00:00.000Z', noteCount: 0,
  };
}

async function seed(harness: Harness, cases: CaseRecord[]): Promise<void> {
  const ws = await harness.workspace();
  await harness.store.commit(ADMIN, ws.rev, { cases });
}

async function statuses(harness: Harness): Promise<{ active: number; closed: number }> {
  const all = Object.values((await harness.workspace()).cases);
  return { active: all.filter((c) => c.status === 'active').length, closed: all.filter((c) => c.status === 'closed').length };
}

describe('the ceiling of active cases per worker', () => {
  it('refuses a new case and a reopening at the ceiling, and keeps an intake saved there at its review', async () => {
    h = await Harness.start();
    const stage = h.catalog.get('zastrow-mezzo')!.stages[0]!.id;
    const active = Array.from({ length: MAX_ACTIVE_CASES }, (_, i) => ({ ...aCase(`act${String(i).padStart(4, '0')}`, 'active'), stageId: stage }));
    await seed(h, [...active, { ...aCase('closed01', 'closed'), stageId: stage }]);

    // at the ceiling: /kasus_baru is refused, no intake begins
    const [refused] = await h.say('/kasus_baru');
    expect(refused?.text).toContain(`${MAX_ACTIVE_CASES} kasus aktif`);
    expect((await h.store.load(ADMIN)).session?.activity).toBeUndefined();
    // and so is reopening a closed case
    await h.press(refused!.message_id, encode({ kind: 'reopen-case', caseId: 'closed01' }));
    expect(h.last().text).toContain('batas per pekerja');
    expect(await statuses(h)).toEqual({ active: MAX_ACTIVE_CASES, closed: 1 });

    // one case ended elsewhere (an admin, another instance): room for one
    await seed(h, [{ ...active[0]!, status: 'closed' }]);
    await h.say('/kasus_baru');
    const [review] = await answerIntake(h);
    expect(review?.text).toContain('Simpan');
    // meanwhile the worker reopens a closed case: the ceiling again
    await h.press(review!.message_id, encode({ kind: 'reopen-case', caseId: 'closed01' }));
    expect(await statuses(h)).toEqual({ active: MAX_ACTIVE_CASES, closed: 1 });
    // 💾 Simpan is refused; the intake stays at its review, nothing is stored
    await h.tap('Simpan');
    expect(h.last().text).toContain('batas per pekerja');
    expect((await h.store.load(ADMIN)).session?.activity?.kind).toBe('intake');
    expect(await statuses(h)).toEqual({ active: MAX_ACTIVE_CASES, closed: 1 });
  });
});

describe('the daily cap of reports and exports per user', () => {
  it(`answers the ${EXPORTS_PER_DAY + 1}st request of a day with the cap, and the next day again`, async () => {
    h = await Harness.start();
    // (a case with a note of a model with scale questions: 📈 is offered; its notes are not seeded, so
    // each export ends at once in "no scale answers", written into its "⏳" message)
    await seed(h, [{ ...aCase('chart001', 'active'), noteCount: 1 }]);
    const press = encode({ kind: 'report-make', caseId: 'chart001', what: 'chart' });
    const sent = (from: number) => h!.fake.calls.slice(from).filter((c) => c.method === 'sendMessage').map((c) => String(c.payload['text'])).join('\n');
    for (let i = 0; i < EXPORTS_PER_DAY; i++) {
      const from = h.fake.calls.length;
      await h.press(1, press);
      expect(sent(from)).toContain('Sedang disiapkan');
    }
    const from = h.fake.calls.length;
    const [capped] = await h.press(1, press);
    expect(capped?.text).toBe(`Hari ini Anda sudah meminta ${EXPORTS_PER_DAY} laporan dan ekspor, batas harian per pengguna. Silakan coba lagi besok.`);
    // nothing prepared, nothing sent
    expect(h.fake.calls.slice(from).filter((c) => c.method === 'sendMessage').map((c) => String(c.payload['text']))).toEqual([capped!.text]);
    // in English for a user who chose it
    await h.say('/bahasa');
    await h.tap('English');
    const [english] = await h.press(1, press);
    expect(english?.text).toContain('the daily limit per user');
    // the next day (the user's day, WIB) starts afresh
    h.now = new Date(h.now.getTime() + 86_400_000);
    const before = h.fake.calls.length;
    await h.press(1, press);
    expect(sent(before)).toContain('Being prepared');
  });
});
