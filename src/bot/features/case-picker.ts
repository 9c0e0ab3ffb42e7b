// A paged list of the user's cases as buttons, most recently worked first.
import { InlineKeyboard } from 'grammy';
import { byRecentWork, caseButtonLabel, clientLabel } from '../../cases/labels.ts';
import type { CaseRecord } from '../../store/records.ts';
import { encode, type Action } from '../../telegram/callback-data.ts';
import type { BotContext } from '../context.ts';
import { lang } from '../lang.ts';
import { ack } from '../actions.ts';
import { audit } from './organisation/index.ts';
import { editOrSend } from '../edits.ts';

export const PAGE_SIZE = 8;
export type Purpose = 'note' | 'history' | 'cases';

export function sortedCases(ctx: BotContext, opts: { activeOnly: boolean }): CaseRecord[] {
  return ctx.uow.allCases()
    .filter((c) => !opts.activeOnly || c.status === 'active')
    .sort(byRecentWork);
}

function target(purpose: Purpose, caseId: string): Action {
  if (purpose === 'note') return { kind: 'note-case', caseId };
  if (purpose === 'history') return { kind: 'history', caseId, page: 0 };
  return { kind: 'case-card', caseId };
}

/** Sends (or, from a page button, edits into) the list; returns false when there is no case. */
export async function showCasePicker(ctx: BotContext, purpose: Purpose, page = 0): Promise<boolean> {
  const cases = sortedCases(ctx, { activeOnly: purpose === 'note' });
  if (cases.length === 0) {
    const kb = new InlineKeyboard().text(ctx.t('btn-new-case'), encode({ kind: 'menu', item: 'new' }));
    // a supervisor without cases of their own is after their workers' notes: say where those are
    const supervises = (ctx.uow.membership?.workers.length ?? 0) > 0;
    await ctx.reply(ctx.t(supervises ? 'no-own-cases-supervisor' : 'no-cases'), { reply_markup: kb });
    return false;
  }
  const pages = Math.ceil(cases.length / PAGE_SIZE);
  const p = Math.min(Math.max(page, 0), pages - 1);
  const kb = new InlineKeyboard();
  // two "Si (42)" get their codes, measured against the whole caseload (closed cases too), so a case
  // reads the same in /catat, /riwayat and /kasus, whatever the page
  const all = ctx.uow.allCases();
  for (const c of cases.slice(p * PAGE_SIZE, (p + 1) * PAGE_SIZE)) {
    kb.text(caseButtonLabel(c, ctx.deps.catalog.get(c.flowId), lang(ctx), all), encode(target(purpose, c.id))).row();
  }
  if (p > 0) kb.text(ctx.t('btn-prev'), encode({ kind: 'case-page', purpose, page: p - 1 }));
  if (p < pages - 1) kb.text(ctx.t('btn-next'), encode({ kind: 'case-page', purpose, page: p + 1 }));
  const text = ctx.t(`pick-case-${purpose}`, { page: p + 1, pages });
  if (ctx.callbackQuery?.data?.startsWith('cp:')) await editOrSend(ctx, text, { reply_markup: kb });
  else await ctx.reply(text, { reply_markup: kb });
  return true;
}

/** The user's own case a button names, still open: a closed one gets "this case is closed". */
export async function activeOwnCase(ctx: BotContext, caseId: string): Promise<CaseRecord | undefined> {
  const c = await ownCase(ctx, caseId);
  if (!c) return undefined;
  ack(ctx);
  if (c.status === 'active') return c;
  await ctx.reply(ctx.t('case-closed', { client: clientLabel(c) }));
  return undefined;
}

/** The case a button names, if it is the user's own; otherwise the press is refused. */
export async function ownCase(ctx: BotContext, caseId: string): Promise<CaseRecord | undefined> {
  const c = ctx.uow.cases[caseId];
  if (!c) {
    ctx.log.warn({ caseId }, 'button names a case that is not the user\'s');
    const m = ctx.uow.membership;
    // most often an old button of a case deleted or moved since, sometimes a forged one: which, the
    // audit cannot tell, so it says both rather than "no access"
    if (m) audit(ctx, m.orgId, 'case-button-unknown', { caseId });
    ack(ctx, ctx.t('stale-button'));
    return undefined;
  }
  return c;
}
