// Builds the bot: middleware in order, then one composer per feature. No network or Redis I/O
// happens here; main.ts (or a test) decides how updates arrive.
import { riskButtons, riskDoneAside } from './features/risk-followup.ts';
import { protectContent } from '../telegram/protect-content.ts';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Bot, GrammyError, HttpError, type BotConfig } from 'grammy';
import { I18n } from '@grammyjs/i18n';
import { autoRetry } from '@grammyjs/auto-retry';
import type { BotContext, BotDeps, SessionData } from './context.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';
import { ConcurrentUpdateError } from '../store/workspace-store.ts';
import { lang, rememberLanguage, telegramLang } from './lang.ts';
import { awaitPressAnswer } from './actions.ts';
import { provideDeps } from './middleware/context.ts';
import { commandsInLowerCase } from './middleware/command-case.ts';
import { decodeButton } from './middleware/decode-button.ts';
import { Buttons } from './buttons.ts';
import { membersOnly, privateOnly } from './middleware/access.ts';
import { sessionMiddleware, skipReplayed } from './middleware/state.ts';
import { unitOfWork } from './middleware/unit-of-work.ts';
import { readPlanOf } from './read-plan.ts';
import { menu, menuButtons } from './features/menu.ts';
import { drafts, draftsButtons } from './features/drafts.ts';
import { cases, casesButtons } from './features/cases.ts';
import { caseEnding, caseEndingButtons, endNoteAside } from './features/case-ending.ts';
import { notes, notesButtons } from './features/notes.ts';
import { history, historyButtons } from './features/history.ts';
import { answers, answersButtons } from './features/answers.ts';
import { fallback } from './features/fallback.ts';
import { reminders, remindersButtons, skipReasonAside } from './features/reminders.ts';
import { emergencyAside, ensureFlows, leavingButtons, organisation, organisationButtons, orgNameAside, membership, orgFlows, orgFlowsButtons, orgForm, orgFormButtons, orgLetterheadButtons, letterheadAddressAside, letterheadLogoAside } from './features/organisation/index.ts';
import { institutionFormButtons } from './features/institution-form.ts';
import { feedbackAside, reviewButtons } from './features/review.ts';
import { asideButtons, asides } from './asides.ts';
import { reports, reportsButtons } from './features/reports.ts';
import { periodButtons, periodRangeAside } from './features/period-reports.ts';
import { reportDocumentsButtons } from './features/report-documents.ts';
import { caseDeletionButtons } from './features/case-deletion.ts';
import { caseAdminButtons } from './features/case-admin.ts';
import { caseDeleteApprovalButtons } from './features/case-delete-approval.ts';
import { myData, myDataButtons } from './features/my-data.ts';
import { team, teamButtons } from './features/team.ts';

export const LOCALES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../locales');

export function createI18n(): I18n<BotContext> {
  return new I18n<BotContext>({
    defaultLocale: 'id',
    directory: LOCALES_DIR,
    useSession: false,
    fluentBundleOptions: { useIsolating: false },
    localeNegotiator: (ctx) => lang(ctx),
    // a user in several organisations is told where a button of another of theirs leads (/lembaga)
    globalTranslationContext: (ctx) => ({ orgs: orgCount(ctx) > 1 ? 'several' : 'one' }),
  });
}

function orgCount(ctx: BotContext): number {
  try {
    return Object.keys(ctx.uow.membership?.orgs ?? {}).length;
  } catch {
    return 0; // (before the read: nothing to say)
  }
}

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
  // client data stays in the chat: no forwarding or saving, except what is meant to be passed on
  bot.api.config.use(protectContent());
  const i18n = createI18n();

  // every update's path: who and what it is, the one read, access, replays, language
  bot.use(awaitPressAnswer);
  bot.use(provideDeps(deps, (locale, key, vars) => i18n.t(locale, key, vars)));
  bot.use(decodeButton);
  bot.use(commandsInLowerCase);
  bot.use(privateOnly(i18n));
  bot.use(unitOfWork<BotContext>({ store, planOf: readPlanOf, outbox: deps.outbox, multiInstance: deps.multiInstance ?? false, reminders: deps.reminders }));
  bot.use(sessionMiddleware);
  bot.use(membersOnly(i18n));
  bot.use(skipReplayed);
  bot.use(i18n.middleware());
  bot.use(rememberLanguage);
  // a text the bot asked for outside a note (an organisation's name, why a case ends, feedback, why
  // a week was skipped; a letterhead's address, or its logo sent as a picture) is answered before
  // anything else reads it
  bot.use(asides({ 'org-name': orgNameAside, emergency: emergencyAside, 'risk-done': riskDoneAside, 'end-note': endNoteAside, feedback: feedbackAside, 'skip-reason': skipReasonAside, 'period-range': periodRangeAside, 'letterhead-address': letterheadAddressAside, 'letterhead-logo': letterheadLogoAside }));
  // a flow version another instance just published is loaded before anyone looks
  bot.use(ensureFlows);
  // an admin's flow file or Word form is an upload (unless a note's question asks for a file); then, while a note
  // or a case is being written, a message is its answer — the most common update decided early,
  // commands going on to the features
  bot.use(orgFlows, orgForm, answers);
  // the features' commands, then every button by its kind, then what nothing took
  bot.use(menu, drafts, cases, caseEnding, myData, notes, history, reminders, organisation, membership, reports, team);
  bot.use(
    Buttons.router(
      menuButtons, draftsButtons, casesButtons, caseEndingButtons, caseDeletionButtons, caseAdminButtons, caseDeleteApprovalButtons, myDataButtons, notesButtons, historyButtons,
      remindersButtons, organisationButtons, leavingButtons, orgFlowsButtons, orgFormButtons, orgLetterheadButtons, institutionFormButtons, reviewButtons, reportsButtons, periodButtons, reportDocumentsButtons, answersButtons, asideButtons, riskButtons, teamButtons,
    ),
  );
  bot.use(fallback);

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
