// A feature's composer. grammY's filters (command, on, callbackQuery, hears…) go through `branch`,
// which grammY builds on `lazy`: every update that reaches a filter makes a new Composer and flattens
// it again. With every feature's handlers in a row, that was the largest single cost of an update
// in the profile (bench/results/profile.txt). Here a branch's two sides are flattened once, when the
// handler is registered — the same middleware, the same order, without the per-update allocation.
//
// A feature also knows what it can react to — its commands, the buttons it routes (src/bot/actions.ts),
// or anything (a filter, a plain middleware) — and an update it cannot react to passes it in one
// step: a typed answer no longer walks fifteen features' chains to reach the one that takes it.
import { Composer, type CommandContext, type CommandMiddleware, type Context, type Middleware, type MiddlewareFn } from 'grammy';
import { decode, type Action } from '../telegram/callback-data.ts';
import { sequence } from './middleware/sequence.ts';

type MaybeArray<T> = T | T[];

/** The middleware as one function; a composer is read at call time, so handlers added later count. */
function once<C extends Context>(mw: MaybeArray<Middleware<C>>): MiddlewareFn<C> {
  if (Array.isArray(mw)) {
    const composer = new Feature<C>(...mw);
    return (ctx, next) => composer.middleware()(ctx, next);
  }
  return typeof mw === 'function' ? mw : (ctx, next) => mw.middleware()(ctx, next);
}

/** A middleware as a function; a composer is read when it runs (as grammY's flatten does). */
function asFunction<C extends Context>(m: Middleware<C>): MiddlewareFn<C> {
  return typeof m === 'function' ? m : (ctx, next) => m.middleware()(ctx, next);
}

/** What every feature's gate asks of an update, worked out once per update (16 features ask). */
interface Seen {
  command?: boolean;
  action?: Action | undefined;
  decoded?: boolean;
}
const SEEN = Symbol('feature gates');
function seen(ctx: Context): Seen {
  const c = ctx as Context & { [SEEN]?: Seen };
  return (c[SEEN] ??= {});
}

/** A message that may be a command (its text or a caption starts with "/"): the only kind a
 *  command handler can match, and the only message that is not an answer to the draft. */
export function mayBeCommand(ctx: Context): boolean {
  const s = seen(ctx);
  if (s.command === undefined) {
    const text = ctx.msg?.text ?? ctx.msg?.caption;
    s.command = text !== undefined && text.startsWith('/');
  }
  return s.command;
}

/** The pressed button's action, decoded once per update (every feature's routes ask). */
export function actionOf(ctx: Context): Action | undefined {
  const s = seen(ctx);
  if (!s.decoded) {
    s.decoded = true;
    s.action = ctx.callbackQuery?.data ? decode(ctx.callbackQuery.data) : undefined;
  }
  return s.action;
}

/** A button's route: its kind ("review"), or for the menu the item ("menu:home"). */
export function routeOf(a: Action): string {
  return a.kind === 'menu' ? `menu:${a.item}` : a.kind;
}

export type RouteHandler<C extends Context> = (ctx: C, action: Action) => Promise<void>;

export class Feature<C extends Context> extends Composer<C> {
  /** this feature's commands, behind one test: most updates (answers, presses) are not commands */
  private commands: Composer<C> | undefined;
  /** its button handlers by route: one middleware looks the pressed button up */
  private buttons: Map<string, RouteHandler<C>> | undefined;
  /** features used inside this one (their own reach counts as this one's) */
  private readonly parts: Feature<C>[] = [];
  /** a handler that may react to any update (a filter, a plain middleware) */
  private anything = false;
  private gated: MiddlewareFn<C> | undefined;
  /** its handlers in order, run by one `sequence()` instead of grammY's chain of `concat`s (two async
   *  functions and their promises per handler passed, per update: the largest allocation left) */
  private readonly steps: MiddlewareFn<C>[] = [];
  private chain: MiddlewareFn<C> | undefined;

  constructor(...middleware: Array<Middleware<C>>) {
    super();
    for (const m of middleware) this.steps.push(asFunction(m));
    this.reach(middleware);
  }

  override use(...middleware: Array<Middleware<C>>): Composer<C> {
    this.reach(middleware);
    // as grammY's: the composer returned takes more handlers, run in this place
    const composer = new Composer<C>(...middleware);
    this.add((ctx, next) => composer.middleware()(ctx, next));
    return composer;
  }

  /** A handler of this feature's own (buttons, commands): its reach is counted where it is made. */
  private add(fn: MiddlewareFn<C>): void {
    this.steps.push(fn);
    this.chain = undefined;
  }

  private reach(middleware: Array<Middleware<C>>): void {
    for (const m of middleware) {
      if (m instanceof Feature) this.parts.push(m);
      else this.anything = true;
    }
  }

  /** Can any handler of this feature react to this update? */
  reacts(ctx: C): boolean {
    if (this.anything || (this.commands && mayBeCommand(ctx))) return true;
    if (this.buttons && ctx.callbackQuery?.data) {
      const a = actionOf(ctx);
      if (a && this.buttons.has(routeOf(a))) return true;
    }
    for (const p of this.parts) if (p.reacts(ctx)) return true;
    return false;
  }

  /** The feature's handlers, passed over in one step by an update none of them can react to. */
  override middleware(): MiddlewareFn<C> {
    return (this.gated ??= (ctx, next) => (this.reacts(ctx) ? this.handlers()(ctx, next) : next()));
  }

  /** Its handlers without the gate: for `sequence()`, which asks `reacts` itself and passes a feature
   *  that cannot react without entering it. (grammY's handler is read at call time: handlers added
   *  after this are still run.) */
  handlers(): MiddlewareFn<C> {
    return (this.chain ??= sequence(...this.steps));
  }

  /** A button handler for one route; the first handler of a route is the one that runs. */
  onButton(route: string, handler: RouteHandler<C>): void {
    if (!this.buttons) {
      const own = new Map<string, RouteHandler<C>>();
      this.buttons = own;
      this.add((ctx, next) => {
        const action = ctx.callbackQuery?.data ? actionOf(ctx) : undefined;
        const handle = action && own.get(routeOf(action));
        return handle ? handle(ctx, action) : next();
      });
    }
    if (!this.buttons.has(route)) this.buttons.set(route, handler);
  }

  override command(command: Parameters<Composer<C>['command']>[0], ...middleware: Array<CommandMiddleware<C>>): Composer<CommandContext<C>> {
    if (!this.commands) {
      const inner = new Feature<C>();
      this.commands = inner;
      this.add((ctx, next) => (mayBeCommand(ctx) ? inner.middleware()(ctx, next) : next()));
    }
    // grammY's own matching (aliases, "@bot" suffixes, ctx.match), on the inner composer
    return Composer.prototype.command.call(this.commands, command, ...middleware) as Composer<CommandContext<C>>;
  }

  override branch(
    predicate: (ctx: C) => boolean | Promise<boolean>,
    trueMiddleware: MaybeArray<Middleware<C>>,
    falseMiddleware: MaybeArray<Middleware<C>>,
  ): Composer<C> {
    const yes = once(trueMiddleware);
    const no = once(falseMiddleware);
    // grammY's filters (on, command, callbackQuery) decide at once: no await, no microtask, for them
    return this.use((ctx, next) => {
      const holds = predicate(ctx);
      if (typeof holds === 'boolean') return holds ? yes(ctx, next) : no(ctx, next);
      return holds.then((h) => (h ? yes(ctx, next) : no(ctx, next)));
    });
  }
}
