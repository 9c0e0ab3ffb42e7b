// Exports of a large case: 200 notes across four stages, 40 of them with a photo, made through the
// export worker's code (read from Redis, photos from the fake Bot API's getFile, rendered, sent).
// Prints the time of each export and the process's peak memory (RSS) while it ran.
//   REDIS_URL=redis://127.0.0.1:6379 node --import tsx bench/export.ts
import { workspaceOptions } from '../src/app/store-options.ts';
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
import type { ExportJob } from '../src/export/jobs.ts';
import { svgToPng } from '../src/export/rasterise.ts';
import { FakeBotApi } from '../test/support/fake-bot-api.ts';
import { buildSeed, memberDirect, writeSeed } from '../test/export/fixtures.ts';

const TOKEN = '123456:BENCH';
const OWNER = 7001;
const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `bench-export-${process.pid}:`;
const redis = new Redis(url);
const keys = createKeys(prefix);
const catalog = await loadCatalog();
// notes as production stores them (packed against their flow versions)
const store = new WorkspaceStore<SessionData>(redis, keys, new DataCipher([Buffer.alloc(32, 3)]), workspaceOptions(catalog));
const fake = await FakeBotApi.start({ recordCalls: false });
const i18n = createI18n();

// photos of a realistic size: 960×720 noise-ish PNGs (~100–300 kB)
const photos: string[] = [];
for (let i = 0; i < 8; i++) {
  const rects = Array.from({ length: 400 }, (_, k) => `<rect x="${(k * 37) % 960}" y="${(k * 53 + i * 11) % 720}" width="48" height="36" fill="#${((k * 2654435761 + i) >>> 8).toString(16).padStart(6, '0').slice(0, 6)}"/>`).join('');
  const bytes = svgToPng(`<svg xmlns="http://www.w3.org/2000/svg" width="960" height="720">${rects}</svg>`, 960);
  const up = fake.uploadPhoto(OWNER, { bytes, mimeType: 'image/png' });
  photos.push(((up.message as { photo: { file_id: string }[] }).photo.at(-1)!).file_id);
}
const seed = buildSeed(catalog, { ownerId: OWNER, flowId: 'zastrow-mezzo', notes: 200, stages: 4, firstDay: '2022-01-03', photos, longAnswers: true }, 'benchcase1');
// documentation answers carry a photo in every fifth note only (the others were skipped or voice)
seed.notes.forEach((n, i) => {
  if (i % 5 === 0) return;
  for (const item of n.items) if (item.type === 'file') item.value = { fileId: `voice-${i}`, kind: 'voice' };
});
await memberDirect(redis, keys, OWNER, 'benchorg', 'worker');
await memberDirect(redis, keys, 7002, 'benchorg', 'supervisor', [OWNER]);
await writeSeed(store, redis, keys, seed, { id: 7002, name: 'Rina' });
await redis.set(keys.org('benchorg'), JSON.stringify({ id: 'benchorg', name: 'Bapas Kelas I Contoh', createdAt: '2022-01-01T00:00:00Z', createdBy: 1 }));

const deps: ExportDeps = {
  redis, keys, store, catalog, i18n,
  logger: createLogger('warn', new Writable({ write(_c, _e, cb) { cb(); } })),
  api: new Api(TOKEN, { apiRoot: fake.url }),
  fileUrl: botFileUrl(fake.url, TOKEN),
};

async function measure(label: string, job: ExportJob): Promise<void> {
  global.gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 10);
  const t0 = performance.now();
  await runExport(deps, job, `bench-${label}-${Date.now()}`);
  const ms = performance.now() - t0;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  const sent = fake.messages(OWNER).at(-1);
  const size = sent?.document?.bytes.length ?? sent?.photo?.bytes?.length ?? 0;
  process.stdout.write(`${label.padEnd(12)} ${ms.toFixed(0).padStart(6)} ms   peak RSS ${(peak / 2 ** 20).toFixed(0)} MB (+${((peak - base) / 2 ** 20).toFixed(0)} MB)   file ${(size / 1024).toFixed(0)} kB\n`);
}

const base = { userId: OWNER, lang: 'id' as const, zone: 'Asia/Jakarta', at: '2026-01-05T03:00:00Z' };
process.stdout.write(`case of ${seed.notes.length} notes, ${seed.notes.filter((_, i) => i % 5 === 0).length} photos; RSS at start ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB\n`);
try {
  await measure('pdf', { ...base, kind: 'report', caseId: seed.case.id, format: 'pdf' });
  await measure('docx', { ...base, kind: 'report', caseId: seed.case.id, format: 'docx' });
  await measure('chart', { ...base, kind: 'chart', caseId: seed.case.id });
  await measure('termination', { ...base, kind: 'termination', caseId: seed.case.id });
  await measure('csv', { ...base, userId: 7002, kind: 'csv', range: 'all', workers: [OWNER] });
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
