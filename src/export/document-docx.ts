// A document made from a template (document-model.ts) as a Word document on A4 or F4: what the
// office edits and files. The same blocks as the PDF; real headings and tables. Pure: the model and
// the pictures in, the file's bytes out.
import { AlignmentType, BorderStyle, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { EmbeddedImage } from './images.ts';
import type { Block, DocumentModel } from './document-model.ts';
import type { InstitutionNote, Signature } from './institution-report.ts';
import { cell, documentOf, footer, heading, image, keyValueTable, PAGE, para } from './report-docx.ts';

/** Page sizes in twips: Word's default is Letter, which an Indonesian office does not print on. */
const SIZE = { A4: { width: 11906, height: 16838 }, F4: { width: 12189, height: 18709 } };

function labelled(label: string, text: string): Paragraph {
  const runs = text.split('\n').map((line, i) => new TextRun({ text: line, ...(i > 0 ? { break: 1 } : {}) }));
  return new Paragraph({ children: [new TextRun({ text: `${label}: `, bold: true }), ...runs], spacing: { after: 60 } });
}

/** A table of notes: 9 pt (8 pt past six columns), so that "Terlaksana" or "Kemajuan" never breaks
 *  mid-word in Word or LibreOffice at A4. */
function grid(head: string[], rows: string[][], widths: number[]): Table {
  const size = widths.length > 6 ? 16 : 18;
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: head.map((h, i) => cell(h, { bold: true, shade: true, width: widths[i]!, size })) }),
      ...rows.map((row) => new TableRow({ cantSplit: true, children: row.map((v, i) => cell(v, { width: widths[i]!, size })) })),
    ],
  });
}

function signatureTable(place: string, signers: Signature[]): (Paragraph | Table)[] {
  const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  const sign = (s: Signature | undefined, top: string) =>
    new TableCell({
      borders: { top: none, bottom: none, left: none, right: none },
      width: { size: 50, type: WidthType.PERCENTAGE },
      children: s
        ? [para(top, { align: 'center', after: 0 }), para(s.role, { align: 'center' }), para('\n\n\n', { align: 'center' }), para(s.name, { bold: true, align: 'center', after: 0 }), para(s.idLine || ' ', { align: 'center' })]
        : [para(' ')],
    });
  const rows: TableRow[] = [];
  for (let i = 0; i < signers.length; i += 2) rows.push(new TableRow({ cantSplit: true, children: [sign(signers[i], ' '), sign(signers[i + 1], i === 0 ? place : ' ')] }));
  return [
    new Paragraph({ children: [], spacing: { before: 300 } }),
    new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, borders: { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none }, rows }),
  ];
}

function notes(list: InstitutionNote[], attachmentsHeading: string, images: Map<string, EmbeddedImage>): (Paragraph | Table)[] {
  const body: (Paragraph | Table)[] = [];
  for (const n of list) {
    body.push(heading(n.heading, 2));
    body.push(para(n.line, { italics: true, after: 100 }));
    for (const s of n.sections) {
      body.push(heading(s.heading, 3));
      for (const item of s.items) body.push(labelled(item.label, item.text));
    }
    for (const c of n.comparisons) {
      body.push(heading(c.heading, 3));
      body.push(grid(c.head, c.rows, [50, 25, 25]));
    }
    if (n.attachments.length > 0) {
      body.push(heading(attachmentsHeading, 3));
      for (const a of n.attachments) {
        body.push(labelled(a.label, a.text));
        const img = a.photo ? images.get(a.photo) : undefined;
        if (img) body.push(image(img, 420, 420));
      }
    }
  }
  return body;
}

function block(b: Block, m: DocumentModel, images: Map<string, EmbeddedImage>, chart: EmbeddedImage | undefined): (Paragraph | Table)[] {
  switch (b.kind) {
    case 'identity':
      return [keyValueTable(b.rows)];
    case 'table':
      return [...(b.heading ? [heading(b.heading, 1)] : []), b.rows.length === 0 ? para('—') : grid(b.head, b.rows, b.widths)];
    case 'chart':
      return chart ? [heading(b.heading, 1), image(chart)] : [];
    case 'notes':
      return [heading(b.heading, 1), ...(b.notes.length === 0 ? [para(b.empty)] : []), ...notes(b.notes, m.attachmentsHeading, images)];
    case 'text':
      return [...(b.heading ? [heading(b.heading, 1)] : []), para(b.text)];
    case 'signatures':
      return signatureTable(b.place, b.signers);
  }
}

export async function renderDocumentDocx(m: DocumentModel, images: Map<string, EmbeddedImage>, chart: EmbeddedImage | undefined): Promise<Buffer> {
  const body: (Paragraph | Table)[] = [];
  body.push(new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: m.confidential, bold: true, color: 'A61B1B' })], spacing: { after: 80 } }));
  if (m.org) body.push(para(m.org, { bold: true, align: 'center', after: 40 }));
  body.push(new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [new TextRun(m.title)], spacing: { after: 60 } }));
  body.push(para(m.subtitle, { align: 'center', after: 200 }));
  for (const b of m.blocks) body.push(...block(b, m, images, chart));
  const doc = documentOf([{ properties: { page: { ...PAGE, size: SIZE[m.paper] } }, footers: { default: footer(m.footer, m.pageWord, m.ofWord) }, children: body }], m.title);
  return Packer.toBuffer(doc);
}
