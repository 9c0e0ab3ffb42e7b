// Helpers for end-to-end tests that run the real bot process (src/main.ts) against the fake Bot API:
// spawning and killing the process, talking to it like a user, and reading what it stored in Redis.
import { openRecord } from '../../src/store/record-pack.ts';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Redis } from 'ioredis';
import { DateTime } from 'luxon';
import type { Catalog } from '../../src/catalog/catalog.ts';
import type { Question } from '../../src/engine/types.ts';
import type { NoteRecord } from '../../src/store/records.ts';
import type { ApiCall, FakeBotApi, FakeMessage } from '../support/fake-bot-api.ts';
import type { SessionData } from '../../src/bot/context.ts';
import type { DataCipher } from '../../src/store/crypto.ts';
import type { Keys } from '../../src/store/keys.ts';
import { TS_RUNNER } from '../support/ts-runner.ts';

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

/**
 * One run of `node --import tsx src/main.ts`; its output goes into a shared log, prefixed with its name.
 * With TEST_REMINDER_EVERY_MS or TEST_REMINDER_LOCK_MS in `env`, the same bot process through the tests'
 * entry (test/support/timed-main.ts), which passes them to the reminder workers.
 */
export class BotProcess {
  readonly exited: Promise<Exit>;
  private exit: Exit | undefined;

  readonly name: string;

  private readonly child: ChildProcess;

  private readonly log: string[];

  private constructor(name: string, child: ChildProcess, log: string[]) {
    this.name = name;
    this.child = child;
    this.log = log;
    this.exited = new Promise<Exit>((resolve) => {
      child.once('exit', (code, signal) => {
        this.exit = { code, signal };
        resolve(this.exit);
      });
    });
  }

