// Middleware run one after another, as a `bot.use()` of each would run them (each decides whether
// the rest runs by calling `next`, at most once; an error, thrown or rejected, rejects the whole),
// as one layer of grammY's composer. Each `bot.use()` adds two async functions and a wrapper to
// every update's path: in a heap profile that was the largest allocation of an update (~27 KB).
// A step that says what it can react to (a Feature, src/bot/feature.ts) and cannot react to this
// update is stepped over here, without a call and a `next` of its own.
import type { Composer, Context, MiddlewareFn } from 'grammy';

/** A composer that knows whether it can react to an update, and gives its handlers ungated. */
interface Gated<C extends Context> {
  reacts(ctx: C): boolean;
  handlers(): MiddlewareFn<C>;
}

function isGated<C extends Context>(s: MiddlewareFn<C> | Composer<C>): s is Composer<C> & Gated<C> {
  return typeof s !== 'function' && typeof (s as Partial<Gated<C>>).reacts === 'function' && typeof (s as Partial<Gated<C>>).handlers === 'function';
}

export function sequence<C extends Context>(...steps: (MiddlewareFn<C> | Composer<C>)[]): MiddlewareFn<C> {
  // a composer is read when it runs (as grammY's flatten does), so handlers added later count
  const fns = steps.map((s): MiddlewareFn<C> => (typeof s === 'function' ? s : isGated(s) ? (ctx, next) => s.handlers()(ctx, next) : (ctx, next) => s.middleware()(ctx, next)));
  const gates = steps.map((s) => (isGated(s) ? s : undefined));
  const n = fns.length;
  return (ctx, next) => {
    const run = (from: number): Promise<unknown> => {
      let i = from;
      for (let g = gates[i]; g !== undefined && !g.reacts(ctx); g = gates[++i]);
      if (i === n) return next();
      let called = false;
      try {
        return Promise.resolve(
          fns[i]!(ctx, () => {
            if (called) return Promise.reject(new Error('`next` already called before!'));
            called = true;
            return run(i + 1) as Promise<void>;
          }),
        );
      } catch (err) {
        return Promise.reject(err);
      }
    };
    return run(0);
  };
}
