// The short summary a supervisor receives when a worker saves (or revises) a note.
import { formatDate } from '../engine/dates.ts';
import { caseLabel, pick, type Lang } from '../cases/labels.ts';
import { changedItems, SUMMARY_ALWAYS, SUMMARY_LEAD } from '../cases/note-builder.ts';
import type { Catalog } from '../catalog/catalog.ts';
import type { CaseRecord, NoteItem, NoteRecord } from '../store/records.ts';
import { cut, escapeHtml, formatAnswer, type Translate } from './format.ts';

/** How many of the stage's key answers a summary shows, after the risk, the ask and the reflection. */
const TELLING = 5;
const ANSWER_MAX = 200;
/** The reflection is cut to this, to leave room for the ask (which is shown whole). */
const REFLECTION_MAX = 600;
/** Telegram's limit for a message's text: a summary always fits in one message. */
export const MESSAGE_MAX = 4096;

function answer(item: NoteItem | undefined, lang: Lang, t: Translate, max = ANSWER_MAX): string {
  if (!item) return '—';
  return cut(formatAnswer({ type: item.type }, item.value, lang, t, item.display), max);
}

/** The risk flags a note raised (any answer to the risk question but "nothing"), and what happened. */
function riskItems(note: NoteRecord): { flagged: NoteItem[]; details: NoteItem[] } {
  return {
    flagged: note.items.filter((i) => i.alert && i.value !== null && !i.routine),
    details: note.items.filter((i) => i.alertDetail && i.value !== null),
  };
}

function riskLines(note: NoteRecord, lang: Lang, t: Translate): string[] {
  const { flagged, details } = riskItems(note);
  if (flagged.length === 0) return [];
  return [
    ...flagged.map((i) => `⚠️ <b>${escapeHtml(t('summary-risk', { risk: answer(i, lang, t) }))}</b>`),
    ...details.map((i) => escapeHtml(answer(i, lang, t, 500))),
  ];
}

/**
 * The short summary a supervisor gets of a saved note. It leads with what the supervisor must not
 * miss: the risk (if any), then the worker's ask and reflection ("Keduanya muncul di ringkasan" — the
 * ask is shown whole); then up to five of the stage's key answers. Routine answers (held as planned,
 * "none" — src/cases/note-builder.ts marks them) never take a slot; the date, contact type and next
 * step have their own lines. Whatever is answered, the text fits one Telegram message.
 */
export function renderSummary(
  note: NoteRecord,
  c: CaseRecord,
  opts: { workerName: string; catalog: Catalog; lang: Lang; t: Translate; revised: boolean },
): string {
  const { lang, t } = opts;
  const flow = opts.catalog.get(note.flowId);
  const byId = new Map(note.items.map((i) => [i.id, i]));
  const head = [
    `${opts.revised ? '✏️' : '📝'} <b>${escapeHtml(t(opts.revised ? 'summary-title-revised' : 'summary-title', { worker: opts.workerName }))}</b>`,
    escapeHtml(caseLabel(c, flow, lang)),
    escapeHtml(t('summary-stage', { index: note.stageIndex + 1, count: note.stageCount, stage: pick(note.stageTitle, lang) })),
    escapeHtml(
      t('summary-session', {
        date: note.sessionDate ? formatDate(note.sessionDate, lang) : '—',
        contact: answer(byId.get(SUMMARY_ALWAYS.contact), lang, t),
      }),
    ),
  ];
  const tail = ['', `➡️ ${escapeHtml(t('summary-next', { next: answer(byId.get(SUMMARY_ALWAYS.next), lang, t) }))}`];
  const ask = byId.get(SUMMARY_LEAD.ask);
  const reflection = byId.get(SUMMARY_LEAD.reflection);
  const lead = [
    ...riskLines(note, lang, t),
    ...(ask?.value != null ? [`❓ <b>${escapeHtml(t('summary-ask'))}</b> ${escapeHtml(answer(ask, lang, t, Infinity))}`] : []),
    ...(reflection?.value != null ? [`💭 <b>${escapeHtml(t('summary-reflection'))}</b> ${escapeHtml(answer(reflection, lang, t, REFLECTION_MAX))}`] : []),
  ];
  const shown = new Set<string>([...Object.values(SUMMARY_ALWAYS), ...Object.values(SUMMARY_LEAD)]);
  const key = opts.revised ? [] : note.items.filter((i) => i.summary && !i.alert && !i.alertDetail && !i.routine && !shown.has(i.id) && i.value !== null);
  const bullets = key.slice(0, TELLING).map((i) => `• <b>${escapeHtml(cut(pick(i.label, lang), 80))}</b> ${escapeHtml(answer(i, lang, t))}`);
  // a revision says what changed since the version the supervisor read, not the same bullets again
  const changes = opts.revised ? changeLines(note, lang, t) : [];

  // the key answers give way, last first, then the changes, when the ask is long: the full note is a
  // tap away (📄)
  const size = (ls: string[]) => ls.join('\n').length;
  const block = (ls: string[]) => (ls.length ? ['', ...ls] : []);
  const compose = (c: string[], b: string[]) => [...head, ...block(lead), ...block(c), ...block([...b, ...more(key.length - b.length, t)]), ...tail];
  let kept = bullets;
  let told = changes;
  while (kept.length > 0 && size(compose(told, kept)) > MESSAGE_MAX) kept = kept.slice(0, -1);
  while (told.length > 1 && size(compose(told, kept)) > MESSAGE_MAX) told = told.slice(0, -1);
  const lines = compose(told, kept);
  // only an ask near its 1,500 characters written in escaped characters (&, <, >) can still be over
  return size(lines) <= MESSAGE_MAX ? lines.join('\n') : cutHtmlLines(lines, MESSAGE_MAX);
}

