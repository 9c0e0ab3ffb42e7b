// 🏛 Formulir lembaga under a case's report menu (/laporan), when the case's organisation has its own
// Word form published (src/bot/features/institution-form.ts makes it). The menu's button names the
// case's organisation, so the update's one read brings the form's `meta` (src/bot/read-plan.ts); a
// button from before it named one offers no 🏛 (the list is one tap away).
import type { InlineKeyboard } from 'grammy';
import type { CaseRecord } from '../../store/records.ts';
import { encode } from '../../telegram/callback-data.ts';
import type { BotContext } from '../context.ts';

/** Adds 🏛 on a row of its own when the case's organisation has a form (read with the update). */
export function addFormButton(ctx: BotContext, kb: InlineKeyboard, c: CaseRecord): void {
  if (ctx.uow.orgForm) kb.row().text(ctx.t('btn-form-make'), encode({ kind: 'form-make', caseId: c.id }));
}

/** The report menu's button for a case: it names the case's organisation (the read above). */
export function reportCaseData(ctx: BotContext, c: CaseRecord): string {
  const orgId = c.orgId ?? ctx.uow.membership?.orgId;
  return encode({ kind: 'report-case', caseId: c.id, ...(orgId ? { orgId } : {}) });
}
