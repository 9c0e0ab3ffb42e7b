// Builds the bot: middleware in order, then one composer per feature. No network or Redis I/O
// happens here; main.ts (or a test) decides how updates arrive.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Bot, GrammyError, HttpError, type BotConfig, type Transformer } from 'grammy';
import { I18n } from '@grammyjs/i18n';
import { autoRetry } from '@grammyjs/auto-retry';
import type { BotContext, BotDeps, SessionData } from './context.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';
import { ConcurrentUpdateError } from '../store/workspace-store.ts';
import { lang, rememberLanguage, telegramLang } from './lang.ts';
import { awaitPressAnswer } from './actions.ts';
import { provideDeps } from './middleware/context.ts';
import { sequence } from './middleware/sequence.ts';
import { membersOnly, privateOnly } from './middleware/access.ts';
import { sessionMiddleware, skipReplayed, unitOfWork } from './middleware/state.ts';
import { menu } from './features/menu.ts';
import { drafts } from './features/drafts.ts';
import { cases } from './features/cases.ts';
import { caseEnding } from './features/case-ending.ts';
import { notes } from './features/notes.ts';
import { history } from './features/history.ts';
import { answers } from './features/answers.ts';
import { fallback } from './features/fallback.ts';
import { reminders, skipReasonFirst } from './features/reminders.ts';
import { organisation, membership, orgFlows } from './features/organisation/index.ts';
import { review } from './features/review.ts';
import { awaitingText } from './features/awaiting.ts';
import { reports } from './features/reports.ts';
import { caseDeletion } from './features/case-deletion.ts';
import { caseAdmin } from './features/case-admin.ts';
import { myData } from './features/my-data.ts';

export const LOCALES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../locales');

export function createI18n(): I18n<BotContext> {
  return new I18n<BotContext>({
    defaultLocale: 'id',
    directory: LOCALES_DIR,
    useSession: false,
    fluentBundleOptions: { useIsolating: false },
    localeNegotiator: (ctx) => lang(ctx),
  });
}

/**
 * A double tap edits a message into what it already is; Telegram answers 400 "message is not
 * modified". Nothing is wrong, so that answer is not an error here.
 */
const ignoreNotModified: Transformer = async (prev, method, payload, signal) => {
  const res = await prev(method, payload, signal);
  if (!res.ok && method.startsWith('editMessage') && res.description.includes('message is not modified')) {
    return { ok: true, result: true } as unknown as typeof res;
  }
  return res;
};

export interface CreateBotOptions {
  token: string;
  deps: BotDeps;
  store: WorkspaceStore<SessionData>;
  botConfig?: BotConfig<BotContext>;
}

export function createBot({ token, deps, store, botConfig }: CreateBotOptions): { bot: Bot<BotContext>; i18n: I18n<BotContext> } {
  const bot = new Bot<BotContext>(token, botConfig);
  // 429s are retried after retry_after; network blips a few times, then they surface as errors.
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 60 }));
  bot.api.config.use(ignoreNotModified);
  const i18n = createI18n();

  // every update's path, as one layer of grammY's composer (src/bot/middleware/sequence.ts)
  bot.use(
    sequence(
      awaitPressAnswer,
      provideDeps(deps, (locale, key, vars) => i18n.t(locale, key, vars)),
      privateOnly(i18n),
      unitOfWork(store),
      sessionMiddleware,
      membersOnly(i18n),
      skipReplayed,
      i18n.middleware(),
      rememberLanguage,
      skipReasonFirst,
      awaitingText,
      // orgFlows first: it loads a flow version another instance just published before anyone looks
      orgFlows, menu, drafts, cases, caseEnding, caseDeletion, caseAdmin, myData, notes, history, reminders, organisation, membership, review, reports, answers, fallback,
    ),
  );

  bot.catch(async (err) => {
    const ctx = err.ctx;
    const e = err.error;
    const conflict = e instanceof ConcurrentUpdateError;
    const log = ctx.log ?? deps.logger;
    if (e instanceof GrammyError) log.error({ method: e.method, code: e.error_code, description: e.description }, 'Telegram refused a call');
    else if (e instanceof HttpError) log.error({ err: e.error }, 'Telegram could not be reached');
    else log.error({ err: e }, conflict ? 'lost a write race' : 'update failed');
    // Nothing of this update was written: the user's earlier answers are as they were.
    try {
      let locale: 'id' | 'en';
      try {
        locale = lang(ctx); // the /bahasa choice, when the session was read
      } catch {
        locale = telegramLang(ctx);
      }
      if (ctx.chat) await ctx.api.sendMessage(ctx.chat.id, i18n.t(locale, conflict ? 'error-conflict' : 'error-generic'));
    } catch (replyErr) {
      log.warn({ err: replyErr }, 'could not tell the user about the error');
    }
  });
  return { bot, i18n };
}
