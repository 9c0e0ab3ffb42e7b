// A simulated year of one organisation (issue #29.5): what Redis holds after it, in all and by kind
// of key. An admin, a supervisor and 30 workers join through the real bot (test/support/bot-harness.ts);
// then, written fast but through the production code, a year of their work:
//  - each worker opens ~40 Bapas cases over the year (10 in the first fortnight, the rest spread out;
//    `caseFromIntake`), works each 4–10 months, ends it (`closedCase`);
//  - 20 notes a month each, on their active case least recently written: the stage's questions the
//    flow asks (the engine's `applicable`), answered as a worker does — prose of ~250 characters in
//    every free-text answer (bench/note-memory.ts's generator), the usual choice mostly — built by
//    `buildNote`, the case updated as a saved note updates it (src/bot/activity/complete.ts), and
//    stored by `WorkspaceStore.commit` (one commit per worker and month), in whatever format the
//    store writes; one in ten gets the supervisor's feedback and is revised (`reviseNote`);
//  - review states and logs (`writeReview`: submitted, approved, feedback, revised), and the
//    organisation's audit (`OrgStore.audit`): each approval, feedback, half the notes viewed by the
//    supervisor, a weekly look at each worker's cases, three exports a worker a month, each case ended;
//    the last week's of the supervisor's writes as effects (`EffectApplier`, their 7-day guards);
//  - what lives by a TTL, as the last weeks leave it: the outbox's `sent:` guards (30 days), the
//    reminders' `reminded:` guards (62 days, for each weekly reminder `decide` would send), the
//    exports' `exported:` guards (7 days);
//  - BullMQ as a year leaves it (its retention simulated, not a year of jobs run): every worker's job
//    schedulers synced (`syncSchedulers`: one per active case, the supervisor's digest), the nightly
//    and per-minute ones, and the last hour's jobs — the weekly reminder hour: an occurrence per
//    active case, a deliver per worker, the digest, 60 effect sweeps, the hour's outbox messages
//    (sealed, through `QueuedOutbox`) and exports — plus the week's failed ones, all added with the
//    production queues' options (src/reminders/queues.ts, src/export/jobs.ts) and finished by workers
//    that do nothing else.
// Then: INFO memory's used_memory before and after, and MEMORY USAGE (SAMPLES 0) of every key under
// the run's prefix, grouped by kind. The audit stream's bytes per entry; BullMQ's bytes per kept job.
// Caveats: the audit entries' stream ids are the run's own clock (a few seconds, not a year: the ids'
// deltas are smaller than a year's, a few bytes an entry); sessions are those the join left (a worker
// who wrote a note through the bot keeps a `hashtable` session of ~430 B, see what-grows.test.ts).
//   REDIS_URL=redis://127.0.0.1:6379 node --import tsx bench/year.ts   (prints a table, then JSON)
//   or as a child of bench/run.ts (`npm run bench -- --year`; spec as argv[2], result over IPC)
import { benchEntry } from './as-child.ts';
import { performance } from 'node:perf_hooks';
import { Worker, type Job, type Queue } from 'bullmq';
import { Api } from 'grammy';
import { Redis, type ChainableCommander } from 'ioredis';
import { DateTime } from 'luxon';
import { pino } from 'pino';
import { createI18n } from '../src/bot/create-bot.ts';
import { caseFacts } from '../src/cases/case-facts.ts';
import { closedCase } from '../src/cases/closure.ts';
import { afterSession } from '../src/cases/contact.ts';
import { caseFromIntake, modelOption } from '../src/cases/intake-form.ts';
import { clientLabel } from '../src/cases/labels.ts';
import { buildNote, carryAfter, lastNoteOf, reviseNote, sessionHeld, withoutClient } from '../src/cases/note-builder.ts';
import { decide, monitoringOf, periodOf, prefsOf } from '../src/cases/schedule.ts';
import { applicable, firstUnanswered, type ReviewItem } from '../src/engine/step.ts';
import type { AnswerValue, Answers, CompiledStage, Flow, Question } from '../src/engine/types.ts';
import { hasRating } from '../src/export/chart-model.ts';
import { ExportQueue, exportJobId, type ExportJob } from '../src/export/jobs.ts';
import { OrgStore } from '../src/org/org-store.ts';
import { QueuedOutbox } from '../src/outbox/outbox.ts';
import { ReminderQueues, bullConnection, schedulerId, type DeliverJob, type OccurrenceJob, type SyncJob } from '../src/reminders/queues.ts';
import { syncSchedulers } from '../src/reminders/sync-job.ts';
import type { ReminderWorkerDeps } from '../src/reminders/worker-deps.ts';
import { stageSince } from '../src/store/caseload-index.ts';
import { EffectApplier, recordOps } from '../src/store/effects.ts';
import { newId } from '../src/store/ids.ts';
import type { AuditEntry, ReviewEvent, ReviewState } from '../src/store/org-records.ts';
import { outboxJobId, type Addressed, type OutboxMessage } from '../src/store/outbox-messages.ts';
import type { CaseRecord, EndReason, NoteRecord } from '../src/store/records.ts';
import { scanAll, type RedisClient } from '../src/store/redis-connection.ts';
import { sendOnce } from '../src/store/send-once.ts';
import { ADMIN, Harness, team, TEST_TOKEN } from '../test/support/bot-harness.ts';
import { prng, proseFor } from './note-memory.ts';

