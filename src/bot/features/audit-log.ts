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
import { caseCode, parseCaseCode } from '../../cases/labels.ts';
import { zoneLabel } from '../../cases/schedule.ts';
import { audit, orgButton } from './organisation/common.ts';

/** Detail fields that name a member (shown by name) and those the line shows already. */
const PERSON_FIELDS = ['user', 'worker', 'owner', 'to', 'from', 'target', 'supervisor'];
const SHOWN_FIELDS = ['user', 'worker', 'case', 'caseId', 'what'];

function nameOf(ctx: BotContext, view: OrgView): (id: number) => string {
  return (id) => (id === 0 ? ctx.t('audit-system') : (view.members[id]?.name ?? view.departed[id]?.name ?? String(id)));
}

/** What was done, in the reader's words; an export names its format (Word, PDF, chart, CSV). */
function actionText(ctx: BotContext, e: AuditEntry): string {
  const what = e.action === 'export' ? e.detail.what : undefined;
  if (what && EXPORT_KINDS.includes(what)) return ctx.t(`audit-export-${what}`);
  return ctx.t(`audit-${e.action}`);
}
const EXPORT_KINDS = ['report-docx', 'report-pdf', 'chart', 'termination', 'csv', 'audit-csv'];

export function auditLine(ctx: BotContext, e: AuditEntry, view: OrgView): string {
  const name = nameOf(ctx, view);
  const when = DateTime.fromISO(e.at).setZone(userZone(ctx)).toFormat('dd/LL HH.mm');
  const who = e.detail.user ?? e.detail.worker;
  const target = who ? ` → ${name(Number(who))}` : '';
  const kase = e.detail.case ?? e.detail.caseId;
  return `${when} · ${escapeHtml(name(e.by))} · ${escapeHtml(actionText(ctx, e))}${escapeHtml(target)}${kase ? ` · <code>${escapeHtml(caseCode(kase))}</code>` : ''}`;
}

/** Detail keys the reader's language names (others are shown as they are: ids, codes). */
const DETAIL_WORDS = ['owner', 'to', 'from', 'target', 'supervisor', 'notes', 'hours', 'days', 'rows', 'range', 'workers', 'requested', 'reason', 'role', 'kind', 'cases'];
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** The entry's other details, readable: in the reader's words, members by name, times local. */
function detailText(ctx: BotContext, e: AuditEntry, name: (id: number) => string): string {
  const zone = userZone(ctx);
  return Object.entries(e.detail)
    .filter(([k]) => !SHOWN_FIELDS.includes(k))
    .map(([k, v]) => {
      const key = DETAIL_WORDS.includes(k) ? ctx.t(`audit-detail-${k}`) : k;
      const value = PERSON_FIELDS.includes(k) && /^\d+$/.test(v) ? name(Number(v)) : ISO_TIME.test(v) ? DateTime.fromISO(v).setZone(zone).toFormat('yyyy-LL-dd HH:mm') : v;
      return `${key}: ${value}`;
    })
    .join('; ');
}

/** Refusals of non-members that named this organisation are kept apart from its audit: their count. */
export async function strangersLine(ctx: BotContext, orgId: string): Promise<string> {
  const count = await ctx.deps.orgs.strangerRefusalsOf(orgId);
  return count > 0 ? `\n${escapeHtml(ctx.t('audit-strangers', { count }))}` : '';
}

/** `/audit`, or `/audit <case code>` (the code on the case card, or the whole id). */
export async function showAudit(ctx: BotContext, orgId: string, arg: string | undefined): Promise<void> {
  const caseId = arg ? parseCaseCode(arg) : undefined;
  const [entries, view, strangers] = await Promise.all([
    caseId ? ctx.deps.orgs.auditEntries(orgId, caseId).then((all) => all.reverse().slice(0, 30)) : ctx.deps.orgs.recentAudit(orgId, 20),
    ctx.deps.orgs.load(orgId),
    caseId ? '' : strangersLine(ctx, orgId),
  ]);
  const kb = new InlineKeyboard().text(ctx.t('btn-audit-csv'), orgButton(orgId, { op: 'audit-csv', ...(caseId ? { caseId } : {}) }));
  if (entries.length === 0) {
    await ctx.reply(`${caseId ? ctx.t('audit-case-empty', { id: caseCode(caseId) }) : escapeHtml(ctx.t('audit-empty'))}${strangers}`, { parse_mode: 'HTML', reply_markup: kb });
    return;
  }
  const title = caseId ? ctx.t('audit-case-title', { id: caseCode(caseId) }) : ctx.t('audit-title');
  await ctx.reply(`${title}\n${entries.map((e) => auditLine(ctx, e, view)).join('\n')}${strangers}\n${ctx.t('audit-hint')}`, { parse_mode: 'HTML', reply_markup: kb });
}

/** The kept log (or one case's) as CSV, sent to the admin; audited. */
export async function sendAuditCsv(ctx: BotContext, orgId: string, view: OrgView, caseId: string | undefined): Promise<void> {
  const entries = await ctx.deps.orgs.auditEntries(orgId, caseId);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pendamping-audit-'));
  try {
    const file = path.join(dir, 'audit.csv');
    const csv = new CsvWriter(file);
    // in the admin's words and time zone; the action's code and the person's id stay, for filtering
    const zone = userZone(ctx);
    const name = nameOf(ctx, view);
    await csv.row([ctx.t('audit-col-time', { zone: zoneLabel(zone) }), ctx.t('audit-col-by'), ctx.t('audit-col-action'), ctx.t('audit-col-worker'), ctx.t('audit-col-case'), ctx.t('audit-col-detail'), ctx.t('audit-col-code'), ctx.t('audit-col-by-id')]);
    for (const e of entries) {
      const kase = e.detail.case ?? e.detail.caseId;
      const who = e.detail.user ?? e.detail.worker;
      await csv.row([
        DateTime.fromISO(e.at).setZone(zone).toFormat('yyyy-LL-dd HH:mm'),
        name(e.by),
        actionText(ctx, e),
        who ? name(Number(who)) : '',
        kase ? caseCode(kase) : '',
        detailText(ctx, e, name),
        e.action,
        String(e.by),
      ]);
    }
    await csv.close();
    const day = DateTime.fromJSDate(ctx.deps.clock.now()).setZone(userZone(ctx)).toFormat('yyyy-LL-dd');
    await ctx.replyWithDocument(new InputFile(file, `audit-${caseId ?? orgId}-${day}.csv`), { caption: ctx.t('audit-csv-caption', { count: entries.length }) });
    audit(ctx, orgId, 'export', { what: 'audit-csv', rows: String(entries.length), ...(caseId ? { case: caseId } : {}) });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
