// Everything a user sends while writing: typed answers, files, form buttons and the form commands
// (/lewati, /kembali, /batal, /panduan). A sticker where text was asked gets a hint, never a crash.
import { Composer } from 'grammy';
import type { Input } from '../../engine/step.ts';
import type { Question } from '../../engine/types.ts';
import { dateShortcuts } from '../../engine/answers.ts';
import { inputOf, isImageFile } from '../message-input.ts';
import type { FormOp } from '../../telegram/callback-data.ts';
import type { BotContext } from '../context.ts';
import { Buttons } from '../buttons.ts';
import { feed, notifyStale, resolve } from '../activity/runner.ts';
import { ack } from '../actions.ts';

export const answers = new Composer<BotContext>();
export const answersButtons = new Buttons();

answers.command(['lewati', 'skip'], (ctx) => feed(ctx, { kind: 'skip' }));
answers.command(['kembali', 'back'], (ctx) => feed(ctx, { kind: 'back' }));
answers.command(['batal', 'cancel'], (ctx) => feed(ctx, { kind: 'cancel' }));
answers.command(['panduan', 'guide'], (ctx) => feed(ctx, { kind: 'guide' }));

answersButtons.on('form', async (ctx, a) => {
  const act = ctx.session.activity;
  if (!act || act.token !== a.token) return notifyStale(ctx);
  const r = resolve(ctx, act);
  const q = r?.form.questions[a.q];
  // ✖️ and ℹ️ name no answer: pressed under a question already answered, they are stale like every
  // other old button, never an action on the note as it is now. The review's ✖️ carries an index
  // past the last question.
  const reviewCancel = a.op === 'x' && act.form.cursor === null && r !== undefined && a.q === r.form.questions.length;
  const old = (a.op === 'x' || a.op === 'g') && !reviewCancel && (act.form.cursor === null || q?.id !== act.form.cursor);
  const input: Input | undefined = reviewCancel ? { kind: 'cancel' } : q && !old ? toInput(a.op, q, a.a) : undefined;
  if (!input) return notifyStale(ctx);
  // Acknowledged once the engine ran (in feed), so a press the engine finds stale gets the alert
  // instead; whatever feed left unanswered is answered here.
  await feed(ctx, input);
  ack(ctx);
});

/** The open question takes a file (a picture sent as a file is then asked for again, as a photo). */
function askingForFile(ctx: BotContext, act: NonNullable<BotContext['session']['activity']>): boolean {
  const cursor = act.form.cursor;
  return cursor !== null && resolve(ctx, act)?.form.questions.find((x) => x.id === cursor)?.type === 'file';
}

function optionValue(q: Question, index: number): string | undefined {
  switch (q.type) {
    case 'choice':
    case 'multi':
      return q.options[index]?.value;
    case 'yesno':
      return index === 1 ? 'true' : index === 0 ? 'false' : undefined;
    case 'scale':
      return q.min + index <= q.max ? String(q.min + index) : undefined;
    case 'date':
      return dateShortcuts(q)[index];
    default:
      return undefined;
  }
}

function toInput(op: FormOp, q: Question, arg: number): Input | undefined {
  const questionId = q.id;
  switch (op) {
    case 'c': {
      const value = optionValue(q, arg);
      return value === undefined ? undefined : { kind: 'choice', questionId, value };
    }
    case 't': {
      const value = optionValue(q, arg);
      return value === undefined ? undefined : { kind: 'toggle', questionId, value };
    }
    case 'm': return { kind: 'more', questionId };
    case 'd': return { kind: 'done', questionId };
    case 'k': return { kind: 'keep', questionId };
    case 'r': return { kind: 'carry', questionId };
    case 's': return { kind: 'skip', questionId };
    case 'b': return { kind: 'back', questionId };
    case 'g': return { kind: 'guide' };
    case 'e': return { kind: 'edit', questionId };
    case 'v': return { kind: 'save' };
    case 'x': return { kind: 'cancel' };
    case 'y': return { kind: 'cancel-confirm', yes: true };
    case 'n': return { kind: 'cancel-confirm', yes: false };
  }
}

answers.on('message', async (ctx, next) => {
  const m = ctx.message;
  const act = ctx.session.activity;
  if (!act) return next();
  if (m.text?.startsWith('/')) return next(); // a command not handled above: the fallback answers
  if (isImageFile(m) && askingForFile(ctx, act)) return ctx.reply(ctx.t('photo-as-file'));
  const input = inputOf(m);
  if (input.kind === 'file' && m.media_group_id) {
    // An album arrives as one message per photo: the first answers the question, the rest are
    // not answers to the next one. (Only the first is kept.)
    if (act.mediaGroup === m.media_group_id) return;
    act.mediaGroup = m.media_group_id;
  }
  return feed(ctx, input);
});
