// Runs one export job: reads what it needs, renders into a temporary folder, sends the files to the
// user's chat, and deletes the folder whatever happens. The same code runs in the BullMQ worker and,
// directly, in tests (DirectExports). Logs carry ids only.
import { workersNow } from './access-now.ts';
import { producePeriod } from './monthly-run.ts';
import { lstat, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { InputFile } from 'grammy';
import type { Logger } from 'pino';
import type { Catalog } from '../catalog/catalog.ts';
import type { Keys } from '../store/keys.ts';
import { sendOnce } from '../store/send-once.ts';
import type { RedisClient } from '../store/redis-connection.ts';
import type { SessionData } from '../store/session.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';
import type { Texts } from '../telegram/texts.ts';
import type { CaseRecord } from '../store/records.ts';
import { caseCode, clientWithCode } from '../cases/labels.ts';
import type { ExportControl, ExportJob } from './jobs.ts';
import { readCase, readWorkers, type CaseData } from './reader.ts';
import { buildCaseReport } from './report-model.ts';
import { buildTerminationSheet } from './termination-model.ts';
import { progressChartSvg } from './chart-svg.ts';
import { svgToPng } from './rasterise.ts';
import { imageInfo, type EmbeddedImage } from './images.ts';
import { fetchPhotos, type FileSource } from './photos.ts';
import { renderTerminationDocx } from './report-docx.ts';
import { buildInstitutionReport, type InstitutionReport } from './institution-report.ts';
import { buildDocument } from './document-model.ts';
import { renderDocumentPdf } from './document-pdf.ts';
import { renderDocumentDocx } from './document-docx.ts';
import { builtinTemplates } from './template-load.ts';
import type { Flow } from '../engine/types.ts';
import { renderReportPdf, renderTerminationPdf } from './report-pdf.ts';
import { CsvWriter } from './csv.ts';
import { zipFiles } from './zip.ts';
import { Placeholder } from './placeholder.ts';
import { produceForm, produceFormPreview } from './form-run.ts';
import { activitySheet, modelColumns, noteRow, notesByModel, notesHeader, rangeOf } from './notes-table.ts';
import { orgPrint, sheetPrint } from './letterhead.ts';

export interface ExportDeps extends FileSource {
  redis: RedisClient;
  keys: Keys;
  store: WorkspaceStore<SessionData>;
  catalog: Catalog;
  i18n: Texts;
  logger: Logger;
}

export type ExportResult = 'sent' | 'duplicate' | 'missing' | 'empty' | 'refused';

const CLAIM_MS = 10 * 60_000;
const SENT_MS = 7 * 86_400_000;

/** Every export's temporary folder is `os.tmpdir()/pendamping-export-XXXXXX`. */
export const EXPORT_DIR_PREFIX = 'pendamping-export-';
/**
 * A folder untouched this long is a crashed export's: an export gives up its claim after CLAIM_MS
 * (10 minutes) and takes seconds. Several worker processes may share the machine, so a younger
 * folder may be another process's export in progress, and is left alone.
 */
export const LEFTOVER_AGE_MS = 60 * 60_000;

/**
 * Removes the temporary folders of exports that died before deleting theirs (a killed process),
 * when their last change — the folder's or a file's in it — is older than LEFTOVER_AGE_MS. Only
 * real folders of this user: a symlink or another user's folder of the same name is not followed.
 * `now` is the wall clock, which file times are measured in (never a playground's moved clock).
 * Returns how many.
 */
export async function removeLeftoverExportDirs(tmp = os.tmpdir(), now = Date.now()): Promise<number> {
  let removed = 0;
  for (const name of await readdir(tmp)) {
    if (!name.startsWith(EXPORT_DIR_PREFIX)) continue;
    const dir = path.join(tmp, name);
    try {
      const info = await lstat(dir);
      if (!info.isDirectory() || (process.getuid && info.uid !== process.getuid())) continue;
      let last = info.mtimeMs;
      for (const file of await readdir(dir)) last = Math.max(last, (await stat(path.join(dir, file)).catch(() => info)).mtimeMs);
      if (now - last < LEFTOVER_AGE_MS) continue;
      await rm(dir, { recursive: true, force: true });
      removed++;
    } catch {
      // gone meanwhile, or not ours to read: nothing to clean
    }
  }
  return removed;
}

/**
 * A file name of the client's initials, the case's code and the day: "laporan-Si-42-Y59K2Y-2025-03-14.pdf".
 * The code tells two "Si (42)" apart in a downloads folder; it adds no client data (an id's prefix).
 */
function fileName(prefix: string, c: CaseRecord, day: string, ext: string): string {
  const who = `${c.initials}-${c.age}-${caseCode(c.id).slice(1)}`.replace(/[^A-Za-z0-9-]/g, '');
  return `${prefix}-${who}-${day}.${ext}`;
}

function namesOf(data: CaseData, ownerId: number): { worker: string; supervisors: string[] } {
  const name = (id: number) => data.members[String(id)]?.name || String(id);
  return { worker: name(ownerId), supervisors: data.supervisors.map(name) };
}

function chartImage(r: InstitutionReport): EmbeddedImage | undefined {
  return r.chart ? imageInfo(svgToPng(progressChartSvg(r.chart))) : undefined;
}

export async function runExport(d: ExportDeps, job: ExportJob, jobId: string): Promise<ExportResult> {
  const log = d.logger.child({ jobId, kind: job.kind, userId: job.userId });
  const started = Date.now();
  // BullMQ delivers at least once: a job that already sent its files does not send them again
  const once = await sendOnce(d.redis, d.keys.exportSent(job.userId, jobId), { claimMs: CLAIM_MS, sentMs: SENT_MS }, async () => {
    const t = (key: string, vars?: Record<string, string | number>) => d.i18n.t(job.lang, key, vars);
    const dir = await mkdtemp(path.join(os.tmpdir(), EXPORT_DIR_PREFIX));
    // the request's "⏳" gives way to what the export says or sends (src/export/placeholder.ts)
    const placeholder = new Placeholder(d.api, job.userId, job.placeholder);
    try {
      const result = await produce({ ...d, api: placeholder.api }, job, dir, t, log);
      await placeholder.remove();
      return result;
    } catch (err) {
      log.error({ err }, 'export failed');
      await placeholder.api.sendMessage(job.userId, t('export-failed')).catch(() => undefined);
      throw err;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
  if (once.status !== 'ran') return 'duplicate';
  log.info({ result: once.value, ms: Date.now() - started }, 'export done');
  return once.value;
}

type T = (key: string, vars?: Record<string, string | number>) => string;

async function produce(d: ExportDeps, job: ExportJob, dir: string, t: T, log: Logger): Promise<ExportResult> {
  const day = DateTime.fromISO(job.at, { zone: job.zone }).toISODate()!;
  if (job.kind === 'csv') return produceCsv(d, job, dir, t, day);
  if (job.kind === 'monthly' || job.kind === 'recap') return producePeriod(d, job, dir, t, log);
  if (job.kind === 'form-preview') return produceFormPreview(d, job, dir, t, log);
  const ownerId = job.ownerId ?? job.userId;
  const data = await readCase(d.redis, d.keys, d.store, ownerId, job.caseId);
  if (!data) {
    await d.api.sendMessage(job.userId, t('export-missing'));
    return 'missing';
  }
  // a worker's case for their supervisor: access again, as it is now, in the case's organisation
  // (unassigned since the request, or a case of another organisation of the worker's: refused)
  const caseOrg = data.case.orgId;
  if (ownerId !== job.userId && !(caseOrg && (await workersNow(d, job.userId, caseOrg)).has(ownerId))) {
    await d.api.sendMessage(job.userId, t('export-report-not-allowed'));
    return 'refused';
  }
  const c = data.case;
  const flow = d.catalog.get(c.flowId);
  const flowAt = await noteFlows(d.catalog, c.flowId, data.notes);
  const names = namesOf(data, ownerId);
  const requester = ownerId !== job.userId ? data.members[String(job.userId)]?.name : undefined;
  // the organisation's letterhead and paper, on what it files (not the supervision record, A5 between two people)
  const print = orgPrint(data.org?.name, data.letterhead);
  if (job.kind === 'termination') {
    const model = buildTerminationSheet({ case: c, flow, flowAt, notes: data.notes, orgName: data.org?.name, workerName: names.worker, supervisorName: names.supervisors[0], lang: job.lang, zone: job.zone, now: job.at, t });
    const sheet = { ...model, ...sheetPrint(print) };
    const pdf = path.join(dir, fileName(t('export-file-termination'), c, day, 'pdf'));
    const docx = path.join(dir, fileName(t('export-file-termination'), c, day, 'docx'));
    await renderTerminationPdf(sheet, pdf);
    await writeFile(docx, await renderTerminationDocx(sheet));
    const caption = t('export-caption-termination', { client: clientWithCode(c) });
    await d.api.sendDocument(job.userId, new InputFile(pdf, path.basename(pdf)), { caption });
    await d.api.sendDocument(job.userId, new InputFile(docx, path.basename(docx)));
    return 'sent';
  }
  // a report of a period (🗓 on /laporan's case screen) prints that period's notes only
  const period = job.kind === 'report' && job.period ? { period: job.period } : {};
  const common = { case: c, flow, flowAt, notes: data.notes, orgName: data.org?.name, workerName: names.worker, supervisorNames: names.supervisors, lang: job.lang, zone: job.zone, now: job.at, t, ...period };
  if (job.kind === 'form') return produceForm(d, job, common, dir, day, t, log);
  const photoIds = (fileIds: string[]) => fetchPhotos(d, fileIds, log);
  if (job.kind === 'supervision') {
    const record = buildCaseReport({ ...common, reviewStates: data.reviewStates, reviewLogs: data.reviewLogs, ...(requester ? { requesterName: requester } : {}) });
    const photos = record.stages.flatMap((s) => s.notes.flatMap((n) => n.answers.flatMap((a) => (a.media?.kind === 'photo' ? [a.media.fileId] : []))));
    const file = path.join(dir, fileName(t('export-file-supervision'), c, day, 'pdf'));
    await renderReportPdf(record, await photoIds(photos), file);
    await d.api.sendDocument(job.userId, new InputFile(file, path.basename(file)), { caption: t('export-caption-supervision', { client: clientWithCode(c) }) });
    return 'sent';
  }
  const report = buildInstitutionReport(common);
  if (job.kind === 'chart') {
    if (!report.chart) {
      await d.api.sendMessage(job.userId, t('export-chart-empty', { client: clientWithCode(c) }));
      return 'empty';
    }
    const png = path.join(dir, fileName('grafik', c, day, 'png'));
    await writeFile(png, svgToPng(progressChartSvg(report.chart)));
    await d.api.sendPhoto(job.userId, new InputFile(png, path.basename(png)), { caption: t('export-caption-chart', { client: clientWithCode(c) }) });
    return 'sent';
  }
  // the setting's institution report, or the template the user picked (📑 Dokumen lain) while it still
  // fits the case: the setting or the worker's role may have changed since the button, and another
  // document in its place would surprise
  const templates = builtinTemplates();
  if (job.template && !templates.fitsCase(job.template, c)) {
    await d.api.sendMessage(job.userId, t('export-document-gone', { client: clientWithCode(c) }));
    return 'refused';
  }
  const template = job.template ? templates.get(job.template)! : templates.mainFor(c);
  const document = buildDocument(template, { ...common, reviewLogs: data.reviewLogs, ...print }, report);
  // the photos the document prints (a picture of a supervision-only answer is not fetched)
  const printsNotes = document.blocks.some((b) => b.kind === 'notes');
  const images = printsNotes ? await photoIds(report.notes.flatMap((n) => n.attachments.flatMap((a) => (a.photo ? [a.photo] : [])))) : new Map<string, EmbeddedImage>();
  const chart = document.blocks.some((b) => b.kind === 'chart') ? chartImage(report) : undefined;
  const file = path.join(dir, fileName(template.main ? t('export-file-report') : template.id, c, day, job.format));
  if (job.format === 'docx') await writeFile(file, await renderDocumentDocx(document, images, chart));
  else await renderDocumentPdf(document, images, chart, file);
  await d.api.sendDocument(job.userId, new InputFile(file, path.basename(file)), { caption: t('export-caption-document', { title: document.title, client: clientWithCode(c), count: report.notes.length }) });
  log.info({ notes: report.notes.length, photos: images.size, template: template.id }, 'report rendered');
  return 'sent';
}

/**
 * Each note's own flow version, loaded where this process does not hold it yet (a version published
 * on another instance): the labels and sections of its answers come from there.
 */
async function noteFlows(catalog: Catalog, flowId: string, notes: { flowVersion: number }[]): Promise<(version: number) => Flow | undefined> {
  for (const v of new Set(notes.map((n) => n.flowVersion))) await catalog.ensure(flowId, v).catch(() => false);
  return (version) => catalog.at(flowId, version);
}

async function produceCsv(d: ExportDeps, job: Extract<ExportJob, { kind: 'csv' }>, dir: string, t: T, day: string): Promise<ExportResult> {
  // access again, as it is now, in the organisation it was asked in: still a member there and not
  // suspended; a worker unassigned since the request is left out
  const orgId = job.orgId ?? (await d.redis.hget(d.keys.membership(job.userId), 'orgId'));
  const allowed = orgId ? await workersNow(d, job.userId, orgId) : new Set<number>();
  const workerIds = job.workers.filter((w) => allowed.has(w));
  if (!orgId || workerIds.length === 0) {
    await d.api.sendMessage(job.userId, t('export-csv-no-workers'));
    return 'refused';
  }
  const { workers } = await readWorkers(d.redis, d.keys, d.store, orgId, workerIds);
  const now = DateTime.fromISO(job.at, { zone: job.zone });
  const range = rangeOf(job.range, now);
  const byModel = notesByModel(workers, range, job.zone);
  const files: { path: string; name: string }[] = [];
  for (const [flowId, list] of byModel) {
    const flow = d.catalog.get(flowId);
    const columns = modelColumns(flow, list.map((x) => x.n));
    const name = `${t('export-file-notes')}-${flowId}-${day}.csv`;
    const csv = new CsvWriter(path.join(dir, name));
    await csv.row(notesHeader(t, columns));
    for (const { w, n } of list) await csv.row(noteRow(w, w.cases.find((c) => c.id === n.caseId), n, flow, columns, job.lang, job.zone, t));
    await csv.close();
    files.push({ path: csv.path, name });
  }
  const total = [...byModel.values()].reduce((a, l) => a + l.length, 0);
  const caption = t('export-caption-csv', { notes: total, workers: workers.length, range: t(`export-range-${job.range}`) });
  if (files.length === 1) await d.api.sendDocument(job.userId, new InputFile(files[0]!.path, files[0]!.name), { caption });
  else if (files.length > 1) {
    const zip = path.join(dir, `${t('export-file-notes')}-${day}.zip`);
    await zipFiles(files, zip);
    await d.api.sendDocument(job.userId, new InputFile(zip, path.basename(zip)), { caption });
  } else await d.api.sendMessage(job.userId, t('export-csv-empty', { range: t(`export-range-${job.range}`) }));
  const sheet = activitySheet(workers, range, now, t);
  const activityName = `${t('export-file-activity')}-${day}.csv`;
  const activity = new CsvWriter(path.join(dir, activityName));
  await activity.row(sheet.header);
  for (const row of sheet.rows) await activity.row(row);
  await activity.close();
  await d.api.sendDocument(job.userId, new InputFile(activity.path, activityName), { caption: t('export-caption-activity') });
  return 'sent';
}

/** Runs each export at once, through the same code (tests, and a bot without workers). */
export class DirectExports implements ExportControl {
  private readonly deps: () => ExportDeps;

  constructor(deps: () => ExportDeps) {
    this.deps = deps;
  }

  async request(job: ExportJob, jobId: string): Promise<void> {
    await runExport(this.deps(), job, jobId);
  }
}

