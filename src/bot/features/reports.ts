// /laporan (a case's report in Word or PDF, its progress chart, its termination sheet) and /ekspor
// (the supervisor's spreadsheet of their workers' notes). The update only checks access, writes the
// audit entry and answers "⏳ being prepared"; the export is queued after the write succeeded and
// made by the export worker (src/export/), which sends the files. A user may ask for
// EXPORTS_PER_DAY a day (counted in their session, so the count costs no read or write of its own).
import { Composer, InlineKeyboard } from 'grammy';
import { caseButtonLabel, caseLabel } from '../../cases/labels.ts';
import { encode, type ExportRange, type ReportWhat } from '../../telegram/callback-data.ts';
import { escapeHtml } from '../../telegram/format.ts';
import { EXPORTS_PER_DAY, exportJobId, type ExportJob } from '../../export/jobs.ts';
import type { BotContext } from '../context.ts';
import { Buttons } from '../buttons.ts';
import { ack } from '../actions.ts';
import { lang } from '../lang.ts';
import { localDay, nowIso, userZone } from '../time.ts';
import { ownCase, PAGE_SIZE, sortedCases } from './case-picker.ts';
import { audit } from './organisation/common.ts';
import { dropButtons, editOrSend } from '../edits.ts';
import { maySupervise } from '../../org/access.ts';
import { mayChart } from '../../export/chart-model.ts';
import type { CaseRecord } from '../../store/records.ts';

export const reports = new Composer<BotContext>();
export const reportsButtons = new Buttons();

const RANGE_ROWS: ExportRange[][] = [['this-month', 'last-month'], ['last-3-months', 'all']];

async function showReportCases(ctx: BotContext, page: number): Promise<void> {
  const list = sortedCases(ctx, { activeOnly: false });
  // a supervisor without cases of their own is after their workers' reports: say where those are
  const m = ctx.uow.membership;
  if (list.length === 0 && m && m.workers.length > 0) {
    await ctx.reply(ctx.t('report-of-workers-how'));
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
    kb.text(caseButtonLabel(c, ctx.deps.catalog.get(c.flowId), lang(ctx), list), encode({ kind: 'report-case', caseId: c.id })).row();
  }
  if (p > 0) kb.text(ctx.t('btn-prev'), encode({ kind: 'report-page', page: p - 1 }));
  if (p < pages - 1) kb.text(ctx.t('btn-next'), encode({ kind: 'report-page', page: p + 1 }));
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
  const kb = new InlineKeyboard()
    .text(ctx.t('btn-report-docx'), encode({ kind: 'report-make', caseId: c.id, what: 'docx' }))
    .text(ctx.t('btn-report-pdf'), encode({ kind: 'report-make', caseId: c.id, what: 'pdf' }));
  if (caseCharts(ctx, c) || c.status === 'closed') kb.row();
  if (caseCharts(ctx, c)) kb.text(ctx.t('btn-chart'), encode({ kind: 'report-make', caseId: c.id, what: 'chart' }));
  if (c.status === 'closed') kb.text(ctx.t('btn-termination'), encode({ kind: 'report-make', caseId: c.id, what: 'term' }));
  await ctx.reply(ctx.t('report-formats', { label: escapeHtml(caseLabel(c, ctx.deps.catalog.get(c.flowId), lang(ctx))) }), { parse_mode: 'HTML', reply_markup: kb });
});

/** The user's exports asked for today (their local day), and that day. */
function exportsToday(ctx: BotContext): { day: string; count: number } {
  const day = localDay(ctx, nowIso(ctx));
  const kept = ctx.session.exportsToday;
  return { day, count: kept?.day === day ? kept.count : 0 };
}

/** At the daily cap: the user is told, and nothing is audited or queued. */
async function overDailyCap(ctx: BotContext): Promise<boolean> {
  const { count } = exportsToday(ctx);
  if (count < EXPORTS_PER_DAY) return false;
  ctx.log.info({ count }, 'refused: the daily cap of exports');
  await ctx.reply(ctx.t('export-daily-limit', { max: EXPORTS_PER_DAY }));
  return true;
}

/** Queues the job once this update's write (with its audit entry and the day's count) has succeeded. */
async function queueExport(ctx: BotContext, job: ExportJob): Promise<void> {
  const exports = ctx.deps.exports;
  if (!exports) {
    await ctx.reply(ctx.t('export-unavailable'));
    return;
  }
  const today = exportsToday(ctx);
  ctx.session.exportsToday = { day: today.day, count: today.count + 1 };
  const jobId = exportJobId(ctx.uow.userId, ctx.update.update_id);
  const log = ctx.log;
  ctx.uow.afterCommit.push(async () => {
    await exports.request(job, jobId);
    log.info({ jobId, kind: job.kind }, 'export queued');
  });
  // the job is queued after the write, with the placeholder's id: the worker deletes it when the
  // files arrive, or writes a text outcome into it (src/export/placeholder.ts)
  const sent = await ctx.reply(ctx.t('export-preparing'));
  job.placeholder = sent.message_id;
}

function jobBase(ctx: BotContext): Pick<ExportJob, 'userId' | 'lang' | 'zone' | 'at'> {
  return { userId: ctx.uow.userId, lang: lang(ctx), zone: userZone(ctx), at: nowIso(ctx) };
}

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

const WHAT_AUDIT: Record<ReportWhat, string> = { docx: 'report-docx', pdf: 'report-pdf', chart: 'chart', term: 'termination' };

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
  const base = jobBase(ctx);
  const job: ExportJob =
    a.what === 'docx' || a.what === 'pdf'
      ? { ...base, kind: 'report', caseId: c.id, format: a.what }
      : a.what === 'chart'
        ? { ...base, kind: 'chart', caseId: c.id }
        : { ...base, kind: 'termination', caseId: c.id };
  await queueExport(ctx, job);
});

/** Under a worker's note their supervisor read in full: that case's report (Word, PDF) and chart (where one can exist). */
export function workerReportButtons(ctx: BotContext, workerId: number, c: CaseRecord): InlineKeyboard {
  const of = (what: 'docx' | 'pdf' | 'chart') => encode({ kind: 'report-of', workerId, caseId: c.id, what });
  const kb = new InlineKeyboard().text(ctx.t('btn-report-docx'), of('docx')).text(ctx.t('btn-report-pdf'), of('pdf'));
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
  const base = { ...jobBase(ctx), caseId: a.caseId, ownerId: a.workerId };
  await queueExport(ctx, a.what === 'chart' ? { ...base, kind: 'chart' } : { ...base, kind: 'report', format: a.what });
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
    await ctx.reply(ctx.t('export-csv-not-allowed'));
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
