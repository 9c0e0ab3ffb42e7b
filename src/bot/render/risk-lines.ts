// A case's risk alerts as its history shows them: newest first, each with where its follow-up stands
// (⏳ nobody took it, 🙋 who took it, ✅ who followed it up and how). Plain text: the caller escapes
// for HTML where it needs to.
import { pick, type Lang } from '../../cases/labels.ts';
import { formatDate } from '../../engine/dates.ts';
import type { RiskRecord } from '../../store/risk-records.ts';
import { cut, type Translate } from '../../telegram/format.ts';

/** A history screen stays within a phone's ten lines: the newest alerts, then how many more. */
const SHOWN = 3;
/** A follow-up note is cut to a line or two here; the alert's recipients had it whole. */
const NOTE_CHARS = 120;

export function riskHistoryLines(risks: readonly RiskRecord[], t: Translate, l: Lang, day: (iso: string) => string): string[] {
  if (risks.length === 0) return [];
  const newest = [...risks].sort((a, b) => b.alert.raisedAt.localeCompare(a.alert.raisedAt));
  const lines = [`🚨 ${t('history-risks', { count: risks.length })}`];
  for (const r of newest.slice(0, SHOWN)) {
    const state = r.done
      ? t('history-risk-done', { name: r.done.byName, note: cut(r.done.note ?? '', NOTE_CHARS) })
      : r.taken
        ? t('history-risk-taken', { name: r.taken.byName })
        : t('history-risk-open');
    const flags = r.alert.flags.map((f) => pick(f, l)).join(', ');
    lines.push(`• ${formatDate(day(r.alert.raisedAt), l)}: ${flags} — ${state}`);
  }
  if (newest.length > SHOWN) lines.push(t('history-risks-more', { count: newest.length - SHOWN }));
  return lines;
}
