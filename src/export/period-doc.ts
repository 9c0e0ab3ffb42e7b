// The shape of a period's documents — a worker's monthly report and a supervisor's recap — as their
// renderers lay them out (period-pdf.ts, period-docx.ts): a header, the identity rows, tables and
// short entries in order, the signature blocks. Types only.
import type { Signature } from './institution-report.ts';
import type { Letterhead } from './letterhead.ts';
import type { Paper } from '../store/letterhead-records.ts';

export interface PeriodTable {
  kind: 'table';
  heading: string;
  head: string[];
  rows: string[][];
  /** column widths in percent of the text width */
  widths: number[];
  /** a last row in bold (totals) */
  total?: string[];
  /** said in place of an empty table */
  empty: string;
  /** a short explanation under the table (how a figure is counted) */
  note?: string;
}

/** One client's short section: a heading, a line of facts, then per contact a heading and a few lines. */
export interface PeriodEntry {
  heading: string;
  line: string;
  items: { heading: string; lines: { label: string; text: string }[] }[];
}

export interface PeriodEntries {
  kind: 'entries';
  heading: string;
  entries: PeriodEntry[];
}

export type PeriodPart = PeriodTable | PeriodEntries;

export interface PeriodDocument {
  confidential: string;
  org: string | undefined;
  title: string;
  subtitle: string;
  identity: { label: string; value: string }[];
  parts: PeriodPart[];
  place: string;
  signatures: Signature[];
  footer: string;
  pageWord: string;
  ofWord: string;
  /** the organisation's letterhead and chosen paper (landscape; A4 when none), set by the export */
  letterhead?: Letterhead;
  paper?: Paper;
}
