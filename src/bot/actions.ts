// Routes button presses by their decoded action, so a feature registers for the actions it owns.
import type { Action } from '../telegram/callback-data.ts';
import type { BotContext } from './context.ts';
import { actionOf, type Feature, type RouteHandler } from './feature.ts';

export { actionOf };

type Handler<K extends Action['kind']> = (ctx: BotContext, action: Extract<Action, { kind: K }>) => Promise<void>;

/**
 * A handler for one kind of button (menu buttons go through onMenu: their route names the item).
 * Each feature looks the pressed button up in its own table (src/bot/feature.ts), instead of a
 * filter per handler that every update walks through.
 */
export function onAction<K extends Exclude<Action['kind'], 'menu'>>(feature: Feature<BotContext>, kind: K, handler: Handler<K>): void {
  feature.onButton(kind, handler as RouteHandler<BotContext>);
}

export function onMenu(feature: Feature<BotContext>, item: Extract<Action, { kind: 'menu' }>['item'], handler: (ctx: BotContext) => Promise<void>): void {
  feature.onButton(`menu:${item}`, async (ctx) => {
    await ack(ctx);
    await handler(ctx);
  });
}

const acknowledged = new WeakSet<object>();

/** Answers the button press once (Telegram refuses a second answer); later calls do nothing. */
export async function ack(ctx: BotContext, text?: string): Promise<void> {
  if (!ctx.callbackQuery || acknowledged.has(ctx)) return;
  acknowledged.add(ctx);
  // A press answered late (after an outage Telegram refuses: "query is too old") must not undo
  // the work the press did: the answer only stops the button's spinner.
  await ctx.answerCallbackQuery(text ? { text, show_alert: true } : {}).catch((err: unknown) => {
    ctx.log.debug({ err: String(err) }, 'button press not acknowledged');
  });
}
