// The pressed button's data, decoded once for the whole update: the read plan, the router and the
// handlers all ask (undefined for anything not a press, and for malformed or forged data).
import type { MiddlewareFn } from 'grammy';
import { decode } from '../../telegram/callback-data.ts';
import type { BotContext } from '../context.ts';

export const decodeButton: MiddlewareFn<BotContext> = (ctx, next) => {
  const data = ctx.callbackQuery?.data;
  ctx.action = data ? decode(data) : undefined;
  return next();
};

/** A message that may be a command (its text or caption starts with "/"): never an answer to a form. */
export function mayBeCommand(ctx: BotContext): boolean {
  const text = ctx.msg?.text ?? ctx.msg?.caption;
  return text !== undefined && text.startsWith('/');
}
