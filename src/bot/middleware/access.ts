// Who may talk to the bot. Only private chats: notes are about vulnerable people and never belong in
// a group. Then: members of an organisation, and the ids in ADMIN_IDS (who create one); everyone
// else gets a polite refusal that shows their Telegram id, so an administrator can invite them.
import type { I18n } from '@grammyjs/i18n';
import type { MiddlewareFn } from 'grammy';
import { mayUseBot } from '../../org/access.ts';
import type { BotContext } from '../context.ts';
import { inviteCode } from './state.ts';
import { telegramLang } from '../lang.ts';

/** Before anything is read: private chats with people only. */
export function privateOnly(i18n: I18n<BotContext>): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const from = ctx.from;
    if (!from || from.is_bot) return;
    if (ctx.chat && ctx.chat.type !== 'private') {
      if (ctx.message) await ctx.reply(i18n.t(telegramLang(ctx), 'private-only'));
      return;
    }
    await next();
  };
}

/** After the workspace is read (it carries the membership): members, admins, and invitation links. */
export function membersOnly(i18n: I18n<BotContext>): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const userId = ctx.uow.userId;
    if (mayUseBot(userId, ctx.uow.membership, ctx.deps.adminIds)) {
      ctx.uow.allowed = true;
      return next();
    }
    if (inviteCode(ctx.message?.text)) return next();
    ctx.log.info('refused: not a member');
    const text = i18n.t(telegramLang(ctx), 'not-allowed', { id: String(userId) });
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text, show_alert: true }).catch(() => undefined);
    else if (ctx.message) await ctx.reply(text);
  };
}
