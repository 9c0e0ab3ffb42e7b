// What is left: unknown commands, chat with nothing in progress, edited messages, unknown buttons.
import { Composer } from 'grammy';
import type { BotContext } from '../context.ts';
import { notifyStale } from '../activity/runner.ts';
import { menuKeyboard } from './menu.ts';

export const fallback = new Composer<BotContext>();

fallback.on('message:text', async (ctx) => {
  if (ctx.message.text.startsWith('/')) {
    await ctx.reply(ctx.t('unknown-command'));
    return;
  }
  await ctx.reply(ctx.t('idle-text'), { reply_markup: menuKeyboard(ctx) });
});

fallback.on('message', async (ctx) => {
  await ctx.reply(ctx.t('idle-text'), { reply_markup: menuKeyboard(ctx) });
});

fallback.on('edited_message', async (ctx) => {
  await ctx.reply(ctx.t('edited-ignored'));
});

fallback.on('callback_query', (ctx) => notifyStale(ctx));
