// What every export request does in the update that asks (/laporan, a supervisor's report, /ekspor,
// the monthly reports, the institution's form): the day's cap (counted in the session, so the count
// costs no read or write of its own), the job queued after the update's write succeeded, and the
// "⏳ being prepared" answer the export worker later replaces.
import { EXPORTS_PER_DAY, exportJobId, exportsOn, type ExportJob } from '../../export/jobs.ts';
import type { BotContext } from '../context.ts';
import { lang } from '../lang.ts';
import { localDay, nowIso, userZone } from '../time.ts';

/** The user's exports asked for today (their local day), and that day. */
function exportsToday(ctx: BotContext): { day: string; count: number } {
  const day = localDay(ctx, nowIso(ctx));
  return { day, count: exportsOn(ctx.session.exportsToday, day) };
}

/** At the daily cap: the user is told, and nothing is audited or queued. */
export async function overDailyCap(ctx: BotContext): Promise<boolean> {
  const { count } = exportsToday(ctx);
  if (count < EXPORTS_PER_DAY) return false;
  ctx.log.info({ count }, 'refused: the daily cap of exports');
  await ctx.reply(ctx.t('export-daily-limit', { max: EXPORTS_PER_DAY }));
  return true;
}

/** Queues the job once this update's write (with its audit entry and the day's count) has succeeded. */
export async function queueExport(ctx: BotContext, job: ExportJob): Promise<void> {
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

export function jobBase(ctx: BotContext): Pick<ExportJob, 'userId' | 'lang' | 'zone' | 'at'> {
  return { userId: ctx.uow.userId, lang: lang(ctx), zone: userZone(ctx), at: nowIso(ctx) };
}
