// A document made from a template (document-model.ts) as a Word document on A4 or F4: what the
// office edits and files. The same blocks as the PDF, under the organisation's letterhead when it set
// one; real headings and tables. Pure: the model and the pictures in, the file's bytes out.
import { AlignmentType, HeadingLevel, Packer, Paragraph, Table, TableRow, TextRun, WidthType } from 'docx';
import type { EmbeddedImage } from './images.ts';
import type { Block, DocumentModel } from './document-model.ts';
import type { InstitutionNote } from './institution-report.ts';
import { labelled, signatureTable } from './docx-parts.ts';
import { cell, documentOf, footer, heading, image, keyValueTable, PAGE, PAPER_SIZE, para } from './report-docx.ts';
import { letterheadDocx } from './letterhead-docx.ts';


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
  // the letterhead names the organisation: its plain line is left out under one
  if (m.letterhead) body.push(...letterheadDocx(m.letterhead));
  body.push(new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: m.confidential, bold: true, color: 'A61B1B' })], spacing: { after: 80 } }));
  if (m.org && !m.letterhead) body.push(para(m.org, { bold: true, align: 'center', after: 40 }));
  body.push(new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [new TextRun(m.title)], spacing: { after: 60 } }));
  body.push(para(m.subtitle, { align: 'center', after: 200 }));
  for (const b of m.blocks) body.push(...block(b, m, images, chart));
  const doc = documentOf([{ properties: { page: { ...PAGE, size: PAPER_SIZE[m.paper] } }, footers: { default: footer(m.footer, m.pageWord, m.ofWord) }, children: body }], m.title);
  return Packer.toBuffer(doc);
}
