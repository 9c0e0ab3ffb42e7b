// Engine events as Telegram messages: a question with its buttons, the review, the cancel prompt.
import { InlineKeyboard } from 'grammy';
import type { EngineEvent, ReviewItem } from '../../engine/step.ts';
import type { Form, Question } from '../../engine/types.ts';
import { DEFAULT_FILE_KINDS } from '../../engine/answers.ts';
import { pick, type Lang } from '../../cases/labels.ts';
import { encode, type FormOp } from '../callback-data.ts';
import { cut, escapeHtml, formatAnswer, shapeOf, splitMessage, type Translate } from './format.ts';

export interface OutMessage {
  text: string;
  keyboard?: InlineKeyboard;
}

export interface FormView {
  form: Form;
  token: string;
  lang: Lang;
  t: Translate;
  /** one line naming what is being written, e.g. "Si (42) · Tahap 3/8 Pengembangan motivasi" */
  header: string;
  /** a stage guide exists (note flows, not the intake) */
  hasGuide: boolean;
}

function button(v: FormView, op: FormOp, q: number, a = 0): string {
  return encode({ kind: 'form', token: v.token, op, q, a });
}

function rows<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function typeHint(q: Question, v: FormView): string | undefined {
  switch (q.type) {
    case 'multi': return v.t('hint-multi');
    case 'file': {
      const kinds = (q.accept ?? DEFAULT_FILE_KINDS).map((k) => v.t(`kind-${k}`));
      // "foto, pesan suara, atau video" (a comma before "atau" from three on, as PUEBI writes lists)
      const head = kinds.slice(0, -1).join(', ');
      const list = kinds.length === 1 ? kinds[0]! : `${head}${kinds.length > 2 ? ',' : ''} ${v.t('or')} ${kinds.at(-1)}`;
      return v.t('hint-file', { kinds: list });
    }
    case 'scale':
      return q.labels
        ? v.t('hint-scale-labels', { min: q.min, max: q.max, minLabel: pick(q.labels.min, v.lang), maxLabel: pick(q.labels.max, v.lang) })
        : v.t('hint-scale', { min: q.min, max: q.max });
    case 'longtext': return v.t('hint-longtext');
    default: return undefined;
  }
}

export function renderAsk(ev: Extract<EngineEvent, { kind: 'ask' }>, v: FormView): OutMessage {
  const q = ev.question;
  const qi = v.form.questions.findIndex((x) => x.id === q.id);
  const lines = [
    `<i>${escapeHtml(v.header)}</i>`,
    `<b>${escapeHtml(v.t('question-position', { index: ev.index, total: ev.total }))}</b>`,
    '',
    escapeHtml(pick(q.prompt, v.lang)),
  ];
  if (q.help) lines.push(`<i>${escapeHtml(pick(q.help, v.lang))}</i>`);
  const hint = typeHint(q, v);
  if (hint) lines.push(`<i>${escapeHtml(hint)}</i>`);
  if (ev.previous !== undefined) {
    lines.push('', escapeHtml(v.t('previous-answer', { answer: cut(formatAnswer(shapeOf(q), ev.previous, v.lang, v.t), 300) })));
  }

  const kb = new InlineKeyboard();
  const addRows = (buttons: { text: string; data: string }[], size: number) => {
    for (const row of rows(buttons, size)) {
      for (const b of row) kb.text(b.text, b.data);
      kb.row();
    }
  };
  switch (q.type) {
    case 'choice':
      addRows(q.options.map((o, i) => ({ text: pick(o.label, v.lang), data: button(v, 'c', qi, i) })), 2);
      break;
    case 'multi': {
      const selected = new Set(ev.pending ?? []);
      addRows(
        q.options.map((o, i) => ({ text: `${selected.has(o.value) ? '✅ ' : ''}${pick(o.label, v.lang)}`, data: button(v, 't', qi, i) })),
        2,
      );
      kb.text(v.t('btn-done', { count: selected.size }), button(v, 'd', qi)).row();
      break;
    }
    case 'yesno':
      kb.text(v.t('yes'), button(v, 'c', qi, 1)).text(v.t('no'), button(v, 'c', qi, 0)).row();
      break;
    case 'scale': {
      const points = Array.from({ length: q.max - q.min + 1 }, (_, i) => q.min + i);
      addRows(points.map((p) => ({ text: String(p), data: button(v, 'c', qi, p - q.min) })), 5);
      break;
    }
    default:
      break;
  }
  const nav: { text: string; data: string }[] = [];
  if (ev.canBack) nav.push({ text: v.t('btn-back'), data: button(v, 'b', qi) });
  if (q.optional) nav.push({ text: v.t('btn-skip'), data: button(v, 's', qi) });
  if (ev.previous !== undefined) nav.push({ text: v.t('btn-keep'), data: button(v, 'k', qi) });
  addRows(nav, 3);
  if (v.hasGuide) kb.text(v.t('btn-guide'), button(v, 'g', qi));
  kb.text(v.t('btn-cancel'), button(v, 'x', qi));
  return { text: lines.join('\n'), keyboard: kb };
}

/** The note so far, numbered, each answer under its question. */
export function renderItems(items: ReviewItem[], lang: Lang, t: Translate): string[] {
  return items.map(({ question: q, value }, i) =>
    `<b>${i + 1}. ${escapeHtml(pick(q.prompt, lang))}</b>\n${escapeHtml(formatAnswer(shapeOf(q), value, lang, t))}`,
  );
}

export function renderReview(items: ReviewItem[], v: FormView): OutMessage[] {
  const body = [
    `<b>${escapeHtml(v.t('review-title'))}</b>`,
    `<i>${escapeHtml(v.header)}</i>`,
    '',
    renderItems(items, v.lang, v.t).join('\n\n'),
    '',
    escapeHtml(v.t('review-instructions')),
  ].join('\n');
  const kb = new InlineKeyboard();
  const edits = items.map((item, i) => ({ text: `✏️ ${i + 1}`, qi: v.form.questions.findIndex((x) => x.id === item.question.id) }));
  for (const row of rows(edits, 3)) {
    for (const b of row) kb.text(b.text, button(v, 'e', b.qi));
    kb.row();
  }
  kb.text(v.t('btn-save'), button(v, 'v', 0)).text(v.t('btn-cancel'), button(v, 'x', 0));
  const parts = splitMessage(body);
  return parts.map((text, i) => (i === parts.length - 1 ? { text, keyboard: kb } : { text }));
}

export function renderConfirmCancel(v: FormView): OutMessage {
  const kb = new InlineKeyboard().text(v.t('btn-cancel-yes'), button(v, 'y', 0)).text(v.t('btn-cancel-no'), button(v, 'n', 0));
  return { text: escapeHtml(v.t('confirm-cancel')), keyboard: kb };
}
