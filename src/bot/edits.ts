// Changing the message a button was pressed on. Telegram may no longer have it (too old, deleted:
// the press then names an "inaccessible" message, date 0), and forged button data may name a
// message the button never was on: then the screen is sent anew instead of edited, and nothing
// fails — the press still does its work.
import { GrammyError } from 'grammy';
import type { InlineKeyboardMarkup } from 'grammy/types';
import type { BotContext } from './context.ts';

/**
 * Why Telegram refused to edit a message, when that is no failure — the one place that decides it:
 * `unchanged` (a double tap edits a message into what it already is) or `uneditable` (gone, too
 * old, not the bot's, a photo without text). Anything else is a real error.
 */
export function editRefusal(err: unknown): 'unchanged' | 'uneditable' | undefined {
  if (!(err instanceof GrammyError && err.error_code === 400)) return undefined;
  if (/message is not modified/i.test(err.description)) return 'unchanged';
  if (/message to edit not found|message can't be edited|there is no text in the message|MESSAGE_ID_INVALID/i.test(err.description)) return 'uneditable';
  return undefined;
}

/** Runs an edit; says whether the message now shows it (`unchanged` counts), false when it cannot. */
export async function tryEdit(ctx: BotContext, edit: () => Promise<unknown>): Promise<boolean> {
  try {
    await edit();
    return true;
  } catch (err) {
    const refusal = editRefusal(err);
    if (!refusal) throw err;
    ctx.log.debug({ err }, 'earlier message not edited');
    return refusal === 'unchanged';
  }
}

type EditOptions = Parameters<BotContext['editMessageText']>[1];

/** The pressed message, if Telegram still has it. */
function pressedMessage(ctx: BotContext) {
  const m = ctx.callbackQuery?.message;
  return m && m.date !== 0 ? m : undefined;
}

/** The callback data of the pressed message's buttons, if Telegram still has the message. */
export function pressedButtonData(ctx: BotContext): string[] {
  const m = pressedMessage(ctx);
  const rows = m && 'reply_markup' in m ? m.reply_markup?.inline_keyboard : undefined;
  return (rows ?? []).flatMap((row) => row.flatMap((b) => ('callback_data' in b && b.callback_data ? [b.callback_data] : [])));
}

/** The pressed message still carries the pressed button: editing it is what the button means. */
function pressedOnItsMessage(ctx: BotContext): boolean {
  const data = ctx.callbackQuery?.data;
  return data !== undefined && pressedButtonData(ctx).includes(data);
}

/** The pressed message's id, when it still carries the pressed button (so editing it is safe). */
export function pressedMessageId(ctx: BotContext): number | undefined {
  return pressedOnItsMessage(ctx) ? pressedMessage(ctx)?.message_id : undefined;
}

/** Replaces the pressed message's text (and buttons); sends it as a new message when that cannot be. */
export async function editOrSend(ctx: BotContext, text: string, options?: EditOptions): Promise<void> {
  if (pressedOnItsMessage(ctx) && (await tryEdit(ctx, () => ctx.editMessageText(text, options)))) return;
  const { reply_markup, parse_mode } = options ?? {};
  await ctx.reply(text, { ...(parse_mode ? { parse_mode } : {}), ...(reply_markup ? { reply_markup: reply_markup as InlineKeyboardMarkup } : {}) });
}

/** Takes the buttons off the pressed message (they have done their work), when it still has them. */
export async function dropButtons(ctx: BotContext, keep?: InlineKeyboardMarkup): Promise<void> {
  if (!pressedOnItsMessage(ctx)) return;
  await tryEdit(ctx, () => ctx.editMessageReplyMarkup({ reply_markup: keep }));
}
