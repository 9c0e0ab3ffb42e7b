// The shape of flow files (flows/*.yaml) and shared question blocks (flows/common/*.yaml).
// Pure: zod only. The loader turns zod issues into `file:line — path: message`.
import { z } from 'zod';

/**
 * Texts are shown as Telegram HTML after escaping, but a tag in a flow file is a mistake either way
 * (an author expecting bold, or a file made to break the bot's messages): refused, in plain words.
 */
const HTML_LIKE = /<\/?[a-zA-Z!][^>]*>|&(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);/;
const NO_HTML = 'HTML tag or entity in the text (Telegram would read it as formatting): write it without < > and &…;';
const plain = z.string().refine((s) => !HTML_LIKE.test(s), NO_HTML);

/** Indonesian is required everywhere; English is optional and falls back to Indonesian. */
export const LocalizedText = z
  .object({
    id: z.string({ error: 'Indonesian text (id) is required' }).trim().min(1, 'Indonesian text (id) is required').pipe(plain),
    en: z.string().trim().min(1).pipe(plain).optional(),
  })
  .strict();

const slug = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, 'use lower-case letters, digits and _ (starting with a letter)');
const flowSlug = z
  .string()
  .regex(/^[a-z][a-z0-9-]*$/, 'use lower-case letters, digits and - (starting with a letter)');

const LONG_LABEL = 'button label longer than 24 characters';
const LONG_MULTI_LABEL = 'option label of a multi question longer than 22 characters (a ticked one shows "✅ " before it)';
const LONG_PROMPT = 'prompt longer than 10 lines (put background in the stage guide)';
const LONG_SHORT = 'short name longer than 16 characters';
/** Rules of style for the phone, added over time: not applied to frozen earlier versions. */
export const STYLE_RULES: ReadonlySet<string> = new Set([LONG_LABEL, LONG_MULTI_LABEL, LONG_PROMPT, LONG_SHORT]);

/** Button labels must stay readable on a cheap phone. */
const buttonText = LocalizedText.refine(
  (t) => t.id.length <= 24 && (t.en === undefined || t.en.length <= 24),
  LONG_LABEL,
);

const Primitive = z.union([z.string(), z.number(), z.boolean()]);
const Operators = z
  .object({
    eq: Primitive.optional(),
    ne: Primitive.optional(),
    lt: z.number().optional(),
    lte: z.number().optional(),
    gt: z.number().optional(),
    gte: z.number().optional(),
    in: z.array(Primitive).min(1).optional(),
    /** for multi answers: the selection contains this value */
    includes: z.string().optional(),
    /** true: the question was answered (not skipped); false: it was skipped or not asked */
    answered: z.boolean().optional(),
    /** for file answers: the file sent is one of these kinds (a photo, not a voice note) */
    kind: z.array(z.enum(['photo', 'voice', 'audio', 'video', 'document'])).min(1).optional(),
  })
  .strict();

export type Operators = z.infer<typeof Operators>;
/**
 * `{ q1: value }` means q1 equals value; `{ q1: { lte: 2 } }` compares; several keys must all hold.
 * `any: [...]` holds when one of its conditions does; `all: [...]` when every one does; `not: {...}`.
 */
export type Condition = {
  any?: Condition[];
  all?: Condition[];
  not?: Condition;
  [questionId: string]: unknown;
};
export const Condition: z.ZodType<Condition> = z.lazy(() =>
  z
    .object({
      any: z.array(Condition).min(1).optional(),
      all: z.array(Condition).min(1).optional(),
      not: Condition.optional(),
    })
    .catchall(z.union([Primitive, Operators]))
    .refine((c) => Object.keys(c).length > 0, 'empty condition'),
) as z.ZodType<Condition>;

export const ChoiceOption = z
  .object({
    value: slug,
    label: buttonText,
    /** in a multi question: ticking this option clears the others, and the others clear it ("tidak ada") */
    exclusive: z.boolean().optional(),
    /** in a risk (`alert`) question: recorded and shown in the summary, but no urgent alert (a relapse) */
    urgent: z.literal(false).optional(),
    /** "Lainnya": choosing it asks a one-line "sebutkan" follow-up (`<question>_sebut`), so the note says what */
    other: z.literal(true).optional(),
  })
  .strict();

/**
 * Where an answer goes in the institution's report (Laporan untuk lembaga), under the headings an
 * activity record uses. `sesi`: the note's heading line (date, held, contact type), not an item;
 * `supervisi`: the worker's reflection, asks, roles and skills — only in the supervision record
 * (Catatan supervisi), never in a document filed outside; `lampiran`: a file, attached; `internal`:
 * bookkeeping printed nowhere (a photo's consent answer).
 */
