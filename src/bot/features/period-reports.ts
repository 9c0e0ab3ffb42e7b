// 🗓 Reports of a period, from /laporan: a worker's monthly report across all their clients, a
// supervisor's (or admin's) report of each worker they supervise and their recap across workers, and
// one case's report of a period. Each goes: the period (this month, last month, or a range typed as
// "1/10 - 15/11"), then the format, then a job like every export (src/bot/features/reports.ts:
// queued after the write, audited with ids only, counted against the daily cap; the job checks
// access again when it runs, src/export/monthly-run.ts). A typed range is an aside (src/bot/asides.ts).
import { InlineKeyboard } from 'grammy';
import { DateTime } from 'luxon';
import { clientWithCode } from '../../cases/labels.ts';
import { maySupervise } from '../../org/access.ts';
import { openMembers } from '../../org/org-store.ts';
import { monthName, periodProblem, monthPeriod, parsePeriod, periodWords, type Period } from '../../export/period.ts';
import type { ExportJob } from '../../export/jobs.ts';
import type { Aside } from '../../store/session.ts';
import { encode, type PeriodFormat, type PeriodStep } from '../../telegram/callback-data.ts';
import type { BotContext } from '../context.ts';
import { Buttons } from '../buttons.ts';
import { ack } from '../actions.ts';
import { awaitText, cancelAsideKeyboard, type AsideHandler } from '../asides.ts';
import { dropButtons, editOrSend } from '../edits.ts';
import { lang } from '../lang.ts';
import { nowIso, userZone } from '../time.ts';
import { ownCase } from './case-picker.ts';
import { audit } from './organisation/common.ts';
import { jobBase, overDailyCap, queueExport } from './export-requests.ts';
import { supervising } from './period-entry.ts';

export const periodButtons = new Buttons();

type RangeAside = Extract<Aside, { kind: 'period-range' }>;

/** What a period's screens say and their buttons carry, for one kind of report. */
interface Target {
  /** "Laporan bulanan Budi": the screens' words (kept in the aside while a range is typed) */
  what: string;
  step: (s: PeriodStep) => string;
  formats: (p: Period) => InlineKeyboard;
  aside: Omit<RangeAside, 'kind' | 'what'>;
}

const WORKERS_PAGE = 8;
const LABEL_MAX = 24;

function fit(label: string): string {
  return label.length <= LABEL_MAX ? label : `${label.slice(0, LABEL_MAX - 1).trimEnd()}…`;
}

function refuse(ctx: BotContext, what: string, detail: Record<string, string>): void {
  ctx.log.warn(detail, `refused: ${what}`);
  const m = ctx.uow.membership;
  if (m) audit(ctx, m.orgId, 'refused', { what, ...detail });
  ack(ctx, ctx.t('review-refused'));
}

function formatButtons(ctx: BotContext, make: (f: PeriodFormat) => string): InlineKeyboard {
  return new InlineKeyboard().text(ctx.t('btn-report-pdf'), make('pdf')).text(ctx.t('btn-period-docx'), make('docx')).text(ctx.t('btn-period-both'), make('both'));
}

/** The monthly report of the user's own clients, of one worker they supervise, or (0) of all of them. */
function monthlyTarget(ctx: BotContext, orgId: string, workerId: number): Target | undefined {
  const m = ctx.uow.membership;
  if (!m || m.orgId !== orgId) return undefined;
  const me = ctx.uow.userId;
  let what: string;
  if (workerId === me) what = ctx.t('period-what-mine');
  else if (workerId === 0) {
    if (!supervising(ctx, orgId)) return undefined;
    what = ctx.t('period-what-all', { count: m.workers.length });
  } else {
    if (!maySupervise(me, m, workerId)) return undefined;
    const members = openMembers(ctx.deps.store.cipher, ctx.deps.store.keys.members(orgId), ctx.uow.membersRead ?? {});
    what = ctx.t('period-what-worker', { name: members[workerId]?.name || String(workerId) });
  }
  return {
    what,
    step: (step) => encode({ kind: 'period-monthly', orgId, workerId, step }),
    formats: (p) => formatButtons(ctx, (format) => encode({ kind: 'monthly-make', orgId, workerId, from: p.from, to: p.to, format })),
    aside: { of: 'monthly', orgId, workerId },
  };
}

