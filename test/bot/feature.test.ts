// A feature passes over, in one step, an update none of its handlers can react to — and otherwise
// runs exactly as grammY would run its handlers.
import { Api, Context } from 'grammy';
import type { Update, UserFromGetMe } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import { Feature } from '../../src/bot/feature.ts';
import { sequence } from '../../src/bot/middleware/sequence.ts';
import { encode } from '../../src/telegram/callback-data.ts';

const me = { id: 1, is_bot: true, first_name: 'Bot', username: 'bot' } as UserFromGetMe;
const chat = { id: 7, type: 'private' as const, first_name: 'W' };
const from = { id: 7, is_bot: false, first_name: 'W' };
const text = (t: string) => new Context({ update_id: 1, message: { message_id: 1, date: 0, chat, from, text: t, ...(t.startsWith('/') ? { entities: [{ type: 'bot_command', offset: 0, length: t.split(' ')[0]!.length }] } : {}) } } as Update, new Api('0:x'), me);
const press = (data: string) => new Context({ update_id: 2, callback_query: { id: 'q', from, chat_instance: 'c', data, message: { message_id: 3, date: 1, chat, text: 'x' } } } as Update, new Api('0:x'), me);

function features() {
  const seen: string[] = [];
  const commandsAndButtons = new Feature<Context>();
  commandsAndButtons.command('catat', () => void seen.push('catat'));
  commandsAndButtons.onButton('note-case', async () => void seen.push('note-case'));
  const anyText = new Feature<Context>();
  anyText.on('message:text', () => void seen.push('text'));
  const menu = new Feature<Context>();
  menu.onButton('menu:home', async () => void seen.push('home'));
  const whole = new Feature<Context>();
  whole.use(menu);
  return { seen, commandsAndButtons, anyText, menu, whole };
}

describe('a feature', () => {
  it('reacts only to what it handles: its commands, its buttons, or anything for a filter', () => {
    const f = features();
    const typed = text('Klien datang tepat waktu');
    expect([f.commandsAndButtons.reacts(typed), f.anyText.reacts(typed), f.menu.reacts(typed)]).toEqual([false, true, false]);
    const command = text('/catat');
    expect(f.commandsAndButtons.reacts(command)).toBe(true);
    const noteCase = press(encode({ kind: 'note-case', caseId: 'abc1234567' }));
    // a filter decides for itself: its feature is always entered
    expect([f.commandsAndButtons.reacts(noteCase), f.anyText.reacts(noteCase), f.menu.reacts(noteCase)]).toEqual([true, true, false]);
    const home = press(encode({ kind: 'menu', item: 'home' }));
    expect([f.commandsAndButtons.reacts(home), f.menu.reacts(home), f.whole.reacts(home)]).toEqual([false, true, true]);
    expect(f.whole.reacts(noteCase)).toBe(false);
    expect(f.commandsAndButtons.reacts(press('forged:data'))).toBe(false);
  });

  it('runs in order as before, passing over the features that cannot react', async () => {
    const f = features();
    const all = sequence(f.commandsAndButtons, f.anyText, f.whole);
    let rest = 0;
    for (const ctx of [text('halo'), text('/catat'), press(encode({ kind: 'note-case', caseId: 'abc1234567' })), press(encode({ kind: 'menu', item: 'home' })), press('forged')]) {
      await all(ctx, async () => void rest++);
    }
    expect(f.seen).toEqual(['text', 'catat', 'note-case', 'home']);
    // "halo" was taken by the text filter; the forged press reached what follows the features
    expect(rest).toBe(1);
  });

  it('counts the handlers it was made with', async () => {
    const seen: string[] = [];
    const made = new Feature<Context>((_ctx, next) => {
      seen.push('made');
      return next();
    });
    expect(made.reacts(text('halo'))).toBe(true);
    await made.middleware()(text('halo'), async () => undefined);
    expect(seen).toEqual(['made']);
  });

  it('runs a handler added after the bot was built', async () => {
    const f = features();
    const mw = f.menu.middleware();
    f.menu.onButton('menu:help', async () => void f.seen.push('help'));
    f.menu.on('message:text', () => void f.seen.push('late text'));
    await mw(press(encode({ kind: 'menu', item: 'help' })), async () => undefined);
    await mw(text('halo'), async () => undefined);
    expect(f.seen).toEqual(['help', 'late text']);
  });
});
