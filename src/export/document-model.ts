// A document made from a template (flows/reports/*.yaml) and a case: the template's parts in order,
// as blocks the PDF and Word renderers lay out (document-pdf.ts, document-docx.ts). The content comes
// from the institution's report of the case (institution-report.ts): an institution's template can
// print only what that report prints; a supervision template adds the worker's own answers and the
// supervisor's feedback. Pure.
import { DateTime } from 'luxon';
import { clientWithCode, pick, type Lang } from '../cases/labels.ts';
import type { NoteRecord } from '../store/records.ts';
import type { ReviewEvent } from '../store/org-records.ts';
import type { ChartModel } from './chart-model.ts';
import { longDate } from './dates.ts';
import { BLANK, buildInstitutionReport, inPeriod, type InstitutionReport, noteView, ratingOf, stageName, type InstitutionInput, type InstitutionNote, type Placed, type Signature } from './institution-report.ts';
import { byDate, noteDay } from './report-model.ts';
import type { Part, Signer, TemplateFile } from './template-schema.ts';
import type { Letterhead, OrgPrint } from './letterhead.ts';

export interface DocumentInput extends InstitutionInput, OrgPrint {
  /** the template's (set by buildDocument) */
  audience?: 'institution' | 'supervision';
  /** the supervisor's threads per note (a supervision template's `feedback`) */
  reviewLogs?: Record<string, ReviewEvent[]>;
}

export type Block =
  | { kind: 'identity'; rows: { label: string; value: string }[] }
  | { kind: 'table'; heading?: string; head: string[]; rows: string[][]; widths: number[] }
  | { kind: 'chart'; heading: string }
  | { kind: 'notes'; heading: string; notes: InstitutionNote[]; empty: string }
  | { kind: 'text'; heading?: string; text: string }
  | { kind: 'signatures'; place: string; signers: Signature[] };

export interface DocumentModel {
  lang: Lang;
  confidential: string;
  org: string | undefined;
  title: string;
  subtitle: string;
  /** the organisation's chosen paper, else the template's: the office decides what it files on */
  paper: 'A4' | 'F4';
  /** the organisation's kop surat at the top of the first page, when it set one */
  letterhead?: Letterhead;
  blocks: Block[];
  chart: ChartModel | undefined;
  attachmentsHeading: string;
  footer: string;
  pageWord: string;
  ofWord: string;
}

/** The worker's own answers that are not an analysis of the work: their reflection (its own column),
 *  the choice that opened it, and what they ask of their supervisor. */
const NOT_ANALYSIS: ReadonlySet<string> = new Set(['refleksi_peksos', 'catatan_peksos', 'untuk_supervisor']);

/** "7 Sep 2026": a table's date. */
function tableDate(isoDay: string, lang: Lang): string {
  const d = DateTime.fromISO(isoDay, { zone: 'UTC' });
  return d.isValid ? d.setLocale(lang === 'en' ? 'en-GB' : 'id').toFormat('d LLL yyyy') : isoDay;
}

function joined(placed: Placed[], lang: Lang): string {
  return placed.map((p) => `${pick(p.meta.label, lang)}: ${p.text}`).join('\n');
}

/** One cell of a per-note table (template-schema.ts names the values). */
function cell(value: string, n: NoteRecord, view: { placed: Placed[]; line: string }, input: DocumentInput): string {
  const { lang } = input;
  const answer = (id: string) => view.placed.find((p) => p.item.id === id)?.text;
  if (value.startsWith('section:')) return joined(view.placed.filter((p) => p.meta.section === value.slice(8)), lang) || '—';
  if (value.startsWith('question:')) {
    // (flows:check refuses an institution's template naming one; a flow changed since must not leak it)
    const p = view.placed.find((x) => x.item.id === value.slice(9));
    return p && (input.audience === 'supervision' || !['supervisi', 'internal'].includes(p.meta.section)) ? p.text : '—';
  }
  switch (value) {
    case 'date':
      return tableDate(noteDay(n, input.zone), lang);
    case 'stage':
      return stageName(input.flow, n, lang);
    case 'contact':
      return answer('jenis_kontak') ?? '—';
    case 'place':
      return answer('tempat') ?? answer('jenis_kontak') ?? '—';
    case 'held':
      return view.line.split(' · ').at(-1)!;
    case 'rating':
      return ratingOf(n);
    case 'attendees':
      return [answer('yang_hadir'), answer('jumlah_hadir')].filter(Boolean).join(' · ') || '—';
    case 'client':
      return clientWithCode(input.case);
    case 'reflection':
      return answer('refleksi_peksos') ?? '—';
    case 'analysis':
      // the roles, theory and skills the worker used: not their reflection, nor what they ask the supervisor
      return joined(view.placed.filter((p) => p.meta.section === 'supervisi' && !NOT_ANALYSIS.has(p.item.id)), lang) || '—';
    case 'feedback':
      return (input.reviewLogs?.[n.id] ?? []).filter((e) => e.action === 'feedback' && e.text).map((e) => `${e.byName}: ${e.text}`).join('\n') || '—';
    default:
      return '……';
  }
}

