// Gives every update its dependencies, a logger that names the update (never its contents) and
// texts in a given language (for messages to other users).
import type { MiddlewareFn } from 'grammy';
import type { Logger } from 'pino';
import type { BotContext, BotDeps } from '../context.ts';

/** `tIn`: a text in a given language (one function for every update). */
export function provideDeps(deps: BotDeps, tIn: BotContext['tIn']): MiddlewareFn<BotContext> {
  return (ctx, next) => {
    ctx.deps = deps;
    ctx.tIn = tIn;
    // Made on first use: a pino child per update was a few % of an update's CPU, and most updates
    // log nothing. Every line still carries updateId and userId (and the parent's redaction).
    let log: Logger | undefined;
    Object.defineProperty(ctx, 'log', {
      configurable: true,
      enumerable: true,
      get: () => (log ??= deps.logger.child({ updateId: ctx.update.update_id, userId: ctx.from?.id })),
      set: (value: Logger) => {
        log = value;
      },
    });
    return next();
  };
}
