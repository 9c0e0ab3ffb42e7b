// Drives the real bot (createBot: every middleware, real session storage on a real Redis) with real
// updates through bot.handleUpdate, against the fake Bot API over HTTP. A test talks like a user:
// say('/catat'), tap('Bapas'), and reads what the user would see.
import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import type { Bot, BotError } from 'grammy';
import type { Update } from 'grammy/types';
import { createBot } from '../../src/bot/create-bot.ts';
import type { BotContext, SessionData } from '../../src/bot/context.ts';
import { loadCatalog } from '../../src/catalog/load-flows.ts';
import type { Catalog } from '../../src/catalog/catalog.ts';
import { connectRegistry, loadBuiltins } from '../../src/catalog/registry.ts';
import { createLogger } from '../../src/logger.ts';
import { DataCipher } from '../../src/store/crypto.ts';
import { createKeys, type Keys } from '../../src/store/keys.ts';
import { WorkspaceStore } from '../../src/store/workspace-store.ts';
import { noteCodec } from '../../src/cases/note-codec.ts';
import { sessionCases, sessionOrg } from '../../src/store/session.ts';
import { OrgStore } from '../../src/org/org-store.ts';
import { FakeBotApi, type FakeMessage } from './fake-bot-api.ts';
import { deletePrefix, redisUrl } from './redis.ts';
import type { ReminderControl } from '../../src/reminders/queues.ts';
import { DirectOutbox, type Addressed, type Outbox } from '../../src/outbox/outbox.ts';
import { DirectExports } from '../../src/export/run.ts';
import { botFileUrl } from '../../src/export/worker.ts';
import type { CompileFiles } from '../../src/catalog/flow-thread.ts';

/** A fixed key (tests compare sealed values across runs), random-looking as src/config.ts demands. */
export const TEST_DATA_KEY = createHash('sha256').update('pendamping test data key').digest();
export const ADMIN = 4242;
export const TEST_TOKEN = '123456:TEST-token-for-the-fake-api';

export { redisUrl } from './redis.ts';

interface Button {
  text: string;
  callback_data: string;
}

export function buttons(m: FakeMessage | undefined): Button[] {
  const kb = (m?.reply_markup as { inline_keyboard?: Button[][] } | undefined)?.inline_keyboard;
  return kb ? kb.flat() : [];
}

/** Counts the store's round trips, to hold the one-read-one-write budget. */
class CountingStore<S> extends WorkspaceStore<S> {
  loads = 0;
  commits = 0;
  override async load(...args: Parameters<WorkspaceStore<S>['load']>) {
    this.loads++;
    return super.load(...args);
  }
  override async commit(...args: Parameters<WorkspaceStore<S>['commit']>) {
    this.commits++;
    return super.commit(...args);
  }
}

export interface HarnessOptions {
  adminIds?: number[];
  now?: Date;
  bootId?: string;
  /** share Redis state with an earlier harness (a "restart") */
  prefix?: string;
  fake?: FakeBotApi;
  /** the reminder queues (or a recorder of what the bot asks of them) */
  reminders?: ReminderControl;
  /** the flow version registry in Redis, as start-up has it (src/catalog/registry.ts), with the
   *  flows of this folder (default: flows/); without it the catalog is read from the files only */
  registry?: boolean | { flowsDir: string };
  /** where an uploaded flow file is compiled (default: a worker thread with a time limit) */
  compileUpload?: CompileFiles;
  /** the deployment serves the dashboard here: /tim offers it, supervisors' menu buttons open it */
  dashboardUrl?: string;
}

/**
 * The outbox a test can hold: while `holding`, messages to other users wait (as they would in the
 * send queue) until `release()` sends them through the production delivery code — to see what is
 * decided at send time rather than at enqueue time.
 */
export class HeldOutbox implements Outbox {
  holding = false;
  private readonly held: Addressed[] = [];
  private readonly direct: Outbox;

  constructor(direct: Outbox) {
    this.direct = direct;
  }

  async send(messages: Addressed[]): Promise<void> {
    if (this.holding) this.held.push(...messages);
    else await this.direct.send(messages);
  }

  /** Sends what was held, in order; returns how many. */
  async release(): Promise<number> {
    this.holding = false;
    const out = this.held.splice(0);
    await this.direct.send(out);
    return out.length;
  }
}

