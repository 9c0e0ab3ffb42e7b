// Runs a period's export: each worker's report across their clients (🗓 Laporan bulanan), or a
// supervisor's recap across their workers (📊 Rekap). Access is checked again as it is now: the
// user still a member of the organisation, not suspended; a worker unassigned since the request is
// left out, and with none left the export is refused. Reads: access (one round trip), the workers'
// cases and notes, the organisation and its letterhead (two, src/export/reader.ts), and for the
// recap their risk alerts and the asker's name (one). Logs carry ids and counts only.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { InputFile, type Api } from 'grammy';
import type { Logger } from 'pino';
import { openMembers } from '../org/org-store.ts';
import { risksOf, type RiskRecord } from '../store/risk-records.ts';
import { slotPipeline } from '../store/slot-pipeline.ts';
import type { ExportJob } from './jobs.ts';
import type { Catalog } from '../catalog/catalog.ts';
import type { Keys } from '../store/keys.ts';
import type { RedisClient } from '../store/redis-connection.ts';
import type { SessionData } from '../store/session.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';
import { accessNow } from './access-now.ts';
import { readWorkers } from './reader.ts';
import type { WorkerNotes } from './notes-table.ts';
import { buildMonthlyReport } from './monthly-model.ts';
import { buildRecap } from './recap-model.ts';
import { periodWords } from './period.ts';
import type { PeriodDocument } from './period-doc.ts';
import { renderPeriodPdf } from './period-pdf.ts';
import { renderPeriodDocx } from './period-docx.ts';
import { orgPrint, type OrgPrint } from './letterhead.ts';

type PeriodJob = Extract<ExportJob, { kind: 'monthly' | 'recap' }>;

/** What a period's export needs of run.ts's PeriodDeps (named here: run.ts imports this module). */
export interface PeriodDeps {
  redis: RedisClient;
  keys: Keys;
  store: WorkspaceStore<SessionData>;
  catalog: Catalog;
  api: Api;
}
type T = (key: string, vars?: Record<string, string | number>) => string;

/** A name as a file name's part: letters and digits ("Budi Santoso" → "Budi-Santoso"). */
function namePart(name: string): string {
  return name.normalize('NFKD').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'pekerja';
}

/** Every note's own flow version loaded (one published on another instance): its labels come from there. */
async function ensureFlows(d: PeriodDeps, workers: WorkerNotes[]): Promise<void> {
  const pairs = new Set(workers.flatMap((w) => w.notes.map((n) => `${n.flowId}\n${n.flowVersion}`)));
  for (const p of pairs) {
    const [id, v] = p.split('\n');
    await d.catalog.ensure(id!, Number(v)).catch(() => false);
  }
}

/** The files of one document, PDF and/or Word as asked, under the organisation's letterhead and on
 *  its paper, sent with one caption (on the first). */
async function sendDocument(d: PeriodDeps, job: PeriodJob, dir: string, base: string, model: PeriodDocument, print: OrgPrint, caption: string): Promise<void> {
  const doc: PeriodDocument = { ...model, ...print };
  let first = true;
  for (const format of job.formats) {
    const file = path.join(dir, `${base}.${format}`);
    if (format === 'pdf') await renderPeriodPdf(doc, file);
    else await writeFile(file, await renderPeriodDocx(doc));
    await d.api.sendDocument(job.userId, new InputFile(file, path.basename(file)), first ? { caption } : {});
    first = false;
  }
}

/** The recap's extra read: the risk alerts of every active case, and the asker's name. */
async function readRisks(d: PeriodDeps, job: PeriodJob, workers: WorkerNotes[]): Promise<{ risks: Map<number, RiskRecord[]>; name: string }> {
  const p = slotPipeline(d.redis);
  const asked: { worker: number; key: string }[] = [];
  for (const w of workers) {
    for (const c of w.cases) {
      if (c.status !== 'active') continue;
      const key = d.keys.risks(w.userId, c.id);
      p.hgetall(key);
      asked.push({ worker: w.userId, key });
    }
  }
  const membersKey = d.keys.members(job.orgId);
  p.hget(membersKey, String(job.userId));
  const results = (await p.exec()) ?? [];
  const values = results.map(([err, v]) => {
    if (err) throw err;
    return v;
  });
  const risks = new Map<number, RiskRecord[]>();
  asked.forEach(({ worker, key }, i) => {
    risks.set(worker, [...(risks.get(worker) ?? []), ...risksOf(d.store.openAll<unknown>(key, values[i] as Record<string, string>))]);
  });
  const raw = values[asked.length] as string | null;
  const me = raw ? openMembers(d.store.cipher, membersKey, { [String(job.userId)]: raw })[job.userId] : undefined;
  return { risks, name: me?.name || String(job.userId) };
}

export async function producePeriod(d: PeriodDeps, job: PeriodJob, dir: string, t: T, log: Logger): Promise<'sent' | 'refused' | 'empty'> {
  const access = await accessNow(d, job.userId, job.orgId);
  // the user's own report needs them a member still; a worker's, that they still supervise them
  const allowed = job.workers.filter((w) => access.member && (w === job.userId ? job.kind === 'monthly' : access.workers.has(w)));
  if (allowed.length === 0) {
    const own = job.kind === 'monthly' && job.workers.length === 1 && job.workers[0] === job.userId;
    await d.api.sendMessage(job.userId, t(own ? 'monthly-not-member' : 'export-report-not-allowed'));
    return 'refused';
  }
  const { workers, org, letterhead } = await readWorkers(d.redis, d.keys, d.store, job.orgId, allowed);
  const print = orgPrint(org?.name, letterhead);
  await ensureFlows(d, workers);
  const words = periodWords(job.period, job.lang);
  const common = { orgName: org?.name, period: job.period, lang: job.lang, zone: job.zone, now: job.at, t };
  const span = `${job.period.from}-${job.period.to}`;
  if (job.kind === 'recap') {
    const { risks, name } = await readRisks(d, job, workers);
    const recap = buildRecap({ ...common, supervisorName: name, workers: workers.map((w) => ({ userId: w.userId, name: w.name, cases: w.cases, notes: w.notes, risks: risks.get(w.userId) ?? [] })) });
    await sendDocument(d, job, dir, `${t('export-file-recap')}-${span}`, recap, print, t('export-caption-recap', { period: words, workers: workers.length }));
    log.info({ workers: workers.length, left: job.workers.length - allowed.length }, 'recap rendered');
    return 'sent';
  }
  let sent = 0;
  for (const w of workers) {
    const report = buildMonthlyReport({ ...common, worker: { userId: w.userId, name: w.name }, cases: w.cases, notes: w.notes, flowOf: (id) => d.catalog.get(id), flowAt: (id, v) => d.catalog.at(id, v) });
    // "all my workers": a worker with no client in the period gets no empty report
    if (report.clients === 0 && workers.length > 1) continue;
    const caption = t('export-caption-monthly', { worker: w.name, period: words, clients: report.clients, contacts: report.contacts });
    await sendDocument(d, job, dir, `${t('export-file-monthly')}-${namePart(w.name)}-${span}`, report, print, caption);
    sent++;
    log.info({ worker: w.userId, clients: report.clients, contacts: report.contacts }, 'monthly report rendered');
  }
  if (sent === 0) {
    await d.api.sendMessage(job.userId, t('monthly-none', { period: words }));
    return 'empty';
  }
  return 'sent';
}
