// The buttons that lead to a period's reports (src/bot/features/period-reports.ts), for /laporan's
// screens (src/bot/features/reports.ts): apart, so reports.ts adds them without importing the feature.
import { InlineKeyboard } from 'grammy';
import type { Membership } from '../../store/org-records.ts';
import { encode } from '../../telegram/callback-data.ts';
import type { BotContext } from '../context.ts';

/** A new row, unless the last is still empty (Telegram wants no empty row). */
function newRow(kb: InlineKeyboard): InlineKeyboard {
  return kb.inline_keyboard.at(-1)?.length ? kb.row() : kb;
}

/** Supervisors and admins make reports of the workers assigned to them (src/org/access.ts). */
export function supervising(ctx: BotContext, orgId?: string): Membership | undefined {
  const m = ctx.uow.membership;
  if (!m || (m.role !== 'supervisor' && m.role !== 'admin') || m.workers.length === 0) return undefined;
  return orgId === undefined || m.orgId === orgId ? m : undefined;
}

/** /laporan's first screen: the monthly report of one's own clients, and for a supervisor their workers' and the recap. */
export function periodEntryButtons(ctx: BotContext, kb: InlineKeyboard, ownCases: boolean): InlineKeyboard {
  const m = ctx.uow.membership;
  if (!m) return kb;
  if (ownCases) newRow(kb).text(ctx.t('btn-period-monthly'), encode({ kind: 'period-monthly', orgId: m.orgId, workerId: ctx.uow.userId, step: 'menu' }));
  if (supervising(ctx)) {
    newRow(kb).text(ctx.t('btn-period-workers'), encode({ kind: 'period-workers', orgId: m.orgId, page: 0 }));
    kb.text(ctx.t('btn-period-recap'), encode({ kind: 'period-recap', orgId: m.orgId, step: 'menu' }));
  }
  return kb;
}

/** The period buttons of a case's report screen. */
export function periodCaseButton(ctx: BotContext, kb: InlineKeyboard, caseId: string): InlineKeyboard {
  return newRow(kb).text(ctx.t('btn-period-case'), encode({ kind: 'period-case', caseId, step: 'menu' }));
}
