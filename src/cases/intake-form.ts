// The questions asked to open a case, run by the same engine as the session notes (so back, skip,
// review and validation behave the same). The model question offers the loaded flows.
import type { Catalog } from '../catalog/catalog.ts';
import type { Answers, Flow, Form, Question } from '../engine/types.ts';
import type { CaseRecord, Gender, Setting } from '../store/records.ts';

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

function buildIntakeForm(flows: Flow[]): Form {
  const questions: Question[] = [
    {
      id: 'inisial',
      type: 'initials',
      prompt: { id: 'Inisial klien?', en: "Client's initials?" },
      help: {
        id: 'Huruf saja, 1–5 huruf, misalnya: Si, BZG, RO. Jangan tulis nama lengkap.',
        en: 'Letters only, 1–5 of them, e.g. Si, BZG, RO. Never the full name.',
      },
    },
    {
      id: 'usia',
      type: 'number',
      integer: true,
      min: 1,
      max: 110,
      unit: { id: 'tahun', en: 'years' },
      prompt: { id: 'Usia klien (tahun)?', en: "Client's age (years)?" },
    },
    {
      id: 'jenis_kelamin',
      type: 'choice',
      prompt: { id: 'Jenis kelamin klien?', en: "Client's gender?" },
      options: [
        { value: 'l', label: { id: 'Laki-laki', en: 'Male' } },
        { value: 'p', label: { id: 'Perempuan', en: 'Female' } },
      ],
    },
    {
      id: 'setting',
      type: 'choice',
      prompt: { id: 'Tempat layanan klien?', en: 'Where is the client served?' },
      options: [
        { value: 'lapas', label: { id: 'Lapas / Rutan', en: 'Prison' } },
        { value: 'bapas', label: { id: 'Bapas', en: 'Probation (Bapas)' } },
        { value: 'lpka', label: { id: 'LPKA', en: 'Juvenile prison (LPKA)' } },
        { value: 'ipwl', label: { id: 'IPWL', en: 'IPWL' } },
        { value: 'bnnk', label: { id: 'BNNK', en: 'BNNK' } },
        { value: 'panti', label: { id: 'Panti / rehab', en: 'Rehab centre' } },
        { value: 'sentra', label: { id: 'Sentra/Balai Kemensos', en: 'Kemensos centre' } },
        { value: 'lks', label: { id: 'LKS', en: 'Welfare org. (LKS)' } },
        { value: 'lainnya', label: { id: 'Lainnya', en: 'Other' } },
      ],
    },
    {
      id: 'masalah',
      type: 'text',
      max: 200,
      prompt: { id: 'Masalah utama klien, singkat saja?', en: "The client's main problem, in short?" },
      help: {
        id: 'Misalnya: penyalahgunaan sabu, relasi keluarga renggang.',
        en: 'For example: methamphetamine use, strained family relations.',
      },
    },
    {
      id: 'model',
      type: 'choice',
      prompt: { id: 'Model intervensi yang dipakai?', en: 'Which intervention model?' },
      help: {
        id: flows.map((f, i) => `${i + 1}. ${f.title.id} (${f.stages.length} tahap)`).join('\n'),
        en: flows.map((f, i) => `${i + 1}. ${f.title.en ?? f.title.id} (${f.stages.length} stages)`).join('\n'),
      },
      options: flows.map((f) => ({ value: f.id.replace(/-/g, '_'), label: f.short })),
      // the help lists the models by number: "2" picks the second
      numbered: true,
    },
  ];
  return { questions };
}

/** Option values are slugs with "_"; flow ids use "-". */
function flowIdFromOption(flows: Flow[], value: string): string | undefined {
  return flows.find((f) => f.id.replace(/-/g, '_') === value)?.id;
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
  return {
    id: meta.id,
    ownerId: meta.ownerId,
    initials: String(answers.inisial),
    age: Number(answers.usia),
    gender: answers.jenis_kelamin as Gender,
    setting: answers.setting as Setting,
    problem: String(answers.masalah),
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
