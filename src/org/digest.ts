// The weekly digest a supervisor receives: per worker, the notes written this week, active cases per
// stage, cases past their monitoring interval, and notes awaiting review. Pure: no Redis, no clock —
// the week and every record come in as arguments (src/reminders/digest-job.ts reads and sends).
import { DateTime } from 'luxon';
import type { Catalog } from '../catalog/catalog.ts';
import { clientLabel, pick, type Lang } from '../cases/labels.ts';
import type { Cadence } from '../engine/types.ts';
import { escapeHtml, splitMessage, type Translate } from '../telegram/format.ts';
import { intervalBefore, monitoringOf, zoneLabel } from '../cases/schedule.ts';
import { contactFlagWords, contactFlags, flagged, lastHeldContact, type ContactFlags } from '../cases/contact.ts';
import type { CaseRecord, NoteRecord } from '../store/records.ts';
import type { ReviewState } from '../store/org-records.ts';
import type { RiskRecord } from '../store/risk-records.ts';
import type { LocalizedText } from '../engine/types.ts';

export interface DigestWorkerInput {
  userId: number;
  name: string;
  cases: CaseRecord[];
  /** every note of the worker's cases (the week's are picked out here) */
  notes: NoteRecord[];
  /** noteId → review state */
  reviewStates: Record<string, ReviewState>;
  /** the risk alerts of the worker's active cases, with their follow-up */
  risks?: RiskRecord[];
}

export interface DigestInput {
  weekStart: DateTime;
  /** exclusive */
  weekEnd: DateTime;
  /** the supervisor's zone */
  zone: string;
  workers: DigestWorkerInput[];
}

/** "Si (42): 2" */
export interface CaseCount {
  caseId: string;
  client: string;
  count: number;
}

export interface StageCount {
  flowId: string;
  stageId: string;
  count: number;
}

export interface OverdueCase {
  caseId: string;
  client: string;
  cadence: Cadence;
  /** the last held contact (src/cases/contact.ts), or (never held) when the case was opened */
  since: string;
  /** a session was ever held: `since` is that contact, not the opening */
  noted: boolean;
  /** whole days, in the supervisor's zone, from `since` to the end of the week */
  days: number;
  /** the worker skipped this interval's reminder ("Lewati minggu ini") */
  skipped: boolean;
}

/** An active case with a sign of lost contact: misses in a row, a planned meeting that passed. */
export interface AttentionCase extends ContactFlags {
  caseId: string;
  client: string;
}

/** A risk alert not followed up yet ("✅ Sudah ditindaklanjuti"), with its age. */
export interface OpenRisk {
  caseId: string;
  client: string;
  flags: LocalizedText[];
  raisedAt: string;
  /** whole hours from the alert to the end of the week */
  hours: number;
  /** who pressed 🙋 Saya tangani, if anyone */
  takenBy?: string;
}

export interface Counted {
  total: number;
  byCase: CaseCount[];
}

export interface WorkerDigest {
  userId: number;
  name: string;
  notes: Counted;
  activeCases: number;
  stages: StageCount[];
  overdue: OverdueCase[];
  attention: AttentionCase[];
  /** oldest first */
  openRisks: OpenRisk[];
  /** state 'menunggu': the supervisor's turn */
  awaitingReview: Counted;
  /** state 'perlu_perbaikan': the worker's turn */
  awaitingRevision: Counted;
  /** nothing at all to say: one line */
  quiet: boolean;
}

export interface DigestModel {
  weekStart: DateTime;
  weekEnd: DateTime;
  zone: string;
  workers: WorkerDigest[];
}

const byClient = (a: CaseCount, b: CaseCount) => a.client.localeCompare(b.client, 'id') || a.caseId.localeCompare(b.caseId);

function countBy(caseIds: string[], cases: Map<string, CaseRecord>): Counted {
  const counts = new Map<string, number>();
  for (const id of caseIds) counts.set(id, (counts.get(id) ?? 0) + 1);
  const byCase = [...counts].map(([caseId, count]) => {
    const c = cases.get(caseId);
    return { caseId, client: c ? clientLabel(c) : '?', count };
  });
  return { total: caseIds.length, byCase: byCase.sort(byClient) };
}

