// Turns a finished stage form into a saved note, keeping the wording each answer was given to.
import { holds } from '../engine/conditions.ts';
import { isRiskDetail, raisesAlert } from './risk.ts';
import type { ReviewItem } from '../engine/step.ts';
import type { AnswerValue, Answers, CompiledStage, Flow, Form, Question } from '../engine/types.ts';
import type { CaseRecord, LastNote, NoteItem, NoteRecord } from '../store/records.ts';

/** The shared question whose answer dates the session (flows/common/session-header.yaml). */
const SESSION_DATE_QUESTION = 'tanggal_sesi';

export function buildNote(
  flow: Flow,
  stage: CompiledStage,
  c: CaseRecord,
  items: ReviewItem[],
  meta: { id: string; authorId: number; now: string },
): NoteRecord {
  const alerts = new Set(items.filter((i) => i.question.alert).map((i) => i.question.id));
  const noteItems: NoteItem[] = items.map(({ question: q, value }) => noteItem(q, value, alerts));
  dropRefusedPicture(noteItems);
  const date = items.find((i) => i.question.id === SESSION_DATE_QUESTION)?.value;
  return {
    id: meta.id,
    caseId: c.id,
    authorId: meta.authorId,
    flowId: flow.id,
    flowVersion: flow.version,
    stageId: stage.id,
    stageTitle: stage.title,
    stageIndex: stage.index,
    stageCount: flow.stages.length,
    items: noteItems,
    ...(typeof date === 'string' ? { sessionDate: date } : {}),
    createdAt: meta.now,
    version: 1,
  };
}

/**
 * An answer as a note keeps it, with the wording it was given to: the question's prompt, the chosen
 * options' labels, the flags the summary reads. `alerts`: the ids of the note's risk-flag questions.
 * (A stored note keeps only what this cannot give back from its flow version: src/cases/note-codec.ts.)
 */
export function noteItem(q: Question, value: AnswerValue | null, alerts: ReadonlySet<string>): NoteItem {
  // the text under a raised risk flag: a question asked only because of the flag
  const detail = isRiskDetail(q, alerts);
  const item: NoteItem = {
    id: q.id, type: q.type, label: q.prompt, value,
    ...(q.summary ? { summary: true } : {}),
    ...(q.alert ? { alert: true } : {}),
    ...(raisesAlert(q, value) ? { urgent: true } : {}),
    ...(detail ? { alertDetail: true } : {}),
  };
  if (value === null) return item;
  // How the answer reads, in the flow's words at the time: flows change, old notes must not.
  if (q.type === 'choice' || q.type === 'multi') {
    const chosen = Array.isArray(value) ? value : [value];
    const options = q.options.filter((o) => chosen.includes(o.value as string));
    item.display = options.map((o) => o.label);
    if (options.length > 0 && options.every((o) => o.exclusive || ROUTINE_ANSWERS[q.id]?.includes(o.value))) item.routine = true;
  } else if (q.type === 'scale') {
    item.display = [{ id: `${String(value)}/${q.max}` }];
  } else if (q.type === 'number' && q.unit) {
    item.display = [{ id: `${String(value)} ${q.unit.id}`, ...(q.unit.en ? { en: `${String(value)} ${q.unit.en}` } : {}) }];
  }
  return item;
}

/** Where no face may be shown, a picture the worker says shows one is not kept: saved as skipped
 *  (flows/common/session-footer.yaml, `foto_tanpa_wajah`). */
const NO_FACE = { check: 'foto_tanpa_wajah', refused: 'hapus_foto', file: 'dokumentasi' } as const;

function refusesPicture(items: NoteItem[]): boolean {
  return items.find((i) => i.id === NO_FACE.check)?.value === NO_FACE.refused;
}

function dropRefusedPicture(items: NoteItem[]): void {
  if (!refusesPicture(items)) return;
  const file = items.find((i) => i.id === NO_FACE.file);
  if (file) file.value = null;
}

/** Newest session first; notes of the same day by when they were written. */
export function byNewest(a: NoteRecord, b: NoteRecord): number {
  return (b.sessionDate ?? b.createdAt).localeCompare(a.sessionDate ?? a.createdAt) || b.createdAt.localeCompare(a.createdAt);
}

/** A note changed after review: the new answers, with the earlier ones kept (and who saved them). */
export function reviseNote(old: NoteRecord, revised: NoteRecord, now: string, by: { id: number; name: string }): NoteRecord {
  const version = (old.version ?? 1) + 1;
  const earlier = { version: old.version ?? 1, items: old.items, savedAt: old.updatedAt ?? old.createdAt, ...(old.savedBy ? { by: old.savedBy.id, byName: old.savedBy.name } : {}) };
  // a picture now found to show a face where none may is not kept in the earlier versions either
  const refused = refusesPicture(revised.items);
  const kept = (items: NoteItem[]) => (refused ? items.map((i) => (i.id === NO_FACE.file ? { ...i, value: null } : i)) : items);
  return {
    ...old,
    items: revised.items,
    ...(revised.sessionDate ? { sessionDate: revised.sessionDate } : {}),
    version,
    previous: [...(old.previous ?? []), earlier].map((p) => ({ ...p, items: kept(p.items) })),
    updatedAt: now,
    savedBy: by,
  };
}

