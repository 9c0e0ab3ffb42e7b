// Long polling that never loses an answer and never lets one user wait on another. An update is
// confirmed to Telegram (by asking for a later offset) only once it and every update before it
// have been handled and written: the offset stays at the lowest update still in hand, so a crash
// makes Telegram deliver again what was not finished, and the replay guard drops what was. Updates
// after a slow one are fetched and handled meanwhile (each user's in order, users concurrently), so
// a reply waiting out a 429 for one user holds up nobody else.
//
// Two things keep one user from stalling everyone (issue #23.5). A user's updates beyond a handful
// in hand are dropped (src/bot/per-user-limit.ts). And getUpdates returns at most 100 updates from
// the offset, so one stuck update with 100 behind it would keep everyone else's from being fetched
// at all: when a full window holds nothing new, or the oldest update holding the offset has been in
// hand for STUCK_MS (a reply waiting out a 429, a slow Telegram), the updates still in hand are
// parked — written, sealed, to one Redis hash in one write — and the offset moves past them (long
// polling, which reacts to a new update at once, resumes). A parked update leaves
// the hash when it finishes; at start-up the parked updates are handled first, before anything is
// fetched (the replay guard drops what a crash left applied but not removed). So a crash still
// never loses an answer the user saw accepted: what is not confirmed to Telegram is parked.
//
// Why not @grammyjs/runner: it confirms updates as soon as it fetches them, so a crash between
// "next question shown" and "answer written" lost the answer (caught by the end-to-end test).
import { GrammyError, type Bot } from 'grammy';
import type { Update } from 'grammy/types';
import type { Logger } from 'pino';
import type { BotContext } from './context.ts';
import { handleUpdate } from './handle-update.ts';
import { PerUserLimit, userOf, type PerUserLimitOptions } from './per-user-limit.ts';
import type { RedisClient } from '../store/redis-connection.ts';

export const ALLOWED_UPDATES = ['message', 'edited_message', 'callback_query'] as const;

/** How updates are sealed for the parked hash: bound to their field there, the update id. */
export interface UpdateSealing {
  seal(update: Update): string;
  /** opens what `seal` made for this update id; throws when it does not open there */
  open(sealed: string, updateId: number): Update;
}

export interface ParkingOptions extends UpdateSealing {
  redis: RedisClient;
  /** the hash of parked updates: field = update id (src/store/keys.ts parkedUpdates) */
  key: string;
}

export interface PollingOptions {
  timeoutSeconds?: number;
  /** how long stop() waits for the updates in hand before giving up on them (Telegram redelivers) */
  drainMs?: number;
  /** updates handled at once, at most */
  maxInFlight?: number;
  /** one user's updates in hand at most, and how a member is told when theirs are dropped */
  perUser?: PerUserLimitOptions;
  /** where updates pinning the offset are parked; without it none is (the offset waits for them) */
  parking?: ParkingOptions;
}

export interface StopResult {
  /** ids of updates still in hand when the drain time ran out: not confirmed (Telegram redelivers) or parked (handled at the next start) */
  unconfirmed: number[];
}

export interface Polling {
  /** resolves when polling has stopped */
  done: Promise<void>;
  /** stops fetching, waits (bounded) for the updates in hand, confirms what finished */
  stop(): Promise<StopResult>;
}

/** While updates hold the offset Telegram answers at once (they are not confirmed): look again this often. */
const BUSY_POLL_MS = 50;
/** An update in hand this long holds up the offset for nothing: parked (updates take well under a second). */
const STUCK_MS = 1_000;
/** After a failed parking write, the next try waits this long (Redis is away: waiting is all there is). */
const PARK_RETRY_MS = 5_000;
/** A second poller on the same token: Telegram answers 409; wait this long before trying again. */
const CONFLICT_BACKOFF_MS = 30_000;
/** getUpdates answers at most this many updates (Telegram's limit, and its default). */
const WINDOW = 100;

