/**
 * Telegram, simulated: the Bot API's answers and the users' side of the chats, as plain state and
 * functions — no sockets, no timers, no clock of its own (`now` is given).
 *
 *  - a method call and its payload give the outcome api.telegram.org would give (`call`), and change
 *    the chats as Telegram would (a sent message gets the chat's next id, an edit that changes
 *    nothing is refused, a text over 4096 characters too…);
 *  - what a user does (`sendText`, `pressButton`, `uploadPhoto`…) gives the update Telegram would
 *    deliver, queued for getUpdates (`call('getUpdates')` confirms below its offset and returns what
 *    is pending; waiting for one is the transport's business: `onUpdate`);
 *  - the chats' menu buttons (setChatMenuButton) are kept, so the page can show a Mini App's button
 *    and open it as Telegram would (web.ts signs its initData).
 *
 * Served over HTTP by bot-api-http.ts (the playground, the tests' fake with its probes in
 * test/support/), called in process by the benchmark (bench/stub-api.ts). The playground's page
 * follows every chat through `onEvent`.
 */
import { isUploadedFile, type Json, type UploadedFile } from './multipart.ts';

export type { Json, UploadedFile };

export interface TelegramErrorSpec {
  error_code: number;
  description: string;
  parameters?: Record<string, unknown>;
}

export type ApiResponse = { ok: true; result: unknown } | ({ ok: false } & TelegramErrorSpec);

export interface SimOptions {
  botUsername?: string;
  botId?: number;
  /** ms since the epoch: the dates of messages (the playground's movable clock); Date.now by default */
  now?: () => number;
  /** queue users' updates for getUpdates (default); off when the caller hands them to the bot itself */
  queueUpdates?: boolean;
  /** keep only this many newest messages per chat (the benchmark: memory stays flat); default all */
  keepMessages?: number;
}

export interface FakeMessage {
  message_id: number;
  text?: string;
  caption?: string;
  parse_mode?: string;
  reply_markup?: unknown;
  /** sent with protect_content: the chat cannot forward or save it */
  protect_content?: boolean;
  /** `bytes` is empty when the bot re-sent an existing file_id or a URL. */
  document?: { file_name?: string; bytes: Buffer; file_id?: string };
  photo?: { file_id?: string; bytes?: Buffer };
  voice?: { file_id: string };
}

/** A message as the playground's page shows it: either side of the chat, no bytes. */
export interface ChatMessage {
  id: number;
  fromBot: boolean;
  /** seconds, as Telegram's `date` */
  date: number;
  edited?: boolean;
  text?: string;
  caption?: string;
  parseMode?: string;
  replyMarkup?: unknown;
  document?: { fileId: string; fileName?: string; size: number };
  photo?: { fileId: string };
  voice?: { fileId: string };
}

export type SimEvent =
  | { type: 'message'; chatId: number; message: ChatMessage }
  | { type: 'delete'; chatId: number; messageId: number }
  | { type: 'alert'; chatId: number; text: string; showAlert: boolean }
  | { type: 'typing'; chatId: number }
  | { type: 'commands' }
  /** a chat's menu button changed (`chatId`), or the default one (none) */
  | { type: 'menuButton'; chatId?: number }
  | { type: 'reset' };

/** A chat's menu button as getChatMenuButton gives it: a Mini App's, or the ☰ Menu of commands. */
export type MenuButton = { type: 'web_app'; text: string; web_app: { url: string } } | { type: 'commands' };

export interface BotCommand {
  command: string;
  description: string;
}

export interface StoredFile {
  bytes: Buffer;
  fileName?: string;
  mimeType?: string;
}

interface StoredMessage {
  fromBot: boolean;
  date: number;
  edited?: boolean;
  msg: FakeMessage;
}

interface ChatState {
  nextMessageId: number;
  firstName: string;
  languageCode: string;
  messages: Map<number, StoredMessage>;
}

/** Methods that only acknowledge. */
const TRUE_METHODS = new Set(
  ['deleteWebhook', 'setWebhook', 'setMyDescription', 'setMyShortDescription', 'setMyName'].map((m) => m.toLowerCase()),
);

/** A command list's scope and language: a chat's own ('chat:ID'), else the default (every other scope
 *  a private chat sees the same: the bot uses no other). */
function menuKey(p: Json): { scope: string; lang: string } {
  const scope = p['scope'] as { type?: string; chat_id?: unknown } | undefined;
  const chat = scope?.type === 'chat' ? toInt(scope.chat_id) : undefined;
  return { scope: chat !== undefined ? `chat:${chat}` : 'default', lang: typeof p['language_code'] === 'string' ? p['language_code'] : '' };
}