/** What changed from one version's answers to the next: the questions whose answer differs. */
export function changedItems(before: NoteItem[], after: NoteItem[]): { label: NoteItem['label']; type: NoteItem['type']; old?: NoteItem; now?: NoteItem }[] {
  const old = new Map(before.map((i) => [i.id, i]));
  const out: ReturnType<typeof changedItems> = [];
  for (const i of after) {
    const o = old.get(i.id);
    if (!o || JSON.stringify(o.value) !== JSON.stringify(i.value)) out.push({ label: i.label, type: i.type, ...(o ? { old: o } : {}), now: i });
    old.delete(i.id);
  }
  for (const o of old.values()) out.push({ label: o.label, type: o.type, old: o });
  return out;
}

/** Whether the session with the client took place: the flow's gate on the answers (notes of
 *  version 1 asked `sesi_terlaksana`, yes or no; later ones `sesi_dilaksanakan`). */
export function sessionHeld(flow: Flow, answers: Answers): boolean {
  return holds(flow.gate, answers);
}

export function noteHeld(n: NoteRecord): boolean {
  const v1 = n.items.find((i) => i.id === 'sesi_terlaksana');
  if (v1) return v1.value !== false;
  // held means with the client: not "tidak", and (from version 5) not a contact without the client
  const v2 = n.items.find((i) => i.id === 'sesi_dilaksanakan');
  return v2 ? v2.value !== 'tidak' && v2.value !== 'tanpa_klien' : true;
}

/** A contact about the client without the client (version 5: "Kontak tanpa klien"): no session was
 *  held, and none was missed either — the contact clock and the missed-in-a-row count stay as they were. */
export function withoutClient(n: Pick<NoteRecord, 'items'>): boolean {
  return n.items.some((i) => i.id === 'sesi_dilaksanakan' && i.value === 'tanpa_klien');
}

/** "ya", "tidak", or "kontak tanpa klien" for a report's or a spreadsheet's "held" column. */
export function heldWord(n: NoteRecord, t: (key: string) => string): string {
  return withoutClient(n) ? t('held-without-client') : noteHeld(n) ? t('yes') : t('no');
}

/** The three lines /catat shows of the last note. */
export function lastNoteOf(n: NoteRecord, held: boolean): LastNote {
  const next = n.items.find((i) => i.id === SUMMARY_ALWAYS.next)?.value;
  const meeting = n.items.find((i) => i.id === 'pertemuan_berikutnya')?.value;
  return {
    noteId: n.id,
    date: n.sessionDate ?? n.createdAt.slice(0, 10),
    stageId: n.stageId,
    held,
    ...(withoutClient(n) ? { withoutClient: true as const } : {}),
    ...(typeof next === 'string' ? { next } : {}),
    ...(typeof meeting === 'string' ? { nextMeeting: meeting } : {}),
  };
}

/**
 * The case's carried answers as a new draft takes them ("Sama seperti sesi lalu"). Roles carried from
 * a note of version 4 ("Peran lain…" ticked, the others in `<id>_lain`) become one list of roles on a
 * question that opens its other options in place: nothing ticked is lost, nothing navigational kept.
 */
export function carriedFor(form: Form, carry: Record<string, NoteItem> | undefined): Answers | undefined {
  if (!carry) return undefined;
  const out: Answers = Object.fromEntries(Object.entries(carry).map(([id, item]) => [id, item.value]));
  for (const q of form.questions) {
    if (q.type !== 'multi' || !q.first) continue;
    const listed = (v: unknown): string[] => (Array.isArray(v) ? v : []);
    const before = [...listed(out[q.id]), ...listed(out[`${q.id}_lain`])];
    if (before.length) out[q.id] = before.filter((v) => q.options.some((o) => o.value === v));
  }
  return out;
}

/** The case's carried answers after this note: its answered `carry` questions replace earlier ones. */
export function carryAfter(c: CaseRecord, stage: CompiledStage, n: NoteRecord): Record<string, NoteItem> | undefined {
  const carried = new Set(stage.questions.filter((q) => q.carry).map((q) => q.id));
  const fresh = n.items.filter((i) => carried.has(i.id) && i.value !== null);
  if (fresh.length === 0) return c.carry;
  return { ...(c.carry ?? {}), ...Object.fromEntries(fresh.map((i) => [i.id, i])) };
}

/**
 * Answers that say only "as expected" (besides a multi question's "none" options, which are
 * `exclusive`): they never take one of a summary's few places.
 */
const ROUTINE_ANSWERS: Record<string, readonly string[]> = {
  sesi_dilaksanakan: ['sesuai_rencana'],
  // a Bapas client's monthly supervision as it should be: reported on time, nothing to note, no test
  wajib_lapor: ['sesuai_jadwal'],
  pelanggaran_perubahan: ['tidak_ada'],
  tes_urine: ['tidak_ada'],
};

/** The shared questions a summary leads with, after the risk: the worker's ask and reflection. */
export const SUMMARY_LEAD = { ask: 'untuk_supervisor', reflection: 'refleksi_peksos' } as const;

/** The shared questions a summary always names (session date, contact type, next step). */
export const SUMMARY_ALWAYS = { date: 'tanggal_sesi', contact: 'jenis_kontak', next: 'langkah_selanjutnya' } as const;
