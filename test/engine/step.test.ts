import { beforeAll, describe, expect, it } from 'vitest';
import { loadFlows } from '../../src/catalog/load-flows.ts';
import { conditionRefs, holds } from '../../src/engine/conditions.ts';
import type { Condition } from '../../src/engine/flow-schema.ts';
import {
  applicable,
  resume,
  start,
  step,
  type EngineEvent,
  type FormState,
  type Input,
  type StepResult,
} from '../../src/engine/step.ts';
import type { Answers, Env, Flow, Form, LocalizedText, Question } from '../../src/engine/types.ts';

const env: Env = { today: '2025-03-14' };
const L = (id: string): LocalizedText => ({ id, en: id });

// A small form with one condition of each kind.
//   skor ≤ 2            → hambatan
//   jenis in [b, c]     → detail (optional)
//   hadir includes kel. → catatan_keluarga
//   not lanjut = true   → alasan
//   any(lanjut, skor≥4) → tanggal (optional, future)
const form: Form = {
  questions: [
    { id: 'inisial', type: 'initials', prompt: L('Inisial klien?') },
    { id: 'skor', type: 'scale', min: 1, max: 5, prompt: L('Seberapa terbuka klien?') },
    { id: 'hambatan', type: 'text', when: { skor: { lte: 2 } }, prompt: L('Apa hambatannya?') },
    {
      id: 'jenis',
      type: 'choice',
      prompt: L('Jenis kegiatan?'),
      options: [
        { value: 'a', label: L('Konseling') },
        { value: 'b', label: L('Kunjungan') },
        { value: 'c', label: L('Rujukan') },
      ],
    },
    { id: 'detail', type: 'text', optional: true, when: { jenis: { in: ['b', 'c'] } }, prompt: L('Rincian?') },
    {
      id: 'hadir',
      type: 'multi',
      prompt: L('Siapa yang hadir?'),
      options: [
        { value: 'klien', label: L('Klien') },
        { value: 'keluarga', label: L('Keluarga') },
        { value: 'staf', label: L('Staf') },
      ],
    },
    { id: 'catatan_keluarga', type: 'longtext', when: { hadir: { includes: 'keluarga' } }, prompt: L('Catatan keluarga?') },
    { id: 'lanjut', type: 'yesno', prompt: L('Dilanjutkan?') },
    { id: 'alasan', type: 'text', when: { not: { lanjut: true } }, prompt: L('Mengapa tidak?') },
    {
      id: 'tanggal',
      type: 'date',
      allow: 'future',
      optional: true,
      when: { any: [{ lanjut: true }, { skor: { gte: 4 } }] },
      prompt: L('Kapan bertemu lagi?'),
    },
    { id: 'keterangan', type: 'text', optional: true, prompt: L('Keterangan lain?') },
  ],
};

// ── helpers ──────────────────────────────────────────────────────────────────
type Ask = Extract<EngineEvent, { kind: 'ask' }>;

function the(r: StepResult): EngineEvent {
  expect(r.events).toHaveLength(1);
  return r.events[0]!;
}
function asked(r: StepResult): Ask {
  const ev = the(r);
  if (ev.kind !== 'ask') throw new Error(`expected ask, got ${JSON.stringify(ev)}`);
  expect(r.state?.cursor).toBe(ev.question.id);
  return ev;
}
function where(r: StepResult): string {
  const ev = asked(r);
  return `${ev.question.id} ${ev.index}/${ev.total}`;
}
function reviewIds(r: StepResult): string[] {
  const ev = the(r);
  if (ev.kind !== 'review') throw new Error(`expected review, got ${JSON.stringify(ev)}`);
  expect(r.state?.cursor).toBeNull();
  return ev.items.map((i) => i.question.id);
}
function reviewValues(r: StepResult): Record<string, unknown> {
  const ev = the(r);
  if (ev.kind !== 'review') throw new Error(`expected review, got ${JSON.stringify(ev)}`);
  return Object.fromEntries(ev.items.map((i) => [i.question.id, i.value]));
}
function on(f: Form, r: StepResult, input: Input): StepResult {
  if (!r.state) throw new Error('form already finished');
  return step(f, r.state, input, env);
}
const go = (r: StepResult, input: Input) => on(form, r, input);
/** A step that must be refused: the state object is returned unchanged. A refused answer to the
 *  open question is a whole screen, the hint and then that question again; returns the first event. */
function refused(r: StepResult, input: Input): EngineEvent {
  const next = go(r, input);
  expect(next.state).toBe(r.state);
  const [first, again] = next.events;
  if (first?.kind === 'invalid' && first.question && r.state?.cursor === first.question.id) {
    expect(next.events).toHaveLength(2);
    expect(again).toMatchObject({ kind: 'ask', question: { id: first.question.id } });
    return first;
  }
  return the(next);
}

const t = (text: string): Input => ({ kind: 'text', text });
const c = (questionId: string, value: string): Input => ({ kind: 'choice', questionId, value });
const tog = (questionId: string, value: string): Input => ({ kind: 'toggle', questionId, value });
const done = (questionId: string): Input => ({ kind: 'done', questionId });

/**
 * Answers every question by id, in the order asked, until something else than a question comes
 * (the review). An empty list stops at that question.
 */
function answerAll(r: StepResult, answers: Record<string, Input | Input[]>): StepResult {
  for (let guard = 0; guard < 50; guard++) {
    const ev = the(r);
    if (ev.kind !== 'ask') return r;
    const a = answers[ev.question.id];
    if (!a) throw new Error(`no answer prepared for ${ev.question.id}`);
    if (Array.isArray(a) && a.length === 0) return r;
    for (const input of Array.isArray(a) ? a : [a]) r = go(r, input);
  }
  throw new Error('form did not end');
}

/** skor 3, jenis a, hadir [klien], lanjut true: the shortest way through (no conditional extras but tanggal). */
const plain: Record<string, Input | Input[]> = {
  inisial: t('Si'),
  skor: c('skor', '3'),
  hambatan: t('takut'),
  jenis: c('jenis', 'a'),
  detail: t('rincian'),
  hadir: [tog('hadir', 'klien'), done('hadir')],
  catatan_keluarga: t('keluarga hadir'),
  lanjut: c('lanjut', 'true'),
  alasan: t('klien pindah'),
  tanggal: t('besok'),
  keterangan: { kind: 'skip' },
};

