// Organisation flows from the chat (issue 12): an admin sends a flow file; it is checked, previewed
// and published for that organisation only; its worker opens a case with it, another organisation
// never sees it; retiring and hiding; every hostile file refused cleanly.
import { readFile } from 'node:fs/promises';
import { BroadcastChannel } from 'node:worker_threads';
import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, buttons, Harness, invitationCode, redisUrl, walkIntake } from '../support/bot-harness.ts';
import { HOSTILE, manyKeys } from '../catalog/hostile.ts';
import { compileInThread } from '../../src/catalog/flow-thread.ts';
import { Catalog } from '../../src/catalog/catalog.ts';
import { FlowStore } from '../../src/catalog/flow-store.ts';
import { loadFlows } from '../../src/catalog/load-flows.ts';
import { OrgStore } from '../../src/org/org-store.ts';

const ADMIN_B = 4343;
const WORKER = 7101;
const WORKER_B = 7202;
const FLOW = await readFile('test/fixtures/org-flows/konseling-adiksi.yaml');

let h: Harness;
beforeEach(async () => {
  h = await Harness.start({ adminIds: [ADMIN, ADMIN_B], registry: true });
});
afterEach(async () => {
  await h.stop();
});

async function organisation(admin: number, name: string, worker: number): Promise<string> {
  await h.say('/lembaga', { user: admin });
  await h.say(name, { user: admin });
  await h.say('/lembaga', { user: admin });
  await h.tap('Undangan baru', admin);
  const [made] = await h.tap('Petugas · 1 orang', admin);
  await h.say(`/start ${invitationCode(made)}`, { user: worker, firstName: 'Budi' });
  return (await h.workspace(admin)).membership!.orgId;
}

function send(user: number, bytes: Buffer, fileName = 'konseling-adiksi.yaml') {
  return h.handle(h.fake.uploadDocument(user, { bytes, fileName, mimeType: 'application/x-yaml' }), user);
}

/** The model buttons a worker is offered when opening a case (its first question). */
async function modelsOffered(user: number): Promise<string[]> {
  const [, ask] = await h.say('/kasus_baru', { user });
  expect(ask!.text).toContain('Model intervensi yang dipakai?');
  return buttons(ask).map((b) => b.text);
}

