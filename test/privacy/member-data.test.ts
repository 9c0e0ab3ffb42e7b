// Suspension, a member's own data, retention, and the audit log's case filter and CSV.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, Harness, openCase, invitationCode, team as makeTeam } from '../support/bot-harness.ts';
import { runRetention } from '../../src/privacy/retention.ts';
import { createLogger } from '../../src/logger.ts';
import { Writable } from 'node:stream';

const SUP = 5201;
const WORKER = 6201;
const WORKER2 = 6202;

let h: Harness;
beforeEach(async () => {
  h = await Harness.start();
});
afterEach(async () => {
  await h.stop();
});

async function team(): Promise<string> {
  return makeTeam(h, { supervisor: { id: SUP, name: 'Rina' }, workers: [{ id: WORKER, name: 'Budi' }, { id: WORKER2, name: 'Sari' }] });
}

async function audits(orgId: string) {
  return (await h.redis.xrange(h.keys.audit(orgId), '-', '+')).map(([, f]) => ({ by: f[3], action: f[5], detail: JSON.parse(f[7]!) as Record<string, string> }));
}

describe('data protection for members', () => {
  it('an admin suspends a member (access and reminders stop at once, nothing deleted) and lifts it', async () => {
    const orgId = await team();
    const caseId = await openCase(h, 'Si', 'Zastrow', WORKER);
    await h.say('/lembaga');
    await h.tap('Anggota');
    await h.tap('Budi');
    await h.tap('Tangguhkan');
    expect(h.last().text).toContain('Akses Budi ditangguhkan');
    const [refused] = await h.say('/kasus', { user: WORKER });
    expect(refused!.text).toContain('sedang ditangguhkan oleh admin');
    // reminders paused: the reminders' read takes no case of an organisation they are suspended in
    expect(Object.keys((await h.store.load(WORKER, { everyOrg: true })).cases)).toEqual([]);
    expect(await h.redis.hexists(h.keys.cases(WORKER), caseId)).toBe(1);
    await h.say('/lembaga');
    await h.tap('Anggota');
    await h.tap('Budi');
    await h.tap('Pulihkan akses');
    const [back] = await h.say('/kasus', { user: WORKER });
    expect(back!.text).not.toContain('ditangguhkan');
    expect((await h.workspace(WORKER)).blocked).toBe(false);
    const entries = await audits(orgId);
    expect(entries.filter((e) => e.action === 'member-suspended' || e.action === 'member-resumed').map((e) => [e.by, e.action, e.detail.user])).toEqual([
      [String(ADMIN), 'member-suspended', String(WORKER)],
      [String(ADMIN), 'member-resumed', String(WORKER)],
    ]);
  }, 30_000);

  it('/hapus_data_saya removes the member\'s settings, session and membership; the cases stay for the admin to move', async () => {
    const orgId = await team();
    const caseId = await openCase(h, 'Si', 'Zastrow', WORKER);
    await h.say('/bahasa', { user: WORKER });
    await h.tap('English', WORKER);
    const [ask] = await h.say('/hapus_data_saya', { user: WORKER });
    expect(ask!.text).toContain('1 cases stay with the organisation');
    const [done] = await h.tap('Yes, delete my data', WORKER);
    expect(done!.text).toContain('Your data was deleted');
    const ws = await h.workspace(WORKER);
    expect(ws.session ?? {}).toEqual({});
    expect(ws.membership).toBeUndefined();
    // the case stays, the organisation's: its admin moves it (their own reads no longer show it)
    expect(Object.keys(ws.cases)).toEqual([]);
    expect(await h.redis.hget(h.keys.caseOrgs(WORKER), caseId)).toBe(orgId);
    expect(await h.redis.hget(h.keys.members(orgId), String(WORKER))).toBeNull(); // their name is gone
    const [refused] = await h.say('/kasus', { user: WORKER });
    expect(refused!.text).toContain(String(WORKER));
    await h.say('/lembaga');
    await h.tap('Anggota');
    expect(h.last().text).toContain('1 mantan anggota');
    await h.tap(`Mantan anggota ${WORKER}`);
    await h.tap('Si (42)');
    await h.tap('Pindahkan');
    await h.tap('Sari');
    expect(Object.keys((await h.workspace(WORKER2)).cases)).toEqual([caseId]);
    expect(await h.redis.hgetall(h.keys.departed(orgId))).toEqual({});
    const entries = await audits(orgId);
    expect(entries.filter((e) => e.action === 'own-data-deleted')).toEqual([{ by: String(WORKER), action: 'own-data-deleted', detail: { user: String(WORKER), cases: '1' } }]);
  }, 30_000);

  it('retention deletes only closed cases past it, warns 30 days before, once', async () => {
    const orgId = await team();
    await h.say('/lembaga');
    await h.tap('Masa simpan');
    await h.tap('1 tahun');
    expect(h.last().text).toBe('🗄 Masa simpan kasus yang ditutup: 1 tahun.');
    const old = await openCase(h, 'Si', 'Zastrow', WORKER);
    const soon = await openCase(h, 'RO', 'Zastrow', WORKER);
    const recent = await openCase(h, 'BZG', 'Zastrow', WORKER);
    const active = await openCase(h, 'AB', 'Zastrow', WORKER);
    const ws = await h.workspace(WORKER);
    const close = (id: string, at: string) => h.redis.hset(h.keys.cases(WORKER), id, h.store.cipher.seal({ ...ws.cases[id]!, status: 'closed', closure: { reason: 'selesai', at, by: WORKER } }, h.keys.cases(WORKER), id));
    await close(old, '2024-03-01T00:00:00Z'); // due 2025-03-01: past
    await close(soon, '2024-04-01T00:00:00Z'); // due 2025-04-01: within 30 days
    await close(recent, '2024-12-01T00:00:00Z'); // due in December
    // the admin reads English: the warning is written in each recipient's language at send time
    await h.say('/bahasa', { user: ADMIN });
    await h.tap('English', ADMIN);
    const seen = new Map([WORKER, ADMIN].map((u) => [u, h.fake.messages(u).length]));
    const texts = (user: number) => h.fake.messages(user).slice(seen.get(user)).map((m) => m.text ?? '');
    const deps = {
      redis: h.redis, store: h.store, keys: h.keys, outbox: h.outbox,
      logger: createLogger('silent', new Writable({ write: (_c, _e, cb) => cb() })),
      now: () => h.now.getTime(),
    };
    // the audit follows the same setting: an entry written before the retention (its stream id's
    // time: 2024-01-01, over a year before the clock's 2025-03-14) is dropped, the rest stay
    const kept = await h.redis.xrange(h.keys.audit(orgId), '-', '+');
    await h.redis.del(h.keys.audit(orgId));
    await h.redis.xadd(h.keys.audit(orgId), String(Date.parse('2024-01-01T00:00:00Z')), 'at', '2024-01-01T00:00:00.000Z', 'by', String(ADMIN), 'action', 'note-viewed', 'detail', '{}');
    for (const [id, fields] of kept) await h.redis.xadd(h.keys.audit(orgId), id, ...fields);
    const first = await runRetention(deps);
    expect(first).toEqual({ orgs: 1, deleted: [old], warned: [soon], auditTrimmed: 1 });
    expect((await h.redis.xrange(h.keys.audit(orgId), '-', '+')).map(([id]) => id).slice(0, kept.length)).toEqual(kept.map(([id]) => id));
    expect(texts(WORKER)).toEqual(['🗄 Kasus <b>RO (42)</b> (ditutup 1 April 2024) akan dihapus otomatis pada 1 April 2025 sesuai masa simpan lembaga. Buat laporannya sekarang bila masih diperlukan (/laporan).']);
    expect(texts(ADMIN)).toEqual([expect.stringMatching(/^🗄 1 closed cases will be deleted automatically within 30 days/)]);
    const second = await runRetention(deps);
    expect(second).toEqual({ orgs: 1, deleted: [], warned: [], auditTrimmed: 0 });
    expect([...texts(WORKER), ...texts(ADMIN)]).toHaveLength(2);
    expect(Object.keys((await h.workspace(WORKER)).cases).sort()).toEqual([soon, recent, active].sort());
    const entries = await audits(orgId);
    expect(entries.filter((e) => e.action === 'case-retention-deleted')).toEqual([{ by: '0', action: 'case-retention-deleted', detail: { case: old, owner: String(WORKER), days: '365' } }]);
    expect(entries.filter((e) => e.action === 'retention-warned')).toHaveLength(1);
    // a month later the warned one is due
    h.now = new Date('2025-04-02T03:00:00Z');
    expect((await runRetention(deps)).deleted).toEqual([soon]);
    expect(await h.redis.exists(h.keys.retentionWarned(WORKER, soon))).toBe(0);
  }, 30_000);

  it('/audit <case> filters by case; the CSV is sent and audited', async () => {
    const orgId = await team();
    const caseId = await openCase(h, 'Si', 'Zastrow', WORKER);
    await h.say('/kasus', { user: WORKER });
    await h.tap('Si (42)', WORKER);
    await h.tap('Akhiri kasus', WORKER);
    await h.tap('Selesai', WORKER);
    await h.tap('Akhiri tanpa catatan', WORKER);
    // the case card shows its code; /audit takes it (or the whole id) and names the case by it
    const code = `#${caseId.slice(0, 6).toUpperCase()}`;
    await h.say('/kasus', { user: WORKER });
    const [card] = await h.tap('Si (42)', WORKER);
    expect(card!.text).toContain(`kode ${code}`);
    const [one] = await h.say(`/audit ${code.toLowerCase()}`);
    expect(one!.text).toContain(`<code>${code}</code>`);
    expect(one!.text).toContain('mengakhiri kasus');
    expect(one!.text).not.toContain(caseId);
    expect(one!.text).not.toContain('bergabung');
    const [byId] = await h.say(`/audit ${caseId}`);
    expect(byId!.text).toBe(one!.text);
    const before = h.fake.messages(ADMIN).length;
    await h.tap('Ekspor CSV');
    const doc = h.fake.messages(ADMIN).slice(before).find((m) => m.document);
    expect(doc).toBeDefined();
    // readable: local time, the action in Indonesian, names, the case code; the action's code kept
    const rows = Buffer.from(doc!.document!.bytes).toString('utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(rows[0]).toBe('waktu (WIB),oleh,tindakan,pekerja / anggota,kasus,rincian,kode_tindakan,oleh_id_telegram');
    const ended = rows.find((r) => r.includes('mengakhiri kasus'))!;
    expect(ended).toMatch(new RegExp(`^2025-03-14 10:00,Budi,mengakhiri kasus,,${code},[^,]*,case-ended,${WORKER}$`));
    expect(rows.join('\n')).not.toMatch(/\d{4}-\d{2}-\d{2}T|[{}]/); // no UTC stamps, no raw JSON
    const exported = (await audits(orgId)).filter((e) => e.action === 'export');
    expect(exported).toEqual([{ by: String(ADMIN), action: 'export', detail: { what: 'audit-csv', rows: expect.any(String), case: caseId } }]);
  }, 30_000);
});
