// The questions asked to open a case, and to edit its data on the case card, run by the same engine
// as the session notes (so back, skip, review and validation behave the same). The model question
// offers the loaded flows.
import type { Catalog } from '../catalog/catalog.ts';
import type { Answers, Flow, Form, Question } from '../engine/types.ts';
import type { CaseRecord, Gender, Setting } from '../store/records.ts';
import { factAnswers, factQuestions, factsFrom } from './intake-facts.ts';

// Built once per catalog and list of models offered: every update of an intake asks for it.
const built = new WeakMap<Catalog, Map<string, Form>>();

/** The intake, offering `flows` (an organisation's models; default: the built-in ones). */
export function intakeForm(catalog: Catalog, flows: Flow[] = catalog.flows): Form {
  let forms = built.get(catalog);
  if (!forms) built.set(catalog, (forms = new Map()));
  const key = flows.map((f) => `${f.id}@${f.version}`).join(',');
  let form = forms.get(key);
  if (!form) forms.set(key, (form = buildIntakeForm(flows)));
  return form;
}

/** The option value a model has at intake ("zastrow_mezzo": option values are slugs with "_"). */
export function modelOption(flowId: string): string {
  return flowId.replace(/-/g, '_');
}

const L = (id: string, en: string) => ({ id, en });

/**
 * The model comes first: it decides whether the case is one client (initials, age, gender) or a
 * group (a name, how many, who, their ages). Then where the client is served, the problem, and the
 * facts the institution needs (src/cases/intake-facts.ts).
 */
function buildIntakeForm(flows: Flow[]): Form {
  const groups = flows.filter((f) => f.group).map((f) => modelOption(f.id));
  const person = groups.length ? { not: { model: { in: groups } } } : undefined;
  const group = { model: { in: groups } };
  const questions: Question[] = [
    {
      id: 'model',
      type: 'choice',
      prompt: L('Model intervensi yang dipakai?', 'Which intervention model?'),
      help: {
        id: flows.map((f, i) => `${i + 1}. ${f.title.id} (${f.stages.length} tahap)`).join('\n'),
        en: flows.map((f, i) => `${i + 1}. ${f.title.en ?? f.title.id} (${f.stages.length} stages)`).join('\n'),
      },
      options: flows.map((f) => ({ value: modelOption(f.id), label: f.short })),
      // the help lists the models by number: "2" picks the second
      numbered: true,
    },
    {
      id: 'inisial',
      type: 'initials',
      ...(person ? { when: person } : {}),
      prompt: L('Inisial klien?', "Client's initials?"),
      help: L('Huruf saja, 1–5 huruf, misalnya: Si, BZG, RO. Jangan tulis nama lengkap.', 'Letters only, 1–5 of them, e.g. Si, BZG, RO. Never the full name.'),
    },
    ageQuestion('usia', L('Usia klien (tahun)?', "Client's age (years)?"), person),
    {
      id: 'jenis_kelamin',
      type: 'choice',
      ...(person ? { when: person } : {}),
      prompt: L('Jenis kelamin klien?', "Client's gender?"),
      options: [
        { value: 'l', label: L('Laki-laki', 'Male') },
        { value: 'p', label: L('Perempuan', 'Female') },
      ],
    },
    ...(groups.length ? groupQuestions(group) : []),
    {
      id: 'setting',
      type: 'choice',
      prompt: L('Tempat layanan klien?', 'Where is the client served?'),
      options: SETTING_OPTIONS,
    },
    {
      id: 'masalah',
      type: 'text',
      max: 200,
      prompt: L('Masalah utama klien, singkat saja?', "The client's main problem, in short?"),
      help: L('Misalnya: penyalahgunaan sabu, relasi keluarga renggang.', 'For example: methamphetamine use, strained family relations.'),
    },
    ...factQuestions(groups),
  ];
  return { questions };
}

export const SETTING_OPTIONS = [
  { value: 'lapas', label: L('Lapas / Rutan', 'Prison') },
  { value: 'bapas', label: L('Bapas', 'Probation (Bapas)') },
  { value: 'lpka', label: L('LPKA', 'Juvenile prison (LPKA)') },
  { value: 'ipwl', label: L('IPWL', 'IPWL') },
  { value: 'bnnk', label: L('BNNK', 'BNNK') },
  { value: 'panti', label: L('Panti / rehab', 'Rehab centre') },
  { value: 'sentra', label: L('Sentra/Balai Kemensos', 'Kemensos centre') },
  { value: 'lks', label: L('LKS', 'Welfare org. (LKS)') },
  { value: 'lainnya', label: L('Lainnya', 'Other') },
];

