// A typed text the bot asked for outside a form: the organisation's name, a supervisor's feedback,
// the note on why a case ends.
// It is the next text only: any other update ends the wait.
import type { BotContext } from '../context.ts';
import { decode } from '../../telegram/callback-data.ts';
import { createOrg } from './organisation/index.ts';
import { recordFeedback } from './review.ts';
import { recordEndNote } from './case-ending.ts';

export async function awaitingText(ctx: BotContext, next: () => Promise<void>): Promise<void> {
  const w = ctx.session.awaiting;
  if (!w) return next();
  // "end without a note" answers the wait for an ending's note: it is not another update
  const pressed = ctx.callbackQuery?.data ? decode(ctx.callbackQuery.data) : undefined;
  if (w.kind === 'end-note' && pressed?.kind === 'end-now' && pressed.caseId === w.caseId) return next();
  const text = ctx.message?.text?.trim();
  if (!text || text.startsWith('/')) {
    ctx.session.awaiting = undefined;
    return next();
  }
  if (w.kind === 'org-name') {
    ctx.session.awaiting = undefined;
    await createOrg(ctx, text);
  } else if (w.kind === 'end-note') {
    await recordEndNote(ctx, text);
  } else {
    await recordFeedback(ctx, text);
  }
}