// ── conditions ───────────────────────────────────────────────────────────────
describe('conditions (holds)', () => {
  const a: Answers = { skor: 2, jenis: 'b', hadir: ['klien', 'keluarga'], lanjut: false, kosong: null };
  it.each<[string, Condition, boolean]>([
    ['equality', { jenis: 'b' }, true],
    ['equality fails', { jenis: 'a' }, false],
    ['a multi answer equals each of its values', { hadir: 'keluarga' }, true],
    ['boolean', { lanjut: false }, true],
    ['lte', { skor: { lte: 2 } }, true],
    ['lt', { skor: { lt: 2 } }, false],
    ['gte', { skor: { gte: 4 } }, false],
    ['gt on a missing answer', { nanti: { gt: 0 } }, false],
    ['in', { jenis: { in: ['b', 'c'] } }, true],
    ['in fails', { jenis: { in: ['a'] } }, false],
    ['includes', { hadir: { includes: 'keluarga' } }, true],
    ['includes fails', { hadir: { includes: 'staf' } }, false],
    ['includes on a non-multi', { jenis: { includes: 'b' } }, false],
    ['ne', { jenis: { ne: 'a' } }, true],
    ['ne on a missing answer', { nanti: { ne: 'a' } }, false],
    ['answered', { skor: { answered: true } }, true],
    ['answered: skipped is not answered', { kosong: { answered: false } }, true],
    ['answered: not asked', { nanti: { answered: true } }, false],
    ['several keys must all hold', { jenis: 'b', skor: { gte: 3 } }, false],
    ['any', { any: [{ jenis: 'a' }, { skor: 2 }] }, true],
    ['any fails', { any: [{ jenis: 'a' }, { skor: 3 }] }, false],
    ['all', { all: [{ jenis: 'b' }, { skor: 2 }] }, true],
    ['not', { not: { lanjut: true } }, true],
    ['not of a missing answer holds', { not: { nanti: true } }, true],
    ['nested', { any: [{ not: { jenis: 'b' } }, { all: [{ lanjut: false }, { hadir: { includes: 'klien' } }] }] }, true],
  ])('%s', (_name, cond, expected) => {
    expect(holds(cond, a)).toBe(expected);
  });

  it('no condition always holds', () => {
    expect(holds(undefined, {})).toBe(true);
  });

  it('applicable(): a condition only sees answers of questions that themselves apply', () => {
    const f: Form = {
      questions: [
        { id: 'a', type: 'yesno', prompt: L('a') },
        { id: 'b', type: 'yesno', when: { a: true }, prompt: L('b') },
        { id: 'c', type: 'text', when: { b: true }, prompt: L('c') },
      ],
    };
    expect(applicable(f, { a: true, b: true }).questions.map((q) => q.id)).toEqual(['a', 'b', 'c']);
    // b's old answer is still stored, but b no longer applies, so c does not either
    const r = applicable(f, { a: false, b: true });
    expect(r.questions.map((q) => q.id)).toEqual(['a']);
    expect(r.effective).toEqual({ a: false });
  });
});

// ── positions and conditions while walking ───────────────────────────────────
describe('step: positions and conditional questions', () => {
  it('start asks the first question, 1 of the questions the usual answers would ask', () => {
    const r = start(form);
    const ev = asked(r);
    // the usual answers (first option, yes, top of the scale) ask 7; the others may still come: "±"
    expect(ev).toMatchObject({ index: 1, total: 7, approx: true, canBack: false });
    expect(ev.question.id).toBe('inisial');
    expect(ev).not.toHaveProperty('previous');
    expect(ev).not.toHaveProperty('pending');
    // alasan counts while lanjut is unanswered: `not: { lanjut: true }` holds then
    expect(applicable(form, {}).questions.map((q) => q.id)).toEqual(['inisial', 'skor', 'jenis', 'hadir', 'lanjut', 'alasan', 'keterangan']);
  });

  it('counts the place among the questions that apply; the total grows only when an answer opens questions', () => {
    let r = start(form);
    expect(where(r)).toBe('inisial 1/7');
    r = go(r, t('Si'));
    expect(where(r)).toBe('skor 2/7');
    expect(asked(r).canBack).toBe(true);
    r = go(r, c('skor', '2')); // lte: 2 → hambatan applies
    expect(where(r)).toBe('hambatan 3/8');
    r = go(r, t('malu'));
    expect(where(r)).toBe('jenis 4/8');
    r = go(r, c('jenis', 'c')); // in [b, c] → detail applies
    expect(where(r)).toBe('detail 5/9');
    r = go(r, t('ke puskesmas'));
    expect(where(r)).toBe('hadir 6/9');
    r = go(r, tog('hadir', 'keluarga'));
    r = go(r, done('hadir')); // includes keluarga → catatan_keluarga applies
    expect(where(r)).toBe('catatan_keluarga 7/10');
    r = go(r, t('ibu datang'));
    expect(where(r)).toBe('lanjut 8/10');
    expect(asked(r).approx).toBe(true);
    r = go(r, c('lanjut', 'true')); // not lanjut=true → alasan drops; any(lanjut) → tanggal applies
    expect(where(r)).toBe('tanggal 9/10');
    expect(asked(r).approx).toBe(false);
    r = go(r, t('besok'));
    expect(where(r)).toBe('keterangan 10/10');
    r = go(r, t('tidak ada'));
    expect(reviewIds(r)).toEqual(['inisial', 'skor', 'hambatan', 'jenis', 'detail', 'hadir', 'catatan_keluarga', 'lanjut', 'tanggal', 'keterangan']);
  });

  it('conditional questions are left out when their condition does not hold', () => {
    let r = answerAll(start(form), { ...plain, lanjut: c('lanjut', 'false') });
    // skor 3: no hambatan; jenis a: no detail; hadir [klien]: no catatan_keluarga; lanjut false: alasan, no tanggal
    expect(reviewIds(r)).toEqual(['inisial', 'skor', 'jenis', 'hadir', 'lanjut', 'alasan', 'keterangan']);
    r = answerAll(start(form), { ...plain, skor: c('skor', '4'), lanjut: c('lanjut', 'false') });
    // any: skor ≥ 4 is enough for tanggal
    expect(reviewIds(r)).toEqual(['inisial', 'skor', 'jenis', 'hadir', 'lanjut', 'alasan', 'tanggal', 'keterangan']);
  });

  it('the boundary of { lte: 2 } and { gte: 4 }', () => {
    const ids = (skor: string) =>
      reviewIds(answerAll(start(form), { ...plain, skor: c('skor', skor), lanjut: c('lanjut', 'false') }));
    expect(ids('1')).toContain('hambatan');
    expect(ids('2')).toContain('hambatan');
    expect(ids('3')).not.toContain('hambatan');
    expect(ids('3')).not.toContain('tanggal');
    expect(ids('4')).toContain('tanggal');
    expect(ids('5')).toContain('tanggal');
  });
});

