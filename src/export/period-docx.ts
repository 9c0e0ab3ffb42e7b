// A period's document (period-doc.ts: a worker's monthly report, a supervisor's recap) as a Word
// document on A4 landscape, the same content as the PDF: real headings and tables the office edits.
// Pure: the model in, the file's bytes out.
import { AlignmentType, BorderStyle, HeadingLevel, Packer, PageOrientation, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { Signature } from './institution-report.ts';
import type { PeriodDocument, PeriodEntries, PeriodTable } from './period-doc.ts';
import { cell, documentOf, footer, heading, keyValueTable, PAGE, para } from './report-docx.ts';

/** A4 in twips, given upright: docx turns it for a landscape section. */
const A4 = { width: 11906, height: 16838, orientation: PageOrientation.LANDSCAPE };

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

function signatureTable(place: string, signers: Signature[]): (Paragraph | Table)[] {
  const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  const sign = (s: Signature | undefined, top: string) =>
    new TableCell({
      borders: { top: none, bottom: none, left: none, right: none },
      width: { size: 50, type: WidthType.PERCENTAGE },
      children: s ? [para(top, { align: 'center', after: 0 }), para(s.role, { align: 'center' }), para('\n\n\n', { align: 'center' }), para(s.name, { bold: true, align: 'center', after: 0 }), para(s.idLine, { align: 'center' })] : [para(' ')],
    });
  const rows: TableRow[] = [];
  for (let i = 0; i < signers.length; i += 2) rows.push(new TableRow({ cantSplit: true, children: [sign(signers[i], ' '), sign(signers[i + 1], i === 0 ? place : ' ')] }));
  return [
    new Paragraph({ children: [], spacing: { before: 300 } }),
    new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, borders: { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none }, rows }),
  ];
}

export async function renderPeriodDocx(d: PeriodDocument): Promise<Buffer> {
  const body: (Paragraph | Table)[] = [];
  body.push(new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: d.confidential, bold: true, color: 'A61B1B' })], spacing: { after: 80 } }));
  if (d.org) body.push(para(d.org, { bold: true, align: 'center', after: 40 }));
  body.push(new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [new TextRun(d.title)], spacing: { after: 60 } }));
  body.push(para(d.subtitle, { align: 'center', after: 200 }));
  body.push(keyValueTable(d.identity));
  for (const p of d.parts) body.push(...(p.kind === 'table' ? tablePart(p) : entriesPart(p)));
  body.push(...signatureTable(d.place, d.signatures));
  const doc = documentOf([{ properties: { page: { ...PAGE, size: A4 } }, footers: { default: footer(d.footer, d.pageWord, d.ofWord) }, children: body }], d.title);
  return Packer.toBuffer(doc);
}