export interface YearSpec {
  redisUrl: string;
  workers: number;
  /** cases each worker opens over the year */
  casesPerWorker: number;
  /** notes each worker writes a month */
  notesPerMonth: number;
}

export interface BullFigures {
  completed: { jobs: number; bytes: number };
  failed: { jobs: number; bytes: number };
  schedulers: { count: number; bytes: number };
  /** delayed jobs that are no scheduler's (a snooze, a risk check, an export put back) */
  delayed: { jobs: number; bytes: number };
  events: { entries: number; bytes: number };
  other: number;
  bytes: number;
}

export interface KindFigures {
  keys: number;
  bytes: number;
}

export interface YearFigures {
  workers: number;
  cases: number;
  active_cases: number;
  closed_cases: number;
  notes: number;
  revised_notes: number;
  review_events: number;
  audit_entries: number;
  /** INFO memory used_memory after the year minus before it (the whole server: run it alone) */
  used_memory_delta: number;
  /** the sum of MEMORY USAGE (SAMPLES 0) of every key of the run */
  keys_bytes: number;
  keys: number;
  by_kind: Record<string, KindFigures>;
  /** MEMORY USAGE of the organisation's audit stream ÷ its entries */
  audit_bytes_per_entry: number;
  /** what BullMQ keeps, per queue: completed and failed jobs (their hashes and set), job schedulers
   *  (their hashes, the next job each has waiting, their sets), the events stream, the rest (meta,
   *  counters, lists): how many, and bytes */
  bullmq: Record<string, BullFigures>;
  /** job schedulers kept (one per active case, the digest, reconcile, retention, sweep-effects) */
  job_schedulers: number;
  /** bytes per worker a year (keys_bytes ÷ workers) and 10,000 workers at that rate, in GB */
  bytes_per_worker: number;
  projection_10k_gb: number;
  seconds: number;
}

const DAY = 86_400_000;
/** Monday 6 January 2025, 00:00 UTC: the year's first day */
const START = Date.parse('2025-01-06T00:00:00Z');
/** the moment measured: Monday 5 January 2026, 09:00 WIB — an hour after the weekly reminders */
const END = START + 364 * DAY + 2 * 3_600_000;
const ZONE = 'Asia/Jakarta';
const SUP = 5_901;
const FLOWS = ['bapas-eic', 'zastrow-mezzo', 'bapas-eic', 'skidmore-casework'];
/** how long the guards live (src/outbox/deliver.ts, src/reminders/deliver-job.ts, src/export/run.ts) */
const SENT_MS = 30 * DAY;
const REMINDED_MS = 62 * DAY;
const EXPORTED_MS = 7 * DAY;
/** the effects' guards (src/store/effects.ts) */
const FX_MS = 7 * DAY;

const PROBLEMS = [
  'Relasi dengan keluarga renggang sejak ditahan; ibu dan kakak belum mau menerima klien kembali, dan klien belum punya pekerjaan tetap.',
  'Riwayat pemakaian sabu sebelum ditahan; klien khawatir kambuh karena teman lama tinggal di lingkungan yang sama.',
  'Klien kesulitan mencari kerja karena catatan pidana; istri dan dua anak bergantung padanya.',
  'Konflik dengan ayah tiri membuat klien memilih tinggal di rumah paman; ia merasa tidak diterima warga.',
];
const FEEDBACK = [
  'Tolong lengkapi respons klien: apa yang ia katakan tentang keluarganya, bukan hanya kesimpulan Anda.',
  'Rencana tindak lanjut belum jelas siapa melakukan apa dan kapan; mohon dirinci.',
  'Tahap ini belum selesai menurut saya: hasil asesmen keluarga belum tercatat.',
];
const LETTERS = 'ABCDEFGHIJKLMNOPRSTUWY';

const iso = (ms: number) => new Date(ms).toISOString();
const dayOf = (ms: number) => DateTime.fromMillis(ms, { zone: ZONE }).toISODate()!;

interface SimCase {
  c: CaseRecord;
  flow: Flow;
  openAt: number;
  closeAt: number;
  /** held notes at the current stage: three move it on */
  heldHere: number;
  notes: number;
  lastNoteAt: number;
}

interface Ev {
  at: number;
  kind: 'open' | 'note' | 'close' | 'occurrence';
  sim?: SimCase;
}

