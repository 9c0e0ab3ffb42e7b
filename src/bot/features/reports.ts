// /laporan (a case's report in Word or PDF, its progress chart, its termination sheet) and /ekspor
// (the supervisor's spreadsheet of their workers' notes). The update only checks access, writes the
// audit entry and answers "⏳ being prepared"; the export is queued after the write succeeded and
// made by the export worker (src/export/), which sends the files (the request itself:
// export-requests.ts, with the day's cap).
import { Composer, InlineKeyboard } from 'grammy';
import { caseButtonLabel, caseLabel } from '../../cases/labels.ts';
import { encode, type ExportRange, type ReportWhat } from '../../telegram/callback-data.ts';
import { escapeHtml } from '../../telegram/format.ts';
import type { ExportJob } from '../../export/jobs.ts';
import type { BotContext } from '../context.ts';
import { Buttons } from '../buttons.ts';
import { ack } from '../actions.ts';
import { lang } from '../lang.ts';
import { ownCase, PAGE_SIZE, sortedCases } from './case-picker.ts';
import { jobBase, overDailyCap, queueExport } from './export-requests.ts';
import { addFormButton, reportCaseData } from './institution-form-button.ts';
import { audit } from './organisation/common.ts';
import { periodCaseButton, periodEntryButtons } from './period-entry.ts';
import { dropButtons, editOrSend } from '../edits.ts';
import { maySupervise } from '../../org/access.ts';
import { mayChart } from '../../export/chart-model.ts';
import { builtinTemplates } from '../../export/template-load.ts';
import type { CaseRecord } from '../../store/records.ts';

export const reports = new Composer<BotContext>();
export const reportsButtons = new Buttons();

const RANGE_ROWS: ExportRange[][] = [['this-month', 'last-month'], ['last-3-months', 'all']];

async function showReportCases(ctx: BotContext, page: number): Promise<void> {
  const list = sortedCases(ctx, { activeOnly: false });
  // a supervisor without cases of their own is after their workers' reports: say where those are
  const m = ctx.uow.membership;
  if (list.length === 0 && m && m.workers.length > 0) {
    // with their workers' monthly reports and the recap (src/bot/features/period-reports.ts)
    await ctx.reply(ctx.t('report-of-workers-how'), { reply_markup: periodEntryButtons(ctx, new InlineKeyboard(), false) });
    return;
  }
  if (list.length === 0) {
    await ctx.reply(ctx.t('no-cases'), { reply_markup: new InlineKeyboard().text(ctx.t('btn-new-case'), encode({ kind: 'menu', item: 'new' })) });
    return;
  }
  const pages = Math.ceil(list.length / PAGE_SIZE);
  const p = Math.min(Math.max(0, page), pages - 1);
  const kb = new InlineKeyboard();
  for (const c of list.slice(p * PAGE_SIZE, (p + 1) * PAGE_SIZE)) {
    kb.text(caseButtonLabel(c, ctx.deps.catalog.get(c.flowId), lang(ctx), list), reportCaseData(ctx, c)).row();
  }
  if (p > 0) kb.text(ctx.t('btn-prev'), encode({ kind: 'report-page', page: p - 1 }));
  if (p < pages - 1) kb.text(ctx.t('btn-next'), encode({ kind: 'report-page', page: p + 1 }));
  periodEntryButtons(ctx, kb, true);
  const text = ctx.t('report-pick', { page: p + 1, pages });
  if (ctx.callbackQuery && page !== 0) await editOrSend(ctx, text, { reply_markup: kb });
  else await ctx.reply(text, { reply_markup: kb });
}

reports.command(['laporan', 'report'], (ctx) => showReportCases(ctx, 0));

reportsButtons.on('report-page', async (ctx, a) => {
  ack(ctx);
  await showReportCases(ctx, a.page);
});

reportsButtons.on('report-case', async (ctx, a) => {
  const c = await ownCase(ctx, a.caseId);
  if (!c) return;
  ack(ctx);
  const make = (what: ReportWhat) => encode({ kind: 'report-make', caseId: c.id, what });
  // the institution's report first (what is filed), then what stays between worker and supervisor
  const kb = new InlineKeyboard().text(ctx.t('btn-report-docx'), make('docx')).text(ctx.t('btn-report-pdf'), make('pdf')).row();
  kb.text(ctx.t('btn-supervision'), make('sup'));
  if (caseCharts(ctx, c)) kb.text(ctx.t('btn-chart'), make('chart'));
  // the setting's other documents (flows/reports: a praktikan's log, ATENSI's plan), where there are
  const others = builtinTemplates().othersFor(c).length > 0;
  if (c.status === 'closed' || others) kb.row();
  if (c.status === 'closed') kb.text(ctx.t('btn-termination'), make('term'));
  if (others) kb.text(ctx.t('btn-documents'), encode({ kind: 'report-docs', caseId: c.id }));
  periodCaseButton(ctx, kb, c.id);
  addFormButton(ctx, kb, c);
  await ctx.reply(ctx.t('report-formats', { label: escapeHtml(caseLabel(c, ctx.deps.catalog.get(c.flowId), lang(ctx))) }), { parse_mode: 'HTML', reply_markup: kb });
});

/** 📈 is offered only where a chart can exist (src/export/chart-model.ts: mayChart). */
export function caseCharts(ctx: BotContext, c: CaseRecord): boolean {
  return mayChart(ctx.deps.catalog.get(c.flowId), c);
}

