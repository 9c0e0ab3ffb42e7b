// Deleting a case: by its worker from the case card, by an admin from the worker's cases; moving a
// case to another worker. After a deletion a scan of every key and value under the prefix — names,
// values, and the sealed values opened — finds nothing of the case (its id, its notes' ids) except
// the audit entry. Real updates, real Redis, real BullMQ queues for the reminder scheduler.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, buttons, Harness, openCase, invitationCode, TEST_DATA_KEY, team as makeTeam } from '../support/bot-harness.ts';
import { fillNote } from '../support/note-driver.ts';
import { bullConnection, ReminderQueues, schedulerId } from '../../src/reminders/queues.ts';
import { createKeys } from '../../src/store/keys.ts';
import { outboxBinding } from '../../src/outbox/outbox.ts';
import { DataCipher } from '../../src/store/crypto.ts';
import { redisUrl } from '../support/redis.ts';
import type { Redis } from 'ioredis';

const SUP = 5101;
const WORKER = 6101;
const WORKER2 = 6102;

let h: Harness;
let queues: ReminderQueues;
let bull: Redis;
beforeEach(async () => {
  const prefix = `test-del-${process.pid}-${Math.random().toString(36).slice(2, 8)}:`;
  bull = bullConnection(redisUrl());
  queues = new ReminderQueues(bull, createKeys(prefix));
  h = await Harness.start({ prefix, reminders: queues });
});
afterEach(async () => {
  await queues.close();
  bull.disconnect();
  await h.stop();
});

async function team(): Promise<void> {
  await makeTeam(h, { supervisor: { id: SUP, name: 'Rina' }, workers: [{ id: WORKER, name: 'Budi' }, { id: WORKER2, name: 'Sari' }] });
}

async function writeNote(user: number, initials = 'Si'): Promise<string> {
  const caseId = await openCase(h, initials, 'Zastrow', user);
  await h.say('/catat', { user });
  await h.tap(`${initials} (42)`, user);
  await fillNote(h, { user, answers: { tanggal_sesi: { type: 'kemarin' }, jenis_kontak: { tap: 'Telepon / video' }, langkah_selanjutnya: { type: 'Kunjungan ulang minggu depan' } } });
  await h.tap('Simpan', user);
  return caseId;
}

/** Every key under the prefix with everything it holds, sealed values opened. */
async function dump(): Promise<Map<string, string>> {
  const cipher = new DataCipher([TEST_DATA_KEY]);
  // (where a value is bound: its key, and its field in a hash; an outbox job's message: its job)
  const open = (v: string, key: string, field = '') => (/^v2\./.test(v) ? `${v} ${cipher.decrypt(v, key, field)}` : v);
  const out = new Map<string, string>();
  let cursor = '0';
  do {
    const [next, found] = await h.redis.scan(cursor, 'MATCH', `${h.prefix}*`, 'COUNT', 1000);
    cursor = next;
    for (const key of found) {
      const type = await h.redis.type(key);
      let body: string[] = [];
      let opened: string[] | undefined;
      if (type === 'string') body = [(await h.redis.get(key)) ?? ''];
      else if (type === 'hash') {
        const hash = await h.redis.hgetall(key);
        body = Object.entries(hash).flat();
        opened = Object.entries(hash).flatMap(([f, v]) => [f, open(v, key, f)]);
      } else if (type === 'list') body = await h.redis.lrange(key, 0, -1);
      else if (type === 'set') body = await h.redis.smembers(key);
      else if (type === 'zset') body = await h.redis.zrange(key, 0, -1);
      else if (type === 'stream') body = (await h.redis.xrange(key, '-', '+')).flatMap(([id, f]) => [id, ...f]);
      // a JSON value holding a sealed message (an outbox job): open that too
      const jobId = key.slice(key.lastIndexOf(':') + 1);
      const all = (opened ?? body.map((v) => open(v, key))).map((v) => v.replace(/"sealed":"(v2\.[^"]+)"/g, (_w, s: string) => cipher.decrypt(s, outboxBinding(jobId))));
      out.set(key, all.join('\n'));
    }
  } while (cursor !== '0');
  return out;
}

function mentions(d: Map<string, string>, needles: string[]): string[] {
  return [...d.entries()].filter(([k, v]) => needles.some((n) => k.includes(n) || v.includes(n))).map(([k]) => k);
}

async function auditEntries(): Promise<{ by: string; action: string; detail: Record<string, string> }[]> {
  const orgId = (await h.workspace(ADMIN)).membership!.orgId;
  const rows = await h.redis.xrange(h.keys.audit(orgId), '-', '+');
  return rows.map(([, f]) => {
    const o: Record<string, string> = {};
    for (let i = 0; i < f.length; i += 2) o[f[i]!] = f[i + 1]!;
    return { by: o.by!, action: o.action!, detail: JSON.parse(o.detail!) as Record<string, string> };
  });
}

