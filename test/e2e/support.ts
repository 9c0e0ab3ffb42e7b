// Helpers for end-to-end tests that run the real bot process (src/main.ts) against the fake Bot API:
// spawning and killing the process, talking to it like a user, and reading what it stored in Redis.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Redis } from 'ioredis';
import type { ApiCall, FakeBotApi, FakeMessage } from '../support/fake-bot-api.ts';
import type { SessionData } from '../../src/bot/context.ts';
import type { DataCipher } from '../../src/store/crypto.ts';
import type { Keys } from '../../src/store/keys.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Every wait for the bot is bounded by this. */
export const WAIT_MS = 10_000;

export { deletePrefix, redisUrl } from '../support/redis.ts';

// ---------------------------------------------------------------------------
// The bot process

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** One run of `node --import tsx src/main.ts`; its output goes into a shared log, prefixed with its name. */
export class BotProcess {
  readonly exited: Promise<Exit>;
  private exit: Exit | undefined;

  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
  ) {
    this.exited = new Promise<Exit>((resolve) => {
      child.once('exit', (code, signal) => {
        this.exit = { code, signal };
        resolve(this.exit);
      });
    });
  }

  static start(name: string, env: Record<string, string>, log: string[]): BotProcess {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const collect = (stream: NodeJS.ReadableStream | null, label: string) => {
      stream?.setEncoding('utf8');
      stream?.on('data', (chunk: string) => {
        for (const line of chunk.split('\n')) if (line.trim()) log.push(`[${name} ${label}] ${line}`);
      });
    };
    collect(child.stdout, 'out');
    collect(child.stderr, 'err');
    child.once('exit', (code, signal) => log.push(`[${name}] exited: code=${String(code)} signal=${String(signal)}`));
    return new BotProcess(name, child);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.exit === undefined;
  }

  /** Sends the signal and waits (≤ WAIT_MS) for the process to end. */
  async stop(signal: NodeJS.Signals): Promise<Exit> {
    if (!this.running) return this.exit!;
    this.child.kill(signal);
    return withTimeout(this.exited, WAIT_MS, `${this.name} did not exit within ${WAIT_MS} ms after ${signal}`);
  }

  /** Last resort (afterAll): never leave a process behind. */
  forceKill(): void {
    if (this.running) this.child.kill('SIGKILL');
  }
}

export function withTimeout<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------
// Messages and buttons

export interface Button {
  text: string;
  callback_data: string;
}

export function buttons(m: FakeMessage | undefined): Button[] {
  const kb = (m?.reply_markup as { inline_keyboard?: Button[][] } | undefined)?.inline_keyboard;
  return kb ? kb.flat() : [];
}

export function findButton(m: FakeMessage | undefined, label: string | RegExp): Button {
  const b = buttons(m).find((x) => (typeof label === 'string' ? x.text === label : label.test(x.text)));
  if (!b) {
    const shown = buttons(m).map((x) => JSON.stringify(x.text)).join(', ') || '(no buttons)';
    throw new Error(`no button ${String(label)} on message ${m?.message_id ?? '?'} ${JSON.stringify(m?.text?.slice(0, 120))}; buttons: ${shown}`);
  }
  return b;
}

export function textOf(call: ApiCall): string {
  const t = call.payload['text'] ?? call.payload['caption'];
  return typeof t === 'string' ? t : '';
}

function isOutgoing(c: ApiCall, userId: number): boolean {
  return (
    ['sendmessage', 'editmessagetext', 'senddocument', 'sendphoto'].includes(c.method.toLowerCase()) &&
    Number(c.payload['chat_id']) === userId &&
    c.response?.ok === true
  );
}

/**
 * The beginnings of the bot's "that did not work" messages (locales/id.ftl: invalid-*, error-*,
 * stale-button, …), so a wait for the next question fails at once, with the bot's words, instead
 * of running into its timeout.
 */
function complaintPrefixes(): string[] {
  const ftl = readFileSync(path.join(ROOT, 'locales/id.ftl'), 'utf8');
  const keys = /^(invalid-[\w-]+|error-[\w-]+|stale-button|activity-gone|no-activity|unknown-command|idle-text|not-allowed) = (.*)$/;
  const out: string[] = [];
  for (const line of ftl.split('\n')) {
    const m = keys.exec(line);
    const head = m?.[2]?.split('{')[0]?.trim();
    if (head && head.length >= 6) out.push(head.slice(0, 24));
  }
  return out;
}

