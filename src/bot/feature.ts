// A feature's composer. grammY's filters (command, on, callbackQuery, hears…) go through `branch`,
// which grammY builds on `lazy`: every update that reaches a filter makes a new Composer and flattens
// it again. With every feature's handlers in a row, that was the largest single cost of an update
// in the profile (bench/results/profile.txt). Here a branch's two sides are flattened once, when the
// handler is registered — the same middleware, the same order, without the per-update allocation.
// A feature's commands sit behind one test, so an update that is no command passes them in one step.
import { Composer, type CommandContext, type CommandMiddleware, type Context, type Middleware, type MiddlewareFn } from 'grammy';

type MaybeArray<T> = T | T[];

/** The middleware as one function; a composer is read at call time, so handlers added later count. */
function once<C extends Context>(mw: MaybeArray<Middleware<C>>): MiddlewareFn<C> {
  if (Array.isArray(mw)) {
    const composer = new Feature<C>(...mw);
    return (ctx, next) => composer.middleware()(ctx, next);
  }
  return typeof mw === 'function' ? mw : (ctx, next) => mw.middleware()(ctx, next);
}

/** A message that may be a command: the only kind a command handler can match. */
function mayBeCommand(ctx: Context): boolean {
  const text = ctx.msg?.text ?? ctx.msg?.caption;
  return text !== undefined && text.startsWith('/');
}

export class Feature<C extends Context> extends Composer<C> {
  /** this feature's commands, behind one test: most updates (answers, presses) are not commands */
  private commands: Composer<C> | undefined;

  override command(command: Parameters<Composer<C>['command']>[0], ...middleware: Array<CommandMiddleware<C>>): Composer<CommandContext<C>> {
    if (!this.commands) {
      const inner = new Feature<C>();
      this.commands = inner;
      this.use((ctx, next) => (mayBeCommand(ctx) ? inner.middleware()(ctx, next) : next()));
    }
    // grammY's own matching (aliases, "@bot" suffixes, ctx.match), on the inner composer
    return Composer.prototype.command.call(this.commands, command, ...middleware) as Composer<CommandContext<C>>;
  }

  override branch(
    predicate: (ctx: C) => boolean | Promise<boolean>,
    trueMiddleware: MaybeArray<Middleware<C>>,
    falseMiddleware: MaybeArray<Middleware<C>>,
  ): Composer<C> {
    const yes = once(trueMiddleware);
    const no = once(falseMiddleware);
    return this.use(async (ctx, next) => ((await predicate(ctx)) ? yes(ctx, next) : no(ctx, next)));
  }
}
