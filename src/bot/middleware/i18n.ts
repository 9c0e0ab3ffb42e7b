// ctx.t for the update, in the user's language: what @grammyjs/i18n's middleware gives (ctx.t,
// ctx.translate, ctx.i18n), without its per-update setup (five closures, three awaits and a copy of
// the variables on every t()). Translations still come from the plugin's Fluent instance.
import type { I18n } from '@grammyjs/i18n';
import type { MiddlewareFn } from 'grammy';
import type { BotContext } from '../context.ts';
import { lang } from '../lang.ts';

export function translations(i18n: I18n<BotContext>): MiddlewareFn<BotContext> {
  const fluent = i18n.fluent;
  return (ctx, next) => {
    let locale: string = lang(ctx);
    const t = (key: string, vars?: Record<string, unknown>) => fluent.translate(locale, key, vars as never);
    ctx.t = t as BotContext['t'];
    ctx.translate = ctx.t;
    const negotiate = async () => {
      locale = lang(ctx);
    };
    Object.defineProperty(ctx, 'i18n', {
      writable: true,
      value: {
        fluent,
        renegotiateLocale: negotiate,
        useLocale: (l: string) => {
          locale = l;
        },
        getLocale: async () => lang(ctx),
        setLocale: async () => {
          // as the plugin without `useSession` (src/bot/create-bot.ts): the language is kept by /bahasa
          throw new Error('ctx.i18n.setLocale() needs useSession; the language is kept in the session by /bahasa');
        },
      },
    });
    return next();
  };
}
