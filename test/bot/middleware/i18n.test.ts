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

  it('remembers texts with number variables per language and variables, never one with a string variable', async () => {
    const i18n = createI18n();
    const calls: string[] = [];
    const translate = i18n.fluent.translate.bind(i18n.fluent);
    i18n.fluent.translate = ((locale: string, key: string, vars?: Record<string, unknown>) => {
      calls.push(`${locale}:${key}`);
      return translate(locale, key, vars as never);
    }) as typeof i18n.fluent.translate;
    const mw = translations(i18n);
    const texts: string[] = [];
    for (const [lang, client] of [['id', 'Si (42)'], ['id', 'Bu (31)'], ['en', 'Si (42)'], ['id', 'Si (42)']] as const) {
      const ctx = ctxOf({ lang });
      await mw(ctx, async () => {
        texts.push(ctx.t('question-position', { index: 2, total: 10 }), ctx.t('question-position', { index: 3, total: 10 }));
        texts.push(ctx.t('note-header', { client, index: 1, count: 8, stage: 'x' }));
      });
    }
    expect(texts.slice(0, 3)).toEqual(['Pertanyaan 2 dari 10', 'Pertanyaan 3 dari 10', 'Si (42) · Tahap 1/8 x']);
    expect(texts[5]).toBe('Bu (31) · Tahap 1/8 x');
    expect(texts[6]).toMatch(/^Question 2 of 10/);
    expect(texts.slice(9)).toEqual(texts.slice(0, 3));
    // each numbers-only text formatted once per language and numbers; the header with a client every time
    expect(calls.filter((c) => c === 'id:question-position')).toHaveLength(2);
    expect(calls.filter((c) => c === 'en:question-position')).toHaveLength(2);
    expect(calls.filter((c) => c.endsWith(':note-header'))).toHaveLength(4);
  });
});
