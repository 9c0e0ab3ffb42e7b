// The institution's report of a case (Laporan untuk lembaga): what a Bapas, a Balai or an IPWL files,
// not a transcript. Each note is a heading line (date, stage, contact, held or why not) and short
// paragraphs under the headings an activity record uses — Tujuan, Proses/kegiatan, Respons klien,
// Hambatan, Rencana tindak lanjut — with the flows' short item labels. Never in it: the worker's
// reflection and asks, roles and skills (section `supervisi`), the supervisor's feedback, review states,
// revisions, skipped questions. Those are in the supervision record (supervision-record.ts).
//
// Pure: records, the reader's language and zone, and "now" come in as arguments.
import type { Flow, FileRef } from '../engine/types.ts';
import { PRINTED_SECTIONS, type ReportSection } from '../engine/flow-schema.ts';
import { caseCode, clientWithCode, pick, type Lang } from '../cases/labels.ts';
import { noteHeld, withoutClient } from '../cases/note-builder.ts';
import { factWords, jobTitleKey } from '../cases/intake-facts.ts';
import type { CaseRecord, NoteItem, NoteRecord } from '../store/records.ts';
import type { Translate } from '../telegram/format.ts';
import { buildProgressChart, PROGRESS_RATING, type ChartModel } from './chart-model.ts';
import { dayIn, longDate } from './dates.ts';
import { followUpOf, itemMeta, questionIn, reportAnswer, type ItemMeta } from './item-meta.ts';
import { byDate, isFileRef, noteDay } from './report-model.ts';

export interface InstitutionInput {
  case: CaseRecord;
  /** the case's model as the catalog has it now */
  flow: Flow | undefined;
  /** a note's own flow version (absent: not known to this process) */
  flowAt: (version: number) => Flow | undefined;
  notes: NoteRecord[];
  orgName: string | undefined;
  workerName: string;
  supervisorNames: string[];
  /** only the notes of these local days, both included (absent: every note) */
  period?: { from: string; to: string };
  lang: Lang;
  zone: string;
  /** ISO instant the report is made */
  now: string;
  t: Translate;
}

export interface ReportItem {
  label: string;
  text: string;
}

/** A before/after table: a question that recalls an earlier one with the same options (Zastrow's family). */
export interface Comparison {
  heading: string;
  head: [string, string, string];
  rows: [string, string, string][];
}

export interface InstitutionNote {
  /** "3. Senin, 4 Maret 2025 — Asesmen" */
  heading: string;
  /** "Tatap muka di lembaga · Terlaksana", "Tidak terlaksana: Klien sakit" */
  line: string;
  sections: { heading: string; items: ReportItem[] }[];
  comparisons: Comparison[];
  /** photos (embedded) and recordings (listed), in the order given */
  attachments: { label: string; text: string; photo?: string }[];
}

export interface Signature {
  role: string;
  name: string;
  idLine: string;
}

export interface InstitutionReport {
  lang: Lang;
  confidential: string;
  org: string | undefined;
  title: string;
  subtitle: string;
  identity: { label: string; value: string }[];
  summaryHeading: string;
  summaryHead: string[];
  summaryRows: string[][];
  chartHeading: string;
  chart: ChartModel | undefined;
  notesHeading: string;
  notes: InstitutionNote[];
  emptyNotes: string;
  attachmentsHeading: string;
  place: string;
  signatures: [Signature, Signature];
  footer: string;
  pageWord: string;
  ofWord: string;
}

/** Blanks for what is never typed into Telegram: filled in by hand at the office. */
export const BLANK = '……………………………';

/** The report's title per setting: the name the institution files it under. */
function titleKey(c: CaseRecord): string {
  if (c.setting === 'bapas') return 'inst-title-bapas';
  if (c.setting === 'ipwl' || c.setting === 'bnnk') return 'inst-title-ipwl';
  return 'inst-title-default';
}

export function inPeriod(n: NoteRecord, zone: string, period: InstitutionInput['period']): boolean {
  if (!period) return true;
  const day = noteDay(n, zone);
  return day >= period.from && day <= period.to;
}

export function stageName(flow: Flow | undefined, n: NoteRecord, lang: Lang): string {
  const s = flow?.stages.find((x) => x.id === n.stageId);
  return pick(s?.title ?? n.stageTitle, lang);
}

export interface Placed {
  item: NoteItem;
  meta: ItemMeta;
  text: string;
}

/** A note's answers with their place and text, and its heading line: what a template's table cells read. */
export function noteView(n: NoteRecord, input: Pick<InstitutionInput, 'flow' | 'flowAt' | 'lang' | 't'>): { placed: Placed[]; line: string } {
  const placed = placedItems(n, input.flowAt(n.flowVersion), input.flow, input.lang, input.t);
  return { placed, line: headingLine(n, placed, input.t) };
}

