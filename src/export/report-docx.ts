// The termination sheet as a Word document (docx), and the pieces every Word document of ours is
// made of (institution-docx.ts): real headings (Word's navigation pane and LibreOffice show them),
// real tables, page numbers in the footer. Pure: the model and the pictures in, the file's bytes out.
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ISectionOptions,
} from 'docx';
import type { TerminationSheet } from './termination-model.ts';
import { fitInside, type EmbeddedImage } from './images.ts';
import { letterheadDocx } from './letterhead-docx.ts';

const FONT = 'Calibri';
/** A4 with 2 cm margins: 17 cm of text width, in pixels at 96 dpi for images */
const CONTENT_PX = 640;
export const GREY = 'F2F2F2';

export function lines(s: string, opts: { bold?: boolean; italics?: boolean; size?: number } = {}): TextRun[] {
  return s.split('\n').map((line, i) => new TextRun({ text: line, ...opts, ...(i > 0 ? { break: 1 } : {}) }));
}

export function para(s: string, opts: { bold?: boolean; italics?: boolean; size?: number; after?: number; before?: number; align?: 'center' } = {}): Paragraph {
  const { after, before, align, ...run } = opts;
  return new Paragraph({
    children: lines(s, run),
    spacing: { after: after ?? 80, ...(before !== undefined ? { before } : {}) },
    ...(align === 'center' ? { alignment: AlignmentType.CENTER } : {}),
  });
}

export function heading(s: string, level: 1 | 2 | 3): Paragraph {
  const h = level === 1 ? HeadingLevel.HEADING_1 : level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3;
  return new Paragraph({ heading: h, children: [new TextRun(s)], keepNext: true, spacing: { before: level === 1 ? 320 : 200, after: 100 } });
}

/** `size` in half-points (18 = 9 pt): a table of many columns is set smaller, so no word breaks */
export function cell(s: string, opts: { bold?: boolean; shade?: boolean; width?: number; size?: number } = {}): TableCell {
  return new TableCell({
    children: [new Paragraph({ children: lines(s, { ...(opts.bold ? { bold: true } : {}), ...(opts.size ? { size: opts.size } : {}) }) })],
    margins: { top: 60, bottom: 60, left: 90, right: 90 },
    ...(opts.shade ? { shading: { type: ShadingType.CLEAR, fill: GREY, color: 'auto' } } : {}),
    ...(opts.width !== undefined ? { width: { size: opts.width, type: WidthType.PERCENTAGE } } : {}),
  });
}

export function keyValueTable(rows: { label: string; value: string }[]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: rows.map((r) => new TableRow({ children: [cell(r.label, { bold: true, shade: true, width: 32 }), cell(r.value, { width: 68 })] })),
  });
}

export function image(img: EmbeddedImage, maxW = CONTENT_PX, maxH = 520): Paragraph {
  const size = fitInside(img.width, img.height, maxW, maxH);
  return new Paragraph({ children: [new ImageRun({ type: img.type, data: img.data, transformation: size })], spacing: { after: 120 } });
}

export function footer(text: string, pageWord: string, ofWord: string): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ text: `${text} · `, size: 16, color: '666666' }), new TextRun({ children: [`${pageWord} `, PageNumber.CURRENT, ` ${ofWord} `, PageNumber.TOTAL_PAGES], size: 16, color: '666666' })],
      }),
    ],
  });
}

export function documentOf(sections: ISectionOptions[], title: string): Document {
  return new Document({
    title,
    creator: 'Pendamping',
    styles: {
      default: { document: { run: { font: FONT, size: 22 } } },
      paragraphStyles: [
        { id: 'Heading1', name: 'Heading 1', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { size: 30, bold: true, color: '1F3864' } },
        { id: 'Heading2', name: 'Heading 2', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { size: 25, bold: true, color: '2F5496' } },
        { id: 'Heading3', name: 'Heading 3', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { size: 22, bold: true } },
        { id: 'Title', name: 'Title', basedOn: 'Normal', next: 'Normal', run: { size: 40, bold: true, color: '1F3864' } },
      ],
    },
    sections,
  });
}

export const PAGE = { margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } }; // 2 cm

/** Page sizes in twips, upright: Word's default is Letter, which an Indonesian office does not print on. */
export const PAPER_SIZE = { A4: { width: 11906, height: 16838 }, F4: { width: 12189, height: 18709 } };

export async function renderTerminationDocx(s: TerminationSheet): Promise<Buffer> {
  const body: (Paragraph | Table)[] = [];
  if (s.letterhead) body.push(...letterheadDocx(s.letterhead));
  else if (s.org) body.push(para(s.org, { bold: true, align: 'center', after: 40 }));
  body.push(new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [new TextRun(s.title)], spacing: { after: 200 } }));
  body.push(keyValueTable(s.facts));
  body.push(heading(s.evaluationHeading, 2));
  if (s.evaluation.length === 0) body.push(para(s.noEvaluation, { italics: true }));
  for (const e of s.evaluation) {
    body.push(new Paragraph({ children: [new TextRun({ text: e.question, bold: true })], keepNext: true, spacing: { before: 80, after: 20 } }));
    body.push(para(e.answer, { after: 40 }));
  }
  body.push(para(s.place, { before: 300, after: 120 }));
  const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  const sign = (role: string, name: string) =>
    new TableCell({
      borders: { top: none, bottom: none, left: none, right: none },
      width: { size: 50, type: WidthType.PERCENTAGE },
      children: [para(role, { align: 'center' }), para('\n\n\n', { align: 'center' }), para(`( ${name} )`, { bold: true, align: 'center' })],
    });
  body.push(
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      borders: { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none },
      rows: [
        new TableRow({ children: [sign(s.workerRole, s.workerName), sign(s.supervisorRole, s.supervisorName)] }),
        // a rehabilitation's sheet is signed by the client and the family too
        ...(s.alsoSign.length > 0 ? [new TableRow({ children: s.alsoSign.map((role) => sign(role, '………………………………')) })] : []),
      ],
    }),
  );
  const doc = documentOf([{ properties: { page: { ...PAGE, size: PAPER_SIZE[s.paper ?? 'A4'] } }, footers: { default: footer(s.footer, s.pageWord, s.ofWord) }, children: body }], s.title);
  return Packer.toBuffer(doc);
}