function signer(s: Signer, input: DocumentInput, worker: Signature): Signature {
  const { t } = input;
  const nip = t('inst-nip', { blank: BLANK });
  switch (s) {
    case 'worker':
      return worker;
    case 'head':
      return { role: t('inst-acknowledged', { org: input.orgName ?? BLANK }), name: BLANK, idLine: nip };
    case 'supervisor':
      return { role: t('report-cover-supervisors'), name: input.supervisorNames[0] ?? BLANK, idLine: nip };
    case 'client':
      return { role: t('doc-signer-client'), name: BLANK, idLine: '' };
    case 'family':
      return { role: t('doc-signer-family'), name: BLANK, idLine: '' };
  }
}

/** `report`: the case's institution report of the same input, when the caller built it already (the
 *  export also needs it for the chart and the photos): built once, not twice. */
export function buildDocument(template: TemplateFile, input: DocumentInput, report: InstitutionReport = buildInstitutionReport(input)): DocumentModel {
  const { lang, t } = input;
  const notes = [...input.notes].sort(byDate).filter((n) => inPeriod(n, input.zone, input.period));
  const views = new Map(notes.map((n) => [n.id, noteView(n, input)]));
  const cellInput: DocumentInput = { ...input, audience: template.audience };
  const blocks: Block[] = [];
  const part = (p: Part): Block | undefined => {
    switch (p.part) {
      case 'identity':
        return { kind: 'identity', rows: report.identity };
      case 'summary':
        return { kind: 'table', heading: report.summaryHeading, head: report.summaryHead, rows: report.summaryRows, widths: [6, 25, 24, 17, 15, 13] };
      case 'chart':
        return report.chart ? { kind: 'chart', heading: report.chartHeading } : undefined;
      case 'notes':
        return { kind: 'notes', heading: report.notesHeading, notes: report.notes, empty: report.emptyNotes };
      case 'table':
        return {
          kind: 'table',
          ...(p.heading ? { heading: pick(p.heading, lang) } : {}),
          head: p.columns.map((c) => pick(c.label, lang)),
          rows: notes.map((n) => p.columns.map((c) => cell(c.value, n, views.get(n.id)!, cellInput))),
          widths: p.columns.map((c) => c.width),
        };
      case 'plan': {
        // the latest note that chose the components: its goals above, a row per component
        const source = [...notes].reverse().find((n) => n.items.some((i) => i.id === p.components && Array.isArray(i.value) && i.value.length > 0));
        const view = source ? views.get(source.id)! : undefined;
        const chosen = view?.placed.find((x) => x.item.id === p.components);
        const components = chosen ? (chosen.item.display ?? []).map((d) => pick(d, lang)) : [];
        const goals = view?.placed.find((x) => x.item.id === p.goals)?.text;
        const heading = p.heading ? pick(p.heading, lang) : undefined;
        if (!source) return { kind: 'text', ...(heading ? { heading } : {}), text: t('doc-plan-none') };
        blocks.push({ kind: 'text', ...(heading ? { heading } : {}), text: `${t('doc-plan-goals', { date: longDate(noteDay(source, input.zone), lang) })}\n${goals ?? '—'}` });
        return { kind: 'table', head: p.columns.map((c) => pick(c.label, lang)), rows: components.map((name) => [name, ...p.columns.slice(1).map(() => '……')]), widths: p.columns.map((c) => c.width) };
      }
      case 'text':
        return { kind: 'text', text: pick(p.text, lang) };
      case 'signatures':
        return { kind: 'signatures', place: report.place, signers: p.signers.map((s) => signer(s, input, report.signatures[0])) };
    }
  };
  for (const p of template.parts) {
    const b = part(p);
    if (b) blocks.push(b);
  }
  return {
    lang,
    confidential: report.confidential,
    org: report.org,
    title: pick(template.title, lang),
    subtitle: report.subtitle,
    paper: input.paper ?? template.paper ?? 'A4',
    ...(input.letterhead ? { letterhead: input.letterhead } : {}),
    blocks,
    chart: report.chart,
    attachmentsHeading: report.attachmentsHeading,
    footer: template.audience === 'supervision' ? t('doc-footer-supervision', { code: report.footer.split(' · ').at(-1)! }) : report.footer,
    pageWord: report.pageWord,
    ofWord: report.ofWord,
  };
}

