// Versions that hold (issue 12): a draft started on version 1 finishes on version 1 after the file
// moved to version 2 and the bot restarted; a note written on version 1 renders and is revised with
// version 1's questions; a flow changed under the same version stops start-up, naming what changed.
// Real updates, real Redis (the registry), a temporary flows folder.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, Harness, openCase, redisUrl } from '../support/bot-harness.ts';
import { fillNote } from '../support/note-driver.ts';
import { FakeBotApi } from '../support/fake-bot-api.ts';
import { connectRegistry, loadBuiltins } from '../../src/catalog/registry.ts';
import { FlowError } from '../../src/engine/flow-compiler.ts';
import { createKeys } from '../../src/store/keys.ts';
import { deletePrefix } from '../support/redis.ts';

const PREFIX = `test-flows-versions-${process.pid}:`;
let dir: string;
let file: string;
let original: string;
let fake: FakeBotApi;

/** Version 2 of zastrow-mezzo: its stage 1 lost the typed question `masalah_diungkap`, and an option of `kesadaran_masalah` reads differently. */
function version2(v1: string): string {
  const removed = v1.replace(/      - id: masalah_diungkap\n(?:        .*\n|          .*\n)+?(?=      - id: )/, '');
  if (removed === v1) throw new Error('masalah_diungkap not found in the flow file');
  return removed.replace('version: 1', 'version: 2').replace('label: { id: "Sadar, butuh bantuan"', 'label: { id: "Sadar, minta bantuan"');
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'pendamping-flows-'));
  await cp('flows', dir, { recursive: true, filter: (src) => !src.includes(`${path.sep}versions`) });
  file = path.join(dir, 'zastrow-mezzo.yaml');
  original = (await readFile(file, 'utf8')).replace(/^version: \d+$/m, 'version: 1');
  await writeFile(file, original);
  fake = await FakeBotApi.start();
});

afterAll(async () => {
  const redis = new Redis(redisUrl());
  await deletePrefix(redis, PREFIX);
  redis.disconnect();
  await fake.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('a flow file that moves on', () => {
  let caseId: string;

  it('a draft started on version 1 finishes on version 1 after the file moved to version 2 and the bot restarted', async () => {
    const h1 = await Harness.start({ prefix: PREFIX, fake, bootId: 'boot-1', registry: { flowsDir: dir } });
    caseId = await openCase(h1);
    await h1.say('/catat');
    await h1.tap('Si (42)');
    await fillNote(h1, { until: 'masalah_diungkap' });
    const draft = (await h1.workspace()).session!.activity!;
    expect(draft).toMatchObject({ kind: 'note', flowId: 'zastrow-mezzo', flowVersion: 1, form: { cursor: 'masalah_diungkap' } });
    await h1.detach();

    // the file moves to version 2 (the question being asked is gone), and the bot starts again
    await writeFile(file, version2(original));
    const h2 = await Harness.start({ prefix: PREFIX, fake, bootId: 'boot-2', registry: { flowsDir: dir } });
    expect(h2.catalog.get('zastrow-mezzo')!.version).toBe(2);
    expect(h2.catalog.version('zastrow-mezzo', 1)).toBeDefined(); // from Redis: the files no longer have it

    // the typed answer to the question version 2 dropped is taken, not refused at a review
    const replies = await h2.say('Klien bercerita tentang keluarganya yang jarang berkunjung.');
    expect(replies.map((m) => m.text).join('\n')).not.toMatch(/tombol di bawah|ringkasan/i);
    expect((await h2.workspace()).session!.activity!.form.answers.masalah_diungkap).toBe('Klien bercerita tentang keluarganya yang jarang berkunjung.');
    await fillNote(h2, { answers: { kesadaran_masalah: { tap: 'Sadar, butuh bantuan' } } });
    await h2.tap('Simpan');
    const note = Object.values((await h2.workspace(ADMIN, caseId)).notes!)[0]!;
    expect(note.flowVersion).toBe(1);
    expect(note.items.find((i) => i.id === 'masalah_diungkap')?.value).toBe('Klien bercerita tentang keluarganya yang jarang berkunjung.');
    expect(note.items.find((i) => i.id === 'kesadaran_masalah')?.display).toEqual([{ id: 'Sadar, butuh bantuan', en: 'Aware, needs help' }]);
    await h2.detach();
  });

  it('a note written on version 1 renders and is revised with version 1\'s questions', async () => {
    const h = await Harness.start({ prefix: PREFIX, fake, bootId: 'boot-3', registry: { flowsDir: dir } });
    await h.say('/riwayat');
    await h.tap('Si (42)');
    const shown = await h.tap(/·/);
    expect(shown.map((m) => m.text).join('\n')).toContain('Masalah apa yang diungkap klien?');
    await h.tap('Ubah catatan');
    const act = (await h.workspace()).session!.activity!;
    expect(act).toMatchObject({ kind: 'note-edit', flowVersion: 1 });
    const review = h.fake.messages(ADMIN).slice(-4).map((m) => m.text).join('\n');
    expect(review).toContain('Masalah apa yang diungkap klien?'); // version 1's question, in the review
    await h.tap('Simpan');
    const note = Object.values((await h.workspace(ADMIN, caseId)).notes!)[0]!;
    expect(note.version).toBe(2); // the note's second revision…
    expect(note.flowVersion).toBe(1); // …still on flow version 1, with its questions
    expect(note.items.map((i) => i.id)).toContain('masalah_diungkap');
    await h.detach();
  });

  it('a flow changed without a higher version stops start-up, naming the file and what changed', async () => {
    await writeFile(file, version2(original).replace('id: "Sejauh mana klien menyadari masalahnya?"', 'id: "Seberapa sadar klien akan masalahnya?"'));
    const redis = new Redis(redisUrl());
    try {
      const builtins = await loadBuiltins(dir);
      const err = await connectRegistry(redis, createKeys(PREFIX), builtins, { refresh: false }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(FlowError);
      expect((err as FlowError).problems).toEqual([
        expect.stringMatching(/zastrow-mezzo\.yaml: flow "zastrow-mezzo" version 2 changed \(stage penyadaran_masalah: question kesadaran_masalah changed\) — raise version to 3$/),
      ]);
      // raising the version is the way out
      await writeFile(file, version2(original).replace('version: 2', 'version: 3').replace('id: "Sejauh mana klien menyadari masalahnya?"', 'id: "Seberapa sadar klien akan masalahnya?"'));
      const store = await connectRegistry(redis, createKeys(PREFIX), await loadBuiltins(dir), { refresh: false });
      expect(store.catalog.get('zastrow-mezzo')!.version).toBe(3);
      expect(store.catalog.version('zastrow-mezzo', 1)).toBeDefined();
      expect(store.catalog.version('zastrow-mezzo', 2)).toBeDefined();
    } finally {
      redis.disconnect();
    }
  });
});
