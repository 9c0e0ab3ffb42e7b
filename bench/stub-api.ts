// The Bot API answered in-process, the way api.telegram.org would, without a network: the playground's
// simulator (src/playground/telegram-sim.ts), called directly. It is given to each bot as its API
// client's `fetch` (grammY's client option), so the bot's own transformers (auto-retry, "not
// modified") and grammY's request building still run — and, unlike a transformer on bot.api, it also
// reaches the Api objects that @grammyjs/conversations builds inside a conversation (those do not
// inherit bot.api's transformers). The simulator keeps, per chat, only the newest few messages (what a
// simulated worker may press), and forgets a chat when its worker is done, so it holds no memory of
// finished workers. The same stub serves our bot and both peers.
import type { Update, UserFromGetMe } from 'grammy/types';
import { TelegramSim } from '../src/playground/telegram-sim.ts';

export const BOT_INFO: UserFromGetMe = {
  id: 999000, is_bot: true, first_name: 'Pendamping', username: 'pendamping_bench_bot',
  can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false,
  can_connect_to_business: false, has_main_web_app: false,
} as UserFromGetMe;

/** messages kept per chat: a worker presses a button of one of the last few */
const KEEP = 8;
const WORKER = { firstName: 'Pekerja', languageCode: 'id' };

function buttonsOf(markup: unknown): string[] {
  return ((markup as { inline_keyboard?: Array<Array<{ text: string }>> } | undefined)?.inline_keyboard ?? []).flat().map((b) => b.text);
}

/** The simulator builds Telegram's JSON; grammY's Update is the type of that JSON. */
const asUpdate = (json: Record<string, unknown>): Update => json as unknown as Update;

export class StubTelegram {
  calls = 0;
  /** JSON bytes of the requests the bot made */
  bytes = 0;
  readonly byMethod = new Map<string, number>();
  // updates go straight to bot.handleUpdate: none is queued for getUpdates
  private readonly sim = new TelegramSim({ botUsername: BOT_INFO.username, botId: BOT_INFO.id, queueUpdates: false, keepMessages: KEEP });

  /** grammY's `client.fetch`: `${apiRoot}/bot<token>/<method>` with a JSON body. */
  readonly fetch = async (url: string | URL, init?: { body?: unknown }): Promise<{ json(): Promise<unknown> }> => {
    const href = String(url);
    const method = href.slice(href.lastIndexOf('/') + 1);
    const body = typeof init?.body === 'string' ? init.body : '{}';
    this.calls++;
    this.byMethod.set(method, (this.byMethod.get(method) ?? 0) + 1);
    this.bytes += Buffer.byteLength(body);
    const response = this.sim.call(method, JSON.parse(body) as Record<string, unknown>);
    return { json: async () => response };
  };

  /** Client options that send every call of a bot here. */
  get client(): { fetch: never; apiRoot: string } {
    return { fetch: this.fetch as never, apiRoot: 'http://stub.invalid' };
  }

  /** The worker types a message (a command gets its bot_command entity). */
  text(userId: number, text: string): Update {
    return asUpdate(this.sim.sendText(userId, text, WORKER));
  }

  /** The worker presses the button labelled `label` (or starting with it) on the newest message that has one. */
  tap(userId: number, label: string, prefix: boolean): Update {
    const found = this.sim.findButton(userId, (text) => (prefix ? text.startsWith(label) : text === label));
    if (found) return asUpdate(this.sim.pressButton(userId, found.messageId, found.data));
    const seen = this.sim.messages(userId).map((m) => buttonsOf(m.reply_markup).join(' | ')).filter(Boolean).join(' // ');
    throw new Error(`worker ${userId}: no button "${label}" (buttons: ${seen || 'none'})`);
  }

  forget(userId: number): void {
    this.sim.forget(userId);
  }

  get chatsKept(): number {
    return this.sim.chatCount;
  }
}
