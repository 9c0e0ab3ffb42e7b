// A note shown in full shows its documentation too: the photo, voice note or document the worker
// attached is sent again by its Telegram file id (no download: the file stays on Telegram's servers),
// protected like every message (src/telegram/protect-content.ts), with the question as its caption.
import type { InlineKeyboardMarkup } from 'grammy/types';
import type { BotContext } from './context.ts';
import type { NoteRecord } from '../store/records.ts';
import type { FileRef } from '../engine/types.ts';
import { pick, type Lang } from '../cases/labels.ts';
import { cut } from '../telegram/format.ts';

/** At most this many files under one note: a view stays a few messages. */
const MAX_FILES = 5;

function isFile(v: unknown): v is FileRef {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && 'fileId' in v && 'kind' in v;
}

/** The files attached to a note, in note order (at most MAX_FILES). */
function noteFiles(note: NoteRecord, l: Lang): { file: FileRef; label: string }[] {
  return note.items.flatMap((i) => (isFile(i.value) ? [{ file: i.value, label: pick(i.label, l) }] : [])).slice(0, MAX_FILES);
}

export function hasNoteFiles(note: NoteRecord): boolean {
  return note.items.some((i) => isFile(i.value));
}

/**
 * Sends the note's files under its text; a file Telegram no longer has is skipped, not fatal.
 * `markup` goes under the last file sent (the buttons stay at the bottom of the chat); returns
 * whether it was placed.
 */
export async function sendNoteFiles(ctx: BotContext, note: NoteRecord, l: Lang, markup?: InlineKeyboardMarkup): Promise<boolean> {
  const files = noteFiles(note, l);
  let placed = false;
  for (const [i, { file, label }] of files.entries()) {
    const caption = cut(file.caption ? `${label} — ${file.caption}` : label, 1000);
    const extra = { caption, ...(markup && i === files.length - 1 ? { reply_markup: markup } : {}) };
    try {
      if (file.kind === 'photo') await ctx.replyWithPhoto(file.fileId, extra);
      else if (file.kind === 'voice') await ctx.replyWithVoice(file.fileId, extra);
      else if (file.kind === 'audio') await ctx.replyWithAudio(file.fileId, extra);
      else if (file.kind === 'video') await ctx.replyWithVideo(file.fileId, extra);
      else await ctx.replyWithDocument(file.fileId, extra);
      if (extra.reply_markup) placed = true;
    } catch (err) {
      ctx.log.warn({ err, kind: file.kind }, 'a note’s file could not be sent again');
    }
  }
  return placed;
}
