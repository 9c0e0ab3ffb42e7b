// A document made from a template (document-model.ts) as a PDF on the paper it is filed on (A4 or
// F4): RAHASIA at the top, the blocks in the template's order, page numbers with the case code.
// Written as a stream to a file.
import type { EmbeddedImage } from './images.ts';
import type { Block, DocumentModel } from './document-model.ts';
import type { InstitutionNote, Signature } from './institution-report.ts';
import { pdfText } from './pdf-text.ts';
import { ACCENT, BODY, INK, MUTED, footers, heading, newDoc, picture, room, save, table, width, write, type Doc } from './report-pdf.ts';

const ALERT = '#A61B1B';

/** "Label: text" in one paragraph, the label bold. */
function labelled(doc: Doc, label: string, text: string): void {
  room(doc, BODY * 2.4);
  const x = doc.page.margins.left;
  doc.font('bold').fontSize(BODY).fillColor(INK).text(pdfText(`${label}: `), x, doc.y, { width: width(doc), continued: true, lineGap: 1.5 });
  doc.font('body').text(pdfText(text), { lineGap: 1.5 });
  doc.y += 2;
}

/** Two signature blocks to a row; a row stays whole. */
function signatures(doc: Doc, place: string, signers: Signature[]): void {
  const half = width(doc) / 2;
  const left = doc.page.margins.left;
  room(doc, 130);
  doc.y += 14;
  doc.font('body').fontSize(BODY).fillColor(INK).text(pdfText(place), left + half, doc.y, { width: half - 10, align: 'center' });
  doc.y += 6;
  for (let i = 0; i < signers.length; i += 2) {
    room(doc, 110);
    const y = doc.y;
    const block = (x: number, s: Signature) => {
      doc.font('body').fontSize(BODY).fillColor(INK).text(pdfText(s.role), x, y, { width: half - 10, align: 'center' });
      doc.font('bold').fontSize(BODY).text(pdfText(s.name), x, y + 70, { width: half - 10, align: 'center' });
      if (s.idLine) doc.font('body').fontSize(BODY).text(pdfText(s.idLine), x, y + 84, { width: half - 10, align: 'center' });
    };
    block(left, signers[i]!);
    if (signers[i + 1]) block(left + half, signers[i + 1]!);
    doc.y = y + 108;
  }
}

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
  write(doc, m.confidential, { font: 'bold', size: 10, color: ALERT, align: 'center', gap: 6 });
  if (m.org) write(doc, m.org, { font: 'bold', size: 11, align: 'center', gap: 2 });
  write(doc, m.title, { font: 'bold', size: 15, color: ACCENT, align: 'center', gap: 2 });
  write(doc, m.subtitle, { size: 10, color: MUTED, align: 'center', gap: 12 });
  for (const b of m.blocks) block(doc, b, m, images, chart);
  footers(doc, m.footer, m.pageWord, m.ofWord);
  await save(doc, file);
}
