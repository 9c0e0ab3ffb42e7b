// A typed text the bot asked for outside a form: the organisation's name, a supervisor's feedback.
// It is the next text only: any other update ends the wait.
import type { BotContext } from '../context.ts';
import { createOrg } from './organisation.ts';
import { recordFeedback } from './review.ts';

export async function awaitingText(ctx: BotContext, next: () => Promise<void>): Promise<void> {
  const w = ctx.session.awaiting;
  if (!w) return next();
  const text = ctx.message?.text?.trim();
  if (!text || text.startsWith('/')) {
    ctx.session.awaiting = undefined;
    return next();
  }
  if (w.kind === 'org-name') {
    ctx.session.awaiting = undefined;
    await createOrg(ctx, text);
  } else {
    await recordFeedback(ctx, text);
  }
}
