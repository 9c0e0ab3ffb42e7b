// What the chat does after the engine spoke: which messages are sent, which earlier one is edited,
// which loses its buttons. Pure (goflow's way: the engine emits events, the caller plans and does the
// I/O): no Bot API here, so every rule of how a note looks in the chat is tested without Telegram.
// screen-ops.ts runs a plan.
import type { EngineEvent, FormState, Input } from '../../engine/step.ts';
import type { Answers, Form } from '../../engine/types.ts';
import { InlineKeyboard } from 'grammy';
import type { ActivityScreen } from '../../store/session.ts';
import { cut, escapeHtml, formatAnswer, SCREEN_LINES, screenLines, shapeOf } from '../../telegram/format.ts';
import { pick } from '../../cases/labels.ts';
import { renderAsk, renderConfirmCancel, renderEchoes, renderReview, type FormView, type OutMessage } from '../render/form.ts';

/** The message an op shows becomes the one with the activity's buttons, with these echoes. */
export interface BecomesPrompt {
  echoed?: string[];
}

export type ScreenOp =
  /** a new message; `prompt`: it carries the activity's buttons from now on */
  | { op: 'send'; message: OutMessage; prompt?: BecomesPrompt }
  /** an earlier message turned into this one; when Telegram no longer lets it be edited, the
   *  `otherwise` ops run instead */
  | { op: 'edit'; messageId: number; message: OutMessage; prompt?: BecomesPrompt; otherwise: ScreenOp[] }
  /** an earlier message loses its buttons (nothing else changes) */
  | { op: 'strip'; messageId: number }
  /** an earlier question becomes the record of its answer, without buttons */
  | { op: 'settle'; messageId: number; text: string }
  /** a line of its own (a hint, the guide, "cancelled"); `html` when it carries markup */
  | { op: 'reply'; text: string; html?: boolean }
  /** the press is answered with an alert (a stale button) */
  | { op: 'alert'; text: string };

/** What the planner knows of one update to an activity. */
export interface StepScreen {
  /** the screen before this update */
  screen: ActivityScreen;
  form: Form;
  view: FormView;
  input: Input['kind'];
  /** the form before and after the step (after: null when the activity ended) */
  before: FormState;
  after: FormState | null;
  /** what the engine said; after a restart, a refused press is followed by the current screen again */
  events: EngineEvent[];
  /** the engine took the input (no hint, no stale button) */
  accepted: boolean;
  /** the bot restarted since the worker last answered: they are told before anything else */
  restarted: boolean;
  /** `events` end with the current screen shown again after a stale press (after a restart) */
  resumed: boolean;
  /** the message the pressed button was on; undefined for a typed message */
  pressed?: number;
  /** what saving did, from the domain (`complete` is handled before anything renders) */
  done?: OutMessage;
  /** the stage's guide (HTML), when the input asked for it */
  guide?: string;
}

/** Answers given by a press on the question's own message. */
const PRESSED = new Set<Input['kind']>(['choice', 'done', 'skip', 'keep', 'carry']);
/** Inputs that answer the open question. */
const ANSWERS = new Set<Input['kind']>(['text', 'choice', 'done', 'file', 'skip', 'keep', 'carry']);
/** Answers the user's own message shows in full. */
const TYPED = new Set<Input['kind']>(['text', 'file']);

/** The plan for one input to an activity. */
export function planStep(s: StepScreen): ScreenOp[] {
  const lead: ScreenOp[] = s.restarted ? [{ op: 'reply', text: s.view.t('restart-notice') }] : [];
  // a tick, or the other options opened: the same question, redrawn where it is
  const inPlace = s.accepted && !s.restarted && (s.input === 'toggle' || s.input === 'more');
  const { ops, savedInPlace } = showEvents({ ...s, answers: (s.after ?? s.before).answers }, inPlace);
  const normal = [...ops, ...afterwards(s, ops, inPlace)];
  const instead = savedInPlace ?? (s.accepted && !s.restarted && !inPlace && s.after !== null ? answerInPlace(s) : undefined);
  return [...lead, ...(instead ? [{ ...instead, otherwise: normal }] : normal)];
}

/** The current screen shown again (/lanjut, or an activity that begins at its review): the earlier
 *  copy keeps its buttons, which still mean this question and turn stale once it is answered. */
export function planShow(s: Pick<StepScreen, 'view' | 'events' | 'form'>): ScreenOp[] {
  return showEvents({ ...s, screen: {}, answers: {} }, false).ops;
}

