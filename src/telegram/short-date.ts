// A day on a button: "6 Des" (English "6 Dec"), with the year's last two digits only when it is not
// this year's ("6 Des 25"). "6 Desember 2026" took half of a 24-character button; the short form
// leaves room for what the button is about (a note's stage and title).
import type { Lang } from '../cases/labels.ts';

// written out, not luxon's "LLL": ICU's short months differ between Node versions ("Sep"/"Sept")
const MONTHS: Record<Lang, readonly string[]> = {
  id: ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'],
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
};

/** An ISO day ("2026-12-06") as "6 Des", or "6 Des 25" when `today` (an ISO day) is in another year. */
export function shortDay(isoDay: string, today: string, lang: Lang): string {
  const [y, m, d] = isoDay.split('-').map(Number) as [number, number, number];
  const name = MONTHS[lang][m - 1];
  if (!name || !d) return isoDay;
  return isoDay.slice(0, 4) === today.slice(0, 4) ? `${d} ${name}` : `${d} ${name} ${String(y % 100).padStart(2, '0')}`;
}
