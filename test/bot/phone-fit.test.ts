// On a 5-inch phone: every question of every flow, in both languages, rendered as the worker sees
// it — buttons of at most 24 characters (a ticked option's "✅ " counted), at most 3 a row (a 1–5
// scale may use 5), and a prompt message of at most 10 lines on a 38-character line. Also the case
// and stage pickers, whose labels come from case data and titles.
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load-flows.ts';
import { caseButtonLabel, pick, type Lang } from '../../src/cases/labels.ts';
import type { EngineEvent } from '../../src/engine/step.ts';
import type { AnswerValue, Question } from '../../src/engine/types.ts';
import { renderAsk, type FormView } from '../../src/bot/render/form.ts';
import { charCount, fitLabel, screenLines } from '../../src/telegram/format.ts';
import type { CaseRecord } from '../../src/store/records.ts';
import { createI18n } from '../../src/bot/create-bot.ts';

const catalog = await loadCatalog();
const i18n = createI18n();
const LINE = 38;

interface Button {
  text: string;
}

function longest(q: Question): AnswerValue {
  switch (q.type) {
    case 'multi': return q.options.map((o) => o.value);
    case 'choice': return q.options[0]!.value;
    case 'yesno': return true;
    case 'scale': return q.max;
    case 'number': return 12345;
    case 'date': return '2025-03-13';
    case 'file': return { fileId: 'x', kind: 'photo' };
    default: return 'Klien menceritakan hubungannya dengan keluarga yang renggang sejak ia ditahan, dan berharap bisa pulang ke rumah orang tuanya setelah bebas nanti.';
  }
}

const variants = (q: Question): Partial<Extract<EngineEvent, { kind: 'ask' }>>[] => [
  {},
  { previous: longest(q), ...(q.type === 'multi' ? { pending: q.options.map((o) => o.value) } : {}) },
  ...(q.carry ? [{ carried: longest(q) }] : []),
];

describe('every question fits a phone screen', () => {
  for (const lang of ['id', 'en'] as Lang[]) {
    const t = (key: string, vars?: Record<string, string | number>) => i18n.t(lang, key, vars);
    for (const flow of catalog.flows) {
      it(`${flow.id} (${lang})`, () => {
        const problems: string[] = [];
        for (const stage of flow.stages) {
          const header = t('note-header', { client: 'BZGAB (41)', index: stage.index + 1, count: flow.stages.length, stage: pick(stage.title, lang) });
          const recalled = Object.fromEntries(stage.questions.map((q) => [q.recall ?? '-', { label: 'x', text: 'Klien berhenti memakai dan kembali bekerja di bengkel pamannya. '.repeat(6) }]));
          const view: FormView = { form: stage, token: 'abcdef', lang, t, header, hasGuide: true, recalled };
          stage.questions.forEach((q, i) => {
            for (const extra of variants(q)) {
              const ev = { kind: 'ask', question: q, index: i + 1, total: stage.questions.length, approx: true, canBack: true, ...extra } as Extract<EngineEvent, { kind: 'ask' }>;
              const m = renderAsk(ev, view);
              const where = `${stage.id}.${q.id}${Object.keys(extra).length ? ` (${Object.keys(extra).join('+')})` : ''}`;
              const lines = screenLines(m.text);
              if (lines > 10) problems.push(`${where}: ${lines} lines`);
              const rows = (m.keyboard?.inline_keyboard ?? []) as Button[][];
              for (const row of rows) {
                const scaleRow = q.type === 'scale' && row.every((b) => /^\d+$/.test(b.text));
                if (row.length > (scaleRow ? 5 : 3)) problems.push(`${where}: ${row.length} buttons in a row`);
                for (const b of row) if (charCount(b.text) > 24) problems.push(`${where}: button "${b.text}" has ${charCount(b.text)} characters`);
              }
            }
          });
        }
        expect(problems).toEqual([]);
      });
    }
  }
});

describe('pickers fit a phone screen', () => {
  const base: CaseRecord = {
    id: 'abcd1234', ownerId: 1, initials: 'BZGAB', age: 41, gender: 'l', setting: 'bapas', problem: 'x',
    flowId: '', stageId: '', status: 'active', createdAt: '2025-01-01T00:00:00Z', updatedAt: '2025-01-01T00:00:00Z', noteCount: 0,
  };
  it('case buttons, every model, open and closed, in both languages', () => {
    for (const flow of catalog.flows) {
      for (const status of ['active', 'closed'] as const) {
        for (const lang of ['id', 'en'] as Lang[]) {
          const c = { ...base, flowId: flow.id, stageId: flow.stages.at(-1)!.id, status };
          const label = caseButtonLabel(c, flow, lang);
          expect(charCount(label), label).toBeLessThanOrEqual(24);
          expect(label).toContain('BZGAB (41)');
          expect(label).toContain(`${flow.stages.length}/${flow.stages.length}`);
        }
      }
    }
    // the example from the field: "Pe (30) · Permensos 26 · tahap 1/7" was 34, then "RO (19) ·
    // Permensos… 2/7"; the model's short name now gives way by whole words
    const permensos = catalog.get('permensos-napza')!;
    expect(caseButtonLabel({ ...base, initials: 'Pe', age: 30, flowId: permensos.id, stageId: permensos.stages[0]!.id }, permensos, 'id')).toBe('Pe (30) · Permensos 1/7');
    expect(caseButtonLabel({ ...base, initials: 'RO', age: 19, flowId: permensos.id, stageId: permensos.stages[1]!.id }, permensos, 'id')).toBe('RO (19) · Permensos 2/7');
  });

  it('case buttons of two clients with one label: the code, the client and the stage whole, within 24', () => {
    for (const flow of catalog.flows) {
      for (const status of ['active', 'closed'] as const) {
        for (const age of [41, 110]) {
          for (const lang of ['id', 'en'] as Lang[]) {
            const c = { ...base, age, flowId: flow.id, stageId: flow.stages.at(-1)!.id, status };
            const twin = { ...c, id: 'y59k2y99' };
            const label = caseButtonLabel(c, flow, lang, [c, twin]);
            expect(charCount(label), label).toBeLessThanOrEqual(24);
            expect(label).toContain(`BZGAB (${age}) ${age > 99 && status === 'closed' ? '' : '#'}ABCD12`);
            expect(label).toMatch(new RegExp(` ${flow.stages.length}/${flow.stages.length}$`));
            // its twin, told apart
            expect(caseButtonLabel(twin, flow, lang, [c, twin])).toContain('Y59K2Y');
          }
        }
      }
    }
  });

  it('stage buttons, every stage', () => {
    for (const flow of catalog.flows) {
      flow.stages.forEach((s, i) => {
        for (const lang of ['id', 'en'] as Lang[]) expect(charCount(fitLabel(`📍 ${i + 1}. ${pick(s.title, lang)}`))).toBeLessThanOrEqual(24);
      });
    }
  });
});