/** How the first question of a new activity appears. */
export interface FirstScreen {
  /** the pressed message that only led here (a case list, a stage list) becomes the first question */
  edit?: number;
  /** lines above the first question (the case's last note), and the same shorter, for when the
   *  whole would not fit a phone's screen */
  intro?: string;
  shortIntro?: string;
  /** more buttons under the first question, in one row (another stage; a stage written alongside) */
  extra?: { text: string; data: string }[];
}

/**
 * The first question of a new activity, with what leads into it: edited into the pressed message
 * that only led here when there is one, else sent. An intro too long to share the phone's screen
 * with the question, even short, comes first, alone.
 */
export function planFirst(question: OutMessage, how: FirstScreen): ScreenOp[] {
  const m = how.extra?.length && question.keyboard ? { ...question, keyboard: withExtra(question.keyboard, how.extra) } : question;
  const into = (screen: OutMessage, prompt?: BecomesPrompt): ScreenOp => {
    const send: ScreenOp = { op: 'send', message: screen, ...(prompt ? { prompt } : {}) };
    return how.edit === undefined ? send : { op: 'edit', messageId: how.edit, message: screen, ...(prompt ? { prompt } : {}), otherwise: [send] };
  };
  if (!how.intro) return [into(m, {})];
  // the recap with the question on one screen: in full, else short, else the recap first, alone
  for (const intro of [how.intro, how.shortIntro]) {
    const whole = { ...m, text: `${intro}\n\n${m.text}` };
    if (intro && screenLines(whole.text) <= SCREEN_LINES) return [into(whole, {})];
  }
  return [into({ text: how.intro }), { op: 'send', message: m, prompt: {} }];
}

function withExtra(kb: InlineKeyboard, extra: { text: string; data: string }[]): InlineKeyboard {
  const out = new InlineKeyboard(kb.inline_keyboard.map((row) => [...row])).row();
  for (const b of extra) out.text(b.text, b.data);
  return out;
}

type EditOp = Extract<ScreenOp, { op: 'edit' }>;

/** What showing the events needs: the screen before, and the form's answers now (for echoes). */
type Showing = Pick<StepScreen, 'screen' | 'form' | 'view' | 'events' | 'pressed' | 'done' | 'guide'> & { answers: Answers };

function showEvents(s: Showing, inPlace: boolean): { ops: ScreenOp[]; savedInPlace?: Omit<EditOp, 'otherwise'> } {
  const { view: v } = s;
  const ops: ScreenOp[] = [];
  let savedInPlace: Omit<EditOp, 'otherwise'> | undefined;
  for (let i = 0; i < s.events.length; i++) {
    const ev = s.events[i]!;
    switch (ev.kind) {
      case 'ask': {
        if (inPlace && s.screen.prompt !== undefined) {
          // a multi selection changes on its own message, the answers pressed above it kept
          const m = renderAsk(ev, v, renderEchoes(s.form, s.screen.echoed, s.answers, v));
          const prompt = s.screen.echoed ? { echoed: s.screen.echoed } : {};
          ops.push({ op: 'edit', messageId: s.screen.prompt, message: m, prompt, otherwise: [{ op: 'send', message: renderAsk(ev, v), prompt: {} }] });
        } else {
          ops.push({ op: 'send', message: renderAsk(ev, v), prompt: {} });
        }
        break;
      }
      case 'review': {
        const messages = renderReview(ev.items, v);
        messages.forEach((m, at) => ops.push(at === messages.length - 1 ? { op: 'send', message: m, prompt: {} } : { op: 'send', message: m }));
        break;
      }
      case 'confirm-cancel':
        ops.push({ op: 'send', message: renderConfirmCancel(v), prompt: {} });
        break;
      case 'invalid': {
        const hint = v.t(`invalid-${ev.error.code}`, hintParams(ev.error.params, v));
        const again = s.events[i + 1];
        if (again?.kind === 'ask' && ev.question && again.question.id === ev.question.id) {
          // the hint comes with the question and its buttons, so they never scroll away; the
          // earlier copy loses its buttons once the new one is out
          const m = renderAsk(again, v);
          ops.push({ op: 'send', message: { ...m, text: `⚠️ ${escapeHtml(hint)}\n\n${m.text}` }, prompt: {} });
          if (s.screen.prompt !== undefined && s.screen.prompt !== s.screen.bare) ops.push({ op: 'strip', messageId: s.screen.prompt });
          i++;
        } else {
          ops.push({ op: 'reply', text: hint });
        }
        break;
      }
      case 'guide':
        if (s.guide) ops.push({ op: 'reply', text: s.guide, html: true });
        break;
      case 'stale':
        ops.push(s.pressed !== undefined ? { op: 'alert', text: v.t('stale-button') } : { op: 'reply', text: v.t('stale-button') });
        break;
      case 'cancelled':
        ops.push({ op: 'reply', text: v.t('cancelled') });
        break;
      case 'complete': {
        const done = s.done ?? { text: '' };
        // saved from the review's own message: that message becomes the short confirmation and what
        // comes next (one edit, not an edit and a new message). The whole note does not stay in the
        // chat (a phone is lost, a chat is shown around): 📄 Lihat under it opens the note again.
        if (s.pressed !== undefined && s.pressed === s.screen.prompt) savedInPlace = { op: 'edit', messageId: s.pressed, message: done };
        ops.push({ op: 'send', message: done });
        break;
      }
    }
  }
  return { ops, ...(savedInPlace ? { savedInPlace } : {}) };
}

