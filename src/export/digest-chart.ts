// The weekly digest's picture: per worker, the notes written this week beside each of the four weeks
// before. Pure up to the PNG (the digest job sends it: see README "Laporan dan ekspor").
import type { DateTime } from 'luxon';
import type { NoteRecord } from '../store/records.ts';
import type { Translate } from '../telegram/format.ts';
import { barChartSvg, type BarChartModel } from './chart-svg.ts';
import { svgToPng } from './rasterise.ts';

export interface DigestChartWorker {
  name: string;
  notes: NoteRecord[];
}

/** `weekEnd` is the digest's (exclusive) end; week 0 is the 7 days before it. */
function digestChartModel(workers: DigestChartWorker[], weekEnd: DateTime, t: Translate): BarChartModel {
  const ends = [0, 1, 2, 3, 4].map((k) => weekEnd.minus({ weeks: k }).toMillis());
  const week = 7 * 86_400_000;
  return {
    title: t('digest-chart-title'),
    keys: [t('digest-chart-this-week'), ...[1, 2, 3, 4].map((k) => t('digest-chart-weeks-ago', { weeks: k }))],
    groups: workers.map((w) => ({
      label: w.name,
      values: ends.map((end) => w.notes.filter((n) => {
        const at = Date.parse(n.createdAt);
        return at >= end - week && at < end;
      }).length),
    })),
  };
}

export function digestChartPng(workers: DigestChartWorker[], weekEnd: DateTime, t: Translate): Buffer | undefined {
  return workers.length === 0 ? undefined : svgToPng(barChartSvg(digestChartModel(workers, weekEnd, t)));
}
