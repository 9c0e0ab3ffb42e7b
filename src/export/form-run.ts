// The export worker's part of the institution's own Word form: fill the published form with a case
// (a worker's /laporan → 🏛), and fill an admin's uploaded form with the organisation's latest case
// before it is published (the preview, with ✅ Terbitkan / ✖️ Batal under it). Logs carry ids only.
import { openRecord } from '../store/record-pack.ts';
import path from 'node:path';
import { writeFile } from 'node:fs/promises';
import { InputFile, InlineKeyboard, type Api } from 'grammy';
import type { Logger } from 'pino';
import { caseCode, type Lang } from '../cases/labels.ts';
import type { Catalog } from '../catalog/catalog.ts';
import type { Keys } from '../store/keys.ts';
import { parseOrgEntry } from '../store/org-records.ts';
import type { RedisClient } from '../store/redis-connection.ts';
import type { CaseRecord } from '../store/records.ts';
import { readForm } from '../store/form-records.ts';
import type { SessionData } from '../store/session.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';
import { encode } from '../telegram/callback-data.ts';
import { slotPipeline } from '../store/slot-pipeline.ts';
import { progressChartSvg } from './chart-svg.ts';
import { buildFormData, exampleFormData, type FormData } from './form-data.ts';
import { FORM_MAX_BYTES, FormFileError, repackForm } from './form-file.ts';
import { checkForm, fillForm } from './form-template.ts';
import { imageInfo } from './images.ts';
import { buildInstitutionReport, type InstitutionInput } from './institution-report.ts';
import type { ExportJob } from './jobs.ts';
import { readCase } from './reader.ts';
import { svgToPng } from './rasterise.ts';

export interface FormDeps {
  api: Api;
  fileUrl(filePath: string): string;
  redis: RedisClient;
  keys: Keys;
  store: WorkspaceStore<SessionData>;
  catalog: Catalog;
}

type T = (key: string, vars?: Record<string, string | number>) => string;
type Result = 'sent' | 'missing' | 'refused';

/** As run.ts names its files: the client's initials, the case's code and the day. */
function formFileName(prefix: string, c: CaseRecord, day: string): string {
  const who = `${c.initials}-${c.age}-${caseCode(c.id).slice(1)}`.replace(/[^A-Za-z0-9-]/g, '');
  return `${prefix}-${who}-${day}.docx`;
}

async function filled(template: Buffer, data: FormData): Promise<Buffer> {
  const chart = data.chart ? imageInfo(svgToPng(progressChartSvg(data.chart))) : undefined;
  return fillForm(template, data, chart);
}

function formDataOf(input: InstitutionInput): FormData {
  const report = buildInstitutionReport(input);
  return buildFormData({ report, case: input.case, workerName: input.workerName, supervisorNames: input.supervisorNames, lang: input.lang, zone: input.zone, now: input.now, t: input.t });
}

/** A case's report on its organisation's published form (the case and access already checked by run.ts). */
export async function produceForm(d: FormDeps, job: Extract<ExportJob, { kind: 'form' }>, input: InstitutionInput, dir: string, day: string, t: T, log: Logger): Promise<Result> {
  const c = input.case;
  const form = c.orgId ? await readForm(d.redis, d.keys, c.orgId) : undefined;
  if (!form) {
    await d.api.sendMessage(job.userId, t('form-none'));
    return 'missing';
  }
  // checked again as it is filled: the stored file went through the same door when published
  const docx = await filled(repackForm(form.docx, form.meta.fileName), formDataOf(input));
  const file = path.join(dir, formFileName(t('export-file-form'), c, day));
  await writeFile(file, docx);
  await d.api.sendDocument(job.userId, new InputFile(file, path.basename(file)), { caption: t('form-caption', { code: caseCode(c.id), count: input.notes.length }) });
  log.info({ notes: input.notes.length }, 'institution form filled');
  return 'sent';
}

/** The sent file, up to the form's size (undefined: too big, or Telegram would not give it). */
async function download(d: FormDeps, fileId: string): Promise<Buffer | undefined> {
  const f = await d.api.getFile(fileId);
  if (!f.file_path || (f.file_size ?? 0) > FORM_MAX_BYTES) return undefined;
  const res = await fetch(d.fileUrl(f.file_path), { signal: AbortSignal.timeout(10_000) });
  if (!res.ok) return undefined;
  const bytes = Buffer.from(await res.arrayBuffer());
  return bytes.length > FORM_MAX_BYTES ? undefined : bytes;
}

/**
 * The newest case (by when it was opened) the admin may read in full: their own, or of a worker they
 * supervise now — need to know: an admin who supervises no one sees the made-up example, never another
 * worker's client. Two round trips.
 */
