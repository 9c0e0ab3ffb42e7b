// The case report and the termination sheet as Word documents (docx): real headings (Word's
// navigation pane and LibreOffice show them), real tables, page numbers in the footer. Pure: the
// model and the pictures in, the file's bytes out.
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
import type { CaseReport, ReportAnswer } from './report-model.ts';
import type { TerminationSheet } from './termination-model.ts';
import { fitInside, type EmbeddedImage } from './images.ts';

const FONT = 'Calibri';
/** A4 with 2 cm margins: 17 cm of text width, in pixels at 96 dpi for images */
const CONTENT_PX = 640;
const GREY = 'F2F2F2';

function lines(s: string, opts: { bold?: boolean; italics?: boolean; size?: number } = {}): TextRun[] {
  return s.split('\n').map((line, i) => new TextRun({ text: line, ...opts, ...(i > 0 ? { break: 1 } : {}) }));
}

function para(s: string, opts: { bold?: boolean; italics?: boolean; size?: number; after?: number; before?: number; align?: 'center' } = {}): Paragraph {
  const { after, before, align, ...run } = opts;
  return new Paragraph({
    children: lines(s, run),
    spacing: { after: after ?? 80, ...(before !== undefined ? { before } : {}) },
    ...(align === 'center' ? { alignment: AlignmentType.CENTER } : {}),
  });
}

function heading(s: string, level: 1 | 2 | 3): Paragraph {
  const h = level === 1 ? HeadingLevel.HEADING_1 : level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3;
  return new Paragraph({ heading: h, children: [new TextRun(s)], keepNext: true, spacing: { before: level === 1 ? 320 : 200, after: 100 } });
}

function cell(s: string, opts: { bold?: boolean; shade?: boolean; width?: number } = {}): TableCell {
  return new TableCell({
    children: [new Paragraph({ children: lines(s, opts.bold ? { bold: true } : {}) })],
    margins: { top: 60, bottom: 60, left: 90, right: 90 },
    ...(opts.shade ? { shading: { type: ShadingType.CLEAR, fill: GREY, color: 'auto' } } : {}),
    ...(opts.width !== undefined ? { width: { size: opts.width, type: WidthType.PERCENTAGE } } : {}),
  });
}

function keyValueTable(rows: { label: string; value: string }[]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: rows.map((r) => new TableRow({ children: [cell(r.label, { bold: true, shade: true, width: 32 }), cell(r.value, { width: 68 })] })),
  });
}

function image(img: EmbeddedImage, maxW = CONTENT_PX, maxH = 520): Paragraph {
  const size = fitInside(img.width, img.height, maxW, maxH);
  return new Paragraph({ children: [new ImageRun({ type: img.type, data: img.data, transformation: size })], spacing: { after: 120 } });
}

function footer(text: string, pageWord: string, ofWord: string): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ text: `${text} · `, size: 16, color: '666666' }), new TextRun({ children: [`${pageWord} `, PageNumber.CURRENT, ` ${ofWord} `, PageNumber.TOTAL_PAGES], size: 16, color: '666666' })],
      }),
    ],
  });
}

function documentOf(sections: ISectionOptions[], title: string): Document {
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

const PAGE = { margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } }; // 2 cm

function answerBlock(a: ReportAnswer, images: Map<string, EmbeddedImage>): Paragraph[] {
  const out = [new Paragraph({ children: [new TextRun({ text: a.question, bold: true })], keepNext: true, spacing: { before: 120, after: 40 } })];
  out.push(para(a.text, { after: 60 }));
  const img = a.media?.kind === 'photo' ? images.get(a.media.fileId) : undefined;
  if (img) out.push(image(img, 420, 420));
  return out;
}

export async function renderReportDocx(r: CaseReport, images: Map<string, EmbeddedImage>, chart: EmbeddedImage | undefined): Promise<Buffer> {
  const body: (Paragraph | Table)[] = [];
  body.push(new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(r.title)], spacing: { after: 120 } }));
  body.push(para(r.subtitle, { size: 26, after: 240 }));
  body.push(keyValueTable(r.cover));
  body.push(para(r.generated, { italics: true, size: 18, before: 160 }));

  body.push(heading(r.summaryHeading, 1));
  if (r.summaryRows.length === 0) body.push(para(r.emptyNotes));
  else {
    // wide enough that no word breaks (the bold "No." and "Terlaksana", "perbaikan": checked in LibreOffice)
    const widths = [7, 20, 17, 21, 18, 17];
    body.push(
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: [
          new TableRow({ tableHeader: true, children: r.summaryHead.map((h, i) => cell(h, { bold: true, shade: true, width: widths[i]! })) }),
          ...r.summaryRows.map((row) => new TableRow({ cantSplit: true, children: row.map((v, i) => cell(v, { width: widths[i]! })) })),
        ],
      }),
    );
  }

  if (r.chart && chart) {
    body.push(heading(r.chartHeading, 1));
    body.push(image(chart));
  }

  for (const s of r.stages) {
    body.push(heading(s.heading, 1));
    for (const n of s.notes) {
      body.push(heading(n.heading, 2));
      body.push(para(n.meta.join(' · '), { italics: true, size: 20 }));
      for (const a of n.answers) body.push(...answerBlock(a, images));
      const facts = [
        ...(n.roles ? [{ label: r.factLabels.roles, value: n.roles }] : []),
        { label: r.factLabels.review, value: n.review },
        ...(n.thread.length ? [{ label: r.factLabels.thread, value: n.thread.join('\n') }] : []),
        ...(n.revisions.length ? [{ label: r.factLabels.revisions, value: n.revisions.join('\n\n') }] : []),
      ];
      body.push(new Paragraph({ children: [], spacing: { after: 60 } }));
      body.push(keyValueTable(facts));
    }
  }

  if (r.voices.length) {
    body.push(heading(r.voiceHeading, 1));
    for (const v of r.voices) body.push(new Paragraph({ children: [new TextRun(v)], bullet: { level: 0 } }));
  }

  const doc = documentOf([{ properties: { page: PAGE }, footers: { default: footer(r.footer, r.pageWord, r.ofWord) }, children: body }], r.title);
  return Packer.toBuffer(doc);
}

export async function renderTerminationDocx(s: TerminationSheet): Promise<Buffer> {
  const body: (Paragraph | Table)[] = [];
  if (s.org) body.push(para(s.org, { bold: true, align: 'center', after: 40 }));
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
      rows: [new TableRow({ children: [sign(s.workerRole, s.workerName), sign(s.supervisorRole, s.supervisorName)] })],
    }),
  );
  const doc = documentOf([{ properties: { page: PAGE }, footers: { default: footer(s.footer, s.pageWord, s.ofWord) }, children: body }], s.title);
  return Packer.toBuffer(doc);
}
