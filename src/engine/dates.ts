// Dates as workers type them, in Indonesian first: "hari ini", "kemarin", "12/3/2024", "12 Maret 2024",
// "Senin". Pure calendar arithmetic on ISO dates; "today" is always given by the caller.

const MONTHS: Record<string, number> = {
  januari: 1, jan: 1, january: 1,
  februari: 2, pebruari: 2, feb: 2, peb: 2, february: 2,
  maret: 3, mar: 3, march: 3,
  april: 4, apr: 4,
  mei: 5, may: 5,
  juni: 6, jun: 6, june: 6,
  juli: 7, jul: 7, july: 7,
  agustus: 8, agu: 8, agt: 8, ags: 8, agus: 8, august: 8, aug: 8,
  september: 9, sep: 9, sept: 9,
  oktober: 10, okt: 10, october: 10, oct: 10,
  november: 11, nov: 11, nop: 11,
  desember: 12, des: 12, december: 12, dec: 12,
};

/** ISO weekday (1 = Monday … 7 = Sunday) */
const WEEKDAYS: Record<string, number> = {
  senin: 1, monday: 1,
  selasa: 2, tuesday: 2,
  rabu: 3, wednesday: 3,
  kamis: 4, thursday: 4,
  jumat: 5, "jum'at": 5, friday: 5,
  sabtu: 6, saturday: 6,
  minggu: 7, ahad: 7, sunday: 7,
};

const RELATIVE: Record<string, number> = {
  'hari ini': 0, sekarang: 0, tadi: 0, today: 0,
  kemarin: -1, kemaren: -1, yesterday: -1,
  'kemarin lusa': -2,
  besok: 1, tomorrow: 1,
  lusa: 2,
};

/** Parts of the day a worker adds ("kemarin sore", "tadi pagi", "Senin malam"): a note keeps the date only. */
const TIME_OF_DAY = /(?:^| )(?:pagi|siang|sore|malam|morning|afternoon|evening|night)(?: (?:ini|tadi|hari))?$/;

function withoutTimeOfDay(text: string): string {
  // "tadi pagi", "pagi ini", "pagi tadi", "sore tadi", "this morning": today
  if (/^(?:tadi (?:pagi|siang|sore)|(?:pagi|siang|sore|malam) ini|(?:pagi|siang|sore) tadi|this (?:morning|afternoon|evening))$/.test(text)) return 'hari ini';
  // "semalam" / "tadi malam" / "last night": the evening before, written up the next day
  if (/^(?:semalam|tadi malam|malam tadi|last night)$/.test(text)) return 'kemarin';
  const bare = text.replace(TIME_OF_DAY, '').trim();
  return bare && bare !== text ? bare : text;
}

export function isoFromParts(y: number, m: number, d: number): string | undefined {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return date.toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The same day a number of months on; the month's last day where it has no such day (31 Jan → 28 Feb). */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 + months, Math.min(d, last))).toISOString().slice(0, 10);
}

function weekday(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay() || 7;
}

function fullYear(y: number): number {
  return y < 100 ? 2000 + y : y;
}

export type Direction = 'past' | 'future' | 'any';

/** "28/12" typed on 2 January means last December for a past date; "3/1" on 30 December, next January. */
function withoutYear(d: number, m: number, today: string, direction: Direction): string | undefined {
  const year = Number(today.slice(0, 4));
  const same = isoFromParts(year, m, d);
  if (!same) return isoFromParts(year - 1, m, d) ?? isoFromParts(year + 1, m, d); // 29 Feb
  if (direction === 'past' && same > today) return isoFromParts(year - 1, m, d);
  if (direction === 'future' && same < today) return isoFromParts(year + 1, m, d);
  return same;
}

/**
 * Parses a typed date relative to `today` (ISO). Weekday names mean the nearest such day in the
 * allowed direction (the last Monday for a past date, the next Monday for a future one).
 * Returns an ISO date, or undefined when the text is not a date.
 */
export function parseDate(input: string, today: string, direction: Direction = 'any'): string | undefined {
  const text = withoutTimeOfDay(input.trim().toLowerCase().replace(/\s+/g, ' ').replace(/[.,]$/, ''));
  if (text in RELATIVE) return addDays(today, RELATIVE[text]!);

  const ago = /^(\d{1,3}) hari (?:yang )?lalu$/.exec(text);
  if (ago) return addDays(today, -Number(ago[1]));
  const later = /^(\d{1,3}) hari lagi$/.exec(text);
  if (later) return addDays(today, Number(later[1]));

  // "minggu depan" / "minggu lalu" mean next / last week, not Sunday.
  if (text === 'minggu depan') return addDays(today, 7);
  if (text === 'minggu lalu') return addDays(today, -7);

  const day = text.replace(/^hari /, '').replace(/ (lalu|kemarin|depan|ini)$/, '');
  if (day in WEEKDAYS) {
    const diff = WEEKDAYS[day]! - weekday(today);
    const past = / (lalu|kemarin)$/.test(text);
    const next = / depan$/.test(text);
    // "Senin lalu" / "Senin depan" never mean today; a bare "Senin" may.
    if (next) return addDays(today, diff > 0 ? diff : diff + 7);
    if (past) return addDays(today, diff < 0 ? diff : diff - 7);
    if (direction === 'future') return addDays(today, diff >= 0 ? diff : diff + 7);
    return addDays(today, diff <= 0 ? diff : diff - 7);
  }

  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (iso) return isoFromParts(Number(iso[1]), Number(iso[2]), Number(iso[3]));

  const numeric = /^(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2}|\d{4}))?$/.exec(text);
  if (numeric) {
    const [d, m] = [Number(numeric[1]), Number(numeric[2])];
    return numeric[3] ? isoFromParts(fullYear(Number(numeric[3])), m, d) : withoutYear(d, m, today, direction);
  }

  const named = /^(?:(?:senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu),? )?(\d{1,2}) ([a-z]+)\.?(?: (\d{2}|\d{4}))?$/.exec(text);
  if (named && named[2]! in MONTHS) {
    const [d, m] = [Number(named[1]), MONTHS[named[2]!]!];
    return named[3] ? isoFromParts(fullYear(Number(named[3])), m, d) : withoutYear(d, m, today, direction);
  }
  return undefined;
}

const MONTH_NAMES = {
  id: ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

/** "12 Maret 2024" / "12 March 2024" */
export function formatDate(iso: string, lang: 'id' | 'en' = 'id'): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `${d} ${MONTH_NAMES[lang][m - 1]} ${y}`;
}

/** Whole days from `from` to `to` (both ISO dates). */
export function daysBetween(from: string, to: string): number {
  const ms = (iso: string) => {
    const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
    return Date.UTC(y, m - 1, d);
  };
  return Math.round((ms(to) - ms(from)) / 86_400_000);
}