export class Harness {
  readonly logs: string[] = [];
  /** the outbox the bot sends other users' messages through (at once, unless held) */
  outbox!: HeldOutbox;
  now: Date;
  readonly fake: FakeBotApi;
  readonly bot: Bot<BotContext>;
  readonly redis: Redis;
  readonly store: CountingStore<SessionData>;
  readonly keys: Keys;
  readonly prefix: string;
  readonly catalog: Catalog;
  private readonly ownsFake: boolean;

  private constructor(
    fake: FakeBotApi,
    bot: Bot<BotContext>,
    redis: Redis,
    store: CountingStore<SessionData>,
    keys: Keys,
    prefix: string,
    catalog: Catalog,
    now: Date,
    ownsFake: boolean,
  ) {
    this.fake = fake;
    this.bot = bot;
    this.redis = redis;
    this.store = store;
    this.keys = keys;
    this.prefix = prefix;
    this.catalog = catalog;
    this.ownsFake = ownsFake;
    this.now = now;
  }

  static async start(opts: HarnessOptions = {}): Promise<Harness> {
    const fake = opts.fake ?? (await FakeBotApi.start());
    const redis = new Redis(redisUrl());
    const prefix = opts.prefix ?? `test-${process.pid}-${Math.random().toString(36).slice(2, 8)}:`;
    const keys = createKeys(prefix);
    let catalog: Catalog;
    // the caseload index reads the stages' usual weeks from the catalog, loaded just below
    const store = new CountingStore<SessionData>(redis, keys, new DataCipher([TEST_DATA_KEY]), { casesOf: sessionCases, stageWeeks: (flowId, stageId) => catalog.stage(flowId, stageId)?.weeks, orgOf: sessionOrg, notes: noteCodec({ version: (id, v) => catalog.version(id, v) } as Catalog) });
    if (opts.registry) {
      const builtins = await loadBuiltins(typeof opts.registry === 'object' ? opts.registry.flowsDir : undefined);
      await connectRegistry(redis, keys, builtins, { refresh: false });
      catalog = builtins.catalog;
    } else {
      catalog = await loadCatalog();
    }
    const logs: string[] = [];
    const logger = createLogger('debug', new Writable({ write(chunk, _enc, cb) { logs.push(String(chunk)); cb(); } }));
    const holder: { h?: Harness; bot?: Bot<BotContext>; i18n?: { t: (l: string, k: string, v?: Record<string, string | number>) => string } } = {};
    // messages to other users go out right after the update, through the production delivery code
    const direct: DirectOutbox = new DirectOutbox(() => ({ redis, keys, api: holder.bot!.api, catalog, i18n: holder.i18n!, logger, cipher: store.cipher, outbox: direct, dashboardUrl: opts.dashboardUrl }));
    const outbox = new HeldOutbox(direct);
    const { bot, i18n } = createBot({
      token: TEST_TOKEN,
      store,
      deps: {
        catalog,
        logger,
        clock: { now: () => holder.h!.now },
        adminIds: new Set(opts.adminIds ?? [ADMIN]),
        defaultTimezone: 'Asia/Jakarta',
        bootId: opts.bootId ?? 'boot-1',
        // a harness started as another process ("a restart") started after anything touched before it
        bootAt: opts.bootId ? Number.MAX_SAFE_INTEGER : 0,
        ...(opts.reminders ? { reminders: opts.reminders } : {}),
        ...(opts.compileUpload ? { compileUpload: opts.compileUpload } : {}),
        ...(opts.dashboardUrl ? { dashboardUrl: opts.dashboardUrl } : {}),
        orgs: new OrgStore(redis, keys, store.cipher),
        store,
        // messages to other users go out right after the update, through the production delivery code
        outbox,
        // reports and spreadsheets are made at once, through the export worker's code
        exports: new DirectExports(() => ({ redis, keys, store, api: holder.bot!.api, fileUrl: botFileUrl(fake.url, TEST_TOKEN), catalog, i18n: holder.i18n!, logger })),
      },
      botConfig: {
        client: { apiRoot: fake.url },
        botInfo: {
          id: 999000, is_bot: true, first_name: 'Pendamping', username: 'pendamping_test_bot',
          can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false,
          can_connect_to_business: false, has_main_web_app: false,
        } as never,
      },
    });
    holder.bot = bot;
    holder.i18n = { t: (l, k, v) => i18n.t(l, k, v) };
    const h = new Harness(fake, bot, redis, store, keys, prefix, catalog, opts.now ?? new Date('2025-03-14T03:00:00Z'), !opts.fake);
    (h as { logs: string[] }).logs = logs;
    h.outbox = outbox;
    holder.h = h;
    return h;
  }

