// Engine events as Telegram messages: a question with its buttons, the review, the cancel prompt.
import { InlineKeyboard } from 'grammy';
import type { EngineEvent, ReviewItem } from '../../engine/step.ts';
import type { Answers, AnswerValue, Cadence, Form, Question } from '../../engine/types.ts';
import { DEFAULT_FILE_KINDS, DEFAULT_MAX, dateShortcuts, type DateShortcut } from '../../engine/answers.ts';
import { pick, type Lang } from '../../cases/labels.ts';
import { identifiersIn } from '../../cases/identifiers.ts';
import { encode, type FormOp } from '../../telegram/callback-data.ts';
import { cut, escapeHtml, formatAnswer, SCREEN_LINE, shapeOf, splitMessage, type Translate } from '../../telegram/format.ts';

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
  /** the case's carried answers as text, by question id, for questions that `recall` one */
  recalled?: Record<string, { label: string; text: string }>;
  /** the case's monitoring cadence: a future date's buttons offer its interval first */
  cadence?: Cadence;
}

/** An earlier answer shown under a question: a reminder, not the answer in full (2 lines). */
const ECHO_MAX = 70;
const ECHO_LONG_MAX = 44;
/** A pressed answer's echo above the next question: its prompt and answer on two phone lines at most. */
const ECHO_PROMPT_MAX = 40;
const ECHO_ANSWER_MAX = 30;
/** A recalled answer (e.g. the agreed goals) above a question: two lines on a phone; the note has it whole. */
const RECALL_MAX = 66;

/** A button label fits 24 characters; two a row leave about 17 each on a 5-inch phone. */
const PAIR_MAX = 16;

/** Option buttons two a row when every label fits half the width, else one a row. */
function perRow(labels: string[]): number {
  return labels.every((l) => l.length <= PAIR_MAX) ? 2 : 1;
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
    case 'longtext': return v.t('hint-longtext', { max: q.max ?? DEFAULT_MAX.longtext });
    default: return undefined;
  }
}

/** The interval the case is seen at comes first among a future date's buttons. */
const CADENCE_FIRST: Record<Cadence, DateShortcut> = { weekly: 'week', biweekly: 'fortnight', monthly: 'month' };

function dateButtons(q: Extract<Question, { type: 'date' }>, v: FormView): { text: string; index: number }[] {
  const shortcuts = dateShortcuts(q).map((s, index) => ({ s, index }));
  // only a future date reads the cadence: reading it opens the case (a cost the session date skips)
  const cadence = q.allow === 'future' ? v.cadence : undefined;
  const first = cadence ? CADENCE_FIRST[cadence] : undefined;
  const ordered = first ? [...shortcuts.filter((x) => x.s === first), ...shortcuts.filter((x) => x.s !== first)] : shortcuts;
  return ordered.map(({ s, index }) => ({ text: v.t(`btn-date-${s}`), index }));
}

/** What a press answered, for the message that became the next question: "✅ <prompt> <answer>". */
export function renderEcho(q: Question, value: AnswerValue | null, v: Pick<FormView, 'lang' | 't'>): string {
  const answer = cut(formatAnswer(shapeOf(q), value, v.lang, v.t), ECHO_ANSWER_MAX);
  return `✅ ${escapeHtml(cut(pick(q.prompt, v.lang), ECHO_PROMPT_MAX))} <b>${escapeHtml(answer)}</b>`;
}

/** The echoes of the questions answered on a message (ids), from the answers as they are. */
export function renderEchoes(form: Form, ids: string[] | undefined, answers: Answers, v: Pick<FormView, 'lang' | 't'>): string[] {
  const out: string[] = [];
  for (const id of ids ?? []) {
    const q = form.questions.find((x) => x.id === id);
    const value = answers[id];
    if (q && value !== undefined) out.push(renderEcho(q, value, v));
  }
  return out;
}

/**
 * A question. `echoes`: the answers pressed on this message before it became this question, each
 * on a line under the header, so an answered question still shows its answer.
 */
