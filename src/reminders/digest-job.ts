// The weekly digest job: one per supervisor (job scheduler `digest:<userId>`, at their /pengingat
// weekday and hour). Reads the supervisor's workers' cases, notes and review states in two round
// trips (on a cluster: one per slot each, at once), renders the digest (src/org/digest.ts) and
// sends it, once per supervisor per ISO week.
import { GrammyError, InputFile } from 'grammy';
import { digestChartPng } from '../export/digest-chart.ts';
import { DateTime } from 'luxon';
import { computeDigest, renderDigest, type DigestWorkerInput } from '../org/digest.ts';
import { risksOf, type RiskRecord } from '../store/risk-records.ts';
import type { Member, Org, ReviewState } from '../store/org-records.ts';
import { teamsOf } from './supervised.ts';
import { openMembers } from '../org/org-store.ts';
import { casesOf, type CaseRecord, type NoteRecord } from '../store/records.ts';
import type { Lang } from '../cases/labels.ts';
import { DAY_MS } from './queues.ts';
import { periodOf, prefsOf, previousSlot } from '../cases/schedule.ts';
import type { ReminderWorkerDeps } from './worker-deps.ts';
import { slotPipeline } from '../store/slot-pipeline.ts';
import { notSent, sendOnce } from '../store/send-once.ts';

export type DigestResult = 'sent' | 'already-sent' | 'no-workers' | 'paused' | 'blocked';

/** A claim that outlives a crashed sender expires, so another run can still send. */
const CLAIM_MS = 60_000;
/** Pages already sent by a run that then failed: its retry (same job id) sends only the rest. */
const PROGRESS_MS = DAY_MS;
const SENT_MS = 62 * DAY_MS;

/**
 * Sends the supervisor the digest of the 7 days ending at `nowMs` (the run's scheduled time, in
 * their zone). `jobId` names the run: a rerun of the same run after a crash resumes it.
 */
export async function sendDigest(d: ReminderWorkerDeps, supervisorId: number, nowMs: number, jobId = `digest-${supervisorId}-${nowMs}`): Promise<DigestResult> {
  const ws = await d.store.load(supervisorId);
  if (ws.blocked) return 'blocked';
  const prefs = prefsOf(ws.session?.reminders, d.defaultZone);
  if (prefs.paused) return 'paused';
  const membership = ws.membership;
  if (!membership) return 'no-workers';
  const teams = await teamsOf(d, supervisorId, membership);
  if (teams.length === 0) return 'no-workers';

  // After downtime BullMQ replays the oldest missed run: a digest of a long-gone week helps nobody,
  // the latest one does.
  const now = d.now();
  const scheduled = !d.everyMs && now - nowMs > 7 * DAY_MS ? previousSlot(prefs, DateTime.fromMillis(now)).toMillis() : nowMs;
  const weekEnd = DateTime.fromMillis(scheduled, { zone: prefs.zone });
  const weekStart = weekEnd.minus({ weeks: 1 });

  const guard = d.keys.reminded(supervisorId, 'digest', periodOf('weekly', scheduled, prefs.zone, d.everyMs));
  const once = await sendOnce<DigestResult>(d.redis, guard, { holder: jobId, claimMs: CLAIM_MS, sentMs: SENT_MS, progressMs: PROGRESS_MS }, async (run) => {
    const lang: Lang = ws.session?.lang ?? ws.membership?.lang ?? 'id';
    const t = (key: string, vars?: Record<string, string | number>) => d.i18n.t(lang, key, vars);
    // one digest per organisation, each apart: nothing of one is shown in another's
    const pages: string[] = [];
    const charts: Buffer[] = [];
    for (const { orgId, workers: workerIds } of teams) {
      const team = await readTeam(d, orgId, workerIds);
      const nameOf = (userId: number): string => team.members[userId]?.name || t('digest-unnamed', { id: userId });
      const input: DigestWorkerInput[] = team.workers.map((w) => ({ ...w, name: nameOf(w.userId) }));
      const named = teams.length > 1 ? { org: team.org ?? orgId } : {};
      pages.push(...renderDigest(computeDigest({ weekStart, weekEnd, zone: prefs.zone, workers: input }), { t, lang, catalog: d.catalog, ...named }));
      // a picture per organisation: notes per worker this week against the four weeks before
      const png = digestChartPng(input.map((w) => ({ name: w.name, notes: w.notes })), weekEnd, t);
      if (png) charts.push(png);
    }

    // a rerun of this run after a failure sends only the pages still missing
    for (let i = run.done; i < pages.length; i++) {
      try {
        await d.api.sendMessage(supervisorId, pages[i]!, { parse_mode: 'HTML' });
      } catch (err) {
        if (err instanceof GrammyError && err.error_code === 403) {
          // Blocked (or the account is gone): pause, do not retry forever. Writing to the bot again resumes.
          await d.redis.set(d.keys.blocked(supervisorId), String(now));
          d.logger.warn({ userId: supervisorId }, 'supervisor blocked the bot: digest paused');
          return notSent('blocked');
        }
        throw err;
      }
      if (i + 1 < pages.length) await run.progress(i + 1);
    }
    // The pictures after the text. Not worth a retry of the whole digest when only a picture fails.
    for (const png of charts) {
      await d.api.sendPhoto(supervisorId, new InputFile(png, 'ringkasan.png')).catch((err: unknown) => d.logger.warn({ userId: supervisorId, err }, 'digest picture not sent'));
    }
    d.logger.info({ userId: supervisorId, organisations: teams.length, workers: teams.reduce((n, x) => n + x.workers.length, 0), pages: pages.length, scheduled }, 'weekly digest sent');
    return 'sent';
  });
  // another run holds this week's digest (and may still retry): it is not started over
  return once.status === 'ran' ? once.value : 'already-sent';
}

