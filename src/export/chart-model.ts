// The progress chart as data: every `scale` answer across a case's notes, one series per scale
// question, one point per note, with where a new stage begins. Pure.
import type { Flow, Question } from '../engine/types.ts';
import { pick, type Lang } from '../cases/labels.ts';
import type { CaseRecord, NoteRecord } from '../store/records.ts';
import type { Translate } from '../telegram/format.ts';
import { cut } from '../telegram/format.ts';
import { dayIn, shortDate } from './dates.ts';

export interface ChartSeries {
  id: string;
  label: string;
  points: { x: number; y: number }[];
  /** what the ends mean ("1 = sangat rendah"), when the flow says */
  minLabel?: string;
  maxLabel?: string;
}

export interface ChartModel {
  title: string;
  /** one per note, in date order */
  xLabels: string[];
  /** a stage starts at note x */
  boundaries: { x: number; label: string }[];
  yMin: number;
  yMax: number;
  /** the end labels, when every series shares them */
  yMinLabel?: string;
  yMaxLabel?: string;
  series: ChartSeries[];
}

type ScaleQuestion = Extract<Question, { type: 'scale' }>;

function scaleQuestion(flow: Flow | undefined, id: string): ScaleQuestion | undefined {
  for (const s of flow?.stages ?? []) {
    const q = s.questions.find((x) => x.id === id);
    if (q && q.type === 'scale') return q;
  }
  return undefined;
}

/**
 * Whether a case's chart can exist, as known without reading its notes (a button's offer, a press):
 * a note of it has a scale answer (`rated`, kept by the saves). A case from before that was kept
 * (`rated` absent) has one when a stage of its model asks a scale of its own: the progress rating
 * every model asks came with version 6, so a Bapas case with only older notes has nothing to draw.
 */
export function mayChart(flow: Flow | undefined, c: Pick<CaseRecord, 'noteCount' | 'rated'>): boolean {
  if (c.noteCount === 0) return false;
  if (c.rated !== undefined) return c.rated;
  return flow?.stages.some((s) => s.questions.some((q) => q.type === 'scale' && q.id !== PROGRESS_RATING)) ?? false;
}

/** A saved note has something for the chart. */
export function hasRating(n: Pick<NoteRecord, 'items'>): boolean {
  return n.items.some((i) => i.type === 'scale' && typeof i.value === 'number');
}

/** The progress rating every held note of every model has (the shared footer's, from version 6). */
export const PROGRESS_RATING = 'kemajuan_tujuan';

/**
 * `notes` in date order. Undefined when no note has a scale answer. Where notes have the one
 * progress rating, the chart is that one line (the stages' own scales measure other things, and
 * five disconnected lines say less); notes from before it was asked show their scales as they were.
 */
export function buildProgressChart(notes: NoteRecord[], flow: Flow | undefined, lang: Lang, zone: string, t: Translate): ChartModel | undefined {
  const series = new Map<string, ChartSeries>();
  let yMin = Infinity;
  let yMax = -Infinity;
  const rated = notes.some((n) => n.items.some((i) => i.id === PROGRESS_RATING && typeof i.value === 'number'));
  notes.forEach((n, x) => {
    for (const item of n.items) {
      if (item.type !== 'scale' || typeof item.value !== 'number') continue;
      if (rated && item.id !== PROGRESS_RATING) continue;
      let s = series.get(item.id);
      if (!s) {
        const q = scaleQuestion(flow, item.id);
        s = { id: item.id, label: cut(pick(item.label, lang), 90), points: [] };
        if (q) {
          yMin = Math.min(yMin, q.min);
          yMax = Math.max(yMax, q.max);
          if (q.labels) {
            s.minLabel = `${q.min} = ${pick(q.labels.min, lang)}`;
            s.maxLabel = `${q.max} = ${pick(q.labels.max, lang)}`;
          }
        }
        series.set(item.id, s);
      }
      s.points.push({ x, y: item.value });
      yMin = Math.min(yMin, item.value);
      yMax = Math.max(yMax, item.value);
    }
  });
  if (series.size === 0) return undefined;
  const all = [...series.values()];
  const shared = all.every((s) => s.minLabel === all[0]!.minLabel && s.maxLabel === all[0]!.maxLabel) && all[0]!.minLabel !== undefined;
  const boundaries: ChartModel['boundaries'] = [];
  notes.forEach((n, x) => {
    if (x === 0 || n.stageIndex !== notes[x - 1]!.stageIndex) boundaries.push({ x, label: t('report-chart-stage', { index: n.stageIndex + 1 }) });
  });
  return {
    title: t('report-chart-title'),
    xLabels: notes.map((n) => shortDate(n.sessionDate ?? dayIn(n.createdAt, zone))),
    boundaries,
    yMin: Number.isFinite(yMin) ? Math.min(yMin, 1) : 1,
    yMax: Number.isFinite(yMax) ? Math.max(yMax, 5) : 5,
    ...(shared ? { yMinLabel: all[0]!.minLabel!, yMaxLabel: all[0]!.maxLabel! } : {}),
    series: all,
  };
}
