// The Bot API answered in-process, the way api.telegram.org would, without a network. It is given
// to each bot as its API client's `fetch` (grammY's client option), so the bot's own transformers
// (auto-retry, "not modified") and grammY's request building still run — and, unlike a transformer
// on bot.api, it also reaches the Api objects that @grammyjs/conversations builds inside a
// conversation (those do not inherit bot.api's transformers). It keeps, per chat, only the newest few
// messages with buttons (what a simulated worker may press), and forgets a chat when its worker is
// done, so it holds no memory of finished workers. The same stub serves our bot and both peers.
import type { Update, UserFromGetMe } from 'grammy/types';

export const BOT_INFO: UserFromGetMe = {
  id: 999000, is_bot: true, first_name: 'Pendamping', username: 'pendamping_bench_bot',
  can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false,
  can_connect_to_business: false, has_main_web_app: false,
} as UserFromGetMe;

interface Button {
  text: string;
  callback_data: string;
}
interface Chat {
  nextId: number;
  /** newest last: message id → its buttons */
  keyboards: { id: number; buttons: Button[] }[];
}

const KEEP = 4;

function buttonsOf(markup: unknown): Button[] {
  const kb = (markup as { inline_keyboard?: Button[][] } | undefined)?.inline_keyboard;
  return kb ? kb.flat().filter((b) => typeof b.callback_data === 'string') : [];
}

export class StubTelegram {
  calls = 0;
  /** JSON bytes of the requests the bot made */
  bytes = 0;
  readonly byMethod = new Map<string, number>();
  private readonly chats = new Map<number, Chat>();
  private updateId = 1;
  private query = 0;
  private readonly date = Math.floor(Date.now() / 1000);

  /** grammY's `client.fetch`: `${apiRoot}/bot<token>/<method>` with a JSON body. */
  readonly fetch = async (url: string | URL, init?: { body?: unknown }): Promise<{ json(): Promise<unknown> }> => {
    const href = String(url);
    const method = href.slice(href.lastIndexOf('/') + 1);
    const body = typeof init?.body === 'string' ? init.body : '{}';
    this.calls++;
    this.byMethod.set(method, (this.byMethod.get(method) ?? 0) + 1);
    this.bytes += Buffer.byteLength(body);
    const response = { ok: true, result: this.answer(method, JSON.parse(body) as Record<string, unknown>) };
    return { json: async () => response };
  };

  /** Client options that send every call of a bot here. */
  get client(): { fetch: never; apiRoot: string } {
    return { fetch: this.fetch as never, apiRoot: 'http://stub.invalid' };
  }

  private chat(id: number): Chat {
    let c = this.chats.get(id);
    if (!c) {
      c = { nextId: 1, keyboards: [] };
      this.chats.set(id, c);
    }
    return c;
  }

  private setButtons(chat: Chat, id: number, markup: unknown): void {
    const i = chat.keyboards.findIndex((k) => k.id === id);
    if (i !== -1) chat.keyboards.splice(i, 1);
    const buttons = buttonsOf(markup);
    if (buttons.length === 0) return;
    chat.keyboards.push({ id, buttons });
    if (chat.keyboards.length > KEEP) chat.keyboards.shift();
  }

  private answer(method: string, p: Record<string, unknown>): unknown {
    const chatId = Number(p.chat_id);
    switch (method) {
      case 'getMe':
        return BOT_INFO;
      case 'sendMessage': {
        const chat = this.chat(chatId);
        const id = chat.nextId++;
        this.setButtons(chat, id, p.reply_markup);
        return this.message(chatId, id, p);
      }
      case 'editMessageText':
      case 'editMessageReplyMarkup':
      case 'editMessageCaption': {
        const chat = this.chat(chatId);
        const id = Number(p.message_id);
        this.setButtons(chat, id, p.reply_markup);
        return this.message(chatId, id, p);
      }
      default:
        return true;
    }
  }

  private message(chatId: number, id: number, p: Record<string, unknown>): unknown {
    return {
      message_id: id,
      date: this.date,
      chat: { id: chatId, type: 'private', first_name: 'Pekerja' },
      from: BOT_INFO,
      ...(typeof p.text === 'string' ? { text: p.text } : {}),
      ...(p.reply_markup ? { reply_markup: p.reply_markup } : {}),
    };
  }

  private user(id: number) {
    return { id, is_bot: false, first_name: 'Pekerja', language_code: 'id' };
  }

  /** The worker types a message (a command gets its bot_command entity). */
  text(userId: number, text: string): Update {
    const chat = this.chat(userId);
    const command = /^\/\S+/.exec(text);
    return {
      update_id: this.updateId++,
      message: {
        message_id: chat.nextId++,
        date: this.date,
        chat: { id: userId, type: 'private', first_name: 'Pekerja' },
        from: this.user(userId),
        text,
        ...(command ? { entities: [{ type: 'bot_command', offset: 0, length: command[0].length }] } : {}),
      },
    } as Update;
  }

  /** The worker presses the button labelled `label` (or starting with it) on the newest message that has one. */
  tap(userId: number, label: string, prefix: boolean): Update {
    const chat = this.chat(userId);
    for (let i = chat.keyboards.length - 1; i >= 0; i--) {
      const k = chat.keyboards[i]!;
      const b = k.buttons.find((x) => (prefix ? x.text.startsWith(label) : x.text === label));
      if (!b) continue;
      return {
        update_id: this.updateId++,
        callback_query: {
          id: String(++this.query),
          from: this.user(userId),
          chat_instance: `-${userId}`,
          // as Telegram does: the pressed message comes with its buttons
          message: { message_id: k.id, date: this.date, chat: { id: userId, type: 'private', first_name: 'Pekerja' }, from: BOT_INFO, text: '', reply_markup: { inline_keyboard: [k.buttons] } },
          data: b.callback_data,
        },
      } as Update;
    }
    const seen = chat.keyboards.map((k) => k.buttons.map((b) => b.text).join(' | ')).join(' // ');
    throw new Error(`worker ${userId}: no button "${label}" (buttons: ${seen || 'none'})`);
  }

  forget(userId: number): void {
    this.chats.delete(userId);
  }

  get chatsKept(): number {
    return this.chats.size;
  }
}
