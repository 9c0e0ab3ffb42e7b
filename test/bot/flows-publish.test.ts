// Organisation flows from the chat (issue 12): an admin sends a flow file; it is checked, previewed
// and published for that organisation only; its worker opens a case with it, another organisation
// never sees it; retiring and hiding; every hostile file refused cleanly in under a second.
import { readFile } from 'node:fs/promises';
import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, buttons, Harness, invitationCode, redisUrl } from '../support/bot-harness.ts';
import { HOSTILE } from '../catalog/hostile.ts';
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
  const [made] = await h.tap('Petugas · sekali pakai', admin);
  await h.say(`/start ${invitationCode(made)}`, { user: worker, firstName: 'Budi' });
  return (await h.workspace(admin)).membership!.orgId;
}

function send(user: number, bytes: Buffer, fileName = 'konseling-adiksi.yaml') {
  return h.handle(h.fake.uploadDocument(user, { bytes, fileName, mimeType: 'application/x-yaml' }), user);
}

/** The model buttons a worker is offered when opening a case. */
async function modelsOffered(user: number): Promise<string[]> {
  await h.say('/kasus_baru', { user });
  await h.say('Ab', { user });
  await h.say('16', { user });
  await h.tap('Laki-laki', user);
  await h.tap('Panti', user);
  const [ask] = await h.say('Pemakaian sabu', { user });
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
    await h.tap('Konseling', WORKER);
    await h.tap('Simpan', WORKER);
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

    const audit = await new OrgStore(h.redis, h.keys).recentAudit(orgA, 10);
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
    const actions = (await new OrgStore(h.redis, h.keys).recentAudit(orgA, 20)).map((e) => e.action);
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

  it.each(Object.entries(HOSTILE))('a hostile file (%s) is refused without a crash, in under a second', async (_name, { text }) => {
    await organisation(ADMIN, 'Lembaga A', WORKER);
    const t = performance.now();
    const replies = await send(ADMIN, Buffer.from(text));
    const ms = performance.now() - t;
    const all = replies.map((m) => m.text).join('\n');
    expect(all).toMatch(/belum bisa diterbitkan|terlalu besar/);
    expect(all).not.toMatch(/Maaf, terjadi kesalahan|error/i);
    expect(ms).toBeLessThan(1000);
    expect(h.logs.join('')).not.toMatch(/"update failed"/);
    if (process.env.SHOW_TIMINGS) process.stdout.write(`hostile file "${_name}": refused in ${ms.toFixed(0)} ms\n`);
  });
});
