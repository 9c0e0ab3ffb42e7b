// ctx.session as grammY's strict session() gave it, on the update's unit of work: read before the
// handlers, written back after them when read or assigned, null deletes, a failed update writes nothing.
import { describe, expect, it } from 'vitest';
import { sessionMiddleware } from '../../../src/bot/middleware/state.ts';
import type { BotContext, SessionData } from '../../../src/bot/context.ts';

function fake(session: SessionData | undefined) {
  const commits: (SessionData | null | undefined)[] = [];
  let loads = 0;
  const uow = {
    userId: 5,
    load: async () => {
      loads++;
      return { session };
    },
    commit: async (s: SessionData | null | undefined) => void commits.push(s),
  };
  const ctx = { from: { id: 5 }, uow } as unknown as BotContext;
  return { ctx, commits, loads: () => loads };
}

const run = (ctx: BotContext, handler: () => Promise<void> | void) => sessionMiddleware(ctx, async () => handler());

describe('sessionMiddleware', () => {
  it('reads before the handlers and writes nothing back when they never looked', async () => {
    const f = fake({ lang: 'en' });
    await run(f.ctx, () => undefined);
    expect(f.loads()).toBe(1);
    expect(f.commits).toEqual([]);
  });

  it('writes back what was read (changed in place) or assigned', async () => {
    const f = fake({ lang: 'en' });
    await run(f.ctx, () => {
      f.ctx.session.lang = 'id';
    });
    expect(f.commits).toEqual([{ lang: 'id' }]);
    const g = fake({ lang: 'en' });
    await run(g.ctx, () => {
      g.ctx.session = {};
    });
    expect(g.commits).toEqual([{}]);
  });

  it('gives {} to a user without a session, and writes it (the unit of work skips an unchanged one)', async () => {
    const f = fake(undefined);
    let seen: unknown;
    await run(f.ctx, () => {
      seen = f.ctx.session;
    });
    expect(seen).toEqual({});
    expect(f.commits).toEqual([{}]);
  });

  it('deletes on null or undefined', async () => {
    for (const v of [null, undefined]) {
      const f = fake({ lang: 'en' });
      await run(f.ctx, () => {
        (f.ctx as { session: unknown }).session = v;
      });
      expect(f.commits).toEqual([null]);
    }
  });

  it('writes nothing when a handler throws', async () => {
    const f = fake({ lang: 'en' });
    await expect(run(f.ctx, () => {
      f.ctx.session.lang = 'id';
      throw new Error('boom');
    })).rejects.toThrow('boom');
    expect(f.commits).toEqual([]);
  });
});
