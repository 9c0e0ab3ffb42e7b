// ctx.session on the update's unit of work (src/bot/middleware/unit-of-work.ts), and the replay
// guard: an update already applied (delivered again after a crash) is dropped.
import type { MiddlewareFn } from 'grammy';
import type { BotContext, SessionData } from '../context.ts';

/**
 * `ctx.session` as grammY's (strict) `session()` gives it, kept in the update's unit of work: read
 * before the handlers (with the rest of the workspace, in its one round trip), `{}` for a user
 * without one; after them written back if it was read or assigned (the unit of work writes only a
 * change); `null` or `undefined` deletes it; nothing is written when a handler throws. grammY's own
 * plugin keeps a session in a storage of its own, one key a read; this one is a field of the user's
 * workspace, read and written with their cases in one round trip each.
 */
export const sessionMiddleware: MiddlewareFn<BotContext> = async (ctx, next) => {
  // an update with no sender has no session (privateOnly drops those before they get here)
  if (!ctx.from) return next();
  const uow = ctx.uow;
  const read = (await uow.load()).session;
  let value: SessionData | null | undefined = read ?? {};
  // a user without a session is given the initial value, which counts as assigned (as in grammY)
  let used = read === undefined;
  Object.defineProperty(ctx, 'session', {
    enumerable: true,
    get: () => {
      used = true;
      return value;
    },
    set: (v: SessionData | null | undefined) => {
      used = true;
      value = v;
    },
  });
  await next(); // no catch: a failed update writes nothing
  if (used) await uow.commit(value ?? null);
};

/** Telegram starts update ids anew (at a random number) after a week without updates. */
const ID_RESTART_MS = 7 * 86_400_000;

/**
 * Drops an update already applied: Telegram's update ids increase, so anything at or below the
 * highest one applied for this user is a replay (a batch delivered again after a crash) — unless the
 * last one is over a week old, when Telegram may have started the sequence anew. The id is stored
 * with the update's own write, so an update whose write failed is applied when it comes again.
 */
export const skipReplayed: MiddlewareFn<BotContext> = (ctx, next) => {
  const id = ctx.update.update_id;
  const now = ctx.deps.clock.now().getTime();
  const last = ctx.uow.lastUpdate;
  if (last && id <= last.id && now - last.at < ID_RESTART_MS) {
    ctx.log.info({ lastApplied: last.id }, 'update already applied; skipped');
    return;
  }
  ctx.uow.update = { id, at: now };
  return next();
};
