// Long polling that never loses an answer: a batch of updates is confirmed to Telegram (by asking
// for the next offset) only after every update in it has been handled and written to Redis. A crash
// mid-batch makes Telegram deliver the batch again, and the session's replay guard skips what was
// already applied. Users in one batch are handled concurrently; one user's updates in order.
//
// Why not @grammyjs/runner: it confirms updates as soon as it fetches them, so a crash between
// "next question shown" and "answer written" lost the answer (caught by the end-to-end test).
import { GrammyError, HttpError, type Bot } from 'grammy';
import type { Update } from 'grammy/types';
import type { Logger } from 'pino';
import type { BotContext } from './context.ts';

export const ALLOWED_UPDATES = ['message', 'edited_message', 'callback_query'] as const;

export interface Polling {
  /** resolves when polling has stopped */
  done: Promise<void>;
  /** stops fetching, finishes the batch in hand, confirms it, and resolves */
  stop(): Promise<void>;
}

function userOf(u: Update): number | undefined {
  return (u.message ?? u.edited_message)?.from?.id ?? u.callback_query?.from.id;
}

/** Handles a batch: users concurrently, each user's updates in the order Telegram sent them. */
export async function handleBatch(bot: Bot<BotContext>, updates: Update[]): Promise<void> {
  const byUser = new Map<number | undefined, Update[]>();
  for (const u of updates) {
    const key = userOf(u);
    byUser.set(key, [...(byUser.get(key) ?? []), u]);
  }
  await Promise.all(
    [...byUser.values()].map(async (queue) => {
      for (const u of queue) {
        try {
          await bot.handleUpdate(u);
        } catch (err) {
          await bot.errorHandler(err as Parameters<typeof bot.errorHandler>[0]);
        }
      }
    }),
  );
}

export function startPolling(bot: Bot<BotContext>, logger: Logger, opts: { timeoutSeconds?: number } = {}): Polling {
  const abort = new AbortController();
  let offset = 0;
  let stopping = false;

  const loop = async (): Promise<void> => {
    await bot.api.deleteWebhook();
    let failures = 0;
    while (!stopping) {
      let updates: Update[];
      try {
        updates = await bot.api.getUpdates(
          { offset, timeout: opts.timeoutSeconds ?? 30, allowed_updates: [...ALLOWED_UPDATES] },
          abort.signal as Parameters<typeof bot.api.getUpdates>[1],
        );
        failures = 0;
      } catch (err) {
        if (stopping) break;
        if (err instanceof GrammyError && err.error_code === 401) throw err; // wrong token: give up
        failures++;
        const delay = Math.min(30_000, 500 * 2 ** failures);
        if (err instanceof GrammyError && err.error_code === 409) logger.error('another instance is polling with this token');
        else logger.warn({ err: err instanceof HttpError ? String(err.error) : String(err), retryInMs: delay }, 'getUpdates failed');
        await new Promise((r) => setTimeout(r, delay));
        continue;
      }
      if (updates.length === 0) continue;
      await handleBatch(bot, updates);
      offset = updates[updates.length - 1]!.update_id + 1;
    }
    // Confirm the last batch handled, so a restart does not receive it again.
    if (offset > 0) await bot.api.getUpdates({ offset, limit: 1, timeout: 0 }).catch(() => undefined);
  };

  const done = loop();
  return {
    done,
    async stop() {
      stopping = true;
      abort.abort();
      await done;
    },
  };
}
