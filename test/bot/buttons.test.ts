// The button router: one lookup by the pressed button's kind (a menu button by its item) across
// every feature's table; a kind handled twice is refused when the bot is built, not found in use.
import { describe, expect, it } from 'vitest';
import { Buttons } from '../../src/bot/buttons.ts';
import type { BotContext } from '../../src/bot/context.ts';
import { decode, encode, type Action } from '../../src/telegram/callback-data.ts';

const press = (a: Action) => ({ action: decode(encode(a)), callbackQuery: { data: encode(a) }, answerCallbackQuery: async () => true }) as unknown as BotContext;

describe('Buttons', () => {
  it('routes a press to the handler of its kind, a menu press to its item, anything else on', async () => {
    const seen: string[] = [];
    const cases = new Buttons().on('case-card', async (_ctx, a) => void seen.push(`card ${a.caseId}`));
    const menu = new Buttons().menu('help', async () => void seen.push('help'));
    const router = Buttons.router(cases, menu);
    const next = async () => void seen.push('next');
    await router(press({ kind: 'case-card', caseId: 'abcd1234' }), next);
    await router(press({ kind: 'menu', item: 'help' }), next);
    await router(press({ kind: 'menu', item: 'home' }), next);
    await router(press({ kind: 'history', caseId: 'abcd1234', page: 0 }), next);
    await router({ action: undefined } as BotContext, next);
    expect(seen).toEqual(['card abcd1234', 'help', 'next', 'next', 'next']);
  });

  it('refuses a kind with two handlers, in one table or across two', () => {
    expect(() => new Buttons().on('case-card', async () => undefined).on('case-card', async () => undefined)).toThrow(/two handlers/);
    const a = new Buttons().on('history', async () => undefined);
    const b = new Buttons().on('history', async () => undefined);
    expect(() => Buttons.router(a, b)).toThrow(/two features/);
  });
});
