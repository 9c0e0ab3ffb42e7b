// The audit log for admins: /audit (the latest entries), /audit <case id> (every kept entry naming
// that case: who opened, exported, moved or deleted it), and 📤 CSV (the whole kept log, or one
// case's, as a spreadsheet). Entries hold ids only, never client data, so the file is made and sent
// in the update itself; the export is itself an audit entry. (Reads: one more round trip, as /audit
// always had: the organisation is known only from the membership.)
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { InlineKeyboard, InputFile } from 'grammy';
import { DateTime } from 'luxon';
import { CsvWriter } from '../../export/csv.ts';
import type { OrgView } from '../../org/org-store.ts';
import type { AuditEntry } from '../../store/org-records.ts';
import type { BotContext } from '../context.ts';
import { escapeHtml } from '../../telegram/format.ts';
import { userZone } from '../time.ts';
import { audit, orgButton } from './organisation/common.ts';

const CASE_ID = /^[a-z0-9]{4,16}$/;

export function auditLine(ctx: BotContext, e: AuditEntry, view: OrgView): string {
  const name = (id: number) => (id === 0 ? ctx.t('audit-system') : (view.members[id]?.name ?? String(id)));
  const when = DateTime.fromISO(e.at).setZone(userZone(ctx)).toFormat('dd/LL HH.mm');
  const who = e.detail.user ?? e.detail.worker;
  const target = who ? ` → ${name(Number(who))}` : '';
  const kase = e.detail.case ?? e.detail.caseId;
  return `${when} · ${escapeHtml(name(e.by))} · ${escapeHtml(ctx.t(`audit-${e.action}`))}${escapeHtml(target)}${kase ? ` · <code>${escapeHtml(kase)}</code>` : ''}`;
}

/** Refusals of non-members that named this organisation are kept apart from its audit: their count. */
export async function strangersLine(ctx: BotContext, orgId: string): Promise<string> {
  const count = await ctx.deps.orgs.strangerRefusalsOf(orgId);
  return count > 0 ? `\n${escapeHtml(ctx.t('audit-strangers', { count }))}` : '';
}

/** `/audit` or `/audit <case id>`. */
export async function showAudit(ctx: BotContext, orgId: string, arg: string | undefined): Promise<void> {
  const caseId = arg && CASE_ID.test(arg) ? arg : undefined;
  const [entries, view, strangers] = await Promise.all([
    caseId ? ctx.deps.orgs.auditEntries(orgId, caseId).then((all) => all.reverse().slice(0, 30)) : ctx.deps.orgs.recentAudit(orgId, 20),
    ctx.deps.orgs.load(orgId),
    caseId ? '' : strangersLine(ctx, orgId),
  ]);
  const kb = new InlineKeyboard().text(ctx.t('btn-audit-csv'), orgButton(orgId, { op: 'audit-csv', ...(caseId ? { caseId } : {}) }));
  if (entries.length === 0) {
    await ctx.reply(`${caseId ? ctx.t('audit-case-empty', { id: caseId }) : escapeHtml(ctx.t('audit-empty'))}${strangers}`, { parse_mode: 'HTML', reply_markup: kb });
    return;
  }
  const title = caseId ? ctx.t('audit-case-title', { id: caseId }) : ctx.t('audit-title');
  await ctx.reply(`${title}\n${entries.map((e) => auditLine(ctx, e, view)).join('\n')}${strangers}\n${ctx.t('audit-hint')}`, { parse_mode: 'HTML', reply_markup: kb });
}

/** The kept log (or one case's) as CSV, sent to the admin; audited. */
export async function sendAuditCsv(ctx: BotContext, orgId: string, view: OrgView, caseId: string | undefined): Promise<void> {
  const entries = await ctx.deps.orgs.auditEntries(orgId, caseId);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pendamping-audit-'));
  try {
    const file = path.join(dir, 'audit.csv');
    const csv = new CsvWriter(file);
    await csv.row(['waktu', 'oleh_id', 'oleh_nama', 'tindakan', 'kasus', 'rincian']);
    for (const e of entries) {
      const { case: c, caseId: c2, ...rest } = e.detail;
      await csv.row([e.at, String(e.by), e.by === 0 ? 'sistem' : (view.members[e.by]?.name ?? ''), e.action, c ?? c2 ?? '', JSON.stringify(rest)]);
    }
    await csv.close();
    const day = DateTime.fromJSDate(ctx.deps.clock.now()).setZone(userZone(ctx)).toFormat('yyyy-LL-dd');
    await ctx.replyWithDocument(new InputFile(file, `audit-${caseId ?? orgId}-${day}.csv`), { caption: ctx.t('audit-csv-caption', { count: entries.length }) });
    audit(ctx, orgId, 'export', { what: 'audit-csv', rows: String(entries.length), ...(caseId ? { case: caseId } : {}) });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
