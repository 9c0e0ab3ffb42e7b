// Issue #26, points 2 and 15: two clients "Si (42)" are told apart by their case codes ("#Y59K2Y")
// where a worker picks a case, and a reminder — whose text a phone's lock screen shows — names its
// cases by code only; /riwayat's buttons show "6 Des", not "6 Desember 2026", so the stage fits too.
// What the user sees, through real updates on a real Redis (the reminder: its message, rendered).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load-flows.ts';
import { createI18n } from '../../src/bot/create-bot.ts';
import { caseCode, type Lang } from '../../src/cases/labels.ts';
import { reminderMessage } from '../../src/reminders/message.ts';
import type { CaseRecord } from '../../src/store/records.ts';
import { charCount } from '../../src/telegram/format.ts';
import { buildSeed, writeSeed } from '../export/fixtures.ts';
import { ADMIN, buttons, Harness, openCase } from '../support/bot-harness.ts';

const fits = (labels: string[]) => labels.filter((l) => charCount(l) > 24);

describe('two clients "Si (42)"', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.start({ now: new Date('2025-03-14T03:00:00Z') });
  });
  afterEach(async () => {
    await h.stop();
  });

  it('are told apart by their codes on the buttons of /catat, /riwayat and /kasus; a case of its own label keeps its model', async () => {
    await openCase(h, 'Si');
    await openCase(h, 'Si', 'Permensos');
    await openCase(h, 'RO', 'Permensos');
    const cases = Object.values((await h.workspace()).cases);
    const si = cases.filter((c) => c.initials === 'Si');
    expect(si).toHaveLength(2);
    for (const command of ['/catat', '/riwayat', '/kasus']) {
      const [picker] = await h.say(command);
      const labels = buttons(picker).map((b) => b.text);
      expect(fits(labels), command).toEqual([]);
      // each "Si (42)" with its own code, the stage whole
      for (const c of si) expect(labels, command).toContain(`Si (42) ${caseCode(c.id)} ${c.flowId === 'zastrow-mezzo' ? '1/8' : '1/7'}`);
      // RO (42) shares its label with nobody: client, the model's short name by whole words, stage
      expect(labels, command).toContain('RO (42) · Permensos 1/7');
    }
    // the button opens the case it names
    const [card] = await h.tap(`Si (42) ${caseCode(si[1]!.id)}`, ADMIN);
    expect(card!.text).toContain(caseCode(si[1]!.id));
  });
});

describe('a reminder on the lock screen', () => {
  const base: CaseRecord = {
    id: 'y59k2yab', ownerId: 1, initials: 'Si', age: 42, gender: 'p', setting: 'bapas', problem: 'x',
    flowId: 'zastrow-mezzo', stageId: '', status: 'active', createdAt: '2025-03-01T00:00:00Z', updatedAt: '2025-03-01T00:00:00Z', noteCount: 0,
  };

  for (const lang of ['id', 'en'] as Lang[]) {
    it(`names its cases by code only, never the initials; its buttons name them fully, within 24 characters (${lang})`, async () => {
      const catalog = await loadCatalog();
      const i18n = createI18n();
      const t = (key: string, vars?: Record<string, string | number>) => i18n.t(lang, key, vars);
      const flow = catalog.get('zastrow-mezzo')!;
      const a = { ...base, stageId: flow.stages[0]!.id };
      const b = { ...a, id: 'ab12cdef', initials: 'BZGAB', age: 101 };
      const opts = { catalog, lang, t, nowMs: Date.parse('2025-03-14T03:00:00Z'), zone: 'Asia/Jakarta', late: false, scheduled: '' };

      const one = reminderMessage([{ c: a, occurrence: 1 }], opts);
      expect(one.text).toContain('#Y59K2Y');
      expect(one.text).not.toMatch(/Si|\(42\)/);
      expect(fits(one.keyboard.inline_keyboard.flat().map((x) => x.text))).toEqual([]);

      const two = reminderMessage([{ c: a, occurrence: 1 }, { c: b, occurrence: 1 }], opts);
      expect(two.text).toContain('#Y59K2Y');
      expect(two.text).toContain('#AB12CD');
      expect(two.text).not.toMatch(/Si|BZGAB|\(42\)|\(101\)/);
      const labels = two.keyboard.inline_keyboard.flat().map((x) => x.text);
      expect(fits(labels)).toEqual([]);
      // the first button of each case names the client beside the code its line shows
      expect(labels).toContain('📝 Si (42) #Y59K2Y');
      expect(labels).toContain('📝 BZGAB (101) #AB12CD');
      expect(labels.filter((l) => l.includes('#AB12CD'))).toHaveLength(3);
    });
  }
});

describe('/riwayat', () => {
  let h: Harness;
  beforeEach(async () => {
    // Sunday 20 December 2026
    h = await Harness.start({ now: new Date('2026-12-20T03:00:00Z') });
  });
  afterEach(async () => {
    await h.stop();
  });

  it('shows short dates ("5 Jan", the year only when not this one: "29 Des 25"), the stage and its title\'s start, within 24 characters', async () => {
    await openCase(h, 'Si'); // the worker's membership, as the bot makes it
    // two sessions a week apart, across the turn of the year
    const seed = buildSeed(h.catalog, { ownerId: ADMIN, flowId: 'permensos-napza', notes: 2, stages: 2, firstDay: '2025-12-29', initials: 'RO', age: 19 }, 'rohist01');
    await writeSeed(h.store, h.redis, h.keys, seed);
    await h.say('/riwayat');
    const [list] = await h.tap('RO (19)');
    const labels = buttons(list).filter((b) => b.callback_data.startsWith('hn:')).map((b) => b.text);
    expect(labels).toEqual([expect.stringMatching(/^2\) 5 Jan · 2\. \S{3,}/), expect.stringMatching(/^1\) 29 Des 25 · 1\. \S{3,}/)]);
    expect(fits(labels)).toEqual([]);
  });
});