function recapTarget(ctx: BotContext, orgId: string): Target | undefined {
  const m = supervising(ctx, orgId);
  if (!m) return undefined;
  return {
    what: ctx.t('period-what-recap', { count: m.workers.length }),
    step: (step) => encode({ kind: 'period-recap', orgId, step }),
    formats: (p) => formatButtons(ctx, (format) => encode({ kind: 'recap-make', orgId, from: p.from, to: p.to, format })),
    aside: { of: 'recap', orgId },
  };
}

function caseTarget(ctx: BotContext, caseId: string): Target | undefined {
  const c = ctx.uow.cases[caseId];
  if (!c) return undefined;
  const make = (p: Period, format: 'docx' | 'pdf') => encode({ kind: 'case-period-make', caseId, from: p.from, to: p.to, format });
  return {
    what: ctx.t('period-what-case', { client: clientWithCode(c) }),
    step: (step) => encode({ kind: 'period-case', caseId, step }),
    formats: (p) => new InlineKeyboard().text(ctx.t('btn-report-docx'), make(p, 'docx')).text(ctx.t('btn-report-pdf'), make(p, 'pdf')),
    aside: { of: 'case', caseId },
  };
}

function now(ctx: BotContext): DateTime {
  return DateTime.fromISO(nowIso(ctx), { zone: userZone(ctx) });
}

/** One step of a period's screens: its periods, the formats of a month, or the wait for a typed range. */
async function periodStep(ctx: BotContext, target: Target, step: PeriodStep): Promise<void> {
  const l = lang(ctx);
  if (step === 'menu') {
    const [last, current] = [monthPeriod('last', now(ctx)), monthPeriod('this', now(ctx))];
    const kb = new InlineKeyboard()
      .text(ctx.t('btn-period-this', { month: monthName(current, l) }), target.step('this'))
      .text(ctx.t('btn-period-last', { month: monthName(last, l) }), target.step('last'))
      .row()
      .text(ctx.t('btn-period-range'), target.step('range'));
    await ctx.reply(ctx.t('period-ask', { what: target.what }), { reply_markup: kb });
    return;
  }
  if (step === 'range') {
    await dropButtons(ctx);
    awaitText(ctx, { kind: 'period-range', what: target.what, ...target.aside });
    await ctx.reply(ctx.t('period-range-ask'), { reply_markup: cancelAsideKeyboard((k) => ctx.t(k)) });
    return;
  }
  const p = monthPeriod(step, now(ctx));
  await editOrSend(ctx, ctx.t('period-format', { what: target.what, period: periodWords(p, l) }), { reply_markup: target.formats(p) });
}

periodButtons.on('period-monthly', async (ctx, a) => {
  const target = monthlyTarget(ctx, a.orgId, a.workerId);
  if (!target) return refuse(ctx, 'monthly', { worker: String(a.workerId) });
  ack(ctx);
  await periodStep(ctx, target, a.step);
});

periodButtons.on('period-recap', async (ctx, a) => {
  const target = recapTarget(ctx, a.orgId);
  if (!target) return refuse(ctx, 'recap', {});
  ack(ctx);
  await periodStep(ctx, target, a.step);
});

periodButtons.on('period-case', async (ctx, a) => {
  const c = await ownCase(ctx, a.caseId);
  if (!c) return;
  ack(ctx);
  await periodStep(ctx, caseTarget(ctx, c.id)!, a.step);
});

/** A supervisor's workers to pick one of (names from the organisation's members, read with the press). */
periodButtons.on('period-workers', async (ctx, a) => {
  const m = supervising(ctx, a.orgId);
  if (!m) return refuse(ctx, 'monthly', { worker: 'list' });
  ack(ctx);
  const members = openMembers(ctx.deps.store.cipher, ctx.deps.store.keys.members(a.orgId), ctx.uow.membersRead ?? {});
  const named = m.workers.map((id) => ({ id, name: members[id]?.name || String(id) })).sort((x, y) => x.name.localeCompare(y.name, 'id') || x.id - y.id);
  const pages = Math.max(1, Math.ceil(named.length / WORKERS_PAGE));
  const page = Math.min(a.page, pages - 1);
  const kb = new InlineKeyboard().text(ctx.t('btn-period-all', { count: named.length }), encode({ kind: 'period-monthly', orgId: a.orgId, workerId: 0, step: 'menu' })).row();
  for (const w of named.slice(page * WORKERS_PAGE, (page + 1) * WORKERS_PAGE)) kb.text(fit(w.name), encode({ kind: 'period-monthly', orgId: a.orgId, workerId: w.id, step: 'menu' })).row();
  if (page > 0) kb.text(ctx.t('btn-prev'), encode({ kind: 'period-workers', orgId: a.orgId, page: page - 1 }));
  if (page < pages - 1) kb.text(ctx.t('btn-next'), encode({ kind: 'period-workers', orgId: a.orgId, page: page + 1 }));
  const text = ctx.t('period-workers-pick', { page: page + 1, pages });
  if (a.page > 0) await editOrSend(ctx, text, { reply_markup: kb });
  else await ctx.reply(text, { reply_markup: kb });
});

