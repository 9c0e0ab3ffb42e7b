// The dashboard (src/dashboard/) over a runtime: the same store, organisations, catalog, outbox and
// export queue as the bot, so what it does is what the chat does. The bot process mounts it on its
// HTTP server at /app; the playground on its page's server.
import type { Logger } from 'pino';
import type { I18n } from '@grammyjs/i18n';
import type { BotContext } from '../bot/context.ts';
import { dashboardApp } from '../dashboard/routes.ts';
import type { ExportControl } from '../export/jobs.ts';
import type { Outbox } from '../store/outbox-messages.ts';
import type { Runtime } from './runtime.ts';

export interface DashboardOptions {
  botToken: string;
  outbox: Outbox;
  exports?: ExportControl | undefined;
  clock?: { now(): Date };
  /** the playground's shim instead of Telegram's script */
  telegramJs?: string;
  logger?: Logger;
}

export function dashboardFor(rt: Pick<Runtime, 'store' | 'orgs' | 'catalog' | 'logger' | 'config'>, i18n: I18n<BotContext>, o: DashboardOptions) {
  return dashboardApp({
    botToken: o.botToken,
    store: rt.store,
    orgs: rt.orgs,
    catalog: rt.catalog,
    outbox: o.outbox,
    exports: o.exports,
    clock: o.clock ?? { now: () => new Date() },
    defaultTimezone: rt.config.defaultTimezone,
    multiInstance: rt.config.mode === 'webhook',
    logger: (o.logger ?? rt.logger).child({ part: 'dashboard' }),
    t: (lang) => (key, vars) => i18n.t(lang, key, vars),
    ...(o.telegramJs ? { telegramJs: o.telegramJs } : {}),
  });
}