/** "📷 Foto, 🎤 Pesan suara" for a hint about the kinds of file a question takes. */
function hintParams(params: Record<string, string | number> | undefined, v: FormView): Record<string, string | number> {
  const out = { ...(params ?? {}) };
  if (typeof out.accept === 'string') out.accept = out.accept.split(', ').map((k) => v.t(`file-${k}`)).join(', ');
  return out;
}

/**
 * Once the next screen is out, the earlier one loses its buttons (and shows the answer): if sending
 * failed, nothing is written and the earlier buttons still work. A typed answer (text, a photo, a
 * voice note) needs no edit: the user's own message shows it, right under its question, and a
 * press on that question's old buttons is refused as stale — a Bot API call saved per typed answer.
 */
function afterwards(s: StepScreen, shown: ScreenOp[], inPlace: boolean): ScreenOp[] {
  const old = s.screen.prompt;
  if (old === undefined) return [];
  // a question sent again after a restart leaves one copy with buttons: the new one
  if (s.resumed) return shown.some((op) => op.op === 'send' && op.prompt) && old !== s.screen.bare ? [{ op: 'strip', messageId: old }] : [];
  if (!s.accepted || inPlace || s.input === 'guide' || (TYPED.has(s.input) && s.after !== null)) return [];
  const answeredId = ANSWERS.has(s.input) && s.before.cursor !== null ? s.before.cursor : undefined;
  const q = answeredId ? s.form.questions.find((x) => x.id === answeredId) : undefined;
  const value = q && s.after ? s.after.answers[q.id] : undefined;
  if (q && value !== undefined) {
    // a short echo is enough: the full answer is in the review
    const v = s.view;
    const answer = cut(formatAnswer(shapeOf(q), value, v.lang, v.t), 80);
    // answers pressed earlier on the same message stay above it
    const echoes = renderEchoes(s.form, s.screen.echoed, s.after!.answers, v).map((line) => `${line}\n`).join('');
    return [{ op: 'settle', messageId: old, text: `${echoes}${escapeHtml(pick(q.prompt, v.lang))}\n✅ <b>${escapeHtml(answer)}</b>` }];
  }
  return old === s.screen.bare ? [] : [{ op: 'strip', messageId: old }];
}

/**
 * A press that answered the question on its own message, when the next question follows: that
 * message becomes the next question, the answer echoed under its header. One edit instead of an
 * edit and a new message — a Bot API call saved per pressed answer, and a chat that scrolls less.
 * Not when the message would no longer fit a phone's screen.
 */
function answerInPlace(s: StepScreen): Omit<EditOp, 'otherwise'> | undefined {
  const [ev, ...more] = s.events;
  if (!PRESSED.has(s.input) || s.pressed === undefined || s.pressed !== s.screen.prompt) return undefined;
  const answered = s.before.cursor;
  if (ev?.kind !== 'ask' || more.length > 0 || answered === null || !s.after || s.after.answers[answered] === undefined) return undefined;
  const echoed = [...(s.screen.echoed ?? []), answered];
  const m = renderAsk(ev, s.view, renderEchoes(s.form, echoed, s.after.answers, s.view));
  if (screenLines(m.text) > SCREEN_LINES) return undefined;
  return { op: 'edit', messageId: s.pressed, message: m, prompt: { echoed } };
}
