// The rows of the institution's spreadsheet: one row per note, fixed columns first, then one
// column per question id of the note's model; and the activity sheet, one row per worker. Pure.
import { DateTime } from 'luxon';
import type { Flow } from '../engine/types.ts';
import { clientWithCode, pick, type Lang } from '../cases/labels.ts';
import { heldWord } from '../cases/note-builder.ts';
import { computeDigest } from '../org/digest.ts';
import type { ReviewState } from '../store/org-records.ts';
import type { CaseRecord, NoteItem, NoteRecord } from '../store/records.ts';
import type { Translate } from '../telegram/format.ts';
import { isFileRef, noteDay, SHARED } from './report-model.ts';

export interface WorkerNotes {
  userId: number;
  name: string;
  cases: CaseRecord[];
  notes: NoteRecord[];
  reviewStates: Record<string, ReviewState>;
}

/** Inclusive ISO days; `from` undefined: from the first note on. */
export interface DayRange {
  from?: string;
  to: string;
}

const RANGES = ['this-month', 'last-month', 'last-3-months', 'all'] as const;
export type RangeKind = (typeof RANGES)[number];

export function rangeOf(kind: RangeKind, now: DateTime): DayRange {
  const today = now.toISODate()!;
  switch (kind) {
    case 'this-month': return { from: now.startOf('month').toISODate()!, to: today };
    case 'last-month': {
      const m = now.minus({ months: 1 });
      return { from: m.startOf('month').toISODate()!, to: m.endOf('month').toISODate()! };
    }
    case 'last-3-months': return { from: now.minus({ months: 2 }).startOf('month').toISODate()!, to: today };
    case 'all': return { to: today };
  }
}

function inRange(day: string, r: DayRange): boolean {
  return (r.from === undefined || day >= r.from) && day <= r.to;
}

const FIXED_COLUMNS = ['worker', 'case', 'model', 'stage', 'date', 'contact', 'held', 'review'] as const;

export function fixedHeader(t: Translate): string[] {
  return FIXED_COLUMNS.map((c) => t(`csv-col-${c}`));
}

/** The model's question ids in its order (shared ones once), then any older ids only notes have.
 *  Not the contact type: the fixed columns have it already, the same answer twice is no use. */
export function modelColumns(flow: Flow | undefined, notes: NoteRecord[]): string[] {
  const ids = new Set<string>();
  for (const s of flow?.stages ?? []) for (const q of s.questions) ids.add(q.id);
  for (const n of notes) for (const i of n.items) ids.add(i.id);
  ids.delete(SHARED.contact);
  return [...ids];
}

/** The first row: the fixed columns' names, then the question ids. pandas, R and Power Query rename a
 *  repeated name ("tahap.1"), so a question id that reads as a fixed column's name in this language
 *  is written "tahap_jawaban" ("stage_answer"): each name once, and saying which column is which. */
export function notesHeader(t: Translate, columns: string[]): string[] {
  const fixed = fixedHeader(t);
  const taken = new Set(fixed);
  const named = columns.map((id) => {
    let name = fixed.includes(id) ? t('csv-col-answer-of', { id }) : id;
    for (let n = 2; taken.has(name); n++) name = `${id}_${n}`;
    taken.add(name);
    return name;
  });
  return [...fixed, ...named];
}

/** An answer as a spreadsheet wants it: dates ISO, numbers bare, choices by their labels, skipped empty. */
function cellOf(item: NoteItem | undefined, lang: Lang, t: Translate): string {
  if (!item || item.value === null || item.value === undefined) return '';
  const v = item.value;
  if (isFileRef(v)) return t(`report-file-${v.kind}`) + (v.caption ? ` — ${v.caption}` : '');
  if (item.type === 'yesno') return v === true ? t('yes') : t('no');
  if ((item.type === 'choice' || item.type === 'multi') && item.display?.length) return item.display.map((d) => pick(d, lang)).join('; ');
  if (Array.isArray(v)) return v.join('; ');
  return String(v);
}

