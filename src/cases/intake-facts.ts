// What the institution needs to know of a case, asked once at intake and editable on the case card
// (#26 point 3): the worker's own role in the case, a Bapas client's program, the end of the
// supervision period and the guarantor, and for a NAPZA client the substance, inpatient or
// outpatient, and how the client came. Questions of the intake form, asked where they apply: their
// conditions read the intake's `model` and `setting` answers.
import type { Answers, Question } from '../engine/types.ts';
import type { CaseFacts, CaseRecord } from '../store/records.ts';

const L = (id: string, en: string) => ({ id, en });

/** Settings of the justice system: no NAPZA-service questions (inpatient, how the client came). */
const JUSTICE = ['lapas', 'bapas', 'lpka'];

export const FACT_IDS = ['peran', 'program', 'akhir_bimbingan', 'penjamin', 'penjamin_setuju', 'zat_utama', 'rawat', 'cara_masuk'] as const satisfies readonly (keyof CaseFacts)[];

/** The fact questions. `groupModels`: the option values of models whose cases are groups (no substance asked). */
export function factQuestions(groupModels: string[]): Question[] {
  const individual = groupModels.length ? { not: { model: { in: groupModels } } } : {};
  return [
    {
      id: 'peran',
      type: 'choice',
      prompt: L('Peran Anda dalam kasus ini?', 'Your role in this case?'),
      help: L('Praktikan juga mencatat peran dan teori yang dipakai, untuk dosen pembimbing.', 'Students also record the roles and theory they used, for their tutor.'),
      options: [
        { value: 'pk', label: L('PK Bapas', 'Probation officer') },
        { value: 'peksos', label: L('Pekerja sosial', 'Social worker') },
        { value: 'konselor', label: L('Konselor adiksi', 'Addiction counsellor') },
        { value: 'praktikan', label: L('Praktikan (mahasiswa)', 'Student on placement') },
        { value: 'lainnya', label: L('Petugas lain', 'Other staff') },
      ],
    },
    {
      id: 'program',
      type: 'choice',
      when: { setting: 'bapas' },
      prompt: L('Program klien di Bapas?', "The client's Bapas programme?"),
      // the values of bapas-eic's former stage-1 question `status_klien`, so both read alike
      options: [
        { value: 'pembebasan_bersyarat', label: L('Pembebasan bersyarat', 'Parole') },
        { value: 'cuti_bersyarat', label: L('Cuti bersyarat', 'Conditional leave') },
        { value: 'cuti_menjelang_bebas', label: L('Cuti menjelang bebas', 'Pre-release leave') },
        { value: 'asimilasi', label: L('Asimilasi', 'Assimilation') },
        { value: 'pidana_bersyarat', label: L('Pidana bersyarat', 'Suspended sentence') },
        { value: 'pidana_pengawasan', label: L('Pidana pengawasan', 'Supervision order') },
        { value: 'klien_anak', label: L('Klien anak', 'Juvenile client') },
        { value: 'lainnya', label: L('Lainnya', 'Other') },
      ],
    },
    {
      id: 'akhir_bimbingan',
      type: 'date',
      allow: 'future',
      // months or years away: "+1 minggu" would be no help
      shortcuts: false,
      optional: true,
      when: { setting: 'bapas' },
      prompt: L('Kapan masa bimbingan berakhir?', 'When does the supervision period end?'),
      help: L('Ketik tanggalnya, misalnya 30/6/2026 (lihat SK atau putusan). Lewati bila belum tahu; bisa diisi nanti di kartu kasus.', 'Type the date, e.g. 30/6/2026 (see the decree or ruling). Skip if unknown; it can be added on the case card later.'),
    },
    {
      id: 'penjamin',
      type: 'choice',
      when: { setting: 'bapas' },
      prompt: L('Siapa penjamin klien?', "Who is the client's guarantor?"),
      options: [
        { value: 'orang_tua', label: L('Orang tua', 'Parent') },
        { value: 'pasangan', label: L('Suami / istri', 'Spouse') },
        { value: 'saudara', label: L('Saudara', 'Sibling / relative') },
        { value: 'lainnya', label: L('Lainnya', 'Someone else') },
        { value: 'tidak_ada', label: L('Belum ada penjamin', 'No guarantor yet') },
      ],
    },
    {
      id: 'penjamin_setuju',
      type: 'choice',
      when: { setting: 'bapas', penjamin: { in: ['orang_tua', 'pasangan', 'saudara', 'lainnya'] } },
      prompt: L('Apakah penjamin sudah menyatakan kesediaan?', 'Has the guarantor agreed?'),
      options: [
        { value: 'tertulis', label: L('Ya, tertulis', 'Yes, in writing') },
        { value: 'lisan', label: L('Ya, lisan', 'Yes, verbally') },
        { value: 'belum', label: L('Belum', 'Not yet') },
      ],
    },
    {
      id: 'zat_utama',
      type: 'choice',
      ...(groupModels.length ? { when: individual } : {}),
      prompt: L('Zat utama yang dipakai klien?', 'The main substance the client uses?'),
      help: L('Menurut asesmen atau pengakuan klien.', 'As assessed, or as the client says.'),
      options: [
        { value: 'tidak_ada', label: L('Tidak memakai NAPZA', 'No drug use') },
        { value: 'sabu', label: L('Sabu', 'Methamphetamine') },
        { value: 'ganja', label: L('Ganja', 'Cannabis') },
        { value: 'opioid', label: L('Heroin / opioid', 'Heroin / opioids') },
        { value: 'pil', label: L('Pil / obat keras', 'Pills / prescription') },
        { value: 'alkohol', label: L('Alkohol', 'Alcohol') },
        { value: 'lainnya', label: L('Lainnya', 'Other') },
      ],
    },
    {
      id: 'rawat',
      type: 'choice',
      when: { zat_utama: { ne: 'tidak_ada' }, not: { setting: { in: JUSTICE } } },
      prompt: L('Rawat inap atau rawat jalan?', 'Inpatient or outpatient?'),
      options: [
        { value: 'inap', label: L('Rawat inap', 'Inpatient') },
        { value: 'jalan', label: L('Rawat jalan', 'Outpatient') },
      ],
    },
    {
      id: 'cara_masuk',
      type: 'choice',
      when: { zat_utama: { ne: 'tidak_ada' }, not: { setting: { in: JUSTICE } } },
      prompt: L('Bagaimana klien datang?', 'How did the client come?'),
      options: [
        { value: 'sukarela', label: L('Sukarela', 'Voluntarily') },
        { value: 'keluarga', label: L('Dibawa keluarga', 'Brought by family') },
        { value: 'wajib_lapor', label: L('Wajib lapor (IPWL)', 'Compulsory report') },
        { value: 'putusan', label: L('Putusan pengadilan', 'Court order') },
        { value: 'tat', label: L('Rekomendasi TAT', 'TAT referral') },
        { value: 'lainnya', label: L('Lainnya', 'Other') },
      ],
    },
  ];
}

