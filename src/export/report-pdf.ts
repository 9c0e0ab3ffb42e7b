// The case report and the termination sheet as PDF (pdfkit, pure JS), written as a stream to a file.
// A5 pages with a 10-point font: on a phone Telegram's viewer shows a whole page width legibly, and
// it still prints well. Long answers flow on to the next page; tables repeat their header there.
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import PDFDocument from 'pdfkit';
import type { CaseReport } from './report-model.ts';
import type { TerminationSheet } from './termination-model.ts';
import { FONT_BOLD, FONT_ITALIC, FONT_REGULAR } from './fonts.ts';
import { fitInside, type EmbeddedImage } from './images.ts';
import { pdfText } from './pdf-text.ts';

type Doc = PDFKit.PDFDocument;

const MARGIN = { top: 40, bottom: 48, left: 36, right: 36 };
const BODY = 9.5;
const INK = '#222222';
const MUTED = '#666666';
const ACCENT = '#1F3864';
const SHADE = '#F0F2F5';
const RULE = '#C8CCD2';

function newDoc(title: string): Doc {
  const doc = new PDFDocument({ size: 'A5', margins: MARGIN, bufferPages: true, info: { Title: pdfText(title), Creator: 'Pendamping' }, autoFirstPage: true });
  doc.registerFont('body', FONT_REGULAR);
  doc.registerFont('bold', FONT_BOLD);
  doc.registerFont('italic', FONT_ITALIC);
  doc.font('body').fontSize(BODY).fillColor(INK);
  return doc;
}

const width = (doc: Doc) => doc.page.width - MARGIN.left - MARGIN.right;
const bottom = (doc: Doc) => doc.page.height - MARGIN.bottom;

/** Starts a new page unless `needed` points fit below the cursor. */
function room(doc: Doc, needed: number): void {
  if (doc.y + needed > bottom(doc)) doc.addPage();
}

function write(doc: Doc, s: string, opts: { font?: 'body' | 'bold' | 'italic'; size?: number; color?: string; gap?: number; align?: 'left' | 'center' } = {}): void {
  doc.font(opts.font ?? 'body').fontSize(opts.size ?? BODY).fillColor(opts.color ?? INK);
  doc.text(pdfText(s), MARGIN.left, doc.y, { width: width(doc), align: opts.align ?? 'left', lineGap: 1.5 });
  doc.y += opts.gap ?? 3;
}

function heading(doc: Doc, s: string, level: 1 | 2): void {
  const size = level === 1 ? 13 : 11;
  // keep a heading with at least a few lines of what follows it
  room(doc, size * 2 + BODY * 4);
  doc.y += level === 1 ? 8 : 5;
  write(doc, s, { font: 'bold', size, color: ACCENT, gap: level === 1 ? 2 : 3 });
  if (level === 1) {
    doc.moveTo(MARGIN.left, doc.y).lineTo(MARGIN.left + width(doc), doc.y).lineWidth(0.8).strokeColor(ACCENT).stroke();
    doc.y += 5;
  }
}

interface Column {
  width: number;
  bold?: boolean;
  shade?: boolean;
}

/** A table whose rows grow to their longest cell; a row never splits, the header repeats on a new page. */
function table(doc: Doc, cols: Column[], rows: string[][], opts: { header?: string[]; size?: number } = {}): void {
  const size = opts.size ?? 8;
  const pad = 3;
  const total = width(doc);
  const widths = cols.map((c) => (c.width / 100) * total);
  const heightOf = (row: string[], bold: boolean[]) =>
    Math.max(...row.map((v, i) => doc.font(bold[i] ? 'bold' : 'body').fontSize(size).heightOfString(pdfText(v), { width: widths[i]! - 2 * pad, lineGap: 1 }))) + 2 * pad;
  const drawRow = (row: string[], bold: boolean[], shade: boolean[]) => {
    const h = heightOf(row, bold);
    if (doc.y + h > bottom(doc)) {
      doc.addPage();
      if (opts.header && row !== opts.header) drawRow(opts.header, opts.header.map(() => true), opts.header.map(() => true));
    }
    const y = doc.y;
    let x = MARGIN.left;
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
  doc.x = MARGIN.left;
  doc.y += 6;
}

function picture(doc: Doc, img: EmbeddedImage, maxW: number, maxH: number): void {
  const size = fitInside(img.width, img.height, Math.min(maxW, width(doc)), maxH);
  room(doc, size.height + 6);
  doc.image(img.data, MARGIN.left, doc.y, { width: size.width, height: size.height });
  doc.y += size.height + 6;
}

/** "Halaman 3 dari 12" and the report's name, on every page (pages are buffered until the end). */
function footers(doc: Doc, text: string, pageWord: string, ofWord: string): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const keep = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing below the margin must not start a new page
    doc.font('body').fontSize(7).fillColor(MUTED);
    doc.text(pdfText(`${text} · ${pageWord} ${i + 1} ${ofWord} ${range.count}`), MARGIN.left, doc.page.height - 30, { width: width(doc), align: 'center', lineBreak: false });
    doc.page.margins.bottom = keep;
  }
}

