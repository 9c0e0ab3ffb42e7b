// What the reminder workers are given: connections, the store, the Bot API client, the texts.
import type { ConnectionOptions } from 'bullmq';
import type { Api } from 'grammy';
import type { Logger } from 'pino';
import type { Catalog } from '../catalog/catalog.ts';
import type { Keys } from '../store/keys.ts';
import type { RedisClient } from '../store/redis-connection.ts';
import type { SessionData } from '../store/session.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';
import type { ReminderQueues } from './queues.ts';
import type { Texts } from '../telegram/texts.ts';
export type { Texts };

export interface ReminderWorkerDeps {
  connection: ConnectionOptions;
  queues: ReminderQueues;
  /** the plain client, for the exactly-once guard */
  redis: RedisClient;
  store: WorkspaceStore<SessionData>;
  keys: Keys;
  api: Api;
  catalog: Catalog;
  i18n: Texts;
  logger: Logger;
  now: () => number;
  defaultZone: string;
  /** the dashboard's URL, when served (the `commands` messages set menu buttons to it) */
  dashboardUrl?: string | undefined;
  /** tests: fire every N ms instead of weekly at the chosen hour */
  everyMs?: number | undefined;
  /** tests: a short job lock, so a killed worker's job comes back in seconds (BullMQ default 30 s) */
  lockMs?: number | undefined;
}

