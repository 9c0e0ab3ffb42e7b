// Runs a screen plan (screen-plan.ts) against Telegram and says what the screen is afterwards.
import type { BotContext } from '../context.ts';
import type { ActivityScreen } from '../../store/session.ts';
import type { OutMessage } from '../render/form.ts';
import { ack } from '../actions.ts';
import { tryEdit } from '../edits.ts';
import type { BecomesPrompt, ScreenOp } from './screen-plan.ts';

export async function send(ctx: BotContext, m: OutMessage): Promise<number> {
  const sent = await ctx.reply(m.text, { parse_mode: 'HTML', ...(m.keyboard ? { reply_markup: m.keyboard } : {}) });
  return sent.message_id;
}

/** Runs the ops in order; returns the screen they leave (which message has the buttons now). */
export async function runScreenOps(ctx: BotContext, ops: ScreenOp[], screen: ActivityScreen): Promise<ActivityScreen> {
  let now = screen;
  const shown = (id: number, prompt: BecomesPrompt | undefined): void => {
    if (prompt) now = { ...(prompt.echoed ? { echoed: prompt.echoed } : {}), prompt: id, ...(now.bare !== undefined ? { bare: now.bare } : {}) };
  };
  const chatId = ctx.chat!.id;
  for (const op of ops) {
    switch (op.op) {
      case 'send':
        shown(await send(ctx, op.message), op.prompt);
        break;
      case 'edit':
        if (await tryEdit(ctx, () => ctx.api.editMessageText(chatId, op.messageId, op.message.text, { parse_mode: 'HTML', ...(op.message.keyboard ? { reply_markup: op.message.keyboard } : {}) }))) {
          shown(op.messageId, op.prompt);
        } else {
          now = await runScreenOps(ctx, op.otherwise, now);
        }
        break;
      case 'strip':
        await tryEdit(ctx, () => ctx.api.editMessageReplyMarkup(chatId, op.messageId, { reply_markup: undefined }));
        now = { ...now, bare: op.messageId };
        break;
      case 'settle':
        await tryEdit(ctx, () => ctx.api.editMessageText(chatId, op.messageId, op.text, { parse_mode: 'HTML' }));
        now = { ...now, bare: op.messageId };
        break;
      case 'reply':
        await ctx.reply(op.text, op.html ? { parse_mode: 'HTML' } : {});
        break;
      case 'alert':
        ack(ctx, op.text);
        break;
    }
  }
  return now;
}
