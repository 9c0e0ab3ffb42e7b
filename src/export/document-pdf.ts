// A document made from a template (document-model.ts) as a PDF on the paper it is filed on (A4 or
// F4): the organisation's letterhead when it set one, RAHASIA, the blocks in the template's order,
// page numbers with the case code.
// Written as a stream to a file.
import type { EmbeddedImage } from './images.ts';
import type { Block, DocumentModel } from './document-model.ts';
import type { InstitutionNote } from './institution-report.ts';
import { labelled, signatures } from './pdf-parts.ts';
import { drawLetterhead } from './letterhead-pdf.ts';
import { ACCENT, BODY, MUTED, footers, heading, newDoc, picture, room, save, table, width, write, type Doc } from './report-pdf.ts';

const ALERT = '#A61B1B';

function notes(doc: Doc, list: InstitutionNote[], attachmentsHeading: string, images: Map<string, EmbeddedImage>): void {
  for (const n of list) {
    heading(doc, n.heading, 2);
    write(doc, n.line, { font: 'italic', size: 9, color: MUTED, gap: 4 });
    for (const s of n.sections) {
      room(doc, BODY * 4);
      write(doc, s.heading, { font: 'bold', size: 9.5, color: ACCENT, gap: 1 });
      for (const item of s.items) labelled(doc, item.label, item.text);
      doc.y += 3;
    }
    for (const c of n.comparisons) {
      room(doc, BODY * 6);
      write(doc, c.heading, { font: 'bold', size: 9.5, color: ACCENT, gap: 2 });
      table(doc, [{ width: 50 }, { width: 25 }, { width: 25 }], c.rows, { header: c.head, size: 8.5 });
    }
    if (n.attachments.length > 0) {
      write(doc, attachmentsHeading, { font: 'bold', size: 9.5, color: ACCENT, gap: 1 });
      for (const a of n.attachments) {
        labelled(doc, a.label, a.text);
        const img = a.photo ? images.get(a.photo) : undefined;
        if (img) picture(doc, img, 260, 260);
      }
    }
  }
}

function block(doc: Doc, b: Block, m: DocumentModel, images: Map<string, EmbeddedImage>, chart: EmbeddedImage | undefined): void {
  switch (b.kind) {
    case 'identity':
      table(doc, [{ width: 32, bold: true, shade: true }, { width: 68 }], b.rows.map((c) => [c.label, c.value]), { size: 9 });
      return;
    case 'table':
      if (b.heading) heading(doc, b.heading, 1);
      if (b.rows.length === 0) write(doc, '—');
      // a wide table gets a smaller type: no word of a header breaks ("Terlaksana", "Kemajuan (1–5)")
      else table(doc, b.widths.map((w) => ({ width: w })), b.rows, { header: b.head, size: b.widths.length > 6 ? 7.5 : 8.5 });
      return;
    case 'chart':
      if (!chart) return;
      heading(doc, b.heading, 1);
      picture(doc, chart, width(doc), 320);
      return;
    case 'notes':
      heading(doc, b.heading, 1);
      if (b.notes.length === 0) write(doc, b.empty);
      notes(doc, b.notes, m.attachmentsHeading, images);
      return;
    case 'text':
      if (b.heading) heading(doc, b.heading, 1);
      write(doc, b.text, { gap: 6 });
      return;
    case 'signatures':
      signatures(doc, b.place, b.signers);
      return;
  }
}

export async function renderDocumentPdf(m: DocumentModel, images: Map<string, EmbeddedImage>, chart: EmbeddedImage | undefined, file: string): Promise<void> {
  const doc = newDoc(m.title, m.paper);
  // the letterhead names the organisation: its plain line is left out under one
  if (m.letterhead) drawLetterhead(doc, m.letterhead);
  write(doc, m.confidential, { font: 'bold', size: 10, color: ALERT, align: 'center', gap: 6 });
  if (m.org && !m.letterhead) write(doc, m.org, { font: 'bold', size: 11, align: 'center', gap: 2 });
  write(doc, m.title, { font: 'bold', size: 15, color: ACCENT, align: 'center', gap: 2 });
  write(doc, m.subtitle, { size: 10, color: MUTED, align: 'center', gap: 12 });
  for (const b of m.blocks) block(doc, b, m, images, chart);
  footers(doc, m.footer, m.pageWord, m.ofWord);
  await save(doc, file);
}
