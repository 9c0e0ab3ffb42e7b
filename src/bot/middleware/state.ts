// Reads the user's workspace once before the handlers run and writes it once after (see
// store/unit-of-work.ts), and drops updates that were already applied (replayed after a crash).
import type { MiddlewareFn } from 'grammy';
import { readsOf } from '../../telegram/callback-data.ts';
import { mayBeCommand } from './decode-button.ts';
import type { BotContext, ExtraReads, SessionData } from '../context.ts';
import { UnitOfWork } from '../../store/unit-of-work.ts';
import type { WorkspaceStore } from '../../store/workspace-store.ts';
import { EffectRelay } from '../../store/effect-relay.ts';
import { CaseVault } from '../../privacy/vault.ts';

export function sessionKey(ctx: Omit<BotContext, 'session'>): string | undefined {
  return ctx.from ? String(ctx.from.id) : undefined;
}

/** `/start <orgId>_<secret>`: the payload of an invitation link. */
export function inviteCode(text: string | undefined): { orgId: string; secret: string } | undefined {
  const m = /^\/start(?:@\w+)? ([a-z0-9]{4,16})_([a-z0-9]{8,24})$/.exec(text?.trim() ?? '');
  return m ? { orgId: m[1]!, secret: m[2]! } : undefined;
}

export function unitOfWork(store: WorkspaceStore<SessionData>): MiddlewareFn<BotContext> {
  // a relay holds no state of an update: one per outbox (the deps'), not one per update
  const relays = new WeakMap<object, EffectRelay>();
  const relayFor = (outbox: BotContext['deps']['outbox']): EffectRelay => {
    let relay = relays.get(outbox);
    if (!relay) relays.set(outbox, (relay = new EffectRelay(store as WorkspaceStore<unknown>, outbox)));
    return relay;
  };
  return async (ctx, next) => {
    if (!ctx.from) return next();
    // Everything this update will read, known from the update itself, comes in one round trip.
    const action = ctx.action;
    // what the button declares it needs (src/telegram/callback-data.ts), or an invitation link's org
    const wants = readsOf(action);
    const reads: ExtraReads = {};
    if (wants.otherNote) reads.other = store.readOther(wants.otherNote.workerId, wants.otherNote.caseId, wants.otherNote.noteId);
    if (wants.owner) reads.owner = new CaseVault(store).readOwner(wants.owner.workerId, wants.owner.caseId);
    const orgId = wants.orgId ?? inviteCode(ctx.message?.text)?.orgId;
    if (orgId) reads.org = ctx.deps.orgs.read(orgId);
    const extra = [reads.other, reads.org, reads.owner].filter((x) => x !== undefined);
    const { notesOf, reviewLogOf } = wants;
    // a typed or sent answer touches the draft's case alone, as a question's button does; anything
    // that may be a command (the features' own test, src/bot/feature.ts) reads every case
    const sessionCases = wants.sessionCases === true || wants.caseIds !== undefined || (ctx.message !== undefined && !mayBeCommand(ctx));
    const relay = relayFor(ctx.deps.outbox);
    const uow = new UnitOfWork(store, ctx.from.id, {
      ...(notesOf ? { notesOf } : {}),
      ...(reviewLogOf ? { reviewLogOf } : {}),
      ...(extra.length ? { extra } : {}),
      ...(sessionCases ? { sessionCases, ...(wants.caseIds ? { caseIds: wants.caseIds } : {}) } : {}),
    }, relay, () => ctx.log, ctx.deps.multiInstance ?? false);
    ctx.uow = uow;
    ctx.reads = reads;
    try {
      await next();
      // Cases or notes queued by a handler that left the session untouched still get written.
      if (uow.pending) await uow.commit(undefined);
    } finally {
      // an update that wrote nothing (a replay, a stranger, a failure) lets go of the user's lock
      await uow.release().catch((err: unknown) => ctx.log.warn({ err: String(err) }, 'user lock not released; it expires by itself'));
    }
    for (const task of uow.afterCommit) {
      await task().catch((err: unknown) => ctx.log.error({ err }, 'work after the write failed'));
    }
    // After the write: the reminder schedulers follow what was just stored. (One more write, only
    // on the few updates that change a schedule: a new, closed or reopened case, /pengingat.)
    const sync = uow.syncUsers;
    if (uow.scheduleChanged) sync.add(ctx.from.id);
    if (sync.size === 0) return;
    for (const userId of sync) {
      await ctx.deps.reminders?.requestSync(userId).catch((err: unknown) => ctx.log.error({ err, userId }, 'could not ask for a reminder sync'));
    }
  };
}

/**
 * `ctx.session` on the update's own unit of work, as grammY's (strict) `session()` gives it: read
 * before the handlers (with the rest of the workspace, one round trip), `{}` for a user without one;
 * after them written back if it was read or assigned (the unit of work writes only a change);
 * `null` or `undefined` deletes it; nothing is written when a handler throws. One middleware for
 * every update: grammY's is built around a storage, and ours is the update's, so it was built anew
 * for each update (with its promise chain: a few % of an update's CPU).
 */
export const sessionMiddleware: MiddlewareFn<BotContext> = async (ctx, next) => {
  if (sessionKey(ctx) === undefined) {
    const refuse = (op: string) => {
      throw new Error(`Cannot ${op} session data because the custom \`getSessionKey\` function returned undefined for this update!`);
    };
    Object.defineProperty(ctx, 'session', { enumerable: true, get: () => refuse('access'), set: () => refuse('assign') });
    return next();
  }
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
