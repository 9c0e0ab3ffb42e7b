/**
 * A Telegram Bot API server inside the process: the playground's Telegram, and the tests' fake.
 *
 * The real bot is started with its API root pointed at `BotApiServer.url` (grammY builds
 * `${apiRoot}/bot<TOKEN>/<method>`), so every request it makes is answered here the way
 * api.telegram.org would answer it, and kept per chat. The "users" are driven from outside
 * (`sendText`, `pressButton`, `uploadPhoto`…): by a test, or by the playground's web page, which
 * follows every chat through `onEvent`.
 *
 * Like Telegram it answers only its bot's token (`/bot<token>/<method>`): 401 Unauthorized for
 * another, 404 Not Found for something that is no token. The token is given (`token`), or is the
 * first one it is called with. It listens on 127.0.0.1, where any local process or a web page the
 * developer opens could reach it: the token is what keeps them from reading or sending the chats.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isUploadedFile, parsePayload, readBody, type Json } from './multipart.ts';

export { readBody, type Json, type UploadedFile } from './multipart.ts';

export interface TelegramErrorSpec {
  error_code: number;
  description: string;
  parameters?: Record<string, unknown>;
}

export type ApiResponse = { ok: true; result: unknown } | ({ ok: false } & TelegramErrorSpec);

export interface ApiCall {
  method: string;
  token: string;
  payload: Record<string, unknown>;
  at: number;
  /** What the fake answered; set once the response is decided (later for held getUpdates). */
  response?: ApiResponse;
}

export interface FakeBotApiOptions {
  /** 0 (default) = random free port. */
  port?: number;
  botUsername?: string;
  botId?: number;
  /**
   * Keep every call in `calls` (default): tests assert on them. The playground runs for days and
   * follows chats through `onEvent` instead, so it turns this off and memory stays flat.
   */
  recordCalls?: boolean;
  /** the bot's token; without it, the first token a call names (a test's bot calls first) */
  token?: string;
}

