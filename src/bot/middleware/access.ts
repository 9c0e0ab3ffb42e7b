// Who may use the bot. Until organisations and invitations exist: the ids in ADMIN_IDS. Everyone
// else gets a polite refusal that shows their Telegram id, so an administrator can add them.
// Only private chats: notes are about vulnerable people and never belong in a group.
import type { I18n } from '@grammyjs/i18n';
import type { MiddlewareFn } from 'grammy';
import type { BotContext } from '../context.ts';

export function accessControl(i18n: I18n<BotContext>): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const from = ctx.from;
    if (!from || from.is_bot) return;
    const locale = from.language_code?.startsWith('en') ? 'en' : 'id';
    if (ctx.chat && ctx.chat.type !== 'private') {
      if (ctx.message) await ctx.reply(i18n.t(locale, 'private-only'));
      return;
    }
    if (!ctx.deps.adminIds.has(from.id)) {
      ctx.log.info('refused: not a member');
      const text = i18n.t(locale, 'not-allowed', { id: String(from.id) });
      if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text, show_alert: true });
      else if (ctx.message) await ctx.reply(text);
      return;
    }
    await next();
  };
}
