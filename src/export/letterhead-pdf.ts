// The letterhead (kop surat) at the top of a PDF's first page, as Indonesian offices print theirs:
// the logo on the left, the organisation's name in bold and its address under it, centred on the
// page, and a double rule (thick over thin) across the text width. Its own module, not part of
// report-pdf.ts, which draws it on the termination sheet (no import cycle): it uses only the
// fonts every one of our documents registers ('body', 'bold').
import { fitInside } from './images.ts';
import type { Letterhead } from './letterhead.ts';
import { pdfText } from './pdf-text.ts';

type Doc = PDFKit.PDFDocument;

const INK = '#222222';
/** the logo's box, in points (about 2.3 cm) */
const LOGO = 64;
const GAP = 10;
const NAME_SIZE = 14;
const ADDRESS_SIZE = 9;

export function drawLetterhead(doc: Doc, lh: Letterhead): void {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const top = doc.y;
  // the text keeps clear of the logo on both sides, so it stays centred on the page
  const side = lh.logo ? LOGO + GAP : 0;
  const textX = left + side;
  const textW = width - 2 * side;
  const name = pdfText(lh.name);
  const address = lh.address.map(pdfText);
  const nameH = doc.font('bold').fontSize(NAME_SIZE).heightOfString(name, { width: textW, lineGap: 1 });
  const addressH = address.reduce((h, l) => h + doc.font('body').fontSize(ADDRESS_SIZE).heightOfString(l, { width: textW, lineGap: 1 }), 0);
  const textH = nameH + 2 + addressH;
  const boxH = Math.max(textH, lh.logo ? LOGO : 0);
  if (lh.logo) {
    const size = fitInside(lh.logo.width, lh.logo.height, LOGO, LOGO);
    doc.image(lh.logo.data, left + (LOGO - size.width) / 2, top + (boxH - size.height) / 2, { width: size.width, height: size.height });
  }
  doc.font('bold').fontSize(NAME_SIZE).fillColor(INK).text(name, textX, top + (boxH - textH) / 2, { width: textW, align: 'center', lineGap: 1 });
  doc.y += 2;
  for (const line of address) doc.font('body').fontSize(ADDRESS_SIZE).fillColor(INK).text(line, textX, doc.y, { width: textW, align: 'center', lineGap: 1 });
  const y = top + boxH + 5;
  doc.moveTo(left, y).lineTo(left + width, y).lineWidth(1.8).strokeColor(INK).stroke();
  doc.moveTo(left, y + 2.8).lineTo(left + width, y + 2.8).lineWidth(0.6).strokeColor(INK).stroke();
  doc.x = left;
  doc.y = y + 14;
}