/**
 * Resolves after `ms` (never, when Infinity), when `signal` aborts, or when `wake` is called back,
 * whichever comes first; then removes its timer, its abort listener and its wake-up. The loop waits
 * many times on one signal: a listener left behind each time was the MaxListenersExceededWarning
 * of issue #24.9 (11 abort listeners after half a second of short polls).
 */
function pause(ms: number, signal?: AbortSignal, wake?: (cb: () => void) => () => void): Promise<void> {
  return new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    let off: (() => void) | undefined;
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      off?.();
      resolve();
    };
    const timer = ms === Infinity ? undefined : setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    off = wake?.(done);
  });
}

const sleep = (ms: number, signal?: AbortSignal) => pause(ms, signal);

/** Updates in hand: each user's in the order Telegram sent them, users concurrently. */
class InHand {
  private readonly running = new Map<number, { update: Update; since: number }>();
  private readonly chains = new Map<number | undefined, Promise<void>>();
  /** in hand and parked: no longer holding the offset */
  private readonly parked = new Set<number>();
  /** finished (or dropped) ids not yet below the confirmed offset: not taken again when they come back */
  private readonly finished = new Set<number>();
  /** called back when an update finishes: waits subscribe and unsubscribe, so nothing piles up on a
   *  long-running update's promise (a Promise.race over them all added a reaction to each, per wait) */
  private readonly onFinish = new Set<() => void>();
  private highest = 0;

  private readonly handle: (u: Update) => Promise<void>;
  private readonly limit: PerUserLimit;
  private readonly unpark: (id: number) => void;

  constructor(handle: (u: Update) => Promise<void>, limit: PerUserLimit, unpark: (id: number) => void) {
    this.handle = handle;
    this.limit = limit;
    this.unpark = unpark;
  }

  get size(): number {
    return this.running.size;
  }

  ids(): number[] {
    return [...this.running.keys()];
  }

  /** The offset to confirm: the lowest update in hand and not parked, else the one after the highest fetched. */
  offset(): number {
    let low = Infinity;
    for (const id of this.running.keys()) if (id < low && !this.parked.has(id)) low = id;
    const pinned = low !== Infinity;
    if (!pinned) low = this.highest + 1;
    for (const id of this.finished) if (id < low) this.finished.delete(id);
    return this.highest === 0 && !pinned ? 0 : low;
  }

  /** Starts the updates not already in hand or finished (or drops them); returns how many were new. */
  take(updates: Update[]): number {
    let fresh = 0;
    for (const u of updates) {
      const id = u.update_id;
      if (this.running.has(id) || this.finished.has(id)) continue;
      fresh++;
      this.highest = Math.max(this.highest, id);
      // over the user's cap: finished at once, never handled, so it holds nobody's offset
      if (!this.limit.admit(u)) this.finished.add(id);
      else this.start(u);
    }
    return fresh;
  }

  /** Updates parked before a restart: handled first, whatever the cap (they were taken once). */
  resume(updates: Update[]): void {
    for (const u of updates) {
      if (this.running.has(u.update_id)) continue;
      this.limit.admit(u, true);
      this.parked.add(u.update_id);
      this.start(u);
    }
  }

  /** The updates in hand that hold the offset: what parking writes. */
  pinning(): Update[] {
    return [...this.running.entries()].filter(([id]) => !this.parked.has(id)).map(([, r]) => r.update);
  }

  /** How long the oldest update holding the offset has been in hand (ms); -1 when none holds it. */
  pinnedFor(now: number): number {
    let since = Infinity;
    for (const [id, r] of this.running) if (!this.parked.has(id) && r.since < since) since = r.since;
    return since === Infinity ? -1 : now - since;
  }

  /** Marks them parked; returns those that finished meanwhile (their parked copy goes at once). */
  markParked(ids: number[]): number[] {
    const gone: number[] = [];
    for (const id of ids) {
      if (this.running.has(id)) this.parked.add(id);
      else gone.push(id);
    }
    return gone;
  }

