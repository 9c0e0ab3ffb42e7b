// Long polling that never loses an answer and never lets one user wait on another. An update is
// confirmed to Telegram (by asking for a later offset) only once it and every update before it
// have been handled and written: the offset stays at the lowest update still in hand, so a crash
// makes Telegram deliver again what was not finished, and the replay guard drops what was. Updates
// after a slow one are fetched and handled meanwhile (each user's in order, users concurrently), so
// a reply waiting out a 429 for one user holds up nobody else.
//
// Why not @grammyjs/runner: it confirms updates as soon as it fetches them, so a crash between
// "next question shown" and "answer written" lost the answer (caught by the end-to-end test).
import { GrammyError, HttpError, type Bot } from 'grammy';
import type { Update } from 'grammy/types';
import type { Logger } from 'pino';
import type { BotContext } from './context.ts';
import { handleUpdate } from './handle-update.ts';

export const ALLOWED_UPDATES = ['message', 'edited_message', 'callback_query'] as const;

export interface PollingOptions {
  timeoutSeconds?: number;
  /** how long stop() waits for the updates in hand before giving up on them (Telegram redelivers) */
  drainMs?: number;
  /** updates handled at once, at most */
  maxInFlight?: number;
}

export interface StopResult {
  /** ids of updates still in hand when the drain time ran out: not confirmed, Telegram redelivers */
  unconfirmed: number[];
}

export interface Polling {
  /** resolves when polling has stopped */
  done: Promise<void>;
  /** stops fetching, waits (bounded) for the updates in hand, confirms what finished */
  stop(): Promise<StopResult>;
}

/** While updates are in hand Telegram answers at once (they are not confirmed): look again this often. */
const BUSY_POLL_MS = 200;
/** A second poller on the same token: Telegram answers 409; wait this long before trying again. */
const CONFLICT_BACKOFF_MS = 30_000;

function userOf(u: Update): number | undefined {
  return (u.message ?? u.edited_message)?.from?.id ?? u.callback_query?.from.id;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      resolve();
    });
  });

/** Updates in hand: each user's in the order Telegram sent them, users concurrently. */
class InHand {
  private readonly running = new Map<number, Promise<void>>();
  private readonly chains = new Map<number | undefined, Promise<void>>();
  /** finished ids not yet below the confirmed offset: not handled again when they come back */
  private readonly finished = new Set<number>();
  private highest = 0;

  private readonly handle: (u: Update) => Promise<void>;


  constructor(handle: (u: Update) => Promise<void>) {

    this.handle = handle;

  }

  get size(): number {
    return this.running.size;
  }

  ids(): number[] {
    return [...this.running.keys()];
  }

  /** The offset to confirm: the lowest update still in hand, else the one after the highest fetched. */
  offset(): number {
    const low = this.running.size ? Math.min(...this.running.keys()) : this.highest + 1;
    for (const id of this.finished) if (id < low) this.finished.delete(id);
    return this.highest === 0 && this.running.size === 0 ? 0 : low;
  }

  /** Starts the updates not already in hand or finished; returns how many were new. */
  take(updates: Update[]): number {
    let fresh = 0;
    for (const u of updates) {
      const id = u.update_id;
      if (this.running.has(id) || this.finished.has(id)) continue;
      fresh++;
      this.highest = Math.max(this.highest, id);
      const user = userOf(u);
      const run = (this.chains.get(user) ?? Promise.resolve()).then(() => this.handle(u));
      this.chains.set(user, run);
      this.running.set(
        id,
        run.finally(() => {
          this.running.delete(id);
          this.finished.add(id);
          if (this.chains.get(user) === run) this.chains.delete(user);
        }),
      );
    }
    return fresh;
  }

  /** Resolves when any update in hand finishes (or at once when none is). */
  any(): Promise<void> {
    return this.running.size ? Promise.race(this.running.values()) : Promise.resolve();
  }

  /** Resolves when every update in hand finished, or after `ms`. */
  async drain(ms: number): Promise<void> {
    const deadline = Date.now() + ms;
    while (this.running.size && Date.now() < deadline) await Promise.race([this.any(), sleep(deadline - Date.now())]);
  }
}

export function startPolling(bot: Bot<BotContext>, logger: Logger, opts: PollingOptions = {}): Polling {
  const abort = new AbortController();
  let stopping = false;
  const inHand = new InHand(async (u) => {
    await handleUpdate(bot, u);
  });
  const maxInFlight = opts.maxInFlight ?? 200;

  const loop = async (): Promise<void> => {
    await bot.api.deleteWebhook(undefined, abort.signal as never);
    let failures = 0;
    let conflictLogged = false;
    while (!stopping) {
      if (inHand.size >= maxInFlight) {
        await inHand.any();
        continue;
      }
      let updates: Update[];
      try {
        // with updates in hand Telegram answers at once anyway: no long poll then
        const timeout = inHand.size ? 0 : opts.timeoutSeconds ?? 30;
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
        logger.warn({ err: err instanceof HttpError ? String(err.error) : String(err), retryInMs: delay }, 'getUpdates failed');
        await sleep(delay, abort.signal);
        continue;
      }
      const fresh = inHand.take(updates);
      if (fresh === 0 && inHand.size > 0) await Promise.race([inHand.any(), sleep(BUSY_POLL_MS, abort.signal)]);
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
          .catch((err: unknown) => logger.warn({ err: String(err) }, 'could not confirm the last updates; Telegram delivers them again'));
      }
      return { unconfirmed };
    },
  };
}
