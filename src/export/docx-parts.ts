// What every filed Word document of ours is made of beside report-docx.ts's pieces: a labelled
// answer and the signature blocks (document-docx.ts, period-docx.ts).
import { BorderStyle, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { Signature } from './institution-report.ts';
import { para } from './report-docx.ts';

/** "Label: text" in one paragraph, the label bold. */
export function labelled(label: string, text: string): Paragraph {
  const runs = text.split('\n').map((line, i) => new TextRun({ text: line, ...(i > 0 ? { break: 1 } : {}) }));
  return new Paragraph({ children: [new TextRun({ text: `${label}: `, bold: true }), ...runs], spacing: { after: 60 } });
}

/** Two signature blocks to a row, the place and date above the right one; a row stays whole. */
export function signatureTable(place: string, signers: Signature[]): (Paragraph | Table)[] {
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
