// The tests' Telegram: the playground's simulator (src/playground/telegram-sim.ts) served over HTTP
// (src/playground/bot-api-http.ts), with the probes a test asserts through (bot-api-probes.ts):
// every call recorded, waits, failNext, holdNext. One fake of the Bot API for the tests, the
// benchmark's flood and export runs, and the reminder tests' worker processes (each on a port of its
// own: `listen`).
import { BotApiHttp } from '../../src/playground/bot-api-http.ts';
import { TelegramSim } from '../../src/playground/telegram-sim.ts';
import { ApiProbes, type ApiCall, type Hold, type WaitOptions } from './bot-api-probes.ts';

export type { ApiResponse, BotCommand, ChatMessage, FakeMessage, SimEvent, StoredFile, TelegramErrorSpec } from '../../src/playground/telegram-sim.ts';
export type { ApiCall, HeldCall, Hold, WaitOptions } from './bot-api-probes.ts';

export interface FakeBotApiOptions {
  /** 0 (default) = random free port. */
  port?: number;
  botUsername?: string;
  botId?: number;
  /** Keep every call in `calls` (default): tests assert on them. */
  recordCalls?: boolean;
  /** the bot's token; without it, the first token a call names (a test's bot calls first) */
  token?: string;
}

export class FakeBotApi extends TelegramSim {
  private readonly probes: ApiProbes;
  private http: BotApiHttp | undefined;

  private constructor(opts: FakeBotApiOptions) {
    super({ ...(opts.botUsername !== undefined ? { botUsername: opts.botUsername } : {}), ...(opts.botId !== undefined ? { botId: opts.botId } : {}) });
    this.probes = new ApiProbes(opts.recordCalls ?? true);
  }

  static async start(opts: FakeBotApiOptions = {}): Promise<FakeBotApi> {
    const fake = new FakeBotApi(opts);
    fake.http = await BotApiHttp.start(fake, { ...(opts.port !== undefined ? { port: opts.port } : {}), ...(opts.token !== undefined ? { token: opts.token } : {}), use: [fake.probes.middleware] });
    return fake;
  }

  get url(): string {
    return this.http!.url;
  }

  get calls(): ApiCall[] {
    return this.probes.calls;
  }

  /** Another port onto the same chats: calls through it carry `via: name`. */
  listen(name: string): Promise<string> {
    return this.http!.listen(name);
  }

  waitForCall(pred: (c: ApiCall) => boolean, opts?: WaitOptions): Promise<ApiCall> {
    return this.probes.waitForCall(pred, opts);
  }

  waitForReply(userId: number, opts?: WaitOptions & { match?: RegExp }): Promise<ApiCall> {
    return this.probes.waitForReply(userId, opts);
  }

  failNext(...args: Parameters<ApiProbes['failNext']>): void {
    this.probes.failNext(...args);
  }

  holdNext(method: string): () => void {
    return this.probes.holdNext(method);
  }

  holdWhile(...args: Parameters<ApiProbes['holdWhile']>): Hold {
    return this.probes.holdWhile(...args);
  }

  override clear(): void {
    super.clear();
    this.probes.calls.length = 0;
  }

  async stop(): Promise<void> {
    this.probes.stop();
    await this.http?.stop();
  }
}
