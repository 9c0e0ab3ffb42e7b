// ctx.t for the update, in the user's language: what @grammyjs/i18n's middleware gives (ctx.t,
// ctx.translate, ctx.i18n), without its per-update setup (five closures, three awaits and a copy of
// the variables on every t()). Translations still come from the plugin's Fluent instance.
import type { I18n } from '@grammyjs/i18n';
import type { MiddlewareFn } from 'grammy';
import type { BotContext } from '../context.ts';
import { lang } from '../lang.ts';

/** Above this many remembered texts the memo starts over (numbers only: a few hundred in practice). */
const MEMO_MAX = 4_096;

/**
 * The memo's key for a message whose variables are numbers only (or none): the text is then the
 * same every time (progress, buttons, acks), and formatting it again is a Fluent walk and an
 * Intl.NumberFormat call. Texts with a string variable (a client's label, an answer) are never
 * remembered: client data is not kept beyond its update.
 */
function memoKey(locale: string, key: string, vars: Record<string, unknown> | undefined): string | undefined {
  let k = `${locale}\u0000${key}`;
  if (vars) {
    for (const name in vars) {
      const v = vars[name];
      if (typeof v !== 'number') return undefined;
      k += `\u0000${name}=${v}`;
    }
  }
  return k;
}

/** ctx.i18n of one update: the plugin's methods, on a prototype (one object per update, not five). */
class UpdateLocale {
  readonly fluent: I18n<BotContext>['fluent'];
  private readonly ctx: BotContext;
  locale: string;

  constructor(fluent: I18n<BotContext>['fluent'], ctx: BotContext) {
    this.fluent = fluent;
    this.ctx = ctx;
    this.locale = lang(ctx);
  }

  async renegotiateLocale(): Promise<void> {
    this.locale = lang(this.ctx);
  }

  useLocale(l: string): void {
    this.locale = l;
  }

  async getLocale(): Promise<string> {
    return lang(this.ctx);
  }

  async setLocale(): Promise<void> {
    // as the plugin without `useSession` (src/bot/create-bot.ts): the language is kept by /bahasa
    throw new Error('ctx.i18n.setLocale() needs useSession; the language is kept in the session by /bahasa');
  }
}

export function translations(i18n: I18n<BotContext>): MiddlewareFn<BotContext> {
  const fluent = i18n.fluent;
  const memo = new Map<string, string>();
  const translate = (locale: string, key: string, vars: Record<string, unknown> | undefined): string => {
    const k = memoKey(locale, key, vars);
    if (k === undefined) return fluent.translate(locale, key, vars as never);
    let text = memo.get(k);
    if (text === undefined) {
      if (memo.size >= MEMO_MAX) memo.clear();
      memo.set(k, (text = fluent.translate(locale, key, vars as never)));
    }
    return text;
  };
  return (ctx, next) => {
    const state = new UpdateLocale(fluent, ctx);
    const t = (key: string, vars?: Record<string, unknown>) => translate(state.locale, key, vars);
    ctx.t = t as BotContext['t'];
    ctx.translate = ctx.t;
    Object.defineProperty(ctx, 'i18n', { writable: true, value: state });
    return next();
  };
}
