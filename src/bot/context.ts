// The context every handler sees, and the per-user session it carries.
import type { Context, SessionFlavor } from 'grammy';
import type { I18nFlavor } from '@grammyjs/i18n';
import type { Logger } from 'pino';
import type { Catalog } from '../catalog/catalog.ts';
import type { UowFlavor } from './middleware/unit-of-work.ts';
import type { ReminderControl } from '../reminders/queues.ts';
import type { OrgStore } from '../org/org-store.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';
import type { Outbox } from '../outbox/outbox.ts';
import type { ExportControl } from '../export/jobs.ts';
import type { Action } from '../telegram/callback-data.ts';
import type { CompileFiles } from '../catalog/flow-thread.ts';

export type { Lang, Activity, IntakeActivity, NoteActivity, NoteEditActivity, SessionData } from '../store/session.ts';
import type { Lang, SessionData } from '../store/session.ts';

export interface Clock {
  now(): Date;
}

export interface BotDeps {
  catalog: Catalog;
  logger: Logger;
  clock: Clock;
  adminIds: ReadonlySet<number>;
  defaultTimezone: string;
  /** identifies this process, and when it started (ms); see ActivityBase.boot */
  bootId: string;
  bootAt: number;
  /** the reminder queues; absent where reminders do not run (some tests) */
  reminders?: ReminderControl;
  orgs: OrgStore;
  store: WorkspaceStore<SessionData>;
  /** messages for other users, sent after the update's write */
  outbox: Outbox;
  /** several instances serve this bot (webhook mode): updates take their user's lock */
  multiInstance?: boolean;
  /** reports, charts and spreadsheets, made after the update (src/export/); absent: not offered */
  exports?: ExportControl;
  /** the supervisors' dashboard (a Mini App), when served: /tim offers it */
  dashboardUrl?: string;
  /** where an uploaded flow file is compiled; absent: a worker thread with a time limit
   *  (src/catalog/flow-thread.ts). Tests hold it or make it never finish. */
  compileUpload?: CompileFiles;
}

export type BotContext = Context &
  SessionFlavor<SessionData> &
  I18nFlavor &
  UowFlavor & {
    deps: BotDeps;
    log: Logger;
    /** a text in a given language (for messages to another user, whose language is not read) */
    tIn: (locale: Lang, key: string, vars?: Record<string, string | number>) => string;
    /** the pressed button, decoded once (src/bot/middleware/decode-button.ts); undefined otherwise */
    action: Action | undefined;
  };