export function noteRow(w: WorkerNotes, c: CaseRecord | undefined, n: NoteRecord, flow: Flow | undefined, columns: string[], lang: Lang, zone: string, t: Translate): string[] {
  const byId = new Map(n.items.map((i) => [i.id, i]));
  const stage = flow?.stages.find((s) => s.id === n.stageId);
  return [
    w.name,
    // with its code: two "Si (42)" of one worker are two cases in a spreadsheet too
    c ? clientWithCode(c) : n.caseId,
    flow ? pick(flow.short, lang) : n.flowId,
    `${n.stageIndex + 1}. ${stage ? pick(stage.title, lang) : pick(n.stageTitle, lang)}`,
    noteDay(n, zone),
    cellOf(byId.get(SHARED.contact), lang, t),
    heldWord(n, t),
    t(`csv-review-${w.reviewStates[n.id] ?? 'none'}`),
    ...columns.map((id) => cellOf(byId.get(id), lang, t)),
  ];
}

/** The notes of every worker in the range, by model (flow id), each model's in date order. */
export function notesByModel(workers: WorkerNotes[], range: DayRange, zone: string): Map<string, { w: WorkerNotes; n: NoteRecord }[]> {
  const out = new Map<string, { w: WorkerNotes; n: NoteRecord }[]>();
  for (const w of workers) {
    for (const n of w.notes) {
      if (!inRange(noteDay(n, zone), range)) continue;
      const list = out.get(n.flowId) ?? [];
      list.push({ w, n });
      out.set(n.flowId, list);
    }
  }
  for (const list of out.values()) list.sort((a, b) => noteDay(a.n, zone).localeCompare(noteDay(b.n, zone)) || a.w.name.localeCompare(b.w.name) || a.n.createdAt.localeCompare(b.n.createdAt));
  return out;
}

export interface ActivitySheet {
  header: string[];
  rows: string[][];
}

/** Per worker: active and overdue cases now, then notes written per week (weeks start on Monday). */
export function activitySheet(workers: WorkerNotes[], range: DayRange, now: DateTime, t: Translate): ActivitySheet {
  const zone = now.zoneName ?? 'Asia/Jakarta';
  const days = workers.flatMap((w) => w.notes.map((n) => noteDay(n, zone))).filter((d) => inRange(d, range)).sort();
  const first = range.from ?? days[0] ?? now.toISODate()!;
  const weeks: string[] = [];
  for (let wk = DateTime.fromISO(first, { zone }).startOf('week'); wk.toISODate()! <= range.to; wk = wk.plus({ weeks: 1 })) weeks.push(wk.toISODate()!);
  const digest = computeDigest({ weekStart: now.minus({ weeks: 1 }), weekEnd: now, zone, workers: workers.map((w) => ({ userId: w.userId, name: w.name, cases: w.cases, notes: w.notes, reviewStates: w.reviewStates })) });
  const overdueOf = new Map(digest.workers.map((d) => [d.userId, d.overdue]));
  const rows = workers.map((w) => {
    const perWeek = new Map(weeks.map((k) => [k, 0]));
    for (const n of w.notes) {
      const d = noteDay(n, zone);
      if (!inRange(d, range)) continue;
      const k = DateTime.fromISO(d, { zone }).startOf('week').toISODate()!;
      perWeek.set(k, (perWeek.get(k) ?? 0) + 1);
    }
    const overdue = overdueOf.get(w.userId) ?? [];
    const inRangeCount = [...perWeek.values()].reduce((a, b) => a + b, 0);
    return [
      w.name,
      String(w.cases.filter((c) => c.status === 'active').length),
      String(inRangeCount),
      String(overdue.length),
      overdue.map((o) => t('csv-overdue-case', { client: o.client, days: o.days })).join('; '),
      ...weeks.map((k) => String(perWeek.get(k) ?? 0)),
    ];
  });
  return {
    header: [t('csv-col-worker'), t('csv-act-active'), t('csv-act-notes'), t('csv-act-overdue'), t('csv-act-overdue-cases'), ...weeks.map((k) => t('csv-act-week', { date: k }))],
    rows,
  };
}