/** Methods whose reply_markup may hold a web_app button (its URL is checked). */
const MARKUP_METHODS = new Set(
  ['sendMessage', 'sendDocument', 'sendPhoto', 'sendVoice', 'sendAudio', 'sendVideo', 'copyMessage', 'editMessageText', 'editMessageCaption', 'editMessageReplyMarkup'].map((m) =>
    m.toLowerCase(),
  ),
);

/**
 * A Mini App's URL as Telegram takes it: https only — and, the one exception, plain http on the
 * developer's own machine with a port (the playground serves its Mini App itself, with no TLS).
 */
export function webAppUrlAllowed(url: unknown): boolean {
  if (typeof url !== 'string') return false;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol === 'https:') return u.hostname !== '';
  return u.protocol === 'http:' && (u.hostname === 'localhost' || u.hostname === '127.0.0.1') && u.port !== '';
}

const MAX_TEXT = 4096;
const MAX_CAPTION = 1024;

const NOT_MODIFIED =
  'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message';

export function ok(result: unknown): ApiResponse {
  return { ok: true, result };
}

export function fail(error_code: number, description: string, parameters?: Record<string, unknown>): ApiResponse {
  return parameters ? { ok: false, error_code, description, parameters } : { ok: false, error_code, description };
}

export const badRequest = (what: string): ApiResponse => fail(400, `Bad Request: ${what}`);

export function toInt(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return Math.trunc(v);
  if (typeof v === 'string' && /^-?\d+$/.test(v.trim())) return Number(v.trim());
  return undefined;
}

/** Key-order-independent JSON, for "is this edit a no-op" comparisons. */
function stableJson(v: unknown): string {
  return JSON.stringify(v ?? null, (_k, val: unknown) => {
    if (val && typeof val === 'object' && !Array.isArray(val)) {
      return Object.fromEntries(Object.entries(val as Json).sort(([a], [b]) => a.localeCompare(b)));
    }
    return val;
  });
}

/** Over Telegram's limit? Only a text longer than the limit is measured (tags don't count: never longer). */
function tooLong(text: string, parseMode: unknown, max: number): boolean {
  return text.length > max && (visibleLength(text, parseMode) ?? 0) > max;
}