  static start(name: string, env: Record<string, string>, log: string[]): BotProcess {
    const timed = Object.keys(env).some((k) => k.startsWith('TEST_REMINDER_'));
    const child = spawn(process.execPath, [...TS_RUNNER, ...(timed ? ['test/support/timed-main.ts', 'bot'] : ['src/main.ts'])], {
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
    return new BotProcess(name, child, log);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.exit === undefined;
  }

  /**
   * Sends the signal and waits for the process to end, with no bound of its own: the process bounds
   * its stop itself (SHUTDOWN_DRAIN_MS, 10 s by default, then 5 s to close: src/app/runtime.ts), and
   * the test's timeout bounds the rest. A fixed 10 s here was shorter than that, and failed a SIGTERM
   * on a loaded machine that the process was still allowed, and busy, to finish (issue #24.9). How
   * long it took goes to the log, for the reader.
   */
  async stop(signal: NodeJS.Signals): Promise<Exit> {
    if (!this.running) return this.exit!;
    const t0 = Date.now();
    this.child.kill(signal);
    const exit = await this.exited;
    this.log.push(`[test] ${this.name} exited ${Date.now() - t0} ms after ${signal}`);
    return exit;
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

/**
 * Waits until `check` holds, looking again every `everyMs`: for a state that no call or message
 * announces (a best-effort write after a reply). No bound of its own: the test's timeout is the bound.
 */
export async function until(check: () => boolean | Promise<boolean>, everyMs = 20): Promise<void> {
  while (!(await check())) await sleep(everyMs);
}

/** The environment of a bot process in these tests: test mode, warnings only in the log. */
export function botEnv(o: { token: string; apiRoot: string; redisUrl: string; prefix: string; adminId: number; dataKey: Buffer; zone: string }): Record<string, string> {
  return {
    BOT_TOKEN: o.token,
    TELEGRAM_API_ROOT: o.apiRoot,
    REDIS_URL: o.redisUrl,
    REDIS_PREFIX: o.prefix,
    ADMIN_IDS: String(o.adminId),
    DATA_KEY: o.dataKey.toString('base64'),
    DATA_KEY_PREVIOUS: '',
    DEFAULT_TIMEZONE: o.zone,
    LOG_LEVEL: 'warn',
    NODE_ENV: 'test',
  };
}

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

/** A question screen's wording: the line after the first blank one (under the header, the answers
 *  pressed on that message before, and the position). */
export function promptLine(html: string): string {
  const lines = html.split('\n');
  return lines[lines.indexOf('') + 1] ?? '';
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
  readonly fake: FakeBotApi;
  readonly id: number;

  constructor(
    fake: FakeBotApi,
    id: number,
  ) {
    this.fake = fake;
    this.id = id;
  }

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
   * Does `act` and waits for a message sent — or edited into a new screen (a press answered in
   * place) — whose text matches `expect`; a complaint (an invalid-* hint, an error) fails at once.
   * Returns the message as the chat now shows it.
   */
  async expectReply(act: () => unknown, expect: RegExp, opts: { allowComplaints?: boolean } = {}): Promise<{ msg: FakeMessage; call: ApiCall; from: number; update: Record<string, unknown> }> {
    const from = this.fake.calls.length;
    const update = act() as Record<string, unknown>;
    const call = await this.fake.waitForCall(
      (c) => {
        if (!isOutgoing(c, this.id)) return false;
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

/** An answer to an intake question: a text typed, or a button pressed on the question. */
export type IntakeGesture = { say: string } | { press: string | RegExp };

/**
 * How a worker answers the intake, by the question's wording: the case "Si (42)" with Zastrow, a
 * woman served at the Bapas (on parole, the end of the supervision not known yet, her parents her
 * guarantors who agreed in writing), opened by a praktikan, no drug use — as openCase does in
 * test/support/bot-harness.ts. A question of another setting (a NAPZA client's treatment and how
 * the client came) gets an answer too.
 */
export const INTAKE_ANSWERS: Readonly<Record<string, IntakeGesture>> = {
  'Model intervensi yang dipakai?': { press: 'Zastrow' },
  'Inisial klien?': { say: 'Si' },
  'Usia klien (tahun)?': { say: '42' },
  'Jenis kelamin klien?': { press: 'Perempuan' },
  'Tempat layanan klien?': { press: 'Bapas' },
  'Masalah utama klien, singkat saja?': { say: 'Relasi keluarga renggang' },
  'Peran Anda dalam kasus ini?': { press: 'Praktikan (mahasiswa)' },
  'Program klien di Bapas?': { press: 'Pembebasan bersyarat' },
  'Kapan masa bimbingan berakhir?': { press: '⏭ Lewati' },
  'Siapa penjamin klien?': { press: 'Orang tua' },
  'Apakah penjamin sudah menyatakan kesediaan?': { press: 'Ya, tertulis' },
  'Zat utama yang dipakai klien?': { press: 'Tidak memakai NAPZA' },
  'Rawat inap atau rawat jalan?': { press: 'Rawat jalan' },
  'Bagaimana klien datang?': { press: 'Sukarela' },
};

/** The positions the intake shows with INTAKE_ANSWERS (a Bapas client with a guarantor): the count
 *  an estimate ("± 8") until the answers that add questions are given. */
export const INTAKE_POSITIONS = [
  'Pertanyaan 1 dari ± 8', 'Pertanyaan 2 dari ± 8', 'Pertanyaan 3 dari ± 8', 'Pertanyaan 4 dari ± 8', 'Pertanyaan 5 dari ± 8',
  'Pertanyaan 6 dari ± 12', 'Pertanyaan 7 dari ± 12', 'Pertanyaan 8 dari ± 12', 'Pertanyaan 9 dari ± 12', 'Pertanyaan 10 dari ± 12',
  'Pertanyaan 11 dari 12', 'Pertanyaan 12 dari 12',
];

/**
 * Answers the intake from the question `q` (as the chat shows it) to its review, each question by
 * its wording from `answers` (else INTAKE_ANSWERS), waiting each time for the next question's
 * position (or the review); returns the review.
 */
export async function answerIntake(user: User, q: FakeMessage, answers: Record<string, IntakeGesture> = {}): Promise<FakeMessage> {
  const all = { ...INTAKE_ANSWERS, ...answers };
  for (let guard = 0; guard < 30; guard++) {
    const text = q.text ?? '';
    if (text.includes('Periksa sebelum disimpan')) return q;
    const at = /Pertanyaan (\d+) dari /.exec(text);
    if (!at) throw new Error(`not an intake question: ${JSON.stringify(text.slice(0, 200))}`);
    const wording = promptLine(text);
    const a = all[wording];
    if (!a) throw new Error(`no answer for the intake question ${JSON.stringify(wording)}`);
    const next = new RegExp(`Pertanyaan ${Number(at[1]) + 1} dari |Periksa sebelum disimpan`);
    q = ('say' in a ? await user.say(a.say, next) : await user.press(q, a.press, next)).msg;
  }
  throw new Error('the intake did not reach its review in 30 questions');
}

/** Opens the case "Si (42)", Zastrow, through the intake as a worker would (INTAKE_ANSWERS, with
 *  `answers` instead where given); returns the saved reply. */
export async function openCaseByIntake(user: User, answers: Record<string, IntakeGesture> = {}): Promise<Awaited<ReturnType<User['press']>>> {
  const first = (await user.say('/kasus_baru', /Pertanyaan 1 dari/)).msg;
  const review = await answerIntake(user, first, answers);
  return user.press(review, '💾 Simpan', /tersimpan/);
}

// ---------------------------------------------------------------------------
// Redis

export class Stored {
  readonly redis: Redis;
  readonly keys: Keys;
  readonly cipher: DataCipher;
  readonly userId: number;

  constructor(
    redis: Redis,
    keys: Keys,
    cipher: DataCipher,
    userId: number,
  ) {
    this.redis = redis;
    this.keys = keys;
    this.cipher = cipher;
    this.userId = userId;
  }

  async session(): Promise<SessionData | undefined> {
    const key = this.keys.session(this.userId);
    // (compressed, sealed as bytes: src/store/record-pack.ts)
    const data = await this.redis.hgetBuffer(key, 'data');
    return data ? openRecord<SessionData>(this.cipher, data, key, 'data') : undefined;
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

// ---------------------------------------------------------------------------
// Starting a polling bot process and waiting until it polls

/**
 * Starts a bot process and waits until it long-polls (or exits: then throws); returns it and where
 * its calls begin. No bound of its own: start-up (tsx compiling the sources) is what a loaded machine
 * slows most — past 20 s with four busy processes on two cores —, and the test's timeout bounds it.
 */
export async function startPollingBot(fake: FakeBotApi, name: string, env: Record<string, string>, log: string[], procs: BotProcess[]): Promise<{ bot: BotProcess; from: number }> {
  const from = fake.calls.length;
  const bot = BotProcess.start(name, env, log);
  procs.push(bot);
  await until(() => !bot.running || fake.calls.slice(from).some((c) => c.method === 'getUpdates'));
  if (!bot.running) {
    const e = await bot.exited;
    throw new Error(`${name} exited before polling (code ${String(e.code)}, signal ${String(e.signal)})`);
  }
  return { bot, from };
}

/** Was the update handed to a poller (a getUpdates answer that carried it) since call index `from`? */
export function fetched(fake: FakeBotApi, updateId: number, from = 0): boolean {
  return fake.calls.slice(from).some((c) => c.method === 'getUpdates' && c.response?.ok === true && (c.response.result as { update_id: number }[]).some((u) => u.update_id === updateId));
}

/** Waits (polling every millisecond) until a getUpdates answer carried the update. */
export async function waitFetched(fake: FakeBotApi, updateId: number, from = 0): Promise<void> {
  const until = Date.now() + WAIT_MS;
  while (!fetched(fake, updateId, from)) {
    if (Date.now() > until) throw new Error(`update ${updateId} was not fetched within ${WAIT_MS} ms`);
    await sleep(1);
  }
}

// ---------------------------------------------------------------------------
// A redis-server of a test's own: its own port and data folder, with the shipped redis.conf
// (AOF, appendfsync everysec), so a test can crash it (SIGKILL), freeze it (SIGSTOP) and start it
// again on the same data.

export class OwnRedis {
  private child: ChildProcess | undefined;

  readonly port: number;

  readonly dir: string;


  private constructor(

    port: number,

    dir: string,

  ) {

    this.port = port;

    this.dir = dir;

  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  static async start(): Promise<OwnRedis> {
    const { freePort } = await import('../../src/store/local-redis.ts');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'pendamping-e2e-redis-'));
    const r = new OwnRedis(await freePort(), dir);
    await r.up();
    return r;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /**
   * (Re)starts redis-server on the same port and folder; resolves once it answers PING, throws if it
   * exits first. No bound of its own: after a crash it replays its AOF before answering, which a
   * loaded machine slows; the test's timeout bounds it.
   */
  async up(): Promise<void> {
    const { REDIS_CONF } = await import('../../src/store/local-redis.ts');
    const child = spawn('redis-server', [REDIS_CONF, '--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir], { stdio: 'ignore' });
    this.child = child;
    for (;;) {
      const pong = await new Promise<boolean>((resolve) => {
        const s = net.connect(this.port, '127.0.0.1', () => {
          s.write('PING\r\n');
        });
        s.once('data', (d) => {
          s.destroy();
          resolve(d.toString().startsWith('+PONG'));
        });
        s.once('error', () => resolve(false));
      });
      if (pong) return;
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`redis-server exited (code ${String(child.exitCode)}, signal ${String(child.signalCode)})`);
      await sleep(30);
    }
  }

  /** Sends a signal; for SIGKILL / SIGTERM waits until the process is gone. */
  async signal(sig: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(sig);
    // no bound here either: on SIGTERM redis-server writes its AOF and an RDB snapshot first
    if (sig === 'SIGKILL' || sig === 'SIGTERM') await gone;
  }

  async stop(): Promise<void> {
    this.child?.kill('SIGCONT');
    await this.signal('SIGKILL').catch(() => undefined);
    await rm(this.dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------
// Telegram's answer to two pollers on one token, which the fake Bot API does not give: a getUpdates
// arriving while another is still open ends the open one at once with 409 "Conflict: terminated by
// other getUpdates request; make sure that only one bot instance is running" (the newest request
// wins). Each bot process is given its own front (a URL) so the test knows who asked what.

export const CONFLICT = 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running';

interface OpenPoll {
  front: string;
  res: ServerResponse;
  upstream: AbortController;
  done: boolean;
}

export interface FrontCall {
  front: string;
  method: string;
  status: number;
  /** update ids in a getUpdates answer that reached this front */
  updates: number[];
  /** a sendMessage's chat and text */
  chatId?: number;
  text?: string;
}

export class ConflictGate {
  readonly calls: FrontCall[] = [];
  /** getUpdates requests per front, counted as they arrive */
  readonly polls = new Map<string, number>();
  private readonly open = new Set<OpenPoll>();
  private readonly servers: Server[] = [];

  private readonly target: string;


  constructor(target: string) {

    this.target = target;

  }

  /** 409s answered to this front */
  conflicts(front: string): number {
    return this.calls.filter((c) => c.front === front && c.status === 409).length;
  }

  /** updates handed to this front by getUpdates */
  delivered(front: string): number[] {
    return this.calls.filter((c) => c.front === front).flatMap((c) => c.updates);
  }

  async front(name: string): Promise<string> {
    const server = createServer((req, res) => {
      void this.onRequest(name, req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    this.servers.push(server);
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  private async onRequest(front: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const method = (req.url ?? '').split('/').pop() ?? '';
    const isPoll = method.toLowerCase() === 'getupdates';
    const upstream = new AbortController();
    let poll: OpenPoll | undefined;
    if (isPoll) {
      this.polls.set(front, (this.polls.get(front) ?? 0) + 1);
      for (const other of [...this.open]) this.endWithConflict(other);
      poll = { front, res, upstream, done: false };
      this.open.add(poll);
      res.on('close', () => {
        if (poll && !poll.done) {
          poll.done = true;
          this.open.delete(poll);
          upstream.abort();
        }
      });
    }
    try {
      const answer = await fetch(`${this.target}${req.url ?? ''}`, {
        method: req.method ?? 'POST',
        headers: req.headers['content-type'] ? { 'content-type': req.headers['content-type'] } : {},
        ...(body.length > 0 ? { body } : {}),
        signal: upstream.signal,
      });
      const bytes = Buffer.from(await answer.arrayBuffer());
      if (poll) {
        if (poll.done) return; // ended by a newer poll: what it carried stays unconfirmed with Telegram
        poll.done = true;
        this.open.delete(poll);
      }
      let updates: number[] = [];
      if (isPoll) {
        try {
          const parsed = JSON.parse(bytes.toString('utf8')) as { result?: { update_id: number }[] };
          updates = (parsed.result ?? []).map((u) => u.update_id);
        } catch {
          // not JSON
        }
      }
      const sent: { chatId?: number; text?: string } = {};
      if (method.toLowerCase() === 'sendmessage') {
        try {
          const p = JSON.parse(body.toString('utf8')) as { chat_id?: number; text?: string };
          if (p.chat_id !== undefined) sent.chatId = Number(p.chat_id);
          if (p.text !== undefined) sent.text = p.text;
        } catch {
          // not JSON
        }
      }
      this.calls.push({ front, method, status: answer.status, updates, ...sent });
      res.writeHead(answer.status, { 'content-type': 'application/json', 'content-length': bytes.length });
      res.end(bytes);
    } catch {
      if (poll?.done) return;
      res.destroy();
    }
  }

  private endWithConflict(p: OpenPoll): void {
    if (p.done) return;
    p.done = true;
    this.open.delete(p);
    p.upstream.abort();
    const bytes = Buffer.from(JSON.stringify({ ok: false, error_code: 409, description: CONFLICT }));
    this.calls.push({ front: p.front, method: 'getUpdates', status: 409, updates: [] });
    p.res.writeHead(409, { 'content-type': 'application/json', 'content-length': bytes.length });
    p.res.end(bytes);
  }

  async stop(): Promise<void> {
    for (const p of [...this.open]) p.upstream.abort();
    await Promise.all(this.servers.map((s) => new Promise<void>((resolve) => {
      s.close(() => resolve());
      s.closeAllConnections();
    })));
  }
}

// ---------------------------------------------------------------------------
// Answering the open question of a note the way a hurried worker would, from what the bot shows:
// a choice → its first option; a multi → its first option, then "✔️ Selesai" ("Tidak ada" for the
// risk flag, which is its first); yes/no → "Ya"; a scale → its top; a date → "kemarin" (a session
// date) or "besok" (the next meeting); a number → "3"; a file → a photo; a text → a sentence naming
// the question, so an answer stored under another question shows.

export type Gesture = { kind: 'press'; label: string | RegExp; inPlace?: boolean } | { kind: 'text'; text: string } | { kind: 'photo' };

export interface PlannedAnswer {
  questionId: string;
  gestures: Gesture[];
  /** the value the note must hold for the question (a file answer: matched as an object) */
  expected: unknown;
}

export function planAnswer(q: Question, prompt: FakeMessage, zone: string): PlannedAnswer {
  const shown = buttons(prompt).map((b) => b.text.replace(/^✅ /, ''));
  const offered = (q.type === 'choice' || q.type === 'multi') ? q.options.filter((o) => shown.includes(o.label.id) && o.value !== 'lainnya') : [];
  const today = DateTime.now().setZone(zone);
  switch (q.type) {
    case 'choice': {
      const o = offered[0];
      if (!o) throw new Error(`no option of ${q.id} on the prompt: ${shown.join(', ')}`);
      return { questionId: q.id, gestures: [{ kind: 'press', label: o.label.id }], expected: o.value };
    }
    case 'multi': {
      const o = offered[0];
      if (!o) throw new Error(`no option of ${q.id} on the prompt: ${shown.join(', ')}`);
      return { questionId: q.id, gestures: [{ kind: 'press', label: o.label.id, inPlace: true }, { kind: 'press', label: /^✔️ Selesai/ }], expected: [o.value] };
    }
    case 'yesno':
      return { questionId: q.id, gestures: [{ kind: 'press', label: 'Ya' }], expected: true };
    case 'scale':
      return { questionId: q.id, gestures: [{ kind: 'press', label: String(q.max) }], expected: q.max };
    case 'number':
      return { questionId: q.id, gestures: [{ kind: 'text', text: '3' }], expected: 3 };
    case 'date':
      return q.allow === 'future'
        ? { questionId: q.id, gestures: [{ kind: 'text', text: 'besok' }], expected: today.plus({ days: 1 }).toISODate() }
        : { questionId: q.id, gestures: [{ kind: 'text', text: 'kemarin' }], expected: today.minus({ days: 1 }).toISODate() };
    case 'file':
      return { questionId: q.id, gestures: [{ kind: 'photo' }], expected: { kind: 'photo' } };
    case 'initials':
      return { questionId: q.id, gestures: [{ kind: 'text', text: 'Si' }], expected: 'Si' };
    default: {
      const text = `Jawaban untuk ${q.id}`;
      return { questionId: q.id, gestures: [{ kind: 'text', text }], expected: text };
    }
  }
}

/** The open question of the user's note and the message that asks it, as stored. */
export async function openQuestion(stored: Stored, catalog: Catalog, user: User): Promise<{ q: Question | undefined; prompt: FakeMessage; session: SessionData }> {
  const session = await stored.session();
  const act = session?.activity;
  if (!act || act.kind === 'intake' || act.screen?.prompt === undefined) throw new Error(`no note being written: ${JSON.stringify(act?.kind)}`);
  const stage = catalog.stage(act.flowId, act.stageId, act.flowVersion);
  const q = act.form.cursor === null ? undefined : stage?.questions.find((x) => x.id === act.form.cursor);
  return { q, prompt: user.message(act.screen.prompt), session: session! };
}

/** Sends one gesture to the prompt (the button found on the message as the chat shows it now). */
export function gesture(fake: FakeBotApi, userId: number, prompt: FakeMessage, g: Gesture): Record<string, unknown> {
  if (g.kind === 'text') return fake.sendText(userId, g.text, { languageCode: 'id' });
  if (g.kind === 'photo') return fake.sendPhoto(userId);
  const now = fake.messages(userId).find((m) => m.message_id === prompt.message_id) ?? prompt;
  const b = buttons(now).find((x) => (typeof g.label === 'string' ? x.text === g.label || x.text === `✅ ${g.label}` : g.label.test(x.text)));
  if (!b) throw new Error(`no button ${String(g.label)} on message ${prompt.message_id}: ${buttons(now).map((x) => x.text).join(', ')}`);
  return fake.pressButton(userId, prompt.message_id, b.callback_data);
}

/** Answers the open question (each gesture waited for until it is written); undefined at the review. */
export async function answerOpenQuestion(fake: FakeBotApi, user: User, stored: Stored, catalog: Catalog, zone: string, between?: () => Promise<void>): Promise<PlannedAnswer | undefined> {
  const open = await openQuestion(stored, catalog, user);
  if (!open.q) return undefined;
  const plan = planAnswer(open.q, open.prompt, zone);
  for (const g of plan.gestures) {
    await between?.();
    const { prompt } = await openQuestion(stored, catalog, user);
    const u = gesture(fake, user.id, prompt, g);
    await stored.handled(u['update_id'] as number);
  }
  return plan;
}

/** Answers the note's questions until its review; `between` runs before each gesture. */
export async function answerNote(fake: FakeBotApi, user: User, stored: Stored, catalog: Catalog, zone: string, between?: () => Promise<void>): Promise<PlannedAnswer[]> {
  const done: PlannedAnswer[] = [];
  for (let guard = 0; guard < 60; guard++) {
    const plan = await answerOpenQuestion(fake, user, stored, catalog, zone, between);
    if (!plan) return done;
    done.push(plan);
  }
  throw new Error('the note did not reach its review in 60 questions');
}

/** The items of a saved note by question id, and how many times each id occurs. */
export function itemsOf(note: NoteRecord): { values: Record<string, unknown>; counts: Record<string, number> } {
  const values: Record<string, unknown> = {};
  const counts: Record<string, number> = {};
  for (const i of note.items) {
    values[i.id] = i.value;
    counts[i.id] = (counts[i.id] ?? 0) + 1;
  }
  return { values, counts };
}

/** Answers that are missing from the note or hold another value: the answers lost. */
export function lostAnswers(note: NoteRecord, answered: PlannedAnswer[]): string[] {
  const { values, counts } = itemsOf(note);
  const lost: string[] = [];
  for (const a of answered) {
    const v = values[a.questionId];
    const same = a.expected !== null && typeof a.expected === 'object' && !Array.isArray(a.expected)
      ? typeof v === 'object' && v !== null && Object.entries(a.expected).every(([k, x]) => (v as Record<string, unknown>)[k] === x)
      : JSON.stringify(v) === JSON.stringify(a.expected);
    if (!same || counts[a.questionId] !== 1) lost.push(`${a.questionId}: expected ${JSON.stringify(a.expected)}, stored ${JSON.stringify(v)} ×${counts[a.questionId] ?? 0}`);
  }
  return lost;
}
