// The context every handler sees, and the per-user session it carries.
import type { Context, SessionFlavor } from 'grammy';
import type { I18nFlavor } from '@grammyjs/i18n';
import type { Logger } from 'pino';
import type { Catalog } from '../catalog/catalog.ts';
import type { FormState } from '../engine/step.ts';
import type { UnitOfWork } from '../store/unit-of-work.ts';
import type { NoteRecord } from '../store/records.ts';
import type { ReminderPrefs } from '../reminders/schedule.ts';
import type { ReminderControl } from '../reminders/queues.ts';
import type { OrgStore } from '../org/org-store.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';

export type Lang = 'id' | 'en';

interface ActivityBase {
  /** random per activity: buttons of an earlier activity are recognised as stale */
  token: string;
  form: FormState;
  /** the message with the current question's buttons, stripped when the next one is sent */
  promptMessageId?: number;
  /** process that last touched it: a different one means the bot restarted in between */
  boot: string;
  /** album of the last file answer: its other photos are not answers to the next question */
  mediaGroup?: string;
  startedAt: string;
}

/** Opening a new case: the intake questions. */
export interface IntakeActivity extends ActivityBase {
  kind: 'intake';
}

/** Writing a session note for one case, at one stage. */
export interface NoteActivity extends ActivityBase {
  kind: 'note';
  caseId: string;
  flowId: string;
  stageId: string;
}

/** Changing a saved note (after a supervisor's feedback): its answers, reviewed and saved again. */
export interface NoteEditActivity extends ActivityBase {
  kind: 'note-edit';
  caseId: string;
  flowId: string;
  stageId: string;
  /** the note as it was: kept as an earlier version when the change is saved */
  original: NoteRecord;
}

export type Activity = IntakeActivity | NoteActivity | NoteEditActivity;

export interface SessionData {
  /** chosen with /bahasa; otherwise Telegram's language decides */
  lang?: Lang;
  /** ids of the last updates applied: one delivered again after a crash is not applied twice */
  recentUpdates?: number[];
  activity?: Activity;
  /** monitoring reminders: weekday, hour, zone, paused (set with /pengingat) */
  reminders?: ReminderPrefs;
  /** waiting for the reason of a skipped reminder ("Lewati minggu ini") */
  skipReason?: { caseId: string; occurrence: number };
  /** waiting for a typed text: the organisation's name, or a supervisor's feedback on a note */
  awaiting?:
    | { kind: 'org-name' }
    | { kind: 'feedback'; workerId: number; caseId: string; noteId: string; version: number; client: string; date: string };
}

export interface Clock {
  now(): Date;
}

export interface BotDeps {
  catalog: Catalog;
  logger: Logger;
  clock: Clock;
  adminIds: ReadonlySet<number>;
  defaultTimezone: string;
  /** identifies this process; see ActivityBase.boot */
  bootId: string;
  /** the reminder queues; absent where reminders do not run (some tests) */
  reminders?: ReminderControl;
  orgs: OrgStore;
  store: WorkspaceStore<SessionData>;
}

/** What this update read beyond the user's own workspace (see middleware/state.ts). */
export interface ExtraReads {
  /** a worker's case, notes and reviews, for a supervisor's button */
  other?: ReturnType<WorkspaceStore<SessionData>['readOther']>;
  /** the organisation named by a button or an invitation link */
  org?: ReturnType<OrgStore['read']>;
}

export type BotContext = Context &
  SessionFlavor<SessionData> &
  I18nFlavor & {
    deps: BotDeps;
    uow: UnitOfWork<SessionData>;
    reads: ExtraReads;
    log: Logger;
    /** a text in a given language (for messages to another user, whose language is not read) */
    tIn: (locale: Lang, key: string, vars?: Record<string, string | number>) => string;
  };
