// The language a user is answered in: their /bahasa choice, else Telegram's, else Indonesian.
import type { BotContext, Lang } from './context.ts';

/** Telegram's language of the user alone (before, or without, their session). */
export function telegramLang(ctx: Pick<BotContext, 'from'>): Lang {
  return ctx.from?.language_code?.startsWith('en') ? 'en' : 'id';
}

export function lang(ctx: BotContext): Lang {
  return ctx.session.lang ?? telegramLang(ctx);
}

/**
 * Keeps a member's language where other users' updates and the workers can read it, so what is
 * sent to them (summaries, feedback, digests) is in their language. Written only when it changes.
 */
export async function rememberLanguage(ctx: BotContext, next: () => Promise<void>): Promise<void> {
  await next(); // after the features: /bahasa may have just changed it
  const m = ctx.uow.membership;
  const now = lang(ctx);
  if (m && m.lang !== now) {
    ctx.uow.alsoWrite((p) => ctx.deps.store.writeLanguage(p, ctx.uow.userId, now));
    // the dashboard's menu button speaks their language too (src/outbox/menu.ts)
    if (ctx.deps.dashboardUrl && m.role !== 'worker') ctx.uow.tell({ kind: 'commands', to: ctx.uow.userId });
    m.lang = now;
  }
}
