// A worker's monthly report across all their clients: the report a PK hands the Kasubsi Bimbingan
// Klien and a peksos hands the Balai. One table of the period's contacts in date order (case, date,
// contact type, held or why not, activity = the stage, progress 1–5, obstacle, next step), then a
// short section per client. Each note is read as the institution's report of its case reads it
// (institution-report.ts: noteView), and only the printed sections are taken: never a reflection,
// an ask, feedback or a review state. Pure.
import type { Flow } from '../engine/types.ts';
import { clientWithCode, pick, type Lang } from '../cases/labels.ts';
import { factWords, jobTitleKey } from '../cases/intake-facts.ts';
import { noteHeld, withoutClient } from '../cases/note-builder.ts';
import type { CaseRecord, NoteRecord } from '../store/records.ts';
import type { Translate } from '../telegram/format.ts';
import { BLANK, noteView, ratingOf, stageName, type Placed } from './institution-report.ts';
import { dayIn, longDate } from './dates.ts';
import { byDate, noteDay } from './report-model.ts';
import { inCareDuring, periodWords, within, type Period } from './period.ts';
import type { PeriodDocument, PeriodEntry } from './period-doc.ts';

export interface MonthlyInput {
  worker: { userId: number; name: string };
  /** the worker's cases in the organisation, and their notes */
  cases: CaseRecord[];
  notes: NoteRecord[];
  /** a model as the catalog has it now, and a note's own version of it */
  flowOf: (flowId: string) => Flow | undefined;
  flowAt: (flowId: string, version: number) => Flow | undefined;
  orgName: string | undefined;
  period: Period;
  lang: Lang;
  zone: string;
  /** ISO instant the report is made */
  now: string;
  t: Translate;
}

export interface MonthlyReport extends PeriodDocument {
  /** the period's contacts and the clients in the report (the caption says them) */
  contacts: number;
  clients: number;
}

/** What a client's few lines keep of a note (the rest is in the institution's report of the case). */
const BRIEF_SECTIONS = ['respons', 'hambatan', 'rencana'] as const;
type Section = (typeof BRIEF_SECTIONS)[number];

/** A section's answers, whole: one answer bare, several each with its label. The report is signed, so
 *  nothing is shortened (a long row flows on in the PDF, src/export/report-pdf.ts). */
function sectionText(placed: Placed[], section: Section, lang: Lang): string | undefined {
  const items = placed.filter((p) => p.meta.section === section);
  if (items.length === 0) return undefined;
  if (items.length === 1) return items[0]!.text;
  return items.map((p) => `${pick(p.meta.label, lang)}: ${p.text}`).join('\n');
}

/** The worker's job title: the one most of their cases record. */
function jobTitle(cases: CaseRecord[], t: Translate): string {
  const count = new Map<string, number>();
  for (const c of cases) count.set(jobTitleKey(c), (count.get(jobTitleKey(c)) ?? 0) + 1);
  const top = [...count.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
  return t(top ?? 'job-title-peksos');
}

function clientFacts(c: CaseRecord, flow: Flow | undefined, input: MonthlyInput): string {
  const { lang, t, zone } = input;
  const program = factWords(c, lang).find(([id]) => id === 'program')?.[1];
  const where = program ? `${t('case-fact-program')}: ${program}` : `${t('report-cover-setting')}: ${t(`setting-${c.setting}`)}`;
  const i = flow ? flow.stages.findIndex((s) => s.id === c.stageId) : -1;
  const stage = i >= 0 ? `${t('report-cover-stage')}: ${i + 1}/${flow!.stages.length} ${pick(flow!.stages[i]!.title, lang)}` : undefined;
  const ended = c.status === 'closed' && c.closure ? t('monthly-ended', { date: longDate(dayIn(c.closure.at, zone), lang), reason: t(`end-reason-${c.closure.reason}`) }) : undefined;
  return [where, stage, ended].filter(Boolean).join(' · ');
}

/** "12/10" in a period within one year, "12/10/26" across years. */
function tableDay(day: string, p: Period): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return p.from.slice(0, 4) === p.to.slice(0, 4) ? `${d}/${m}` : `${d}/${m}/${String(y).slice(2)}`;
}

