// ctx.t as @grammyjs/i18n's own middleware gives it: the same texts, in the user's language,
// renegotiated after /bahasa changes it.
import { describe, expect, it } from 'vitest';
import { createI18n } from '../../../src/bot/create-bot.ts';
import { translations } from '../../../src/bot/middleware/i18n.ts';
import type { BotContext } from '../../../src/bot/context.ts';

const ctxOf = (session: { lang?: 'id' | 'en' }, languageCode?: string) => ({ session, from: { id: 1, language_code: languageCode } }) as unknown as BotContext;

async function both(session: { lang?: 'id' | 'en' }, languageCode: string | undefined, use: (ctx: BotContext) => string | Promise<string>): Promise<[string, string]> {
  const i18n = createI18n();
  const ours = ctxOf({ ...session }, languageCode);
  const plugin = ctxOf({ ...session }, languageCode);
  let a = '';
  let b = '';
  await translations(i18n)(ours, async () => {
    a = await use(ours);
  });
  await i18n.middleware()(plugin, async () => {
    b = await use(plugin);
  });
  return [a, b];
}

describe('translations', () => {
  it('gives the plugin\'s texts, with and without variables, in the negotiated language', async () => {
    for (const [session, code] of [[{}, undefined], [{}, 'en-GB'], [{ lang: 'id' as const }, 'en'], [{ lang: 'en' as const }, 'id']] as const) {
      const [a, b] = await both(session, code, (ctx) => [ctx.t('menu-title'), ctx.t('menu-unfinished', { what: 'x' }), ctx.translate('choose-language')].join('|'));
      expect(a).toBe(b);
    }
  });

  it('follows a language changed during the update once renegotiated', async () => {
    const [a, b] = await both({ lang: 'id' }, undefined, async (ctx) => {
      const before = ctx.t('menu-title');
      ctx.session.lang = 'en';
      await ctx.i18n.renegotiateLocale();
      return `${before}|${ctx.t('menu-title')}|${await ctx.i18n.getLocale()}`;
    });
    expect(a).toBe(b);
    expect(a.split('|')[0]).not.toBe(a.split('|')[1]);
  });
});
