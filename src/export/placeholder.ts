// The "⏳ Sedang disiapkan…" message the bot answered an export's request with (its id travels in
// the job): it never stays behind. The export's first text to the user — a refusal, "no scale
// answers", a failure — is written into it; files are sent as new messages (Telegram cannot turn a
// text into a document) and the placeholder is deleted once they are out. The export's code is
// unchanged: it talks through `api`, whose sendMessage does this.
import type { Api } from 'grammy';

type SendMessage = Api['sendMessage'];

export class Placeholder {
  /** the placeholder, until a text took its place or it was deleted */
  private pending: number | undefined;
  /** The Bot API as the export uses it: the first plain text to the user edits the placeholder. */
  readonly api: Api;
  private readonly chatId: number;
  private readonly raw: Api;

  constructor(api: Api, chatId: number, messageId: number | undefined) {
    this.raw = api;
    this.chatId = chatId;
    this.pending = messageId;
    const sendMessage: SendMessage = async (chat, text, other, signal) => {
      const id = chat === this.chatId && other === undefined ? this.take() : undefined;
      if (id !== undefined) {
        const edited = await api.editMessageText(chat, id, text).catch(() => undefined);
        // (deleted by the user, or too old to edit: the text comes as a message of its own)
        if (edited !== undefined && edited !== true) return edited as Awaited<ReturnType<SendMessage>>;
      }
      return api.sendMessage(chat, text, other, signal);
    };
    // every other method is the Bot API's own (its prototype)
    this.api = Object.create(api, { sendMessage: { value: sendMessage } }) as Api;
  }

  /** The files are out: the placeholder goes (failing to delete it fails no export). */
  async remove(): Promise<void> {
    const id = this.take();
    if (id !== undefined) await this.raw.deleteMessage(this.chatId, id).catch(() => undefined);
  }

  private take(): number | undefined {
    const id = this.pending;
    this.pending = undefined;
    return id;
  }
}