const FORMATS: Record<PeriodFormat, ('pdf' | 'docx')[]> = { pdf: ['pdf'], docx: ['docx'], both: ['pdf', 'docx'] };

/** A period a button can carry only when forged: reversed, or longer than a typed range may be. */
function forgedPeriod(ctx: BotContext, a: { from: string; to: string }): boolean {
  if (!periodProblem(a)) return false;
  ctx.log.warn({ from: a.from, to: a.to }, 'refused: a period no screen offers');
  ack(ctx, ctx.t('stale-button'));
  return true;
}

/** The press that makes it: access as now, the cap, the audit entry (ids and days), the job. */
async function make(ctx: BotContext, orgId: string, what: string, detail: Record<string, string>, job: ExportJob): Promise<void> {
  ack(ctx);
  await dropButtons(ctx);
  if (await overDailyCap(ctx)) return;
  audit(ctx, orgId, 'export', { what, ...detail });
  await queueExport(ctx, job);
}

periodButtons.on('monthly-make', async (ctx, a) => {
  if (forgedPeriod(ctx, a)) return;
  const m = ctx.uow.membership;
  if (!monthlyTarget(ctx, a.orgId, a.workerId) || !m) return refuse(ctx, 'monthly', { worker: String(a.workerId) });
  const workers = a.workerId === 0 ? [...m.workers] : [a.workerId];
  const period = { from: a.from, to: a.to };
  await make(ctx, a.orgId, 'monthly', { format: a.format, worker: a.workerId === 0 ? 'all' : String(a.workerId), from: a.from, to: a.to }, { ...jobBase(ctx), kind: 'monthly', orgId: a.orgId, workers, period, formats: FORMATS[a.format] });
});

periodButtons.on('recap-make', async (ctx, a) => {
  if (forgedPeriod(ctx, a)) return;
  const m = supervising(ctx, a.orgId);
  if (!m) return refuse(ctx, 'recap', {});
  const period = { from: a.from, to: a.to };
  await make(ctx, a.orgId, 'recap', { format: a.format, workers: String(m.workers.length), from: a.from, to: a.to }, { ...jobBase(ctx), kind: 'recap', orgId: a.orgId, workers: [...m.workers], period, formats: FORMATS[a.format] });
});

periodButtons.on('case-period-make', async (ctx, a) => {
  if (forgedPeriod(ctx, a)) return;
  const c = await ownCase(ctx, a.caseId);
  if (!c) return;
  const m = ctx.uow.membership;
  ack(ctx);
  await dropButtons(ctx);
  if (await overDailyCap(ctx)) return;
  if (m) audit(ctx, m.orgId, 'export', { what: `report-${a.format}`, case: c.id, from: a.from, to: a.to });
  await queueExport(ctx, { ...jobBase(ctx), kind: 'report', format: a.format, caseId: c.id, period: { from: a.from, to: a.to } });
});

/** The typed range: read, or answered with what was wrong (the wait goes on). */
export const periodRangeAside: AsideHandler<'period-range'> = {
  max: 80,
  answer: async (ctx, aside, text) => {
    const today = now(ctx).toISODate()!;
    const p = parsePeriod(text, today);
    if ('error' in p) {
      awaitText(ctx, aside);
      await ctx.reply(ctx.t(`period-range-${p.error}`), { reply_markup: cancelAsideKeyboard((k) => ctx.t(k)) });
      return;
    }
    const target = aside.of === 'case' ? caseTarget(ctx, aside.caseId ?? '') : aside.of === 'recap' ? recapTarget(ctx, aside.orgId ?? '') : monthlyTarget(ctx, aside.orgId ?? '', aside.workerId ?? -1);
    if (!target) {
      await ctx.reply(ctx.t('stale-button'));
      return;
    }
    // the aside's words: the worker's name was read when the range was asked for
    await ctx.reply(ctx.t('period-format', { what: aside.what, period: periodWords(p, lang(ctx)) }), { reply_markup: target.formats(p) });
  },
};
