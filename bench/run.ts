// `npm run bench`: everything of issue 13's measurements in one invocation (bench/README.md).
// Starts its own Redis (or uses REDIS_URL), then, each bot in a child process of its own
// (node --expose-gc, see bench/child.ts):
//   1. start-up (in one process, step by step; and src/main.ts as a process, to its first poll)
//   2. notes through our bot and the two peers, U = 200 and 2,000, three rounds (bench/notes.ts)
//   3. flat memory: our heap after GC at 200 and 20,000 finished workers (bench/memory.ts)
//   4. reminders through BullMQ against a rate-limited fake Bot API (bench/reminders.ts)
//   5. two small figures: an engine step, a workspace read / write (bench/micro.ts); a worker's
//      monthly report across 12 clients (bench/monthly.ts); the supervisors' dashboard at 30 workers ×
//      20 cases: Redis round trips per call, page weight and time to first numbers (bench/dashboard.ts);
//      Redis memory per realistic note, per case, per session, CPU to seal, open and render a note
//      (bench/note-memory.ts)
//   6. one user's flood beside another user's reply and export (bench/flood.ts)
// Prints a table and writes bench/results/latest.json. Every figure is the median of its runs.
//   npm run bench -- --quick     a smoke run: small sizes, one round (not for comparing)
//   npm run bench -- --profile   our bot at U = 2,000 once under --cpu-prof, and its top self times
//   npm run bench -- --heap-profile   the same run's allocations (sampled), per update, by function and module
//   npm run bench -- --ab        our bot and peer B only (--users N, --rounds R, --windows W): CPU per update, ratios
//   npm run bench -- --one BOT   one bot's notes run (--users N): to run in two checkouts at once
//   npm run bench -- --flood     the flood figures alone (--rounds R, default 3): bench/flood.ts
//   npm run bench -- --year      a simulated year of a 30-worker organisation, Redis memory by kind of
//                                key, alone (not in the full run): bench/year.ts
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { startLocalRedis } from '../src/store/local-redis.ts';
import { childRuntime, runChild, useRuntime } from './child.ts';
import { currentRuntime, productionRuntime } from './runtime.ts';
import type { MemoryFigures } from './memory.ts';
import { micro, type MicroFigures } from './micro.ts';
import type { NotesChildResult, RunFigures } from './notes.ts';
import { mainProfile, printAllocations, printSummary, summarise, summariseAllocations } from './profile.ts';
import type { ReminderFigures } from './reminders.ts';
import { processStartup, type InProcessStartup, type ProcessStartup } from './startup.ts';
import { UPDATES_PER_NOTE } from './workload.ts';
import { flood, floodLines, type FloodFigures } from './flood.ts';
import type { MonthlyFigures } from './monthly.ts';
import type { DashboardFigures } from './dashboard.ts';
import type { NoteMemoryFigures } from './note-memory.ts';
import type { YearFigures } from './year.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const args = new Set(process.argv.slice(2));
const QUICK = args.has('--quick');
const PROFILE = args.has('--profile');
const HEAP_PROFILE = args.has('--heap-profile');
const AB = args.has('--ab');
const FLOOD = args.has('--flood');
const YEAR = args.has('--year');
/** `--name value` from the command line */
function argValue(name: string): string | undefined {
  const argv = process.argv.slice(2);
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}
/** `--name value` from the command line, as a number */
function numArg(name: string, fallback: number): number {
  const argv = process.argv.slice(2);
  const i = argv.indexOf(name);
  const v = i >= 0 ? Number(argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

const CFG = QUICK
  ? { sizes: [50, 200], rounds: 1, warmup: 30, memory: { small: 200, large: 2_000, warmup: 50, runs: 1 }, reminders: { users: 300, snoozed: 10, runs: 1 }, startups: 1 }
  : { sizes: [200, 2_000], rounds: 3, warmup: 150, memory: { small: 200, large: 20_000, warmup: 100, runs: 1 }, reminders: { users: 1_480, snoozed: 20, runs: 3 }, startups: 3 };
const BOT_ORDER = ['pendamping', 'conversations', 'state-machine'] as const;
type BotName = (typeof BOT_ORDER)[number];

function median(xs: number[]): number {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Figure-wise medians of several runs' objects (numbers only; the rest from the first). */
function medianOf<T extends object>(runs: T[]): T {
  const out: Record<string, unknown> = { ...(runs[0] as Record<string, unknown>) };
  for (const [k, v] of Object.entries(runs[0]!)) {
    if (typeof v === 'number') out[k] = median(runs.map((r) => (r as Record<string, number>)[k]!));
  }
  return out as T;
}

const log = (s: string) => process.stdout.write(`${s}\n`);
const f = (x: number, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '—');

async function main(): Promise<void> {
  let local: Awaited<ReturnType<typeof startLocalRedis>> | undefined;
  let dir: string | undefined;
  if (!process.env.REDIS_URL) {
    dir = await mkdtemp(path.join(os.tmpdir(), 'pendamping-bench-'));
    local = await startLocalRedis(dir);
  }
  const redisUrl = process.env.REDIS_URL ?? local!.url;
  const started = performance.now();
  // the bots run on production's Node (the Dockerfile's), unless `--node current`
  const rt = argValue('--node') === 'current' ? currentRuntime() : ((await productionRuntime(log)) ?? currentRuntime());
  useRuntime(rt);
  log(`the bots run on Node ${rt.version}${rt.production ? " (production's, the Dockerfile's)" : ' (this machine\'s, not production\'s)'}${rt.stripsTypes ? ', types stripped by Node' : ', through tsx'}`);
  try {
    if (PROFILE) return await profile(redisUrl);
    if (HEAP_PROFILE) return await heapProfile(redisUrl);
    if (AB) return await ab(redisUrl);
    if (FLOOD) return await floodOnly(redisUrl);
    if (YEAR) return await yearOnly(redisUrl);
    const one = argValue('--one');
    if (one) return await oneBot(redisUrl, one);

    log(`pendamping bench — ${os.cpus().length} cores, bots on node v${rt.version}, Redis ${process.env.REDIS_URL ? 'REDIS_URL' : 'started here'}${QUICK ? ' — QUICK (smoke run, not for comparing)' : ''}`);
    // 1. start-up, first, on a quiet machine
    // Every start compiles and checks every flow; a restart finds the flow registry in Redis filled.
    const inProc: InProcessStartup[] = [];
    const firstStarts: InProcessStartup[] = [];
    const procs: ProcessStartup[] = [];
    for (let i = 0; i < CFG.startups; i++) {
      const prefix = `bench:startin:${process.pid}:${i}:`;
      firstStarts.push(await runChild<InProcessStartup>('./startup.ts', { redisUrl, prefix, keep: true }));
      inProc.push(await runChild<InProcessStartup>('./startup.ts', { redisUrl, prefix }));
      procs.push(await processStartup(redisUrl, i));
    }
    const startup = { in_process: medianOf(inProc), first_start: medianOf(firstStarts), process: medianOf(procs) };
    log(`start-up: a restart is ready to poll ${f(startup.in_process.ready_ms, 0)} ms after the modules loaded (flows ${f(startup.in_process.flows_ms, 0)} ms); a first start ${f(startup.first_start.ready_ms, 0)} ms (flows compiled and checked ${f(startup.first_start.flows_ms, 0)} ms); src/main.ts to its first poll ${f(startup.process.to_first_poll_ms, 0)} ms`);

    // 2. notes: each round runs every bot once, in a rotating order
    const runs = new Map<string, RunFigures[]>();
    let trace: Record<string, Record<string, string[]>> = {};
    let base = 1_000_000;
    for (let round = 0; round < CFG.rounds; round++) {
      for (let k = 0; k < BOT_ORDER.length; k++) {
        const bot = BOT_ORDER[(k + round) % BOT_ORDER.length]!;
        const r = await runChild<NotesChildResult>('./notes.ts', { bot, redisUrl, sizes: CFG.sizes, warmup: CFG.warmup, trace: round === 0, base });
        base += 100_000;
        for (const run of r.runs) {
          const key = `${bot}@${run.users}`;
          runs.set(key, [...(runs.get(key) ?? []), run]);
          log(`  round ${round + 1} ${bot.padEnd(14)} U=${String(run.users).padEnd(5)} ${f(run.updates_per_s, 0).padStart(6)} updates/s ${f(run.notes_per_s, 1).padStart(6)} notes/s  p99 ${f(run.p99_ms, 1)} ms  verified ${run.verified_notes} notes`);
        }
        if (r.trace) trace[bot] = r.trace;
      }
    }
    const notes: Record<string, RunFigures> = {};
    for (const [k, v] of runs) notes[k] = medianOf(v);

    // 3 + 4. memory (CPU-bound) beside reminders (bound by the send limiter, one per 34 ms, nearly idle): at once
    const [memoryRuns, reminderRuns] = await Promise.all([
      runChild<MemoryFigures[]>('./memory.ts', { redisUrl, ...CFG.memory }),
      runChild<ReminderFigures[]>('./reminders.ts', { redisUrl, ...CFG.reminders }),
    ]);
    const memory = medianOf(memoryRuns);
    const reminders = medianOf(reminderRuns);

    // 5.
    const microFigures: MicroFigures = await micro(redisUrl);

    // 5b. a worker's monthly report across 12 clients, PDF and Word (issue #27.3; bench/monthly.ts)
    const monthly = await runChild<MonthlyFigures>('./monthly.ts', { redisUrl, clients: 12, runs: QUICK ? 1 : 5 });

    // 5c. the supervisors' dashboard at 600 cases (issue #28; bench/dashboard.ts)
    const dashboard = await runChild<DashboardFigures>('./dashboard.ts', { redisUrl, workers: 30, casesEach: 20, runs: QUICK ? 2 : 5 });

    // 5d. Redis memory per realistic note: 100 notes through the real bot (issue #29.4; bench/note-memory.ts)
    const noteMemory = await runChild<NoteMemoryFigures>('./note-memory.ts', { redisUrl, notes: 100, cases: 10, reps: 2_000 });

    // 6. (last: its bot processes hold a core each while their floods are worked off)
    const floodRun = await flood(redisUrl, CFG.rounds, log);
    const floodFigures: FloodFigures = floodRun.figures;

    const big = CFG.sizes.at(-1)!;
    const ours = notes[`pendamping@${big}`]!;
    const convo = notes[`conversations@${big}`]!;
    const sm = notes[`state-machine@${big}`]!;
    // Ratios are paired: ours ÷ peer within each round (the three bots ran one after another), then
    // the median over the rounds — this machine's load drifts between rounds more than within one.
    const paired = (peer: BotName, figure: 'notes_per_s' | 'updates_per_s') =>
      median(runs.get(`pendamping@${big}`)!.map((r, i) => r[figure] / runs.get(`${peer}@${big}`)![i]![figure]));
    const ratio = {
      ratio_vs_conversations: paired('conversations', 'notes_per_s'),
      ratio_vs_state_machine: paired('state-machine', 'notes_per_s'),
      updates_ratio_vs_conversations: paired('conversations', 'updates_per_s'),
      updates_ratio_vs_state_machine: paired('state-machine', 'updates_per_s'),
      ratio_of_medians: {
        vs_conversations: ours.notes_per_s / convo.notes_per_s,
        vs_state_machine: ours.notes_per_s / sm.notes_per_s,
      },
    };
    const targets = [
      { target: '≥ 3× peer A (notes/s, U = 2,000)', value: `${f(ratio.ratio_vs_conversations, 2)}×`, met: ratio.ratio_vs_conversations >= 3 },
      { target: '≥ 0.5× peer B (notes/s, U = 2,000)', value: `${f(ratio.ratio_vs_state_machine, 2)}×`, met: ratio.ratio_vs_state_machine >= 0.5 },
      { target: 'CPU per update < 200 µs', value: `${f(ours.cpu_us_per_update, 0)} µs`, met: ours.cpu_us_per_update < 200 },
      { target: 'p99 < 10 ms', value: `${f(ours.p99_ms, 1)} ms`, met: ours.p99_ms < 10 },
      { target: '≤ 2 Redis round trips per update', value: f(ours.redis_round_trips_per_update, 2), met: ours.redis_round_trips_per_update <= 2 },
      { target: '≤ 18 Bot API calls per note', value: f(ours.api_calls_per_note, 1), met: ours.api_calls_per_note <= 18 },
      { target: 'heap at U = 20,000 ≤ 1.2× U = 200', value: `${f(memory.ratio, 2)}×`, met: memory.ratio <= 1.2 },
      { target: 'reminders ≥ 90 % of 30/s', value: `${f(reminders.pct_of_limit, 0)} %`, met: reminders.pct_of_limit >= 90 },
      { target: 'reminders 0 lost, 0 doubled', value: `${reminders.lost} lost, ${reminders.doubled} doubled`, met: reminders.lost === 0 && reminders.doubled === 0 },
      { target: 'start-up < 500 ms (flows loaded → ready to poll; a restart)', value: `${f(startup.in_process.ready_ms, 0)} ms (first start of a deployment: ${f(startup.first_start.ready_ms, 0)} ms)`, met: startup.in_process.ready_ms < 500 },
      { target: '12-client monthly report < 3 s, < 150 MB added', value: `${f(monthly.ms, 0)} ms, RSS +${f(monthly.rss_added_mb, 0)} MB, heap +${f(monthly.heap_added_mb, 0)} MB (first in the process: ${f(monthly.cold.ms, 0)} ms, RSS +${f(monthly.cold.rss_added_mb, 0)} MB)`, met: monthly.cold.ms < 3000 && Math.max(monthly.rss_added_mb, monthly.cold.rss_added_mb) < 150 },
      {
        target: 'dashboard at 600 cases: < 150 KB, first numbers < 1 s',
        value: dashboard.page ? `${f(dashboard.page.bytes / 1024, 0)} KB, ${f(dashboard.page.first_numbers_ms, 0)} ms (overview: ${dashboard.redis['overview']!.round_trips} Redis round trips, ${f(dashboard.overview_ms, 1)} ms on the server)` : 'no Chromium here',
        met: dashboard.page !== undefined && dashboard.page.bytes < 150 * 1024 && dashboard.page.first_numbers_ms < 1000,
      },
      {
        target: 'notes: ≤ 1.5 KB of Redis per realistic note',
        value: `${f(noteMemory.bytes_per_note / 1024, 2)} KB (${f(noteMemory.bytes_per_note, 0)} B; before #29: ${f(noteMemory.bytes_per_note_before, 0)} B; the answers alone deflated: ${f(noteMemory.answers_deflated_bytes, 0)} B)`,
        met: noteMemory.bytes_per_note <= 1536,
      },
      {
        target: 'notes: read and rendered no slower than before #29',
        value: `open ${f(noteMemory.open_us)} µs + render ${f(noteMemory.render_us)} µs (before: open ${f(noteMemory.open_before_us)} µs)`,
        met: noteMemory.open_us <= noteMemory.open_before_us,
      },
      {
        target: 'cases and sessions: smaller than before #29',
        value: `${f(noteMemory.bytes_per_case, 0)} B a case (before ${f(noteMemory.bytes_per_case_before, 0)} B), a session mid-note ${noteMemory.session_mid_note_bytes} B (before ${noteMemory.session_mid_note_bytes_before} B), idle ${noteMemory.session_bytes} B (before ${noteMemory.session_bytes_before} B)`,
        met: noteMemory.bytes_per_case < noteMemory.bytes_per_case_before && noteMemory.session_mid_note_bytes < noteMemory.session_mid_note_bytes_before && noteMemory.session_bytes <= noteMemory.session_bytes_before,
      },
      ...floodTargets(floodFigures),
    ];

    log('');
    log(`notes (bench flow: 10 questions, ${UPDATES_PER_NOTE} updates per note; ≤ 32 in flight; medians of ${CFG.rounds} rounds)`);
    const cols: [string, (r: RunFigures) => string][] = [
      ['updates/s', (r) => f(r.updates_per_s, 0)],
      ['notes/s', (r) => f(r.notes_per_s, 1)],
      ['p50 ms', (r) => f(r.p50_ms, 2)],
      ['p95 ms', (r) => f(r.p95_ms, 2)],
      ['p99 ms', (r) => f(r.p99_ms, 2)],
      ['cmds/upd', (r) => f(r.redis_commands_per_update, 2)],
      ['RTT/upd', (r) => f(r.redis_round_trips_per_update, 2)],
      ['B/upd redis', (r) => f(r.redis_bytes_per_update, 0)],
      ['B/upd api', (r) => f(r.api_bytes_per_update, 0)],
      ['CPU µs/upd', (r) => f(r.cpu_us_per_update, 0)],
      ['API/note', (r) => f(r.api_calls_per_note, 1)],
      ['heap MiB', (r) => f(r.heap_after_gc_mib, 1)],
      ['RSS MiB', (r) => f(r.peak_rss_mib, 0)],
    ];
    log(['bot'.padEnd(22), ...cols.map(([h]) => h.padStart(11))].join(' '));
    for (const size of CFG.sizes) {
      for (const bot of BOT_ORDER) {
        const r = notes[`${bot}@${size}`]!;
        log([`${bot} U=${size}`.padEnd(22), ...cols.map(([, g]) => g(r).padStart(11))].join(' '));
      }
    }
    log(`ours ÷ peer A (conversations), U=${big}: ${f(ratio.ratio_vs_conversations, 2)}× notes/s, ${f(ratio.updates_ratio_vs_conversations, 2)}× updates/s (median of the rounds' ratios; of the medians: ${f(ratio.ratio_of_medians.vs_conversations, 2)}×)`);
    log(`ours ÷ peer B (state machine), U=${big}: ${f(ratio.ratio_vs_state_machine, 2)}× notes/s, ${f(ratio.updates_ratio_vs_state_machine, 2)}× updates/s (median of the rounds' ratios; of the medians: ${f(ratio.ratio_of_medians.vs_state_machine, 2)}×)`);
    log(`Bot API calls per note (ours): ${Object.entries(ours.api_calls_by_method).map(([m, n]) => `${m} ${n}`).join(', ')}`);
    log('');
    log(`memory: heap after GC ${f(memory.heap_small_mib)} MiB at ${memory.small_users} finished workers, ${f(memory.heap_large_mib)} MiB at ${memory.large_users} (${f(memory.ratio, 2)}×; ${memoryRuns.length} run)`);
    log(`reminders: ${reminders.reminders} due, ${f(reminders.messages_per_s)} messages/s = ${f(reminders.pct_of_limit, 0)} % of ${reminders.limit_per_s}/s; 429s: ${reminders.too_many_requests} (${reminders.too_many_total} total limit, ${reminders.too_many_per_chat} per chat); lost ${reminders.lost}, doubled ${reminders.doubled} (median of ${reminderRuns.length})`);
    log(`start-up (a restart): import ${f(startup.in_process.import_ms, 0)} ms, flows loaded ${f(startup.in_process.flows_ms, 0)} ms (${startup.in_process.flows} flows, ${startup.in_process.versions} versions; compiled and checked at a first start: ${f(startup.first_start.flows_ms, 0)} ms), registry ${f(startup.in_process.registry_ms, 0)} ms, bot ${f(startup.in_process.bot_ms, 0)} ms → ready ${f(startup.in_process.ready_ms, 0)} ms; src/main.ts spawn → first getUpdates ${f(startup.process.to_first_poll_ms, 0)} ms`);
    log(`micro: engine step ${f(microFigures.engine_step_us)} µs; PING ${f(microFigures.redis_ping_us)} µs; workspace read ${f(microFigures.workspace_read_us)} µs, write ${f(microFigures.workspace_write_us)} µs`);
    log(`dashboard (${dashboard.workers} workers, ${dashboard.cases} cases): ${Object.entries(dashboard.redis).map(([k, v]) => `${k} ${v.round_trips} round trips / ${v.commands} commands`).join('; ')}; overview ${f(dashboard.overview_ms, 1)} ms, ${dashboard.overview_bytes} B`);
    const nm = noteMemory;
    log(`note memory (${nm.notes} notes of one case, ${f(nm.answers_per_note, 0)} answers, ${f(nm.narrative_answers_per_note, 1)} of ~${f(nm.narrative_chars, 0)} characters of prose): ${f(nm.bytes_per_note, 0)} B per note (before #29: ${f(nm.bytes_per_note_before, 0)} B; stored value ${f(nm.stored_value_bytes, 0)} B, hash ${nm.notes_hash.encoding}); ${f(nm.bytes_per_case, 0)} B per case (before: ${f(nm.bytes_per_case_before, 0)} B); session ${nm.session_bytes} B, ${nm.session_mid_note_bytes} B mid-note (${nm.draft_answers} answers; before: ${nm.session_bytes_before} B, ${nm.session_mid_note_bytes_before} B); seal ${f(nm.seal_us)} µs, open ${f(nm.open_us)} µs (before: ${f(nm.seal_before_us)} / ${f(nm.open_before_us)} µs), render ${f(nm.render_us)} µs; a case opened ${f(nm.case_open_us)} µs (before ${f(nm.case_open_before_us)}), the draft's session sealed ${f(nm.session_seal_us)} / opened ${f(nm.session_open_us)} µs (before ${f(nm.session_seal_before_us)} / ${f(nm.session_open_before_us)}); floor ${f(nm.answers_json_bytes, 0)} B of answers, ${f(nm.answers_deflated_bytes, 0)} B deflated; 10,000 workers × 20 notes/month × 12: ${f(nm.projection_gb)} GB`);
    for (const line of floodLines(floodFigures)) log(line);
    log('');
    log('targets:');
    for (const t of targets) log(`  ${t.met ? '✅' : '❌'} ${t.target}: ${t.value}`);

    const out = {
      at: new Date().toISOString(),
      machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version },
      quick: QUICK,
      rounds: CFG.rounds,
      runtime: { node: rt.version, production: rt.production, strips_types: rt.stripsTypes },
      ...ratio,
      redis_round_trips_per_update: ours.redis_round_trips_per_update,
      notes,
      notes_runs: Object.fromEntries(runs),
      memory,
      memory_runs: memoryRuns,
      reminders,
      reminders_runs: reminderRuns,
      startup,
      startup_runs: { in_process: inProc, process: procs },
      micro: microFigures,
      monthly,
      dashboard,
      note_memory: noteMemory,
      flood: floodFigures,
      flood_runs: floodRun.runs,
      targets,
      redis_commands_by_step: trace,
      seconds: (performance.now() - started) / 1000,
    };
    await mkdir(path.join(HERE, 'results'), { recursive: true });
    const file = path.join(HERE, 'results', QUICK ? 'quick.json' : 'latest.json');
    await writeFile(file, `${JSON.stringify(out, null, 2)}\n`);
    log(`\nwritten: ${path.relative(process.cwd(), file)} (${f(out.seconds, 0)} s in all)`);
  } finally {
    await local?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  }
}

/** What issue #23.5 asked of the flood figures: the other user's reply (or export) within 2× of the quiet one. */
function floodTargets(x: FloodFigures): { target: string; value: string; met: boolean }[] {
  const within = (v: number, quiet: number) => v <= 2 * quiet;
  return [
    { target: 'another member\'s command behind 150 queued after a held reply ≤ 2× quiet', value: `${f(x.command_behind_held_ms, 0)} ms vs ${f(x.command_quiet_ms, 0)} ms (2 s into the hold: ${f(x.command_during_stall_ms, 0)} ms)`, met: within(x.command_behind_held_ms, x.command_quiet_ms) },
    { target: 'another member\'s command behind 300 messages ≤ 2× quiet', value: `${f(x.command_behind_burst_ms, 0)} ms vs ${f(x.command_quiet_ms, 0)} ms`, met: within(x.command_behind_burst_ms, x.command_quiet_ms) },
    { target: 'another user\'s PDF behind 12 queued ≤ 2× quiet', value: `${f(x.export_behind_twelve_ms, 0)} ms vs ${f(x.export_quiet_ms, 0)} ms`, met: within(x.export_behind_twelve_ms, x.export_quiet_ms) },
  ];
}

/** `--flood [--rounds R]`: the flood figures alone (bench/flood.ts), into bench/results/flood.json. */
async function floodOnly(redisUrl: string): Promise<void> {
  const { figures, runs } = await flood(redisUrl, numArg('--rounds', 3), log);
  for (const line of floodLines(figures)) log(line);
  log('targets:');
  const targets = floodTargets(figures);
  for (const t of targets) log(`  ${t.met ? '✅' : '❌'} ${t.target}: ${t.value}`);
  await mkdir(path.join(HERE, 'results'), { recursive: true });
  const file = path.join(HERE, 'results', 'flood.json');
  await writeFile(file, `${JSON.stringify({ at: new Date().toISOString(), machine: { cores: os.cpus().length, node: process.version }, runtime: childRuntime().version, flood: figures, flood_runs: runs, targets }, null, 2)}\n`);
  log(`written: ${path.relative(process.cwd(), file)}`);
}

/** `--year`: a simulated year of one organisation (bench/year.ts), into bench/results/year.json. */
async function yearOnly(redisUrl: string): Promise<void> {
  const year = await runChild<YearFigures>('./year.ts', { redisUrl, workers: 30, casesPerWorker: 40, notesPerMonth: 20 });
  // (its table's code loads the harness: only here)
  const { yearLines } = await import('./year.ts');
  for (const line of yearLines(year)) log(line);
  await mkdir(path.join(HERE, 'results'), { recursive: true });
  const file = path.join(HERE, 'results', 'year.json');
  await writeFile(file, `${JSON.stringify({ at: new Date().toISOString(), machine: { cores: os.cpus().length, node: process.version }, runtime: childRuntime().version, year }, null, 2)}\n`);
  log(`written: ${path.relative(process.cwd(), file)}`);
}

/** `--heap-profile [--one BOT]`: one run at U = 2,000 with its allocations sampled (bench/notes.ts). */
async function heapProfile(redisUrl: string): Promise<void> {
  const bot = (argValue('--one') ?? 'pendamping') as BotName;
  const file = path.join(HERE, 'results', `allocations-${bot}.heapprofile`);
  process.env.BENCH_HEAP_PROFILE = file;
  const r = await runChild<NotesChildResult>('./notes.ts', { bot, redisUrl, sizes: [2_000], warmup: 150, base: 1_000_000 });
  delete process.env.BENCH_HEAP_PROFILE;
  const text = printAllocations(await summariseAllocations(file, r.runs[0]!.updates), bot);
  log(text);
  await writeFile(path.join(HERE, 'results', `allocations-${bot}.txt`), `${text}\n`);
  log(`allocations: ${path.relative(process.cwd(), file)} (Chrome DevTools → Memory → load); summary beside it (.txt)`);
}

async function profile(redisUrl: string): Promise<void> {
  const profDir = path.join(HERE, 'results', 'profile');
  await rm(profDir, { recursive: true, force: true });
  await mkdir(profDir, { recursive: true });
  const r = await runChild<NotesChildResult>('./notes.ts', { bot: 'pendamping' satisfies BotName, redisUrl, sizes: [2_000], warmup: 150, base: 1_000_000 }, ['--cpu-prof', '--cpu-prof-dir', profDir]);
  const run = r.runs[0]!;
  log(`profiled: pendamping U=2000, ${f(run.updates_per_s, 0)} updates/s under the profiler`);
  const file = await mainProfile(profDir);
  const s = await summarise(file);
  const text = printSummary(s);
  log(text);
  await writeFile(path.join(HERE, 'results', 'profile.txt'), `${text}\n`);
  log(`profile: ${path.relative(process.cwd(), file)} (open in Chrome DevTools → Performance); summary in bench/results/profile.txt`);
}

/**
 * `--one BOT [--users N]`: one bot's notes run, once, its figures printed. Run it in two checkouts at
 * the same time to compare two builds of our bot: this machine's noise then hits both alike.
 */
async function oneBot(redisUrl: string, bot: string): Promise<void> {
  if (!(BOT_ORDER as readonly string[]).includes(bot)) throw new Error(`--one takes one of ${BOT_ORDER.join(', ')}`);
  const users = numArg('--users', 2_000);
  const r = await runChild<NotesChildResult>('./notes.ts', { bot: bot as BotName, redisUrl, sizes: [users], warmup: 150, base: 1_000_000 });
  const a = r.runs[0]!;
  log(`${bot} U=${users}: ${f(a.cpu_us_per_update, 0)} µs/upd, ${f(a.notes_per_s, 1)} notes/s, p50 ${f(a.p50_ms, 1)} ms, p99 ${f(a.p99_ms, 1)} ms, ${f(a.redis_bytes_per_update, 0)} B/upd to and from Redis, ${f(a.api_bytes_per_update, 0)} B/upd to the Bot API, ${f(a.redis_round_trips_per_update, 2)} Redis round trips/upd, ${f(a.api_calls_per_note, 1)} Bot API calls/note, heap after GC ${f(a.heap_after_gc_mib, 1)} MiB`);
}

/**
 * `--ab [--users N] [--rounds R]`: our bot and peer B (state machine) only, one size, alternating
 * (ours first in odd rounds, peer B first in even), for quick before/after comparisons of our CPU
 * per update. Prints each round and the medians of our figures and of the paired ratios.
 */
async function ab(redisUrl: string): Promise<void> {
  const users = numArg('--users', 2_000);
  const rounds = numArg('--rounds', 3);
  // `--windows W`: each child runs W batches of `users` one after another and its figures are the
  // medians of the batches: a burst of this shared machine's noise spoils one batch, not the round
  const windows = numArg('--windows', 1);
  const ours: RunFigures[] = [];
  const ratios: { cpu: number; notes: number }[] = [];
  let base = 1_000_000;
  for (let round = 0; round < rounds; round++) {
    const order: BotName[] = round % 2 ? ['state-machine', 'pendamping'] : ['pendamping', 'state-machine'];
    const got: Partial<Record<BotName, RunFigures>> = {};
    for (const bot of order) {
      const r = await runChild<NotesChildResult>('./notes.ts', { bot, redisUrl, sizes: Array<number>(windows).fill(users), warmup: 150, base });
      base += 100_000 + users * windows;
      got[bot] = medianOf(r.runs);
    }
    const a = got.pendamping!;
    const b = got['state-machine']!;
    ours.push(a);
    ratios.push({ cpu: a.cpu_us_per_update / b.cpu_us_per_update, notes: a.notes_per_s / b.notes_per_s });
    log(`  round ${round + 1} U=${users}: ours ${f(a.cpu_us_per_update, 0)} µs/upd ${f(a.notes_per_s, 1)} notes/s p99 ${f(a.p99_ms, 1)} ms RTT/upd ${f(a.redis_round_trips_per_update, 2)} cmds/upd ${f(a.redis_commands_per_update, 2)} | peer B ${f(b.cpu_us_per_update, 0)} µs/upd ${f(b.notes_per_s, 1)} notes/s`);
  }
  const m = medianOf(ours);
  log(`ours (median of ${rounds}): ${f(m.cpu_us_per_update, 0)} µs/upd, ${f(m.notes_per_s, 1)} notes/s, p99 ${f(m.p99_ms, 1)} ms; ours ÷ peer B: CPU ${f(median(ratios.map((r) => r.cpu)), 2)}×, notes/s ${f(median(ratios.map((r) => r.notes)), 2)}× (median of the rounds' ratios)`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exitCode = 1;
});