export const REPORT_SECTIONS = ['tujuan', 'proses', 'respons', 'hambatan', 'rencana', 'sesi', 'supervisi', 'lampiran', 'internal'] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];
/** The headings printed, in this order (the rest are not printed as items). */
export const PRINTED_SECTIONS = ['tujuan', 'proses', 'respons', 'hambatan', 'rencana'] as const satisfies readonly ReportSection[];

const REPORT_LABEL_MAX = 48;

const base = {
  id: slug,
  /** the item's short name in documents ("Kondisi psikososial", not the question asked) */
  report_label: LocalizedText.refine((t) => t.id.length <= REPORT_LABEL_MAX && (t.en ?? '').length <= REPORT_LABEL_MAX, `report label longer than ${REPORT_LABEL_MAX} characters`).optional(),
  /** the report's heading it is printed under (absent: proses) */
  section: z.enum(REPORT_SECTIONS).optional(),
  prompt: LocalizedText.refine(
    (t) => t.id.split('\n').length <= 10,
    LONG_PROMPT,
  ),
  /** a short example or hint shown under the prompt */
  help: LocalizedText.optional(),
  optional: z.boolean().optional(),
  when: Condition.optional(),
  /** shown in the supervisor's summary of a note */
  summary: z.boolean().optional(),
  /** offer the case's previous answer to this question with one button ("Sama seperti sesi lalu") */
  carry: z.boolean().optional(),
  /** show the case's latest answer to that (carried) question above this prompt, e.g. the agreed goals */
  recall: slug.optional(),
  /**
   * an answer that is not "nothing" (an option other than `exclusive` ones and `urgent: false`
   * ones, or "yes") goes to the supervisors at once, marked urgent: the risk flag
   */
  alert: z.boolean().optional(),
};

const TextQ = z
  .object({
    ...base,
    type: z.enum(['text', 'longtext']),
    /** maximum characters; defaults: text 300, longtext 2000 */
    max: z.number().int().min(1).max(3500).optional(),
  })
  .strict();
/** the help lists the options with numbers ("1. …"): a typed number picks one (elsewhere it does not) */
const numbered = z.boolean().optional();
const ChoiceQ = z
  .object({
    ...base,
    type: z.literal('choice'),
    options: z.array(ChoiceOption).min(2).max(12),
    numbered,
  })
  .strict();
const MultiQ = z
  .object({
    ...base,
    type: z.literal('multi'),
    options: z.array(ChoiceOption).min(2).max(15),
    /** fewest selections (default 1) */
    min: z.number().int().min(1).optional(),
    max: z.number().int().min(1).optional(),
    /** the follow-up question's prompt when a stage offers only some options first (stage `offer`);
     *  without it (flows from version 5 of the built-in ones) the other options open in place */
    more_prompt: LocalizedText.optional(),
    /** options shown until the more button is pressed (set from a stage's `offer`); the rest open in place */
    first: z.array(slug).min(1).optional(),
    /** the label of the button that shows the other options ("Peran lain…"): navigation, never an answer */
    more_label: buttonText.optional(),
    numbered,
  })
  .strict()
  // a ticked option shows as "✅ label": that must fit the 24 characters of a button too
  .refine((q) => q.options.every((o) => o.label.id.length <= 22 && (o.label.en ?? '').length <= 22), {
    message: LONG_MULTI_LABEL,
    path: ['options'],
  });
const YesNoQ = z.object({ ...base, type: z.literal('yesno') }).strict();
/** A client's initials ("Si", "BZG"): letters only, 1–5 of them, so full names never get stored. */
const InitialsQ = z.object({ ...base, type: z.literal('initials') }).strict();
const ScaleQ = z
  .object({
    ...base,
    type: z.literal('scale'),
    min: z.number().int(),
    max: z.number().int(),
    /** what the ends of the scale mean, e.g. 1 = "sangat rendah" */
    labels: z.object({ min: LocalizedText, max: LocalizedText }).strict().optional(),
    /** what every point means, lowest first, printed in documents ("4 — Cukup terbuka") */
    points: z.array(LocalizedText).optional(),
  })
  .strict()
  .refine((q) => q.max > q.min && q.max - q.min <= 9, 'scale needs min < max and at most 10 points')
  .refine((q) => !q.points || q.points.length === q.max - q.min + 1, { message: 'points must name every point of the scale, lowest first', path: ['points'] });