/** Length Telegram counts against the limit: entities/tags don't count. MarkdownV2 is not parsed (no check). */
function visibleLength(text: string, parseMode: unknown): number | undefined {
  if (parseMode === undefined) return text.length;
  if (typeof parseMode === 'string' && parseMode.toLowerCase() === 'html') {
    return text
      .replace(/<[^>]*>/g, '')
      .replace(/&(lt|gt|amp|quot|#\d+|#x[0-9a-f]+);/gi, '_').length;
  }
  return undefined;
}

export class TelegramSim {
  readonly botUsername: string;
  private readonly botUser: Json;
  private readonly now: () => number;
  private readonly queueUpdates: boolean;
  private readonly keepMessages: number;
  private readonly queue: Json[] = [];
  private readonly chats = new Map<number, ChatState>();
  private readonly files = new Map<string, StoredFile>();
  /** setMyCommands by scope and language_code: `${scope}|${lang}` ('default' or 'chat:ID'; '' = every language) */
  private readonly commandMenus = new Map<string, BotCommand[]>();
  /** setChatMenuButton: each chat's own, and the default (for chats without one) */
  private readonly chatMenuButtons = new Map<number, MenuButton>();
  private defaultMenuButton: MenuButton | undefined;
  /** callback query id → the chat it came from, so an answer's alert reaches the right chat */
  private readonly queries = new Map<number | string, number>();
  private readonly listeners = new Set<(e: SimEvent) => void>();
  private readonly updateListeners = new Set<() => void>();
  /** method name as called → its handler */
  private readonly handlers = new Map<string, (p: Json) => ApiResponse>();
  private nextUpdateId = 100_001;
  private seq = 0;

  constructor(opts: SimOptions = {}) {
    this.botUsername = opts.botUsername ?? 'pendamping_test_bot';
    this.botUser = { id: opts.botId ?? 999_000, is_bot: true, first_name: 'Pendamping', username: this.botUsername };
    this.now = opts.now ?? Date.now;
    this.queueUpdates = opts.queueUpdates ?? true;
    this.keepMessages = opts.keepMessages ?? Infinity;
  }

  // -------------------------------------------------------------------------
  // The Bot API: method + payload → outcome

  call(method: string, p: Json): ApiResponse {
    // method names are case-insensitive; each spelling is looked up once
    let handler = this.handlers.get(method);
    if (!handler) {
      handler = this.handlerOf(method.toLowerCase());
      this.handlers.set(method, handler);
    }
    return handler(p);
  }

  private handlerOf(m: string): (p: Json) => ApiResponse {
    if (TRUE_METHODS.has(m)) return () => ok(true);
    if (MARKUP_METHODS.has(m)) {
      const handler = this.methodHandler(m);
      return (p) => this.checkMarkup(p) ?? handler(p);
    }
    return this.methodHandler(m);
  }

  private methodHandler(m: string): (p: Json) => ApiResponse {
    switch (m) {
      case 'getme':
        return () => ok({ ...this.botUser, can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false });
      case 'getupdates':
        return (p) => this.getUpdates(p);
      case 'sendmessage':
        return (p) => this.sendMessage(p);
      case 'senddocument':
        return (p) => this.sendDocument(p);
      case 'sendphoto':
        return (p) => this.sendBotPhoto(p);
      // a note's recording or video sent back by its file id (📎 in a saved note)
      case 'sendvoice':
        return (p) => this.sendBotRecording(p, 'voice');
      case 'sendaudio':
        return (p) => this.sendBotRecording(p, 'audio');
      case 'sendvideo':
        return (p) => this.sendBotRecording(p, 'video');
      case 'copymessage':
        return (p) => this.copyMessage(p);
      case 'editmessagetext':
        return (p) => this.editMessage(p, 'text');
      case 'editmessagecaption':
        return (p) => this.editMessage(p, 'caption');
      case 'editmessagereplymarkup':
        return (p) => this.editMessage(p, 'markup');
      case 'deletemessage':
        return (p) => this.deleteMessage(p);
      case 'getfile':
        return (p) => this.getFile(p);
      case 'setmycommands':
        return (p) => this.setMyCommands(p);
      case 'getmycommands':
        return (p) => {
          const { scope, lang } = menuKey(p);
          // a chat's own list as set (Telegram's answer); the default as a user of that language sees it
          return ok(scope === 'default' ? this.commands(lang) : (this.commandMenus.get(`${scope}|${lang}`) ?? []));
        };
      case 'deletemycommands':
        return (p) => {
          const { scope, lang } = menuKey(p);
          this.commandMenus.delete(`${scope}|${lang}`);
          this.emit({ type: 'commands' });
          return ok(true);
        };
      case 'setchatmenubutton':
        return (p) => this.setChatMenuButton(p);
      case 'getchatmenubutton':
        return (p) => {
          const chatId = toInt(p['chat_id']);
          return ok(chatId === undefined ? this.defaultMenuButton ?? { type: 'commands' } : this.menuButton(chatId));
        };
      case 'answercallbackquery':
        return (p) => this.answerCallbackQuery(p);
      case 'sendchataction':
        return (p) => {
          const chatId = toInt(p['chat_id']);
          if (chatId !== undefined && this.listening) this.emit({ type: 'typing', chatId });
          return ok(true);
        };
      default:
        return () => fail(404, 'Not Found');
    }
  }

  /** Asking for offset N confirms every update below N; the rest (up to `limit`) is the answer. */
  private getUpdates(p: Json): ApiResponse {
    const offset = toInt(p['offset']) ?? 0;
    const limit = Math.min(100, Math.max(1, toInt(p['limit']) ?? 100));
    if (offset > 0) {
      for (let i = this.queue.length - 1; i >= 0; i--) {
        if ((toInt(this.queue[i]?.['update_id']) ?? 0) < offset) this.queue.splice(i, 1);
      }
    }
    return ok(this.queue.filter((u) => (toInt(u['update_id']) ?? 0) >= offset).slice(0, limit));
  }

  /** Called whenever a user's update is queued (a held getUpdates answers then). */
  onUpdate(listener: () => void): () => void {
    this.updateListeners.add(listener);
    return () => this.updateListeners.delete(listener);
  }

  // -------------------------------------------------------------------------
  // What users do → the updates Telegram would deliver

  pushUpdate(update: Record<string, unknown>): Record<string, unknown> {
    const given = update['update_id'] === undefined ? undefined : toInt(update['update_id']);
    const full: Json = given === undefined ? Object.assign({ update_id: this.nextUpdateId }, update) : update;
    this.nextUpdateId = Math.max(this.nextUpdateId, (given ?? this.nextUpdateId) + 1);
    if (this.queueUpdates) {
      this.queue.push(full);
      for (const listener of [...this.updateListeners]) listener();
    }
    return full;
  }

  sendText(userId: number, text: string, opts: { languageCode?: string; firstName?: string } = {}): Record<string, unknown> {
    const chat = this.chat(userId, opts);
    const message: Json = { ...this.userMessageBase(userId, chat), text };
    const command = /^\/\S+/.exec(text);
    if (command) message['entities'] = [{ type: 'bot_command', offset: 0, length: command[0].length }];
    this.storeUserMessage(userId, chat, message, { text });
    return this.pushUpdate({ message });
  }

  pressButton(userId: number, messageId: number, data: string): Record<string, unknown> {
    const chat = this.chat(userId);
    const stored = chat.messages.get(messageId);
    const message: Json = {
      message_id: messageId,
      date: stored?.date ?? this.seconds(),
      chat: this.chatObject(userId, chat),
      from: stored && !stored.fromBot ? this.userObject(userId, chat) : this.botUser,
    };
    if (stored?.msg.text !== undefined) message['text'] = stored.msg.text;
    if (stored?.msg.caption !== undefined) message['caption'] = stored.msg.caption;
    if (stored?.msg.reply_markup !== undefined) message['reply_markup'] = stored.msg.reply_markup;
    const id = `${userId}${String(++this.seq).padStart(6, '0')}`;
    this.queries.set(id, userId);
    return this.pushUpdate({ callback_query: { id, from: this.userObject(userId, chat), message, chat_instance: `-${userId}77`, data } });
  }

  sendPhoto(userId: number, fileId?: string): Record<string, unknown> {
    const chat = this.chat(userId);
    const id = fileId ?? this.newFileId('photo');
    const size = this.files.get(id)?.bytes.length ?? 98_000;
    const photo = [
      { file_id: `${id}-s`, file_unique_id: `u-${id}-s`, width: 90, height: 120, file_size: 1_500 },
      { file_id: id, file_unique_id: `u-${id}`, width: 960, height: 1280, file_size: size },
    ];
    const message: Json = { ...this.userMessageBase(userId, chat), photo };
    this.storeUserMessage(userId, chat, message, { photo: { file_id: id } });
    return this.pushUpdate({ message });
  }

  sendVoice(userId: number, fileId?: string): Record<string, unknown> {
    const chat = this.chat(userId);
    const id = fileId ?? this.newFileId('voice');
    const stored = this.files.get(id);
    const voice = { file_id: id, file_unique_id: `u-${id}`, duration: 4, mime_type: stored?.mimeType ?? 'audio/ogg', file_size: stored?.bytes.length ?? 12_000 };
    const message: Json = { ...this.userMessageBase(userId, chat), voice };
    this.storeUserMessage(userId, chat, message, { voice: { file_id: id } });
    return this.pushUpdate({ message });
  }

  /** A photo the user picked on their computer: kept, so getFile and the page can give it back. */
  uploadPhoto(userId: number, file: StoredFile): Record<string, unknown> {
    const id = this.newFileId('photo');
    this.files.set(id, file);
    return this.sendPhoto(userId, id);
  }

  /** A voice note (any audio file) the user picked on their computer. */
  uploadVoice(userId: number, file: StoredFile): Record<string, unknown> {
    const id = this.newFileId('voice');
    this.files.set(id, file);
    return this.sendVoice(userId, id);
  }

  /** A file the user sends as a document (an admin's flow YAML): kept, so getFile and its download work. */
  uploadDocument(userId: number, file: StoredFile): Record<string, unknown> {
    const chat = this.chat(userId);
    const id = this.newFileId('doc');
    this.files.set(id, file);
    const named = file.fileName !== undefined ? { file_name: file.fileName } : {};
    const document = { file_id: id, file_unique_id: `u-${id}`, ...named, mime_type: file.mimeType ?? 'application/octet-stream', file_size: file.bytes.length };
    const message: Json = { ...this.userMessageBase(userId, chat), document };
    this.storeUserMessage(userId, chat, message, { document: { file_id: id, bytes: file.bytes, ...named } });
    return this.pushUpdate({ message });
  }

  sendSticker(userId: number): Record<string, unknown> {
    const chat = this.chat(userId);
    const id = this.newFileId('sticker');
    const sticker = {
      file_id: id, file_unique_id: `u-${id}`, type: 'regular', width: 512, height: 512, is_animated: false, is_video: false,
      emoji: '👍', set_name: 'TestStickers', file_size: 20_000,
    };
    const message: Json = { ...this.userMessageBase(userId, chat), sticker };
    this.storeUserMessage(userId, chat, message, { text: '👍' });
    return this.pushUpdate({ message });
  }

  /** The name and Telegram language of a user's next updates (the page's language switch). */
  setUser(userId: number, opts: { languageCode?: string; firstName?: string }): void {
    this.chat(userId, opts);
  }

  // -------------------------------------------------------------------------
  // Reading the chats

  onEvent(listener: (e: SimEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Both sides of a chat, oldest first. */
  chatMessages(chatId: number): ChatMessage[] {
    const chat = this.chats.get(chatId);
    if (!chat) return [];
    return [...chat.messages.values()].sort((a, b) => a.msg.message_id - b.msg.message_id).map((m) => this.view(m));
  }

  /** The bot's messages in a chat as they stand now (edits applied), oldest first, bytes included. */
  messages(chatId: number): FakeMessage[] {
    const chat = this.chats.get(chatId);
    if (!chat) return [];
    return [...chat.messages.values()]
      .filter((m) => m.fromBot)
      .sort((a, b) => a.msg.message_id - b.msg.message_id)
      .map((m) => ({ ...m.msg }));
  }

  lastMessage(chatId: number): FakeMessage | undefined {
    return this.messages(chatId).at(-1);
  }

  /** The newest bot message in a chat with a button `match` accepts, and that button's data. */
  findButton(chatId: number, match: (label: string) => boolean): { messageId: number; data: string } | undefined {
    const messages = this.chats.get(chatId)?.messages;
    if (!messages) return undefined;
    const newestFirst = [...messages.values()].reverse();
    for (const m of newestFirst) {
      if (!m.fromBot) continue;
      for (const row of (m.msg.reply_markup as { inline_keyboard?: Array<Array<{ text?: unknown; callback_data?: unknown }>> } | undefined)?.inline_keyboard ?? []) {
        for (const b of row) {
          if (typeof b.text === 'string' && typeof b.callback_data === 'string' && match(b.text)) return { messageId: m.msg.message_id, data: b.callback_data };
        }
      }
    }
    return undefined;
  }

  /** The command menu a user of this Telegram language sees: in their chat (`chatId`) its own list
   *  if set, else the default — each in their language, else for every language (Telegram's order). */
  commands(languageCode: string, chatId?: number): BotCommand[] {
    const scopes = chatId !== undefined ? [`chat:${chatId}`, 'default'] : ['default'];
    for (const scope of scopes) {
      const menu = this.commandMenus.get(`${scope}|${languageCode}`) ?? this.commandMenus.get(`${scope}|`);
      if (menu) return menu;
    }
    return [];
  }

  /** The menu button a chat shows: its own, else the default, else the ☰ Menu of commands. */
  menuButton(chatId: number): MenuButton {
    return this.chatMenuButtons.get(chatId) ?? this.defaultMenuButton ?? { type: 'commands' };
  }

  /** The name and Telegram language a user's updates carry (undefined: no chat with them yet). */
  user(userId: number): { firstName: string; languageCode: string } | undefined {
    const chat = this.chats.get(userId);
    return chat && { firstName: chat.firstName, languageCode: chat.languageCode };
  }

  file(fileId: string): StoredFile | undefined {
    return this.files.get(fileId);
  }

  /** Forgets every chat, update and file, and the chats' own menu buttons (the playground's Reset);
   *  the command menu and the default menu button stay (the bot sets those once, at its start). */
  clear(): void {
    this.queue.length = 0;
    this.chats.clear();
    this.files.clear();
    this.queries.clear();
    this.chatMenuButtons.clear();
    this.emit({ type: 'reset' });
  }

  /** Forgets one chat (a simulated user who is done: the benchmark's memory stays flat). */
  forget(chatId: number): void {
    this.chats.delete(chatId);
  }

  get chatCount(): number {
    return this.chats.size;
  }

  // -------------------------------------------------------------------------
  // Method handlers

  private targetChat(p: Json): { id: number; chat: ChatState } | ApiResponse {
    const id = toInt(p['chat_id']);
    if (id === undefined) return badRequest('chat not found');
    return { id, chat: this.chat(id) };
  }

  private sendMessage(p: Json): ApiResponse {
    const id = toInt(p['chat_id']);
    if (id === undefined) return badRequest('chat not found');
    const text = p['text'];
    if (typeof text !== 'string' || text.trim() === '') return badRequest('message text is empty');
    if (tooLong(text, p['parse_mode'], MAX_TEXT)) return badRequest('message is too long');
    return ok(this.storeBotMessage(id, this.chat(id), this.common(p, { text })));
  }

  private sendDocument(p: Json): ApiResponse {
    const target = this.targetChat(p);
    if ('ok' in target) return target;
    const doc = p['document'];
    let document: NonNullable<FakeMessage['document']>;
    if (isUploadedFile(doc)) {
      const fileId = this.newFileId('doc');
      this.files.set(fileId, { bytes: doc.bytes, ...(doc.file_name !== undefined ? { fileName: doc.file_name } : {}) });
      document = { file_name: doc.file_name, bytes: doc.bytes, file_id: fileId };
    } else if (typeof doc === 'string' && doc !== '') {
      const known = this.files.get(doc);
      document = { bytes: known?.bytes ?? Buffer.alloc(0), file_id: doc, ...(known?.fileName !== undefined ? { file_name: known.fileName } : {}) };
    } else return badRequest('there is no document in the request');
    const captionError = this.checkCaption(p);
    if (captionError) return captionError;
    return ok(this.storeBotMessage(target.id, target.chat, this.common(p, { document, ...this.caption(p) })));
  }

  private sendBotPhoto(p: Json): ApiResponse {
    const target = this.targetChat(p);
    if ('ok' in target) return target;
    const raw = p['photo'];
    let photo: NonNullable<FakeMessage['photo']>;
    if (isUploadedFile(raw)) {
      const fileId = this.newFileId('photo');
      this.files.set(fileId, { bytes: raw.bytes, mimeType: 'image/jpeg' });
      photo = { file_id: fileId, bytes: raw.bytes };
    } else if (typeof raw === 'string' && raw !== '') photo = { file_id: raw };
    else return badRequest('there is no photo in the request');
    const captionError = this.checkCaption(p);
    if (captionError) return captionError;
    return ok(this.storeBotMessage(target.id, target.chat, this.common(p, { photo, ...this.caption(p) })));
  }

  /** A recording or a video the bot sends again by its file id: shown as a voice note (a video as a file). */
  private sendBotRecording(p: Json, field: 'voice' | 'audio' | 'video'): ApiResponse {
    const target = this.targetChat(p);
    if ('ok' in target) return target;
    const raw = p[field];
    if (typeof raw !== 'string' || raw === '') return badRequest(`there is no ${field} in the request`);
    const captionError = this.checkCaption(p);
    if (captionError) return captionError;
    const media = field === 'video' ? { document: { file_id: raw, file_name: 'video', bytes: Buffer.alloc(0) } } : { voice: { file_id: raw } };
    return ok(this.storeBotMessage(target.id, target.chat, this.common(p, { ...media, ...this.caption(p) })));
  }

  private copyMessage(p: Json): ApiResponse {
    const target = this.targetChat(p);
    if ('ok' in target) return target;
    const fromChat = this.chats.get(toInt(p['from_chat_id']) ?? NaN);
    const source = fromChat?.messages.get(toInt(p['message_id']) ?? NaN);
    if (!source) return badRequest('message to copy not found');
    // The copy gets its own id (storeBotMessage overrides message_id) and no keyboard unless one is passed.
    const msg: Omit<FakeMessage, 'message_id'> = { ...source.msg, reply_markup: undefined };
    if (p['caption'] !== undefined) Object.assign(msg, this.caption(p));
    this.common(p, msg);
    const stored = this.storeBotMessage(target.id, target.chat, msg);
    // copyMessage answers with a bare MessageId, not a Message.
    return ok({ message_id: stored['message_id'] });
  }

  private editMessage(p: Json, kind: 'text' | 'caption' | 'markup'): ApiResponse {
    // Inline-mode messages are not tracked; Telegram answers `true` for them.
    if (p['inline_message_id'] !== undefined) return ok(true);
    const chatId = toInt(p['chat_id']);
    const messageId = toInt(p['message_id']);
    const chat = chatId === undefined ? undefined : this.chats.get(chatId);
    const stored = messageId === undefined ? undefined : chat?.messages.get(messageId);
    if (chatId === undefined || !chat || !stored) return badRequest('message to edit not found');
    if (!stored.fromBot) return badRequest("message can't be edited");
    const current = stored.msg;
    const next: FakeMessage = { ...current, reply_markup: p['reply_markup'] };
    if (kind === 'text') {
      const text = p['text'];
      if (current.text === undefined) return badRequest('there is no text in the message to edit');
      if (typeof text !== 'string' || text.trim() === '') return badRequest('message text is empty');
      if (tooLong(text, p['parse_mode'], MAX_TEXT)) return badRequest('message is too long');
      next.text = text;
      next.parse_mode = typeof p['parse_mode'] === 'string' ? p['parse_mode'] : undefined;
    } else if (kind === 'caption') {
      if (current.text !== undefined) return badRequest('there is no caption in the message to edit');
      const captionError = this.checkCaption(p);
      if (captionError) return captionError;
      next.caption = typeof p['caption'] === 'string' ? p['caption'] : undefined;
    }
    // Omitting reply_markup in an edit removes the keyboard, exactly like Telegram.
    if (next.text === current.text && next.caption === current.caption && stableJson(next.reply_markup) === stableJson(current.reply_markup)) {
      return fail(400, NOT_MODIFIED);
    }
    stored.msg = next;
    if (kind !== 'markup') stored.edited = true;
    if (this.listening) this.emit({ type: 'message', chatId, message: this.view(stored) });
    return ok({ ...this.messageObject(chatId, chat, stored), edit_date: this.seconds() });
  }

  private deleteMessage(p: Json): ApiResponse {
    const chatId = toInt(p['chat_id']);
    const chat = this.chats.get(chatId ?? NaN);
    const messageId = toInt(p['message_id']);
    if (!chat || chatId === undefined || messageId === undefined || !chat.messages.delete(messageId)) {
      return badRequest('message to delete not found');
    }
    this.emit({ type: 'delete', chatId, messageId });
    return ok(true);
  }

  private getFile(p: Json): ApiResponse {
    const fileId = typeof p['file_id'] === 'string' ? p['file_id'] : '';
    const file = this.files.get(fileId);
    if (!file) return badRequest('invalid file_id');
    return ok({ file_id: fileId, file_unique_id: `u-${fileId}`, file_size: file.bytes.length, file_path: `files/${fileId}` });
  }

  private setMyCommands(p: Json): ApiResponse {
    if (!Array.isArray(p['commands'])) return badRequest('commands must be an array');
    const { scope, lang } = menuKey(p);
    this.commandMenus.set(`${scope}|${lang}`, (p['commands'] as BotCommand[]).map(({ command, description }) => ({ command, description })));
    this.emit({ type: 'commands' });
    return ok(true);
  }

  /** A chat's (`chat_id`) or the default menu button. `default` for a chat: the default's again. */
  private setChatMenuButton(p: Json): ApiResponse {
    const chatId = p['chat_id'] === undefined ? undefined : toInt(p['chat_id']);
    if (p['chat_id'] !== undefined && chatId === undefined) return badRequest('chat not found');
    const raw = (p['menu_button'] ?? { type: 'default' }) as { type?: unknown; text?: unknown; web_app?: { url?: unknown } };
    let button: MenuButton | undefined;
    if (raw.type === 'web_app') {
      const text = raw.text;
      const url = raw.web_app?.url;
      if (typeof text !== 'string' || text.length === 0 || [...text].length > 64) return badRequest('menu button text must be 1-64 characters');
      if (!webAppUrlAllowed(url)) return badRequest(`menu button Web App URL '${String(url)}' is invalid: Only HTTPS links are allowed`);
      button = { type: 'web_app', text, web_app: { url: url as string } };
    } else if (raw.type === 'commands') button = { type: 'commands' };
    else if (raw.type !== 'default') return badRequest('unsupported menu button type');
    if (chatId === undefined) this.defaultMenuButton = button;
    else if (button) this.chatMenuButtons.set(chatId, button);
    else this.chatMenuButtons.delete(chatId);
    this.emit(chatId === undefined ? { type: 'menuButton' } : { type: 'menuButton', chatId });
    return ok(true);
  }

  /** An inline keyboard's web_app buttons open a Mini App: their URL must be one Telegram takes. */
  private checkMarkup(p: Json): ApiResponse | undefined {
    const rows = (p['reply_markup'] as { inline_keyboard?: unknown } | undefined)?.inline_keyboard;
    if (!Array.isArray(rows)) return undefined;
    for (const row of rows as unknown[]) {
      if (!Array.isArray(row)) continue;
      for (const b of row as Array<{ web_app?: { url?: unknown } } | null>) {
        if (b?.web_app === undefined) continue;
        const url = b.web_app?.url;
        if (!webAppUrlAllowed(url)) return badRequest(`inline keyboard button Web App URL '${String(url)}' is invalid: Only HTTPS links are allowed`);
      }
    }
    return undefined;
  }

  private answerCallbackQuery(p: Json): ApiResponse {
    const id = typeof p['callback_query_id'] === 'string' ? p['callback_query_id'] : String(p['callback_query_id'] ?? '');
    const chatId = this.queries.get(id);
    this.queries.delete(id);
    const text = p['text'];
    if (chatId !== undefined && typeof text === 'string' && text !== '') {
      this.emit({ type: 'alert', chatId, text, showAlert: p['show_alert'] === true });
    }
    return ok(true);
  }

  private checkCaption(p: Json): ApiResponse | undefined {
    const caption = p['caption'];
    if (typeof caption === 'string' && tooLong(caption, p['parse_mode'], MAX_CAPTION)) {
      return badRequest('message caption is too long');
    }
    return undefined;
  }

  private caption(p: Json): Pick<FakeMessage, 'caption'> {
    return typeof p['caption'] === 'string' ? { caption: p['caption'] } : {};
  }

  /** `into` with the payload's keyboard and parse mode */
  private common<T extends Partial<FakeMessage>>(p: Json, into: T): T {
    if (p['reply_markup'] !== undefined) into.reply_markup = p['reply_markup'];
    if (typeof p['parse_mode'] === 'string') into.parse_mode = p['parse_mode'];
    if (p['protect_content'] === true || p['protect_content'] === 'true') into.protect_content = true;
    return into;
  }

  // -------------------------------------------------------------------------
  // Chat state

  private seconds(): number {
    return Math.floor(this.now() / 1000);
  }

  private chat(id: number, opts: { languageCode?: string; firstName?: string } = {}): ChatState {
    let chat = this.chats.get(id);
    if (!chat) {
      chat = { nextMessageId: 1, firstName: 'Tester', languageCode: 'id', messages: new Map() };
      this.chats.set(id, chat);
    }
    if (opts.firstName !== undefined) chat.firstName = opts.firstName;
    if (opts.languageCode !== undefined) chat.languageCode = opts.languageCode;
    return chat;
  }

  private chatObject(id: number, chat: ChatState): Json {
    return { id, type: 'private', first_name: chat.firstName };
  }

  private userObject(id: number, chat: ChatState): Json {
    return { id, is_bot: false, first_name: chat.firstName, language_code: chat.languageCode };
  }

  private userMessageBase(userId: number, chat: ChatState): Json {
    return { message_id: chat.nextMessageId++, from: this.userObject(userId, chat), chat: this.chatObject(userId, chat), date: this.seconds() };
  }

  private keep(chat: ChatState, stored: StoredMessage): void {
    chat.messages.set(stored.msg.message_id, stored);
    // ids only grow, so the map's first key is the oldest message
    if (chat.messages.size > this.keepMessages) chat.messages.delete(chat.messages.keys().next().value!);
  }

  private storeUserMessage(chatId: number, chat: ChatState, message: Json, content: Omit<FakeMessage, 'message_id'>): void {
    const messageId = message['message_id'] as number;
    const stored: StoredMessage = { fromBot: false, date: message['date'] as number, msg: { message_id: messageId, ...content } };
    this.keep(chat, stored);
    if (this.listening) this.emit({ type: 'message', chatId, message: this.view(stored) });
  }

  private storeBotMessage(chatId: number, chat: ChatState, content: Omit<FakeMessage, 'message_id'>): Json {
    // the content objects are the handlers' own: numbered in place rather than copied
    const msg: FakeMessage = Object.assign(content, { message_id: chat.nextMessageId++ });
    const stored: StoredMessage = { fromBot: true, date: this.seconds(), msg };
    this.keep(chat, stored);
    if (this.listening) this.emit({ type: 'message', chatId, message: this.view(stored) });
    return this.messageObject(chatId, chat, stored);
  }

  /** A message's view is built only when someone listens (the benchmark does not). */
  private get listening(): boolean {
    return this.listeners.size > 0;
  }

  private emit(e: SimEvent): void {
    for (const listener of [...this.listeners]) listener(e);
  }

  private view(stored: StoredMessage): ChatMessage {
    const { msg } = stored;
    const out: ChatMessage = { id: msg.message_id, fromBot: stored.fromBot, date: stored.date };
    if (stored.edited) out.edited = true;
    if (msg.text !== undefined) out.text = msg.text;
    if (msg.caption !== undefined) out.caption = msg.caption;
    if (msg.parse_mode !== undefined) out.parseMode = msg.parse_mode;
    if (msg.reply_markup !== undefined) out.replyMarkup = msg.reply_markup;
    if (msg.document?.file_id) out.document = { fileId: msg.document.file_id, size: msg.document.bytes.length, ...(msg.document.file_name !== undefined ? { fileName: msg.document.file_name } : {}) };
    if (msg.photo?.file_id) out.photo = { fileId: msg.photo.file_id };
    if (msg.voice) out.voice = { fileId: msg.voice.file_id };
    return out;
  }

  /** The Bot API Message object for a stored message (entities omitted). */
  private messageObject(chatId: number, chat: ChatState, stored: StoredMessage): Json {
    const { msg } = stored;
    const out: Json = {
      message_id: msg.message_id,
      from: stored.fromBot ? this.botUser : this.userObject(chatId, chat),
      chat: this.chatObject(chatId, chat),
      date: stored.date,
    };
    if (msg.text !== undefined) out['text'] = msg.text;
    if (msg.document) {
      const fileId = msg.document.file_id ?? this.newFileId('doc');
      out['document'] = {
        file_id: fileId,
        file_unique_id: `u-${fileId}`,
        ...(msg.document.file_name !== undefined ? { file_name: msg.document.file_name } : {}),
        mime_type: 'application/octet-stream',
        file_size: msg.document.bytes.length,
      };
    }
    if (msg.photo) {
      const fileId = msg.photo.file_id ?? this.newFileId('photo');
      out['photo'] = [
        { file_id: `${fileId}-s`, file_unique_id: `u-${fileId}-s`, width: 90, height: 90, file_size: 1_000 },
        { file_id: fileId, file_unique_id: `u-${fileId}`, width: 800, height: 800, file_size: msg.photo.bytes?.length ?? 50_000 },
      ];
    }
    if (msg.caption !== undefined) out['caption'] = msg.caption;
    if (msg.reply_markup !== undefined) out['reply_markup'] = msg.reply_markup;
    return out;
  }

  private newFileId(kind: string): string {
    return `${kind}-${++this.seq}`;
  }
}
