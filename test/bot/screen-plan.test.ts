// The screen planner alone: what the chat does after each kind of input, with no Bot API.
import { describe, expect, it } from 'vitest';
import { start, step, type FormState, type Input, type StepResult } from '../../src/engine/step.ts';
import type { Env, Form, LocalizedText } from '../../src/engine/types.ts';
import { planFirst, planShow, planStep, type ScreenOp, type StepScreen } from '../../src/bot/activity/screen-plan.ts';
import type { FormView } from '../../src/bot/render/form.ts';
import type { ActivityScreen } from '../../src/store/session.ts';
import { InlineKeyboard } from 'grammy';

const env: Env = { today: '2025-03-14' };
const L = (id: string): LocalizedText => ({ id, en: id });
const form: Form = {
  questions: [
    { id: 'tanggal', type: 'date', allow: 'past', prompt: L('Tanggal sesi?') },
    { id: 'hadir', type: 'yesno', prompt: L('Klien hadir?') },
    { id: 'siapa', type: 'multi', prompt: L('Siapa lagi?'), options: [{ value: 'kel', label: L('Keluarga') }, { value: 'staf', label: L('Staf') }] },
    { id: 'catatan', type: 'text', optional: true, prompt: L('Catatan?') },
  ],
};
const view: FormView = { form, token: 'tok', lang: 'id', t: (key, vars) => (vars ? `${key} ${JSON.stringify(vars)}` : key), header: 'Si (42)', hasGuide: true };

/** The plan for `input` at `state`, as the runner would ask for it. */
function plan(state: FormState, input: Input, screen: ActivityScreen, how: Partial<StepScreen> = {}): ScreenOp[] {
  const r: StepResult = step(form, state, input, env);
  const accepted = !r.events.some((e) => e.kind === 'invalid' || e.kind === 'stale');
  return planStep({ screen, form, view, input: input.kind, before: state, after: r.state, events: r.events, accepted, restarted: false, resumed: false, ...how });
}

/** One op as a short line, to compare plans at a glance. */
function line(op: ScreenOp): string {
  switch (op.op) {
    case 'send': return `send${op.prompt ? '*' : ''} ${firstLine(op.message.text)}`;
    case 'edit': return `edit${op.prompt ? '*' : ''} #${op.messageId} ${firstLine(op.message.text)} | else: ${op.otherwise.map(line).join('; ')}`;
    case 'strip': return `strip #${op.messageId}`;
    case 'settle': return `settle #${op.messageId} ${op.text.split('\n').at(-1)}`;
    case 'reply': return `reply ${op.text}`;
    case 'alert': return `alert ${op.text}`;
  }
}
const firstLine = (text: string) => text.split('\n').find((l) => /⚠️|Tanggal|Klien|Siapa|Catatan|review|saved|done|intro/.test(l)) ?? text.split('\n')[0];
const lines = (ops: ScreenOp[]) => ops.map(line);

const first = start(form).state!;
const atHadir = step(form, first, { kind: 'text', text: 'kemarin' }, env).state!;
const atSiapa = step(form, atHadir, { kind: 'choice', questionId: 'hadir', value: 'true' }, env).state!;
const atCatatan = step(form, atSiapa, { kind: 'text', text: 'Keluarga' }, env).state!;
const atReview = step(form, atCatatan, { kind: 'skip' }, env).state!;

