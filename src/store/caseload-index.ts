// A worker's caseload as counters a supervisor's /tim reads without opening a single case: sorted
// sets of case (or note) ids scored by a time, in the worker's own slot, kept by the same writes that
// change a case, a note's review or a risk alert. One index per organisation the worker works in
// (a worker in two sees each organisation's cases counted apart) (the commit, the vault's moves and erasures, the
// review and follow-up effects). Every op names its member, so writing the same twice changes
// nothing: a replay, an effect applied again, a rebuild. Ids and times only, never client data.
import { DateTime } from 'luxon';
import { DEFAULT_STAGE_WEEKS, type Cadence } from '../engine/types.ts';
import type { RedisOp } from './effects.ts';
import type { Keys } from './keys.ts';
import { lastHeldContact, type CaseRecord } from './records.ts';
import type { RiskRecord } from './risk-records.ts';

/**
 * The parts of the index (src/store/keys.ts: caseload). Active cases only, except `awaiting`:
 *  - stage: hash caseId → "flowId stageId" (cases per model and stage)
 *  - overdue: caseId → when it becomes overdue (the last held contact, else its opening, plus the cadence)
 *  - stuck: caseId → when it has been in its stage longer than the model's usual time
 *  - held: caseId → its last held contact
 *  - next: caseId → the next meeting its last note planned (that day, 00:00 UTC)
 *  - missed: caseId → "Tidak jadi" notes in a row (when at least one)
 *  - ends: caseId → the day its supervision period ends (a Bapas case's `akhir_bimbingan`), when known
 *  - risks, untaken: open risk alerts ("caseId/riskId/raisedMs"), and those nobody took yet
 *  - awaiting: "caseId/noteId" → when the note was sent for review (state 'menunggu')
 */
const TIMED = ['overdue', 'stuck', 'held', 'next', 'missed', 'ends'] as const;
/** The sorted sets (every part but the `stage` hash). */
export const SCORED_PARTS = [...TIMED, 'risks', 'untaken', 'awaiting'] as const;
export const INDEX_PARTS = ['stage', ...SCORED_PARTS] as const;
export type IndexPart = (typeof INDEX_PARTS)[number];

/** The usual weeks of a stage, from the flow (the store knows no flows: the caller looks it up). */
export type StageWeeks = (flowId: string, stageId: string) => number | undefined;

const ms = (iso: string | undefined) => (iso ? Date.parse(iso) : NaN);

/** When a contact at `fromMs` is one interval old, as the digest and the reminders count it (src/cases/
 *  schedule.ts: intervalBefore — now minus the interval): a month after 31 January is 1 March, not 28 February. */
function plusCadence(fromMs: number, cadence: Cadence): number {
  const from = DateTime.fromMillis(fromMs, { zone: 'utc' });
  if (cadence !== 'monthly') return from.plus({ weeks: cadence === 'biweekly' ? 2 : 1 }).toMillis();
  const month = from.plus({ months: 1 });
  return (month.day === from.day ? month : month.plus({ days: 1 }).startOf('day')).toMillis();
}

/** A day (ISO date) as the index scores it: that day, 00:00 UTC. */
export const dayScore = (isoDate: string): number => Date.parse(`${isoDate}T00:00:00Z`);

/** When a case entered its stage. A case from before this was kept: its last note, else its opening
 *  (a case moved on long ago is never marked as stuck on a guess). */
export function stageSince(c: CaseRecord): string {
  return c.stageSince ?? c.lastNoteAt ?? c.createdAt;
}

/** The writes that bring the index in line with a case as it now is (undefined: the case is gone). */
export function caseIndexOps(keys: Keys, ownerId: number, orgId: string, caseId: string, c: CaseRecord | undefined, weeksOf: StageWeeks): RedisOp[] {
  const k = (part: IndexPart) => keys.caseload(ownerId, orgId, part);
  if (!c || c.status !== 'active') {
    return [['HDEL', k('stage'), caseId], ...TIMED.map((p): RedisOp => ['ZREM', k(p), caseId]), ...riskGoneOps(keys, ownerId, orgId, caseId)];
  }
  const set = (part: IndexPart, score: number | undefined): RedisOp =>
    score !== undefined && Number.isFinite(score) ? ['ZADD', k(part), String(score), caseId] : ['ZREM', k(part), caseId];
  const held = lastHeldContact(c);
  const weeks = weeksOf(c.flowId, c.stageId) ?? DEFAULT_STAGE_WEEKS;
  const since = ms(stageSince(c));
  const meeting = c.lastNote?.nextMeeting;
  return [
    ['HSET', k('stage'), caseId, `${c.flowId} ${c.stageId}`],
    set('overdue', plusCadence(ms(held ?? c.createdAt), c.monitoring?.cadence ?? 'weekly')),
    set('stuck', since + weeks * 7 * 86_400_000),
    set('held', held ? ms(held) : undefined),
    set('next', meeting ? dayScore(meeting) : undefined),
    set('missed', c.missedInRow ? c.missedInRow : undefined),
    set('ends', c.facts?.akhir_bimbingan && /^\d{4}-\d{2}-\d{2}$/.test(c.facts.akhir_bimbingan) ? dayScore(c.facts.akhir_bimbingan) : undefined),
  ];
}

