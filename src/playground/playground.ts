// The running playground: the real bot, its long polling and its reminder workers, over one
// runtime (Redis, store, queues), with the three things the page can ask of it besides chatting:
// a language for the simulated users, Reset, and time travel. One of those at a time.
import type { Bot } from 'grammy';
import type { I18n } from '@grammyjs/i18n';
import type { Runtime } from '../app/runtime.ts';
import type { BotContext, Lang } from '../bot/context.ts';
import { startPolling, type Polling } from '../bot/polling.ts';
import { floodNotice } from '../bot/per-user-limit.ts';
import { createSendQueueApi } from '../reminders/api.ts';
import type { ExportQueue } from '../export/jobs.ts';
import type { ExportWorker } from '../export/worker.ts';
import { startRuntimeExportWorker } from '../app/export-worker.ts';
import { startReminderWorkers, type ReminderWorkers } from '../reminders/workers.ts';
import type { PlaygroundClock } from './clock.ts';
import { seed, SEED_USERS } from './seed.ts';
import type { TelegramSim } from './telegram-sim.ts';
import { travelToNextReminder, type TravelResult } from './time-travel.ts';
import { wipePlayground } from './wipe.ts';

export type Busy = 'seeding' | 'resetting' | 'travelling' | undefined;

export class Playground {
  lang: Lang = 'id';
  busy: Busy;
  /** nobody has typed or pressed anything since the seed: a language change may re-seed */
  private pristine = false;
  private seededIn: Lang = 'id';
  private polling: Polling | undefined;
  private workers: ReminderWorkers | undefined;
  private readonly busyListeners = new Set<(b: Busy) => void>();

  private readonly rt: Runtime;
  /** the chats (the simulated Telegram) */
  readonly sim: TelegramSim;
  readonly clock: PlaygroundClock;
  private readonly bot: Bot<BotContext>;
  private readonly i18n: I18n<BotContext>;
  /** the queue the bot asks for reports on; its worker runs with the reminder workers */
  private readonly exports: ExportQueue;
  private exportWorker: ExportWorker | undefined;
  /** the dashboard on the page's own server (known once it listens, before the seed) */
  dashboardUrl: string | undefined;

  constructor(rt: Runtime, sim: TelegramSim, clock: PlaygroundClock, bot: Bot<BotContext>, i18n: I18n<BotContext>, exports: ExportQueue) {
    this.rt = rt;
    this.sim = sim;
    this.clock = clock;
    this.bot = bot;
    this.i18n = i18n;
    this.exports = exports;
  }

  onBusy(fn: (b: Busy) => void): () => void {
    this.busyListeners.add(fn);
    return () => this.busyListeners.delete(fn);
  }

  /** Starts afresh: the chats live in this process only, so data of an earlier run is wiped too. */
  async start(): Promise<void> {
    await this.exclusive('seeding', () => this.fresh());
  }

  /** A user did something: the seed is no longer untouched. */
  touched(): void {
    this.pristine = false;
  }

  async setLang(lang: Lang): Promise<void> {
    this.lang = lang;
    for (const u of SEED_USERS) this.sim.setUser(u.id, { languageCode: lang });
    // The welcome messages of an untouched playground follow the visitor's language.
    if (this.pristine && this.seededIn !== lang && !this.busy) await this.reset();
  }

  async reset(): Promise<void> {
    await this.exclusive('resetting', async () => {
      await this.halt();
      await this.fresh();
    });
  }

  async travel(): Promise<TravelResult> {
    this.pristine = false;
    return this.exclusive('travelling', () => travelToNextReminder(this.rt.queues, this.sim, this.clock));
  }

  async stop(): Promise<void> {
    await this.halt();
  }

  private async fresh(): Promise<void> {
    const { queues, redis, config } = this.rt;
    // only keys provably the playground's (its marker, src/playground/wipe.ts); BullMQ's keys live
    // under the same prefix: obliterated first, so no worker holds a job
    await wipePlayground(redis, config.redisPrefix, () =>
      Promise.all([queues.schedule.obliterate({ force: true }), queues.sends.obliterate({ force: true }), this.exports.queue.obliterate({ force: true })]).catch(() => undefined),
    );
    this.clock.reset();
    this.sim.clear();
    this.run();
    await this.seedAll();
  }

  private run(): void {
    const { rt } = this;
    this.workers = startReminderWorkers({
      connection: rt.bullRedis, queues: rt.queues, redis: rt.redis, store: rt.store, keys: rt.keys,
      api: createSendQueueApi(rt.config.botToken, rt.config.apiRoot), catalog: rt.catalog, i18n: this.i18n,
      logger: rt.logger, now: this.clock.nowMs, defaultZone: rt.config.defaultTimezone, dashboardUrl: this.dashboardUrl,
    });
    // reports, charts and spreadsheets, made and sent as in production (documents to download on the page)
    this.exportWorker = startRuntimeExportWorker(rt, this.i18n);
    // a flood is told to wait as in production (updates are not parked here: one person at a page)
    const notice = floodNotice({ api: this.bot.api, redis: rt.redis, keys: rt.keys, adminIds: rt.config.adminIds, text: (l) => this.i18n.t(l, 'flood-wait') });
    this.polling = startPolling(this.bot, rt.logger, { perUser: { notice } });
    this.polling.done.catch((err: unknown) => rt.logger.error({ err }, 'playground polling stopped'));
  }

  private async halt(): Promise<void> {
    await this.polling?.stop().catch(() => undefined);
    await this.workers?.close();
    await this.exportWorker?.close();
    this.polling = undefined;
    this.workers = undefined;
    this.exportWorker = undefined;
  }

  private async seedAll(): Promise<void> {
    await seed(this.sim, this.i18n, this.lang);
    // the supervisor's weekly digest and any reminders get their schedulers now, not at the next reconcile
    for (const u of SEED_USERS) await this.rt.queues.requestSync(u.id);
    this.seededIn = this.lang;
    this.pristine = true;
  }

  private async exclusive<T>(what: Exclude<Busy, undefined>, fn: () => Promise<T>): Promise<T> {
    if (this.busy) throw new BusyError(this.busy);
    this.setBusy(what);
    try {
      return await fn();
    } finally {
      this.setBusy(undefined);
    }
  }

  private setBusy(b: Busy): void {
    this.busy = b;
    for (const fn of this.busyListeners) fn(b);
  }
}

export class BusyError extends Error {
  override readonly name = 'BusyError';
  readonly what: string;

  constructor(what: string) {
    super(`the playground is ${what}`);
    this.what = what;
  }
}
