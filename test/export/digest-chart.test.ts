// The weekly digest's bar chart (src/export/chart-svg.ts): this week's count is written over this
// week's bar, not beside it over the older weeks' bars.
import { describe, expect, it } from 'vitest';
import { barChartSvg } from '../../src/export/chart-svg.ts';

describe('the digest chart', () => {
  it("writes each worker's count of this week over that week's bar", () => {
    const svg = barChartSvg({
      title: 'Catatan per minggu',
      keys: ['minggu ini', '1 minggu lalu', '2 minggu lalu', '3 minggu lalu', '4 minggu lalu'],
      groups: [{ label: 'Budi', values: [3, 1, 4, 2, 0] }, { label: 'Sari', values: [7, 5, 0, 1, 2] }],
    });
    const bars = [...svg.matchAll(/<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="[\d.]+" fill="#[0-9a-f]+"\/>/g)]
      .map((m) => ({ x: Number(m[1]), y: Number(m[2]), width: Number(m[3]) })); // the bars, group by group, then the legend's squares
    const labels = [...svg.matchAll(/<text x="([\d.]+)" y="([\d.]+)" [^>]*font-weight="bold" fill="#1b6ca8">(\d+)<\/text>/g)]
      .map((m) => ({ x: Number(m[1]), y: Number(m[2]), value: Number(m[3]) }));
    expect(labels.map((l) => l.value)).toEqual([3, 7]);
    for (const [g, label] of labels.entries()) {
      const bar = bars[g * 5]!; // the group's first bar: this week
      expect(label.x).toBeCloseTo(bar.x + bar.width / 2, 1);
      expect(label.y).toBeLessThan(bar.y);
      // and not over the bar beside it
      expect(label.x).toBeLessThan(bars[g * 5 + 1]!.x);
    }
  });
});
