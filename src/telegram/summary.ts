// The short summary a supervisor receives when a worker saves (or revises) a note.
import { formatDate } from '../engine/dates.ts';
import { caseLabel, pick, type Lang } from '../cases/labels.ts';
import { SUMMARY_ALWAYS } from '../cases/note-builder.ts';
import type { Catalog } from '../catalog/catalog.ts';
import type { CaseRecord, NoteItem, NoteRecord } from '../store/records.ts';
import { cut, escapeHtml, formatAnswer, type Translate } from './format.ts';

/** How many answers a summary shows besides date, contact type and next step. */
const TELLING = 5;
const ANSWER_MAX = 200;

function answer(item: NoteItem | undefined, lang: Lang, t: Translate): string {
  if (!item) return '—';
  return cut(formatAnswer({ type: item.type }, item.value, lang, t, item.display), ANSWER_MAX);
}

export function renderSummary(
  note: NoteRecord,
  c: CaseRecord,
  opts: { workerName: string; catalog: Catalog; lang: Lang; t: Translate; revised: boolean },
): string {
  const { lang, t } = opts;
  const flow = opts.catalog.get(note.flowId);
  const byId = new Map(note.items.map((i) => [i.id, i]));
  const always = new Set<string>(Object.values(SUMMARY_ALWAYS));
  const telling = note.items.filter((i) => i.summary && !always.has(i.id) && i.value !== null).slice(0, TELLING);
  const lines = [
    `${opts.revised ? '✏️' : '📝'} <b>${escapeHtml(t(opts.revised ? 'summary-title-revised' : 'summary-title', { worker: opts.workerName }))}</b>`,
    escapeHtml(caseLabel(c, flow, lang)),
    escapeHtml(t('summary-stage', { index: note.stageIndex + 1, count: note.stageCount, stage: pick(note.stageTitle, lang) })),
    escapeHtml(
      t('summary-session', {
        date: note.sessionDate ? formatDate(note.sessionDate, lang) : '—',
        contact: answer(byId.get(SUMMARY_ALWAYS.contact), lang, t),
      }),
    ),
    '',
    ...telling.map((i) => `• <b>${escapeHtml(cut(pick(i.label, lang), 80))}</b> ${escapeHtml(answer(i, lang, t))}`),
    '',
    `➡️ ${escapeHtml(t('summary-next', { next: answer(byId.get(SUMMARY_ALWAYS.next), lang, t) }))}`,
  ];
  return lines.join('\n');
}

/** The urgent message a risk flag sends: which risks, what was noted, whose case. */
export function renderAlert(note: NoteRecord, c: CaseRecord, opts: { workerName: string; catalog: Catalog; lang: Lang; t: Translate }): string {
  const { lang, t } = opts;
  const flow = opts.catalog.get(note.flowId);
  const flagged = note.items.filter((i) => i.alert && i.value !== null);
  const details = note.items.filter((i) => i.alertDetail && i.value !== null);
  const lines = [
    `🚨 <b>${escapeHtml(t('alert-title', { worker: opts.workerName }))}</b>`,
    escapeHtml(caseLabel(c, flow, lang)),
    escapeHtml(t('summary-stage', { index: note.stageIndex + 1, count: note.stageCount, stage: pick(note.stageTitle, lang) })),
    escapeHtml(t('summary-session', { date: note.sessionDate ? formatDate(note.sessionDate, lang) : '—', contact: answer(note.items.find((i) => i.id === SUMMARY_ALWAYS.contact), lang, t) })),
    '',
    ...flagged.map((i) => `⚠️ <b>${escapeHtml(answer(i, lang, t))}</b>`),
    ...details.map((i) => escapeHtml(answer(i, lang, t))),
  ];
  return lines.join('\n');
}
