// The supervisor's summary of a saved note, over every stage of every flow, in both languages: an
// answered "untuk supervisor" is always there, whole, and the reflection and a raised risk too;
// routine answers (held as planned, "none") never take a place; the text fits one Telegram message.
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load-flows.ts';
import { buildNote, reviseNote } from '../../src/cases/note-builder.ts';
import type { Lang } from '../../src/cases/labels.ts';
import type { AnswerValue, Question } from '../../src/engine/types.ts';
import { createI18n } from '../../src/bot/create-bot.ts';
import { escapeHtml } from '../../src/telegram/format.ts';
import { MESSAGE_MAX, renderSummary } from '../../src/telegram/summary.ts';
import type { CaseRecord } from '../../src/store/records.ts';

const catalog = await loadCatalog();
const i18n = createI18n();

// what a worker writes: a long ask with the characters HTML escapes
const ASK = 'Klien minta pinjaman uang ke saya & bilang "cuma sekali" – mohon arahan, <penting>. '.repeat(40).slice(0, 1500).trimEnd();
const REFLECTION = 'Saya merasa ragu apakah teknik konfrontasi tepat untuk klien ini; ia menutup diri setelahnya. '.repeat(20).slice(0, 1500);
const NARRATIVE = 'Klien menceritakan hubungannya dengan keluarga yang renggang sejak ia ditahan, dan berharap bisa pulang ke rumah orang tuanya setelah bebas nanti. '.repeat(3);

function fullAnswer(q: Question, routine: boolean): AnswerValue | null {
  switch (q.id) {
    case 'untuk_supervisor': return ASK;
    case 'refleksi_peksos': return REFLECTION;
    case 'catatan_peksos': return 'keduanya';
    case 'sesi_dilaksanakan': return 'sesuai_rencana';
    case 'risiko': return routine ? ['tidak_ada'] : ['melukai_diri', 'kabur'];
  }
  switch (q.type) {
    case 'multi': return routine && q.options.some((o) => o.exclusive) ? [q.options.find((o) => o.exclusive)!.value] : q.options.filter((o) => !o.exclusive).map((o) => o.value);
    case 'choice': return q.options[q.options.length - 1]!.value;
    case 'yesno': return true;
    case 'scale': return q.max;
    case 'number': return 12345;
    case 'date': return '2025-03-13';
    case 'file': return { fileId: 'x', kind: 'photo' };
    default: return NARRATIVE.slice(0, 'max' in q && q.max ? q.max : 300);
  }
}

const c: CaseRecord = {
  id: 'c1', ownerId: 1, initials: 'BZGAB', age: 41, gender: 'l', setting: 'bapas', problem: 'x', flowId: 'x', stageId: 'x',
  status: 'active', createdAt: '2025-03-01T00:00:00Z', updatedAt: '2025-03-01T00:00:00Z', noteCount: 0,
};

