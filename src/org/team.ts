// What a supervisor's /tim shows, from the workers' caseload indexes (src/store/caseload-index.ts):
// the team ordered by what needs the supervisor first, a worker's caseload by model and stage, and
// the list behind each of their numbers. Pure: the indexes, the names and the time come in.
import type { Catalog } from '../catalog/catalog.ts';
import { parseRiskMember } from '../store/caseload-index.ts';
import { flaggedCases, type ViewTime, type WorkerCounts, type WorkerIndex } from '../store/caseload-read.ts';
import type { Member } from '../store/org-records.ts';

/** The lists behind a worker's numbers. */
export const FILTERS = ['all', 'overdue', 'flagged', 'stuck', 'risks', 'awaiting'] as const;
export type TeamFilter = (typeof FILTERS)[number];

export interface TeamRow {
  userId: number;
  name: string;
  suspended: boolean;
  counts: WorkerCounts;
}

/** Whose caseload a viewer sees: an admin every member of the organisation, a supervisor their workers. */
export function teamOf(members: Record<number, Member>, viewer: { userId: number; admin: boolean; workers: readonly number[] }): Member[] {
  const all = Object.values(members);
  return viewer.admin ? all.filter((m) => m.userId !== viewer.userId || m.role !== 'admin') : all.filter((m) => viewer.workers.includes(m.userId));
}

/** What needs the supervisor first: a risk nobody took, any open risk, lost or late contact, notes waiting. */
export function byUrgency(a: TeamRow, b: TeamRow): number {
  const key = (r: TeamRow) => [r.counts.untaken, r.counts.risks, r.counts.overdue + r.counts.flagged, r.counts.awaiting, r.counts.stuck];
  const [ka, kb] = [key(a), key(b)];
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return kb[i]! - ka[i]!;
  return a.name.localeCompare(b.name, 'id') || a.userId - b.userId;
}

/** A worker's active cases per model and stage, in the catalog's order. */
export function stageCounts(ix: WorkerIndex, catalog: Catalog): { flowId: string; stages: { index: number; stageId: string; count: number }[] }[] {
  const byFlow = new Map<string, Map<string, number>>();
  for (const { flowId, stageId } of ix.stage.values()) {
    const stages = byFlow.get(flowId) ?? new Map<string, number>();
    stages.set(stageId, (stages.get(stageId) ?? 0) + 1);
    byFlow.set(flowId, stages);
  }
  const rank = (flowId: string) => {
    const i = catalog.flows.findIndex((f) => f.id === flowId);
    return i === -1 ? catalog.flows.length : i;
  };
  return [...byFlow]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([flowId, stages]) => {
      const flow = catalog.get(flowId);
      const indexOf = (stageId: string) => flow?.stages.findIndex((s) => s.id === stageId) ?? -1;
      return {
        flowId,
        stages: [...stages].map(([stageId, count]) => ({ index: indexOf(stageId), stageId, count })).sort((a, b) => a.index - b.index || a.stageId.localeCompare(b.stageId)),
      };
    });
}

/** One entry of a list: a case (and, awaiting review, one of its notes), with the time that put it there. */
export interface ListEntry {
  caseId: string;
  noteId?: string;
  /** ms: overdue since, in the stage too long since, oldest open risk, note sent, last held contact */
  at?: number;
  /** a risk nobody took yet */
  untaken?: boolean;
}

/** The list behind one of a worker's numbers, the most pressing first. */
export function listOf(ix: WorkerIndex, filter: TeamFilter, t: ViewTime): ListEntry[] {
  const s = ix.scores;
  const due = (m: Map<string, number>) =>
    [...m]
      .filter(([id, at]) => at <= t.now && ix.stage.has(id))
      .sort(([a, x], [b, y]) => x - y || a.localeCompare(b))
      .map(([caseId, at]) => ({ caseId, at }));
  switch (filter) {
    case 'overdue':
      return due(s.overdue);
    case 'stuck':
      return due(s.stuck);
    case 'flagged':
      return [...flaggedCases(ix, t.today)].filter((id) => ix.stage.has(id)).sort().map((caseId) => ({ caseId }));
    case 'risks': {
      const oldest = new Map<string, ListEntry>();
      const untaken = new Set([...s.untaken.keys()].map((m) => parseRiskMember(m)?.caseId));
      for (const m of s.risks.keys()) {
        const r = parseRiskMember(m);
        if (!r) continue;
        const e = oldest.get(r.caseId);
        if (!e || r.raisedMs < (e.at ?? Infinity)) oldest.set(r.caseId, { caseId: r.caseId, at: r.raisedMs, ...(untaken.has(r.caseId) ? { untaken: true } : {}) });
      }
      return [...oldest.values()].sort((a, b) => Number(!!b.untaken) - Number(!!a.untaken) || a.at! - b.at!);
    }
    case 'awaiting':
      return [...s.awaiting]
        .sort(([a, x], [b, y]) => x - y || a.localeCompare(b))
        .flatMap(([member, at]) => {
          const [caseId, noteId] = member.split('/');
          return caseId && noteId ? [{ caseId, noteId, at }] : [];
        });
    case 'all':
      // the longest without a held contact first
      return [...ix.stage.keys()]
        .map((caseId) => ({ caseId, at: s.overdue.get(caseId) ?? Infinity }))
        .sort((a, b) => a.at - b.at || a.caseId.localeCompare(b.caseId))
        .map(({ caseId }) => {
          const held = s.held.get(caseId);
          return held !== undefined ? { caseId, at: held } : { caseId };
        });
  }
}

/** How many entries each list has (the worker screen's buttons). */
export function listSizes(counts: WorkerCounts): Record<TeamFilter, number> {
  return { all: counts.active, overdue: counts.overdue, flagged: counts.flagged, stuck: counts.stuck, risks: counts.risks, awaiting: counts.awaiting };
}