  private start(u: Update): void {
    const id = u.update_id;
    const user = userOf(u);
    const run = (this.chains.get(user) ?? Promise.resolve()).then(() => this.handle(u));
    this.chains.set(user, run);
    void run.finally(() => {
      this.running.delete(id);
      this.finished.add(id);
      this.limit.release(u);
      if (this.parked.delete(id)) this.unpark(id);
      if (this.chains.get(user) === run) this.chains.delete(user);
      for (const cb of [...this.onFinish]) cb();
    });
    this.running.set(id, { update: u, since: Date.now() });
  }

  /** Resolves when an update in hand finishes (at once when none is), after `ms`, or when `signal` aborts. */
  next(ms = Infinity, signal?: AbortSignal): Promise<void> {
    if (this.running.size === 0) return Promise.resolve();
    return pause(ms, signal, (cb) => {
      this.onFinish.add(cb);
      return () => this.onFinish.delete(cb);
    });
  }

  /** Resolves when every update in hand finished, or after `ms`. */
  async drain(ms: number): Promise<void> {
    const deadline = Date.now() + ms;
    while (this.running.size && Date.now() < deadline) await this.next(deadline - Date.now());
  }
}

/** The parked updates in Redis: one hash, field = update id, value = the update sealed for that field. */
class ParkedUpdates {
  private readonly o: ParkingOptions;
  private readonly logger: Logger;

  constructor(o: ParkingOptions, logger: Logger) {
    this.o = o;
    this.logger = logger;
  }

  /** One write for them all. */
  async put(updates: Update[]): Promise<void> {
    await this.o.redis.hset(this.o.key, ...updates.flatMap((u) => [String(u.update_id), this.o.seal(u)]));
  }

  /** A parked update finished. Best effort: one left behind is handled again at the next start and dropped there as applied. */
  remove(ids: number[]): void {
    if (ids.length === 0) return;
    this.o.redis.hdel(this.o.key, ...ids.map(String)).catch((err: unknown) => this.logger.warn({ ids, err }, 'could not remove finished parked updates; the next start drops them as applied'));
  }

  /** Every parked update, oldest first. One that does not open is left where it is (a changed DATA_KEY is no reason to delete it). */
  async all(): Promise<Update[]> {
    const out: Update[] = [];
    for (const [field, sealed] of Object.entries(await this.o.redis.hgetall(this.o.key))) {
      const id = Number(field);
      try {
        const u = this.o.open(sealed, id);
        if (u.update_id !== id) throw new Error(`holds update ${u.update_id}`);
        out.push(u);
      } catch (err) {
        this.logger.error({ updateId: field, err }, 'a parked update does not open; left in place, not handled');
      }
    }
    return out.sort((a, b) => a.update_id - b.update_id);
  }
}

