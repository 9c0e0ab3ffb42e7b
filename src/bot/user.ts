// Who sent the update. The middleware before every feature drops updates without a sender, so the
// unit of work always names the user; their first name is what colleagues see.
import type { BotContext } from './context.ts';

export function firstName(ctx: BotContext): string {
  return ctx.from?.first_name ?? String(ctx.uow.userId);
}
