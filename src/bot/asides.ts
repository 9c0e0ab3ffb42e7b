// One way to wait for a typed text outside a note: the organisation's name, a case-ending note, a
// supervisor's feedback, a skipped week's reason (and, for a handler that takes one, a picture or a
// file in its place: a letterhead's logo). Each is a one-question form on the engine, so a
// text too long or a sticker gets the same short hint as in a note and the wait goes on (nothing
// typed is cut or lost). What an answer does is its feature's: create-bot hands the features'
// handlers to `asides()`, so the features need not import each other.
//
// The next text answers the aside, before a note in progress reads it. A command or a button ends
// the wait (the aside is dropped and the update goes on), except a button that belongs to it.
import { InlineKeyboard, type MiddlewareFn } from 'grammy';
import type { Message } from 'grammy/types';
import { start, step } from '../engine/step.ts';
import type { Form } from '../engine/types.ts';
import type { Action } from '../telegram/callback-data.ts';
import { asideOf, ASIDE_FIELDS, type Aside } from '../store/session.ts';
import type { BotContext } from './context.ts';
import { inputOf } from './message-input.ts';
import { engineEnv } from './time.ts';
import { Buttons } from './buttons.ts';
import { ack } from './actions.ts';
import { dropButtons } from './edits.ts';
import { encode } from '../telegram/callback-data.ts';

type AsideOf<K extends Aside['kind']> = Extract<Aside, { kind: K }>;

export interface AsideHandler<K extends Aside['kind']> {
  /** the longest text taken (longer gets the "too long, please shorten" hint) */
  max: number;
  /** what the typed text does */
  answer: (ctx: BotContext, aside: AsideOf<K>, text: string) => Promise<void>;
  /** a button that answers the aside too (e.g. "end without a note"): it does not end the wait */
  belongs?: (aside: AsideOf<K>, action: Action) => boolean;
  /** a photo or a file that answers the aside in place of a text (a letterhead's logo); the wait
   *  ends before it runs, and the handler asks again when it refuses what was sent */
  upload?: (ctx: BotContext, aside: AsideOf<K>, message: Message) => Promise<void>;
}

export type AsideHandlers = { [K in Aside['kind']]: AsideHandler<K> };

/** Waits for the next text to answer this aside (one at a time: a newer aside replaces an older). */
export function awaitText(ctx: BotContext, aside: Aside): void {
  endAside(ctx);
  ctx.session.aside = aside;
}

/** Stops waiting (an older version's fields too). */
export function endAside(ctx: BotContext): void {
  for (const k of ASIDE_FIELDS) if (ctx.session[k] !== undefined) ctx.session[k] = undefined;
}

/** The form an aside is: one text question, completed as it is answered. */
function formOf(max: number): Form {
  return { review: false, questions: [{ id: 'text', type: 'longtext', max, prompt: { id: '' } }] };
}

export function asides(handlers: AsideHandlers): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const aside = asideOf(ctx.session);
    if (!aside) return next();
    const handler = handlers[aside.kind] as AsideHandler<typeof aside.kind>;
    if (ctx.action && handler.belongs?.(aside, ctx.action)) return next();
    const m = ctx.message;
    if (!m || m.text?.startsWith('/')) {
      endAside(ctx);
      return next();
    }
    if (handler.upload && (m.photo || m.document)) {
      endAside(ctx);
      await handler.upload(ctx, aside, m);
      return;
    }
    const form = formOf(handler.max);
    const r = step(form, start(form).state!, inputOf(m), engineEnv(ctx));
    const done = r.events.find((e) => e.kind === 'complete');
    if (done?.kind !== 'complete') {
      // refused: the hint alone (the question is the feature's own message, just above)
      const hint = r.events.find((e) => e.kind === 'invalid');
      if (hint?.kind === 'invalid') await ctx.reply(ctx.t(`invalid-${hint.error.code}`, hint.error.params ?? {}));
      return;
    }
    endAside(ctx);
    await handler.answer(ctx, aside, String(done.answers.text));
  };
}

/** ✖️ Batal under an aside's prompt: a button, so the wait has already ended (see `asides`). */
export function cancelAsideKeyboard(t: (key: string) => string): InlineKeyboard {
  return new InlineKeyboard().text(t('btn-cancel'), encode({ kind: 'aside-cancel' }));
}

export const asideButtons = new Buttons();

asideButtons.on('aside-cancel', async (ctx) => {
  ack(ctx);
  await dropButtons(ctx);
  await ctx.reply(ctx.t('aside-cancelled'));
});