const NumberQ = z
  .object({
    ...base,
    type: z.literal('number'),
    min: z.number().optional(),
    max: z.number().optional(),
    integer: z.boolean().optional(),
    unit: LocalizedText.optional(),
  })
  .strict();
const DateQ = z
  .object({
    ...base,
    type: z.literal('date'),
    /** past: today or earlier; future: today or later; any (default) */
    allow: z.enum(['past', 'future', 'any']).optional(),
    /** false: no date buttons (a date months or years away, such as the end of a supervision period) */
    shortcuts: z.literal(false).optional(),
  })
  .strict();
const FileQ = z
  .object({
    ...base,
    type: z.literal('file'),
    accept: z
      .array(z.enum(['photo', 'voice', 'audio', 'video', 'document']))
      .min(1)
      .optional(),
  })
  .strict();

// discriminated by `type`, so an error names the field at fault ("….type: Invalid option…")
export const Question = z.discriminatedUnion('type', [TextQ, ChoiceQ, MultiQ, YesNoQ, InitialsQ, ScaleQ, NumberQ, DateQ, FileQ]);

export const Stage = z
  .object({
    id: slug,
    title: LocalizedText,
    /** what this stage is for, shown on request ("ℹ️ Panduan") */
    guide: LocalizedText,
    questions: z.array(Question).min(1),
    /**
     * options of a shared multi question to offer first in this stage, e.g.
     * `offer: { peran_peksos: [fasilitator, perencana] }`; the rest come behind "Lainnya…"
     */
    offer: z.record(slug, z.array(slug).min(1)).optional(),
    /** how many weeks a case usually stays in this stage: longer, and the supervisor's /tim marks it
     *  (absent: DEFAULT_STAGE_WEEKS) */
    weeks: z.number().int().min(1).max(104).optional(),
    /**
     * written alongside the other stages for the whole case, not moved to once (a Bapas client's
     * monthly supervision, pengawasan): a note in it never moves the case, "next stage" passes it by,
     * and the first screen of every note of the case offers it
     */
    alongside: z.boolean().optional(),
  })
  .strict();

/**
 * What a draft started on the previous version needs to continue on this one: answers renamed,
 * dropped, or a choice's values mapped (`map: { q: { old: new } }`). Applied in rename → drop → map
 * order, by src/engine/migrate.ts.
 */
export const Migration = z
  .object({
    from: z.number().int().min(1),
    rename: z.record(slug, slug).optional(),
    drop: z.array(slug).optional(),
    map: z.record(slug, z.record(z.string(), slug)).optional(),
  })
  .strict();

export const FlowFile = z
  .object({
    id: flowSlug,
    version: z.number().int().min(1),
    title: LocalizedText,
    /** short name for case labels: "Si (42) · Zastrow · tahap 3/8" (≤ 16 characters) */
    short: LocalizedText.refine((t) => t.id.length <= 16, LONG_SHORT),
    description: LocalizedText.optional(),
    source: z.string().min(1),
    /** default monitoring cadence of cases on this model */
    monitoring: z.enum(['weekly', 'biweekly', 'monthly']).optional(),
    /** its cases are groups (a name, members, composition), not one client's initials and age */
    group: z.boolean().optional(),
    /**
     * answers the shared questions take by default in every note of this model, e.g. a group's
     * session is a group meeting: `preset: { jenis_kontak: kelompok, yang_hadir: [kelompok] }`.
     * The walk passes them by; the review shows them, changeable like any answer.
     */
    preset: z.record(slug, z.union([slug, z.array(slug).min(1)])).optional(),
    include: z
      .object({
        before: z.array(z.string().min(1)).optional(),
        after: z.array(z.string().min(1)).optional(),
      })
      .strict()
      .optional(),
    stages: z.array(Stage).min(1),
    migrations: z.array(Migration).optional(),
  })
  .strict();

/** A block of shared questions, included before or after every stage's own questions. */
export const CommonFile = z
  .object({
    id: flowSlug,
    /** the stage's own questions are asked only when this holds (e.g. the session took place) */
    gate: Condition.optional(),
    questions: z.array(Question).min(1),
  })
  .strict();

export type LocalizedText = z.infer<typeof LocalizedText>;
export type ChoiceOption = z.infer<typeof ChoiceOption>;
export type Question = z.infer<typeof Question>;
export type QuestionType = Question['type'];
export type StageFile = z.infer<typeof Stage>;
export type FlowFile = z.infer<typeof FlowFile>;
export type CommonFile = z.infer<typeof CommonFile>;
export type Migration = z.infer<typeof Migration>;