// ── back, skip, keep ─────────────────────────────────────────────────────────
describe('step: back, skip, keep', () => {
  it('back at the first question → invalid no-back, nothing changes', () => {
    const r = start(form);
    const ev = refused(r, { kind: 'back' });
    expect(ev).toMatchObject({ kind: 'invalid', error: { code: 'no-back' } });
    expect(ev.kind === 'invalid' && ev.question?.id).toBe('inisial');
  });

  it('back walks the history and shows the earlier answer as previous', () => {
    let r = start(form);
    r = go(r, t('Si'));
    r = go(r, c('skor', '2'));
    r = go(r, t('malu'));
    expect(r.state?.history).toEqual(['inisial', 'skor', 'hambatan']);
    r = go(r, { kind: 'back' });
    expect(where(r)).toBe('hambatan 3/8');
    expect(asked(r).previous).toBe('malu');
    r = go(r, { kind: 'back', questionId: 'hambatan' });
    expect(where(r)).toBe('skor 2/8');
    expect(asked(r).previous).toBe(2);
    r = go(r, { kind: 'back' });
    expect(where(r)).toBe('inisial 1/8');
    expect(asked(r)).toMatchObject({ previous: 'Si', canBack: false });
    expect(r.state?.history).toEqual([]);
    expect(refused(r, { kind: 'back' })).toMatchObject({ kind: 'invalid', error: { code: 'no-back' } });
  });

  it('keep after going back moves on with the earlier answer', () => {
    let r = start(form);
    r = go(r, t('Si'));
    r = go(r, c('skor', '2'));
    r = go(r, { kind: 'back' });
    r = go(r, { kind: 'back' });
    expect(asked(r).previous).toBe('Si');
    r = go(r, { kind: 'keep', questionId: 'inisial' });
    expect(where(r)).toBe('skor 2/8');
    expect(asked(r).previous).toBe(2);
    r = go(r, { kind: 'keep' });
    expect(where(r)).toBe('hambatan 3/8');
    expect(asked(r)).not.toHaveProperty('previous');
    expect(r.state?.answers).toEqual({ inisial: 'Si', skor: 2 });
    expect(r.state?.history).toEqual(['inisial', 'skor']);
  });

  it('keep on a question never answered is stale', () => {
    const r = go(start(form), t('Si'));
    expect(refused(r, { kind: 'keep' })).toEqual({ kind: 'stale' });
  });

  it('going back and changing an answer changes what follows', () => {
    let r = start(form);
    r = go(r, t('Si'));
    r = go(r, c('skor', '2'));
    expect(where(r)).toBe('hambatan 3/8');
    r = go(r, { kind: 'back' });
    r = go(r, c('skor', '5'));
    expect(where(r)).toBe('jenis 3/7'); // hambatan gone, tanggal (skor ≥ 4) came in
    expect(r.state?.history).toEqual(['inisial', 'skor']);
  });

  it('skip records null for an optional question and moves on', () => {
    let r = answerAll(start(form), { ...plain, keterangan: [] });
    expect(asked(r).question.id).toBe('keterangan');
    r = go(r, { kind: 'skip', questionId: 'keterangan' });
    const values = reviewValues(r);
    expect(values.keterangan).toBeNull();
    expect(r.state?.answers.keterangan).toBeNull();
  });

  it('skip of a required question → invalid not-optional, nothing changes', () => {
    const r = start(form);
    const ev = refused(r, { kind: 'skip' });
    expect(ev).toMatchObject({ kind: 'invalid', error: { code: 'not-optional' } });
    expect(ev.kind === 'invalid' && ev.question?.id).toBe('inisial');
  });
});

// ── invalid answers ──────────────────────────────────────────────────────────
describe('step: invalid answers', () => {
  it('keep the state (same object) and the same question, and say why', () => {
    let r = start(form);
    expect(refused(r, t('Siti Aminah'))).toMatchObject({ kind: 'invalid', question: { id: 'inisial' }, error: { code: 'initials' } });
    r = go(r, t('Si'));
    expect(refused(r, t('9'))).toMatchObject({ kind: 'invalid', question: { id: 'skor' }, error: { code: 'not-on-scale', params: { min: 1, max: 5 } } });
    expect(refused(r, c('skor', '0'))).toMatchObject({ kind: 'invalid', error: { code: 'not-on-scale' } });
    expect(refused(r, { kind: 'file', file: { fileId: 'f', kind: 'photo' } })).toMatchObject({ kind: 'invalid', error: { code: 'expected-choice' } });
    // a sticker where a button is wanted: the hint says to press one
    expect(refused(r, { kind: 'unsupported', what: 'sticker' })).toEqual({
      kind: 'invalid',
      question: form.questions[1],
      error: { code: 'expected-choice' },
    });
    // and the form goes on normally afterwards
    expect(where(go(r, t('3')))).toBe('jenis 3/7');
  });

  it('a date in the past for allow: future', () => {
    const r = answerAll(start(form), { ...plain, tanggal: [] });
    expect(asked(r).question.id).toBe('tanggal');
    expect(refused(r, t('kemarin'))).toMatchObject({ kind: 'invalid', error: { code: 'date-in-past' } });
    expect(go(r, t('senin')).state?.answers.tanggal).toBe('2025-03-17');
  });

  it('guide shows the guide and changes nothing', () => {
    const r = go(start(form), t('Si'));
    expect(refused(r, { kind: 'guide' })).toEqual({ kind: 'guide' });
  });
});