function workerDigest(w: DigestWorkerInput, input: DigestInput): WorkerDigest {
  const start = input.weekStart.toMillis();
  const end = input.weekEnd.toMillis();
  const weekEnd = input.weekEnd.setZone(input.zone);
  const cases = new Map(w.cases.map((c) => [c.id, c]));
  const notesById = new Map(w.notes.map((n) => [n.id, n]));

  const written = w.notes.filter((n) => {
    const at = Date.parse(n.createdAt);
    return at >= start && at < end;
  });

  const active = w.cases.filter((c) => c.status === 'active');
  const stageCounts = new Map<string, StageCount>();
  for (const c of active) {
    const key = `${c.flowId}\u0000${c.stageId}`;
    const s = stageCounts.get(key) ?? { flowId: c.flowId, stageId: c.stageId, count: 0 };
    s.count++;
    stageCounts.set(key, s);
  }

  const overdue: OverdueCase[] = [];
  for (const c of active) {
    const m = monitoringOf(c);
    const windowStart = intervalBefore(m.cadence, weekEnd);
    const held = lastHeldContact(c);
    const since = held ?? c.createdAt;
    const sinceAt = DateTime.fromISO(since).setZone(input.zone);
    if (sinceAt > windowStart) continue;
    overdue.push({
      caseId: c.id,
      client: clientLabel(c),
      cadence: m.cadence,
      since,
      noted: held !== undefined,
      days: Math.round(weekEnd.startOf('day').diff(sinceAt.startOf('day'), 'days').days),
      skipped: (m.skipped ?? []).some((s) => s.occurrence > windowStart.toMillis() && s.occurrence <= end),
    });
  }
  overdue.sort((a, b) => b.days - a.days || a.client.localeCompare(b.client, 'id') || a.caseId.localeCompare(b.caseId));

  const attention: AttentionCase[] = active
    .map((c) => ({ caseId: c.id, client: clientLabel(c), ...contactFlags(c, end, input.zone) }))
    .filter(flagged)
    .sort((a, b) => a.client.localeCompare(b.client, 'id') || a.caseId.localeCompare(b.caseId));

  const openRisks: OpenRisk[] = (w.risks ?? [])
    .filter((r) => !r.done && Date.parse(r.alert.raisedAt) < end && cases.get(r.alert.caseId)?.status === 'active')
    .map((r) => ({
      caseId: r.alert.caseId,
      client: r.alert.client,
      flags: r.alert.flags,
      raisedAt: r.alert.raisedAt,
      hours: Math.max(0, Math.floor((end - Date.parse(r.alert.raisedAt)) / 3_600_000)),
      ...(r.taken ? { takenBy: r.taken.byName } : {}),
    }))
    .sort((a, b) => a.raisedAt.localeCompare(b.raisedAt) || a.caseId.localeCompare(b.caseId));

  // Review states of notes that no longer exist say nothing useful: left out.
  const inState = (state: ReviewState) =>
    Object.entries(w.reviewStates)
      .filter(([id, s]) => s === state && notesById.has(id))
      .map(([id]) => notesById.get(id)!.caseId);

  const digest: WorkerDigest = {
    userId: w.userId,
    name: w.name,
    notes: countBy(written.map((n) => n.caseId), cases),
    activeCases: active.length,
    stages: [...stageCounts.values()],
    overdue,
    attention,
    openRisks,
    awaitingReview: countBy(inState('menunggu'), cases),
    awaitingRevision: countBy(inState('perlu_perbaikan'), cases),
    quiet: false,
  };
  digest.quiet = digest.notes.total === 0 && active.length === 0 && openRisks.length === 0 && digest.awaitingReview.total === 0 && digest.awaitingRevision.total === 0;
  return digest;
}

export function computeDigest(input: DigestInput): DigestModel {
  const workers = input.workers
    .map((w) => workerDigest(w, input))
    .sort((a, b) => a.name.localeCompare(b.name, 'id') || a.userId - b.userId);
  return { weekStart: input.weekStart, weekEnd: input.weekEnd, zone: input.zone, workers };
}

// ---------------------------------------------------------------------------
// Rendering

export interface RenderOptions {
  t: Translate;
  lang: Lang;
  catalog: Catalog;
  /** per message (tests); Telegram's limit is 4096 */
  limit?: number;
  /** the organisation's name, in the title (a supervisor in several gets one digest each) */
  org?: string;
}


const BULLET = '  • ';

function stageLines(w: WorkerDigest, o: RenderOptions): string[] {
  const flowRank = (flowId: string) => {
    const i = o.catalog.flows.findIndex((f) => f.id === flowId);
    return i === -1 ? o.catalog.flows.length : i;
  };
  const rows = w.stages.map((s) => {
    const flow = o.catalog.get(s.flowId);
    const index = flow ? flow.stages.findIndex((st) => st.id === s.stageId) : -1;
    return {
      s,
      rank: flowRank(s.flowId),
      index,
      text:
        index >= 0
          ? o.t('digest-stage', { model: pick(flow!.short, o.lang), index: index + 1, count: s.count })
          : o.t('digest-stage-unknown', { model: flow ? pick(flow.short, o.lang) : s.flowId, stage: s.stageId, count: s.count }),
    };
  });
  rows.sort((a, b) => a.rank - b.rank || a.s.flowId.localeCompare(b.s.flowId) || a.index - b.index || a.s.stageId.localeCompare(b.s.stageId));
  return rows.map((r) => BULLET + escapeHtml(r.text));
}

