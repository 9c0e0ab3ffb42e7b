// An unfinished activity is never dropped silently: starting something new asks first, and
// /lanjut shows where the user was.
import { alertWithdrawn } from '../activity/risk-alert.ts';
import { Composer, InlineKeyboard } from 'grammy';
import { encode } from '../../telegram/callback-data.ts';
import type { BotContext } from '../context.ts';
import { Buttons } from '../buttons.ts';
import { describeActivity, showAgain } from '../activity/runner.ts';
import { ack } from '../actions.ts';
import { dropButtons } from '../edits.ts';

/** true when nothing is in progress; otherwise offers to continue or discard, and returns false. */
export async function noActivityInProgress(ctx: BotContext): Promise<boolean> {
  const act = ctx.session.activity;
  if (!act) return true;
  const kb = new InlineKeyboard()
    .text(ctx.t('btn-resume'), encode({ kind: 'draft', choice: 'resume', token: act.token }))
    .text(ctx.t('btn-discard'), encode({ kind: 'draft', choice: 'discard', token: act.token }));
  if (ctx.callbackQuery) ack(ctx);
  await ctx.reply(ctx.t('unfinished', { what: describeActivity(ctx, act) }), { reply_markup: kb });
  return false;
}

export const drafts = new Composer<BotContext>();
export const draftsButtons = new Buttons();

drafts.command('lanjut', async (ctx) => {
  if (!(await showAgain(ctx))) await ctx.reply(ctx.t('no-activity'));
});

draftsButtons.on('draft', async (ctx, a) => {
  // the buttons name the draft they were shown for: an old one never discards a newer draft
  if (ctx.session.activity?.token !== a.token) {
    ack(ctx, ctx.t('stale-button'));
    return;
  }
  ack(ctx);
  await dropButtons(ctx);
  if (a.choice === 'resume') {
    if (!(await showAgain(ctx))) await ctx.reply(ctx.t('no-activity'));
    return;
  }
  // a discarded draft whose risk alert went out: the supervisors hear the note will not come
  const withdrawn = alertWithdrawn(ctx, ctx.session.activity);
  ctx.session.activity = undefined;
  await ctx.reply(ctx.t('draft-discarded'));
  for (const text of withdrawn) await ctx.reply(text);
});
