/**
 * The simulator (telegram-sim.ts) over HTTP, as api.telegram.org serves the Bot API: the real bot is
 * started with its API root pointed at `url` (grammY builds `${apiRoot}/bot<TOKEN>/<method>`), and a
 * held getUpdates is answered as soon as a user does something.
 *
 * Like Telegram it answers only its bot's token: 401 Unauthorized for another of the right shape,
 * 404 Not Found for something that is no token. The token is given, or is the first one it is called
 * with. It listens on 127.0.0.1, where any local process or a web page the developer opens could reach
 * it: the token is what keeps them from reading or sending the chats.
 *
 * Middleware (`use`) is wrapped around every call: the tests' probes (test/support/bot-api-probes.ts)
 * record, fail and hold calls there; the playground uses none.
 */
import type { ServerResponse } from 'node:http';
import { Hono } from 'hono';
import { limitBody, serveHttp, type HttpServer, type NodeApp } from '../http/serve.ts';
import { parsePayload, type Json } from './multipart.ts';
import { badRequest, fail, ok, toInt, type ApiResponse, type TelegramSim } from './telegram-sim.ts';

export interface ApiRequest {
  method: string;
  token: string;
  payload: Json;
  /** when it arrived (ms) */
  at: number;
  /** the listener it came through: 'main', or the name given to `listen` */
  via: string;
  /** aborted when the client hangs up before its answer */
  signal: AbortSignal;
}

export type ApiHandler = (req: ApiRequest) => Promise<ApiResponse>;
export type ApiMiddleware = (req: ApiRequest, next: ApiHandler) => Promise<ApiResponse>;

export interface BotApiHttpOptions {
  /** 0 (default) = a free port */
  port?: number;
  /** the bot's token; without it, the first token a call names (a test's bot calls first) */
  token?: string;
  /** wrapped around every call, outermost first */
  use?: ApiMiddleware[];
}

/** What a bot token looks like: `<bot id>:<secret>`. */
const TOKEN_SHAPE = /^\d+:[\w-]+$/;
/** the documents a bot sends (reports, charts) */
const BODY_MAX = 50 * 1024 * 1024;
/** how long stop() lets the empty answers of held polls take to reach their sockets */
const FLUSH_MS = 1_000;

const json = (outcome: ApiResponse): Response =>
  new Response(JSON.stringify(outcome), { status: outcome.ok ? 200 : outcome.error_code, headers: { 'content-type': 'application/json' } });

export class BotApiHttp {
  private readonly sim: TelegramSim;
  private readonly use: ApiMiddleware[];
  private readonly servers: HttpServer[] = [];
  /** wakes every held getUpdates (stop) */
  private readonly polls = new Set<() => void>();
  /** held getUpdates, until their answer is written */
  private readonly answering = new Set<Promise<void>>();
  private token: string | undefined;
  private stopped = false;
  private mainUrl = '';

  private constructor(sim: TelegramSim, opts: BotApiHttpOptions) {
    this.sim = sim;
    this.token = opts.token;
    this.use = opts.use ?? [];
  }

  static async start(sim: TelegramSim, opts: BotApiHttpOptions = {}): Promise<BotApiHttp> {
    const http = new BotApiHttp(sim, opts);
    http.mainUrl = await http.listen('main', opts.port ?? 0);
    return http;
  }

  get url(): string {
    return this.mainUrl;
  }

  /** Another port onto the same chats; its calls carry `via` (which worker process made a call). */
  async listen(via: string, port = 0): Promise<string> {
    const server = await serveHttp(this.app(via), { port, hostname: '127.0.0.1' });
    this.servers.push(server);
    return `http://127.0.0.1:${server.port}`;
  }

  /** Ends every held getUpdates with an empty answer, then closes every port. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const wake of [...this.polls]) wake();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all([...this.answering]), new Promise((r) => (timer = setTimeout(r, FLUSH_MS)))]);
    clearTimeout(timer);
    await Promise.all(this.servers.map((s) => s.close()));
  }

  private app(via: string): NodeApp {
    const app: NodeApp = new Hono();
    app.use(limitBody(BODY_MAX));
    app.all('*', async (c) => {
      const { pathname, searchParams } = new URL(c.req.url);
      const download = /^\/file\/bot([^/]*)\/files\/([^/]+)$/.exec(pathname);
      if (download) {
        if (!this.isBotToken(decodeURIComponent(download[1] ?? ''))) return json(fail(404, 'Not Found'));
        const file = this.sim.file(decodeURIComponent(download[2] ?? ''));
        if (!file) return c.body(null, 404);
        return c.body(new Uint8Array(file.bytes), 200, { 'content-type': file.mimeType ?? 'application/octet-stream' });
      }
      // grammY's test environment inserts "/test" before the method name
      const route = /^\/bot([^/]*)\/(?:test\/)?([^/]+)$/.exec(pathname);
      if (!route) return json(fail(404, 'Not Found'));
      const token = decodeURIComponent(route[1] ?? '');
      const method = decodeURIComponent(route[2] ?? '');
      // as Telegram: a token of the right shape is unauthorised, anything else is no such page
      if (!this.isBotToken(token)) return json(TOKEN_SHAPE.test(token) ? fail(401, 'Unauthorized') : fail(404, 'Not Found'));
      const body = Buffer.from(await c.req.arrayBuffer());
      const at = Date.now();
      const signal = c.req.raw.signal;
      let payload: Json = {};
      let base: ApiHandler = (req) => this.answer(req, c.env.outgoing);
      try {
        payload = parsePayload(c.req.header('content-type'), body, searchParams);
      } catch (e) {
        const problem = badRequest(`can't parse request body: ${(e as Error).message}`);
        base = async () => problem;
      }
      return json(await this.chain(base)({ method, token, payload, at, via, signal }));
    });
    // a path that does not decode, say: Telegram's answer to what it cannot read
    app.onError((err) => json(badRequest(err.message)));
    return app;
  }

  private chain(base: ApiHandler): ApiHandler {
    return this.use.reduceRight<ApiHandler>((next, mw) => (req) => mw(req, next), base);
  }

  /** The bot's token (learnt from the first call when none was given). */
  private isBotToken(token: string): boolean {
    if (this.token === undefined && TOKEN_SHAPE.test(token)) this.token = token;
    return token === this.token;
  }

  /** The simulator's answer; an empty getUpdates with a timeout waits for a user's update first. */
  private async answer(req: ApiRequest, outgoing: ServerResponse): Promise<ApiResponse> {
    const outcome = this.sim.call(req.method, req.payload);
    if (req.method.toLowerCase() !== 'getupdates' || !outcome.ok || (outcome.result as unknown[]).length > 0) return outcome;
    const timeoutS = Math.max(0, toInt(req.payload['timeout']) ?? 0);
    if (timeoutS === 0 || this.stopped) return outcome;
    // stop() waits for this poll's answer to be written before it cuts the connections
    const written = new Promise<void>((resolve) => outgoing.once('close', () => resolve()));
    this.answering.add(written);
    void written.then(() => this.answering.delete(written));
    await this.nextUpdate(timeoutS * 1000, req.signal);
    return this.stopped ? ok([]) : this.sim.call(req.method, req.payload);
  }

  /** Resolves at a user's next update, after `ms`, when the client hangs up, or at stop(). */
  private nextUpdate(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        off();
        signal.removeEventListener('abort', done);
        this.polls.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      const off = this.sim.onUpdate(done);
      signal.addEventListener('abort', done);
      this.polls.add(done);
    });
  }
}
