// Parses and checks one answer for one question. Errors are codes with parameters; the bot turns
// them into short Indonesian hints (locales/*.ftl, "invalid-<code>").
import { addDays, addMonths, daysBetween, parseDate } from './dates.ts';
import type { AnswerValue, Env, FileKind, FileRef, Question } from './types.ts';

export type ErrorCode =
  | 'empty'
  | 'no-words'
  | 'too-long'
  | 'expected-text'
  | 'expected-file'
  | 'expected-choice'
  | 'file-kind'
  | 'not-a-number'
  | 'not-integer'
  | 'below-min'
  | 'above-max'
  | 'not-on-scale'
  | 'not-yesno'
  | 'not-a-date'
  | 'date-in-future'
  | 'date-in-past'
  | 'date-out-of-range'
  | 'multi-too-few'
  | 'multi-too-many'
  | 'initials'
  | 'not-optional'
  | 'no-back'
  | 'at-review'
  | 'confirm-cancel'
  | 'unsupported';

export interface AnswerError {
  code: ErrorCode;
  params?: Record<string, string | number>;
}

/** What an answer can arrive as: typed text, a button value, or a file. */
export type RawAnswer =
  | { kind: 'text'; text: string }
  | { kind: 'choice'; value: string }
  | { kind: 'file'; file: FileRef };

export type Parsed = { ok: true; value: AnswerValue } | { ok: false; error: AnswerError };

const ok = (value: AnswerValue): Parsed => ({ ok: true, value });
const fail = (code: ErrorCode, params?: AnswerError['params']): Parsed => ({ ok: false, error: params ? { code, params } : { code } });

export const DEFAULT_MAX = { text: 300, longtext: 2000 } as const;
export const DEFAULT_FILE_KINDS: FileKind[] = ['photo', 'voice', 'document'];

const YES = new Set(['ya', 'iya', 'y', 'yes', 'yup', 'benar', 'betul', 'sudah', 'ok', 'oke']);
const NO = new Set(['tidak', 'tdk', 'tak', 'ga', 'gak', 'nggak', 'enggak', 'engga', 'no', 'n', 'belum', 'bukan']);

function normalize(s: string): string {
  return s.trim().toLowerCase().replace(/\s+/g, ' ');
}

function parseNumber(text: string): number | undefined {
  const t = text.trim();
  // "1.500" and "1.500.000" are thousands in Indonesian; "3,5" is a decimal
  const thousands = /^(\d{1,3}(?:\.\d{3})+)(?:\s*[a-z%]+)?$/i.exec(t);
  if (thousands) return Number(thousands[1]!.replace(/\./g, ''));
  const m = /^(-?\d+(?:[.,]\d+)?)(?:\s*[a-z%]+)?$/i.exec(t);
  return m ? Number(m[1]!.replace(',', '.')) : undefined;
}

/** "ya", "iya", "tidak", "nggak", "yes", "no"…; undefined for anything else. */
export function parseYesNo(text: string): boolean | undefined {
  const t = normalize(text);
  if (YES.has(t)) return true;
  if (NO.has(t)) return false;
  return undefined;
}

/** Matches a typed choice: its value, or (the start of) its label; its number only where the
 *  options are shown numbered (`numbered`): elsewhere the buttons carry no numbers to type. */
function matchOption(q: Extract<Question, { type: 'choice' | 'multi' }>, typed: string): string | undefined {
  const t = normalize(typed);
  if (!t) return undefined;
  const n = q.numbered && /^\d+$/.test(t) ? Number(t) : NaN;
  if (n >= 1 && n <= q.options.length) return q.options[n - 1]!.value;
  const labels = q.options.map((o) => ({ value: o.value, labels: [o.label.id, o.label.en ?? ''].map(normalize) }));
  const exact = labels.find((o) => o.value === t || o.labels.includes(t));
  if (exact) return exact.value;
  const prefix = labels.filter((o) => o.labels.some((l) => l && l.startsWith(t)));
  return prefix.length === 1 ? prefix[0]!.value : undefined;
}

function checkText(q: Question & { type: 'text' | 'longtext' }, text: string): Parsed {
  const value = text.trim();
  if (!value) return fail('empty');
  // "-" or "." typed to get past a required question says nothing (a risk's description, above all)
  if (!/[\p{L}\p{N}]/u.test(value)) return fail('no-words');
  const max = q.max ?? DEFAULT_MAX[q.type];
  if (value.length > max) return fail('too-long', { max, length: value.length });
  return ok(value);
}

function checkNumber(q: Extract<Question, { type: 'number' }>, n: number): Parsed {
  if (q.integer && !Number.isInteger(n)) return fail('not-integer');
  if (q.min !== undefined && n < q.min) return fail('below-min', { min: q.min });
  if (q.max !== undefined && n > q.max) return fail('above-max', { max: q.max });
  return ok(n);
}

/**
 * The buttons under a date question, by what it allows: a session is usually today or yesterday, the
 * next meeting a week, two weeks or a month on. A press sends the shortcut's index.
 */