/** The supervisor's workers' cases of one organisation, their notes and review states, and the
 *  organisation's name and members, in two round trips (on a cluster: one per slot each, at once). */
async function readTeam(d: ReminderWorkerDeps, orgId: string, workerIds: number[]): Promise<{ org: string | undefined; members: Record<number, Member>; workers: Omit<DigestWorkerInput, 'name'>[] }> {
  // Round trip 1: every worker's cases (those of this organisation) and review states, and the
  // organisation's name and member names.
  const p1 = slotPipeline(d.redis);
  for (const w of workerIds) {
    // (cases are bytes: src/store/record-pack.ts)
    p1.hgetallBuffer(d.keys.cases(w));
    p1.hgetall(d.keys.caseOrgs(w));
    p1.hgetall(d.keys.reviewStates(w));
  }
  p1.hgetall(d.keys.members(orgId));
  p1.get(d.keys.org(orgId));
  const r1 = values(await p1.exec());
  const n = 3 * workerIds.length;
  const members = openMembers(d.store.cipher, d.keys.members(orgId), r1[n] as Record<string, string>);
  const orgRaw = r1[n + 1] as string | null;
  const workers = workerIds.map((userId, i) => ({
    userId,
    cases: Object.values(d.store.openCases(userId, casesOf(r1[3 * i] as Record<string, Buffer>, r1[3 * i + 1] as Record<string, string>, orgId))),
    reviewStates: r1[3 * i + 2] as Record<string, ReviewState>,
  }));

  // Round trip 2: the notes of every case that has any, and the risk alerts of every active case
  // (an alert goes out before its note is saved: a case without notes may have one).
  const p2 = slotPipeline(d.redis);
  const asked: { worker: number; key: string; what: 'notes' | 'risks' }[] = [];
  workers.forEach((w, i) => {
    for (const c of w.cases) {
      if (c.noteCount > 0 || c.lastNoteAt) {
        const key = d.keys.notes(w.userId, c.id);
        // (notes are bytes: src/store/note-pack.ts)
        p2.hgetallBuffer(key);
        asked.push({ worker: i, key, what: 'notes' });
      }
      if (c.status === 'active') {
        const key = d.keys.risks(w.userId, c.id);
        p2.hgetall(key);
        asked.push({ worker: i, key, what: 'risks' });
      }
    }
  });
  const notes: NoteRecord[][] = workers.map(() => []);
  const risks: RiskRecord[][] = workers.map(() => []);
  if (asked.length > 0) {
    const hashes = values(await p2.exec());
    // (a note of a flow version published elsewhere meanwhile: loaded, and all opened again)
    const notesOf = await d.store.notes.withFlows(() => hashes.map((hash, j) => (asked[j]!.what === 'notes' ? d.store.notes.openHash(asked[j]!.key, hash as Record<string, Buffer>) : undefined)));
    hashes.forEach((hash, j) => {
      const { worker, key, what } = asked[j]!;
      if (what === 'notes') notes[worker]!.push(...Object.values(notesOf[j]!));
      else risks[worker]!.push(...risksOf(d.store.openAll<unknown>(key, hash as Record<string, string>)));
    });
  }
  const org = orgRaw ? (JSON.parse(orgRaw) as Org).name : undefined;
  return { org, members, workers: workers.map((w, i) => ({ ...w, notes: notes[i]!, risks: risks[i]! })) };
}

function values(results: [Error | null, unknown][] | null): unknown[] {
  return (results ?? []).map(([err, v]) => {
    if (err) throw err;
    return v;
  });
}
