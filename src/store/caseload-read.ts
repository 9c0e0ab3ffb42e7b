// Reading workers' caseload indexes (src/store/caseload-index.ts): their counts, a dozen small
// commands per worker that open no case (the team list), or one worker's whole index (their screen
// and the lists behind its numbers). Queued onto a pipeline beside other reads, decoded in order.
import type { ChainableCommander } from 'ioredis';
import { parseRiskMember, SCORED_PARTS, type IndexPart } from './caseload-index.ts';
import type { Keys } from './keys.ts';
import type { RedisClient } from './redis-connection.ts';
import { slotPipeline } from './slot-pipeline.ts';

/** The moment a view is for: `now` (ms), and `today` (that day in the viewer's zone, as the index
 *  scores a day: 00:00 UTC — src/store/caseload-index.ts: dayScore). */
export interface ViewTime {
  now: number;
  today: number;
}

/** What the team list shows of a worker: counts, the oldest of what waits, two dates. */
export interface WorkerCounts {
  active: number;
  /** no held contact within the case's cadence */
  overdue: number;
  /** longer in their stage than the model's usual time */
  stuck: number;
  /** two or more "Tidak jadi" in a row, or a planned meeting passed with no note since */
  flagged: number;
  /** cases with a risk alert not followed up; of them, with one nobody took yet; the oldest alert (ms) */
  risks: number;
  untaken: number;
  oldestRisk?: number;
  /** notes awaiting the supervisor; the oldest sent (ms) */
  awaiting: number;
  oldestAwaiting?: number;
  /** the last held contact of any case (ms), the next planned meeting (a day score) */
  lastHeld?: number;
  nextMeeting?: number;
}

/** One worker's whole index: per part, member → score (`stage`: caseId → "flowId stageId"). */
export interface WorkerIndex {
  stage: Map<string, { flowId: string; stageId: string }>;
  scores: Record<Exclude<IndexPart, 'stage'>, Map<string, number>>;
}

/** Commands queueIndex queues: the stage hash, then each sorted set. */
export const INDEX_COMMANDS = 1 + SCORED_PARTS.length;

/** Queues one worker's whole index (INDEX_COMMANDS commands). */
export function queueIndex(p: ChainableCommander, keys: Keys, workerId: number, orgId: string): void {
  p.hgetall(keys.caseload(workerId, orgId, 'stage'));
  for (const part of SCORED_PARTS) p.zrange(keys.caseload(workerId, orgId, part), 0, -1, 'WITHSCORES');
}

const pairsOf = (flat: string[]): Map<string, number> => {
  const out = new Map<string, number>();
  for (let i = 0; i + 1 < flat.length; i += 2) out.set(flat[i]!, Number(flat[i + 1]));
  return out;
};

/** The results of queueIndex, in its order. */
export function decodeIndex(values: unknown[]): WorkerIndex {
  const stage = new Map<string, { flowId: string; stageId: string }>();
  for (const [caseId, v] of Object.entries(values[0] as Record<string, string>)) {
    const [flowId = '', stageId = ''] = v.split(' ');
    stage.set(caseId, { flowId, stageId });
  }
  const scores = {} as WorkerIndex['scores'];
  SCORED_PARTS.forEach((part, i) => (scores[part] = pairsOf(values[i + 1] as string[])));
  return { stage, scores };
}

/** The cases of risk members ("caseId/raisedMs/riskId", scored 0): a case with two alerts counts once. */
function riskCases(members: Iterable<string>): number {
  return new Set([...members].map((m) => parseRiskMember(m)?.caseId)).size;
}

/** The oldest alert of risk members. */
function oldestRisk(members: Iterable<string>): number | undefined {
  let oldest: number | undefined;
  for (const m of members) {
    const r = parseRiskMember(m);
    if (r && (oldest === undefined || r.raisedMs < oldest)) oldest = r.raisedMs;
  }
  return oldest;
}

/** Cases with contact slipping: two or more "Tidak jadi" in a row, or a planned meeting before today. */
export function flaggedCases(ix: WorkerIndex, today: number): Set<string> {
  const s = ix.scores;
  return new Set([...[...s.missed].filter(([, n]) => n >= 2).map(([id]) => id), ...[...s.next].filter(([, d]) => d < today).map(([id]) => id)]);
}

