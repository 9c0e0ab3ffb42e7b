// sequence() runs middleware as bot.use() of each would.
import { Composer, type Context, type MiddlewareFn } from 'grammy';
import { describe, expect, it } from 'vitest';
import { sequence } from '../../../src/bot/middleware/sequence.ts';

const ctx = {} as Context;
const run = (mw: MiddlewareFn<Context>) => new Composer<Context>(mw).middleware()(ctx, async () => undefined);

describe('sequence', () => {
  it('runs in order, around the rest, and then what follows it', async () => {
    const seen: string[] = [];
    const step = (name: string): MiddlewareFn<Context> => async (_c, next) => {
      seen.push(`${name}>`);
      await next();
      seen.push(`<${name}`);
    };
    await sequence(step('a'), step('b'))(ctx, async () => {
      seen.push('rest');
    });
    expect(seen).toEqual(['a>', 'b>', 'rest', '<b', '<a']);
  });

  it('stops where a step does not call next', async () => {
    const seen: string[] = [];
    await sequence<Context>((_c, _next) => void seen.push('a'), () => void seen.push('never'))(ctx, async () => void seen.push('rest'));
    expect(seen).toEqual(['a']);
  });

  it('refuses a second next, and passes errors up, as grammY does', async () => {
    await expect(run(sequence<Context>(async (_c, next) => {
      await next();
      await next();
    }))).rejects.toThrow('`next` already called before!');
    await expect(run(sequence<Context>(() => {
      throw new Error('boom');
    }))).rejects.toThrow('boom');
  });
});
