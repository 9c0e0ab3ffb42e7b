// The update's unit of work, as a grammY plugin: everything the update reads comes in one round
// trip before the handlers (its plan known from the update itself, src/bot/read-plan.ts), and
// everything it writes goes in one atomic compare-and-set after them (src/store/unit-of-work.ts);
// what it records for elsewhere — other users' keys, messages to them — follows that write.
import type { Context, MiddlewareFn } from 'grammy';
import type { Logger } from 'pino';
import type { ReadPlan } from '../../store/read-plan.ts';
import { UnitOfWork } from '../../store/unit-of-work.ts';
import type { WorkspaceStore } from '../../store/workspace-store.ts';
import { EffectRelay } from '../../store/effect-relay.ts';
import type { SessionData } from '../../store/session.ts';
import type { Outbox } from '../../store/outbox-messages.ts';
import type { ReminderControl } from '../../reminders/queues.ts';

export interface UowFlavor {
  uow: UnitOfWork<SessionData>;
}

export interface UnitOfWorkOptions<C> {
  store: WorkspaceStore<SessionData>;
  /** what the update reads besides the session, from the update itself */
  planOf: (ctx: C) => ReadPlan;
  /** where messages to other users go, after the write */
  outbox: Outbox;
  /** several instances serve the bot (webhook mode): an update takes its user's lock */
  multiInstance?: boolean;
  /** the reminder schedulers that follow a write; absent where reminders do not run */
  reminders?: ReminderControl | undefined;
}

export function unitOfWork<C extends Context & { log: Logger } & UowFlavor>(opts: UnitOfWorkOptions<C>): MiddlewareFn<C> {
  const { store, outbox, reminders } = opts;
  // holds no state of an update: one for every update
  const relay = new EffectRelay(store as WorkspaceStore<unknown>, outbox);
  return async (ctx, next) => {
    if (!ctx.from) return next();
    const uow = new UnitOfWork(store, ctx.from.id, opts.planOf(ctx), relay, () => ctx.log, opts.multiInstance ?? false);
    ctx.uow = uow;
    try {
      await next();
      // Cases or notes queued by a handler that left the session untouched still get written.
      if (uow.pending) await uow.commit(undefined);
    } finally {
      // an update that wrote nothing (a replay, a stranger, a failure) lets go of the user's lock
      await uow.release().catch((err: unknown) => ctx.log.warn({ err }, 'user lock not released; it expires by itself'));
    }
    for (const task of uow.afterCommit) {
      await task().catch((err: unknown) => ctx.log.error({ err }, 'work after the write failed'));
    }
    // After the write: the reminder schedulers follow what was just stored. (One more write, only
    // on the few updates that change a schedule: a new, closed or reopened case, /pengingat.)
    const sync = uow.syncUsers;
    if (uow.scheduleChanged) sync.add(ctx.from.id);
    for (const userId of sync) {
      await reminders?.requestSync(userId).catch((err: unknown) => ctx.log.error({ err, userId }, 'could not ask for a reminder sync'));
    }
  };
}
