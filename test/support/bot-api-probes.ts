// What a test asks of the fake Bot API besides Telegram's own behaviour: every call recorded (with
// what it was answered), waiting for a call, making the next call of a method fail with a Telegram
// error, and holding calls unanswered (a slow Telegram; a request in flight when its process dies).
// One middleware around the simulator's HTTP layer (src/playground/bot-api-http.ts).
import type { ApiMiddleware, ApiRequest } from '../../src/playground/bot-api-http.ts';
import { fail, toInt, type ApiResponse, type TelegramErrorSpec } from '../../src/playground/telegram-sim.ts';

export interface ApiCall {
  method: string;
  token: string;
  payload: Record<string, unknown>;
  at: number;
  /** the port it came through: 'main', or a name given to FakeBotApi.listen */
  via: string;
  /** What the fake answered; set once the response is decided (later for held calls). */
  response?: ApiResponse;
}

export interface WaitOptions {
  fromIndex?: number;
  timeoutMs?: number;
}

export interface HeldCall {
  call: ApiCall;
  /** the client hung up (its process died) before the release: Telegram never got it */
  abandoned: boolean;
}

/** Calls held until `release()`: those that match from now on, or only the next one. */
export interface Hold {
  readonly held: HeldCall[];
  /** the first call held */
  readonly first: Promise<HeldCall>;
  /** answers the calls held (those whose client is still there) and holds no more */
  release(): void;
  /** holds no more calls; those held stay unanswered until `release()` or their client hangs up */
  stop(): void;
}

interface HoldRule {
  match(req: ApiRequest): boolean;
  once: boolean;
  released: Promise<void>;
  onHeld(h: HeldCall): void;
}

interface Waiter {
  fromIndex: number;
  pred: (c: ApiCall) => boolean;
  resolve(c: ApiCall): void;
  reject(e: Error): void;
}

const OUTGOING_METHODS = new Set(['sendmessage', 'editmessagetext', 'senddocument', 'sendphoto']);

export class ApiProbes {
  readonly calls: ApiCall[] = [];
  private readonly record: boolean;
  private readonly waiters = new Set<Waiter>();
  private readonly failures = new Map<string, Array<{ error: TelegramErrorSpec; remaining: number }>>();
  private readonly holds: HoldRule[] = [];
  private stopped = false;

  /** `record`: keep every call in `calls` (off: failNext and holds still work, waits do not) */
  constructor(record = true) {
    this.record = record;
  }

  readonly middleware: ApiMiddleware = async (req, next) => {
    const call: ApiCall = { method: req.method, token: req.token, payload: req.payload, at: req.at, via: req.via };
    const rule = this.holds.find((h) => h.match(req));
    if (rule) {
      if (rule.once) this.holds.splice(this.holds.indexOf(rule), 1);
      // in `calls` at once, answered at the release; a client gone by then never reaches the chats
      this.push(call);
      const held: HeldCall = { call, abandoned: false };
      rule.onHeld(held);
      const gone = new Promise<'gone'>((resolve) => {
        if (req.signal.aborted) resolve('gone');
        else req.signal.addEventListener('abort', () => resolve('gone'), { once: true });
      });
      if ((await Promise.race([rule.released.then(() => 'released' as const), gone])) === 'gone') {
        held.abandoned = true;
        return fail(499, 'client closed the request');
      }
      return this.answered(call, await next(req));
    }
    const failure = this.takeFailure(req.method);
    if (failure) return this.answered(call, fail(failure.error_code, failure.description, failure.parameters), true);
    // a getUpdates may be held by the transport: in `calls` as it arrives, as it always was
    if (req.method.toLowerCase() === 'getupdates') {
      this.push(call);
      return this.answered(call, await next(req));
    }
    return this.answered(call, await next(req), true);
  };

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
    const key = method.toLowerCase();
    return this.hold((req) => req.method.toLowerCase() === key, true).release;
  }

  /** Every call that `match` accepts from now on is held until `release()`. */
  holdWhile(match: (req: ApiRequest) => boolean): Hold {
    return this.hold(match, false);
  }

  stop(): void {
    this.stopped = true;
    for (const waiter of [...this.waiters]) waiter.reject(new Error('FakeBotApi stopped while waiting'));
  }

  /** For a failed wait: the last calls, getUpdates only counted. */
  describeRecentCalls(): string {
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

  private hold(match: (req: ApiRequest) => boolean, once: boolean): Hold {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let first!: (h: HeldCall) => void;
    const forget = () => {
      const i = this.holds.indexOf(rule);
      if (i !== -1) this.holds.splice(i, 1);
    };
    const handle: Hold = { held: [], first: new Promise((resolve) => (first = resolve)), release, stop: forget };
    const rule: HoldRule = {
      match, once, released,
      onHeld: (h) => {
        handle.held.push(h);
        if (handle.held.length === 1) first(h);
      },
    };
    this.holds.push(rule);
    void released.then(forget);
    return handle;
  }

  /** Sets the answer; a call not yet in `calls` goes in now (after its answer, as waits expect). */
  private answered(call: ApiCall, outcome: ApiResponse, push = false): ApiResponse {
    call.response = outcome;
    if (push) this.push(call);
    else this.notify(call);
    return outcome;
  }

  private push(call: ApiCall): void {
    if (!this.record) return;
    this.calls.push(call);
    this.notify(call);
  }

  private notify(call: ApiCall): void {
    const index = this.calls.lastIndexOf(call);
    if (index === -1) return;
    for (const waiter of [...this.waiters]) {
      if (index < waiter.fromIndex) continue;
      try {
        if (waiter.pred(call)) waiter.resolve(call);
      } catch (e) {
        waiter.reject(e instanceof Error ? e : new Error(String(e)));
      }
    }
  }

  private takeFailure(method: string): TelegramErrorSpec | undefined {
    const list = this.failures.get(method.toLowerCase());
    const head = list?.[0];
    if (!list || !head) return undefined;
    head.remaining -= 1;
    if (head.remaining <= 0) list.shift();
    return head.error;
  }
}