describe('an organisation publishes its own flow from the chat', () => {
  it('is checked, previewed, published for that organisation only, and used for a new case by its worker', async () => {
    const orgA = await organisation(ADMIN, 'Lembaga A', WORKER);
    await organisation(ADMIN_B, 'Lembaga B', WORKER_B);

    const preview = await send(ADMIN, FLOW);
    const text = preview.map((m) => m.text).join('\n');
    expect(text).toContain('Konseling adiksi remaja (Lembaga A)');
    expect(text).toContain('versi 1 · 2 tahap');
    expect(text).toMatch(/1\. Penerimaan — 2 pertanyaan sendiri/);
    expect(text).toContain('Seberapa besar motivasi remaja untuk berubah?'); // the sample question as a worker sees it
    expect(buttons(preview.at(-1)).map((b) => b.text)).toEqual(['✅ Terbitkan', '✖️ Batal']);
    expect((await h.workspace()).session!.flowUpload).toBeDefined();

    const [done] = await h.tap('Terbitkan');
    expect(done!.text).toContain('versi 1 sudah terbit');
    expect((await h.workspace()).session!.flowUpload).toBeUndefined();

    // the worker of that organisation opens a case with it and writes a note on it
    const offered = await modelsOffered(WORKER);
    expect(offered).toContain('Konseling');
    await walkIntake(h, { model: { tap: 'Konseling' }, inisial: 'Ab', usia: '16', jenis_kelamin: { tap: 'Laki-laki' }, setting: { tap: 'Panti' }, masalah: 'Pemakaian sabu' }, WORKER);
    const c = Object.values((await h.workspace(WORKER)).cases)[0]!;
    expect(c.flowId).toBe(`o-${orgA}-konseling-adiksi`);
    expect(c.monitoring?.cadence).toBe('biweekly');
    await h.say('/catat', { user: WORKER });
    await h.tap('Ab (16)', WORKER);
    expect((await h.workspace(WORKER)).session!.activity).toMatchObject({ kind: 'note', flowId: c.flowId, flowVersion: 1 });

    // another organisation never sees it
    expect(await modelsOffered(WORKER_B)).not.toContain('Konseling');

    // another bot instance sees it after its background refresh (the epoch moved)
    const other = new Catalog(await loadFlows());
    const redis = new Redis(redisUrl());
    const store = new FlowStore(redis, h.keys, other);
    expect(other.offered(orgA).map((f) => f.short.id)).not.toContain('Konseling');
    expect(await store.refresh()).toBe(true);
    expect(other.offered(orgA).map((f) => f.short.id)).toContain('Konseling');
    expect(await store.refresh()).toBe(false); // nothing new: one GET
    redis.disconnect();

    const audit = await new OrgStore(h.redis, h.keys, h.store.cipher).recentAudit(orgA, 10);
    expect(audit.map((e) => e.action)).toContain('flow-published');
  });

  it('a second upload of the same flow becomes version 2; the first case stays on version 1; retiring and hiding', async () => {
    const orgA = await organisation(ADMIN, 'Lembaga A', WORKER);
    await send(ADMIN, FLOW);
    await h.tap('Terbitkan');
    // the same content again: nothing to publish
    const [same] = await send(ADMIN, FLOW);
    expect(same!.text).toContain('sama dengan versi 1');
    const changed = Buffer.from(FLOW.toString('utf8').replace('Apa yang dibahas dalam sesi ini?', 'Apa saja yang dibahas hari ini?'));
    const preview = await send(ADMIN, changed);
    expect(preview.map((m) => m.text).join('\n')).toContain('versi 2');
    await h.tap('Terbitkan');
    expect(h.catalog.get(`o-${orgA}-konseling-adiksi`)!.version).toBe(2);
    expect(h.catalog.version(`o-${orgA}-konseling-adiksi`, 1)).toBeDefined();

    // /model: retire it, hide a built-in one
    await h.say('/model');
    await h.tap('🗄 Konseling');
    await h.say('/model');
    await h.tap('🙈 Bapas');
    const offered = await modelsOffered(WORKER);
    expect(offered).not.toContain('Konseling');
    expect(offered.some((b) => b.startsWith('Bapas'))).toBe(false);
    expect(offered).toContain('Zastrow');
    const actions = (await new OrgStore(h.redis, h.keys, h.store.cipher).recentAudit(orgA, 20)).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['flow-published', 'flow-retired', 'flow-hidden']));
  });

  it('problems are replied in the admin\'s language with line and column; a worker cannot publish', async () => {
    await organisation(ADMIN, 'Lembaga A', WORKER);
    const broken = Buffer.from(FLOW.toString('utf8').replace('type: longtext', 'type: esai'));
    const [id] = await send(ADMIN, broken);
    expect(id!.text).toContain('belum bisa diterbitkan: 1 masalah');
    expect(id!.text).toMatch(/baris 37, kolom 9 <code>stages\[1\]\.questions\[0\]\.type<\/code>: jenis pertanyaan "esai" tidak dikenal/);
    await h.say('/bahasa');
    await h.tap('English');
    const [en] = await send(ADMIN, broken);
    expect(en!.text).toMatch(/line 37, column 9 <code>stages\[1\]\.questions\[0\]\.type<\/code>: unknown question type "esai"/);
    // a worker's YAML file is not an upload
    const replies = await send(WORKER, FLOW);
    expect(replies.map((m) => m.text).join('\n')).not.toContain('Terbitkan');
  });

  // (how long each takes is bench's to measure; here: refused, in words, without a crash)
  it.each(Object.entries(HOSTILE))('a hostile file (%s) is refused without a crash', async (_name, { text }) => {
    await organisation(ADMIN, 'Lembaga A', WORKER);
    const replies = await send(ADMIN, Buffer.from(text));
    const all = replies.map((m) => m.text).join('\n');
    expect(all).toMatch(/belum bisa diterbitkan|terlalu besar/);
    expect(all).not.toMatch(/Maaf, terjadi kesalahan|error/i);
    expect(h.logs.join('')).not.toMatch(/"update failed"/);
  });
});