describe('the summary of a saved note', () => {
  for (const lang of ['id', 'en'] as Lang[]) {
    const t = (key: string, vars?: Record<string, string | number>) => i18n.t(lang, key, vars);
    for (const flow of catalog.flows) {
      it(`${flow.id} (${lang}): leads with the risk, the ask (whole) and the reflection, at every stage, within one message`, () => {
        let stages = 0;
        for (const stage of flow.stages) {
          for (const routine of [false, true]) {
            const items = stage.questions.map((q) => ({ question: q, value: fullAnswer(q, routine) }));
            const note = buildNote(flow, stage, { ...c, flowId: flow.id, stageId: stage.id }, items, { id: 'n1', authorId: 1, now: '2025-03-13T10:00:00Z' });
            const text = renderSummary(note, { ...c, flowId: flow.id }, { workerName: 'Rina', catalog, lang, t, revised: false });
            const where = `${flow.id}/${stage.id}${routine ? ' (routine answers)' : ''}`;
            expect(text.length, where).toBeLessThanOrEqual(MESSAGE_MAX);
            // revised from the other pass's answers: every answer changed, still one message with the ask whole
            const other = buildNote(flow, stage, c, stage.questions.map((q) => ({ question: q, value: fullAnswer(q, !routine) })), { id: 'n1', authorId: 1, now: '2025-03-13T10:00:00Z' });
            const revised = renderSummary(reviseNote(other, note, '2025-03-14T10:00:00Z', { id: 1, name: 'Rina' }), { ...c, flowId: flow.id }, { workerName: 'Rina', catalog, lang, t, revised: true });
            expect(revised.length, `${where} revised`).toBeLessThanOrEqual(MESSAGE_MAX);
            if (stage.questions.some((q) => q.id === 'untuk_supervisor')) expect(revised, `${where} revised`).toContain(escapeHtml(ASK));
            const hasAsk = stage.questions.some((q) => q.id === 'untuk_supervisor');
            if (hasAsk) {
              expect(text, where).toContain(escapeHtml(ASK));
              expect(text, where).toContain(escapeHtml(REFLECTION.slice(0, 300)));
              stages++;
            }
            // routine answers never take a place
            if (routine) expect(text, where).not.toContain(lang === 'id' ? 'Apakah sesi terlaksana?' : 'Did the session take place?');
            if (routine) expect(text, where).not.toContain(t('summary-risk', { risk: lang === 'id' ? 'Tidak ada' : 'None' }));
            else if (stage.questions.some((q) => q.id === 'risiko')) {
              // the risk comes first, before the ask
              const risk = text.indexOf(escapeHtml(t('summary-risk', { risk: '' })).trim().replace(/:$/, ''));
              expect(risk, where).toBeGreaterThan(0);
              if (hasAsk) expect(risk, where).toBeLessThan(text.indexOf(escapeHtml(ASK.slice(0, 40))));
            }
          }
        }
        expect(stages).toBe(2 * flow.stages.length); // the ask was in every stage, both passes
      });
    }
  }

  it('keeps a summary without an ask as it was: up to five key answers, the next step last', () => {
    const flow = catalog.flows.find((f) => f.id === 'zastrow-mezzo')!;
    const stage = flow.stages[2]!;
    const t = (key: string, vars?: Record<string, string | number>) => i18n.t('id', key, vars);
    const items = stage.questions.map((q) => ({ question: q, value: q.id === 'catatan_peksos' ? 'tidak_ada' : q.id === 'untuk_supervisor' || q.id === 'refleksi_peksos' ? null : fullAnswer(q, true) }));
    const note = buildNote(flow, stage, c, items, { id: 'n1', authorId: 1, now: '2025-03-13T10:00:00Z' });
    const text = renderSummary(note, c, { workerName: 'Rina', catalog, lang: 'id', t, revised: false });
    const bullets = text.split('\n').filter((l) => l.startsWith('• '));
    expect(bullets.length).toBeGreaterThan(0);
    expect(bullets.length).toBeLessThanOrEqual(5);
    expect(text).not.toContain('❓');
    expect(text.split('\n').at(-1)).toMatch(/^➡️ Langkah selanjutnya: /);
  });

  it('of a revision says what changed (old → new) instead of the same answers again', () => {
    const flow = catalog.flows.find((f) => f.id === 'zastrow-mezzo')!;
    const stage = flow.stages[0]!;
    const t = (key: string, vars?: Record<string, string | number>) => i18n.t('id', key, vars);
    const answers = (next: string) => stage.questions.map((q) => ({ question: q, value: q.id === 'langkah_selanjutnya' ? next : q.id === 'catatan_peksos' ? 'tidak_ada' : q.id === 'untuk_supervisor' || q.id === 'refleksi_peksos' ? null : fullAnswer(q, true) }));
    const meta = { id: 'n1', authorId: 1, now: '2025-03-13T10:00:00Z' };
    const first = buildNote(flow, stage, c, answers('Kunjungan ulang minggu depan'), meta);
    const revised = reviseNote(first, buildNote(flow, stage, c, answers('Kunjungan ulang Senin bersama keluarga'), meta), '2025-03-14T10:00:00Z', { id: 1, name: 'Budi' });
    const text = renderSummary(revised, c, { workerName: 'Budi', catalog, lang: 'id', t, revised: true });
    expect(text).toContain('✏️ <b>Diubah (1):</b>');
    expect(text).toContain('Kunjungan ulang minggu depan → Kunjungan ulang Senin bersama keluarga');
    expect(text.split('\n').filter((l) => l.startsWith('• '))).toHaveLength(1);
    const unchanged = renderSummary(reviseNote(first, buildNote(flow, stage, c, answers('Kunjungan ulang minggu depan'), meta), '2025-03-14T10:00:00Z', { id: 1, name: 'Budi' }), c, { workerName: 'Budi', catalog, lang: 'id', t, revised: true });
    expect(unchanged).toContain('Disimpan ulang tanpa perubahan jawaban.');
  });
});
