// The progress chart as data: every `scale` answer across a case's notes, one series per scale
// question, one point per note, with where a new stage begins. Pure.
import type { Flow, Question } from '../engine/types.ts';
import { pick, type Lang } from '../cases/labels.ts';
import type { NoteRecord } from '../store/records.ts';
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

/** Whether a case's chart can exist, as known without reading its notes (a button's offer, a press):
 *  it has notes, and its model asks a scale question (a model with none — Bapas today — has no chart). */
export function mayChart(flow: Flow | undefined, noteCount: number): boolean {
  return noteCount > 0 && (flow?.stages.some((s) => s.questions.some((q) => q.type === 'scale')) ?? false);
}

/** `notes` in date order. Undefined when no note has a scale answer. */
export function buildProgressChart(notes: NoteRecord[], flow: Flow | undefined, lang: Lang, zone: string, t: Translate): ChartModel | undefined {
  const series = new Map<string, ChartSeries>();
  let yMin = Infinity;
  let yMax = -Infinity;
  notes.forEach((n, x) => {
    for (const item of n.items) {
      if (item.type !== 'scale' || typeof item.value !== 'number') continue;
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
