// Turns a finished stage form into a saved note, keeping the wording each answer was given to.
import type { ReviewItem } from '../engine/step.ts';
import type { CompiledStage, Flow } from '../engine/types.ts';
import type { CaseRecord, NoteItem, NoteRecord } from '../store/records.ts';

/** The shared question whose answer dates the session (flows/common/session-header.yaml). */
export const SESSION_DATE_QUESTION = 'tanggal_sesi';

export function buildNote(
  flow: Flow,
  stage: CompiledStage,
  c: CaseRecord,
  items: ReviewItem[],
  meta: { id: string; authorId: number; now: string },
): NoteRecord {
  const noteItems: NoteItem[] = items.map(({ question: q, value }) => {
    const item: NoteItem = { id: q.id, type: q.type, label: q.prompt, value, ...(q.summary ? { summary: true } : {}) };
    if (value === null) return item;
    // How the answer reads, in the flow's words at the time: flows change, old notes must not.
    if (q.type === 'choice' || q.type === 'multi') {
      const chosen = Array.isArray(value) ? value : [value];
      item.display = q.options.filter((o) => chosen.includes(o.value as string)).map((o) => o.label);
    } else if (q.type === 'scale') {
      item.display = [{ id: `${String(value)}/${q.max}` }];
    } else if (q.type === 'number' && q.unit) {
      item.display = [{ id: `${String(value)} ${q.unit.id}`, ...(q.unit.en ? { en: `${String(value)} ${q.unit.en}` } : {}) }];
    }
    return item;
  });
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

/** Newest session first; notes of the same day by when they were written. */
export function byNewest(a: NoteRecord, b: NoteRecord): number {
  return (b.sessionDate ?? b.createdAt).localeCompare(a.sessionDate ?? a.createdAt) || b.createdAt.localeCompare(a.createdAt);
}

/** A note changed after review: the new answers, with the earlier ones kept. */
export function reviseNote(old: NoteRecord, revised: NoteRecord, now: string): NoteRecord {
  const version = (old.version ?? 1) + 1;
  return {
    ...old,
    items: revised.items,
    ...(revised.sessionDate ? { sessionDate: revised.sessionDate } : {}),
    version,
    previous: [...(old.previous ?? []), { version: old.version ?? 1, items: old.items, savedAt: old.updatedAt ?? old.createdAt }],
    updatedAt: now,
  };
}

/** The shared questions a summary always names (session date, contact type, next step). */
export const SUMMARY_ALWAYS = { date: 'tanggal_sesi', contact: 'jenis_kontak', next: 'langkah_selanjutnya' } as const;