/**
 * Open risk alerts: `risks` (not followed up) and `untaken` (nobody pressed 🙋 yet), one member per
 * alert, "caseId/riskId/raisedMs", all scored 0 — so one alert's members and one case's sort together
 * and leave in one ZREMRANGEBYLEX each, and a step on an alert names it by its id alone. Ids are
 * [a-z0-9]: "x/" up to "x0" ('/' sorts just before '0') is exactly what begins with "x/".
 */
const under = (prefix: string): [string, string] => [`[${prefix}/`, `(${prefix}0`];

/** An alert raised ('alert'; raised again: its earlier entry goes), taken ('taken'), or followed up ('done'). */
export function riskStepOps(keys: Keys, ownerId: number, orgId: string, caseId: string, riskId: string, step: 'alert' | 'taken' | 'done', raisedAt?: string): RedisOp[] {
  const alert = under(`${caseId}/${riskId}`);
  const parts = step === 'taken' ? (['untaken'] as const) : (['risks', 'untaken'] as const);
  const ops = parts.map((part): RedisOp => ['ZREMRANGEBYLEX', keys.caseload(ownerId, orgId, part), ...alert]);
  if (step === 'alert') for (const part of parts) ops.push(['ZADD', keys.caseload(ownerId, orgId, part), '0', `${caseId}/${riskId}/${ms(raisedAt)}`]);
  return ops;
}

/** A case's alerts as the index keeps them, from its records (a moved or reopened case). */
export function riskIndexOps(keys: Keys, ownerId: number, orgId: string, caseId: string, records: readonly RiskRecord[]): RedisOp[] {
  const ops = riskGoneOps(keys, ownerId, orgId, caseId);
  for (const r of records) {
    if (r.done) continue;
    const member = `${caseId}/${r.alert.id}/${ms(r.alert.raisedAt)}`;
    ops.push(['ZADD', keys.caseload(ownerId, orgId, 'risks'), '0', member]);
    if (!r.taken) ops.push(['ZADD', keys.caseload(ownerId, orgId, 'untaken'), '0', member]);
  }
  return ops;
}

/** Every alert of a case out of the index (the case ended, moved away or was deleted). */
function riskGoneOps(keys: Keys, ownerId: number, orgId: string, caseId: string): RedisOp[] {
  return (['risks', 'untaken'] as const).map((part): RedisOp => ['ZREMRANGEBYLEX', keys.caseload(ownerId, orgId, part), ...under(caseId)]);
}

/** A risk member's parts. */
export function parseRiskMember(member: string): { caseId: string; raisedMs: number; riskId: string } | undefined {
  const [caseId, riskId, raised] = member.split('/');
  return caseId && raised && riskId ? { caseId, raisedMs: Number(raised), riskId } : undefined;
}

/** A note's review state changed: it awaits the supervisor ('menunggu') or no longer does. */
export function awaitingOps(keys: Keys, ownerId: number, orgId: string, caseId: string, noteId: string, waiting: boolean, atIso: string): RedisOp {
  const key = keys.caseload(ownerId, orgId, 'awaiting');
  return waiting ? ['ZADD', key, String(ms(atIso)), `${caseId}/${noteId}`] : ['ZREM', key, `${caseId}/${noteId}`];
}

/** The awaiting entries of a case's notes, gone with the case. */
export function awaitingGoneOps(keys: Keys, ownerId: number, orgId: string, caseId: string, noteIds: readonly string[]): RedisOp[] {
  return noteIds.length ? [['ZREM', keys.caseload(ownerId, orgId, 'awaiting'), ...noteIds.map((n) => `${caseId}/${n}`)]] : [];
}