export function renderAsk(ev: Extract<EngineEvent, { kind: 'ask' }>, v: FormView, echoes: string[] = []): OutMessage {
  const q = ev.question;
  const qi = v.form.questions.findIndex((x) => x.id === q.id);
  const lines = [
    // one line of context on a 38-character phone line: the question gets the room
    `<i>${escapeHtml(cut(v.header, SCREEN_LINE))}</i>`,
    ...echoes,
    `<b>${escapeHtml(v.t(ev.approx ? 'question-position-approx' : 'question-position', { index: ev.index, total: ev.total }))}</b>`,
    '',
  ];
  const recalled = q.recall ? v.recalled?.[q.recall] : undefined;
  if (recalled) lines.push(`<blockquote>📌 ${escapeHtml(cut(recalled.text, RECALL_MAX))}</blockquote>`);
  lines.push(escapeHtml(pick(q.prompt, v.lang)));
  // a long answer's hint stands every time it is asked: its limit, and what must never be typed
  // into a chat about a client (UU 27/2022)
  const typed = typeHint(q, v);
  // asked again, a long answer's example says nothing new to someone who answered it: its limit
  // and what not to type stay
  const help = q.help && !(q.type === 'longtext' && ev.previous !== undefined) ? pick(q.help, v.lang) : undefined;
  const hint = [help, typed].filter((x) => x !== undefined).join(' ');
  if (hint) lines.push(`<i>${escapeHtml(hint)}</i>`);
  // a long answer's standing hint, or a multi's many buttons, take room: the earlier answer gets two
  // lines with its label
  const max = q.type === 'longtext' || q.type === 'multi' ? ECHO_LONG_MAX : ECHO_MAX;
  // a multi question asked again shows its earlier selection ticked on its buttons: no line for it
  if (ev.previous !== undefined && q.type !== 'multi') {
    lines.push(escapeHtml(v.t('previous-answer', { answer: cut(formatAnswer(shapeOf(q), ev.previous, v.lang, v.t), max) })));
  } else if (ev.carried !== undefined) {
    lines.push(escapeHtml(v.t('carried-answer', { answer: cut(formatAnswer(shapeOf(q), ev.carried, v.lang, v.t), max) })));
  }

  const kb = new InlineKeyboard();
  const addRows = (buttons: { text: string; data: string }[], size: number) => {
    for (const row of rows(buttons, size)) {
      for (const b of row) kb.text(b.text, b.data);
      kb.row();
    }
  };
  switch (q.type) {
    case 'choice': {
      const labels = q.options.map((o) => pick(o.label, v.lang));
      addRows(labels.map((text, i) => ({ text, data: button(v, 'c', qi, i) })), perRow(labels));
      break;
    }
    case 'multi': {
      const selected = new Set(ev.pending ?? []);
      // a stage's usual options first; the others open in place under the more button (and one
      // already ticked, e.g. carried from the last session, always shows)
      const shown = q.options
        .map((o, i) => ({ o, i }))
        .filter(({ o }) => !q.first || ev.expanded || q.first.includes(o.value) || selected.has(o.value));
      // laid out by the ticked width, so ticking an option never reflows the keyboard
      const labels = shown.map(({ o }) => pick(o.label, v.lang));
      const size = perRow(labels.map((l) => `✅ ${l}`));
      addRows(labels.map((l, k) => ({ text: `${selected.has(shown[k]!.o.value) ? '✅ ' : ''}${l}`, data: button(v, 't', qi, shown[k]!.i) })), size);
      if (q.first && !ev.expanded && shown.length < q.options.length) {
        kb.text(q.more_label ? pick(q.more_label, v.lang) : v.t('btn-more'), button(v, 'm', qi)).row();
      }
      kb.text(v.t('btn-done', { count: selected.size }), button(v, 'd', qi)).row();
      break;
    }
    case 'date':
      addRows(dateButtons(q, v).map((b) => ({ text: b.text, data: button(v, 'c', qi, b.index) })), 3);
      break;
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
  addRows(nav, 3);
  // the earlier answer on a row of its own: its label is long, and it is the likely tap
  if (ev.previous !== undefined) kb.text(v.t('btn-keep'), button(v, 'k', qi)).row();
  else if (ev.carried !== undefined) kb.text(v.t('btn-carry'), button(v, 'r', qi)).row();
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

/** The answers once saved, with what saving them did under them (in the review's own message). */
export function renderReview(items: ReviewItem[], v: FormView): OutMessage[] {
  const warning = identifiersWarning(items, v.t);
  const body = [
    `<b>${escapeHtml(v.t('review-title'))}</b>`,
    `<i>${escapeHtml(v.header)}</i>`,
    '',
    renderItems(items, v.lang, v.t).join('\n\n'),
    '',
    ...(warning ? [escapeHtml(warning), ''] : []),
    escapeHtml(v.t('review-instructions')),
  ].join('\n');
  const kb = new InlineKeyboard();
  const edits = items.map((item, i) => ({ text: `✏️ ${i + 1}`, qi: v.form.questions.findIndex((x) => x.id === item.question.id) }));
  for (const row of rows(edits, 3)) {
    for (const b of row) kb.text(b.text, button(v, 'e', b.qi));
    kb.row();
  }
  // the review's ✖️ names no question (an index past the last): an old question's ✖️ is told apart
  kb.text(v.t('btn-save'), button(v, 'v', 0)).text(v.t('btn-cancel'), button(v, 'x', v.form.questions.length));
  const parts = splitMessage(body);
  return parts.map((text, i) => (i === parts.length - 1 ? { text, keyboard: kb } : { text }));
}

/** "⚠️ No. 4 seems to hold a NIK; no. 9 an address…": typed answers that look identifying, by
 *  their number on the review. A warning: saving stays one tap away. */
function identifiersWarning(items: ReviewItem[], t: Translate): string | undefined {
  const found = items.flatMap((item, i) => {
    const typed = item.question.type === 'text' || item.question.type === 'longtext';
    const kinds = typed && typeof item.value === 'string' ? identifiersIn(item.value) : [];
    return kinds.length ? [t('review-identifier-item', { n: i + 1, kinds: kinds.map((k) => t(`identifier-${k}`)).join(', ') })] : [];
  });
  return found.length ? t('review-identifiers', { items: found.join('; ') }) : undefined;
}

export function renderConfirmCancel(v: FormView): OutMessage {
  const kb = new InlineKeyboard().text(v.t('btn-cancel-yes'), button(v, 'y', 0)).text(v.t('btn-cancel-no'), button(v, 'n', 0));
  return { text: escapeHtml(v.t('confirm-cancel')), keyboard: kb };
}
