// Routes button presses by their decoded action, so a feature registers for the actions it owns.
import type { Composer } from 'grammy';
import type { Action } from '../telegram/callback-data.ts';
import { decode } from '../telegram/callback-data.ts';
import type { BotContext } from './context.ts';

const decoded = new WeakMap<object, Action | undefined>();

/** The pressed button's action, decoded once per update (every feature's handlers ask). */
export function actionOf(ctx: BotContext): Action | undefined {
  if (!decoded.has(ctx)) decoded.set(ctx, ctx.callbackQuery?.data ? decode(ctx.callbackQuery.data) : undefined);
  return decoded.get(ctx);
}

type Handler<K extends Action['kind']> = (ctx: BotContext, action: Extract<Action, { kind: K }>) => Promise<void>;

export function onAction<K extends Action['kind']>(composer: Composer<BotContext>, kind: K, handler: Handler<K>): void {
  composer.on('callback_query:data', async (ctx, next) => {
    const action = actionOf(ctx);
    if (action?.kind !== kind) return next();
    await handler(ctx, action as Extract<Action, { kind: K }>);
  });
}

export function onMenu(composer: Composer<BotContext>, item: Extract<Action, { kind: 'menu' }>['item'], handler: (ctx: BotContext) => Promise<void>): void {
  composer.on('callback_query:data', async (ctx, next) => {
    const action = actionOf(ctx);
    if (action?.kind !== 'menu' || action.item !== item) return next();
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
