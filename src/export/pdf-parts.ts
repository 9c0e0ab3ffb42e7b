// What every filed PDF document of ours is made of beside report-pdf.ts's primitives: a labelled
// answer and the signature blocks (document-pdf.ts, period-pdf.ts).
import type { Signature } from './institution-report.ts';
import { pdfText } from './pdf-text.ts';
import { BODY, INK, room, width, type Doc } from './report-pdf.ts';

/** "Label: text" in one paragraph, the label bold; `indent` in points (a client's lines under their heading). */
export function labelled(doc: Doc, label: string, text: string, indent = 0): void {
  room(doc, BODY * 2.4);
  const x = doc.page.margins.left + indent;
  doc.font('bold').fontSize(BODY).fillColor(INK).text(pdfText(`${label}: `), x, doc.y, { width: width(doc) - indent, continued: true, lineGap: 1.5 });
  doc.font('body').text(pdfText(text), { lineGap: 1.5 });
  doc.y += 2;
}

/** Two signature blocks to a row, the place and date above the right one; a row stays whole. */
export function signatures(doc: Doc, place: string, signers: Signature[]): void {
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
