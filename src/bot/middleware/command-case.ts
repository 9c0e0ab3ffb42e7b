// "/Catat" typed on a phone that capitalises the first letter is the same command as "/catat":
// grammY matches commands exactly, so the command (not its arguments) is read in lower case before
// any plan or handler looks at it.
import type { MiddlewareFn } from 'grammy';
import type { BotContext } from '../context.ts';

export const commandsInLowerCase: MiddlewareFn<BotContext> = (ctx, next) => {
  const m = ctx.message;
  const command = m?.entities?.find((e) => e.type === 'bot_command' && e.offset === 0);
  if (m?.text && command) {
    const name = m.text.slice(0, command.length);
    // the "@botname" part stays as sent: grammY compares it with the bot's username itself
    const lower = name.replace(/^\/[^@]+/, (c) => c.toLowerCase());
    if (lower !== name) m.text = lower + m.text.slice(command.length);
  }
  return next();
};
