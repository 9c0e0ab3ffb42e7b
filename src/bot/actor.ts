// The user of this update as the shared supervision steps see them (src/org/supervision-actions.ts).
import type { Actor } from '../org/supervision-actions.ts';
import type { BotContext } from './context.ts';
import { nowIso } from './time.ts';
import { firstName } from './user.ts';

export function actorOf(ctx: BotContext): Actor {
  return { userId: ctx.uow.userId, name: firstName(ctx), at: nowIso(ctx), uow: ctx.uow, store: ctx.deps.store, orgs: ctx.deps.orgs };
}