/** A 📈 press for a case with no chart (an old or forged button): said so, neither audited nor queued. */
function noChart(ctx: BotContext, c: CaseRecord | undefined): boolean {
  if (c && caseCharts(ctx, c)) return false;
  ctx.log.info({ caseId: c?.id }, 'refused: a chart of a case that has none');
  ack(ctx, ctx.t(c ? 'export-chart-none' : 'stale-button'));
  return true;
}

const WHAT_AUDIT: Record<ReportWhat, string> = { docx: 'report-docx', pdf: 'report-pdf', sup: 'supervision', chart: 'chart', term: 'termination' };

/** The job a button asks for, of the user's own case or (ownerId) of a worker's. */
function jobOf(ctx: BotContext, what: ReportWhat, caseId: string, ownerId?: number): ExportJob {
  const base = { ...jobBase(ctx), caseId, ...(ownerId !== undefined ? { ownerId } : {}) };
  switch (what) {
    case 'docx':
    case 'pdf':
      return { ...base, kind: 'report', format: what };
    case 'sup':
      return { ...base, kind: 'supervision' };
    case 'chart':
      return { ...base, kind: 'chart' };
    case 'term':
      return { ...base, kind: 'termination' };
  }
}

reportsButtons.on('report-make', async (ctx, a) => {
  const c = await ownCase(ctx, a.caseId);
  if (!c) return;
  if (a.what === 'term' && c.status !== 'closed') {
    ack(ctx, ctx.t('export-term-active'));
    return;
  }
  if (a.what === 'chart' && noChart(ctx, c)) return;
  ack(ctx);
  if (await overDailyCap(ctx)) return;
  const m = ctx.uow.membership;
  if (m) audit(ctx, m.orgId, 'export', { what: WHAT_AUDIT[a.what], case: c.id });
  await queueExport(ctx, jobOf(ctx, a.what, c.id));
});

/** Under a worker's note their supervisor read in full: that case's report (Word, PDF), its
 *  supervision record, and its chart (where one can exist). */
export function workerReportButtons(ctx: BotContext, workerId: number, c: CaseRecord): InlineKeyboard {
  const of = (what: Exclude<ReportWhat, 'term'>) => encode({ kind: 'report-of', workerId, caseId: c.id, what });
  const kb = new InlineKeyboard().text(ctx.t('btn-report-docx'), of('docx')).text(ctx.t('btn-report-pdf'), of('pdf')).row().text(ctx.t('btn-supervision'), of('sup'));
  return caseCharts(ctx, c) ? kb.text(ctx.t('btn-chart'), of('chart')) : kb;
}

reportsButtons.on('report-of', async (ctx, a) => {
  const m = ctx.uow.membership;
  // the worker's supervisor only, as for reading their notes (src/org/access.ts); the export
  // checks again when it runs
  if (!m || !maySupervise(ctx.uow.userId, m, a.workerId)) {
    ctx.log.warn({ workerId: a.workerId }, 'refused: report button for a worker not supervised by this user');
    if (m) audit(ctx, m.orgId, 'refused', { what: 'report', worker: String(a.workerId) });
    ack(ctx, ctx.t('review-refused'));
    return;
  }
  // (a chart press read the case: src/bot/read-plan.ts)
  if (a.what === 'chart' && noChart(ctx, ctx.uow.other?.case)) return;
  ack(ctx);
  if (await overDailyCap(ctx)) return;
  audit(ctx, m.orgId, 'export', { what: WHAT_AUDIT[a.what], worker: String(a.workerId), case: a.caseId });
  await queueExport(ctx, jobOf(ctx, a.what, a.caseId, a.workerId));
});

/** Supervisors and admins export the notes of the workers assigned to them (src/org/access.ts). */
function exportableWorkers(ctx: BotContext): number[] | undefined {
  const m = ctx.uow.membership;
  if (!m || (m.role !== 'supervisor' && m.role !== 'admin')) return undefined;
  return m.workers;
}

reports.command(['ekspor', 'export'], async (ctx) => {
  const workers = exportableWorkers(ctx);
  if (!workers) {
    // only an ADMIN_IDS user gets here without an organisation: the way on is to found one
    const founder = !ctx.uow.membership && ctx.deps.adminIds.has(ctx.uow.userId);
    await ctx.reply(ctx.t(founder ? 'export-csv-no-org' : 'export-csv-not-allowed'));
    return;
  }
  if (workers.length === 0) {
    await ctx.reply(ctx.t('export-csv-no-workers'));
    return;
  }
  const kb = new InlineKeyboard();
  for (const row of RANGE_ROWS) {
    for (const r of row) kb.text(ctx.t(`export-range-${r}`), encode({ kind: 'export-range', range: r }));
    kb.row();
  }
  await ctx.reply(ctx.t('export-csv-ask', { workers: workers.length }), { reply_markup: kb });
});

reportsButtons.on('export-range', async (ctx, a) => {
  const workers = exportableWorkers(ctx);
  if (!workers || workers.length === 0) {
    ack(ctx, ctx.t('stale-button'));
    return;
  }
  ack(ctx);
  await dropButtons(ctx);
  if (await overDailyCap(ctx)) return;
  audit(ctx, ctx.uow.membership!.orgId, 'export', { what: 'csv', range: a.range, workers: String(workers.length) });
  await queueExport(ctx, { ...jobBase(ctx), kind: 'csv', range: a.range, workers: [...workers], orgId: ctx.uow.membership!.orgId });
});
