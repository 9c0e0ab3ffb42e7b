// One update, as every way of receiving them (long polling, the webhook) hands it to the bot: a
// lost compare-and-set (another instance wrote this user's workspace between read and write — rare,
// since instances wait for each other's user lock) is retried here with a fresh read instead of
// asking the user to send it again; any other failure goes to the bot's one error path.
import { BotError, type Bot } from 'grammy';
import type { Update } from 'grammy/types';
import { ConcurrentUpdateError } from '../store/workspace-store.ts';
import type { BotContext } from './context.ts';

const ATTEMPTS = 3;

/** Resolves true when the update was applied (or dropped as a replay), false when it failed. */
export async function handleUpdate(bot: Bot<BotContext>, update: Update): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    try {
      await bot.handleUpdate(update);
      return true;
    } catch (err) {
      const conflict = err instanceof BotError && err.error instanceof ConcurrentUpdateError;
      if (conflict && attempt < ATTEMPTS) {
        err.ctx.log?.info({ attempt }, 'lost a write race; handling the update again');
        continue;
      }
      await bot.errorHandler(err as BotError<BotContext>);
      return false;
    }
  }
}
