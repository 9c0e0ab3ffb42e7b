// Middleware run one after another, as a `bot.use()` of each would run them (each decides whether
// the rest runs by calling `next`, at most once), as one layer of grammY's composer: every
// `bot.use()` adds two async functions and a wrapper to every update's path.
import type { Context, MiddlewareFn } from 'grammy';

export function sequence<C extends Context>(...steps: MiddlewareFn<C>[]): MiddlewareFn<C> {
  const n = steps.length;
  return (ctx, next) => {
    const run = async (i: number): Promise<void> => {
      if (i === n) return next();
      let called = false;
      await steps[i]!(ctx, () => {
        if (called) throw new Error('`next` already called before!');
        called = true;
        return run(i + 1);
      });
    };
    return run(0);
  };
}