/** The note's answers with their place in the report; "Lainnya: apa tepatnya?" joined to its answer. */
function placedItems(n: NoteRecord, own: Flow | undefined, current: Flow | undefined, lang: Lang, t: Translate): Placed[] {
  const out: Placed[] = [];
  const byId = new Map<string, Placed>();
  for (const item of n.items) {
    if (item.value === null) continue;
    const meta = itemMeta(item, n, own, current);
    // a risk flag reported only when raised: "Tanda bahaya: Tidak ada" in every note is noise in a filed report
    if (item.alert && Array.isArray(item.value) && item.value.every((v) => meta.nothing?.includes(v))) continue;
    const text = reportAnswer(item, meta, lang, t);
    const parent = followUpOf(item.id);
    const head = parent ? byId.get(parent) : undefined;
    if (head) {
      head.text = `${head.text} (${text})`;
      continue;
    }
    const placed = { item, meta, text };
    byId.set(item.id, placed);
    out.push(placed);
  }
  return out;
}

/** Where a held contact was (its kind and place), or why a session did not take place; undefined: not answered. */
export function whereOrWhy(n: NoteRecord, placed: Placed[]): string | undefined {
  const text = (id: string) => placed.find((p) => p.item.id === id)?.text;
  if (!noteHeld(n)) return text('alasan_tidak_jadi');
  return [text('jenis_kontak'), text('tempat')].filter(Boolean).join(', ') || undefined;
}

function headingLine(n: NoteRecord, placed: Placed[], t: Translate): string {
  if (withoutClient(n)) return t('inst-line-without-client');
  const detail = whereOrWhy(n, placed);
  if (!noteHeld(n)) return detail ? t('inst-line-not-held-why', { why: detail }) : t('inst-line-not-held');
  return detail ? `${detail} · ${t('inst-line-held')}` : t('inst-line-held');
}

/** Before/after: a multi question recalling an earlier multi (the baseline: its first answer in the case). */
function comparisons(n: NoteRecord, all: NoteRecord[], own: Flow | undefined, current: Flow | undefined, lang: Lang, zone: string, t: Translate): Comparison[] {
  const out: Comparison[] = [];
  for (const item of n.items) {
    if (item.type !== 'multi' || !Array.isArray(item.value)) continue;
    const q = questionIn(own, n.stageId, item.id) ?? questionIn(current, n.stageId, item.id);
    if (!q?.recall || q.type !== 'multi') continue;
    const baseline = all.find((m) => m !== n && byDate(m, n) < 0 && m.items.some((i) => i.id === q.recall && Array.isArray(i.value)));
    if (!baseline) continue;
    const before = baseline.items.find((i) => i.id === q.recall)!.value as string[];
    const now = item.value;
    const labelOf = (v: string) => pick(q.options.find((o) => o.value === v)?.label ?? { id: v }, lang);
    const values = q.options.map((o) => o.value).filter((v) => before.includes(v) || now.includes(v));
    const mark = (on: boolean) => (on ? t('inst-compare-yes') : '—');
    const meta = itemMeta(item, n, own, current);
    out.push({
      heading: pick(meta.label, lang),
      head: [t('inst-compare-indicator'), t('inst-compare-before', { date: longDate(noteDay(baseline, zone), lang) }), t('inst-compare-now', { date: longDate(noteDay(n, zone), lang) })],
      rows: values.map((v) => [labelOf(v), mark(before.includes(v)), mark(now.includes(v))]),
    });
  }
  return out;
}

function sectionHeading(s: ReportSection, t: Translate): string {
  return t(`inst-section-${s}`);
}

function reportNote(n: NoteRecord, index: number, all: NoteRecord[], input: InstitutionInput): InstitutionNote {
  const { lang, t, zone } = input;
  const own = input.flowAt(n.flowVersion);
  const placed = placedItems(n, own, input.flow, lang, t);
  const sections = PRINTED_SECTIONS.map((s) => ({
    heading: sectionHeading(s, t),
    items: placed.filter((p) => p.meta.section === s).map((p) => ({ label: pick(p.meta.label, lang), text: p.text })),
  })).filter((s) => s.items.length > 0);
  const attachments = placed
    .filter((p) => p.meta.section === 'lampiran')
    .map((p) => {
      const file = isFileRef(p.item.value) ? (p.item.value as FileRef) : undefined;
      return { label: pick(p.meta.label, lang), text: p.text, ...(file?.kind === 'photo' ? { photo: file.fileId } : {}) };
    });
  return {
    heading: t('inst-note-heading', { index, date: longDate(noteDay(n, zone), lang), stage: stageName(input.flow, n, lang) }),
    line: headingLine(n, placed, t),
    sections,
    comparisons: comparisons(n, all, own, input.flow, lang, zone, t),
    attachments,
  };
}

