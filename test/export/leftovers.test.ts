// An export writes the client's notes in clear into a temporary folder and deletes it in the end;
// a process killed in between leaves it. The export worker removes such folders when it starts —
// only old ones: several worker processes may share the machine, and a young folder may be another
// one's export in progress.
import { mkdir, mkdtemp, readdir, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.ts';
import { EXPORT_DIR_PREFIX, LEFTOVER_AGE_MS, type ExportDeps } from '../../src/export/run.ts';
import { startExportWorker } from '../../src/export/worker.ts';
import { bullConnection } from '../../src/reminders/queues.ts';
import { createKeys } from '../../src/store/keys.ts';
import { deletePrefix, redisUrl } from '../support/redis.ts';

const PREFIX = `test-leftovers-${process.pid}:`;
let sandbox: string;
const tmpBefore = process.env['TMPDIR'];

beforeAll(async () => {
  // this test file's own os.tmpdir(): other test files' exports are not this test's to see
  sandbox = await mkdtemp(path.join(os.tmpdir(), 'leftovers-test-'));
  process.env['TMPDIR'] = sandbox;
  expect(os.tmpdir()).toBe(sandbox);
});

afterAll(async () => {
  if (tmpBefore === undefined) delete process.env['TMPDIR'];
  else process.env['TMPDIR'] = tmpBefore;
  await rm(sandbox, { recursive: true, force: true });
});

/** A folder as an export leaves it, last changed `ageMs` ago (the folder and its file). */
async function leftover(name: string, ageMs: number): Promise<string> {
  const dir = path.join(sandbox, name);
  await mkdir(dir);
  await writeFile(path.join(dir, 'laporan-Si-42-2026-03-14.pdf'), 'client data');
  const at = new Date(Date.now() - ageMs);
  await utimes(path.join(dir, 'laporan-Si-42-2026-03-14.pdf'), at, at);
  await utimes(dir, at, at);
  return dir;
}

describe('temporary folders of crashed exports', () => {
  it('are removed when the export worker starts, when older than an export may take; young ones and others stay', async () => {
    await leftover(`${EXPORT_DIR_PREFIX}old111`, LEFTOVER_AGE_MS + 60_000);
    await leftover(`${EXPORT_DIR_PREFIX}young2`, 60_000);
    await leftover('someone-else-old333', LEFTOVER_AGE_MS * 5);
    // an old folder with one recently written file is still in use
    const busy = await leftover(`${EXPORT_DIR_PREFIX}busy44`, LEFTOVER_AGE_MS * 2);
    await writeFile(path.join(busy, 'chart.png'), 'just now');
    // a symlink of our name is never followed
    const target = await leftover('not-an-export', LEFTOVER_AGE_MS * 3);
    await symlink(target, path.join(sandbox, `${EXPORT_DIR_PREFIX}link55`));

    const connection = bullConnection(redisUrl());
    const worker = startExportWorker({
      ...({} as Omit<ExportDeps, 'logger'>),
      logger: createLogger('silent'),
      connection,
      keys: createKeys(PREFIX),
    });
    try {
      expect(await worker.swept).toBe(1);
    } finally {
      await worker.close();
      await connection.quit();
      const r = new Redis(redisUrl());
      await deletePrefix(r, PREFIX);
      r.disconnect();
    }
    expect((await readdir(sandbox)).sort()).toEqual([
      `${EXPORT_DIR_PREFIX}busy44`, `${EXPORT_DIR_PREFIX}link55`, `${EXPORT_DIR_PREFIX}young2`, 'not-an-export', 'someone-else-old333',
    ].sort());
    expect(await readdir(target)).toEqual(['laporan-Si-42-2026-03-14.pdf']);
  });
});
