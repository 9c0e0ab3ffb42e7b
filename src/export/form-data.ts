// What an institution's own Word form may ask for, and its values for one case: the placeholder
// vocabulary an admin writes in the form (Indonesian, as the office says it: `{klien.kode}`,
// `{periode}`, a loop `{#catatan}…{/catatan}` over the notes, `{grafik}` for the progress chart), and
// the values, taken from the institution's report model (institution-report.ts) and the case. What the
// bot never holds — the client's name, a register number, NIPs — is a blank to fill in by hand.
//
// Pure and library-free: form-template.ts turns this into the templating library's data.
import { caseCode, pick, type Lang } from '../cases/labels.ts';
import type { LocalizedText } from '../engine/types.ts';
import { factWords } from '../cases/intake-facts.ts';
import type { CaseRecord } from '../store/records.ts';
import type { Translate } from '../telegram/format.ts';
import type { ChartModel } from './chart-model.ts';
import { longDate, dayIn } from './dates.ts';
import { BLANK, type InstitutionReport } from './institution-report.ts';

/** The one loop a form may have: the notes, oldest first. */
export const NOTE_LOOP = 'catatan';

/** The one picture a form may have: the progress chart. */
export const CHART_IMAGE = 'grafik';

/** Placeholders anywhere in the form (inside the loop too: the loop sees the outer names). */
export const FORM_FIELDS = [
  'lembaga.nama',
  'judul',
  'rahasia',
  'klien.kode',
  'klien.inisial',
  'klien.usia',
  'klien.jenis_kelamin',
  'klien.tempat_layanan',
  'klien.masalah',
  'klien.kelompok',
  'klien.program',
  'klien.akhir_bimbingan',
  'klien.penjamin',
  'klien.zat_utama',
  'klien.rawat',
  'klien.cara_masuk',
  'klien.nama',
  'klien.nomor_register',
  'petugas.nama',
  'petugas.jabatan',
  'petugas.nip',
  'supervisor.nama',
  'supervisor.nip',
  'periode',
  'tanggal',
  'model',
  'tahap',
  'status',
  'jumlah_catatan',
] as const;

/** Placeholders of one note: inside `{#catatan}…{/catatan}` only, each also as `catatan.<name>`. */
export const NOTE_FIELDS = ['no', 'tanggal', 'tahap', 'bentuk', 'terlaksana', 'tujuan', 'proses', 'respons', 'hambatan', 'rencana', 'kemajuan', 'lampiran'] as const;

export type FormField = (typeof FORM_FIELDS)[number];
export type NoteField = (typeof NOTE_FIELDS)[number];

export interface FormData {
  fields: Record<FormField, string>;
  /** one per note, in date order; each note's values under both `x` and `catatan.x` */
  notes: Record<string, string>[];
  chart: ChartModel | undefined;
}

/** Where a name may be used: anywhere, only inside the loop, the loop itself, the chart, or nowhere. */
export function placeOf(name: string): 'field' | 'note' | 'loop' | 'image' | undefined {
  if (name === NOTE_LOOP) return 'loop';
  if (name === CHART_IMAGE) return 'image';
  if ((FORM_FIELDS as readonly string[]).includes(name)) return 'field';
  const own = name.startsWith(`${NOTE_LOOP}.`) ? name.slice(NOTE_LOOP.length + 1) : name;
  return (NOTE_FIELDS as readonly string[]).includes(own) ? 'note' : undefined;
}

/** The known name nearest to a misspelt one (at most two letters off), for "maksud Anda …?". */
export function nearestName(name: string): string | undefined {
  const all = [...FORM_FIELDS, ...NOTE_FIELDS, NOTE_LOOP, CHART_IMAGE];
  let best: { name: string; d: number } | undefined;
  for (const candidate of all) {
    const d = distance(name.toLowerCase(), candidate);
    if (d <= 2 && (!best || d < best.d)) best = { name: candidate, d };
  }
  return best?.name;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const here = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = here;
    }
  }
  return row[b.length]!;
}

function noteValues(values: Record<NoteField, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) {
    out[k] = v;
    out[`${NOTE_LOOP}.${k}`] = v;
  }
  return out;
}

/** A section's items as the form prints them: "Label: answer", one a line. */
function sectionText(n: InstitutionReport['notes'][number], heading: string): string {
  const s = n.sections.find((x) => x.heading === heading);
  return s ? s.items.map((i) => `${i.label}: ${i.text}`).join('\n') : '—';
}

export interface FormInput {
  report: InstitutionReport;
  case: CaseRecord;
  workerName: string;
  supervisorNames: string[];
  lang: Lang;
  zone: string;
  now: string;
  t: Translate;
}