function countLines(c: Counted, o: RenderOptions): string[] {
  return c.byCase.map((x) => BULLET + escapeHtml(o.t('digest-case-count', { client: x.client, count: x.count })));
}

/** One worker's lines (HTML): their name, then a line per part, each with its items. */
function workerLines(w: WorkerDigest, o: RenderOptions): string[] {
  const { t } = o;
  const name = `👤 <b>${escapeHtml(w.name)}</b>`;
  if (w.quiet) return [`${name}: ${escapeHtml(t('digest-quiet'))}`];
  const lines = [name];
  if (w.notes.total === 0) lines.push(`📝 ${escapeHtml(t('digest-no-notes'))}`);
  else lines.push(`📝 ${escapeHtml(t('digest-notes', { count: w.notes.total }))}`, ...countLines(w.notes, o));
  // an open risk first: it is what the supervisor must act on
  if (w.openRisks.length > 0) {
    lines.push(`🚨 <b>${escapeHtml(t('digest-open-risks', { count: w.openRisks.length }))}</b>`);
    for (const r of w.openRisks) {
      const age = r.hours < 48 ? t('age-hours', { hours: r.hours }) : t('age-days', { days: Math.floor(r.hours / 24) });
      const who = r.takenBy ? t('digest-risk-taken', { name: r.takenBy }) : t('digest-risk-untaken');
      lines.push(BULLET + escapeHtml(`${r.client}: ${r.flags.map((f) => pick(f, o.lang)).join(', ')} · ${age} · ${who}`));
    }
  }
  if (w.activeCases > 0) lines.push(`📂 ${escapeHtml(t('digest-active', { count: w.activeCases }))}`, ...stageLines(w, o));
  if (w.overdue.length > 0) {
    lines.push(`⚠️ ${escapeHtml(t('digest-overdue', { count: w.overdue.length }))}`);
    for (const c of w.overdue) {
      const last = c.noted ? t('digest-last-note', { days: c.days }) : t('digest-never-noted', { days: c.days });
      const skipped = c.skipped ? ` · ${t('digest-skipped')}` : '';
      lines.push(BULLET + escapeHtml(t('digest-overdue-case', { client: c.client, last, cadence: t(`cadence-${c.cadence}`) }) + skipped));
    }
  }
  if (w.attention.length > 0) {
    lines.push(`🚩 ${escapeHtml(t('digest-attention', { count: w.attention.length }))}`);
    for (const c of w.attention) {
      lines.push(BULLET + escapeHtml(`${c.client}: ${contactFlagWords(c, t, o.lang).join(' · ')}`));
    }
  }
  if (w.awaitingReview.total > 0) lines.push(`⏳ ${escapeHtml(t('digest-review', { count: w.awaitingReview.total }))}`, ...countLines(w.awaitingReview, o));
  if (w.awaitingRevision.total > 0) lines.push(`✏️ ${escapeHtml(t('digest-revision', { count: w.awaitingRevision.total }))}`, ...countLines(w.awaitingRevision, o));
  return lines;
}

/**
 * The digest as Telegram messages (HTML). Workers are never split across messages unless one alone
 * is longer than a message; then it is split at line breaks. Several messages are numbered.
 */
export function renderDigest(model: DigestModel, o: RenderOptions): string[] {
  const { t } = o;
  const limit = o.limit ?? 4000;
  const fmt = (d: DateTime) => d.setZone(model.zone).setLocale(o.lang).toFormat('d LLLL HH.mm');
  const period = escapeHtml(
    t('digest-period', { from: fmt(model.weekStart), to: fmt(model.weekEnd), zone: zoneLabel(model.zone), workers: model.workers.length }),
  );
  // a supervisor in several organisations gets one digest each, named
  const of = o.org ? ` · ${o.org}` : '';
  const title = (page?: number, pages?: number) =>
    `📋 <b>${escapeHtml((page === undefined ? t('digest-title') : t('digest-title-page', { page, pages: pages! })) + of)}</b>`;
  const room = limit - Math.max(title().length, title(999, 999).length) - 1;

  // blocks: the period line, then one per worker; packed into pages, a blank line between blocks
  const blocks = [period, ...model.workers.map((w) => workerLines(w, o).join('\n'))].flatMap((b) => (b.length > room ? splitMessage(b, room) : [b]));
  const pages: string[] = [];
  let current = '';
  for (const b of blocks) {
    if (current && current.length + 2 + b.length > room) {
      pages.push(current);
      current = b;
    } else {
      current = current ? `${current}\n\n${b}` : b;
    }
  }
  if (current) pages.push(current);
  if (pages.length === 1) return [`${title()}\n${pages[0]}`];
  return pages.map((p, i) => `${title(i + 1, pages.length)}\n${p}`);
}
