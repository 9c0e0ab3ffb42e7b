// The case report and the termination sheet as PDF (pdfkit, pure JS), written as a stream to a file.
// A5 pages with a 10-point font: on a phone Telegram's viewer shows a whole page width legibly, and
// it still prints well (a termination sheet under its organisation's letterhead is on its paper). Long answers flow on to the next page; tables repeat their header there.
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import PDFDocument from 'pdfkit';
import type { CaseReport } from './report-model.ts';
import type { TerminationSheet } from './termination-model.ts';
import { FONT_BOLD, FONT_ITALIC, FONT_REGULAR } from './fonts.ts';
import { fitInside, type EmbeddedImage } from './images.ts';
import { pdfText } from './pdf-text.ts';
import { drawLetterhead } from './letterhead-pdf.ts';

export type Doc = PDFKit.PDFDocument;

export const MARGIN = { top: 40, bottom: 48, left: 36, right: 36 };
export const BODY = 9.5;
export const INK = '#222222';
export const MUTED = '#666666';
export const ACCENT = '#1F3864';
export const SHADE = '#F0F2F5';
export const RULE = '#C8CCD2';

/** F4 (folio, 215 × 330 mm), the paper many Indonesian offices file on, in points. */
const F4: [number, number] = [609.45, 935.43];

/** A5 reads on a phone; A4 and F4 (2 cm margins) are what an institution files (landscape: a wide table). */
export function newDoc(title: string, paper: 'A5' | 'A4' | 'F4' = 'A5', layout: 'portrait' | 'landscape' = 'portrait'): Doc {
  const margins = paper === 'A5' ? MARGIN : { top: 57, bottom: 57, left: 57, right: 57 };
  const doc = new PDFDocument({ size: paper === 'F4' ? F4 : paper, layout, margins, bufferPages: true, info: { Title: pdfText(title), Creator: 'Pendamping' }, autoFirstPage: true });
  doc.registerFont('body', FONT_REGULAR);
  doc.registerFont('bold', FONT_BOLD);
  doc.registerFont('italic', FONT_ITALIC);
  doc.font('body').fontSize(BODY).fillColor(INK);
  return doc;
}

export const width = (doc: Doc) => doc.page.width - doc.page.margins.left - doc.page.margins.right;
export const bottom = (doc: Doc) => doc.page.height - doc.page.margins.bottom;

/** Starts a new page unless `needed` points fit below the cursor. */
export function room(doc: Doc, needed: number): void {
  if (doc.y + needed > bottom(doc)) doc.addPage();
}

export function write(doc: Doc, s: string, opts: { font?: 'body' | 'bold' | 'italic'; size?: number; color?: string; gap?: number; align?: 'left' | 'center' } = {}): void {
  doc.font(opts.font ?? 'body').fontSize(opts.size ?? BODY).fillColor(opts.color ?? INK);
  doc.text(pdfText(s), doc.page.margins.left, doc.y, { width: width(doc), align: opts.align ?? 'left', lineGap: 1.5 });
  doc.y += opts.gap ?? 3;
}

export function heading(doc: Doc, s: string, level: 1 | 2): void {
  const size = level === 1 ? 13 : 11;
  // keep a heading with at least a few lines of what follows it
  room(doc, size * 2 + BODY * 4);
  doc.y += level === 1 ? 8 : 5;
  write(doc, s, { font: 'bold', size, color: ACCENT, gap: level === 1 ? 2 : 3 });
  if (level === 1) {
    doc.moveTo(doc.page.margins.left, doc.y).lineTo(doc.page.margins.left + width(doc), doc.y).lineWidth(0.8).strokeColor(ACCENT).stroke();
    doc.y += 5;
  }
}

interface Column {
  width: number;
  bold?: boolean;
  shade?: boolean;
}

/**
 * A row taller than a whole page (a long narrative in a narrow column) cannot be drawn as one: it is
 * written full width instead, each cell under its column's name, flowing on to the next page. Nothing
 * is cut from a document.
 */
