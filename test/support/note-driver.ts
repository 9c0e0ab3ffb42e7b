// Answers a note the way a worker would, whatever questions its flow asks: it looks at the question
// the session says is current and presses its buttons or types, as a person reading the screen
// would. Tests name only the answers they are about (`answers`); the rest get plain defaults.
import type { Question } from '../../src/engine/types.ts';
import { ADMIN, buttons, type Harness } from './bot-harness.ts';
import type { FakeMessage } from './fake-bot-api.ts';

/** A button label to press (a choice, a yes/no, a scale point), several for a multi, or a text. */
export type Answer = { tap: string } | { tick: string[] } | { type: string } | { photo: true } | 'skip' | 'carry';

export async function currentQuestion(h: Harness, user: number): Promise<Question | undefined> {
  const act = (await h.workspace(user)).session?.activity;
  if (!act || act.kind === 'intake' || act.form.cursor === null) return undefined;
  return h.catalog.stage(act.flowId, act.stageId, act.flowVersion)?.questions.find((q) => q.id === act.form.cursor);
}

function defaultAnswer(q: Question): Answer {
  if (q.optional) return 'skip';
  switch (q.type) {
    case 'choice': return { tap: q.options[0]!.label.id };
    // the options on screen: a stage's usual ones (`first`) until "Peran lain…" is pressed
    case 'multi': return { tick: [(q.first ? q.options.find((o) => q.first!.includes(o.value))! : q.options[0]!).label.id] };
    case 'yesno': return { tap: 'Ya' };
    case 'scale': return { tap: String(q.max) };
    case 'number': return { type: String(q.min ?? 1) };
    case 'date': return { type: q.allow === 'future' ? 'besok' : 'hari ini' };
    case 'file': return { photo: true };
    case 'initials': return { type: 'Si' };
    default: return { type: `Jawaban untuk ${q.id}.` };
  }
}

/** The caller's text for a free-text question, if it has one for it. */
function typedAnswer(q: Question, text: ((questionId: string, q: Question) => string | undefined) | undefined): Answer | undefined {
  if (!text || (q.type !== 'text' && q.type !== 'longtext')) return undefined;
  const typed = text(q.id, q);
  return typed === undefined ? undefined : { type: typed };
}

/** The newest message with a button whose text is exactly `label` (or starts with it). */
function press(h: Harness, user: number, label: string): Promise<FakeMessage[]> {
  const messages = h.fake.messages(user);
  for (let i = messages.length - 1; i >= 0; i--) {
    const bs = buttons(messages[i]);
    const b = bs.find((x) => x.text === label) ?? bs.find((x) => x.text.replace(/^✅ /, '') === label) ?? bs.find((x) => x.text.startsWith(label));
    if (b) return h.press(messages[i]!.message_id, b.callback_data, user);
  }
  throw new Error(`no button "${label}"; last: ${JSON.stringify(messages.at(-1)?.text)}`);
}

/**
 * Answers questions until the review (or until the question `until` is asked, unanswered);
 * returns the ids asked, in order. `answers` overrides the default per question id; `text`, when
 * given, types its answer to every free-text question (text and longtext, optional ones too) that
 * `answers` does not name — undefined from it leaves that question to the default.
 */
export async function fillNote(
  h: Harness,
  opts: { user?: number; answers?: Record<string, Answer>; until?: string; text?: (questionId: string, q: Question) => string | undefined } = {},
): Promise<string[]> {
  const user = opts.user ?? ADMIN;
  const asked: string[] = [];
  for (let guard = 0; guard < 60; guard++) {
    const q = await currentQuestion(h, user);
    if (!q || q.id === opts.until) return asked;
    asked.push(q.id);
    const a = opts.answers?.[q.id] ?? typedAnswer(q, opts.text) ?? defaultAnswer(q);
    if (a === 'skip') await press(h, user, '⏭ Lewati');
    else if (a === 'carry') await press(h, user, '↩️ Seperti sesi lalu');
    else if ('tap' in a) await press(h, user, a.tap);
    else if ('type' in a) await h.say(a.type, { user });
    else if ('photo' in a) await h.handle(h.fake.sendPhoto(user, 'AgADphoto'), user);
    else {
      for (const label of a.tick) await press(h, user, label);
      await press(h, user, '✔️ Selesai');
    }
    if (asked.filter((x) => x === q.id).length > 3) throw new Error(`stuck at ${q.id}: ${h.last(user).text}`);
  }
  throw new Error('the note did not reach its review');
}
