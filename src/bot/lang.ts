// The language a user is answered in: their /bahasa choice, else Telegram's, else Indonesian.
import type { BotContext, Lang } from './context.ts';

/** Telegram's language of the user alone (before, or without, their session). */
export function telegramLang(ctx: Pick<BotContext, 'from'>): Lang {
  return ctx.from?.language_code?.startsWith('en') ? 'en' : 'id';
}

export function lang(ctx: BotContext): Lang {
  return ctx.session.lang ?? telegramLang(ctx);
}