const COMPLAINTS = complaintPrefixes();

export class BotComplained extends Error {}

/** The user's side of the chat: send something, wait for the bot's answer to it. */
export class User {
  constructor(
    readonly fake: FakeBotApi,
    readonly id: number,
  ) {}

  message(id: number): FakeMessage {
    const m = this.fake.messages(this.id).find((x) => x.message_id === id);
    if (!m) throw new Error(`the chat has no bot message ${id}`);
    return m;
  }

  last(): FakeMessage {
    const m = this.fake.lastMessage(this.id);
    if (!m) throw new Error('the bot has sent nothing yet');
    return m;
  }

  /** Messages the bot sent or edited in this chat since call index `from`. */
  outgoingSince(from: number): ApiCall[] {
    return this.fake.calls.slice(from).filter((c) => isOutgoing(c, this.id));
  }

  /**
   * Does `act` and waits for a sendMessage whose text matches `expect`; a complaint (an invalid-*
   * hint, an error) fails at once. Returns the message as the chat now shows it.
   */
  async expectReply(act: () => unknown, expect: RegExp, opts: { allowComplaints?: boolean } = {}): Promise<{ msg: FakeMessage; call: ApiCall; from: number; update: Record<string, unknown> }> {
    const from = this.fake.calls.length;
    const update = act() as Record<string, unknown>;
    const call = await this.fake.waitForCall(
      (c) => {
        if (!isOutgoing(c, this.id) || c.method.toLowerCase() === 'editmessagetext') return false;
        const text = textOf(c);
        if (expect.test(text)) return true;
        // a hint comes as "⚠️ <hint>" with the question again under it
        const head = text.replace(/^⚠️ /, '');
        if (!opts.allowComplaints && COMPLAINTS.some((p) => head.startsWith(p))) throw new BotComplained(`the bot answered ${JSON.stringify(text)} while ${String(expect)} was expected`);
        return false;
      },
      { fromIndex: from, timeoutMs: WAIT_MS },
    );
    const result = (call.response as { result?: { message_id?: number } } | undefined)?.result;
    return { msg: this.message(result?.message_id ?? -1), call, from, update };
  }

  say(text: string, expect: RegExp, opts?: { allowComplaints?: boolean }) {
    return this.expectReply(() => this.fake.sendText(this.id, text, { languageCode: 'id' }), expect, opts);
  }

  press(on: FakeMessage, label: string | RegExp, expect: RegExp) {
    const b = findButton(on, label);
    return this.expectReply(() => this.fake.pressButton(this.id, on.message_id, b.callback_data), expect);
  }

  /** Presses a button that edits its own message (a multi toggle); returns the edited message. */
  async pressInPlace(on: FakeMessage, label: string | RegExp): Promise<FakeMessage> {
    const b = findButton(on, label);
    const from = this.fake.calls.length;
    this.fake.pressButton(this.id, on.message_id, b.callback_data);
    await this.fake.waitForCall(
      (c) => c.method === 'editMessageText' && Number(c.payload['message_id']) === on.message_id && c.response?.ok === true,
      { fromIndex: from, timeoutMs: WAIT_MS },
    );
    return this.message(on.message_id);
  }
}

// ---------------------------------------------------------------------------
// Redis

export class Stored {
  constructor(
    readonly redis: Redis,
    readonly keys: Keys,
    readonly cipher: DataCipher,
    readonly userId: number,
  ) {}

  async session(): Promise<SessionData | undefined> {
    const data = await this.redis.hget(this.keys.session(this.userId), 'data');
    return data ? this.cipher.open<SessionData>(data) : undefined;
  }

  /**
   * Waits until the update is written with the session (the session hash keeps the highest update
   * applied, so a replay is skipped): from then on a crash can no longer lose it.
   */
  async handled(updateId: number): Promise<SessionData> {
    const until = Date.now() + WAIT_MS;
    for (;;) {
      const [upd] = await this.redis.hmget(this.keys.session(this.userId), 'upd');
      const s = await this.session();
      if (s && Number(upd ?? 0) >= updateId) return s;
      if (Date.now() > until) {
        throw new Error(`update ${updateId} was not stored within ${WAIT_MS} ms (highest applied: ${upd ?? 'none'})`);
      }
      await sleep(15);
    }
  }
}