/** The form's values for one case, from its institution report. */
export function buildFormData(input: FormInput): FormData {
  const { report: r, case: c, lang, t } = input;
  const row = (labelKey: string) => r.identity.find((x) => x.label === t(labelKey))?.value ?? '—';
  const facts = new Map(factWords(c, lang));
  const fact = (id: Parameters<typeof facts.get>[0]) => {
    const v = facts.get(id);
    if (!v) return '—';
    return id === 'akhir_bimbingan' ? longDate(v, lang) : v;
  };
  const heading = (s: string) => t(`inst-section-${s}`);
  const fields: Record<FormField, string> = {
    'lembaga.nama': r.org ?? BLANK,
    judul: r.title,
    rahasia: r.confidential,
    'klien.kode': caseCode(c.id),
    'klien.inisial': c.initials,
    'klien.usia': String(c.age),
    'klien.jenis_kelamin': t(`gender-${c.gender}`),
    'klien.tempat_layanan': t(`setting-${c.setting}`),
    'klien.masalah': c.problem,
    'klien.kelompok': c.group ? row('report-cover-group') : '—',
    'klien.program': fact('program'),
    'klien.akhir_bimbingan': fact('akhir_bimbingan'),
    'klien.penjamin': fact('penjamin'),
    'klien.zat_utama': fact('zat_utama'),
    'klien.rawat': fact('rawat'),
    'klien.cara_masuk': fact('cara_masuk'),
    // never typed into Telegram: the office writes them in
    'klien.nama': BLANK,
    'klien.nomor_register': BLANK,
    'petugas.nama': input.workerName,
    'petugas.jabatan': r.signatures[0].role,
    'petugas.nip': BLANK,
    'supervisor.nama': input.supervisorNames[0] ?? BLANK,
    'supervisor.nip': BLANK,
    periode: row('inst-period'),
    tanggal: longDate(dayIn(input.now, input.zone), lang),
    model: row('report-cover-model'),
    tahap: row('report-cover-stage'),
    status: c.status === 'closed' ? row('report-cover-ended') : t('form-status-active'),
    jumlah_catatan: String(r.notes.length),
  };
  const notes = r.notes.map((n, i) => {
    // the summary row of the same note: number, date, stage, contact, held or why not, rating
    const s = r.summaryRows[i] ?? [];
    return noteValues({
      no: s[0] ?? String(i + 1),
      tanggal: s[1] ?? '—',
      tahap: s[2] ?? '—',
      bentuk: s[3] ?? '—',
      terlaksana: s[4] ?? n.line,
      tujuan: sectionText(n, heading('tujuan')),
      proses: sectionText(n, heading('proses')),
      respons: sectionText(n, heading('respons')),
      hambatan: sectionText(n, heading('hambatan')),
      rencana: sectionText(n, heading('rencana')),
      kemajuan: s[5] ?? '—',
      lampiran: n.attachments.map((a) => `${a.label}: ${a.text}`).join('\n') || '—',
    });
  });
  return { fields, notes, chart: r.chart };
}

const EX = (id: string, en: string): LocalizedText => ({ id, en });

/** A made-up case, marked CONTOH, for the preview of an organisation that has no case yet. */
export function exampleFormData(orgName: string | undefined, lang: Lang, now: string, zone: string, t: Translate): FormData {
  const mark = pick(EX('CONTOH', 'EXAMPLE'), lang);
  const ex = (id: string, en: string) => `${pick(EX(id, en), lang)} (${mark})`;
  const today = longDate(dayIn(now, zone), lang);
  const fields: Record<FormField, string> = {
    'lembaga.nama': orgName ?? BLANK,
    judul: `${t('inst-title-default')} — ${mark}`,
    rahasia: t('inst-confidential'),
    'klien.kode': `#${mark}`,
    'klien.inisial': 'Xy',
    'klien.usia': '30',
    'klien.jenis_kelamin': t('gender-l'),
    'klien.tempat_layanan': t('setting-lks'),
    'klien.masalah': ex('Relasi keluarga renggang', 'Strained family relations'),
    'klien.kelompok': '—',
    'klien.program': '—',
    'klien.akhir_bimbingan': '—',
    'klien.penjamin': '—',
    'klien.zat_utama': '—',
    'klien.rawat': '—',
    'klien.cara_masuk': '—',
    'klien.nama': BLANK,
    'klien.nomor_register': BLANK,
    'petugas.nama': mark,
    'petugas.jabatan': t('job-title-peksos'),
    'petugas.nip': BLANK,
    'supervisor.nama': BLANK,
    'supervisor.nip': BLANK,
    periode: t('inst-period-value', { from: today, to: today }),
    tanggal: today,
    model: mark,
    tahap: mark,
    status: t('form-status-active'),
    jumlah_catatan: '2',
  };
  const note = (no: number) =>
    noteValues({
      no: String(no),
      tanggal: today,
      tahap: mark,
      bentuk: ex('Kunjungan rumah', 'Home visit'),
      terlaksana: t('inst-line-held'),
      tujuan: ex('Membangun relasi', 'Building rapport'),
      proses: ex('Wawancara dengan klien dan keluarga', 'Interview with the client and family'),
      respons: ex('Klien terbuka', 'The client was open'),
      hambatan: '—',
      rencana: ex('Kunjungan berikutnya', 'Next visit'),
      kemajuan: String(2 + no),
      lampiran: '—',
    });
  return { fields, notes: [note(1), note(2)], chart: undefined };
}