async function latestCase(d: FormDeps, orgId: string, adminId: number): Promise<{ ownerId: number; caseId: string } | undefined> {
  const supervised = (await d.redis.smembers(d.keys.workersOf(adminId, orgId))).map(Number).filter(Number.isSafeInteger);
  const memberIds = [adminId, ...supervised];
  const p1 = slotPipeline(d.redis);
  for (const w of memberIds) {
    p1.hgetall(d.keys.caseOrgs(w));
    p1.hgetallBuffer(d.keys.cases(w));
  }
  const r = (await p1.exec()) ?? [];
  let best: { ownerId: number; caseId: string; at: string } | undefined;
  memberIds.forEach((w, i) => {
    const [e1, orgs] = r[2 * i] ?? [];
    const [e2, sealed] = r[2 * i + 1] ?? [];
    if (e1 || e2) throw e1 ?? e2;
    for (const [id, s] of Object.entries(sealed as Record<string, Buffer>)) {
      if ((orgs as Record<string, string>)[id] !== orgId) continue;
      const c = openRecord<CaseRecord>(d.store.cipher, s, d.keys.cases(w), id);
      if (!best || c.createdAt > best.at) best = { ownerId: w, caseId: id, at: c.createdAt };
    }
  });
  return best;
}

/** Whether the user is an admin of the organisation now (not suspended). */
async function adminNow(d: FormDeps, userId: number, orgId: string): Promise<boolean> {
  const entry = parseOrgEntry(await d.redis.hget(d.keys.memberships(userId), orgId));
  return entry?.role === 'admin' && !entry.suspended;
}

/** The case's institution-report input, as run.ts builds it. */
async function inputOf(d: FormDeps, ownerId: number, caseId: string, lang: Lang, zone: string, now: string, t: T): Promise<InstitutionInput | undefined> {
  const data = await readCase(d.redis, d.keys, d.store, ownerId, caseId);
  if (!data) return undefined;
  const c = data.case;
  for (const v of new Set(data.notes.map((n) => n.flowVersion))) await d.catalog.ensure(c.flowId, v).catch(() => false);
  const name = (id: number) => data.members[String(id)]?.name || String(id);
  return {
    case: c,
    flow: d.catalog.get(c.flowId),
    flowAt: (v) => d.catalog.at(c.flowId, v),
    notes: data.notes,
    orgName: data.org?.name,
    workerName: name(ownerId),
    supervisorNames: data.supervisors.map(name),
    lang,
    zone,
    now,
    t,
  };
}

/** An admin's uploaded form, filled with the organisation's latest case (or a made-up one), with ✅ / ✖️. */
export async function produceFormPreview(d: FormDeps, job: Extract<ExportJob, { kind: 'form-preview' }>, dir: string, t: T, log: Logger): Promise<Result> {
  if (!(await adminNow(d, job.userId, job.orgId))) {
    await d.api.sendMessage(job.userId, t('form-not-admin'));
    return 'refused';
  }
  const sent = await download(d, job.fileId).catch(() => undefined);
  if (!sent) {
    await d.api.sendMessage(job.userId, t('form-download-failed'));
    return 'missing';
  }
  let template: Buffer;
  try {
    template = repackForm(sent, job.fileName);
  } catch (err) {
    if (!(err instanceof FormFileError)) throw err;
    await d.api.sendMessage(job.userId, t(`form-file-${err.problem}`, { max: FORM_MAX_BYTES / (1024 * 1024) }));
    return 'refused';
  }
  if ((await checkForm(template)).length > 0) {
    // the bot checked it when it arrived: only a changed vocabulary gets here
    await d.api.sendMessage(job.userId, t('form-preview-failed'));
    return 'refused';
  }
  const latest = await latestCase(d, job.orgId, job.userId);
  const input = latest ? await inputOf(d, latest.ownerId, latest.caseId, job.lang, job.zone, job.at, t) : undefined;
  const orgName = input?.orgName ?? (await orgNameOf(d, job.orgId));
  const data = input ? formDataOf(input) : exampleFormData(orgName, job.lang, job.at, job.zone, t);
  const docx = await filled(template, data);
  const base = job.fileName.replace(/\.docx$/i, '').replace(/[^\p{L}\p{N}._-]+/gu, '-').slice(0, 60) || 'formulir';
  const file = path.join(dir, `${t('form-preview-file')}-${base}.docx`);
  await writeFile(file, docx);
  const caption = input ? t('form-preview-caption', { code: caseCode(input.case.id), count: input.notes.length }) : t('form-preview-caption-example');
  const kb = new InlineKeyboard()
    .text(t('btn-form-publish'), encode({ kind: 'form-admin', orgId: job.orgId, op: 'publish', ref: job.token }))
    .text(t('btn-form-cancel'), encode({ kind: 'form-admin', orgId: job.orgId, op: 'cancel', ref: job.token }));
  await d.api.sendDocument(job.userId, new InputFile(file, path.basename(file)), { caption, reply_markup: kb });
  log.info({ orgId: job.orgId, example: !input }, 'institution form preview sent');
  return 'sent';
}

async function orgNameOf(d: FormDeps, orgId: string): Promise<string | undefined> {
  const raw = await d.redis.get(d.keys.org(orgId));
  try {
    return raw ? (JSON.parse(raw) as { name?: string }).name : undefined;
  } catch {
    return undefined;
  }
}