/** An answer as a worker gives it: the usual option mostly, prose in free text, optional ones often skipped. */
function answerFor(q: Question, rand: () => number, at: number): AnswerValue | null {
  const skip = q.optional && q.type !== 'text' && q.type !== 'longtext' && rand() < 0.5;
  if (skip) return null;
  const day = dayOf(at);
  switch (q.type) {
    case 'text':
    case 'longtext':
      if (q.optional && rand() < 0.2) return null;
      return proseFor(rand, q.id, q.max ?? (q.type === 'text' ? 300 : 2000));
    case 'choice': {
      const calm = q.alert ? q.options.find((o) => o.exclusive) ?? q.options[0]! : undefined;
      if (calm && rand() < 0.97) return calm.value as string;
      return (rand() < 0.75 ? q.options[0]! : q.options[Math.floor(rand() * q.options.length)]!).value as string;
    }
    case 'multi': {
      const none = q.options.find((o) => o.exclusive);
      if (q.alert && none && rand() < 0.97) return [none.value as string];
      const pool = q.options.filter((o) => !o.exclusive && (!q.first || q.first.includes(o.value as string) || rand() < 0.2));
      const k = Math.min(pool.length, Math.max(q.min ?? 1, 1 + Math.floor(rand() * 2)), q.max ?? 15);
      return [...pool].sort(() => rand() - 0.5).slice(0, k).map((o) => o.value as string);
    }
    case 'yesno': return rand() < 0.85;
    case 'scale': return Math.max(q.min, q.max - Math.floor(rand() * rand() * (q.max - q.min + 1)));
    case 'number': return Math.min(q.max ?? 99, (q.min ?? 1) + Math.floor(rand() * 4));
    case 'date': return q.id === 'tanggal_sesi' || q.allow === 'past' ? day : dayOf(at + (7 + Math.floor(rand() * 7)) * DAY);
    case 'file': return rand() < 0.3 ? { fileId: `AgACAgUAAxkBAAI${newId(56)}`, kind: 'photo' } : null;
    case 'initials': return 'Si';
  }
}

/** The stage's questions as the engine asks them, answered: the review's items and the answers. */
function answerStage(stage: CompiledStage, start: Answers, rand: () => number, at: number): { items: ReviewItem[]; answers: Answers } {
  const answers: Answers = { ...start };
  for (let guard = 0; guard < 200; guard++) {
    const q = firstUnanswered(stage, answers);
    if (!q) break;
    answers[q.id] = answerFor(q, rand, at);
  }
  const { questions, effective } = applicable(stage, answers);
  return { items: questions.map((q) => ({ question: q, value: effective[q.id] ?? null })), answers: Object.fromEntries(questions.map((q) => [q.id, effective[q.id] ?? null])) };
}

/** MEMORY USAGE of every key under the prefix, by kind. */
async function memoryByKind(redis: RedisClient, prefix: string): Promise<{ byKind: Record<string, KindFigures>; total: number; keys: number; perKey: Map<string, number> }> {
  const kinds: [string, RegExp][] = [
    ['sessions', /^\{u:\d+\}:session$/],
    ['cases', /^\{u:\d+\}:(cases|case-orgs)$/],
    ['notes', /^\{u:\d+\}:notes:/],
    ['review logs', /^\{u:\d+\}:(review-log:|review-states$)/],
    ['caseload index', /^\{u:\d+\}:(o:[^:]+:ix:|ix-built$)/],
    ['audit', /^\{(o:[^}]+|sec)\}:audit$/],
    ['BullMQ', /^\{bull\}/],
    ['guards (TTL)', /:(sent|reminded|exported|fx):/],
    ['flow registry', /^\{flows\}/],
    ['other', /./],
  ];
  const byKind: Record<string, KindFigures> = Object.fromEntries(kinds.map(([k]) => [k, { keys: 0, bytes: 0 }]));
  const perKey = new Map<string, number>();
  let total = 0;
  let count = 0;
  for await (const found of scanAll(redis, `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`, 1000)) {
    const p = redis.pipeline();
    for (const k of found) p.call('MEMORY', 'USAGE', k, 'SAMPLES', '0');
    const sizes = ((await p.exec()) ?? []).map(([, n]) => Number(n ?? 0));
    found.forEach((k, i) => {
      const rest = k.slice(prefix.length);
      const kind = kinds.find(([, re]) => re.test(rest))![0];
      byKind[kind]!.keys++;
      byKind[kind]!.bytes += sizes[i]!;
      perKey.set(k, sizes[i]!);
      total += sizes[i]!;
      count++;
    });
  }
  return { byKind, total, keys: count, perKey };
}

async function usedMemory(redis: RedisClient): Promise<number> {
  const info = String(await redis.info('memory'));
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? NaN);
}

/** Finishes every job the queue has ready, doing nothing (a job whose id begins `failed-` throws). */
async function finishJobs(queue: Queue, connection: RedisClient, prefix: string, expected: number): Promise<void> {
  if (expected === 0) return;
  const worker = new Worker(queue.name, async (job: Job) => {
    if (String(job.id).startsWith('failed-')) throw new Error('Telegram: Bad Request: chat not found');
  }, { connection, prefix, concurrency: 20, autorun: false });
  let finished = 0;
  const done = new Promise<void>((resolve) => {
    const one = () => void (++finished >= expected && resolve());
    worker.on('completed', one);
    worker.on('failed', one);
  });
  void worker.run();
  await done;
  await worker.close();
}