// ── multi ────────────────────────────────────────────────────────────────────
describe('step: multi toggle / done', () => {
  const toHadir = () => answerAll(start(form), { ...plain, hadir: [] });

  it('toggles build the pending selection, done records it in option order', () => {
    let r = toHadir();
    expect(asked(r)).toMatchObject({ question: { id: 'hadir' }, pending: [] });
    r = go(r, tog('hadir', 'staf'));
    expect(asked(r).pending).toEqual(['staf']);
    expect(r.state?.answers.hadir).toBeUndefined();
    r = go(r, tog('hadir', 'klien'));
    expect(asked(r).pending).toEqual(['staf', 'klien']);
    r = go(r, tog('hadir', 'staf')); // toggled off again
    expect(asked(r).pending).toEqual(['klien']);
    r = go(r, tog('hadir', 'keluarga'));
    expect(asked(r).pending).toEqual(['klien', 'keluarga']);
    r = go(r, done('hadir'));
    expect(r.state?.answers.hadir).toEqual(['klien', 'keluarga']);
    expect(r.state?.pending).toBeUndefined();
    expect(asked(r).question.id).toBe('catatan_keluarga');
  });

  it('done with nothing selected → multi-too-few; a typed list works too', () => {
    const r = toHadir();
    expect(refused(r, done('hadir'))).toMatchObject({ kind: 'invalid', error: { code: 'multi-too-few', params: { min: 1 } } });
    expect(go(r, t('staf, klien')).state?.answers.hadir).toEqual(['klien', 'staf']);
  });

  it('an unknown option, a toggle for a non-multi question, done elsewhere → stale', () => {
    const r = toHadir();
    expect(refused(r, tog('hadir', 'tetangga'))).toEqual({ kind: 'stale' });
    const atText = go(start(form), t('Si'));
    expect(on(form, atText, tog('skor', '3'))).toEqual({ state: atText.state, events: [{ kind: 'stale' }] });
    expect(on(form, atText, done('skor'))).toEqual({ state: atText.state, events: [{ kind: 'stale' }] });
  });

  it('back to a multi question starts from its earlier selection', () => {
    let r = toHadir();
    r = go(r, tog('hadir', 'klien'));
    r = go(r, tog('hadir', 'staf'));
    r = go(r, done('hadir'));
    r = go(r, { kind: 'back' });
    expect(asked(r)).toMatchObject({ question: { id: 'hadir' }, previous: ['klien', 'staf'], pending: ['klien', 'staf'] });
    r = go(r, tog('hadir', 'staf'));
    r = go(r, done('hadir'));
    expect(r.state?.answers.hadir).toEqual(['klien']);
  });

  // Regression, was a bug (src/engine/step.ts, advance(): `pending: undefined`): reaching an already answered multi
  // question by moving forward again (back twice, then answer the question before it) shows it with
  // `previous: ['klien','staf']` but `pending: []`, so the buttons show nothing selected, and one
  // toggle + Done silently throws the earlier selection away. Back (step 'back') and edit (step 'edit')
  // both seed `pending` from the earlier answer; the forward path does not.
  it('moving forward onto an answered multi question also starts from its earlier selection', () => {
    let r = toHadir();
    r = go(r, tog('hadir', 'klien'));
    r = go(r, tog('hadir', 'staf'));
    r = go(r, done('hadir')); // → lanjut
    r = go(r, { kind: 'back' }); // → hadir
    r = go(r, { kind: 'back' }); // → jenis
    r = go(r, { kind: 'keep' }); // → hadir again
    expect(asked(r)).toMatchObject({ question: { id: 'hadir' }, previous: ['klien', 'staf'] });
    expect(asked(r).pending).toEqual(['klien', 'staf']);
  });
});

