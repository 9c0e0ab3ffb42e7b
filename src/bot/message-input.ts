// A message as the engine's input: its text, its file, or what it is when it is neither (a sticker),
// for the "please type" hint.
import type { Message } from 'grammy/types';
import type { Input } from '../engine/step.ts';
import type { FileRef } from '../engine/types.ts';

export function inputOf(m: Message): Input {
  if (m.text !== undefined) return { kind: 'text', text: m.text };
  const file = fileOf(m);
  return file ? { kind: 'file', file } : { kind: 'unsupported', what: kindOf(m) };
}

function fileOf(m: Message): FileRef | undefined {
  const caption = m.caption ? { caption: m.caption.slice(0, 500) } : {};
  if (m.photo?.length) return { fileId: m.photo[m.photo.length - 1]!.file_id, kind: 'photo', ...caption };
  // recordings keep their length: reports list voice notes with it
  if (m.voice) return { fileId: m.voice.file_id, kind: 'voice', duration: m.voice.duration, ...caption };
  if (m.audio) return { fileId: m.audio.file_id, kind: 'audio', duration: m.audio.duration, ...caption };
  if (m.video) return { fileId: m.video.file_id, kind: 'video', duration: m.video.duration, ...caption };
  if (m.video_note) return { fileId: m.video_note.file_id, kind: 'video', duration: m.video_note.duration, ...caption };
  // a video sent as a file is still a video: it is asked about faces like one
  if (m.document) return { fileId: m.document.file_id, kind: (m.document.mime_type ?? '').startsWith('video/') ? 'video' : 'document', ...caption };
  return undefined;
}

/** What the message is, for the "please send text" hint. */
function kindOf(m: Message): string {
  if (m.sticker) return 'sticker';
  if (m.animation) return 'animation';
  if (m.location || m.venue) return 'location';
  if (m.contact) return 'contact';
  if (m.poll) return 'poll';
  return 'other';
}

/**
 * A picture sent as a file keeps its EXIF, GPS position included; sent as a photo, Telegram
 * re-encodes it without. We never store the file: the worker is asked to send it as a photo.
 */
export function isImageFile(m: Message): boolean {
  const d = m.document;
  if (!d) return false;
  return (d.mime_type ?? '').startsWith('image/') || /\.(jpe?g|png|heic|heif|webp|tiff?|gif|bmp|dng)$/i.test(d.file_name ?? '');
}