describe('planStep', () => {
  it("a typed answer: the next question is sent; the earlier one keeps its look (the user's message shows the answer)", () => {
    expect(lines(plan(first, { kind: 'text', text: 'kemarin' }, { prompt: 10 }))).toEqual([expect.stringMatching(/^send\* .*Klien hadir\?/)]);
  });

  it("a press on the question's own message turns it into the next question, else sends it and settles the earlier one", () => {
    const ops = plan(atHadir, { kind: 'choice', questionId: 'hadir', value: 'true' }, { prompt: 11 }, { pressed: 11 });
    expect(ops).toHaveLength(1);
    const [edit] = ops;
    expect(edit).toMatchObject({ op: 'edit', messageId: 11, prompt: { echoed: ['hadir'] } });
    expect(lines(edit!.op === 'edit' ? edit!.otherwise : [])).toEqual([expect.stringMatching(/^send\* .*Siapa lagi\?/), expect.stringMatching(/^settle #11 ✅ <b>/)]);
    // pressed on an older copy: the next question is new, the current prompt settles
    expect(lines(plan(atHadir, { kind: 'choice', questionId: 'hadir', value: 'true' }, { prompt: 11 }, { pressed: 9 }))).toEqual([expect.stringMatching(/^send\* /), expect.stringMatching(/^settle #11 /)]);
  });

  it('a refused answer is one new message, the hint over the question, and the earlier copy loses its buttons once', () => {
    const ops = plan(first, { kind: 'text', text: 'kapan-kapan' }, { prompt: 10 });
    expect(lines(ops)).toEqual([expect.stringMatching(/^send\* ⚠️ invalid-/), 'strip #10']);
    const send = ops[0]!;
    expect(send.op === 'send' && send.message.text).toContain('Tanggal sesi?');
    // the earlier copy is already bare: no second edit
    expect(lines(plan(first, { kind: 'text', text: 'kapan-kapan' }, { prompt: 10, bare: 10 }))).toEqual([expect.stringMatching(/^send\* ⚠️/)]);
  });

  it('a toggle changes the selection on its own message, the answers pressed above it kept', () => {
    const ops = plan(atSiapa, { kind: 'toggle', questionId: 'siapa', value: 'kel' }, { prompt: 12, echoed: ['hadir'] }, { pressed: 12 });
    expect(ops).toMatchObject([{ op: 'edit', messageId: 12, prompt: { echoed: ['hadir'] } }]);
    expect(ops[0]!.op === 'edit' && ops[0]!.message.text).toContain('✅');
  });

  it("saving from the review's own message edits it into the saved note; from elsewhere the result is sent and the review stripped", () => {
    const done = { text: 'done: saved' };
    const ops = plan(atReview, { kind: 'save' }, { prompt: 13 }, { pressed: 13, done });
    expect(lines(ops)).toEqual([expect.stringMatching(/^edit #13 .* \| else: send done: saved; strip #13$/)]);
    expect(lines(plan(atReview, { kind: 'save' }, { prompt: 13 }, { pressed: 7, done }))).toEqual(['send done: saved', 'strip #13']);
  });

  it('a stale press gets an alert and nothing else; after a restart the current screen comes again and the old copy is stripped', () => {
    expect(lines(plan(atHadir, { kind: 'choice', questionId: 'tanggal', value: 'x' }, { prompt: 11 }, { pressed: 3 }))).toEqual(['alert stale-button']);
    const r = step(form, atHadir, { kind: 'choice', questionId: 'tanggal', value: 'x' }, env);
    const ops = planStep({
      screen: { prompt: 11 }, form, view, input: 'choice', before: atHadir, after: r.state, accepted: false, restarted: true, resumed: true, pressed: 3,
      events: [...r.events, { kind: 'ask', question: form.questions[1]!, index: 2, total: 4, approx: false, canBack: true }],
    });
    expect(lines(ops)).toEqual(['reply restart-notice', 'alert stale-button', expect.stringMatching(/^send\* .*Klien hadir\?/), 'strip #11']);
  });

  it('the guide is a line of its own; the question keeps its buttons', () => {
    expect(lines(plan(atHadir, { kind: 'guide' }, { prompt: 11 }, { guide: 'ℹ️ <b>Tahap</b>' }))).toEqual(['reply ℹ️ <b>Tahap</b>']);
  });

  it('cancel asks first, and the question loses its buttons meanwhile', () => {
    expect(lines(plan(atHadir, { kind: 'cancel' }, { prompt: 11 }, { pressed: 11 }))).toEqual([expect.stringMatching(/^send\* confirm-cancel/), 'strip #11']);
  });
});

describe('planShow and planFirst', () => {
  it('shown again: a new copy with the buttons, the earlier one untouched', () => {
    expect(lines(planShow({ form, view, events: [{ kind: 'ask', question: form.questions[0]!, index: 1, total: 4, approx: false, canBack: false }] }))).toEqual([expect.stringMatching(/^send\* .*Tanggal sesi\?/)]);
  });

  it("the first question takes the pressed list's place, its intro above it when both fit a phone's screen", () => {
    const q = { text: 'Tanggal sesi?', keyboard: new InlineKeyboard().text('✖️ Batal', 'x') };
    expect(lines(planFirst(q, { edit: 5, intro: 'intro: last note' }))).toEqual(['edit* #5 intro: last note | else: send* intro: last note']);
    const long = Array.from({ length: 12 }, (_, i) => `intro ${i}`).join('\n');
    expect(lines(planFirst(q, { intro: long, shortIntro: long }))).toEqual(['send intro 0', 'send* Tanggal sesi?']);
    // another stage is a button away, added to a copy: the rendered keyboard is not changed
    const [op] = planFirst(q, { extra: [{ text: '🔀 Tahap lain', data: 's' }, { text: '📋 Pengawasan bulanan', data: 'p' }] });
    expect(op!.op === 'send' && op!.message.keyboard?.inline_keyboard.map((row) => row.map((b) => b.text))).toEqual([['✖️ Batal'], ['🔀 Tahap lain', '📋 Pengawasan bulanan']]);
    expect(q.keyboard.inline_keyboard).toHaveLength(1);
  });
});
