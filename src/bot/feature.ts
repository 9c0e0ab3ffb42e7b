// A feature's composer. grammY's filters (command, on, callbackQuery, hears…) go through `branch`,
// which grammY builds on `lazy`: every update that reaches a filter makes a new Composer and flattens
// it again. With every feature's handlers in a row, that was the largest single cost of an update
// in the profile (bench/results/profile.txt). Here a branch's two sides are flattened once, when the
// handler is registered — the same middleware, the same order, without the per-update allocation.
import { Composer, type Context, type Middleware, type MiddlewareFn } from 'grammy';

type MaybeArray<T> = T | T[];

/** The middleware as one function; a composer is read at call time, so handlers added later count. */
function once<C extends Context>(mw: MaybeArray<Middleware<C>>): MiddlewareFn<C> {
  if (Array.isArray(mw)) {
    const composer = new Feature<C>(...mw);
    return (ctx, next) => composer.middleware()(ctx, next);
  }
  return typeof mw === 'function' ? mw : (ctx, next) => mw.middleware()(ctx, next);
}

export class Feature<C extends Context> extends Composer<C> {
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
