// An institution's Word form as a template (easy-template-x: MIT, loops and images in its free core,
// no code in templates): its placeholders checked against the vocabulary of form-data.ts, each one
// that does not fit named with where it is in the document, in words an admin can act on; and the
// form filled with a case's values. Always given the re-packed form of form-file.ts.
import {
  MimeType,
  TemplateHandler,
  type Tag,
  type TemplateData,
  type XmlNode,
} from 'easy-template-x';
import type { EmbeddedImage } from './images.ts';
import { CHART_IMAGE, nearestName, NOTE_LOOP, placeOf, type FormData } from './form-data.ts';

/** Problems named in one reply; the rest are counted. */
/** Problems listed in one refusal: with its heading, "and N more" and the how-to, ≤ 10 lines on a phone. */
export const FORM_PROBLEMS_SHOWN = 7;

/** Where a placeholder is: a paragraph (its first words), a table cell, or a picture's alt text. */
export type FormWhere = { kind: 'paragraph'; start: string } | { kind: 'cell'; row: number; column: number; start: string } | { kind: 'picture' };

export type FormProblem =
  /** not in the vocabulary (`near`: the name it probably meant) */
  | { kind: 'unknown'; name: string; near?: string | undefined; where: FormWhere }
  /** a note's placeholder outside `{#catatan}…{/catatan}` */
  | { kind: 'outside-loop'; name: string; where: FormWhere }
  /** a loop other than `{#catatan}`, or one inside another */
  | { kind: 'loop'; name: string; where: FormWhere }
  /** the document's braces or loops do not pair up (the library's own words, shortened) */
  | { kind: 'syntax'; detail: string };

export class FormTemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FormTemplateError';
  }
}

const handler = () => new TemplateHandler({ maxXmlDepth: 64 });

/** The visible text under a node (its w:t runs). */
function textOf(node: XmlNode | undefined): string {
  if (!node) return '';
  if (node.nodeName === '#text') return node.parentNode?.nodeName === 'w:t' ? (node as { textContent: string }).textContent : '';
  return (node.childNodes ?? []).map(textOf).join('');
}

function ancestor(node: XmlNode | undefined, name: string): XmlNode | undefined {
  let n = node;
  while (n && n.nodeName !== name) n = n.parentNode;
  return n;
}

function indexAmong(node: XmlNode, name: string): number {
  return (node.parentNode?.childNodes ?? []).filter((x) => x.nodeName === name).indexOf(node) + 1;
}

const START_CHARS = 40;

function start(node: XmlNode | undefined): string {
  const text = textOf(node).replace(/\s+/g, ' ').trim();
  return text.length > START_CHARS ? `${text.slice(0, START_CHARS - 1)}…` : text;
}

export function whereOf(tag: Tag): FormWhere {
  if (tag.placement !== 'TextNode') return { kind: 'picture' };
  const p = ancestor(tag.xmlTextNode, 'w:p');
  const cell = ancestor(tag.xmlTextNode, 'w:tc');
  const row = cell ? ancestor(cell, 'w:tr') : undefined;
  if (cell && row) return { kind: 'cell', row: indexAmong(row, 'w:tr'), column: indexAmong(cell, 'w:tc'), start: start(p) };
  return { kind: 'paragraph', start: start(p) };
}

/** The form's placeholders that do not fit, in document order (empty: it may be published). */
export async function checkForm(docx: Buffer): Promise<FormProblem[]> {
  let tags: Tag[];
  try {
    tags = await handler().parseTags(docx);
  } catch (err) {
    const detail = err instanceof Error ? err.message.slice(0, 200) : 'unreadable';
    return [{ kind: 'syntax', detail }];
  }
  const problems: FormProblem[] = [];
  let depth = 0;
  for (const tag of tags) {
    const name = tag.name.trim();
    const where = () => whereOf(tag);
    if (tag.disposition === 'Open') {
      if (name !== NOTE_LOOP || depth > 0) problems.push({ kind: 'loop', name, where: where() });
      depth++;
      continue;
    }
    if (tag.disposition === 'Close') {
      depth = Math.max(0, depth - 1);
      continue;
    }
    const place = placeOf(name);
    if (place === undefined || place === 'loop') {
      const near = nearestName(name);
      problems.push({ kind: 'unknown', name, ...(near ? { near } : {}), where: where() });
    } else if (place === 'note' && depth === 0) problems.push({ kind: 'outside-loop', name, where: where() });
  }
  return problems;
}

/** The form filled with one case's values (the chart as a picture where `{grafik}` stands). */
export async function fillForm(docx: Buffer, data: FormData, chart: EmbeddedImage | undefined): Promise<Buffer> {
  const values: TemplateData = { ...data.fields, [NOTE_LOOP]: data.notes };
  if (chart) {
    // about 16 cm wide on an A4 page, the chart's own proportions
    const width = 600;
    values[CHART_IMAGE] = { _type: 'image', source: chart.data, format: chart.type === 'png' ? MimeType.Png : MimeType.Jpeg, width, height: Math.round((width * chart.height) / chart.width), altText: 'grafik' };
  } else values[CHART_IMAGE] = '—';
  try {
    return await handler().process(docx, values);
  } catch (err) {
    throw new FormTemplateError(`the form could not be filled: ${err instanceof Error ? err.name : 'unknown'}`);
  }
}
