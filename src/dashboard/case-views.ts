// A case and a note as the dashboard shows them: the client's label and stage for a list row; the
// timeline of a case (notes by date with stage, held or not, progress, risk, review state; its risk
// alerts; the points of its progress chart); a note in full with its review thread. Pure: records,
// catalog and the reader's words come in. Client text goes out as data; the page prints it as text.
import type { Catalog } from '../catalog/catalog.ts';
import { caseCode, clientLabel, pick, type Lang } from '../cases/labels.ts';
import { noteHeld, withoutClient } from '../cases/note-builder.ts';
import { formatDate } from '../engine/dates.ts';
import { PROGRESS_RATING } from '../export/chart-model.ts';
import { noteView, stageName, whereOrWhy } from '../export/institution-report.ts';
import { byDate, noteDay } from '../export/report-model.ts';
import type { ReviewEvent, ReviewState } from '../store/org-records.ts';
import type { CaseRecord, NoteRecord } from '../store/records.ts';
import type { RiskRecord } from '../store/risk-records.ts';
import { formatAnswer, type Translate } from '../telegram/format.ts';

export interface Reader {
  lang: Lang;
  zone: string;
  t: Translate;
  catalog: Catalog;
}

const ms = (iso: string | undefined) => (iso ? Date.parse(iso) : undefined);

/** A case's head: who, which model and stage, its state. */
export function caseHead(c: CaseRecord, r: Reader) {
  const flow = r.catalog.get(c.flowId);
  const i = flow?.stages.findIndex((s) => s.id === c.stageId) ?? -1;
  const title = i >= 0 ? flow!.stages[i]!.title : undefined;
  return {
    caseId: c.id,
    client: clientLabel(c),
    code: caseCode(c.id),
    model: flow ? pick(flow.short, r.lang) : c.flowId,
    stage: title ? `${i + 1}. ${pick(title, r.lang)}` : c.stageId,
    status: c.status,
    openedAt: ms(c.createdAt)!,
  };
}

/** A risk alert; `full`: with what its flags said and the follow-up's note (the worker's and their supervisor's to read). */
export function riskView(x: RiskRecord, r: Reader, full = true) {
  return {
    id: x.alert.id,
    raisedAt: ms(x.alert.raisedAt)!,
    ...(full ? { what: x.alert.flags.map((f) => pick(f, r.lang)).join(', ') } : {}),
    ...(x.taken ? { takenBy: x.taken.byName } : {}),
    ...(x.done ? { done: { by: x.done.byName, at: ms(x.done.at)!, ...(full && x.done.note ? { note: x.done.note } : {}) } } : {}),
  };
}

function rating(n: NoteRecord): number | undefined {
  const v = n.items.find((i) => i.id === PROGRESS_RATING)?.value;
  return typeof v === 'number' ? v : undefined;
}

/**
 * The timeline of a case: its notes newest first, its risk alerts (open first), its progress points.
 * `full` false (an admin who does not supervise the worker, as /tim shows them a case): each note's
 * date, stage and review state only, the alerts without what they said, no chart.
 */
export function caseTimeline(c: CaseRecord, notes: Record<string, NoteRecord>, states: Record<string, ReviewState>, risks: readonly RiskRecord[], r: Reader, full = true) {
  const flow = r.catalog.get(c.flowId);
  const input = { flow, flowAt: (v: number) => r.catalog.version(c.flowId, v), lang: r.lang, t: r.t };
  const dated = Object.values(notes).sort(byDate);
  const points = dated.flatMap((n) => {
    const v = rating(n);
    return v !== undefined ? [{ date: noteDay(n, r.zone), value: v }] : [];
  });
  const ordered = [...risks].sort((a, b) => Number(!!a.done) - Number(!!b.done) || Date.parse(b.alert.raisedAt) - Date.parse(a.alert.raisedAt));
  if (!full) {
    return {
      notes: dated.reverse().map((n) => ({ id: n.id, date: noteDay(n, r.zone), stage: stageName(flow, n, r.lang), review: states[n.id] ?? null, version: n.version ?? 1 })),
      risks: ordered.map((x) => riskView(x, r, false)),
      chart: { max: 5, points: [] },
    };
  }
  return {
    notes: dated.reverse().map((n) => {
      const v = rating(n);
      return {
        id: n.id,
        date: noteDay(n, r.zone),
        stage: stageName(flow, n, r.lang),
        held: noteHeld(n),
        // after held or not, the report's own words for where (or why not)
        line: withoutClient(n) ? r.t('inst-line-without-client') : (whereOrWhy(n, noteView(n, input).placed) ?? ''),
        ...(v !== undefined ? { rating: v } : {}),
        risk: n.items.some((i) => i.urgent),
        review: states[n.id] ?? null,
        version: n.version ?? 1,
      };
    }),
    risks: ordered.map((x) => riskView(x, r)),
    chart: { max: 5, points },
  };
}

/** A note in full: every answer under its question, then its review state and thread. */
export function noteFull(n: NoteRecord, c: CaseRecord, state: ReviewState | undefined, log: readonly ReviewEvent[], r: Reader) {
  const flow = r.catalog.get(c.flowId);
  return {
    id: n.id,
    title: `${formatDate(noteDay(n, r.zone), r.lang)} · ${stageName(flow, n, r.lang)}`,
    version: n.version ?? 1,
    items: n.items.map((i) => ({ label: pick(i.label, r.lang), value: formatAnswer({ type: i.type }, i.value, r.lang, r.t, i.display), urgent: i.urgent === true })),
    review: { state: state ?? null, log: log.map((e) => ({ at: ms(e.at)!, by: e.byName, action: e.action, version: e.version, ...(e.text ? { text: e.text } : {}) })) },
  };
}