// ── review, edit, save ───────────────────────────────────────────────────────
describe('step: review, edit and save', () => {
  const toReview = (overrides: Record<string, Input | Input[]> = {}) => answerAll(start(form), { ...plain, ...overrides });

  it('after the last question the review lists every question that applies with its value', () => {
    const r = toReview();
    expect(r.state).toEqual({
      answers: { inisial: 'Si', skor: 3, jenis: 'a', hadir: ['klien'], lanjut: true, tanggal: '2025-03-15', keterangan: null },
      cursor: null,
      history: [],
      editing: false,
    });
    expect(reviewValues(r)).toEqual({ inisial: 'Si', skor: 3, jenis: 'a', hadir: ['klien'], lanjut: true, tanggal: '2025-03-15', keterangan: null });
  });

  it('edit asks the question again (previous shown, back possible) and returns to the review', () => {
    let r = toReview();
    r = go(r, { kind: 'edit', questionId: 'jenis' });
    expect(asked(r)).toMatchObject({ question: { id: 'jenis' }, index: 3, total: 7, previous: 'a', canBack: true });
    expect(r.state?.editing).toBe(true);
    r = go(r, c('jenis', 'a'));
    expect(reviewIds(r)).toHaveLength(7);
    expect(r.state?.editing).toBe(false);
  });

  it('back while editing returns to the review without changing the answer', () => {
    let r = toReview();
    r = go(r, { kind: 'edit', questionId: 'inisial' });
    r = go(r, { kind: 'back' });
    expect(reviewValues(r).inisial).toBe('Si');
  });

  it('keep while editing returns to the review', () => {
    let r = toReview();
    r = go(r, { kind: 'edit', questionId: 'skor' });
    r = go(r, { kind: 'keep', questionId: 'skor' });
    expect(reviewValues(r).skor).toBe(3);
  });

  it('an edit that makes a new question apply asks it first, then returns to the review', () => {
    let r = toReview();
    r = go(r, { kind: 'edit', questionId: 'skor' });
    r = go(r, c('skor', '1'));
    expect(where(r)).toBe('hambatan 3/8');
    expect(asked(r).canBack).toBe(true);
    r = go(r, t('klien malu'));
    expect(reviewIds(r)).toEqual(['inisial', 'skor', 'hambatan', 'jenis', 'hadir', 'lanjut', 'tanggal', 'keterangan']);
    expect(reviewValues(r).hambatan).toBe('klien malu');
  });

  it('an edit of a multi question starts from the saved selection; a new includes-question follows', () => {
    let r = toReview();
    r = go(r, { kind: 'edit', questionId: 'hadir' });
    expect(asked(r)).toMatchObject({ previous: ['klien'], pending: ['klien'] });
    r = go(r, tog('hadir', 'keluarga'));
    r = go(r, done('hadir'));
    expect(where(r)).toBe('catatan_keluarga 5/8');
    r = go(r, t('ibu hadir'));
    expect(reviewValues(r).hadir).toEqual(['klien', 'keluarga']);
  });

  it('an answer that makes a later question no longer apply drops it from the review and from complete', () => {
    let r = toReview({ jenis: c('jenis', 'b'), detail: t('ke rumah nenek') });
    expect(reviewValues(r).detail).toBe('ke rumah nenek');
    r = go(r, { kind: 'edit', questionId: 'jenis' });
    r = go(r, c('jenis', 'a'));
    expect(reviewIds(r)).not.toContain('detail');
    r = go(r, { kind: 'save' });
    const ev = the(r);
    expect(r.state).toBeNull();
    if (ev.kind !== 'complete') throw new Error(`expected complete, got ${ev.kind}`);
    expect(ev.answers).toEqual({ inisial: 'Si', skor: 3, jenis: 'a', hadir: ['klien'], lanjut: true, tanggal: '2025-03-15', keterangan: null });
    expect(ev.items.map((i) => i.question.id)).toEqual(Object.keys(ev.answers));
  });

  it('an edit that removes and adds questions: lanjut true → false drops tanggal and asks alasan', () => {
    let r = toReview();
    r = go(r, { kind: 'edit', questionId: 'lanjut' });
    r = go(r, c('lanjut', 'false'));
    expect(where(r)).toBe('alasan 6/7');
    r = go(r, t('klien dipindah'));
    expect(reviewIds(r)).toEqual(['inisial', 'skor', 'jenis', 'hadir', 'lanjut', 'alasan', 'keterangan']);
  });

  it('edit of a question that does not apply (or does not exist) is stale', () => {
    const r = toReview();
    expect(refused(r, { kind: 'edit', questionId: 'hambatan' })).toEqual({ kind: 'stale' });
    expect(refused(r, { kind: 'edit', questionId: 'nope' })).toEqual({ kind: 'stale' });
  });

  it('back from the review goes to the last question, and on back from there', () => {
    let r = toReview();
    r = go(r, { kind: 'back' });
    expect(asked(r)).toMatchObject({ question: { id: 'keterangan' }, index: 7, total: 7, previous: null, canBack: true });
    r = go(r, { kind: 'back' });
    expect(asked(r)).toMatchObject({ question: { id: 'tanggal' }, previous: '2025-03-15' });
    r = go(r, { kind: 'keep' });
    r = go(r, { kind: 'keep' });
    expect(reviewIds(r)).toHaveLength(7);
  });

  it('review on request mid-form, then save asks every missing required answer first', () => {
    let r = start(form);
    r = go(r, t('Si'));
    r = go(r, { kind: 'review' });
    expect(reviewValues(r)).toEqual({ inisial: 'Si', skor: null, jenis: null, hadir: null, lanjut: null, alasan: null, keterangan: null });
    r = go(r, { kind: 'save' });
    expect(where(r)).toBe('skor 2/7');
    expect(r.state).toMatchObject({ editing: true, history: [] });
    expect(asked(r).canBack).toBe(true);
    r = go(r, c('skor', '3'));
    expect(where(r)).toBe('jenis 3/7'); // still missing answers: asked one after another
    r = answerAll(r, plain);
    expect(reviewIds(r)).toEqual(['inisial', 'skor', 'jenis', 'hadir', 'lanjut', 'tanggal', 'keterangan']);
    r = go(r, { kind: 'save' });
    expect(the(r)).toMatchObject({ kind: 'complete' });
    expect(r.state).toBeNull();
  });

  it('save with only optional answers missing completes, with null for them', () => {
    let r = start(form);
    r = answerAll(r, { ...plain, tanggal: [] });
    r = go(r, { kind: 'review' });
    r = go(r, { kind: 'save' });
    const ev = the(r);
    if (ev.kind !== 'complete') throw new Error(`expected complete, got ${ev.kind}`);
    expect(ev.answers.tanggal).toBeNull();
    expect(ev.answers.keterangan).toBeNull();
  });

  it('save while a question is open is stale', () => {
    const r = go(start(form), t('Si'));
    expect(refused(r, { kind: 'save' })).toEqual({ kind: 'stale' });
  });

  it('typed text or a file at the review → invalid at-review; other buttons → stale', () => {
    const r = toReview();
    expect(refused(r, t('halo'))).toEqual({ kind: 'invalid', error: { code: 'at-review' } });
    expect(refused(r, { kind: 'file', file: { fileId: 'f', kind: 'photo' } })).toEqual({ kind: 'invalid', error: { code: 'at-review' } });
    expect(refused(r, { kind: 'unsupported', what: 'sticker' })).toEqual({ kind: 'invalid', error: { code: 'at-review' } });
    expect(refused(r, c('jenis', 'b'))).toEqual({ kind: 'stale' });
    expect(refused(r, { kind: 'skip' })).toEqual({ kind: 'stale' });
    expect(refused(r, { kind: 'keep' })).toEqual({ kind: 'stale' });
  });
});

// ── cancel ───────────────────────────────────────────────────────────────────
describe('step: cancel', () => {
  it('cancel asks for confirmation; "no" resumes the same question', () => {
    let r = go(start(form), t('Si'));
    r = go(r, { kind: 'cancel' });
    expect(the(r)).toEqual({ kind: 'confirm-cancel' });
    expect(r.state?.confirmingCancel).toBe(true);
    expect(resume(form, r.state!)).toEqual([{ kind: 'confirm-cancel' }]);
    r = go(r, { kind: 'cancel' }); // pressed twice: still asking
    expect(the(r)).toEqual({ kind: 'confirm-cancel' });
    r = go(r, { kind: 'cancel-confirm', yes: false });
    expect(where(r)).toBe('skor 2/7');
    expect(r.state).toMatchObject({ confirmingCancel: false, answers: { inisial: 'Si' }, history: ['inisial'] });
  });

  it('"yes" ends the form: state null and cancelled', () => {
    let r = go(start(form), t('Si'));
    r = go(r, { kind: 'cancel' });
    r = go(r, { kind: 'cancel-confirm', yes: true });
    expect(r).toEqual({ state: null, events: [{ kind: 'cancelled' }] });
  });

  it('"no" at the review returns to the review', () => {
    let r = answerAll(start(form), plain);
    r = go(r, { kind: 'cancel' });
    r = go(r, { kind: 'cancel-confirm', yes: false });
    expect(reviewIds(r)).toHaveLength(7);
  });

  it('typed "ya" / "tidak" answer the confirmation, never the hidden question', () => {
    let r = go(start(form), t('Si'));
    r = go(r, { kind: 'cancel' });
    expect(refused(r, t('mungkin'))).toEqual({ kind: 'invalid', error: { code: 'confirm-cancel' } });
    r = go(r, t('tidak'));
    expect(where(r)).toBe('skor 2/7');
    expect(r.state?.answers).toEqual({ inisial: 'Si' });
    r = go(r, { kind: 'cancel' });
    expect(the(go(r, t('ya')))).toEqual({ kind: 'cancelled' });
  });

  it('a button answer instead of confirming drops the confirmation and takes the answer', () => {
    let r = go(start(form), t('Si'));
    r = go(r, { kind: 'cancel' });
    r = go(r, c('skor', '4')); // skor ≥ 4: tanggal applies
    expect(where(r)).toBe('jenis 3/7');
    expect(r.state?.confirmingCancel).toBe(false);
  });

  it('a confirmation button when nothing is being cancelled is stale', () => {
    const r = start(form);
    expect(refused(r, { kind: 'cancel-confirm', yes: true })).toEqual({ kind: 'stale' });
  });
});