export type DateShortcut = 'today' | 'yesterday' | 'week' | 'fortnight' | 'month';
export function dateShortcuts(q: Extract<Question, { type: 'date' }>): DateShortcut[] {
  if (q.shortcuts === false) return [];
  return q.allow === 'past' ? ['today', 'yesterday'] : q.allow === 'future' ? ['week', 'fortnight', 'month'] : ['today'];
}

function shortcutDate(shortcut: string, today: string): string | undefined {
  switch (shortcut) {
    case 'today': return today;
    case 'yesterday': return addDays(today, -1);
    case 'week': return addDays(today, 7);
    case 'fortnight': return addDays(today, 14);
    case 'month': return addMonths(today, 1);
    default: return undefined;
  }
}

function checkDate(q: Extract<Question, { type: 'date' }>, raw: RawAnswer, env: Env): Parsed {
  if (raw.kind === 'file') return fail('not-a-date');
  const iso =
    raw.kind === 'choice'
      ? (dateShortcuts(q) as string[]).includes(raw.value) ? shortcutDate(raw.value, env.today) : undefined
      : parseDate(raw.text, env.today, q.allow ?? 'any');
  if (!iso) return fail('not-a-date');
  if (q.allow === 'past' && iso > env.today) return fail('date-in-future');
  if (q.allow === 'future' && iso < env.today) return fail('date-in-past');
  // A typo such as 12/3/2042 or 1/1/1924 is far likelier than a real note about that day.
  if (Math.abs(daysBetween(env.today, iso)) > 366 * 5) return fail('date-out-of-range');
  return ok(iso);
}

function checkMulti(q: Extract<Question, { type: 'multi' }>, values: string[]): Parsed {
  const unique = [...new Set(values)];
  const min = q.min ?? 1;
  if (unique.length < min) return fail('multi-too-few', { min });
  if (q.max !== undefined && unique.length > q.max) return fail('multi-too-many', { max: q.max });
  // keep the flow's option order, whatever order they were picked in
  return ok(q.options.map((o) => o.value).filter((v) => unique.includes(v)));
}

export function parseAnswer(q: Question, raw: RawAnswer, env: Env): Parsed {
  if (q.type === 'file') {
    if (raw.kind !== 'file') return fail('expected-file');
    const accept = q.accept ?? DEFAULT_FILE_KINDS;
    if (!accept.includes(raw.file.kind)) return fail('file-kind', { accept: accept.join(', ') });
    return ok(raw.file);
  }
  if (raw.kind === 'file') return fail(q.type === 'choice' || q.type === 'yesno' || q.type === 'scale' ? 'expected-choice' : 'expected-text');

  switch (q.type) {
    case 'text':
    case 'longtext':
      return raw.kind === 'text' ? checkText(q, raw.text) : fail('expected-text');
    case 'initials': {
      if (raw.kind !== 'text') return fail('expected-text');
      const letters = raw.text.trim().replace(/[.\s]/g, '');
      if (!/^\p{L}{1,5}$/u.test(letters)) return fail('initials');
      return ok(letters);
    }
    case 'choice': {
      const value = raw.kind === 'choice' ? raw.value : matchOption(q, raw.text);
      if (!value || !q.options.some((o) => o.value === value)) return fail('expected-choice');
      return ok(value);
    }
    case 'multi': {
      // A whole label may itself contain "/" or "dan" ("Marah / kesal"): try it whole before splitting.
      const whole = raw.kind === 'text' ? matchOption(q, raw.text) : undefined;
      const typed =
        raw.kind === 'choice' ? [raw.value] : whole ? [whole] : raw.text.split(/\s*(?:,|;|\/|\bdan\b|\band\b)\s*/i).filter(Boolean);
      const values = typed.map((t) => (raw.kind === 'choice' || t === whole ? t : matchOption(q, t)));
      if (values.length === 0 || values.some((v) => !v || !q.options.some((o) => o.value === v))) return fail('expected-choice');
      return checkMulti(q, values as string[]);
    }
    case 'yesno': {
      const yes = raw.kind === 'choice' ? (raw.value === 'true' ? true : raw.value === 'false' ? false : undefined) : parseYesNo(raw.text);
      return yes === undefined ? fail('not-yesno') : ok(yes);
    }
    case 'scale': {
      const n = raw.kind === 'choice' ? Number(raw.value) : parseNumber(raw.text);
      if (n === undefined || !Number.isInteger(n) || n < q.min || n > q.max) return fail('not-on-scale', { min: q.min, max: q.max });
      return ok(n);
    }
    case 'number': {
      const n = raw.kind === 'choice' ? Number(raw.value) : parseNumber(raw.text);
      if (n === undefined || Number.isNaN(n)) return fail('not-a-number');
      return checkNumber(q, n);
    }
    case 'date':
      return checkDate(q, raw, env);
  }
}

/** Validates a finished multi selection built with buttons. */
export function finishMulti(q: Extract<Question, { type: 'multi' }>, selected: string[]): Parsed {
  return checkMulti(
    q,
    selected.filter((v) => q.options.some((o) => o.value === v)),
  );
}