async function save(doc: Doc, file: string): Promise<void> {
  const out = createWriteStream(file);
  doc.pipe(out);
  doc.end();
  await finished(out);
}

export async function renderReportPdf(r: CaseReport, images: Map<string, EmbeddedImage>, chart: EmbeddedImage | undefined, file: string): Promise<void> {
  const doc = newDoc(r.title);
  doc.y = MARGIN.top + 20;
  write(doc, r.title, { font: 'bold', size: 18, color: ACCENT, gap: 4 });
  write(doc, r.subtitle, { size: 11, color: MUTED, gap: 14 });
  table(doc, [{ width: 34, bold: true, shade: true }, { width: 66 }], r.cover.map((c) => [c.label, c.value]), { size: 8.5 });
  write(doc, r.generated, { font: 'italic', size: 7.5, color: MUTED });

  doc.addPage();
  heading(doc, r.summaryHeading, 1);
  if (r.summaryRows.length === 0) write(doc, r.emptyNotes);
  else table(doc, [{ width: 6 }, { width: 24 }, { width: 18 }, { width: 23 }, { width: 14 }, { width: 15 }], r.summaryRows, { header: r.summaryHead, size: 7.5 });

  if (r.chart && chart) {
    heading(doc, r.chartHeading, 1);
    picture(doc, chart, width(doc), 300);
  }

  for (const s of r.stages) {
    heading(doc, s.heading, 1);
    for (const n of s.notes) {
      heading(doc, n.heading, 2);
      write(doc, n.meta.join(' · '), { font: 'italic', size: 8, color: MUTED, gap: 5 });
      for (const a of n.answers) {
        room(doc, BODY * 3.2);
        write(doc, a.question, { font: 'bold', gap: 1 });
        write(doc, a.text, { gap: 5 });
        const img = a.media?.kind === 'photo' ? images.get(a.media.fileId) : undefined;
        if (img) picture(doc, img, 220, 220);
      }
      const facts = [
        ...(n.roles ? [[r.factLabels.roles, n.roles]] : []),
        [r.factLabels.review, n.review],
        ...(n.thread.length ? [[r.factLabels.thread, n.thread.join('\n')]] : []),
        ...(n.revisions.length ? [[r.factLabels.revisions, n.revisions.join('\n\n')]] : []),
      ];
      table(doc, [{ width: 26, bold: true, shade: true }, { width: 74 }], facts, { size: 8 });
    }
  }

  if (r.voices.length) {
    heading(doc, r.voiceHeading, 1);
    for (const v of r.voices) write(doc, `• ${v}`, { gap: 2 });
  }
  footers(doc, r.footer, r.pageWord, r.ofWord);
  await save(doc, file);
}

export async function renderTerminationPdf(s: TerminationSheet, file: string): Promise<void> {
  const doc = newDoc(s.title);
  if (s.org) write(doc, s.org, { font: 'bold', size: 10, align: 'center', gap: 2 });
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
  block(MARGIN.left, s.workerRole, s.workerName);
  block(MARGIN.left + half, s.supervisorRole, s.supervisorName);
  doc.y = y + 90;
  footers(doc, s.footer, s.pageWord, s.ofWord);
  await save(doc, file);
}