// ── stale buttons and resume ─────────────────────────────────────────────────
describe('step: stale buttons and resume', () => {
  it('a button for a question that is not the current one is stale, state unchanged', () => {
    let r = start(form);
    r = go(r, t('Si'));
    r = go(r, c('skor', '3'));
    expect(refused(r, c('skor', '5'))).toEqual({ kind: 'stale' });
    expect(refused(r, { kind: 'skip', questionId: 'skor' })).toEqual({ kind: 'stale' });
    expect(refused(r, { kind: 'back', questionId: 'inisial' })).toEqual({ kind: 'stale' });
    expect(refused(r, { kind: 'keep', questionId: 'inisial' })).toEqual({ kind: 'stale' });
    expect(refused(r, tog('hadir', 'klien'))).toEqual({ kind: 'stale' });
    expect(refused(r, done('hadir'))).toEqual({ kind: 'stale' });
  });

  it('resume shows the current screen again', () => {
    let r = go(start(form), t('Si'));
    expect(resume(form, r.state!)).toEqual(r.events);
    r = answerAll(r, plain);
    expect(resume(form, r.state!)).toEqual(r.events);
    // a cursor naming a question the form no longer has (e.g. after a flow update) → the review
    const gone: FormState = { ...r.state!, cursor: 'dihapus' };
    expect(resume(form, gone)[0]?.kind).toBe('review');
  });

  it('start throws when no question applies', () => {
    const f: Form = { questions: [{ id: 'x', type: 'text', when: { y: true }, prompt: L('x') }] };
    expect(() => start(f)).toThrow(/no question/);
  });

  it('start with earlier answers shows them as previous', () => {
    const r = start(form, { inisial: 'BZG' });
    expect(asked(r)).toMatchObject({ question: { id: 'inisial' }, previous: 'BZG' });
    expect(where(go(r, { kind: 'keep' }))).toBe('skor 2/7');
  });
});

// ── the session header gate, with the real flow ──────────────────────────────
describe('the session-header gate (real zastrow-mezzo, stage 1)', () => {
  let flows: Flow[];
  beforeAll(async () => {
    flows = await loadFlows();
  });

  it('a session that did not take place skips every stage question: why, the risk flag, then the closing questions', () => {
    const stage = flows.find((f) => f.id === 'zastrow-mezzo')!.stages[0]!;
    const f: Form = { questions: stage.questions };
    const g = (r: StepResult, input: Input) => on(f, r, input);
    let r = start(f);
    const first = asked(r);
    // before it is known whether the session took place, the count is "±": it can only shrink
    expect(first.question.id).toBe('tanggal_sesi');
    expect(first.approx).toBe(true);
    const before = first.total;
    r = g(r, t('kemarin'));
    expect(where(r)).toBe(`sesi_dilaksanakan 2/${before}`);
    r = g(r, c('sesi_dilaksanakan', 'tidak'));
    const why = asked(r);
    expect(why.question.id).toBe('alasan_tidak_jadi');
    expect(why.total).toBeLessThan(before);
    r = g(r, c('alasan_tidak_jadi', 'sakit'));
    r = g(r, { kind: 'toggle', questionId: 'risiko', value: 'tidak_ada' });
    r = g(r, { kind: 'done', questionId: 'risiko' });
    expect(asked(r).question.id).toBe('langkah_selanjutnya');
    r = g(r, t('Jadwal ulang minggu depan.'));
    const last = asked(r);
    expect(last.question.id).toBe('pertemuan_berikutnya');
    expect(last.approx).toBe(false);
    expect(last.index).toBe(last.total);
    r = g(r, t('senin'));
    const review = the(r);
    if (review.kind !== 'review') throw new Error(`expected review, got ${review.kind}`);
    expect(review.items.map((i) => [i.question.id, i.value])).toEqual([
      ['tanggal_sesi', '2025-03-13'],
      ['sesi_dilaksanakan', 'tidak'],
      ['alasan_tidak_jadi', 'sakit'],
      ['risiko', ['tidak_ada']],
      ['langkah_selanjutnya', 'Jadwal ulang minggu depan.'],
      ['pertemuan_berikutnya', '2025-03-17'],
    ]);
    r = g(r, { kind: 'save' });
    const done_ = the(r);
    if (done_.kind !== 'complete') throw new Error(`expected complete, got ${done_.kind}`);
    expect(Object.keys(done_.answers)).toEqual(review.items.map((i) => i.question.id));
  });

  it('a session held with changes keeps the stage questions, and records what changed', () => {
    const stage = flows.find((f) => f.id === 'zastrow-mezzo')!.stages[0]!;
    const f: Form = { questions: stage.questions };
    let r = start(f);
    r = on(f, r, t('kemarin'));
    r = on(f, r, c('sesi_dilaksanakan', 'ada_perubahan'));
    expect(asked(r).question.id).toBe('perubahan_rencana');
    r = on(f, r, t('Keluarga tidak datang; sesi dipersingkat.'));
    expect(asked(r).question.id).toBe('jenis_kontak');
    const open = applicable(f, r.state!.answers).questions.map((q) => q.id);
    expect(open).toEqual(expect.arrayContaining(stage.questions.filter((q) => !['tempat', 'alasan_tidak_jadi', 'alasan_tidak_jadi_sebut', 'pihak_dihubungi', 'pihak_dihubungi_sebut', 'hasil_kontak', 'yang_hadir_sebut'].includes(q.id) && !q.when?.hasOwnProperty('dokumentasi')).slice(0, 6).map((q) => q.id)));
    expect(open).not.toContain('alasan_tidak_jadi');
  });

  it('ticking "Tidak ada" clears the other risks, and a risk clears "Tidak ada"', () => {
    const stage = flows.find((f) => f.id === 'zastrow-mezzo')!.stages[0]!;
    const f: Form = { questions: stage.questions };
    let r = start(f);
    r = on(f, r, t('kemarin'));
    r = on(f, r, c('sesi_dilaksanakan', 'tidak'));
    r = on(f, r, c('alasan_tidak_jadi', 'sakit'));
    r = on(f, r, { kind: 'toggle', questionId: 'risiko', value: 'kekerasan' });
    r = on(f, r, { kind: 'toggle', questionId: 'risiko', value: 'tidak_ada' });
    expect(asked(r).pending).toEqual(['tidak_ada']);
    r = on(f, r, { kind: 'toggle', questionId: 'risiko', value: 'kabur' });
    expect(asked(r).pending).toEqual(['kabur']);
  });
});