describe('issue 23: many keys, keys written twice, a check that does not finish', () => {
  it('a file of tens of thousands of keys is refused with the problem in the admin\'s language', async () => {
    await organisation(ADMIN, 'Lembaga A', WORKER);
    const text = Buffer.from(manyKeys('block', 165 * 1024));
    const [id] = await send(ADMIN, text);
    expect(id!.text).toContain('belum bisa diterbitkan: 1 masalah');
    expect(id!.text).toContain('baris 1, kolom 1: lebih dari 10000 kunci (nama sebelum titik dua); berkas model biasanya hanya beberapa ratus');
    await h.say('/bahasa');
    await h.tap('English');
    const [en] = await send(ADMIN, text);
    expect(en!.text).toContain('line 1, column 1: over 10000 keys (names before a colon); a flow file has a few hundred');
  });

  it('a key written twice: where it is written again, in the admin\'s language', async () => {
    await organisation(ADMIN, 'Lembaga A', WORKER);
    const twice = Buffer.from(FLOW.toString('utf8').replace('        type: longtext\n', '        type: longtext\n        type: text\n'));
    const [id] = await send(ADMIN, twice);
    expect(id!.text).toContain('baris 38, kolom 9: YAML tidak terbaca: kunci yang sama ditulis dua kali di satu bagian');
    await h.say('/bahasa');
    await h.tap('English');
    const [en] = await send(ADMIN, twice);
    expect(en!.text).toContain('line 38, column 9: YAML: Map keys must be unique');
  });

  it('thousands of unknown keys: ten named, the rest counted, in one message Telegram accepts', async () => {
    await organisation(ADMIN, 'Lembaga A', WORKER);
    const text = FLOW.toString('utf8') + Array.from({ length: 5000 }, (_, i) => `lain${i}: 1`).join('\n') + '\n';
    const [id] = await send(ADMIN, Buffer.from(text));
    expect(id!.text).toContain('kunci "lain0", "lain1", "lain2", "lain3", "lain4", "lain5", "lain6", "lain7", "lain8", "lain9" dan 4990 lainnya tidak dikenal');
    expect(h.logs.join('')).not.toMatch(/"update failed"|Telegram refused/);
  });

  it('a problem that quotes a long text of the file is shortened to fit the message', async () => {
    await organisation(ADMIN, 'Lembaga A', WORKER);
    const long = Buffer.from(FLOW.toString('utf8').replace('type: longtext', `type: "${'😀'.repeat(3000)}"`));
    const [id] = await send(ADMIN, long);
    expect(id!.text).toMatch(/baris 37, kolom 9 <code>stages\[1\]\.questions\[0\]\.type<\/code>: jenis pertanyaan "(😀)+…$/);
    expect(h.logs.join('')).not.toMatch(/"update failed"|Telegram refused/);
  });

  it('a check that does not finish within its time limit is stopped, and the admin is told', async () => {
    await h.stop();
    // a thread that never answers: the limit, not the file, ends the check
    const never = new URL('../fixtures/flow-thread/never.ts', import.meta.url);
    h = await Harness.start({ adminIds: [ADMIN], registry: true, compileUpload: (files) => compileInThread(files, { timeoutMs: 300, entry: never }) });
    await organisation(ADMIN, 'Lembaga A', WORKER);
    const [id] = await send(ADMIN, FLOW);
    expect(id!.text).toBe('⏱ Pemeriksaan <b>konseling-adiksi.yaml</b> dihentikan: lebih dari 1 detik. Perkecil atau sederhanakan berkasnya, periksa dengan npm run flows:check, lalu kirim lagi.');
    expect((await h.workspace()).session!.flowUpload).toBeUndefined();
    expect(h.logs.join('')).toMatch(/flow file check stopped at its time limit/);
    await h.say('/bahasa');
    await h.tap('English');
    const [en] = await send(ADMIN, FLOW);
    expect(en!.text).toContain('⏱ Checking <b>konseling-adiksi.yaml</b> was stopped: it took over 1 seconds.');
  });

  it('another user\'s command is answered while an upload is being checked in its thread', async () => {
    await h.stop();
    // the real thread, held until this test says go: it answers only after the other user was answered
    const held = new URL('../fixtures/flow-thread/held.ts', import.meta.url);
    h = await Harness.start({ adminIds: [ADMIN], registry: true, compileUpload: (files) => compileInThread(files, { entry: held }) });
    const channel = new BroadcastChannel('flow-thread-held');
    const ready = new Promise<void>((resolve) => {
      channel.onmessage = (event) => {
        if ((event as MessageEvent).data === 'ready') resolve();
      };
    });
    try {
      await organisation(ADMIN, 'Lembaga A', WORKER);
      let checked = false;
      const upload = send(ADMIN, FLOW).then((replies) => {
        checked = true;
        return replies;
      });
      // the check has started in its thread (an upload answered first was checked without one)
      await Promise.race([ready, upload.then(() => Promise.reject(new Error('the upload was answered before its check thread started')))]);
      const help = await h.say('/bantuan', { user: WORKER });
      expect(help.length).toBeGreaterThan(0);
      expect(checked).toBe(false); // the upload is still being checked
      channel.postMessage('go');
      const preview = await upload;
      expect(preview.map((m) => m.text).join('\n')).toContain('Konseling adiksi remaja (Lembaga A)');
      expect(Math.min(...preview.map((m) => m.message_id))).toBeGreaterThan(Math.max(...help.map((m) => m.message_id)));
    } finally {
      channel.close();
    }
  });
});