  /**
   * Handles one update as the bot would, and returns the new messages the user got from it — or,
   * when it sent none, the messages it turned into something new (a press answered in place).
   */
  async handle(update: Record<string, unknown>, chatId = ADMIN): Promise<FakeMessage[]> {
    const before = Math.max(0, ...this.fake.messages(chatId).map((m) => m.message_id));
    const from = this.fake.calls.length;
    try {
      await this.bot.handleUpdate(update as unknown as Update);
    } catch (err) {
      // as src/bot/polling.ts does in production: a failed update goes to bot.catch
      await this.bot.errorHandler(err as BotError<BotContext>);
    }
    const sent = this.fake.messages(chatId).filter((m) => m.message_id > before);
    if (sent.length > 0) return sent;
    const edited = new Set(
      this.fake.calls.slice(from)
        .filter((c) => c.method === 'editMessageText' && Number(c.payload['chat_id']) === chatId && c.response?.ok === true)
        .map((c) => Number(c.payload['message_id'])),
    );
    return this.fake.messages(chatId).filter((m) => edited.has(m.message_id));
  }

  say(text: string, opts: { user?: number; languageCode?: string; firstName?: string } = {}): Promise<FakeMessage[]> {
    const user = opts.user ?? ADMIN;
    const who = { ...(opts.languageCode ? { languageCode: opts.languageCode } : {}), ...(opts.firstName ? { firstName: opts.firstName } : {}) };
    return this.handle(this.fake.sendText(user, text, who), user);
  }

  /** Presses the button whose text contains `label`, on the newest message that has one. */
  async tap(label: string | RegExp, user = ADMIN): Promise<FakeMessage[]> {
    const messages = this.fake.messages(user);
    for (let i = messages.length - 1; i >= 0; i--) {
      const b = buttons(messages[i]).find((x) => (typeof label === 'string' ? x.text.includes(label) : label.test(x.text)));
      if (b) return this.press(messages[i]!.message_id, b.callback_data, user);
    }
    throw new Error(`no button "${String(label)}"; last message: ${JSON.stringify(messages.at(-1))}`);
  }

  press(messageId: number, data: string, user = ADMIN): Promise<FakeMessage[]> {
    return this.handle(this.fake.pressButton(user, messageId, data), user);
  }

  last(user = ADMIN): FakeMessage {
    const m = this.fake.lastMessage(user);
    if (!m) throw new Error('no message yet');
    return m;
  }

  /** The alert text of the last answered button press, if any. */
  lastAlert(): string | undefined {
    const call = [...this.fake.calls].reverse().find((c) => c.method === 'answerCallbackQuery');
    return call?.payload.text as string | undefined;
  }

  async workspace(user = ADMIN, notesOf?: string) {
    return this.store.load(user, notesOf ? { notesOf } : {});
  }

  async stop(): Promise<void> {
    await deletePrefix(this.redis, this.prefix);
    this.redis.disconnect();
    if (this.ownsFake) await this.fake.stop();
  }

  /** Stops this bot but keeps Redis and the fake, as a process restart would. */
  async detach(): Promise<void> {
    this.redis.disconnect();
  }
}

/** What a note's draft knows of a case opened by openCase (a Bapas client of 42, on parole, opened
 *  by a praktikan, no drug use): the facts its flow's conditions may read, kept among the draft's
 *  answers (src/cases/case-facts.ts). */
export const BAPAS_ADULT = { '@setting': 'bapas', '@anak': false, '@kelompok': false, '@peran': 'praktikan', '@program': 'pembebasan_bersyarat', '@napza': false } as const;

/** The intake's answers, by question id: a text to type, or a button to press (`{ tap }`); a
 *  question not named gets the default below, an optional one with no default is skipped. */
export type IntakeAnswers = Record<string, string | { tap: string }>;

