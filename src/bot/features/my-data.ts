// /hapus_data_saya: a member deletes their own data — their settings and session (language,
// reminder settings, a draft), their membership and their entry in the organisation's member list
// (their name). Their cases are the organisation's records: they stay, and an admin moves them to
// another worker or deletes them (member list → 👋 former member → 📂 cases). The audit keeps that
// it happened (by id).
//
// Reads: the command and the confirmation read the organisation once more (the membership names it
// only after the workspace read), as /lembaga does.
import { Composer, InlineKeyboard } from 'grammy';
import type { OrgView } from '../../org/org-store.ts';
import { encode } from '../../telegram/callback-data.ts';
import type { BotContext } from '../context.ts';
import { ack, onAction } from '../actions.ts';
import { nowIso } from '../time.ts';
import { telegramLang } from '../lang.ts';
import { audit } from './org-common.ts';
import { revokeLinksOf } from './org-members.ts';
import { dropButtons } from '../edits.ts';

export const myData = new Composer<BotContext>();

function lastAdmin(ctx: BotContext, view: OrgView): boolean {
  const me = view.members[ctx.uow.userId];
  return me?.role === 'admin' && Object.values(view.members).filter((x) => x.role === 'admin').length === 1;
}

myData.command(['hapus_data_saya', 'delete_my_data'], async (ctx) => {
  const m = ctx.uow.membership;
  if (m && lastAdmin(ctx, await ctx.deps.orgs.load(m.orgId))) {
    await ctx.reply(ctx.t('my-data-last-admin'));
    return;
  }
  const kb = new InlineKeyboard()
    .text(ctx.t('btn-my-data-yes'), encode({ kind: 'my-data', confirm: true }))
    .text(ctx.t('btn-cancel'), encode({ kind: 'menu', item: 'home' }));
  await ctx.reply(ctx.t(m ? 'my-data-confirm' : 'my-data-confirm-no-org', { cases: Object.keys(ctx.uow.cases).length }), { reply_markup: kb });
});

onAction(myData, 'my-data', async (ctx, a) => {
  if (!a.confirm) return;
  await ack(ctx);
  await dropButtons(ctx);
  const m = ctx.uow.membership;
  const userId = ctx.uow.userId;
  const cases = Object.keys(ctx.uow.cases).length;
  if (m) {
    const view = await ctx.deps.orgs.load(m.orgId);
    if (lastAdmin(ctx, view)) {
      await ctx.reply(ctx.t('my-data-last-admin'));
      return;
    }
    const workers = Object.values(view.members).filter((w) => w.supervisors.includes(userId));
    ctx.uow.alsoWrite((p) => {
      // as leaving (membership, sets, the member entry with the name), and reminders stop
      ctx.deps.orgs.removeMember(p, m.orgId, userId, m.supervisors, workers.map((w) => w.userId));
      for (const w of workers) ctx.deps.orgs.putMember(p, m.orgId, { ...w, supervisors: w.supervisors.filter((s) => s !== userId) });
      revokeLinksOf(p, ctx, m.orgId, view, userId);
      // the cases stay with the organisation: the admin finds them under the former member's id
      if (cases > 0) ctx.deps.orgs.putDeparted(p, m.orgId, { userId, at: nowIso(ctx), cases });
    });
    audit(ctx, m.orgId, 'own-data-deleted', { user: String(userId), cases: String(cases) });
    for (const s of m.supervisors) ctx.uow.syncUsers.add(s);
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
