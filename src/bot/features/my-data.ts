// /hapus_data_saya: a member deletes their own data — their settings and session (language,
// reminder settings, a draft), their membership and their entry in the organisation's member list
// (their name). Their cases are the organisation's records: they stay, and an admin moves them to
// another worker or deletes them (member list → 👋 former member → 📂 cases). The audit keeps that
// it happened (by id).
//
// Reads: the command and the confirmation read the organisation once more (the membership names it
// only after the workspace read), as /lembaga does.
import { Composer, InlineKeyboard } from 'grammy';
import { deleteOwnMembership, isLastAdmin } from '../../org/membership-rules.ts';
import { encode } from '../../telegram/callback-data.ts';
import type { BotContext } from '../context.ts';
import { Buttons } from '../buttons.ts';
import { ack } from '../actions.ts';
import { nowIso } from '../time.ts';
import { telegramLang } from '../lang.ts';
import { applyChange } from './organisation/common.ts';
import { dropButtons } from '../edits.ts';

export const myData = new Composer<BotContext>();
export const myDataButtons = new Buttons();

myData.command(['hapus_data_saya', 'delete_my_data'], async (ctx) => {
  const m = ctx.uow.membership;
  if (m && isLastAdmin(await ctx.deps.orgs.load(m.orgId), ctx.uow.userId)) {
    await ctx.reply(ctx.t('my-data-last-admin'));
    return;
  }
  const kb = new InlineKeyboard()
    .text(ctx.t('btn-my-data-yes'), encode({ kind: 'my-data', confirm: true }))
    .text(ctx.t('btn-cancel'), encode({ kind: 'menu', item: 'home' }));
  await ctx.reply(ctx.t(m ? 'my-data-confirm' : 'my-data-confirm-no-org', { cases: ctx.uow.allCases().length }), { reply_markup: kb });
});

myDataButtons.on('my-data', async (ctx, a) => {
  if (!a.confirm) return;
  ack(ctx);
  await dropButtons(ctx);
  const m = ctx.uow.membership;
  const userId = ctx.uow.userId;
  const cases = ctx.uow.allCases().length;
  if (m) {
    // as leaving (membership, sets, the member entry with the name), and reminders stop; the cases
    // stay with the organisation: the admin finds them under the former member's id
    const change = deleteOwnMembership(await ctx.deps.orgs.load(m.orgId), { userId, supervisors: m.supervisors, cases }, nowIso(ctx));
    if ('refused' in change) {
      await ctx.reply(ctx.t('my-data-last-admin'));
      return;
    }
    applyChange(ctx, m.orgId, change);
  }
  // the session (language, reminder settings, a draft, what the bot waited for): deleted with this
  // update's write; its revision and replay guard stay (ids and counters only)
  await ctx.reply(ctx.t(m && cases > 0 ? 'my-data-deleted-cases' : 'my-data-deleted', { cases }));
  ctx.log.info({ cases }, 'member deleted their own data');
  // (emptied rather than set to null: later middleware still reads the language from it)
  ctx.session = {};
  // the language is not remembered again in the membership just removed (lang.ts)
  if (m) m.lang = telegramLang(ctx);
});
