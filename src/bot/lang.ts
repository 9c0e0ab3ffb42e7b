// The language a user is answered in: their /bahasa choice, else Telegram's, else Indonesian.
import type { BotContext, Lang } from './context.ts';

export function lang(ctx: BotContext): Lang {
  return ctx.session.lang ?? (ctx.from?.language_code?.startsWith('en') ? 'en' : 'id');
}