/** A worker's counts from their whole index (their own screen has read it all anyway). */
export function countsOf(ix: WorkerIndex, t: ViewTime): WorkerCounts {
  const s = ix.scores;
  const upTo = (m: Map<string, number>, max: number, strict = false) => [...m.values()].filter((v) => (strict ? v < max : v <= max)).length;
  const flagged = flaggedCases(ix, t.today);
  const awaitingTimes = [...s.awaiting.values()];
  const held = [...s.held.values()];
  const coming = [...s.next.values()].filter((d) => d >= t.today);
  const oldest = oldestRisk(s.risks.keys());
  return {
    active: ix.stage.size,
    overdue: upTo(s.overdue, t.now),
    stuck: upTo(s.stuck, t.now),
    flagged: flagged.size,
    risks: riskCases(s.risks.keys()),
    untaken: riskCases(s.untaken.keys()),
    ...(oldest !== undefined ? { oldestRisk: oldest } : {}),
    awaiting: s.awaiting.size,
    ...(awaitingTimes.length ? { oldestAwaiting: Math.min(...awaitingTimes) } : {}),
    ...(held.length ? { lastHeld: Math.max(...held) } : {}),
    ...(coming.length ? { nextMeeting: Math.min(...coming) } : {}),
  };
}

/**
 * Queues the counts of one worker (11 small commands; nothing per case but the few flagged cases
 * and open risks):
 * what the team list shows of each of up to dozens of workers in one round trip.
 */
export function queueCounts(p: ChainableCommander, keys: Keys, workerId: number, orgId: string, t: ViewTime): void {
  const k = (part: IndexPart) => keys.caseload(workerId, orgId, part);
  p.hlen(k('stage'));
  p.zcount(k('overdue'), '-inf', t.now);
  p.zcount(k('stuck'), '-inf', t.now);
  // flagged: a case with two misses in a row or a passed meeting — the two sets are read (both
  // small: only cases with a miss or a planned meeting are in them) and joined, so a case is counted once
  p.zrangebyscore(k('missed'), 2, '+inf');
  p.zrangebyscore(k('next'), '-inf', `(${t.today}`);
  p.zrange(k('risks'), 0, -1);
  p.zrange(k('untaken'), 0, -1);
  p.zcard(k('awaiting'));
  p.zrange(k('awaiting'), 0, 0, 'WITHSCORES');
  p.zrange(k('held'), -1, -1, 'WITHSCORES');
  p.zrangebyscore(k('next'), t.today, '+inf', 'WITHSCORES', 'LIMIT', 0, 1);
}

export const COUNT_COMMANDS = 11;

/** The results of queueCounts, in its order. */
export function decodeCounts(v: unknown[]): WorkerCounts {
  const [active, overdue, stuck, missed, passed, risks, untaken, awaiting, firstAwaiting, lastHeld, nextMeeting] = v as [
    number, number, number, string[], string[], string[], string[], number, string[], string[], string[],
  ];
  const oldest = oldestRisk(risks);
  return {
    active,
    overdue,
    stuck,
    flagged: new Set([...missed, ...passed]).size,
    risks: riskCases(risks),
    untaken: riskCases(untaken),
    ...(oldest !== undefined ? { oldestRisk: oldest } : {}),
    awaiting,
    ...(firstAwaiting[1] !== undefined ? { oldestAwaiting: Number(firstAwaiting[1]) } : {}),
    ...(lastHeld[1] !== undefined ? { lastHeld: Number(lastHeld[1]) } : {}),
    ...(nextMeeting[1] !== undefined ? { nextMeeting: Number(nextMeeting[1]) } : {}),
  };
}

/** Several workers' counts, on their own: one round trip (one per slot on a cluster, at once). */
export async function readCounts(redis: RedisClient, keys: Keys, orgId: string, workerIds: readonly number[], t: ViewTime): Promise<Map<number, WorkerCounts>> {
  const p = slotPipeline(redis);
  for (const w of workerIds) queueCounts(p, keys, w, orgId, t);
  const results = (await p.exec()) ?? [];
  for (const [err] of results) if (err) throw err;
  const values = results.map(([, v]) => v);
  return new Map(workerIds.map((w, i) => [w, decodeCounts(values.slice(i * COUNT_COMMANDS, (i + 1) * COUNT_COMMANDS))]));
}