export async function yearRun(spec: YearSpec): Promise<YearFigures> {
  process.env.REDIS_URL = spec.redisUrl;
  const started = performance.now();
  const probe = new Redis(spec.redisUrl);
  const usedBefore = await usedMemory(probe);
  // the flow registry as production keeps it (every version, content-addressed)
  const h = await Harness.start({ now: new Date(START), registry: true });
  const bull = bullConnection(spec.redisUrl);
  const queues = new ReminderQueues(bull, h.keys);
  const exports = new ExportQueue(bull, h.keys, h.redis);
  const rand = prng(2029);
  const orgs = new OrgStore(h.redis, h.keys, h.store.cipher);
  const applier = new EffectApplier(h.redis);
  const sup = { id: SUP, name: 'Rina' };
  const counts = { cases: 0, notes: 0, revised: 0, reviewEvents: 0, audit: 0 };
  try {
    const workers = Array.from({ length: spec.workers }, (_, i) => ({ id: 7_900 + i, name: `Petugas ${i + 1}` }));
    const orgId = await team(h, { supervisor: sup, workers });

    // Writes outside the writer's own keys (the supervisor's reviews, every audit entry) are effects
    // (src/store/effects.ts): applied in the last week with their guards (kept 7 days), straight to
    // Redis before it (their guards are gone by now). A worker's own review events ride their write.
    let updateId = 1_000;
    let pending = h.redis.pipeline();
    let pendingOps = 0;
    const flush = async () => {
      if (pendingOps === 0) return;
      await pending.exec();
      pending = h.redis.pipeline();
      pendingOps = 0;
    };
    const writeOut = async (by: number, at: number, effect: boolean, write: (p: ChainableCommander) => void) => {
      if (effect && END - at < FX_MS) return applier.apply({ id: `${by}-${++updateId}-1`, at, ops: recordOps(write), messages: [] });
      write(pending);
      if (++pendingOps >= 500) await flush();
    };
    const audit = (by: number, at: number, action: string, detail: Record<string, string>) => {
      counts.audit++;
      const e: AuditEntry = { at: iso(at), by, action, detail };
      return writeOut(by, at, true, (p) => orgs.audit(p, orgId, e));
    };
    const review = (worker: number, caseId: string, noteId: string, state: ReviewState, ev: ReviewEvent, at: number) => {
      counts.reviewEvents++;
      return writeOut(ev.by, at, ev.by !== worker, (p) => h.store.writeReview(p, worker, orgId, caseId, noteId, state, ev));
    };
    const guard = async (key: string, ttl: number, at: number, holder: string) => {
      if (END - at >= ttl) return;
      await sendOnce(h.redis, key, { holder, claimMs: 60_000, sentMs: ttl - (END - at) }, async () => undefined);
    };
    // the last hour's messages to other users: those of the last notes written (7,200 notes a year
    // on ~250 working days of 8 hours is under 4 an hour; the reminder hour has more)
    const recent: { at: number; sent: Addressed }[] = [];
    const RECENT_NOTES = 8;
    const lastHour: { outbox: Addressed[]; exports: { job: ExportJob; id: string }[] } = { outbox: [], exports: [] };

    let active = 0;
    let closed = 0;
    for (const [wi, w] of workers.entries()) {
      const person = { id: w.id, name: w.name };
      const sims: SimCase[] = [];
      const events: Ev[] = [];
      for (let k = 0; k < spec.casesPerWorker; k++) {
        const flow = h.catalog.get(FLOWS[(k + wi) % FLOWS.length]!)!;
        const openDay = k < 10 ? k + (wi % 3) : Math.floor(14 + ((k - 10) * 340) / Math.max(1, spec.casesPerWorker - 10));
        const openAt = START + openDay * DAY + 2 * 3_600_000;
        const closeAt = openAt + (120 + Math.floor(rand() * 180)) * DAY;
        const answers: Answers = {
          model: modelOption(flow.id), inisial: `${LETTERS[k % LETTERS.length]}${'aiueo'[Math.floor(k / LETTERS.length) % 5]}`, usia: String(19 + Math.floor(rand() * 40)),
          jenis_kelamin: rand() < 0.85 ? 'l' : 'p', setting: 'bapas', masalah: PROBLEMS[(k + wi) % PROBLEMS.length]!,
          peran: 'pk', program: 'pembebasan_bersyarat', akhir_bimbingan: dayOf(closeAt + 30 * DAY), penjamin: 'orang_tua', penjamin_setuju: 'tertulis',
        };
        const c = { ...caseFromIntake(h.catalog, answers, { id: newId(), ownerId: w.id, now: iso(openAt) }), orgId };
        const sim: SimCase = { c, flow, openAt, closeAt, heldHere: 0, notes: 0, lastNoteAt: 0 };
        sims.push(sim);
        events.push({ at: openAt, kind: 'open', sim });
        if (closeAt < END) events.push({ at: closeAt, kind: 'close', sim });
      }
      for (let m = 0; m < 12; m++) {
        for (let j = 0; j < spec.notesPerMonth; j++) {
          const day = Math.floor((m * 364) / 12 + (j * 364) / 12 / spec.notesPerMonth);
          events.push({ at: START + day * DAY + (2 + (j % 7)) * 3_600_000 + wi * 60_000, kind: 'note' });
        }
      }
      // the weekly reminders of the last 62 days (their guards are what is left of them)
      for (let at = START + 364 * DAY + 3_600_000; END - at < REMINDED_MS; at -= 7 * DAY) events.push({ at, kind: 'occurrence' });
      events.sort((a, b) => a.at - b.at);

      // one commit a month: the month's opened, changed and closed cases and its notes
      const changed = new Map<string, CaseRecord>();
      const notes = new Map<string, NoteRecord>();
      let month = 0;
      const commit = async () => {
        if (changed.size === 0 && notes.size === 0) return;
        const ws = await h.store.load(w.id);
        await h.store.commit(w.id, ws.rev, { cases: [...changed.values()], notes: [...notes.values()] });
        changed.clear();
        notes.clear();
      };
      for (const ev of events) {
        const m = Math.floor((ev.at - START) / (DAY * 30.4));
        if (m !== month) {
          await commit();
          month = m;
        }
        if (ev.kind === 'open') {
          counts.cases++;
          changed.set(ev.sim!.c.id, ev.sim!.c);
          continue;
        }
        if (ev.kind === 'close') {
          const s = ev.sim!;
          const reason: EndReason = rand() < 0.7 ? 'selesai' : rand() < 0.5 ? 'dirujuk' : 'tidak_dapat_dihubungi';
          s.c = closedCase(s.c, { reason, at: iso(ev.at), by: w.id, note: rand() < 0.5 ? proseFor(rand, 'alasan', 200) : undefined });
          changed.set(s.c.id, s.c);
          await audit(w.id, ev.at, 'case-ended', { case: s.c.id, reason });
          await guard(h.keys.outboxSent(SUP, outboxJobId({ kind: 'case-ended', to: SUP, worker: person, case: s.c }, { userId: w.id, updateId: ++updateId })), SENT_MS, ev.at, `case-ended-${s.c.id}`);
          continue;
        }
        if (ev.kind === 'occurrence') {
          const prefs = prefsOf(undefined, ZONE);
          for (const s of sims) {
            if (s.c.status !== 'active' || s.openAt > ev.at) continue;
            if (!decide(s.c, prefs, ev.at, ev.at + 3_000, { snooze: false }).send) continue;
            await guard(h.keys.reminded(w.id, s.c.id, periodOf(monitoringOf(s.c).cadence, ev.at, ZONE)), REMINDED_MS, ev.at, `deliver-${w.id}-${ev.at}`);
          }
          continue;
        }
        // a note: on the active case written least recently
        const open = sims.filter((s) => s.c.status === 'active' && s.openAt < ev.at - DAY).sort((a, b) => a.lastNoteAt - b.lastNoteAt || a.openAt - b.openAt);
        const s = open[0];
        if (!s) continue;
        const { flow } = s;
        const main = flow.stages.filter((x) => !x.alongside);
        const beside = flow.stages.find((x) => x.alongside);
        let stage = main.find((x) => x.id === s.c.stageId) ?? main[0]!;
        if (s.heldHere >= 3 && stage.index < main.at(-1)!.index) {
          stage = main[main.indexOf(stage) + 1]!;
          s.heldHere = 0;
        }
        if (beside && s.notes % 4 === 3) stage = beside;
        const now = iso(ev.at);
        const preset = h.catalog.at(flow.id, flow.version)?.preset;
        const { items, answers } = answerStage(stage, { ...caseFacts(s.c), ...(preset ?? {}) }, rand, ev.at);
        let note = buildNote(flow, stage, s.c, items, { id: newId(), authorId: w.id, now });
        const held = sessionHeld(flow, answers);
        const moves = held && !stage.alongside;
        if (moves) s.heldHere++;
        const carry = carryAfter(s.c, stage, note);
        s.c = {
          ...s.c,
          ...(moves && stage.id !== s.c.stageId ? { stageId: stage.id, stageSince: now } : { stageSince: stageSince(s.c) }),
          noteCount: s.c.noteCount + 1,
          lastNoteAt: now,
          ...(withoutClient(note) ? {} : afterSession(s.c, held, now)),
          updatedAt: now,
          lastNote: lastNoteOf(note, held),
          ...(carry ? { carry } : {}),
          ...(hasRating(note) ? { rated: true } : {}),
        };
        s.notes++;
        s.lastNoteAt = ev.at;
        counts.notes++;
        changed.set(s.c.id, s.c);
        const at = (days: number) => ev.at + days * DAY;
        await review(w.id, s.c.id, note.id, 'menunggu', { at: now, by: w.id, byName: w.name, action: 'submitted', version: 1 }, ev.at);
        const summary: OutboxMessage = { kind: 'summary', to: SUP, orgId, about: w.id, worker: person, note, case: s.c, revised: false };
        const summaryId = outboxJobId(summary, { userId: w.id, updateId: ++updateId });
        await guard(h.keys.outboxSent(SUP, summaryId), SENT_MS, ev.at, summaryId);
        recent.push({ at: ev.at, sent: { jobId: summaryId, message: summary } });
        if (rand() < 0.5) await audit(SUP, at(0.8), 'note-viewed', { worker: String(w.id), note: note.id, case: s.c.id });
        const date = note.sessionDate ?? now.slice(0, 10);
        if (rand() < 0.1) {
          // feedback, the note revised, then approved
          const text = FEEDBACK[Math.floor(rand() * FEEDBACK.length)]!;
          await review(w.id, s.c.id, note.id, 'perlu_perbaikan', { at: iso(at(1)), by: SUP, byName: sup.name, action: 'feedback', version: 1, text }, at(1));
          await audit(SUP, at(1), 'feedback', { worker: String(w.id), note: note.id });
          await guard(h.keys.outboxSent(w.id, `feedback-${SUP}-${++updateId}-${w.id}`), SENT_MS, at(1), 'feedback');
          const prose = items.find((i) => (i.question.type === 'longtext' || i.question.type === 'text') && typeof i.value === 'string');
          const again = items.map((i) => (i === prose ? { ...i, value: `${String(i.value)} ${proseFor(rand, i.question.id, 200)}`.slice(0, 600) } : i));
          const rebuilt = buildNote(flow, stage, s.c, again, { id: note.id, authorId: w.id, now: iso(at(2)) });
          note = reviseNote(note, rebuilt, iso(at(2)), person);
          counts.revised++;
          await review(w.id, s.c.id, note.id, 'menunggu', { at: iso(at(2)), by: w.id, byName: w.name, action: 'revised', version: 2 }, at(2));
          await review(w.id, s.c.id, note.id, 'disetujui', { at: iso(at(3)), by: SUP, byName: sup.name, action: 'approved', version: 2 }, at(3));
        } else {
          await review(w.id, s.c.id, note.id, 'disetujui', { at: iso(at(1)), by: SUP, byName: sup.name, action: 'approved', version: 1 }, at(1));
        }
        await audit(SUP, at(1), 'note-approved', { worker: String(w.id), note: note.id });
        const approved: OutboxMessage = { kind: 'approved', to: w.id, orgId, about: w.id, supervisor: sup, caseId: s.c.id, noteId: note.id, client: clientLabel(s.c), date };
        const approvedId = outboxJobId(approved, { userId: SUP, updateId: ++updateId });
        await guard(h.keys.outboxSent(w.id, approvedId), SENT_MS, at(1), approvedId);
        recent.push({ at: ev.at, sent: { jobId: approvedId, message: approved } });
        if (recent.length > 4 * RECENT_NOTES) recent.sort((a, b) => b.at - a.at).splice(2 * RECENT_NOTES);
        notes.set(note.id, note);
      }
      await commit();
      // the supervisor's weekly look at each worker's cases; three exports a worker a month
      for (let week = 0; week < 52; week++) await audit(SUP, START + week * 7 * DAY + 5 * 3_600_000, 'worker-cases-viewed', { user: String(w.id), cases: String(sims.filter((x) => x.openAt < START + week * 7 * DAY && x.closeAt > START + week * 7 * DAY).length) });
      for (let m = 0; m < 12; m++) {
        for (let e = 0; e < 3; e++) {
          const at = START + Math.floor(m * 30.4 + e * 9 + (wi % 5)) * DAY + 7 * 3_600_000;
          const s = sims.find((x) => x.openAt < at && x.closeAt > at) ?? sims[0]!;
          const what = e === 2 ? 'monthly-pdf' : 'report-pdf';
          await audit(w.id, at, 'export', e === 2 ? { what, workers: '1' } : { what, case: s.c.id });
          const id = exportJobId(w.id, ++updateId);
          await guard(h.keys.exportSent(w.id, id), EXPORTED_MS, at, id);
        }
      }
      active += sims.filter((s) => s.c.status === 'active').length;
      closed += sims.filter((s) => s.c.status === 'closed').length;
    }
    await flush();
    lastHour.outbox = recent.sort((a, b) => b.at - a.at).slice(0, 2 * RECENT_NOTES).map((r) => r.sent);
    // the last hour's exports: a few
    for (const w of workers.slice(0, 5)) {
      const s = Object.values((await h.store.load(w.id)).cases).find((c) => c.status === 'active');
      if (s) lastHour.exports.push({ id: exportJobId(w.id, ++updateId), job: { userId: w.id, lang: 'id', zone: ZONE, at: iso(END - 1_800_000), kind: 'report', format: 'pdf', caseId: s.id } });
    }

    // ── BullMQ as the year leaves it ──────────────────────────────────────────────────────────
    const d: ReminderWorkerDeps = {
      connection: bull, queues, redis: h.redis, store: h.store, keys: h.keys, api: new Api(TEST_TOKEN, { apiRoot: h.fake.url }),
      catalog: h.catalog, i18n: createI18n(), logger: pino({ level: 'silent' }), now: () => END, defaultZone: ZONE,
    };
    for (const w of [...workers.map((x) => x.id), SUP, ADMIN]) await syncSchedulers(d, w);
    await queues.schedule.upsertJobScheduler('reconcile', { pattern: '15 3 * * *', tz: ZONE }, { name: 'reconcile', data: { userId: 0 } });
    await queues.schedule.upsertJobScheduler('retention', { pattern: '45 3 * * *', tz: ZONE }, { name: 'retention', data: { userId: 0 } });
    const hourStart = END - 3_600_000;
    const occurrence = START + 364 * DAY + 3_600_000;
    // the reminder hour: an occurrence per active case, a deliver per worker, the digest; a sweep a
    // minute. (A scheduler's job id is `repeat:<scheduler id>:<ms>`, which only BullMQ may give: the
    // same with "-" for ":", the same length.)
    const repeatId = (scheduler: string, ms: number) => `repeat-${scheduler.replaceAll(':', '-')}-${ms}`;
    const scheduleJobs: { name: string; data: OccurrenceJob | SyncJob; opts: { jobId?: string; attempts?: number } }[] = [];
    const sendsJobs: { name: string; data: DeliverJob; opts: { jobId?: string; attempts?: number } }[] = [];
    for (const w of workers) {
      const ws = await h.store.load(w.id, { everyOrg: true });
      for (const c of Object.values(ws.cases).filter((x) => x.status === 'active')) scheduleJobs.push({ name: 'occurrence', data: { userId: w.id, caseId: c.id }, opts: { jobId: repeatId(schedulerId(w.id, c.id), occurrence) } });
      sendsJobs.push({ name: 'deliver', data: { userId: w.id, occurrence }, opts: { jobId: `deliver-${w.id}-${occurrence}` } });
    }
    scheduleJobs.push({ name: 'digest', data: { userId: SUP }, opts: { jobId: repeatId(`digest:${SUP}`, occurrence) } });
    sendsJobs.push({ name: 'digest', data: { userId: SUP, occurrence }, opts: { jobId: `digest-${SUP}-${occurrence}` } });
    for (let i = 0; i < 60; i++) scheduleJobs.push({ name: 'sweep-effects', data: { userId: 0 }, opts: { jobId: repeatId('sweep-effects', hourStart + i * 60_000) } });
    for (let i = 0; i < 3; i++) scheduleJobs.push({ name: 'sync', data: { userId: workers[i]!.id }, opts: {} });
    // the week's failures: a few sends Telegram refused, a sync that met Redis away, an export
    for (let i = 0; i < 8; i++) sendsJobs.push({ name: 'deliver', data: { userId: workers[i]!.id, occurrence: occurrence - 7 * DAY }, opts: { jobId: `failed-deliver-${workers[i]!.id}`, attempts: 1 } });
    for (let i = 0; i < 2; i++) scheduleJobs.push({ name: 'sync', data: { userId: workers[i]!.id }, opts: { jobId: `failed-sync-${i}`, attempts: 1 } });
    await queues.schedule.addBulk(scheduleJobs);
    await queues.sends.addBulk(sendsJobs);
    await new QueuedOutbox(queues.sends, h.store.cipher).send(lastHour.outbox);
    for (const e of lastHour.exports) await exports.request(e.job, e.id);
    await exports.queue.add('report', lastHour.exports[0]!.job, { jobId: `failed-export-1` });
    await Promise.all([
      finishJobs(queues.schedule, bull, h.keys.bullPrefix, scheduleJobs.length),
      finishJobs(queues.sends, bull, h.keys.bullPrefix, sendsJobs.length + lastHour.outbox.length),
      finishJobs(exports.queue, bull, h.keys.bullPrefix, lastHour.exports.length + 1),
    ]);
    // the minute's sweep (its jobs of the hour are among those above)
    await queues.schedule.upsertJobScheduler('sweep-effects', { every: 60_000 }, { name: 'sweep-effects', data: { userId: 0 } });
    // the exports' ranks are left by the export worker's own code, not this one: none kept
    for (const w of workers) await h.redis.del(h.keys.exportsQueued(w.id));

    // ── measured ──────────────────────────────────────────────────────────────────────────────
    const usedAfter = await usedMemory(probe);
    const mem = await memoryByKind(h.redis, h.prefix);
    const auditKey = h.keys.audit(orgId);
    const auditLen = await h.redis.xlen(auditKey);
    const bullmq: YearFigures['bullmq'] = {};
    for (const q of [queues.schedule, queues.sends, exports.queue]) {
      const base = `${h.keys.bullPrefix}:${q.name}:`;
      const [completed, failed, delayed] = await Promise.all(['completed', 'failed', 'delayed'].map(async (set) => new Set(await h.redis.zrange(`${base}${set}`, 0, -1))));
      const b: BullFigures = { completed: { jobs: completed!.size, bytes: 0 }, failed: { jobs: failed!.size, bytes: 0 }, schedulers: { count: await q.getJobSchedulersCount(), bytes: 0 }, delayed: { jobs: 0, bytes: 0 }, events: { entries: await h.redis.xlen(`${base}events`), bytes: 0 }, other: 0, bytes: 0 };
      for (const [k, bytes] of mem.perKey) {
        if (!k.startsWith(base)) continue;
        const rest = k.slice(base.length);
        b.bytes += bytes;
        if (rest === 'events') b.events.bytes += bytes;
        else if (rest === 'completed' || completed!.has(rest)) b.completed.bytes += bytes;
        else if (rest === 'failed' || failed!.has(rest)) b.failed.bytes += bytes;
        // (the delayed set: the schedulers' next jobs, each waiting for its time)
        else if (rest === 'repeat' || rest.startsWith('repeat:') || rest === 'delayed') b.schedulers.bytes += bytes;
        else if (delayed!.has(rest)) {
          b.delayed.jobs++;
          b.delayed.bytes += bytes;
        } else b.other += bytes;
      }
      bullmq[q.name] = b;
    }
    const schedulers = (await queues.schedule.getJobSchedulersCount()) + (await queues.sends.getJobSchedulersCount());
    return {
      workers: spec.workers,
      cases: counts.cases,
      active_cases: active,
      closed_cases: closed,
      notes: counts.notes,
      revised_notes: counts.revised,
      review_events: counts.reviewEvents,
      audit_entries: auditLen,
      used_memory_delta: usedAfter - usedBefore,
      keys_bytes: mem.total,
      keys: mem.keys,
      by_kind: mem.byKind,
      audit_bytes_per_entry: (mem.perKey.get(auditKey) ?? 0) / Math.max(1, auditLen),
      bullmq,
      job_schedulers: schedulers,
      bytes_per_worker: mem.total / spec.workers,
      projection_10k_gb: (mem.total / spec.workers) * 10_000 / 1e9,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await queues.close();
    await exports.close();
    await h.stop();
    bull.disconnect();
    probe.disconnect();
  }
}

const kb = (b: number) => (b >= 1e6 ? `${(b / 1e6).toFixed(2)} MB` : `${(b / 1e3).toFixed(1)} KB`);

/** The table: the year's figures, then Redis by kind of key. */
export function yearLines(f: YearFigures): string[] {
  const lines = [
    `a simulated year: ${f.workers} workers (and a supervisor, an admin), ${f.cases} cases (${f.active_cases} active at the end, ${f.closed_cases} ended), ${f.notes} notes (${f.revised_notes} revised after feedback), ${f.review_events} review events, ${f.audit_entries} audit entries, ${f.job_schedulers} job schedulers`,
    `  ${'kind of key'.padEnd(16)} ${'keys'.padStart(7)} ${'bytes'.padStart(10)} ${'share'.padStart(6)}`,
  ];
  for (const [kind, k] of Object.entries(f.by_kind)) {
    if (k.keys === 0) continue;
    lines.push(`  ${kind.padEnd(16)} ${String(k.keys).padStart(7)} ${kb(k.bytes).padStart(10)} ${`${((100 * k.bytes) / f.keys_bytes).toFixed(1)} %`.padStart(6)}`);
  }
  lines.push(`  ${'total'.padEnd(16)} ${String(f.keys).padStart(7)} ${kb(f.keys_bytes).padStart(10)}   (MEMORY USAGE of every key; INFO used_memory grew ${kb(f.used_memory_delta)})`);
  lines.push(`  per worker a year: ${kb(f.bytes_per_worker)} → 10,000 workers: ${f.projection_10k_gb.toFixed(1)} GB; the audit stream ${f.audit_bytes_per_entry.toFixed(0)} B an entry`);
  const each = (n: number, bytes: number) => (n ? ` (${(bytes / n).toFixed(0)} B each)` : '');
  for (const [q, b] of Object.entries(f.bullmq)) {
    lines.push(`  BullMQ ${q}: ${kb(b.bytes)} — ${b.completed.jobs} completed ${kb(b.completed.bytes)}${each(b.completed.jobs, b.completed.bytes)}, ${b.failed.jobs} failed ${kb(b.failed.bytes)}${each(b.failed.jobs, b.failed.bytes)}, ${b.schedulers.count} schedulers ${kb(b.schedulers.bytes)}${each(b.schedulers.count, b.schedulers.bytes)}, ${b.delayed.jobs} other delayed, ${b.events.entries} events ${kb(b.events.bytes)}, the rest ${kb(b.other)}`);
  }
  lines.push(`  (${f.seconds.toFixed(0)} s)`);
  return lines;
}

benchEntry<YearSpec, Awaited<ReturnType<typeof yearRun>>>(import.meta.url, yearRun, (redisUrl) => ({ redisUrl, workers: 30, casesPerWorker: 40, notesPerMonth: 20 }), (r) => [...yearLines(r), JSON.stringify(r, null, 2)]);
