// Gives every update its dependencies and a logger that names the update (never its contents).
import type { MiddlewareFn } from 'grammy';
import type { BotContext, BotDeps } from '../context.ts';

export function provideDeps(deps: BotDeps): MiddlewareFn<BotContext> {
  return (ctx, next) => {
    ctx.deps = deps;
    ctx.log = deps.logger.child({ updateId: ctx.update.update_id, userId: ctx.from?.id });
    return next();
  };
}
