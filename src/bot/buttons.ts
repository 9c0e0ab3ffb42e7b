// Button presses, routed by kind. Each feature fills a table with the kinds of button it owns
// (menu buttons by their item); create-bot.ts joins the tables into one router, an ordinary
// middleware that looks the pressed button's kind up — the data was decoded once for the update
// (ctx.action, src/bot/middleware/decode-button.ts).
import type { MiddlewareFn } from 'grammy';
import type { Action, MenuItem } from '../telegram/callback-data.ts';
import type { BotContext } from './context.ts';
import { ack } from './actions.ts';

type Kind = Exclude<Action['kind'], 'menu'>;
type Route = Kind | `menu:${MenuItem}`;
type Handler<K extends Kind> = (ctx: BotContext, action: Extract<Action, { kind: K }>) => Promise<void>;
type AnyHandler = (ctx: BotContext, action: Action) => Promise<void>;

export class Buttons {
  private readonly routes = new Map<Route, AnyHandler>();

  /** The handler of one kind of button. */
  on<K extends Kind>(kind: K, handler: Handler<K>): this {
    return this.add(kind, handler as AnyHandler);
  }

  /** The handler of a main-menu button (the press is answered first: the menu's buttons have no alert). */
  menu(item: MenuItem, handler: (ctx: BotContext) => Promise<void>): this {
    return this.add(`menu:${item}`, (ctx) => {
      ack(ctx);
      return handler(ctx);
    });
  }

  private add(route: Route, handler: AnyHandler): this {
    if (this.routes.has(route)) throw new Error(`button ${route} has two handlers`);
    this.routes.set(route, handler);
    return this;
  }

  /** One router for every table; a kind handled in two of them is a mistake caught at start. */
  static router(...tables: Buttons[]): MiddlewareFn<BotContext> {
    const all = new Map<Route, AnyHandler>();
    for (const t of tables) {
      for (const [route, handler] of t.routes) {
        if (all.has(route)) throw new Error(`button ${route} is handled by two features`);
        all.set(route, handler);
      }
    }
    return (ctx, next) => {
      const a = ctx.action;
      const handler = a && all.get(a.kind === 'menu' ? `menu:${a.item}` : a.kind);
      return handler ? handler(ctx, a!) : next();
    };
  }
}