export interface FakeMessage {
  message_id: number;
  text?: string;
  caption?: string;
  parse_mode?: string;
  reply_markup?: unknown;
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

export type ServerEvent =
  | { type: 'message'; chatId: number; message: ChatMessage }
  | { type: 'delete'; chatId: number; messageId: number }
  | { type: 'alert'; chatId: number; text: string; showAlert: boolean }
  | { type: 'typing'; chatId: number }
  | { type: 'commands' }
  | { type: 'reset' };

export interface BotCommand {
  command: string;
  description: string;
}

export interface StoredFile {
  bytes: Buffer;
  fileName?: string;
  mimeType?: string;
}

export interface WaitOptions {
  fromIndex?: number;
  timeoutMs?: number;
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

interface Poller {
  offset: number;
  limit: number;
  res: ServerResponse;
  finish(updates: Json[]): void;
}

interface Waiter {
  fromIndex: number;
  pred: (c: ApiCall) => boolean;
  resolve(c: ApiCall): void;
  reject(e: Error): void;
}

type Outcome = ApiResponse;

const OUTGOING_METHODS = new Set(['sendmessage', 'editmessagetext', 'senddocument', 'sendphoto']);

/** Methods that only acknowledge; the payload is kept in `calls` for assertions. */
const TRUE_METHODS = new Set(
  [
    'deleteWebhook',
    'setWebhook',
    'deleteMyCommands',
    'setChatMenuButton',
    'setMyDescription',
    'setMyShortDescription',
    'setMyName',
  ].map((m) => m.toLowerCase()),
);

const MAX_TEXT = 4096;
const MAX_CAPTION = 1024;

const NOT_MODIFIED =
  'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message';

function ok(result: unknown): Outcome {
  return { ok: true, result };
}

function fail(error_code: number, description: string, parameters?: Record<string, unknown>): Outcome {
  return parameters ? { ok: false, error_code, description, parameters } : { ok: false, error_code, description };
}

const badRequest = (what: string): Outcome => fail(400, `Bad Request: ${what}`);

/** What a bot token looks like: `<bot id>:<secret>`. */
const TOKEN_SHAPE = /^\d+:[\w-]+$/;

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

function toInt(v: unknown): number | undefined {
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

// ---------------------------------------------------------------------------

export class BotApiServer {
  readonly url: string;
  readonly calls: ApiCall[] = [];
  readonly botUsername: string;

  private readonly server: Server;
  private readonly botUser: Json;
  private readonly record: boolean;
  private readonly queue: Json[] = [];
  private readonly pollers = new Set<Poller>();
  private readonly waiters = new Set<Waiter>();
  private readonly chats = new Map<number, ChatState>();
  private readonly files = new Map<string, StoredFile>();
  /** setMyCommands by language_code ('' = every language) */
  private readonly commandMenus = new Map<string, BotCommand[]>();
  /** callback query id → the chat it came from, so an answer's alert reaches the right chat */
  private readonly queries = new Map<string, number>();
  private readonly listeners = new Set<(e: ServerEvent) => void>();
  private readonly failures = new Map<string, Array<{ error: TelegramErrorSpec; remaining: number }>>();
  private readonly holds = new Map<string, Promise<void>[]>();
  /** the one token answered (see the header) */
  private token: string | undefined;
  private nextUpdateId = 100_001;
  private seq = 0;
  private stopped = false;

  private constructor(server: Server, url: string, opts: FakeBotApiOptions) {
    this.server = server;
    this.url = url;
    this.record = opts.recordCalls ?? true;
    this.token = opts.token;
    this.botUsername = opts.botUsername ?? 'pendamping_test_bot';
    this.botUser = {
      id: opts.botId ?? 999_000,
      is_bot: true,
      first_name: 'Pendamping',
      username: this.botUsername,
    };
  }

  static async start(opts: FakeBotApiOptions = {}): Promise<BotApiServer> {
    let self: BotApiServer | undefined;
    const server = createServer((req, res) => {
      // The instance exists before listen() resolves, so no request can arrive earlier.
      void self?.onRequest(req, res);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    const { port } = server.address() as AddressInfo;
    self = new BotApiServer(server, `http://127.0.0.1:${port}`, opts);
    return self;
  }

  // -------------------------------------------------------------------------
  // Updates from "users"

  pushUpdate(update: Record<string, unknown>): Record<string, unknown> {
    const given = toInt(update['update_id']);
    const full: Json = given === undefined ? { update_id: this.nextUpdateId, ...update } : update;
    this.nextUpdateId = Math.max(this.nextUpdateId, (given ?? this.nextUpdateId) + 1);
    this.queue.push(full);
    for (const poller of [...this.pollers]) {
      const ready = this.pending(poller.offset, poller.limit);
      if (ready.length > 0) poller.finish(ready);
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
      date: stored?.date ?? nowSeconds(),
      chat: this.chatObject(userId, chat),
      from: stored && !stored.fromBot ? this.userObject(userId, chat) : this.botUser,
    };
    if (stored?.msg.text !== undefined) message['text'] = stored.msg.text;
    if (stored?.msg.caption !== undefined) message['caption'] = stored.msg.caption;
    if (stored?.msg.reply_markup !== undefined) message['reply_markup'] = stored.msg.reply_markup;
    const id = `${userId}${String(++this.seq).padStart(6, '0')}`;
    this.queries.set(id, userId);
    return this.pushUpdate({
      callback_query: {
        id,
        from: this.userObject(userId, chat),
        message,
        chat_instance: `-${userId}77`,
        data,
      },
    });
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
    const document = {
      file_id: id,
      file_unique_id: `u-${id}`,
      ...(file.fileName !== undefined ? { file_name: file.fileName } : {}),
      mime_type: file.mimeType ?? 'application/octet-stream',
      file_size: file.bytes.length,
    };
    const message: Json = { ...this.userMessageBase(userId, chat), document };
    this.storeUserMessage(userId, chat, message, { document: { file_id: id, bytes: file.bytes, ...(file.fileName !== undefined ? { file_name: file.fileName } : {}) } });
    return this.pushUpdate({ message });
  }

  sendSticker(userId: number): Record<string, unknown> {
    const chat = this.chat(userId);
    const id = this.newFileId('sticker');
    const sticker = {
      file_id: id,
      file_unique_id: `u-${id}`,
      type: 'regular',
      width: 512,
      height: 512,
      is_animated: false,
      is_video: false,
      emoji: '👍',
      set_name: 'TestStickers',
      file_size: 20_000,
    };
    const message: Json = { ...this.userMessageBase(userId, chat), sticker };
    this.storeUserMessage(userId, chat, message, { text: '👍' });
    return this.pushUpdate({ message });
  }

  /** The Telegram language of a user's next updates (the page's language switch). */
  setUser(userId: number, opts: { languageCode?: string; firstName?: string }): void {
    this.chat(userId, opts);
  }

  // -------------------------------------------------------------------------
  // What the page reads

  onEvent(listener: (e: ServerEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Both sides of a chat, oldest first. */
  chatMessages(chatId: number): ChatMessage[] {
    const chat = this.chats.get(chatId);
    if (!chat) return [];
    return [...chat.messages.values()].sort((a, b) => a.msg.message_id - b.msg.message_id).map((m) => this.view(m));
  }

  /** The command menu a user of this Telegram language sees (its own list, else the default). */
  commands(languageCode: string): BotCommand[] {
    return this.commandMenus.get(languageCode) ?? this.commandMenus.get('') ?? [];
  }

  file(fileId: string): StoredFile | undefined {
    return this.files.get(fileId);
  }

  /** Forgets every chat, update and file (the playground's Reset); the command menu stays. */
  clear(): void {
    this.queue.length = 0;
    this.calls.length = 0;
    this.chats.clear();
    this.files.clear();
    this.queries.clear();
    this.emit({ type: 'reset' });
  }

  // -------------------------------------------------------------------------
  // Assertions helpers

  waitForCall(pred: (c: ApiCall) => boolean, opts: WaitOptions = {}): Promise<ApiCall> {
    const fromIndex = opts.fromIndex ?? 0;
    const timeoutMs = opts.timeoutMs ?? 5000;
    for (let i = fromIndex; i < this.calls.length; i++) {
      const c = this.calls[i];
      if (c && pred(c)) return Promise.resolve(c);
    }
    if (this.stopped) return Promise.reject(new Error('FakeBotApi is stopped'));
    return new Promise<ApiCall>((resolve, reject) => {
      const waiter: Waiter = {
        fromIndex,
        pred,
        resolve: (c) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(c);
        },
        reject: (e) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          reject(e);
        },
      };
      const timer = setTimeout(() => {
        waiter.reject(new Error(`FakeBotApi: no matching call within ${timeoutMs} ms. ${this.describeRecentCalls()}`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  waitForReply(userId: number, opts: WaitOptions & { match?: RegExp } = {}): Promise<ApiCall> {
    const { match, ...rest } = opts;
    return this.waitForCall((c) => {
      if (!OUTGOING_METHODS.has(c.method.toLowerCase())) return false;
      // A call the fake rejected (failNext, 400) never reached the user.
      if (c.response?.ok !== true) return false;
      if (toInt(c.payload['chat_id']) !== userId) return false;
      if (!match) return true;
      const text = c.payload['text'] ?? c.payload['caption'] ?? '';
      return match.test(typeof text === 'string' ? text : '');
    }, rest);
  }

  /** Waits for a bot message (new or edited) in a chat that `pred` accepts; works without `calls`. */
  waitForMessage(chatId: number, pred: (m: ChatMessage) => boolean, timeoutMs = 10_000): Promise<ChatMessage> {
    return new Promise((resolve, reject) => {
      const off = this.onEvent((e) => {
        if (e.type === 'message' && e.chatId === chatId && e.message.fromBot && pred(e.message)) {
          clearTimeout(timer);
          off();
          resolve(e.message);
        }
      });
      const timer = setTimeout(() => {
        off();
        const last = this.chatMessages(chatId).at(-1);
        reject(new Error(`no matching bot message in chat ${chatId} within ${timeoutMs} ms; last: ${JSON.stringify(last?.text ?? last)}`));
      }, timeoutMs);
    });
  }

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

  failNext(method: string, error: TelegramErrorSpec, times = 1): void {
    const key = method.toLowerCase();
    const list = this.failures.get(key) ?? [];
    list.push({ error, remaining: times });
    this.failures.set(key, list);
  }

  /**
   * The next call of `method` arrives (it is in `calls` at once) but is answered only when the
   * returned function is called: a slow Telegram, for tests of what waits for what.
   */
  holdNext(method: string): () => void {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const key = method.toLowerCase();
    this.holds.set(key, [...(this.holds.get(key) ?? []), released]);
    return release;
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    const held = [...this.pollers];
    for (const poller of held) poller.finish([]);
    for (const waiter of [...this.waiters]) waiter.reject(new Error('FakeBotApi stopped while waiting'));
    // Let the empty poll answers reach the socket before connections are torn down.
    await Promise.all(held.map((p) => flushed(p.res)));
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      // grammY uses a keep-alive agent; idle sockets would otherwise hold close() open.
      this.server.closeAllConnections();
    });
  }

  // -------------------------------------------------------------------------
  // HTTP

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let body: Buffer;
    try {
      body = await readBody(req);
    } catch {
      res.destroy();
      return;
    }
    const url = new URL(req.url ?? '/', this.url);
    const download = /^\/file\/bot([^/]*)\/files\/([^/]+)$/.exec(url.pathname);
    if (download) {
      if (!this.isBotToken(decodeURIComponent(download[1] ?? ''))) send(res, fail(404, 'Not Found'));
      else this.serveFile(decodeURIComponent(download[2] ?? ''), res);
      return;
    }
    // grammY's test environment inserts "/test" before the method name.
    const route = /^\/bot([^/]*)\/(?:test\/)?([^/]+)$/.exec(url.pathname);
    if (!route) {
      send(res, fail(404, 'Not Found'));
      return;
    }
    const token = decodeURIComponent(route[1] ?? '');
    const method = decodeURIComponent(route[2] ?? '');
    if (!this.isBotToken(token)) {
      // as Telegram: a token of the right shape is unauthorised, anything else is no such page
      send(res, TOKEN_SHAPE.test(token) ? fail(401, 'Unauthorized') : fail(404, 'Not Found'));
      return;
    }
    let payload: Json;
    try {
      payload = parsePayload(req.headers['content-type'], body, url.searchParams);
    } catch (e) {
      const call: ApiCall = { method, token, payload: {}, at: Date.now() };
      this.answer(call, res, badRequest(`can't parse request body: ${(e as Error).message}`));
      this.recordCall(call);
      return;
    }
    const call: ApiCall = { method, token, payload, at: Date.now() };
    const held = this.holds.get(method.toLowerCase())?.shift();
    if (held) {
      this.recordCall(call);
      await held;
      this.answer(call, res, this.handle(method, payload));
      return;
    }
    const failure = this.takeFailure(method);
    if (failure) {
      this.answer(call, res, fail(failure.error_code, failure.description, failure.parameters));
    } else if (method.toLowerCase() === 'getupdates') {
      this.poll(call, res);
    } else {
      this.answer(call, res, this.handle(method, payload));
    }
    this.recordCall(call);
  }

  /** The bot's token (learnt from the first call when none was given). */
  private isBotToken(token: string): boolean {
    if (this.token === undefined && TOKEN_SHAPE.test(token)) this.token = token;
    return token === this.token;
  }

  private serveFile(fileId: string, res: ServerResponse): void {
    const file = this.files.get(fileId);
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': file.mimeType ?? 'application/octet-stream', 'content-length': file.bytes.length });
    res.end(file.bytes);
  }

  private recordCall(call: ApiCall): void {
    // Held getUpdates calls are recorded as they arrive (their answer comes later), as before.
    if (!this.record) return;
    this.calls.push(call);
    this.notify(this.calls.length - 1);
  }

  private answer(call: ApiCall, res: ServerResponse, outcome: Outcome): void {
    call.response = outcome;
    send(res, outcome);
  }

  private takeFailure(method: string): TelegramErrorSpec | undefined {
    const list = this.failures.get(method.toLowerCase());
    const head = list?.[0];
    if (!list || !head) return undefined;
    head.remaining -= 1;
    if (head.remaining <= 0) list.shift();
    return head.error;
  }

  private notify(index: number): void {
    const call = this.calls[index];
    if (!call) return;
    for (const waiter of [...this.waiters]) {
      if (index < waiter.fromIndex) continue;
      try {
        if (waiter.pred(call)) waiter.resolve(call);
      } catch (e) {
        waiter.reject(e instanceof Error ? e : new Error(String(e)));
      }
    }
  }

  private emit(e: ServerEvent): void {
    for (const listener of [...this.listeners]) listener(e);
  }

  private describeRecentCalls(): string {
    // getUpdates would crowd out the interesting calls, so it is only counted.
    const polls = this.calls.filter((c) => c.method === 'getUpdates').length;
    const recent = this.calls.filter((c) => c.method !== 'getUpdates').slice(-10);
    const lines = recent.map((c) => {
      const text = c.payload['text'] ?? c.payload['caption'];
      const status = c.response === undefined ? 'pending' : c.response.ok ? 'ok' : `error ${c.response.error_code}`;
      const chat = c.payload['chat_id'] === undefined ? '' : ` chat=${String(c.payload['chat_id'])}`;
      return `  ${c.method}${chat} [${status}]${typeof text === 'string' ? ` ${JSON.stringify(text.slice(0, 200))}` : ''}`;
    });
    return `Last ${recent.length} calls (plus ${polls} getUpdates):\n${lines.join('\n') || '  (none)'}`;
  }

  // -------------------------------------------------------------------------
  // getUpdates

  private pending(offset: number, limit: number): Json[] {
    return this.queue.filter((u) => (toInt(u['update_id']) ?? 0) >= offset).slice(0, limit);
  }

  private poll(call: ApiCall, res: ServerResponse): void {
    const offset = toInt(call.payload['offset']) ?? 0;
    const limit = Math.min(100, Math.max(1, toInt(call.payload['limit']) ?? 100));
    const timeout = Math.max(0, toInt(call.payload['timeout']) ?? 0);
    // Asking for offset N confirms every update below N.
    if (offset > 0) {
      for (let i = this.queue.length - 1; i >= 0; i--) {
        if ((toInt(this.queue[i]?.['update_id']) ?? 0) < offset) this.queue.splice(i, 1);
      }
    }
    const ready = this.pending(offset, limit);
    if (ready.length > 0 || timeout === 0 || this.stopped) {
      this.answer(call, res, ok(ready));
      return;
    }
    let done = false;
    const poller: Poller = {
      offset,
      limit,
      res,
      finish: (updates) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        this.pollers.delete(poller);
        this.answer(call, res, ok(updates));
      },
    };
    const timer = setTimeout(() => poller.finish([]), timeout * 1000);
    // grammY aborts the held request on bot.stop(); forget the poller so pushes don't target a dead socket.
    res.on('close', () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      this.pollers.delete(poller);
    });
    this.pollers.add(poller);
  }

  // -------------------------------------------------------------------------
  // Method handlers

  private handle(method: string, p: Json): Outcome {
    const m = method.toLowerCase();
    if (TRUE_METHODS.has(m)) return ok(true);
    switch (m) {
      case 'getme':
        return ok({
          ...this.botUser,
          can_join_groups: true,
          can_read_all_group_messages: false,
          supports_inline_queries: false,
        });
      case 'sendmessage':
        return this.sendMessage(p);
      case 'senddocument':
        return this.sendDocument(p);
      case 'sendphoto':
        return this.sendBotPhoto(p);
      case 'copymessage':
        return this.copyMessage(p);
      case 'editmessagetext':
        return this.editMessage(p, 'text');
      case 'editmessagecaption':
        return this.editMessage(p, 'caption');
      case 'editmessagereplymarkup':
        return this.editMessage(p, 'markup');
      case 'deletemessage':
        return this.deleteMessage(p);
      case 'getfile':
        return this.getFile(p);
      case 'setmycommands':
        return this.setMyCommands(p);
      case 'getmycommands':
        return ok(this.commands(typeof p['language_code'] === 'string' ? p['language_code'] : ''));
      case 'answercallbackquery':
        return this.answerCallbackQuery(p);
      case 'sendchataction': {
        const chatId = toInt(p['chat_id']);
        if (chatId !== undefined) this.emit({ type: 'typing', chatId });
        return ok(true);
      }
      default:
        return fail(404, 'Not Found');
    }
  }

  private targetChat(p: Json): { id: number; chat: ChatState } | Outcome {
    const id = toInt(p['chat_id']);
    if (id === undefined) return badRequest('chat not found');
    return { id, chat: this.chat(id) };
  }

  private sendMessage(p: Json): Outcome {
    const target = this.targetChat(p);
    if ('ok' in target) return target;
    const text = p['text'];
    if (typeof text !== 'string' || text.trim() === '') return badRequest('message text is empty');
    if ((visibleLength(text, p['parse_mode']) ?? 0) > MAX_TEXT) return badRequest('message is too long');
    return ok(this.storeBotMessage(target.id, target.chat, { text, ...this.common(p) }));
  }

  private sendDocument(p: Json): Outcome {
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
    return ok(this.storeBotMessage(target.id, target.chat, { document, ...this.caption(p), ...this.common(p) }));
  }

  private sendBotPhoto(p: Json): Outcome {
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
    return ok(this.storeBotMessage(target.id, target.chat, { photo, ...this.caption(p), ...this.common(p) }));
  }

  private copyMessage(p: Json): Outcome {
    const target = this.targetChat(p);
    if ('ok' in target) return target;
    const fromChat = this.chats.get(toInt(p['from_chat_id']) ?? NaN);
    const source = fromChat?.messages.get(toInt(p['message_id']) ?? NaN);
    if (!source) return badRequest('message to copy not found');
    // The copy gets its own id (storeBotMessage overrides message_id) and no keyboard unless one is passed.
    const msg: Omit<FakeMessage, 'message_id'> = { ...source.msg, reply_markup: undefined };
    if (p['caption'] !== undefined) Object.assign(msg, this.caption(p));
    Object.assign(msg, this.common(p));
    const stored = this.storeBotMessage(target.id, target.chat, msg);
    // copyMessage answers with a bare MessageId, not a Message.
    return ok({ message_id: stored['message_id'] });
  }

  private editMessage(p: Json, kind: 'text' | 'caption' | 'markup'): Outcome {
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
      if ((visibleLength(text, p['parse_mode']) ?? 0) > MAX_TEXT) return badRequest('message is too long');
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
    this.emit({ type: 'message', chatId, message: this.view(stored) });
    return ok({ ...this.messageObject(chatId, chat, stored), edit_date: nowSeconds() });
  }

  private deleteMessage(p: Json): Outcome {
    const chatId = toInt(p['chat_id']);
    const chat = this.chats.get(chatId ?? NaN);
    const messageId = toInt(p['message_id']);
    if (!chat || chatId === undefined || messageId === undefined || !chat.messages.delete(messageId)) {
      return badRequest('message to delete not found');
    }
    this.emit({ type: 'delete', chatId, messageId });
    return ok(true);
  }

  private getFile(p: Json): Outcome {
    const fileId = typeof p['file_id'] === 'string' ? p['file_id'] : '';
    const file = this.files.get(fileId);
    if (!file) return badRequest('invalid file_id');
    return ok({ file_id: fileId, file_unique_id: `u-${fileId}`, file_size: file.bytes.length, file_path: `files/${fileId}` });
  }

  private setMyCommands(p: Json): Outcome {
    if (!Array.isArray(p['commands'])) return badRequest('commands must be an array');
    const lang = typeof p['language_code'] === 'string' ? p['language_code'] : '';
    this.commandMenus.set(lang, (p['commands'] as BotCommand[]).map(({ command, description }) => ({ command, description })));
    this.emit({ type: 'commands' });
    return ok(true);
  }

  private answerCallbackQuery(p: Json): Outcome {
    const id = typeof p['callback_query_id'] === 'string' ? p['callback_query_id'] : String(p['callback_query_id'] ?? '');
    const chatId = this.queries.get(id);
    this.queries.delete(id);
    if (chatId !== undefined && typeof p['text'] === 'string' && p['text'] !== '') {
      this.emit({ type: 'alert', chatId, text: p['text'], showAlert: p['show_alert'] === true });
    }
    return ok(true);
  }

  private checkCaption(p: Json): Outcome | undefined {
    const caption = p['caption'];
    if (typeof caption === 'string' && (visibleLength(caption, p['parse_mode']) ?? 0) > MAX_CAPTION) {
      return badRequest('message caption is too long');
    }
    return undefined;
  }

  private caption(p: Json): Pick<FakeMessage, 'caption'> {
    return typeof p['caption'] === 'string' ? { caption: p['caption'] } : {};
  }

  private common(p: Json): Pick<FakeMessage, 'reply_markup' | 'parse_mode'> {
    const out: Pick<FakeMessage, 'reply_markup' | 'parse_mode'> = {};
    if (p['reply_markup'] !== undefined) out.reply_markup = p['reply_markup'];
    if (typeof p['parse_mode'] === 'string') out.parse_mode = p['parse_mode'];
    return out;
  }

  // -------------------------------------------------------------------------
  // Chat state

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
    return {
      message_id: chat.nextMessageId++,
      from: this.userObject(userId, chat),
      chat: this.chatObject(userId, chat),
      date: nowSeconds(),
    };
  }

  private storeUserMessage(chatId: number, chat: ChatState, message: Json, content: Omit<FakeMessage, 'message_id'>): void {
    const messageId = message['message_id'] as number;
    const stored: StoredMessage = { fromBot: false, date: message['date'] as number, msg: { message_id: messageId, ...content } };
    chat.messages.set(messageId, stored);
    this.emit({ type: 'message', chatId, message: this.view(stored) });
  }

  private storeBotMessage(chatId: number, chat: ChatState, content: Omit<FakeMessage, 'message_id'>): Json {
    const stored: StoredMessage = { fromBot: true, date: nowSeconds(), msg: { ...content, message_id: chat.nextMessageId++ } };
    chat.messages.set(stored.msg.message_id, stored);
    this.emit({ type: 'message', chatId, message: this.view(stored) });
    return this.messageObject(chatId, chat, stored);
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

/** The name the tests have always used. */
export { BotApiServer as FakeBotApi };

function flushed(res: ServerResponse): Promise<void> {
  if (res.writableFinished || res.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    res.once('finish', () => resolve());
    res.once('close', () => resolve());
  });
}

function send(res: ServerResponse, outcome: Outcome): void {
  if (res.destroyed || res.writableEnded) return;
  const body = JSON.stringify(outcome);
  res.writeHead(outcome.ok ? 200 : outcome.error_code, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}