/** A group case: the group's name (never its members' names), how many, who, their ages. */
function groupQuestions(when: Question['when']): Question[] {
  return [
    {
      id: 'nama_kelompok',
      type: 'text',
      max: 20,
      when,
      prompt: L('Nama atau kode kelompok?', "The group's name or code?"),
      help: L('Misalnya: Kelompok Mawar, TC-3. Tanpa nama anggota.', "For example: Rose group, TC-3. No member's name."),
    },
    {
      id: 'jumlah_anggota',
      type: 'number',
      integer: true,
      min: 2,
      max: 60,
      when,
      unit: L('orang', 'people'),
      prompt: L('Berapa anggota kelompok?', 'How many members?'),
    },
    {
      id: 'komposisi',
      type: 'choice',
      when,
      prompt: L('Anggota kelompok?', 'The members are?'),
      options: [
        { value: 'l', label: L('Laki-laki semua', 'All men') },
        { value: 'p', label: L('Perempuan semua', 'All women') },
        { value: 'campuran', label: L('Campuran', 'Mixed') },
      ],
    },
    ageQuestion('usia_termuda', L('Usia anggota termuda?', 'Age of the youngest member?'), when),
    ageQuestion('usia_tertua', L('Usia anggota tertua?', 'Age of the oldest member?'), when),
  ];
}

/** An age in whole years, as the client's and a group's youngest and oldest member's are asked. */
function ageQuestion(id: string, prompt: { id: string; en: string }, when: Question['when']): Question {
  return { id, type: 'number', integer: true, min: 1, max: 110, ...(when ? { when } : {}), unit: L('tahun', 'years'), prompt };
}

/**
 * A case's data as its card edits it: where the client is served, the problem, and the facts
 * (the client's initials and age, and the model, stay as opened). Starts from what is recorded;
 * the intake's model answer stays among the answers, for the facts' conditions.
 */
export function caseEditForm(catalog: Catalog, c: CaseRecord): { form: Form; answers: Answers } {
  const flow = catalog.get(c.flowId);
  const groups = flow?.group ? [modelOption(c.flowId)] : [];
  const form: Form = {
    questions: [
      { id: 'setting', type: 'choice', prompt: L('Tempat layanan klien?', 'Where is the client served?'), options: SETTING_OPTIONS },
      { id: 'masalah', type: 'text', max: 200, prompt: L('Masalah utama klien, singkat saja?', "The client's main problem, in short?") },
      ...factQuestions(groups),
    ],
  };
  // an optional fact not recorded was skipped (shown as such); a required one missing (an older
  // case) is asked when the edit begins
  const skipped = Object.fromEntries(form.questions.filter((q) => q.optional && !(q.id in (c.facts ?? {}))).map((q) => [q.id, null]));
  return { form, answers: { model: modelOption(c.flowId), setting: c.setting, masalah: c.problem, ...skipped, ...factAnswers(c) } };
}

/** A case with its data edited (caseEditForm's answers). */
export function caseEdited(c: CaseRecord, answers: Answers, now: string): CaseRecord {
  const facts = factsFrom(answers);
  return {
    ...c,
    setting: answers.setting as Setting,
    problem: String(answers.masalah),
    ...(Object.keys(facts).length ? { facts } : { facts: undefined }),
    updatedAt: now,
  };
}

/** Option values are slugs with "_"; flow ids use "-". */
function flowIdFromOption(flows: Flow[], value: string): string | undefined {
  return flows.find((f) => modelOption(f.id) === value)?.id;
}

export function caseFromIntake(
  catalog: Catalog,
  answers: Answers,
  meta: { id: string; ownerId: number; now: string },
  flows: Flow[] = catalog.flows,
): CaseRecord {
  const flowId = flowIdFromOption(flows, String(answers.model));
  const flow = flowId ? catalog.get(flowId) : undefined;
  if (!flow) throw new Error(`intake chose an unknown model: ${String(answers.model)}`);
  const facts = factsFrom(answers);
  // a group stands where one client would: its name, its youngest member's age (src/store/records.ts)
  const who = flow.group
    ? { initials: String(answers.nama_kelompok), age: Math.min(Number(answers.usia_termuda), Number(answers.usia_tertua)), gender: answers.komposisi as Gender, group: { members: Number(answers.jumlah_anggota), oldest: Math.max(Number(answers.usia_termuda), Number(answers.usia_tertua)) } }
    : { initials: String(answers.inisial), age: Number(answers.usia), gender: answers.jenis_kelamin as Gender };
  return {
    id: meta.id,
    ownerId: meta.ownerId,
    ...who,
    setting: answers.setting as Setting,
    problem: String(answers.masalah),
    ...(Object.keys(facts).length ? { facts } : {}),
    // no note yet: nothing for a chart (src/export/chart-model.ts mayChart)
    rated: false,
    flowId: flow.id,
    stageId: flow.stages[0]!.id,
    status: 'active',
    createdAt: meta.now,
    stageSince: meta.now,
    updatedAt: meta.now,
    noteCount: 0,
    monitoring: { cadence: flow.monitoring },
  };
}