export function startPolling(bot: Bot<BotContext>, logger: Logger, opts: PollingOptions = {}): Polling {
  const abort = new AbortController();
  let stopping = false;
  const parked = opts.parking ? new ParkedUpdates(opts.parking, logger) : undefined;
  const limit = new PerUserLimit(logger, opts.perUser);
  const inHand = new InHand(
    async (u) => {
      await handleUpdate(bot, u).catch((err: unknown) => logger.error({ err, updateId: u.update_id }, 'update failed outside the bot'));
    },
    limit,
    (id) => parked?.remove([id]),
  );
  const maxInFlight = opts.maxInFlight ?? 200;

  let parkAgainAt = 0;
  /** Parks what holds the offset (one write); false when there is nothing to park or the write failed. */
  const park = async (why: 'full window' | 'stuck'): Promise<boolean> => {
    const todo = inHand.pinning();
    if (!parked || todo.length === 0 || Date.now() < parkAgainAt) return false;
    const ids = todo.map((u) => u.update_id);
    try {
      await parked.put(todo);
    } catch (err) {
      parkAgainAt = Date.now() + PARK_RETRY_MS;
      logger.warn({ err }, 'could not park the updates holding the offset; waiting for them instead');
      return false;
    }
    parked.remove(inHand.markParked(ids));
    logger.info({ parked: ids, why }, 'updates held up the offset: parked, the offset moves on');
    return true;
  };

  /** Before the first fetch: the updates parked by the last run, in order, before anything newer of theirs. */
  const resumeParked = async (): Promise<void> => {
    if (!parked) return;
    for (let failures = 0; !stopping; failures++) {
      try {
        const list = await parked.all();
        if (list.length) logger.info({ parked: list.map((u) => u.update_id) }, 'handling the updates parked before the restart first');
        inHand.resume(list);
        return;
      } catch (err) {
        // Telegram no longer holds them: polling without them could apply a user's later update first
        const delay = Math.min(30_000, 500 * 2 ** failures);
        logger.warn({ err, retryInMs: delay }, 'could not read the parked updates');
        await sleep(delay, abort.signal);
      }
    }
  };

  const loop = async (): Promise<void> => {
    await bot.api.deleteWebhook(undefined, abort.signal as never);
    await resumeParked();
    let failures = 0;
    let conflictLogged = false;
    while (!stopping) {
      if (inHand.size >= maxInFlight) {
        await inHand.next(Infinity, abort.signal);
        continue;
      }
      let updates: Update[];
      try {
        // with updates holding the offset Telegram answers at once anyway: no long poll then
        const timeout = inHand.pinnedFor(Date.now()) >= 0 ? 0 : opts.timeoutSeconds ?? 30;
        updates = await bot.api.getUpdates(
          { offset: inHand.offset(), timeout, allowed_updates: [...ALLOWED_UPDATES] },
          abort.signal as Parameters<typeof bot.api.getUpdates>[1],
        );
        failures = 0;
      } catch (err) {
        if (stopping) break;
        if (err instanceof GrammyError && err.error_code === 401) throw err; // wrong token: give up
        if (err instanceof GrammyError && err.error_code === 409) {
          // another poller (or a webhook) on this token: let it have the updates, quietly
          if (!conflictLogged) logger.warn('another instance is polling with this token; backing off');
          conflictLogged = true;
          await sleep(CONFLICT_BACKOFF_MS, abort.signal);
          continue;
        }
        failures++;
        const delay = Math.min(30_000, 500 * 2 ** failures);
        logger.warn({ err, retryInMs: delay }, 'getUpdates failed');
        await sleep(delay, abort.signal);
        continue;
      }
      const fresh = inHand.take(updates);
      // A full window that the next poll would return unchanged (the offset is not past its first
      // update): 100 updates wait behind those in hand, and nobody else's is fetched until they
      // finish. Park them, and the offset moves on.
      const first = updates[0]?.update_id ?? Infinity;
      if (updates.length >= WINDOW && inHand.offset() <= first && (await park('full window'))) continue;
      if (fresh > 0) continue;
      const pinned = inHand.pinnedFor(Date.now());
      if (pinned < 0) continue; // nothing holds the offset: the next poll is a long one
      // Nothing new, and an update in hand for STUCK_MS keeps everyone on short polls: park it too.
      if (pinned >= STUCK_MS && (await park('stuck'))) continue;
      const wait = pinned < STUCK_MS ? Math.min(BUSY_POLL_MS, STUCK_MS - pinned) : BUSY_POLL_MS;
      await inHand.next(wait, abort.signal);
    }
  };

  const done = loop();
  return {
    done,
    async stop() {
      stopping = true;
      abort.abort();
      await done.catch(() => undefined);
      await inHand.drain(opts.drainMs ?? 10_000);
      const unconfirmed = inHand.ids().sort((a, b) => a - b);
      // Confirm what finished, so a restart does not receive it again; bounded: Telegram may be gone.
      const offset = inHand.offset();
      if (offset > 0) {
        await bot.api
          .getUpdates({ offset, limit: 1, timeout: 0 }, AbortSignal.timeout(2_000) as Parameters<typeof bot.api.getUpdates>[1])
          .catch((err: unknown) => logger.warn({ err }, 'could not confirm the last updates; Telegram delivers them again'));
      }
      return { unconfirmed };
    },
  };
}