const INTAKE_DEFAULTS: IntakeAnswers = {
  inisial: 'Si',
  usia: '42',
  jenis_kelamin: { tap: 'Perempuan' },
  setting: { tap: 'Bapas' },
  masalah: 'Relasi dengan keluarga renggang',
  model: { tap: 'Zastrow' },
  peran: { tap: 'Praktikan' },
  program: { tap: 'Pembebasan bersyarat' },
  penjamin: { tap: 'Orang tua' },
  penjamin_setuju: { tap: 'Ya, tertulis' },
  zat_utama: { tap: 'Tidak memakai NAPZA' },
  rawat: { tap: 'Rawat inap' },
  cara_masuk: { tap: 'Sukarela' },
  nama_kelompok: 'Mawar',
  jumlah_anggota: '8',
  komposisi: { tap: 'Campuran' },
  usia_termuda: '19',
  usia_tertua: '35',
};

/**
 * Answers the intake begun with /kasus_baru up to its review (not saved), each question the bot
 * asks (read from the draft) from `answers`, else the defaults. Returns the messages of the last
 * answer (the review), or none when the intake was already at its review.
 */
export async function answerIntake(h: Harness, answers: IntakeAnswers = {}, user = ADMIN): Promise<FakeMessage[]> {
  const all = { ...INTAKE_DEFAULTS, ...answers };
  let last: FakeMessage[] = [];
  for (let i = 0; i < 30; i++) {
    const act = (await h.workspace(user)).session?.activity;
    if (!act || act.kind !== 'intake') throw new Error('no intake in progress');
    const q = act.form.cursor;
    if (q === null) return last;
    const a = all[q];
    if (a === undefined) last = await h.tap(/^⏭/, user);
    else if (typeof a === 'string') last = await h.say(a, { user });
    else last = await h.tap(a.tap, user);
  }
  throw new Error('the intake did not reach its review');
}

/**
 * Walks the intake begun with /kasus_baru to its review and saves it, answering each question the
 * bot asks (read from the draft) from `answers`, else the defaults. Returns the last messages.
 */
export async function walkIntake(h: Harness, answers: IntakeAnswers = {}, user = ADMIN): Promise<FakeMessage[]> {
  await answerIntake(h, answers, user);
  return h.tap(/^💾/, user);
}

/** Opens a case through the intake, as a worker would; returns its id. */
export async function openCase(h: Harness, initials = 'Si', model = 'Zastrow', user = ADMIN, setting = 'Bapas', more: IntakeAnswers = {}): Promise<string> {
  await h.say('/kasus_baru', { user });
  await walkIntake(h, { inisial: initials, model: { tap: model }, setting: { tap: setting }, ...more }, user);
  const ws = await h.workspace(user);
  const c = Object.values(ws.cases).find((x) => x.initials === initials || x.initials === more['nama_kelompok']);
  if (!c) throw new Error('case not stored');
  return c.id;
}

/** The invitation code in a message with an invitation link (`…?start=<code>`). */
export function invitationCode(m: FakeMessage | undefined): string {
  const match = /start=([a-z0-9]+_[a-z0-9]+)/.exec(m?.text ?? '');
  if (!match) throw new Error(`no invitation link in ${JSON.stringify(m?.text)}`);
  return match[1]!;
}

/**
 * An organisation as its people make it: the admin founds it, a supervisor joins by a single-use
 * link, and each worker by the supervisor's own link (so they are that supervisor's workers).
 * Returns the organisation's id.
 */
export async function team(
  h: Harness,
  people: { supervisor: { id: number; name: string; languageCode?: string }; workers: { id: number; name: string }[]; admin?: { id: number; name: string }; org?: string },
): Promise<string> {
  const admin = people.admin?.id ?? ADMIN;
  await h.say('/lembaga', { user: admin, ...(people.admin ? { firstName: people.admin.name } : {}) });
  await h.say(people.org ?? 'Bapas Kelas I Bandung', { user: admin });
  await h.say('/lembaga', { user: admin });
  await h.tap('Undangan baru', admin);
  const [made] = await h.tap('Supervisor · 1 orang', admin);
  const sup = people.supervisor;
  const lang = sup.languageCode ? { languageCode: sup.languageCode } : {};
  await h.say(`/start ${invitationCode(made)}`, { user: sup.id, firstName: sup.name, ...lang });
  const [own] = await h.say('/undang', { user: sup.id, ...lang });
  for (const w of people.workers) await h.say(`/start ${invitationCode(own)}`, { user: w.id, firstName: w.name });
  return (await h.workspace(admin)).membership!.orgId;
}
