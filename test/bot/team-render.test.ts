// /tim's screens on a phone, whatever the case holds: the longest realistic case screen (a contact
// last year, two misses and a passed meeting, several open risks, long names) stays within 10
// lines in both languages, and an open risk is never the part left out.
import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { loadCatalog } from '../../src/catalog/load-flows.ts';
import { createI18n } from '../../src/bot/create-bot.ts';
import { caseScreen, type Speaker } from '../../src/bot/render/team.ts';
import { dayScore } from '../../src/store/caseload-index.ts';
import type { CaseRecord } from '../../src/store/records.ts';
import type { RiskRecord } from '../../src/store/risk-records.ts';
import { charCount, screenLines } from '../../src/telegram/format.ts';

const catalog = await loadCatalog();
const i18n = createI18n();
const now = Date.parse('2025-01-10T03:00:00Z');

function speaker(lang: 'id' | 'en'): Speaker {
  const zone = 'Asia/Jakarta';
  return { t: (k, v) => i18n.t(lang, k, v), lang, zone, catalog, time: { now, today: dayScore(DateTime.fromMillis(now, { zone }).toISODate()!) } };
}

const c: CaseRecord = {
  id: 'k3j4h5m6p7', ownerId: 7, initials: 'BZGAB', age: 41, gender: 'l', setting: 'bapas', problem: 'napza',
  flowId: 'permensos-napza', stageId: 'pengungkapan_masalah', status: 'active',
  createdAt: '2024-10-01T03:00:00Z', updatedAt: '2025-01-08T03:00:00Z', stageSince: '2024-11-02T03:00:00Z',
  lastHeldAt: '2024-12-20T03:00:00Z', lastNoteAt: '2025-01-08T03:00:00Z', missedInRow: 2, noteCount: 9,
  lastNote: { noteId: 'n9', date: '2025-01-08', stageId: 'pengungkapan_masalah', held: false, nextMeeting: '2025-01-09' },
};
const risk = (i: number, taken: boolean): RiskRecord => ({
  alert: { id: `risk${i}abc`, orgId: 'o', workerId: 7, caseId: c.id, client: 'BZGAB (41)', workerName: 'Budi', raisedAt: new Date(now - (i + 1) * 3_600_000).toISOString(), to: [],
    flags: [{ id: 'Melukai diri', en: 'Self-harm' }, { id: 'Overdosis', en: 'Overdose' }, { id: 'Kekerasan', en: 'Violence' }] },
  ...(taken ? { taken: { by: 1, byName: 'Rina Kusumawardhani', at: new Date(now).toISOString() } } : {}),
});

describe('a case on /tim fits a phone', () => {
  for (const lang of ['id', 'en'] as const) {
    for (const risks of [0, 1, 3]) {
      for (const adminOnly of [false, true]) {
        it(`${lang}, ${risks} open risks${adminOnly ? ', an admin' : ''}`, () => {
          const s = speaker(lang);
          const open = Array.from({ length: risks }, (_, i) => risk(i, i === 1));
          const screen = caseScreen(s, { orgId: 'o', workerId: 7, name: 'Muhammad Rizky Pratama', filter: 'all', page: 0, supervises: !adminOnly, caseId: c.id, adminOnly }, c, {}, {}, open);
          expect(screenLines(screen.text), screen.text).toBeLessThanOrEqual(10);
          for (const row of screen.keyboard.inline_keyboard) {
            expect(row.length).toBeLessThanOrEqual(3);
            for (const b of row) expect(charCount(b.text)).toBeLessThanOrEqual(24);
          }
          // the oldest open risk is always shown; an admin who does not read the notes is not told its flags
          if (risks) expect(screen.text).toContain(adminOnly ? (lang === 'id' ? 'Tanda bahaya terbuka' : 'Open danger sign') : lang === 'id' ? 'Melukai diri' : 'Self-harm');
          if (adminOnly) expect(screen.text).not.toMatch(/Melukai diri|Self-harm/);
          if (risks > 1) expect(screen.text).toMatch(/\+\d|Kekerasan · |Violence · /);
        });
      }
    }
  }
});
