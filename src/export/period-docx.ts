// A period's document (period-doc.ts: a worker's monthly report, a supervisor's recap) as a Word
// document on A4 landscape (F4 when the organisation chose it), the same content as the PDF: real
// headings and tables the office edits.
// Pure: the model in, the file's bytes out.
import { AlignmentType, HeadingLevel, Packer, PageOrientation, Paragraph, Table, TableRow, TextRun, WidthType } from 'docx';
import { signatureTable } from './docx-parts.ts';
import type { PeriodDocument, PeriodEntries, PeriodTable } from './period-doc.ts';
import { cell, documentOf, footer, heading, keyValueTable, PAGE, PAPER_SIZE, para } from './report-docx.ts';
import { letterheadDocx } from './letterhead-docx.ts';

function grid(p: PeriodTable): Table {
  const w = p.widths;
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: p.head.map((h, i) => cell(h, { bold: true, shade: true, width: w[i]! })) }),
      ...p.rows.map((row) => new TableRow({ cantSplit: true, children: row.map((v, i) => cell(v, { width: w[i]! })) })),
      ...(p.total ? [new TableRow({ cantSplit: true, children: p.total.map((v, i) => cell(v, { bold: true, shade: true, width: w[i]! })) })] : []),
    ],
  });
}

function tablePart(p: PeriodTable): (Paragraph | Table)[] {
  return [heading(p.heading, 1), p.rows.length === 0 ? para(p.empty, { italics: true }) : grid(p), ...(p.note ? [para(p.note, { italics: true, size: 18, before: 80 })] : [])];
}

function entriesPart(p: PeriodEntries): Paragraph[] {
  const body: Paragraph[] = [heading(p.heading, 1)];
  for (const e of p.entries) {
    body.push(heading(e.heading, 2), para(e.line, { italics: true, after: 100 }));
    for (const item of e.items) {
      body.push(heading(item.heading, 3));
      for (const l of item.lines) body.push(new Paragraph({ children: [new TextRun({ text: `${l.label}: `, bold: true }), new TextRun(l.text)], spacing: { after: 60 } }));
    }
  }
  return body;
}

export async function renderPeriodDocx(d: PeriodDocument): Promise<Buffer> {
  const body: (Paragraph | Table)[] = [];
  if (d.letterhead) body.push(...letterheadDocx(d.letterhead));
  body.push(new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: d.confidential, bold: true, color: 'A61B1B' })], spacing: { after: 80 } }));
  if (d.org && !d.letterhead) body.push(para(d.org, { bold: true, align: 'center', after: 40 }));
  body.push(new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [new TextRun(d.title)], spacing: { after: 60 } }));
  body.push(para(d.subtitle, { align: 'center', after: 200 }));
  body.push(keyValueTable(d.identity));
  for (const p of d.parts) body.push(...(p.kind === 'table' ? tablePart(p) : entriesPart(p)));
  body.push(...signatureTable(d.place, d.signatures));
  // the paper given upright: docx turns it for a landscape section
  const doc = documentOf([{ properties: { page: { ...PAGE, size: { ...PAPER_SIZE[d.paper ?? 'A4'], orientation: PageOrientation.LANDSCAPE } } }, footers: { default: footer(d.footer, d.pageWord, d.ofWord) }, children: body }], d.title);
  return Packer.toBuffer(doc);
}
