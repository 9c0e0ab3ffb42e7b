// Draws charts as SVG text, by hand: a few lines and labels need no chart library, and the same SVG
// rasterises identically everywhere (see rasterise.ts). Pure.
import type { ChartModel } from './chart-model.ts';

export const CHART_FONT = 'DejaVu Sans';
const PALETTE = ['#1b6ca8', '#d1495b', '#2e933c', '#e09f1f', '#6a4c93', '#00798c', '#8a5a44', '#444444'];

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function text(x: number, y: number, s: string, attrs = ''): string {
  return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" ${attrs}>${xmlEscape(s)}</text>`;
}

/** Cuts a legend line to what fits in `px` at ~0.55 em per character. */
function fit(s: string, px: number, size: number): string {
  const max = Math.floor(px / (size * 0.56));
  return s.length <= max ? s : `${s.slice(0, Math.max(1, max - 1)).trimEnd()}…`;
}

export function progressChartSvg(m: ChartModel): string {
  const W = 1000;
  const left = 90;
  const right = 50;
  const top = 80;
  const plotH = 340;
  const legendLine = 30;
  const legendTop = top + plotH + 60;
  const H = legendTop + m.series.length * legendLine + (m.yMinLabel ? legendLine : 0) + 20;
  const plotW = W - left - right;
  const n = m.xLabels.length;
  const step = n > 1 ? plotW / (n - 1) : 0;
  const xOf = (i: number) => (n > 1 ? left + i * step : left + plotW / 2);
  const yOf = (v: number) => top + plotH - ((v - m.yMin) / (m.yMax - m.yMin || 1)) * plotH;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="${CHART_FONT}">`);
  out.push(`<rect width="${W}" height="${H}" fill="#ffffff"/>`);
  out.push(text(left, 40, m.title, 'font-size="24" font-weight="bold" fill="#222"'));
  // the y axis: one line per scale point, labelled
  for (let v = m.yMin; v <= m.yMax; v++) {
    const y = yOf(v);
    out.push(`<line x1="${left - 20}" y1="${y.toFixed(1)}" x2="${W - right + 20}" y2="${y.toFixed(1)}" stroke="${v === m.yMin ? '#888' : '#e2e2e2'}" stroke-width="1"/>`);
    out.push(text(left - 34, y + 6, String(v), 'font-size="17" text-anchor="end" fill="#333"'));
  }
  // where each stage begins
  let lastLabelX = -Infinity;
  for (const b of m.boundaries) {
    const x = b.x === 0 ? left : xOf(b.x) - step / 2;
    if (b.x > 0) out.push(`<line x1="${x.toFixed(1)}" y1="${top - 10}" x2="${x.toFixed(1)}" y2="${top + plotH}" stroke="#999" stroke-width="1.5" stroke-dasharray="6 5"/>`);
    if (x - lastLabelX >= 70) {
      out.push(text(x + 5, top - 14, b.label, 'font-size="15" fill="#555"'));
      lastLabelX = x;
    }
  }
  // the x axis: the session dates (some of them, when there are many)
  const every = Math.max(1, Math.ceil(n / 14));
  for (let i = 0; i < n; i += every) {
    out.push(text(xOf(i), top + plotH + 26, m.xLabels[i]!, 'font-size="15" text-anchor="middle" fill="#333"'));
  }
  const r = n > 60 ? 3 : 5.5;
  m.series.forEach((s, i) => {
    const color = PALETTE[i % PALETTE.length]!;
    const pts = s.points.map((p) => `${xOf(p.x).toFixed(1)},${yOf(p.y).toFixed(1)}`);
    if (pts.length > 1) out.push(`<polyline points="${pts.join(' ')}" fill="none" stroke="${color}" stroke-width="3" stroke-linejoin="round"/>`);
    for (const p of s.points) out.push(`<circle cx="${xOf(p.x).toFixed(1)}" cy="${yOf(p.y).toFixed(1)}" r="${r}" fill="${color}"/>`);
    const y = legendTop + i * legendLine;
    out.push(`<rect x="${left}" y="${y - 14}" width="28" height="6" fill="${color}"/>`);
    const ends = !m.yMinLabel && s.minLabel ? ` (${s.minLabel}; ${s.maxLabel})` : '';
    out.push(text(left + 38, y - 5, fit(s.label + ends, plotW - 40, 17), 'font-size="17" fill="#222"'));
  });
  if (m.yMinLabel) {
    const y = legendTop + m.series.length * legendLine;
    out.push(text(left, y - 5, fit(`${m.yMinLabel} · ${m.yMaxLabel}`, plotW, 16), 'font-size="16" fill="#555" font-style="italic"'));
  }
  out.push('</svg>');
  return out.join('\n');
}

export interface BarChartModel {
  title: string;
  /** one group per worker */
  groups: { label: string; values: number[] }[];
  /** the name of each value in a group (this week, the four before) */
  keys: string[];
}

/** Grouped bars: notes per worker this week beside the four weeks before it (the weekly digest). */
export function barChartSvg(m: BarChartModel): string {
  const W = 1000;
  const left = 60;
  const right = 30;
  const top = 70;
  const plotH = 320;
  const H = top + plotH + 110;
  const plotW = W - left - right;
  const max = Math.max(1, ...m.groups.flatMap((g) => g.values));
  const niceMax = max <= 5 ? max : Math.ceil(max / 5) * 5;
  const yOf = (v: number) => top + plotH - (v / niceMax) * plotH;
  const groupW = plotW / Math.max(1, m.groups.length);
  const barW = Math.min(38, (groupW * 0.8) / m.keys.length);
  const colors = ['#1b6ca8', '#9ab8d6', '#b5c9dd', '#cdd9e6', '#e0e7ef'];
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="${CHART_FONT}">`);
  out.push(`<rect width="${W}" height="${H}" fill="#ffffff"/>`);
  out.push(text(left, 40, m.title, 'font-size="24" font-weight="bold" fill="#222"'));
  const ticks = niceMax <= 5 ? niceMax : 5;
  for (let k = 0; k <= ticks; k++) {
    const v = Math.round((niceMax / ticks) * k);
    const y = yOf(v);
    out.push(`<line x1="${left}" y1="${y.toFixed(1)}" x2="${W - right}" y2="${y.toFixed(1)}" stroke="${k === 0 ? '#888' : '#e2e2e2'}"/>`);
    out.push(text(left - 10, y + 6, String(v), 'font-size="16" text-anchor="end" fill="#333"'));
  }
  m.groups.forEach((g, gi) => {
    const x0 = left + gi * groupW + (groupW - barW * m.keys.length) / 2;
    g.values.forEach((v, vi) => {
      const y = yOf(v);
      out.push(`<rect x="${(x0 + vi * barW).toFixed(1)}" y="${y.toFixed(1)}" width="${(barW - 3).toFixed(1)}" height="${(top + plotH - y).toFixed(1)}" fill="${colors[vi % colors.length]}"/>`);
    });
    // this week's count, centred over its own bar (the group's first), not over the group
    out.push(text(x0 + (barW - 3) / 2, yOf(g.values[0] ?? 0) - 8, String(g.values[0] ?? 0), 'font-size="16" text-anchor="middle" font-weight="bold" fill="#1b6ca8"'));
    out.push(text(left + gi * groupW + groupW / 2, top + plotH + 26, fit(g.label, groupW - 6, 16), 'font-size="16" text-anchor="middle" fill="#222"'));
  });
  m.keys.forEach((k, i) => {
    const x = left + i * 180;
    out.push(`<rect x="${x}" y="${top + plotH + 52}" width="18" height="18" fill="${colors[i % colors.length]}"/>`);
    out.push(text(x + 24, top + plotH + 67, k, 'font-size="15" fill="#333"'));
  });
  out.push('</svg>');
  return out.join('\n');
}
