// Screens that change in place rather than pile up: the message a press was on becomes the next
// screen (a case list the first question, a pressed question the next one), so the chat scrolls
// less and a press costs two Bot API calls (the answer to the press and one edit) instead of three.
import { GrammyError } from 'grammy';
import type { EngineEvent, Input } from '../../engine/step.ts';
import type { Form } from '../../engine/types.ts';
import type { Activity, BotContext } from '../context.ts';
import { SCREEN_LINES, screenLines } from '../../telegram/format.ts';
import { renderAsk, renderEchoes, type FormView, type OutMessage } from '../render/form.ts';

export async function send(ctx: BotContext, m: OutMessage): Promise<number> {
  const sent = await ctx.reply(m.text, { parse_mode: 'HTML', ...(m.keyboard ? { reply_markup: m.keyboard } : {}) });
  return sent.message_id;
}

/** Answers given by a press on the question's own message. */
const PRESSED = new Set<Input['kind']>(['choice', 'done', 'skip', 'keep', 'carry']);

/** How the first question of a new activity appears. */
export interface FirstScreen {
  /** the pressed message that only led here (a case list, a stage list) becomes the first question */
  edit?: number;
  /** lines above the first question (the case's last note), and the same shorter, for when the
   *  whole would not fit a phone's screen */
  intro?: string;
  shortIntro?: string;
  /** one more button under the first question (another stage) */
  extra?: { text: string; data: string };
}

/** Turns a message the bot sent into this one; false when Telegram no longer lets it be edited. */
export async function editInto(ctx: BotContext, messageId: number, m: OutMessage): Promise<boolean> {
  const chatId = ctx.chat?.id;
  if (chatId === undefined) return false;
  try {
    await ctx.api.editMessageText(chatId, messageId, m.text, { parse_mode: 'HTML', ...(m.keyboard ? { reply_markup: m.keyboard } : {}) });
    return true;
  } catch (err) {
    if (!(err instanceof GrammyError && err.error_code === 400)) throw err;
    ctx.log.debug({ messageId, err: err.description }, 'message not editable; sent anew');
    return false;
  }
}

/**
 * The first question, with what leads into it: edited into the pressed message when there is one,
 * else sent. An intro too long to share the phone's screen with the question, even short, comes
 * first, alone.
 */
export async function showFirst(ctx: BotContext, m: OutMessage, how: FirstScreen): Promise<number> {
  if (how.extra) m.keyboard?.row().text(how.extra.text, how.extra.data);
  const into = async (screen: OutMessage) => (how.edit !== undefined && (await editInto(ctx, how.edit, screen)) ? how.edit : send(ctx, screen));
  if (!how.intro) return into(m);
  // the recap with the question on one screen: in full, else short, else the recap first, alone
  for (const intro of [how.intro, how.shortIntro]) {
    const whole = { ...m, text: `${intro}\n\n${m.text}` };
    if (intro && screenLines(whole.text) <= SCREEN_LINES) return into(whole);
  }
  await into({ text: how.intro });
  return send(ctx, m);
}

/**
 * A press that answered the question on its own message, when the next question follows: that
 * message becomes the next question, the answer echoed under its header. One edit instead of an
 * edit and a new message — a Bot API call saved per pressed answer, and a chat that scrolls less.
 * Not when the message would no longer fit a phone's screen (then the next question is sent anew),
 * nor when Telegram no longer lets the message be edited.
 */
export async function answerInPlace(ctx: BotContext, act: Activity, form: Form, view: FormView, answered: string | null, input: Input, events: EngineEvent[]): Promise<boolean> {
  const pressed = ctx.callbackQuery?.message?.message_id;
  const [ev, ...more] = events;
  if (!PRESSED.has(input.kind) || pressed === undefined || pressed !== act.promptMessageId) return false;
  if (ev?.kind !== 'ask' || more.length > 0 || answered === null) return false;
  if (act.form.answers[answered] === undefined) return false;
  const echoed = [...(act.echoed ?? []), answered];
  const m = renderAsk(ev, view, renderEchoes(form, echoed, act.form.answers, view));
  if (screenLines(m.text) > SCREEN_LINES || !(await editInto(ctx, pressed, m))) return false;
  act.echoed = echoed;
  return true;
}
