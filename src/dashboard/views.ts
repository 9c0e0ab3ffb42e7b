// What the dashboard shows, from the workers' caseload indexes (src/store/caseload-index.ts): the
// indicators (each a number whose list is one call away), the worker × stage table, the workers with
// their counts, and the list behind any number. Pure: the indexes, names, catalog and time come in;
// the lists name cases by id only until src/dashboard/reads.ts adds who the client is.
import { DateTime } from 'luxon';
import type { Catalog } from '../catalog/catalog.ts';
import { pick, type Lang } from '../cases/labels.ts';
import { byUrgency, listOf, stageCounts, type ListEntry, type TeamRow } from '../org/team.ts';
import { countsOf, type ViewTime, type WorkerIndex } from '../store/caseload-read.ts';
import type { Member } from '../store/org-records.ts';

export const KINDS = ['active', 'overdue', 'no-shows', 'missed-meeting', 'risks', 'awaiting', 'stuck', 'ending'] as const;
export type Kind = (typeof KINDS)[number];

export interface Indicator {
  kind: Kind;
  count: number;
  /** the oldest of what waits (risks, notes awaiting review), ms */
  oldest?: number;
  /** risks nobody took yet */
  untaken?: number;
}

/** A case in a list, before the client's label is known. */
export interface ListRef extends ListEntry {
  workerId: number;
}

/** The first day of the viewer's month and of the next, as the index scores days (00:00 UTC). */
function monthOf(t: ViewTime): { from: number; to: number } {
  const first = DateTime.fromMillis(t.today, { zone: 'utc' }).startOf('month');
  return { from: first.toMillis(), to: first.plus({ months: 1 }).toMillis() };
}

/** The cases of one worker behind a kind of number, the most pressing first. */
export function entriesOf(ix: WorkerIndex, kind: Kind, t: ViewTime): ListEntry[] {
  const s = ix.scores;
  const active = (id: string) => ix.stage.has(id);
  switch (kind) {
    case 'active':
      return listOf(ix, 'all', t);
    case 'overdue':
    case 'stuck':
    case 'risks':
    case 'awaiting':
      return listOf(ix, kind, t);
    case 'no-shows':
      return [...s.missed].filter(([id, n]) => n >= 2 && active(id)).sort(([a, x], [b, y]) => y - x || a.localeCompare(b)).map(([caseId]) => ({ caseId }));
    case 'missed-meeting':
      return [...s.next].filter(([id, d]) => d < t.today && active(id)).sort(([a, x], [b, y]) => x - y || a.localeCompare(b)).map(([caseId, at]) => ({ caseId, at }));
    case 'ending': {
      const m = monthOf(t);
      return [...s.ends].filter(([id, d]) => d >= m.from && d < m.to && active(id)).sort(([a, x], [b, y]) => x - y || a.localeCompare(b)).map(([caseId, at]) => ({ caseId, at }));
    }
  }
}

/** Across workers, the most pressing first: a risk nobody took, then the oldest (a case never held first). */
function mostPressing(kind: Kind) {
  return (a: ListRef, b: ListRef): number =>
    (kind === 'risks' ? Number(!!b.untaken) - Number(!!a.untaken) : 0) || (a.at ?? -Infinity) - (b.at ?? -Infinity) || a.workerId - b.workerId || a.caseId.localeCompare(b.caseId);
}

/** The whole team's list behind a kind (optionally one worker's, one stage's), the most pressing first. */
export function listRefs(indexes: ReadonlyMap<number, WorkerIndex>, kind: Kind, t: ViewTime, stage?: string): ListRef[] {
  const out: ListRef[] = [];
  for (const [workerId, ix] of indexes) {
    for (const e of entriesOf(ix, kind, t)) {
      if (stage) {
        const at = ix.stage.get(e.caseId);
        if (!at || `${at.flowId}/${at.stageId}` !== stage) continue;
      }
      out.push({ ...e, workerId });
    }
  }
  return out.sort(mostPressing(kind));
}

export interface StageColumn {
  key: string;
  model: string;
  stage: string;
}

export interface Overview {
  now: number;
  indicators: Indicator[];
  stages: { columns: StageColumn[]; rows: { workerId: number; name: string; cells: Record<string, number>; total: number }[] };
  workers: { id: number; name: string; suspended: boolean; counts: ReturnType<typeof countsOf> }[];
}

/** The overview of a team: `team` in any order (sorted here by what needs the viewer first). */
export function overviewOf(team: readonly Member[], indexes: ReadonlyMap<number, WorkerIndex>, t: ViewTime, catalog: Catalog, lang: Lang): Overview {
  const rows: TeamRow[] = team.flatMap((m) => {
    const ix = indexes.get(m.userId);
    return ix ? [{ userId: m.userId, name: m.name, suspended: m.suspended === true, counts: countsOf(ix, t) }] : [];
  });
  rows.sort(byUrgency);
  const indicators = KINDS.map((kind): Indicator => {
    let count = 0;
    for (const ix of indexes.values()) count += kind === 'risks' ? new Set(entriesOf(ix, kind, t).map((e) => e.caseId)).size : entriesOf(ix, kind, t).length;
    const oldest = (pickOld: (c: TeamRow['counts']) => number | undefined) => {
      const all = rows.map((r) => pickOld(r.counts)).filter((x): x is number => x !== undefined);
      return all.length ? { oldest: Math.min(...all) } : {};
    };
    if (kind === 'risks') return { kind, count, untaken: rows.reduce((n, r) => n + r.counts.untaken, 0), ...oldest((c) => c.oldestRisk) };
    if (kind === 'awaiting') return { kind, count, ...oldest((c) => c.oldestAwaiting) };
    return { kind, count };
  });
  // the stage table: one column per model and stage in use, in the catalog's order
  const columns = new Map<string, StageColumn & { rank: number }>();
  const cells = new Map<number, Record<string, number>>();
  for (const r of rows) {
    const ix = indexes.get(r.userId)!;
    const mine: Record<string, number> = {};
    stageCounts(ix, catalog).forEach(({ flowId, stages }) => {
      const flow = catalog.get(flowId);
      const flowRank = catalog.flows.findIndex((f) => f.id === flowId);
      for (const s of stages) {
        const key = `${flowId}/${s.stageId}`;
        mine[key] = s.count;
        if (!columns.has(key)) {
          const title = flow?.stages[s.index]?.title;
          columns.set(key, {
            key,
            model: flow ? pick(flow.short, lang) : flowId,
            stage: title ? `${s.index + 1}. ${pick(title, lang)}` : s.stageId,
            rank: (flowRank === -1 ? 999 : flowRank) * 1000 + (s.index === -1 ? 999 : s.index),
          });
        }
      }
    });
    cells.set(r.userId, mine);
  }
  return {
    now: t.now,
    indicators,
    stages: {
      columns: [...columns.values()].sort((a, b) => a.rank - b.rank).map(({ key, model, stage }) => ({ key, model, stage })),
      rows: rows.map((r) => ({ workerId: r.userId, name: r.name, cells: cells.get(r.userId)!, total: r.counts.active })),
    },
    workers: rows.map((r) => ({ id: r.userId, name: r.name, suspended: r.suspended, counts: r.counts })),
  };
}