function rowAsText(doc: Doc, row: string[], header: string[] | undefined, size: number): void {
  doc.x = doc.page.margins.left;
  row.forEach((v, i) => {
    const label = header?.[i];
    if (label) doc.font('bold').fontSize(size).fillColor(INK).text(pdfText(`${label}: `), doc.page.margins.left, doc.y, { width: width(doc), continued: true, lineGap: 1 });
    doc.font('body').fontSize(size).fillColor(INK).text(pdfText(v), label ? undefined : doc.page.margins.left, label ? undefined : doc.y, { width: width(doc), lineGap: 1 });
  });
  doc.moveTo(doc.page.margins.left, doc.y + 2).lineTo(doc.page.margins.left + width(doc), doc.y + 2).lineWidth(0.5).strokeColor(RULE).stroke();
  doc.y += 6;
}

/** A table whose rows grow to their longest cell; a row never splits, the header repeats on a new page. */
export function table(doc: Doc, cols: Column[], rows: string[][], opts: { header?: string[]; size?: number } = {}): void {
  const size = opts.size ?? 8;
  const pad = 3;
  const total = width(doc);
  const widths = cols.map((c) => (c.width / 100) * total);
  const heightOf = (row: string[], bold: boolean[]) =>
    Math.max(...row.map((v, i) => doc.font(bold[i] ? 'bold' : 'body').fontSize(size).heightOfString(pdfText(v), { width: widths[i]! - 2 * pad, lineGap: 1 }))) + 2 * pad;
  const drawRow = (row: string[], bold: boolean[], shade: boolean[]) => {
    const h = heightOf(row, bold);
    if (h > bottom(doc) - doc.page.margins.top - 40) {
      rowAsText(doc, row, opts.header, size);
      return;
    }
    if (doc.y + h > bottom(doc)) {
      doc.addPage();
      if (opts.header && row !== opts.header) drawRow(opts.header, opts.header.map(() => true), opts.header.map(() => true));
    }
    const y = doc.y;
    let x = doc.page.margins.left;
    row.forEach((v, i) => {
      if (shade[i]) doc.rect(x, y, widths[i]!, h).fill(SHADE);
      doc.rect(x, y, widths[i]!, h).lineWidth(0.5).strokeColor(RULE).stroke();
      doc.font(bold[i] ? 'bold' : 'body').fontSize(size).fillColor(INK).text(pdfText(v), x + pad, y + pad, { width: widths[i]! - 2 * pad, lineGap: 1 });
      x += widths[i]!;
    });
    doc.y = y + h;
  };
  if (opts.header) drawRow(opts.header, opts.header.map(() => true), opts.header.map(() => true));
  for (const row of rows) drawRow(row, cols.map((c) => c.bold ?? false), cols.map((c) => c.shade ?? false));
  doc.x = doc.page.margins.left;
  doc.y += 6;
}

export function picture(doc: Doc, img: EmbeddedImage, maxW: number, maxH: number): void {
  const size = fitInside(img.width, img.height, Math.min(maxW, width(doc)), maxH);
  room(doc, size.height + 6);
  doc.image(img.data, doc.page.margins.left, doc.y, { width: size.width, height: size.height });
  doc.y += size.height + 6;
}

/** "Halaman 3 dari 12" and the report's name, on every page (pages are buffered until the end). */
export function footers(doc: Doc, text: string, pageWord: string, ofWord: string): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const keep = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing below the margin must not start a new page
    doc.font('body').fontSize(7).fillColor(MUTED);
    doc.text(pdfText(`${text} · ${pageWord} ${i + 1} ${ofWord} ${range.count}`), doc.page.margins.left, doc.page.height - 30, { width: width(doc), align: 'center', lineBreak: false });
    doc.page.margins.bottom = keep;
  }
}

export async function save(doc: Doc, file: string): Promise<void> {
  const out = createWriteStream(file);
  doc.pipe(out);
  doc.end();
  await finished(out);
}

