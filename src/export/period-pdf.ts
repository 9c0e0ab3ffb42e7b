// A period's document (period-doc.ts: a worker's monthly report, a supervisor's recap) as a PDF on
// A4 landscape (F4 when the organisation chose it): the width an eight-column table needs without
// breaking a word. The organisation's letterhead when it set one, RAHASIA,
// the identity rows, the tables and entries, the signature blocks. Written as a stream to a file.
import type { PeriodDocument, PeriodEntries, PeriodTable } from './period-doc.ts';
import { labelled, signatures } from './pdf-parts.ts';
import { drawLetterhead } from './letterhead-pdf.ts';
import { ACCENT, BODY, MUTED, footers, heading, newDoc, room, save, table, write, type Doc } from './report-pdf.ts';

const ALERT = '#A61B1B';
/** what table() leaves below a table: a totals row drawn as its own table joins the one above */
const TABLE_GAP = 6;

function tablePart(doc: Doc, p: PeriodTable): void {
  heading(doc, p.heading, 1);
  if (p.rows.length === 0) write(doc, p.empty, { font: 'italic', color: MUTED, gap: 6 });
  else {
    table(doc, p.widths.map((w) => ({ width: w })), p.rows, { header: p.head, size: 8 });
    if (p.total) {
      doc.y -= TABLE_GAP;
      table(doc, p.widths.map((w) => ({ width: w, bold: true, shade: true })), [p.total], { size: 8 });
    }
  }
  if (p.note) write(doc, p.note, { font: 'italic', size: 8, color: MUTED, gap: 6 });
}

function entriesPart(doc: Doc, p: PeriodEntries): void {
  heading(doc, p.heading, 1);
  for (const e of p.entries) {
    heading(doc, e.heading, 2);
    write(doc, e.line, { font: 'italic', size: 9, color: MUTED, gap: 4 });
    for (const item of e.items) {
      room(doc, BODY * 4);
      write(doc, item.heading, { font: 'bold', size: 9.5, color: ACCENT, gap: 1 });
      for (const l of item.lines) labelled(doc, l.label, l.text, 12);
      doc.y += 3;
    }
  }
}

export async function renderPeriodPdf(d: PeriodDocument, file: string): Promise<void> {
  const doc = newDoc(d.title, d.paper ?? 'A4', 'landscape');
  if (d.letterhead) drawLetterhead(doc, d.letterhead);
  write(doc, d.confidential, { font: 'bold', size: 10, color: ALERT, align: 'center', gap: 6 });
  if (d.org && !d.letterhead) write(doc, d.org, { font: 'bold', size: 11, align: 'center', gap: 2 });
  write(doc, d.title, { font: 'bold', size: 15, color: ACCENT, align: 'center', gap: 2 });
  write(doc, d.subtitle, { size: 10, color: MUTED, align: 'center', gap: 12 });
  table(doc, [{ width: 28, bold: true, shade: true }, { width: 72 }], d.identity.map((r) => [r.label, r.value]), { size: 9 });
  for (const p of d.parts) {
    if (p.kind === 'table') tablePart(doc, p);
    else entriesPart(doc, p);
  }
  signatures(doc, d.place, d.signatures);
  footers(doc, d.footer, d.pageWord, d.ofWord);
  await save(doc, file);
}
