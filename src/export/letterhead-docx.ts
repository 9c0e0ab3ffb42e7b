// The letterhead (kop surat) at the top of a Word document's first page: the logo on the left, the
// organisation's name in bold and its address under it, centred on the page (a borderless table of
// three columns, the third empty to balance the logo), and a double rule under it (a paragraph's
// bottom border, which an office can still change in Word). Its own module, not part of
// report-docx.ts, which uses it for the termination sheet (no import cycle). Pure.
import { AlignmentType, BorderStyle, ImageRun, Paragraph, Table, TableCell, TableRow, TextRun, VerticalAlignTable, WidthType } from 'docx';
import { fitInside } from './images.ts';
import type { Letterhead } from './letterhead.ts';

/** the logo's box in pixels at 96 dpi (about 2.3 cm, as in the PDF) */
const LOGO_PX = 88;
const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };

function textParagraphs(lh: Letterhead): Paragraph[] {
  return [
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: lh.name, bold: true, size: 28 })], spacing: { after: 20 } }),
    ...lh.address.map((line) => new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: line, size: 18 })], spacing: { after: 0 } })),
  ];
}

function cell(children: Paragraph[], width: number): TableCell {
  return new TableCell({ borders: { top: NONE, bottom: NONE, left: NONE, right: NONE }, width: { size: width, type: WidthType.PERCENTAGE }, verticalAlign: VerticalAlignTable.CENTER, children });
}

export function letterheadDocx(lh: Letterhead): (Paragraph | Table)[] {
  const rule = new Paragraph({ children: [], border: { bottom: { style: BorderStyle.THICK_THIN_SMALL_GAP, size: 24, color: '222222', space: 1 } }, spacing: { after: 240 } });
  if (!lh.logo) return [...textParagraphs(lh), rule];
  const size = fitInside(lh.logo.width, lh.logo.height, LOGO_PX, LOGO_PX);
  const logo = new Paragraph({ children: [new ImageRun({ type: lh.logo.type, data: lh.logo.data, transformation: size })] });
  const table = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE },
    rows: [new TableRow({ children: [cell([logo], 16), cell(textParagraphs(lh), 68), cell([new Paragraph('')], 16)] })],
  });
  return [table, rule];
}
