// Who may talk to the bot. Only private chats: notes are about vulnerable people and never belong in
// a group. Then: members of an organisation, and the ids in ADMIN_IDS (who create one); everyone
// else gets a polite refusal that shows their Telegram id, so an administrator can invite them.
import type { I18n } from '@grammyjs/i18n';
import type { MiddlewareFn } from 'grammy';
import { mayUseBot } from '../../org/access.ts';
import type { Membership } from '../../store/org-records.ts';
import type { BotContext } from '../context.ts';
import { inviteCode } from '../invite-link.ts';
import { telegramLang } from '../lang.ts';
import { decode } from '../../telegram/callback-data.ts';
import { WindowCounter } from '../window-counter.ts';

/** A stranger is answered this many times a minute (per bot process), then left unanswered until it passes. */
export const STRANGER_REPLIES = 3;
const strangerReplies = new WindowCounter(60_000);

/** Whether a non-member may be answered now: a flood of theirs is answered a few times, then ignored. */
export function strangerMayBeAnswered(ctx: BotContext): boolean {
  return strangerReplies.hit(ctx.uow.userId, ctx.deps.clock.now().getTime()) <= STRANGER_REPLIES;
}

/**
 * A stranger's button (forged, or left from before they were removed) is recorded in the security
 * log — never in the organisation's audit, which a stranger must not be able to fill — counted per
 * source and per organisation the button names (src/org/org-store.ts: strangerRefusal). Ids only.
 */
async function recordStrangerButton(ctx: BotContext): Promise<void> {
  const a = ctx.callbackQuery?.data ? decode(ctx.callbackQuery.data) : undefined;
  const orgId = a && (a.kind === 'org' || a.kind === 'leave' || a.kind === 'adm-case' || a.kind === 'del-req') ? a.orgId : undefined;
  try {
    await ctx.deps.orgs.strangerRefusal({
      at: ctx.deps.clock.now().toISOString(), by: ctx.uow.userId, action: 'refused', detail: { what: 'stranger-button', kind: a?.kind ?? 'unknown', ...(orgId ? { orgId } : {}) },
    });
  } catch (err) {
    ctx.log.error({ err }, 'could not record a refused button');
  }
}

// The middleware below are plain functions on the way through (no await: no promise of their own
// per update); only a refusal is async.

/** Before anything is read: private chats with people only. */
export function privateOnly(i18n: I18n<BotContext>): MiddlewareFn<BotContext> {
  return (ctx, next) => {
    const from = ctx.from;
    if (!from || from.is_bot) return;
    if (ctx.chat && ctx.chat.type !== 'private') return refuseGroup(ctx, i18n);
    return next();
  };
}

async function refuseGroup(ctx: BotContext, i18n: I18n<BotContext>): Promise<void> {
  if (ctx.message) await ctx.reply(i18n.t(telegramLang(ctx), 'private-only'));
}

/** After the workspace is read (it carries the membership): members, admins, and invitation links. */
export function membersOnly(i18n: I18n<BotContext>): MiddlewareFn<BotContext> {
  return (ctx, next) => {
    const userId = ctx.uow.userId;
    const m = ctx.uow.membership;
    if (m?.suspended) {
      // suspended where they work now: another organisation of theirs is still open to them, and
      // /lembaga (its list only) and 🔁 are how they get there
      if (elsewhere(m) && movesAway(ctx)) return next();
      return refuseSuspended(ctx, i18n);
    }
    if (mayUseBot(userId, ctx.uow.membership, ctx.deps.adminIds)) {
      ctx.uow.allowed = true;
      return next();
    }
    if (inviteCode(ctx.message?.text)) return next();
    return refuseStranger(ctx, i18n, userId);
  };
}

/** A member of another organisation they are not suspended in. */
function elsewhere(m: Membership): boolean {
  return Object.entries(m.orgs).some(([id, e]) => id !== m.orgId && !e.suspended);
}

/** /lembaga, or 🔁 to another organisation of theirs. */
function movesAway(ctx: BotContext): boolean {
  if (ctx.action) return ctx.action.kind === 'org-use';
  return /^\/(?:lembaga|organisation)(?:@\w+)?$/.test(ctx.message?.text?.trim() ?? '');
}

/** Suspended by an admin (a lost phone): nothing is read out or written; lifted by the admin. */
async function refuseSuspended(ctx: BotContext, i18n: I18n<BotContext>): Promise<void> {
  ctx.log.info('refused: suspended');
  const m = ctx.uow.membership;
  const text = i18n.t(m?.lang ?? telegramLang(ctx), 'suspended-refused', { orgs: m && elsewhere(m) ? 'several' : 'one' });
  if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text, show_alert: true }).catch(() => undefined);
  else if (ctx.message || ctx.editedMessage) await ctx.reply(text);
}

async function refuseStranger(ctx: BotContext, i18n: I18n<BotContext>, userId: number): Promise<void> {
  ctx.log.info('refused: not a member');
  if (ctx.callbackQuery) await recordStrangerButton(ctx);
  // only what can be answered counts against the allowance
  if (!(ctx.callbackQuery || ctx.message || ctx.editedMessage) || !strangerMayBeAnswered(ctx)) return;
  const text = i18n.t(telegramLang(ctx), 'not-allowed', { id: String(userId) });
  if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text, show_alert: true }).catch(() => undefined);
  else if (ctx.message || ctx.editedMessage) await ctx.reply(text);
}