/** "✏️ Diubah:" and each answer changed since the previous version: old → new (at most five). */
function changeLines(note: NoteRecord, lang: Lang, t: Translate): string[] {
  const before = note.previous?.at(-1)?.items;
  if (!before) return [];
  const changed = changedItems(before, note.items);
  if (changed.length === 0) return [escapeHtml(t('summary-unchanged'))];
  const shown = changed.slice(0, TELLING).map((c) => {
    const was = c.old ? answer(c.old, lang, t, 100) : '—';
    const now = c.now ? answer(c.now, lang, t, 100) : '—';
    return `• <b>${escapeHtml(cut(pick(c.label, lang), 60))}</b> ${escapeHtml(was)} → ${escapeHtml(now)}`;
  });
  return [`✏️ <b>${escapeHtml(t('summary-changed', { count: changed.length }))}</b>`, ...shown, ...more(changed.length - shown.length, t)];
}

function more(n: number, t: Translate): string[] {
  return n > 0 ? [escapeHtml(t('summary-more', { count: n }))] : [];
}

/** Last resort: cuts the longest line (never inside an entity or a tag's text) until the text fits. */
function cutHtmlLines(lines: string[], max: number): string {
  const out = [...lines];
  const over = out.join('\n').length - max;
  const i = out.reduce((best, l, j) => (l.length > out[best]!.length ? j : best), 0);
  const line = out[i]!;
  // cut before the last whole entity that fits, keeping the opening <b>…</b> intact
  let end = Math.max(0, line.length - over - 1);
  const amp = line.lastIndexOf('&', end);
  if (amp >= 0 && line.indexOf(';', amp) >= end) end = amp;
  out[i] = `${line.slice(0, end)}…`;
  return out.join('\n');
}

/** The urgent message a risk flag sends: which risks, what was noted, whose case. */
export function renderAlert(note: NoteRecord, c: CaseRecord, opts: { workerName: string; catalog: Catalog; lang: Lang; t: Translate; detail?: boolean }): string {
  const { lang, t } = opts;
  const flow = opts.catalog.get(note.flowId);
  const { flagged, details } = riskItems(note);
  const lines = [
    `🚨 <b>${escapeHtml(t(opts.detail ? 'alert-title-detail' : 'alert-title', { worker: opts.workerName }))}</b>`,
    escapeHtml(caseLabel(c, flow, lang)),
    escapeHtml(t('summary-stage', { index: note.stageIndex + 1, count: note.stageCount, stage: pick(note.stageTitle, lang) })),
    escapeHtml(t('summary-session', { date: note.sessionDate ? formatDate(note.sessionDate, lang) : '—', contact: answer(note.items.find((i) => i.id === SUMMARY_ALWAYS.contact), lang, t) })),
    '',
    ...flagged.map((i) => `⚠️ <b>${escapeHtml(answer(i, lang, t))}</b>`),
    ...details.map((i) => escapeHtml(answer(i, lang, t, 500))),
    // sent the moment the risk was confirmed: what happened comes next, the note later
    ...(details.length === 0 ? ['', `<i>${escapeHtml(t('alert-detail-follows'))}</i>`] : []),
  ];
  return lines.join('\n');
}
