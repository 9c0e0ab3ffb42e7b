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
import type { OrgView } from '../../org/org-store.ts';
import type { Membership } from '../../store/org-records.ts';

export const myData = new Composer<BotContext>();
export const myDataButtons = new Buttons();

/** Every organisation of the user's, read (a member of several leaves each: their name is in each). */
async function everyOrg(ctx: BotContext, m: Membership): Promise<[string, OrgView][]> {
  const ids = Object.keys(m.orgs);
  return Promise.all(ids.map(async (id): Promise<[string, OrgView]> => [id, await ctx.deps.orgs.load(id)]));
}

myData.command(['hapus_data_saya', 'delete_my_data'], async (ctx) => {
  const m = ctx.uow.membership;
  if (m && (await everyOrg(ctx, m)).some(([, view]) => isLastAdmin(view, ctx.uow.userId))) {
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
  let cases = ctx.uow.allCases().length;
  if (m) {
    // as leaving each organisation (membership, sets, the member entry with the name), and reminders
    // stop; the cases stay with their organisation: its admin finds them under the former member's id
    const views = await everyOrg(ctx, m);
    const caseOrgs = Object.values(await ctx.deps.store.redis.hgetall(ctx.deps.store.keys.caseOrgs(userId)));
    const changes = views.map(([orgId, view]) => {
      const supervisors = orgId === m.orgId ? m.supervisors : view.members[userId]?.supervisors ?? [];
      return [orgId, deleteOwnMembership(view, { userId, supervisors, cases: caseOrgs.filter((o) => o === orgId).length }, nowIso(ctx))] as const;
    });
    if (changes.some(([, change]) => 'refused' in change)) {
      await ctx.reply(ctx.t('my-data-last-admin'));
      return;
    }
    for (const [orgId, change] of changes) if (!('refused' in change)) applyChange(ctx, orgId, change);
    cases = caseOrgs.filter((o) => o in m.orgs).length;
    // in none now: where they worked goes too (their language is kept below)
    ctx.uow.alsoWrite((p) => ctx.deps.orgs.workNowhere(p, userId));
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