export function buildMonthlyReport(input: MonthlyInput): MonthlyReport {
  const { lang, t, zone, period } = input;
  const notesOf = new Map<string, NoteRecord[]>();
  for (const n of input.notes) notesOf.set(n.caseId, [...(notesOf.get(n.caseId) ?? []), n]);
  const inPeriod = (c: CaseRecord) => (notesOf.get(c.id) ?? []).filter((n) => within(noteDay(n, zone), period)).sort(byDate);
  const cases = input.cases
    .filter((c) => inCareDuring(c, period, zone) || inPeriod(c).length > 0)
    .sort((a, b) => clientWithCode(a).localeCompare(clientWithCode(b), 'id'));
  const rows: { day: string; order: string; cells: string[] }[] = [];
  const entries: PeriodEntry[] = [];
  let held = 0;
  let missed = 0;
  for (const c of cases) {
    const flow = input.flowOf(c.flowId);
    const view = { flow, flowAt: (v: number) => input.flowAt(c.flowId, v), lang, t };
    const code = clientWithCode(c);
    const items: PeriodEntry['items'] = [];
    for (const n of inPeriod(c)) {
      const { placed, line } = noteView(n, view);
      if (noteHeld(n)) held++;
      else if (!withoutClient(n)) missed++;
      const day = noteDay(n, zone);
      const stage = stageName(flow, n, lang);
      const cell = (s: Section) => sectionText(placed, s, lang) ?? '—';
      rows.push({
        day,
        order: `${n.createdAt} ${code}`,
        // the line's last part says held or not, and why not
        cells: [code, tableDay(day, period), placed.find((p) => p.item.id === 'jenis_kontak')?.text ?? '—', line.split(' · ').at(-1)!, stage, ratingOf(n), cell('hambatan'), cell('rencana')],
      });
      items.push({
        heading: `${longDate(day, lang)} — ${stage} · ${line}`,
        lines: BRIEF_SECTIONS.flatMap((s) => {
          const text = sectionText(placed, s, lang);
          return text ? [{ label: t(`inst-section-${s}`), text }] : [];
        }),
      });
    }
    const facts = clientFacts(c, flow, input);
    entries.push({ heading: code, line: items.length > 0 ? facts : `${facts} · ${t('monthly-client-no-contact')}`, items });
  }
  rows.sort((a, b) => a.day.localeCompare(b.day) || a.order.localeCompare(b.order));
  const title = jobTitle(cases.length > 0 ? cases : input.cases, t);
  const words = periodWords(period, lang);
  const bapas = cases.length > 0 && cases.every((c) => c.setting === 'bapas');
  return {
    confidential: t('inst-confidential'),
    org: input.orgName,
    title: t(bapas ? 'monthly-title-bapas' : 'monthly-title'),
    subtitle: words,
    identity: [
      { label: t('monthly-worker'), value: input.worker.name },
      { label: t('monthly-job-title'), value: title },
      ...(input.orgName ? [{ label: t('monthly-org'), value: input.orgName }] : []),
      { label: t('inst-period'), value: words },
      { label: t('monthly-clients'), value: String(cases.length) },
      { label: t('monthly-contacts'), value: t('monthly-contacts-value', { held, missed, total: rows.length }) },
    ],
    parts: [
      {
        kind: 'table',
        heading: t('monthly-table-heading'),
        head: ['case', 'date', 'contact', 'held', 'activity', 'rating', 'obstacle', 'next'].map((k) => t(`monthly-col-${k}`)),
        rows: rows.map((r) => r.cells),
        // landscape A4: no header word breaks ("Terlaksana", "Kemajuan"), nor a stage's longest word
        widths: [11, 6, 11, 13, 15, 8, 18, 18],
        empty: t('inst-no-notes-period'),
      },
      { kind: 'entries', heading: t('monthly-clients-heading'), entries },
    ],
    place: t('inst-place', { date: longDate(dayIn(input.now, zone), lang) }),
    signatures: [
      { role: title, name: input.worker.name, idLine: t('inst-nip', { blank: BLANK }) },
      { role: t('inst-acknowledged', { org: input.orgName ?? BLANK }), name: BLANK, idLine: t('inst-nip', { blank: BLANK }) },
    ],
    footer: t('monthly-footer', { period: words }),
    pageWord: t('report-page'),
    ofWord: t('report-page-of'),
    contacts: rows.length,
    clients: cases.length,
  };
}
