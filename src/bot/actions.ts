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
type AnyHandler = (ctx: BotContext, action: Action) => Promise<void>;

/**
 * Each composer's button handlers, by route ("review", "menu:home"): one middleware per composer
 * looks the pressed button up, instead of a filter per handler that every update walks through.
 * A composer's buttons are only ever presses, so grouping them keeps the order that matters.
 */
const routes = new WeakMap<Composer<BotContext>, Map<string, AnyHandler>>();

function routeOf(a: Action): string {
  return a.kind === 'menu' ? `menu:${a.item}` : a.kind;
}

function register(composer: Composer<BotContext>, route: string, handler: AnyHandler): void {
  let table = routes.get(composer);
  if (!table) {
    const own = new Map<string, AnyHandler>();
    routes.set(composer, (table = own));
    composer.use(async (ctx, next) => {
      const action = ctx.callbackQuery?.data ? actionOf(ctx) : undefined;
      const handle = action && own.get(routeOf(action));
      if (!handle) return next();
      await handle(ctx, action);
    });
  }
  // the first handler of a route is the one that runs, as when each was a filter of its own
  if (!table.has(route)) table.set(route, handler);
}

/** A handler for one kind of button (menu buttons go through onMenu: their route names the item). */
export function onAction<K extends Exclude<Action['kind'], 'menu'>>(composer: Composer<BotContext>, kind: K, handler: Handler<K>): void {
  register(composer, kind, handler as AnyHandler);
}

export function onMenu(composer: Composer<BotContext>, item: Extract<Action, { kind: 'menu' }>['item'], handler: (ctx: BotContext) => Promise<void>): void {
  register(composer, `menu:${item}`, async (ctx) => {
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