export function ratingOf(n: NoteRecord): string {
  const v = n.items.find((i) => i.id === PROGRESS_RATING)?.value;
  return typeof v === 'number' ? String(v) : '—';
}

export function buildInstitutionReport(input: InstitutionInput): InstitutionReport {
  const { case: c, flow, lang, t, zone } = input;
  const all = [...input.notes].sort(byDate);
  const notes = all.filter((n) => inPeriod(n, zone, input.period));
  const stageIndex = flow ? flow.stages.findIndex((s) => s.id === c.stageId) : -1;
  const stageCount = flow?.stages.length ?? 0;
  const model = flow ? pick(flow.title, lang) : c.flowId;
  const first = notes[0];
  const last = notes.at(-1);
  const period = input.period
    ? t('inst-period-value', { from: longDate(input.period.from, lang), to: longDate(input.period.to, lang) })
    : first && last
      ? t('inst-period-value', { from: longDate(noteDay(first, zone), lang), to: longDate(noteDay(last, zone), lang) })
      : '—';
  const jobTitle = t(jobTitleKey(c));
  const ended = c.status === 'closed' && c.closure;

  const identity = [
    // never typed into Telegram: the office writes them in
    { label: t('inst-name'), value: BLANK },
    { label: t('inst-register'), value: BLANK },
    { label: t('inst-code'), value: `${clientWithCode(c)} · ${t(`gender-${c.gender}`)}` },
    ...(c.group ? [{ label: t('report-cover-group'), value: t('case-card-group', { members: c.group.members, youngest: c.age, oldest: c.group.oldest }) }] : []),
    { label: t('report-cover-setting'), value: t(`setting-${c.setting}`) },
    { label: t('report-cover-problem'), value: c.problem },
    ...factWords(c, lang).filter(([id]) => id !== 'peran').map(([id, words]) => ({ label: t(`case-fact-${id}`), value: id === 'akhir_bimbingan' ? longDate(words, lang) : words })),
    { label: t('report-cover-model'), value: model },
    { label: t('report-cover-stage'), value: stageIndex >= 0 ? `${stageIndex + 1}/${stageCount} · ${pick(flow!.stages[stageIndex]!.title, lang)}` : c.stageId },
    ...(ended ? [{ label: t('report-cover-ended'), value: `${longDate(dayIn(c.closure!.at, zone), lang)} · ${t(`end-reason-${c.closure!.reason}`)}` }] : []),
    { label: t('inst-period'), value: period },
    { label: jobTitle, value: input.workerName },
    { label: t('report-cover-supervisors'), value: input.supervisorNames.join(', ') || '—' },
  ];

  const summaryRows = notes.map((n, i) => {
    const own = input.flowAt(n.flowVersion);
    const placed = placedItems(n, own, flow, lang, t);
    const contact = placed.find((p) => p.item.id === 'jenis_kontak')?.text;
    return [String(i + 1), longDate(noteDay(n, zone), lang), stageName(flow, n, lang), contact ?? '—', headingLine(n, placed, t).split(' · ').at(-1)!, ratingOf(n)];
  });

  return {
    lang,
    confidential: t('inst-confidential'),
    org: input.orgName,
    title: t(titleKey(c)),
    subtitle: `${clientWithCode(c)} · ${model}`,
    identity,
    summaryHeading: t('inst-summary-heading'),
    summaryHead: [t('report-col-no'), t('report-col-date'), t('report-col-stage'), t('report-col-contact'), t('report-col-held'), t('inst-col-rating')],
    summaryRows,
    chartHeading: t('report-chart-heading'),
    chart: buildProgressChart(notes, flow, lang, zone, t),
    notesHeading: t('inst-notes-heading'),
    notes: notes.map((n, i) => reportNote(n, i + 1, all, input)),
    emptyNotes: input.period ? t('inst-no-notes-period') : t('report-no-notes'),
    attachmentsHeading: t('inst-attachments'),
    place: t('inst-place', { date: longDate(dayIn(input.now, zone), lang) }),
    signatures: [
      { role: jobTitle, name: input.workerName, idLine: t('inst-nip', { blank: BLANK }) },
      { role: t('inst-acknowledged', { org: input.orgName ?? BLANK }), name: BLANK, idLine: t('inst-nip', { blank: BLANK }) },
    ],
    footer: t('inst-footer', { code: caseCode(c.id) }),
    pageWord: t('report-page'),
    ofWord: t('report-page-of'),
  };
}