describe('the question count', () => {
  let flows: Awaited<ReturnType<typeof loadFlows>>;
  beforeAll(async () => {
    flows = await loadFlows();
  });

  /** Walks a stage with `answer`; returns each question asked with the count shown then. */
  function counts(f: Form, answer: (q: Question, n: number) => Input): { id: string; total: number; approx: boolean }[] {
    const out: { id: string; total: number; approx: boolean }[] = [];
    let r = start(f);
    for (let n = 0; n < 100; n++) {
      const ev = r.events[0]!;
      if (ev.kind !== 'ask') break;
      out.push({ id: ev.question.id, total: ev.total, approx: ev.approx });
      r = on(f, r, answer(ev.question, n));
      if (r.events[0]?.kind === 'ask' && r.events[0].question.id === ev.question.id && ev.question.type === 'multi') r = on(f, r, { kind: 'done', questionId: ev.question.id });
    }
    return out;
  }

  it('stays the same from the first question to the last along the usual answers, in every stage of every flow', () => {
    for (const flow of flows) {
      for (const stage of flow.stages) {
        const seen = counts({ questions: stage.questions }, typical);
        const where = `${flow.id}/${stage.id}`;
        expect(new Set(seen.map((s) => s.total)), where).toEqual(new Set([seen.length]));
        expect(seen.at(-1)!.approx, `${where}: the last question knows the count`).toBe(false);
      }
    }
  });

  it('changes only after an answer that opens or closes questions (one some condition reads)', () => {
    for (const flow of flows) {
      for (const stage of flow.stages) {
        const f: Form = { questions: stage.questions };
        const read = new Set(stage.questions.flatMap((q) => (q.when ? conditionRefs(q.when) : [])));
        // the last option of every choice, the last two of every multi: off the usual path
        const unusual = (q: Question): Input =>
          q.type === 'choice' ? { kind: 'choice', questionId: q.id, value: q.options.at(-1)!.value }
            : q.type === 'multi' ? { kind: 'toggle', questionId: q.id, value: q.options.at(-1)!.value }
              : q.type === 'yesno' ? { kind: 'choice', questionId: q.id, value: 'false' }
                : q.type === 'scale' ? { kind: 'choice', questionId: q.id, value: String(q.min) }
                  : typical(q);
        const seen = counts(f, unusual);
        for (let i = 1; i < seen.length; i++) {
          if (!read.has(seen[i - 1]!.id)) expect(seen[i]!.total, `${flow.id}/${stage.id} after ${seen[i - 1]!.id}`).toBe(seen[i - 1]!.total);
        }
      }
    }
  });
});

/** A typical answer: the first option, "yes", a typed text, today. */
function typical(q: Question): Input {
  switch (q.type) {
    case 'choice': return { kind: 'choice', questionId: q.id, value: q.options[0]!.value };
    case 'multi': return { kind: 'toggle', questionId: q.id, value: q.options[0]!.value };
    case 'yesno': return { kind: 'choice', questionId: q.id, value: 'true' };
    case 'scale': return { kind: 'choice', questionId: q.id, value: String(q.max) };
    case 'number': return { kind: 'text', text: String(q.min ?? 1) };
    case 'date': return { kind: 'text', text: q.allow === 'future' ? 'besok' : 'hari ini' };
    case 'file': return { kind: 'file', file: { fileId: 'f', kind: 'photo' } };
    case 'initials': return { kind: 'text', text: 'Si' };
    default: return { kind: 'text', text: 'Catatan.' };
  }
}

// ── a form without review (a one-question aside) ─────────────────────────────
describe('step: a form with review: false', () => {
  const aside: Form = { review: false, questions: [{ id: 'text', type: 'longtext', max: 10, prompt: L('Alasan?') }] };
  it('completes as its question is answered; a refused answer keeps the wait', () => {
    const first = start(aside);
    const long = step(aside, first.state!, t('x'.repeat(11)), env);
    expect(long.state).toBe(first.state);
    expect(long.events.map((e) => e.kind)).toEqual(['invalid', 'ask']);
    const done = step(aside, first.state!, t('  cuti  '), env);
    expect(done.state).toBeNull();
    expect(done.events).toMatchObject([{ kind: 'complete', answers: { text: 'cuti' } }]);
  });
});