describe('🗑 Hapus kasus', () => {
  it('the worker deletes their case: nothing of it is left in Redis but the audit entry', async () => {
    await team();
    const caseId = await writeNote(WORKER);
    const noteIds = Object.keys((await h.workspace(WORKER, caseId)).notes!);
    expect(noteIds).toHaveLength(1);
    const other = await openCase(h, 'RO', 'Zastrow', WORKER); // a second case stays
    await h.tap('Beri tanggapan', SUP);
    await h.say('Tolong jelaskan rencananya.', { user: SUP });
    await h.tap('📄 Lihat lengkap', SUP); // a view, audited
    // a draft of the next note of the same case
    await h.say('/catat', { user: WORKER });
    await h.tap('Si (42)', WORKER);
    expect((await h.workspace(WORKER)).session?.activity).toBeDefined();
    // reminder scheduler, a postponed reminder, a guard, an export job left in its queue
    await queues.schedule.upsertJobScheduler(schedulerId(WORKER, caseId), { every: 3_600_000 }, { name: 'occurrence', data: { userId: WORKER, caseId } });
    await queues.snooze(WORKER, caseId, 1_741_900_000_000, h.now.getTime());
    await h.redis.set(h.keys.reminded(WORKER, caseId, '2025-W11'), 'sent');
    await h.redis.hset(`${h.keys.bullPrefix}:exports:export-${WORKER}-77`, 'name', 'report', 'data', JSON.stringify({ kind: 'report', caseId, userId: WORKER }));
    await h.redis.zadd(`${h.keys.bullPrefix}:exports:completed`, 1, `export-${WORKER}-77`);
    const before = mentions(await dump(), [caseId, ...noteIds]);
    expect(before.length).toBeGreaterThan(5);

    await h.say('/kasus', { user: WORKER });
    await h.tap('Si (42)', WORKER);
    // a case with notes: the worker asks, the supervisor decides (the institution keeps the record)
    const [ask] = await h.tap('Hapus kasus', WORKER);
    expect(ask!.text).toContain('<b>Si (42)</b> beserta 1 catatan sesinya');
    expect(ask!.text).toContain('dihapus setelah disetujui supervisor Anda');
    expect(buttons(ask).map((b) => b.text)).toEqual(['📨 Minta persetujuan', '✖️ Batal']);
    const [asked] = await h.tap('Minta persetujuan', WORKER);
    expect(asked!.text).toContain('dikirim ke supervisor Anda. Kasus dihapus setelah disetujui');
    expect((await h.workspace(WORKER)).cases[caseId]?.deletionRequest).toBeDefined();
    const request = h.fake.lastMessage(SUP)!;
    expect(request.text).toContain('🗑 <b>Budi meminta menghapus kasus Si (42)</b> beserta 1 catatan sesinya.');
    expect(buttons(request).map((b) => b.text)).toEqual(['✅ Setujui hapus', '✖️ Tolak']);
    const loadsBefore = h.store.loads;
    const started = Date.now();
    const [done] = await h.tap('Setujui hapus', SUP);
    const ms = Date.now() - started;
    expect(done!.text).toBe('🗑 Kasus Si (42) milik Budi dan 1 catatannya sudah dihapus.');
    expect(h.store.loads - loadsBefore).toBe(1);
    expect(h.fake.lastMessage(WORKER)!.text).toBe('🗑 Rina menyetujui penghapusan kasus Si (42): kasus dan catatannya sudah dihapus.');

    const after = await dump();
    const orgId = (await h.workspace(ADMIN)).membership!.orgId;
    expect(mentions(after, [caseId, ...noteIds])).toEqual([h.keys.audit(orgId)]);
    // the audit: who deleted which case id, once, never its content
    const deleted = (await auditEntries()).filter((e) => e.action === 'case-deleted' || e.action === 'case-delete-requested');
    expect(deleted).toEqual([
      { by: String(WORKER), action: 'case-delete-requested', detail: { case: caseId, notes: '1' } },
      { by: String(SUP), action: 'case-deleted', detail: { case: caseId, owner: String(WORKER), notes: '1', requested: '2025-03-14T03:00:00.000Z' } },
    ]);
    expect(after.get(h.keys.audit(orgId))).not.toContain('Si');
    const viewed = (await auditEntries()).filter((e) => e.action === 'note-viewed');
    expect(viewed).toEqual([{ by: String(SUP), action: 'note-viewed', detail: { worker: String(WORKER), note: noteIds[0] } }]);
    // the other case, the session and the draft-free session remain
    const ws = await h.workspace(WORKER);
    expect(Object.keys(ws.cases)).toEqual([other]);
    expect(ws.session?.activity).toBeUndefined();
    console.info(`deleting a case with 1 note (update + scrub): ${ms} ms`);
  }, 30_000);

  it('a deletion request: asked twice is pending; ✖️ Tolak keeps the case and tells the worker; a supervisor of other workers cannot decide; with no supervisor the admins decide', async () => {
    await team();
    const caseId = await writeNote(WORKER);
    const ask = async (user: number) => {
      await h.say('/kasus', { user });
      await h.tap('Si (42)', user);
      await h.tap('Hapus kasus', user);
      return h.tap('Minta persetujuan', user);
    };
    await ask(WORKER);
    const [again] = await ask(WORKER);
    expect(again!.text).toBe('Permintaan menghapus kasus Si (42) sudah dikirim dan menunggu keputusan.');
    expect(h.fake.messages(SUP).filter((m) => m.text?.includes('meminta menghapus'))).toHaveLength(1);
    // a forged ✅ of someone who does not supervise Budi (Sari, a worker) changes nothing
    const request = h.fake.lastMessage(SUP)!;
    const approve = buttons(request)[0]!.callback_data;
    await h.press(request.message_id, approve, WORKER2);
    expect((await h.workspace(WORKER)).cases[caseId]).toBeDefined();
    // Rina refuses: the case stays, without the request; Budi hears it
    const [refused] = await h.tap('Tolak', SUP);
    expect(refused!.text).toBe('✖️ Permintaan Budi menghapus kasus Si (42) ditolak. Kasus tetap ada.');
    expect(h.fake.lastMessage(WORKER)!.text).toBe('✖️ Rina menolak penghapusan kasus Si (42). Kasus tetap ada; bicarakan dengan Rina bila perlu.');
    const kept = (await h.workspace(WORKER)).cases[caseId]!;
    expect(kept.deletionRequest).toBeUndefined();
    expect(kept.noteCount).toBe(1);
    // the same old button again: decided already
    await h.press(request.message_id, approve, SUP);
    expect((await h.workspace(WORKER)).cases[caseId]).toBeDefined();
    const actions = (await auditEntries()).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['case-delete-requested', 'case-delete-refused']));
    expect(actions).not.toContain('case-deleted');

    // Rina suspended: Budi has no active supervisor; the admin (Ani) gets the request and decides
    await h.say('/lembaga');
    await h.tap('Anggota');
    await h.tap('Rina');
    await h.tap('Tangguhkan');
    const [toAdmins] = await ask(WORKER);
    expect(toAdmins!.text).toContain('permintaan menghapus kasus Si (42) dikirim ke admin lembaga');
    expect(h.fake.messages(WORKER).map((m) => m.text).join('\n')).toContain('sudah dikirim ke admin lembaga: Tester');
    const [deleted] = await h.tap('Setujui hapus', ADMIN);
    expect(deleted!.text).toBe('🗑 Kasus Si (42) milik Budi dan 1 catatannya sudah dihapus.');
    expect((await h.workspace(WORKER)).cases[caseId]).toBeUndefined();
  });

  it('a case without notes, and an admin’s own case, are deleted at once', async () => {
    await team();
    await openCase(h, 'TN', 'Zastrow', WORKER);
    await h.say('/kasus', { user: WORKER });
    await h.tap('TN (42)', WORKER);
    const [ask] = await h.tap('Hapus kasus', WORKER);
    expect(buttons(ask).map((b) => b.text)).toEqual(['🗑 Ya, hapus permanen', '✖️ Batal']);
    const [done] = await h.tap('Ya, hapus permanen', WORKER);
    expect(done!.text).toBe('🗑 Kasus TN (42) dan 0 catatannya sudah dihapus.');
    const own = await writeNote(ADMIN);
    await h.say('/kasus');
    await h.tap('Si (42)');
    await h.tap('Hapus kasus');
    await h.tap('Ya, hapus permanen');
    expect((await h.workspace(ADMIN)).cases[own]).toBeUndefined();
  });

  it('an admin deletes a worker\'s case, and moves another to a second worker', async () => {
    await team();
    const caseId = await writeNote(WORKER);
    const moved = await openCase(h, 'BZG', 'Zastrow', WORKER);
    await h.say('/lembaga');
    await h.tap('Anggota');
    await h.tap('Budi');
    const [list] = await h.tap('📂 Kasus');
    expect(list!.text).toContain('Kasus milik <b>Budi</b> (2)');
    await h.tap('Si (42)');
    const [ask] = await h.tap('Hapus kasus');
    expect(ask!.text).toContain('Hapus kasus <b>Si (42)</b> milik Budi beserta 1 catatan sesinya?');
    const [done] = await h.tap('Ya, hapus permanen');
    expect(done!.text).toBe('🗑 Kasus Si (42) dan 1 catatannya sudah dihapus.');
    const noteKeys = mentions(await dump(), [caseId]);
    const orgId = (await h.workspace(ADMIN)).membership!.orgId;
    expect(noteKeys).toEqual([h.keys.audit(orgId)]);

    await h.say('/lembaga');
    await h.tap('Anggota');
    await h.tap('Budi');
    await h.tap('📂 Kasus');
    await h.tap('BZG (42)');
    // a risk raised in the case, and followed up: its record goes with the case
    const p = h.redis.pipeline();
    const alert = { id: 'a1b2c3d4e5f6', orgId: 'o', workerId: WORKER, caseId: moved, client: 'BZG (42)', workerName: 'Budi', flags: [{ id: 'Kekerasan' }], raisedAt: h.now.toISOString(), to: [{ id: SUP, as: 'supervisor' as const }] };
    h.store.writeRisk(p, WORKER, (await h.redis.hget(h.keys.membership(WORKER), 'orgId'))!, moved, alert.id, { alert });
    h.store.writeRisk(p, WORKER, (await h.redis.hget(h.keys.membership(WORKER), 'orgId'))!, moved, alert.id, { done: { by: SUP, byName: 'Rina', at: h.now.toISOString(), note: 'Sudah ditangani' } });
    await p.exec();
    await h.tap('Pindahkan');
    const [ok] = await h.tap('Sari');
    expect(ok!.text).toBe('↪️ Kasus BZG (42) dipindahkan dari Budi ke Sari.');
    expect(await h.redis.exists(h.keys.risks(WORKER, moved))).toBe(0);
    const risks = h.store.cipher.openHash<{ workerId?: number; note?: string }>(h.keys.risks(WORKER2, moved), await h.redis.hgetall(h.keys.risks(WORKER2, moved)));
    expect(risks[alert.id]!.workerId).toBe(WORKER2);
    expect(risks[`${alert.id}:done`]!.note).toBe('Sudah ditangani');
    expect(Object.keys((await h.workspace(WORKER)).cases)).toEqual([]);
    const target = await h.workspace(WORKER2);
    expect(target.cases[moved]?.ownerId).toBe(WORKER2);
    // the new worker works it like their own
    await h.say('/kasus', { user: WORKER2 });
    const [card] = await h.tap('BZG (42)', WORKER2);
    expect(card!.text).toContain('BZG (42)');

    const entries = await auditEntries();
    expect(entries.filter((e) => e.action === 'case-deleted')).toEqual([{ by: String(ADMIN), action: 'case-deleted', detail: { case: caseId, owner: String(WORKER), notes: '1' } }]);
    expect(entries.filter((e) => e.action === 'case-moved')).toEqual([{ by: String(ADMIN), action: 'case-moved', detail: { case: moved, from: String(WORKER), to: String(WORKER2), user: String(WORKER2) } }]);
    expect(entries.filter((e) => e.action === 'worker-cases-viewed')).toHaveLength(2);
  }, 30_000);

  it('refuses a forged admin button of a non-admin, and a stranger\'s forged button is recorded', async () => {
    await team();
    const caseId = await openCase(h, 'Si', 'Zastrow', WORKER);
    const orgId = (await h.workspace(ADMIN)).membership!.orgId;
    const forged = `ac:${orgId}:y:${WORKER}:${caseId}`;
    await h.say('/menu', { user: WORKER2 });
    await h.press(h.last(WORKER2).message_id, forged, WORKER2);
    expect(Object.keys((await h.workspace(WORKER)).cases)).toEqual([caseId]);
    await h.say('/start', { user: 9999 });
    await h.press(h.last(9999).message_id, forged, 9999);
    await h.press(h.last(9999).message_id, `sv:${WORKER}:${caseId}:abcd1234`, 9999);
    expect(Object.keys((await h.workspace(WORKER)).cases)).toEqual([caseId]);
    // the member's refusal is their organisation's record; the stranger's is kept apart from it
    const refused = (await auditEntries()).filter((e) => e.action === 'refused');
    expect(refused.map((e) => [e.by, e.detail.what])).toEqual([[String(WORKER2), 'org-button']]);
    const sec = (await h.redis.xrange(h.keys.security, '-', '+')).map(([, f]) => ({ by: f[3], detail: JSON.parse(f[7]!) as unknown }));
    expect(sec).toEqual([
      { by: '9999', detail: { what: 'stranger-button', kind: 'adm-case', orgId } },
      { by: '9999', detail: { what: 'stranger-button', kind: 'review' } },
    ]);
  }, 30_000);
});
