// Gives every update its dependencies, a logger that names the update (never its contents) and
// texts in a given language (for messages to other users).
import type { MiddlewareFn } from 'grammy';
import type { BotContext, BotDeps } from '../context.ts';

/** `tIn`: a text in a given language (one function for every update). */
export function provideDeps(deps: BotDeps, tIn: BotContext['tIn']): MiddlewareFn<BotContext> {
  return (ctx, next) => {
    ctx.deps = deps;
    ctx.tIn = tIn;
    // every line of this update carries its ids (and the parent's redaction), never its contents
    ctx.log = deps.logger.child({ updateId: ctx.update.update_id, userId: ctx.from?.id });
    return next();
  };
}