// ── #26: the more button, date shortcuts, a file's kind, "Lainnya: sebutkan" ──
describe('step: field fit (#26)', () => {
  const roles: Question = {
    id: 'peran',
    type: 'multi',
    prompt: L('Peran apa?'),
    options: [
      { value: 'konselor', label: L('Konselor') },
      { value: 'pendidik', label: L('Pendidik') },
      { value: 'perantara', label: L('Perantara') },
    ],
    first: ['konselor', 'pendidik'],
    more_label: L('Peran lain…'),
  } as Question;
  const f: Form = {
    questions: [
      roles,
      { id: 'tgl', type: 'date', allow: 'past', prompt: L('Tanggal sesi?') },
      { id: 'lagi', type: 'date', allow: 'future', prompt: L('Kapan lagi?') },
      { id: 'dok', type: 'file', prompt: L('Dokumentasi?') },
      { id: 'wajah', type: 'choice', when: { dok: { kind: ['photo', 'video'] } }, prompt: L('Ada wajah?'), options: [{ value: 'ya', label: L('Ya') }, { value: 'tidak', label: L('Tidak') }] },
      { id: 'akhir', type: 'text', prompt: L('Akhir?') },
    ],
  };
  const run = (r: StepResult, input: Input) => on(f, r, input);

  it('the more button shows every option without ticking anything; the answer holds only roles', () => {
    let r = start(f);
    expect(asked(r).expanded).toBeUndefined();
    r = run(r, { kind: 'toggle', questionId: 'peran', value: 'konselor' });
    r = run(r, { kind: 'more', questionId: 'peran' });
    expect(asked(r)).toMatchObject({ expanded: true, pending: ['konselor'] });
    r = run(r, { kind: 'toggle', questionId: 'peran', value: 'perantara' });
    expect(asked(r)).toMatchObject({ expanded: true, pending: ['konselor', 'perantara'] });
    r = run(r, { kind: 'done', questionId: 'peran' });
    expect(r.state?.answers.peran).toEqual(['konselor', 'perantara']);
    // the next question does not inherit the opened list
    expect(r.state?.expanded).toBeUndefined();
    // a second press of an old more button is stale, as is one on a question without `first`
    expect(run(r, { kind: 'more', questionId: 'tgl' }).events).toEqual([{ kind: 'stale' }]);
  });

  it('date shortcuts: today and yesterday for a past date; a week, two weeks or a month on for a future one', () => {
    let r = run(start(f), { kind: 'toggle', questionId: 'peran', value: 'konselor' });
    r = run(r, { kind: 'done', questionId: 'peran' });
    expect(run(r, { kind: 'choice', questionId: 'tgl', value: 'today' }).state?.answers.tgl).toBe('2025-03-14');
    r = run(r, { kind: 'choice', questionId: 'tgl', value: 'yesterday' });
    expect(r.state?.answers.tgl).toBe('2025-03-13');
    expect(run(r, { kind: 'choice', questionId: 'lagi', value: 'week' }).state?.answers.lagi).toBe('2025-03-21');
    expect(run(r, { kind: 'choice', questionId: 'lagi', value: 'fortnight' }).state?.answers.lagi).toBe('2025-03-28');
    expect(run(r, { kind: 'choice', questionId: 'lagi', value: 'month' }).state?.answers.lagi).toBe('2025-04-14');
    // a past shortcut on a future question is refused, never a wrong date
    const bad = run(r, { kind: 'choice', questionId: 'lagi', value: 'yesterday' });
    expect(bad.events[0]).toMatchObject({ kind: 'invalid', error: { code: 'not-a-date' } });
  });

  it('another picture sent from the review asks about faces again: nothing said of the old one carries over', () => {
    let r = run(start(f), { kind: 'toggle', questionId: 'peran', value: 'konselor' });
    r = run(run(run(r, { kind: 'done', questionId: 'peran' }), { kind: 'text', text: 'kemarin' }), { kind: 'text', text: 'besok' });
    r = run(r, { kind: 'file', file: { fileId: 'first', kind: 'photo' } });
    r = run(r, { kind: 'choice', questionId: 'wajah', value: 'tidak' });
    r = run(r, { kind: 'text', text: 'selesai' });
    expect(the(r).kind).toBe('review');
    r = run(r, { kind: 'edit', questionId: 'dok' });
    r = run(r, { kind: 'file', file: { fileId: 'second', kind: 'photo' } });
    expect(asked(r).question.id).toBe('wajah');
    expect(r.state?.answers.wajah).toBeUndefined();
    // the same picture again changes nothing
    r = run(run(r, { kind: 'choice', questionId: 'wajah', value: 'ya' }), { kind: 'edit', questionId: 'dok' });
    expect(the(run(r, { kind: 'file', file: { fileId: 'second', kind: 'photo' } })).kind).toBe('review');
  });

  it('a photo is asked about faces; a voice note or a document is not', () => {
    let r = run(start(f), { kind: 'toggle', questionId: 'peran', value: 'konselor' });
    r = run(run(run(r, { kind: 'done', questionId: 'peran' }), { kind: 'text', text: 'kemarin sore' }), { kind: 'text', text: 'besok' });
    expect(asked(run(r, { kind: 'file', file: { fileId: 'p', kind: 'photo' } })).question.id).toBe('wajah');
    expect(asked(run(r, { kind: 'file', file: { fileId: 'v', kind: 'voice' } })).question.id).toBe('akhir');
    expect(asked(run(r, { kind: 'file', file: { fileId: 'd', kind: 'document' } })).question.id).toBe('akhir');
  });
});

describe('carriedFor (#26 point 13)', () => {
  it('roles carried from a version-4 note ("Peran lain…" ticked, the rest apart) become one list of roles', async () => {
    const { carriedFor } = await import('../../src/cases/note-builder.ts');
    const roles = {
      id: 'peran_peksos', type: 'multi', prompt: L('Peran?'), first: ['konselor'],
      options: [{ value: 'perantara', label: L('Perantara') }, { value: 'konselor', label: L('Konselor') }],
    } as Question;
    const item = (value: string[]) => ({ id: '', type: 'multi' as const, label: L(''), value });
    const carried = carriedFor({ questions: [roles] }, { peran_peksos: item(['konselor', 'lainnya']), peran_peksos_lain: item(['perantara']) });
    expect(carried?.peran_peksos).toEqual(['konselor', 'perantara']);
    expect(carriedFor({ questions: [roles] }, undefined)).toBeUndefined();
  });
});

// #26 point 5: answers a model gives by default (a group's session is a group meeting)
describe('preset answers', () => {
  const f: Form = {
    questions: [
      { id: 'a', type: 'text', prompt: L('A?') },
      { id: 'kontak', type: 'choice', prompt: L('Kontak?'), options: [{ value: 'tatap', label: L('Tatap muka') }, { value: 'kelompok', label: L('Kelompok') }] },
      { id: 'b', type: 'text', prompt: L('B?') },
    ],
  };
  const asked = (r: StepResult) => r.events.flatMap((e) => (e.kind === 'ask' ? [`${e.question.id} ${e.index}/${e.total}`] : e.kind === 'review' ? ['review'] : []));

  it('are passed by, not counted, shown at the review, changeable there, and saved', () => {
    const first = start(f, { kontak: 'kelompok' }, undefined, ['kontak']);
    expect(asked(first)).toEqual(['a 1/2']);
    const second = step(f, first.state!, { kind: 'text', text: 'satu' }, env);
    expect(asked(second)).toEqual(['b 2/2']);
    // back from b goes to a: the preset was never asked
    expect(asked(step(f, second.state!, { kind: 'back' }, env))).toEqual(['a 1/2']);
    const review = step(f, second.state!, { kind: 'text', text: 'dua' }, env);
    expect(review.events[0]).toMatchObject({ kind: 'review', items: [{ value: 'satu' }, { value: 'kelompok' }, { value: 'dua' }] });
    // changed at the review like any answer
    const edit = step(f, review.state!, { kind: 'edit', questionId: 'kontak' }, env);
    expect(asked(edit)[0]).toMatch(/^kontak/);
    const changed = step(f, edit.state!, { kind: 'choice', questionId: 'kontak', value: 'tatap' }, env);
    const saved = step(f, changed.state!, { kind: 'save' }, env);
    expect(saved.events.find((e) => e.kind === 'complete')).toMatchObject({ answers: { a: 'satu', kontak: 'tatap', b: 'dua' } });
  });
});