/** The facts among a finished intake's (or an edit's) answers; a skipped or unasked one is left out. */
export function factsFrom(answers: Answers): CaseFacts {
  const facts: CaseFacts = {};
  for (const id of FACT_IDS) {
    const v = answers[id];
    if (typeof v === 'string' && v) facts[id] = v;
  }
  return facts;
}

/** The case's facts as answers, to start its edit from what is recorded. */
export function factAnswers(c: Pick<CaseRecord, 'facts'>): Answers {
  return { ...(c.facts ?? {}) };
}

/** The case's recorded facts as [fact id, the chosen option's words] (a date as it is), in the
 *  intake's order: for the case card and reports. */
export function factWords(c: Pick<CaseRecord, 'facts'>, lang: 'id' | 'en'): [keyof CaseFacts, string][] {
  const out: [keyof CaseFacts, string][] = [];
  const questions = factQuestions([]);
  for (const id of FACT_IDS) {
    const v = c.facts?.[id];
    if (!v) continue;
    const q = questions.find((x) => x.id === id);
    const option = q && q.type === 'choice' ? q.options.find((o) => o.value === v) : undefined;
    out.push([id, option ? (lang === 'en' ? (option.label.en ?? option.label.id) : option.label.id) : v]);
  }
  return out;
}

/** The worker's job title in a document, as the case records their role; a case without it by its
 *  setting (a Bapas case is a PK's, others a peksos'): a locale key, "job-title-<role>". */
export function jobTitleKey(c: Pick<CaseRecord, 'facts' | 'setting'>): string {
  const role = c.facts?.peran ?? (c.setting === 'bapas' ? 'pk' : 'peksos');
  return `job-title-${role}`;
}
