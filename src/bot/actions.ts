// Answering a button press: its spinner stops, with an alert when the press was refused.
import type { MiddlewareFn } from 'grammy';
import type { BotContext } from './context.ts';

/** The answer to each press, on its way: the update waits for it before it ends (awaitPressAnswer). */
const pressAnswers = new WeakMap<object, Promise<void>>();

/**
 * Answers the button press once (Telegram refuses a second answer); later calls do nothing. The
 * answer is sent without waiting for it: it only stops the button's spinner, so it travels beside
 * the press's own edit instead of before it — one round trip to Telegram less before the user sees
 * the next screen. The update still waits for it before it ends (awaitPressAnswer).
 */
export function ack(ctx: BotContext, text?: string): void {
  if (!ctx.callbackQuery || pressAnswers.has(ctx)) return;
  // A press answered late (after an outage Telegram refuses: "query is too old") must not undo
  // the work the press did.
  const sent = ctx.answerCallbackQuery(text ? { text, show_alert: true } : {}).then(
    () => undefined,
    (err: unknown) => ctx.log.debug({ err }, 'button press not acknowledged'),
  );
  pressAnswers.set(ctx, sent);
}

/** First in every update's path: a press's update ends only once its answer has gone out (or failed). */
export const awaitPressAnswer: MiddlewareFn<BotContext> = (ctx, next) => {
  if (!ctx.callbackQuery) return next();
  return next().finally(() => pressAnswers.get(ctx));
};
