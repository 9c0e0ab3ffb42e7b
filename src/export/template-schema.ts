// The shape of document templates (flows/reports/*.yaml): which documents a setting files, and what
// each is made of, as data beside the flows. Pure: zod only. The loader (template-load.ts) turns zod
// issues into `file — path: message`.
import { z } from 'zod';
import { LocalizedText, REPORT_SECTIONS } from '../engine/flow-schema.ts';

export const SETTING_VALUES = ['lapas', 'bapas', 'lpka', 'ipwl', 'bnnk', 'panti', 'sentra', 'lks', 'lainnya'] as const;
export const ROLE_VALUES = ['pk', 'peksos', 'konselor', 'praktikan', 'lainnya'] as const;

/**
 * What a column of a per-note table prints:
 * - date, stage, contact (bentuk pertemuan), place (tempat, else the contact), held (terlaksana or why
 *   not), rating (the 1–5 progress), attendees (yang hadir), client (initials and case code);
 * - `section:<name>`: every answer the note prints under that heading, joined;
 * - `question:<id>`: one answer;
 * - reflection (the worker's reflection), analysis (the worker's other own answers: roles, theory,
 *   skills, asks), feedback (the supervisor's thread): supervision documents only;
 * - blank: a line the office fills in by hand.
 */
export const PLAIN_VALUES = ['date', 'stage', 'contact', 'place', 'held', 'rating', 'attendees', 'client', 'blank'] as const;
export const SUPERVISION_VALUES = ['reflection', 'analysis', 'feedback'] as const;
const VALUE = new RegExp(`^(${[...PLAIN_VALUES, ...SUPERVISION_VALUES].join('|')}|section:(${REPORT_SECTIONS.join('|')})|question:[a-z][a-z0-9_]*)$`);

const Column = z
  .object({
    label: LocalizedText,
    value: z.string().regex(VALUE, `one of ${[...PLAIN_VALUES, ...SUPERVISION_VALUES].join(', ')}, section:<heading>, question:<id>`),
    /** percent of the page's width */
    width: z.number().int().min(4).max(80),
  })
  .strict();

const Columns = z
  .array(Column)
  .min(2)
  .max(8)
  .refine((cols) => cols.reduce((a, c) => a + c.width, 0) === 100, 'column widths must add up to 100');

export const SIGNERS = ['worker', 'head', 'supervisor', 'client', 'family'] as const;
export type Signer = (typeof SIGNERS)[number];

const Part = z.discriminatedUnion('part', [
  /** the client's identity: blanks for name and register number, the case code, the intake's facts */
  z.object({ part: z.literal('identity') }).strict(),
  /** a table of the sessions: date, stage, contact, held, rating */
  z.object({ part: z.literal('summary') }).strict(),
  /** the progress chart, where the notes have the rating */
  z.object({ part: z.literal('chart') }).strict(),
  /** every note: its heading line, then its answers under Tujuan, Proses, Respons, Hambatan, Rencana */
  z.object({ part: z.literal('notes') }).strict(),
  /** one row per note, with these columns */
  z.object({ part: z.literal('table'), heading: LocalizedText.optional(), columns: Columns }).strict(),
  /**
   * the plan of the latest note that answered `components` (a multi question, e.g. ATENSI's
   * programmes): `goals` printed above, then one row per chosen component; the other columns are
   * blanks the office fills in (what the flow does not ask)
   */
  z.object({ part: z.literal('plan'), heading: LocalizedText.optional(), goals: z.string().regex(/^[a-z][a-z0-9_]*$/), components: z.string().regex(/^[a-z][a-z0-9_]*$/), columns: z.array(z.object({ label: LocalizedText, width: z.number().int().min(4).max(80) }).strict()).min(2).max(6) }).strict(),
  /** a fixed paragraph (a declaration, an instruction) */
  z.object({ part: z.literal('text'), text: LocalizedText }).strict(),
  /** who signs, two to a row: the worker, the head of the institution (Mengetahui), the supervisor, the client, the family */
  z.object({ part: z.literal('signatures'), signers: z.array(z.enum(SIGNERS)).min(1).max(4) }).strict(),
]);
export type Part = z.infer<typeof Part>;

export const TemplateFile = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'use lower-case letters, digits and - (starting with a letter)'),
    title: LocalizedText,
    /** the button's label in /laporan (≤ 20 characters: an icon goes before it) */
    short: LocalizedText.refine((t) => t.id.length <= 20 && (t.en ?? '').length <= 20, 'short name longer than 20 characters'),
    /** for cases at these places of service (absent: any) */
    settings: z.array(z.enum(SETTING_VALUES)).min(1).optional(),
    /** for cases on these models (absent: any); `question:` columns are checked against them */
    flows: z.array(z.string().regex(/^[a-z][a-z0-9-]*$/)).min(1).optional(),
    /** for cases whose worker has one of these roles (absent: any) */
    roles: z.array(z.enum(ROLE_VALUES)).min(1).optional(),
    /** the setting's institution report: what 📄 Word and 📕 PDF make (one per setting) */
    main: z.boolean().optional(),
    /** institution: filed outside (never reflections or feedback); supervision: the worker's and supervisor's only */
    audience: z.enum(['institution', 'supervision']),
    paper: z.enum(['A4', 'F4']).optional(),
    parts: z.array(Part).min(1),
  })
  .strict()
  .superRefine((t, ctx) => {
    if (t.audience !== 'institution') return;
    t.parts.forEach((p, i) => {
      if (p.part !== 'table') return;
      p.columns.forEach((c, j) => {
        if ((SUPERVISION_VALUES as readonly string[]).includes(c.value) || c.value === 'section:supervisi') {
          ctx.addIssue({ code: 'custom', path: ['parts', i, 'columns', j, 'value'], message: `"${c.value}" is the worker's or the supervisor's own: not in a document filed outside (audience: institution)` });
        }
      });
    });
  });
export type TemplateFile = z.infer<typeof TemplateFile>;
