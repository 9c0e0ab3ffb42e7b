// A worker's monthly report across 12 clients (issue #27.3): the export worker's code (read from
// Redis, built, rendered as PDF and Word, sent to the fake Bot API), timed and its memory measured.
// Each client has half a year of weekly notes with long answers (about 4–5 in the reported month).
// Figures per run: wall time, RSS added at its peak (sampled every 5 ms) and heap added, over the
// process as it stood just before (after a GC). The median of the runs is reported.
//   REDIS_URL=redis://127.0.0.1:6379 node --expose-gc --import tsx bench/monthly.ts   (prints JSON)
//   or as a child of bench/run.ts (spec as argv[2], result over IPC)
import { workspaceOptions } from '../src/app/store-options.ts';
import { benchEntry } from './as-child.ts';
import { Writable } from 'node:stream';
import { Api } from 'grammy';
import { Redis } from 'ioredis';
import { loadCatalog } from '../src/catalog/load-flows.ts';
import { createI18n } from '../src/bot/create-bot.ts';
import { createLogger } from '../src/logger.ts';
import { DataCipher } from '../src/store/crypto.ts';
import { createKeys } from '../src/store/keys.ts';
import { WorkspaceStore } from '../src/store/workspace-store.ts';
import type { SessionData } from '../src/store/session.ts';
import { runExport, type ExportDeps } from '../src/export/run.ts';
import { botFileUrl } from '../src/export/worker.ts';
import { FakeBotApi } from '../test/support/fake-bot-api.ts';
import { buildSeed, memberDirect, writeSeed } from '../test/export/fixtures.ts';

export interface MonthlySpec {
  redisUrl: string;
  clients: number;
  runs: number;
}

export interface MonthlyFigures {
  clients: number;
  notes_in_month: number;
  /** medians over the runs */
  ms: number;
  rss_added_mb: number;
  heap_added_mb: number;
  /** PDF and Word together */
  bytes: number;
  runs: { ms: number; rss_added_mb: number; heap_added_mb: number }[];
  /** the first report the process makes (modules, fonts and code cold): not in the median */
  cold: { ms: number; rss_added_mb: number; heap_added_mb: number };
}

const MB = 2 ** 20;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function monthlyRun(spec: MonthlySpec): Promise<MonthlyFigures> {
  const TOKEN = '123456:BENCH';
  const WORKER = 7101;
  const prefix = `bench-monthly-${process.pid}:`;
  const redis = new Redis(spec.redisUrl);
  const keys = createKeys(prefix);
  const catalog = await loadCatalog();
  // notes as production stores them (packed against their flow versions)
  const store = new WorkspaceStore<SessionData>(redis, keys, new DataCipher([Buffer.alloc(32, 5)]), workspaceOptions(catalog));
  const fake = await FakeBotApi.start({ recordCalls: false });
  try {
    await memberDirect(redis, keys, WORKER, 'benchorg', 'worker');
    await redis.set(keys.org('benchorg'), JSON.stringify({ id: 'benchorg', name: 'Bapas Kelas I Contoh', createdAt: '2026-01-01T00:00:00Z', createdBy: 1 }));
    const flows = ['bapas-eic', 'zastrow-mezzo', 'skidmore-casework', 'ipwl-reintegration'].filter((f) => catalog.get(f));
    let inMonth = 0;
    for (let i = 0; i < spec.clients; i++) {
      const seed = buildSeed(catalog, { ownerId: WORKER, flowId: flows[i % flows.length]!, notes: 26, stages: 4, firstDay: `2026-05-0${1 + (i % 7)}`, initials: 'Kl', age: 20 + i, longAnswers: true }, `bench${String(i).padStart(2, '0')}case`);
      inMonth += seed.notes.filter((n) => n.sessionDate!.startsWith('2026-10')).length;
      await writeSeed(store, redis, keys, seed);
    }
    const i18n = createI18n();
    const deps: ExportDeps = {
      redis, keys, store, catalog, i18n,
      logger: createLogger('warn', new Writable({ write(_c, _e, cb) { cb(); } })),
      api: new Api(TOKEN, { apiRoot: fake.url }),
      fileUrl: botFileUrl(fake.url, TOKEN),
    };
    const runs: MonthlyFigures['runs'] = [];
    let cold: MonthlyFigures['cold'] | undefined;
    let bytes = 0;
    // a first run, reported apart (cold), then the runs of a worker that has made reports before
    for (let r = -1; r < spec.runs; r++) {
      global.gc?.();
      const base = process.memoryUsage();
      let peak = base.rss;
      let heap = base.heapUsed;
      const timer = setInterval(() => {
        const m = process.memoryUsage();
        peak = Math.max(peak, m.rss);
        heap = Math.max(heap, m.heapUsed);
      }, 5);
      const t0 = performance.now();
      const result = await runExport(deps, { userId: WORKER, lang: 'id', zone: 'Asia/Jakarta', at: '2026-11-05T03:00:00Z', kind: 'monthly', orgId: 'benchorg', workers: [WORKER], period: { from: '2026-10-01', to: '2026-10-31' }, formats: ['pdf', 'docx'] }, `bench-monthly-${r}-${Date.now()}`);
      const ms = performance.now() - t0;
      clearInterval(timer);
      const end = process.memoryUsage();
      if (result !== 'sent') throw new Error(`monthly report: ${result}`);
      const figures = { ms, rss_added_mb: (Math.max(peak, end.rss) - base.rss) / MB, heap_added_mb: (Math.max(heap, end.heapUsed) - base.heapUsed) / MB };
      if (r < 0) {
        bytes = fake.messages(WORKER).slice(-2).reduce((a, m) => a + (m.document?.bytes.length ?? 0), 0);
        cold = figures;
      } else runs.push(figures);
    }
    return {
      clients: spec.clients,
      notes_in_month: inMonth,
      ms: median(runs.map((x) => x.ms)),
      rss_added_mb: median(runs.map((x) => x.rss_added_mb)),
      heap_added_mb: median(runs.map((x) => x.heap_added_mb)),
      bytes,
      runs,
      cold: cold!,
    };
  } finally {
    let cursor = '0';
    do {
      const [next, found] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      if (found.length) await redis.del(...found);
      cursor = next;
    } while (cursor !== '0');
    redis.disconnect();
    await fake.stop();
  }
}

benchEntry<MonthlySpec, Awaited<ReturnType<typeof monthlyRun>>>(import.meta.url, monthlyRun, (redisUrl) => ({ redisUrl, clients: 12, runs: 5 }));