/** The supervision record (report-model.ts): A5, read on a phone by the worker and the supervisor. */
export async function renderReportPdf(r: CaseReport, images: Map<string, EmbeddedImage>, file: string): Promise<void> {
  const doc = newDoc(r.title);
  doc.y = MARGIN.top + 20;
  write(doc, r.title, { font: 'bold', size: 18, color: ACCENT, gap: 4 });
  write(doc, r.subtitle, { size: 11, color: MUTED, gap: 14 });
  table(doc, [{ width: 34, bold: true, shade: true }, { width: 66 }], r.cover.map((c) => [c.label, c.value]), { size: 8.5 });
  write(doc, r.generated, { font: 'italic', size: 7.5, color: MUTED });

  doc.addPage();
  heading(doc, r.summaryHeading, 1);
  if (r.summaryRows.length === 0) write(doc, r.emptyNotes);
  // widths from the widest word each column can hold at 7.5 pt, so none breaks mid-word: the bold
  // "Terlaksana" (46 pt), "Wednesday," (46), "Somewhere" (44), "menunggu" (40), and a stage title's
  // longest word, "Mengonseptualisasikan" (88); checked in test/export/summary-table.test.ts
  else table(doc, [{ width: 7 }, { width: 17 }, { width: 16 }, { width: 29 }, { width: 16 }, { width: 15 }], r.summaryRows, { header: r.summaryHead, size: 7.5 });

  for (const s of r.stages) {
    heading(doc, s.heading, 1);
    for (const n of s.notes) {
      heading(doc, n.heading, 2);
      write(doc, n.meta.join(' · '), { font: 'italic', size: 8, color: MUTED, gap: 5 });
      if (n.answers.length === 0) write(doc, r.noneInNote, { font: 'italic', size: 8, color: MUTED, gap: 5 });
      for (const a of n.answers) {
        room(doc, BODY * 3.2);
        write(doc, a.question, { font: 'bold', gap: 1 });
        write(doc, a.text, { gap: 5 });
        const img = a.media?.kind === 'photo' ? images.get(a.media.fileId) : undefined;
        if (img) picture(doc, img, 220, 220);
      }
      const facts = [
        [r.factLabels.review, n.review],
        ...(n.thread.length ? [[r.factLabels.thread, n.thread.join('\n')]] : []),
        ...(n.revisions.length ? [[r.factLabels.revisions, n.revisions.join('\n\n')]] : []),
      ];
      table(doc, [{ width: 26, bold: true, shade: true }, { width: 74 }], facts, { size: 8 });
    }
  }
  footers(doc, r.footer, r.pageWord, r.ofWord);
  await save(doc, file);
}

/** The termination sheet: A5, or the organisation's paper under its letterhead (termination-model.ts). */
export async function renderTerminationPdf(s: TerminationSheet, file: string): Promise<void> {
  const doc = newDoc(s.title, s.paper ?? 'A5');
  const left = doc.page.margins.left;
  if (s.letterhead) drawLetterhead(doc, s.letterhead);
  else if (s.org) write(doc, s.org, { font: 'bold', size: 10, align: 'center', gap: 2 });
  write(doc, s.title, { font: 'bold', size: 15, color: ACCENT, align: 'center', gap: 10 });
  table(doc, [{ width: 34, bold: true, shade: true }, { width: 66 }], s.facts.map((f) => [f.label, f.value]), { size: 8 });
  heading(doc, s.evaluationHeading, 2);
  if (s.evaluation.length === 0) write(doc, s.noEvaluation, { font: 'italic' });
  for (const e of s.evaluation) {
    write(doc, e.question, { font: 'bold', size: 8.5, gap: 0 });
    write(doc, e.answer, { size: 8.5, gap: 3 });
  }
  // the signature block stays whole, at the foot of the text
  room(doc, 110);
  doc.y += 12;
  write(doc, s.place, { size: 8.5, gap: 8 });
  const half = width(doc) / 2;
  const y = doc.y;
  const block = (x: number, role: string, name: string) => {
    doc.font('body').fontSize(8.5).fillColor(INK).text(pdfText(role), x, y, { width: half - 10, align: 'center' });
    doc.moveTo(x + 20, y + 62).lineTo(x + half - 30, y + 62).lineWidth(0.5).strokeColor(INK).stroke();
    doc.font('bold').fontSize(8.5).text(pdfText(name), x, y + 66, { width: half - 10, align: 'center' });
  };
  block(left, s.workerRole, s.workerName);
  block(left + half, s.supervisorRole, s.supervisorName);
  doc.y = y + 90;
  // a rehabilitation's sheet is signed by the client and the family too
  if (s.alsoSign.length > 0) {
    room(doc, 100);
    const y2 = doc.y + 6;
    s.alsoSign.forEach((role, i) => {
      const x = left + i * half;
      doc.font('body').fontSize(8.5).fillColor(INK).text(pdfText(role), x, y2, { width: half - 10, align: 'center' });
      doc.moveTo(x + 20, y2 + 62).lineTo(x + half - 30, y2 + 62).lineWidth(0.5).strokeColor(INK).stroke();
    });
    doc.y = y2 + 80;
  }
  footers(doc, s.footer, s.pageWord, s.ofWord);
  await save(doc, file);
}
