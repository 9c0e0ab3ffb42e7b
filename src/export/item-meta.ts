// What a note's answer is in a document: its short label, the report heading it goes under, and its
// answer as a sentence a report can print. Pure.
//
// A note names its flow version; the question is read from that version first. A version written
// before questions had report labels (built-in flows before version 7) falls back to the current
// version's question of the same id and type, then to the wording the note was asked in.
import type { Flow, LocalizedText, Question } from '../engine/types.ts';
import type { ReportSection } from '../engine/flow-schema.ts';
import { pick, type Lang } from '../cases/labels.ts';
import type { NoteItem, NoteRecord } from '../store/records.ts';
import { formatAnswer, type Translate } from '../telegram/format.ts';

export interface ItemMeta {
  section: ReportSection;
  label: LocalizedText;
  /** what every point of a scale means, lowest first (absent: only its ends are named) */
  points?: LocalizedText[];
  min?: number;
  max?: number;
  /** a multi question's "nothing" options (`exclusive`: "Tidak ada") */
  nothing?: string[];
}

/** The question of that id in the note's stage, else anywhere in the flow (shared ones are in every stage). */
export function questionIn(flow: Flow | undefined, stageId: string, id: string): Question | undefined {
  if (!flow) return undefined;
  const own = flow.stages.find((s) => s.id === stageId)?.questions.find((q) => q.id === id);
  if (own) return own;
  for (const s of flow.stages) {
    const q = s.questions.find((x) => x.id === id);
    if (q) return q;
  }
  return undefined;
}

/** A follow-up the compiler adds ("Lainnya: apa tepatnya?" is `<id>_sebut`, `<id>_sebut_<value>`). */
export function followUpOf(id: string): string | undefined {
  const m = /^(.+?)_sebut(?:_[a-z0-9_]+)?$/.exec(id);
  return m?.[1];
}

/** The question a compiler-made follow-up belongs to: "Lainnya: apa tepatnya?" (`<id>_sebut…`) or, in
 *  flows before version 5, the other options asked apart (`<id>_lain`, e.g. `peran_peksos_lain`). */
function parentOf(id: string): string | undefined {
  return followUpOf(id) ?? /^(.+)_lain$/.exec(id)?.[1];
}

export function itemMeta(item: NoteItem, note: Pick<NoteRecord, 'stageId'>, own: Flow | undefined, current: Flow | undefined): ItemMeta {
  const mine = questionIn(own, note.stageId, item.id);
  const now = questionIn(current, note.stageId, item.id);
  // a follow-up no version has any more (the roles' "Peran lain" of old notes) goes where its question
  // goes: the worker's roles stay in the supervision record, never in a filed report
  if (!mine?.section && !now) {
    const parent = parentOf(item.id);
    const candidates = parent ? [questionIn(own, note.stageId, parent), questionIn(current, note.stageId, parent)] : [];
    const of = candidates.find((q) => q?.section) ?? candidates.find(Boolean);
    if (of) return { section: of.section ?? 'proses', label: of.report_label ?? item.label };
  }
  // the current wording's labels only for the same kind of question (an id reused for another answer is not)
  const later = now && now.type === item.type ? now : undefined;
  const q = mine?.report_label || mine?.section ? mine : (later ?? mine);
  const section = q?.section ?? 'proses';
  const meta: ItemMeta = { section, label: q?.report_label ?? item.label };
  if (q?.type === 'multi') meta.nothing = q.options.filter((o) => o.exclusive).map((o) => o.value);
  if (q?.type === 'scale') {
    meta.min = q.min;
    meta.max = q.max;
    if (q.points) meta.points = q.points;
  }
  return meta;
}

/**
 * The answer as a report prints it: a scale names its point ("4 — Sebagian besar tercapai"), or
 * where the flow names only the ends, "4 dari 5"; the rest as the chat shows them.
 */
export function reportAnswer(item: NoteItem, meta: ItemMeta, lang: Lang, t: Translate): string {
  if (item.type === 'scale' && typeof item.value === 'number') {
    const point = meta.points && meta.min !== undefined ? meta.points[item.value - meta.min] : undefined;
    if (point) return `${item.value} — ${pick(point, lang)}`;
    return meta.max !== undefined ? t('report-scale-of', { value: item.value, max: meta.max }) : String(item.value);
  }
  return formatAnswer({ type: item.type }, item.value, lang, t, item.display);
}
