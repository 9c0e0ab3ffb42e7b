// Client data stays in the chat: every message the bot sends is protected (Telegram's
// `protect_content`: no forwarding, no saving), unless its sender says otherwise — an invitation link
// is meant to be passed on, so it is sent with `protect_content: false`. Installed on every Api the
// bot sends through (the bot's, the send queue's, the export worker's) as a grammY transformer.
import type { Transformer } from 'grammy';

/** The Bot API methods that take `protect_content`. */
const SENDS: ReadonlySet<string> = new Set([
  'sendMessage', 'sendPhoto', 'sendDocument', 'sendVoice', 'sendVideo', 'sendAudio', 'sendAnimation',
  'sendVideoNote', 'sendMediaGroup', 'sendLocation', 'sendContact', 'copyMessage', 'forwardMessage',
]);

export function protectContent(): Transformer {
  return (prev, method, payload, signal) => {
    const p = payload as { protect_content?: boolean } | undefined;
    if (!SENDS.has(method) || !p || p.protect_content !== undefined) return prev(method, payload, signal);
    return prev(method, { ...payload, protect_content: true }, signal);
  };
}
