// Answers and other values as text, and the HTML helpers every message uses.
import { formatDate } from '../engine/dates.ts';
import type { AnswerValue, FileRef, LocalizedText, Question, QuestionType } from '../engine/types.ts';
import { pick, type Lang } from '../cases/labels.ts';

export type Translate = (key: string, vars?: Record<string, string | number>) => string;

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Cuts a text to `max` characters, ending with "…". */
export function cut(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, Math.max(0, max - 1)).trimEnd()}…`;
}

function isFile(v: AnswerValue): v is FileRef {
  return typeof v === 'object' && !Array.isArray(v) && v !== null && 'fileId' in v;
}

export interface AnswerShape {
  type: QuestionType;
  /** labels of choice options, when known */
  options?: { value: string; label: LocalizedText }[];
  unit?: LocalizedText;
  max?: number;
}

export function shapeOf(q: Question): AnswerShape {
  return {
    type: q.type,
    ...('options' in q ? { options: q.options } : {}),
    ...(q.type === 'number' && q.unit ? { unit: q.unit } : {}),
    ...(q.type === 'scale' ? { max: q.max } : {}),
  };
}

/** A stored answer as plain text (not escaped). */
export function formatAnswer(shape: AnswerShape, value: AnswerValue | null | undefined, lang: Lang, t: Translate, display?: LocalizedText[]): string {
  if (value === null || value === undefined) return t('answer-skipped');
  if (isFile(value)) return t(`file-${value.kind}`) + (value.caption ? ` — ${value.caption}` : '');
  if (display && display.length > 0) return display.map((d) => pick(d, lang)).join(', ');
  const label = (v: string) => {
    const o = shape.options?.find((x) => x.value === v);
    return o ? pick(o.label, lang) : v;
  };
  switch (shape.type) {
    case 'date':
      return formatDate(String(value), lang);
    case 'yesno':
      return value === true ? t('yes') : t('no');
    case 'choice':
      return label(String(value));
    case 'multi':
      return (value as string[]).map(label).join(', ');
    case 'scale':
      return shape.max !== undefined ? `${String(value)}/${shape.max}` : String(value);
    case 'number':
      return shape.unit ? `${String(value)} ${pick(shape.unit, lang)}` : String(value);
    default:
      return String(value);
  }
}

/** Splits a long HTML text at line breaks into messages under Telegram's 4096-character limit. */
export function splitMessage(html: string, limit = 4000): string[] {
  if (html.length <= limit) return [html];
  const parts: string[] = [];
  let current = '';
  for (const line of html.split('\n')) {
    const piece = line.length > limit ? cut(line, limit) : line;
    if (current && current.length + 1 + piece.length > limit) {
      parts.push(current);
      current = piece;
    } else {
      current = current ? `${current}\n${piece}` : piece;
    }
  }
  if (current) parts.push(current);
  return parts;
}

/** The longest button label a 5-inch phone shows whole. */
const BUTTON_MAX = 24;

/** Characters as a person counts them (code points, so an emoji counts once, not twice). */
export function charCount(s: string): number {
  return [...s].length;
}

/** A button label cut to fit, ending with "…". */
export function fitLabel(s: string, max = BUTTON_MAX): string {
  const chars = [...s];
  return chars.length <= max ? s : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}

/** Characters on one line of a 5-inch phone's chat. */
export const SCREEN_LINE = 38;
/** The most lines a prompt may take on a phone (one screen, the keyboard under it). */
export const SCREEN_LINES = 10;

/** Lines on a phone's screen: the HTML's text, each line wrapped at word boundaries to 38 characters. */
export function screenLines(html: string): number {
  const text = html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
  let count = 0;
  for (const line of text.split('\n')) {
    let width = 0;
    let lines = 1;
    for (const word of line.split(' ')) {
      const w = charCount(word);
      if (width === 0) width = w;
      else if (width + 1 + w <= SCREEN_LINE) width += 1 + w;
      else {
        lines++;
        width = w;
      }
      while (width > SCREEN_LINE) {
        lines++;
        width -= SCREEN_LINE;
      }
    }
    count += lines;
  }
  return count;
}
