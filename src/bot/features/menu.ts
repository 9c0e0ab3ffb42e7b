// /start, the main menu, /bantuan (help) and /bahasa (language).
import { Composer, InlineKeyboard } from 'grammy';
import { encode } from '../../telegram/callback-data.ts';
import type { BotContext } from '../context.ts';
import { Buttons } from '../buttons.ts';
import { describeActivity } from '../activity/runner.ts';
import { ack } from '../actions.ts';
import { join } from './organisation/index.ts';
import { editOrSend } from '../edits.ts';

export function menuKeyboard(ctx: BotContext): InlineKeyboard {
  return new InlineKeyboard()
    .text(ctx.t('btn-new-case'), encode({ kind: 'menu', item: 'new' }))
    .text(ctx.t('btn-note'), encode({ kind: 'menu', item: 'note' }))
    .row()
    .text(ctx.t('btn-cases'), encode({ kind: 'menu', item: 'cases' }))
    .text(ctx.t('btn-history'), encode({ kind: 'menu', item: 'history' }))
    .row()
    .text(ctx.t('btn-help'), encode({ kind: 'menu', item: 'help' }));
}

async function showMenu(ctx: BotContext, greeting: boolean): Promise<void> {
  const name = ctx.from?.first_name ?? '';
  const lines = [greeting ? ctx.t('welcome', { name }) : ctx.t('menu-title')];
  const act = ctx.session.activity;
  if (act) lines.push('', ctx.t('menu-unfinished', { what: describeActivity(ctx, act) }));
  await ctx.reply(lines.join('\n'), { reply_markup: menuKeyboard(ctx) });
}

async function showHelp(ctx: BotContext): Promise<void> {
  await ctx.reply(ctx.t('help'), { parse_mode: 'HTML' });
}

export const menu = new Composer<BotContext>();
export const menuButtons = new Buttons();

menu.command('start', async (ctx) => {
  const joined = await join(ctx); // an invitation link
  if (joined === 'joined') await showMenu(ctx, false);
  else if (joined === 'not-an-invitation') await showMenu(ctx, true);
});
menu.command('menu', (ctx) => showMenu(ctx, false));
menu.command(['bantuan', 'help'], showHelp);
menu.command(['bahasa', 'language'], async (ctx) => {
  const kb = new InlineKeyboard().text('🇮🇩 Bahasa Indonesia', encode({ kind: 'lang', lang: 'id' })).text('🇬🇧 English', encode({ kind: 'lang', lang: 'en' }));
  await ctx.reply(ctx.t('choose-language'), { reply_markup: kb });
});

menuButtons.on('lang', async (ctx, a) => {
  ctx.session.lang = a.lang;
  await ctx.i18n.renegotiateLocale();
  ack(ctx);
  await editOrSend(ctx, ctx.t('language-set'));
  await showMenu(ctx, false);
});

menuButtons.menu('home', (ctx) => showMenu(ctx, false));
menuButtons.menu('help', showHelp);
