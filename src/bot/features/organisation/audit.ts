// The audit log in the organisation's screens: /audit for admins, the 📜 button of the /lembaga
// menu (the latest entries) and its 📤 CSV. The log itself is src/bot/features/audit-log.ts.
import { Composer, InlineKeyboard } from 'grammy';
import { mayManage } from '../../../org/access.ts';
import type { OrgView } from '../../../org/org-store.ts';
import type { AuditEntry } from '../../../store/org-records.ts';
import type { BotContext } from '../../context.ts';
import { editOrSend } from '../../edits.ts';
import { auditLine, sendAuditCsv, showAudit, strangersLine } from '../audit-log.ts';
import { orgButton } from './common.ts';
import type { OrgAction } from './org-action.ts';

export const auditCommand = new Composer<BotContext>();

auditCommand.command('audit', async (ctx) => {
  const m = ctx.uow.membership;
  if (!m || !mayManage(m, m.orgId)) {
    await ctx.reply(ctx.t('org-not-admin'));
    return;
  }
  // `/audit <case id>`: that case's entries; a 📤 CSV button under either (src/bot/features/audit-log.ts)
  await showAudit(ctx, m.orgId, ctx.match.trim() || undefined);
});

function auditText(ctx: BotContext, entries: AuditEntry[], view: OrgView): string {
  if (entries.length === 0) return ctx.t('audit-empty');
  const lines = entries.map((e) => auditLine(ctx, e, view));
  return `${ctx.t('audit-title')}\n${lines.join('\n')}`;
}

/** The admin menu's audit buttons (the permission is checked by the caller). */
export async function auditAction(ctx: BotContext, orgId: string, view: OrgView, x: Extract<OrgAction, { op: 'audit' | 'audit-csv' }>): Promise<void> {
  if (x.op === 'audit-csv') return sendAuditCsv(ctx, orgId, view, x.caseId);
  const [entries, strangers] = await Promise.all([ctx.deps.orgs.recentAudit(orgId, 20), strangersLine(ctx, orgId)]);
  const kb = new InlineKeyboard().text(ctx.t('btn-audit-csv'), orgButton(orgId, { op: 'audit-csv' })).row().text(ctx.t('btn-back'), orgButton(orgId, { op: 'menu' }));
  await editOrSend(ctx, `${auditText(ctx, entries, view)}${strangers}`, { parse_mode: 'HTML', reply_markup: kb });
}
