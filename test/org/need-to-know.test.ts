// Need to know: client data reaches only people who may see that case at the moment it is sent, and
// nothing a former member holds lets them back in. Through the real bot (every middleware, real
// Redis, the fake Bot API) as the people would do it: an admin suspends, removes, moves, assigns; a
// worker writes notes; a supervisor answers. The outbox can be held, to see what is decided when a
// message is sent rather than when it was queued.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, Harness, invitationCode, openCase, team } from '../support/bot-harness.ts';
import type { FakeMessage } from '../support/fake-bot-api.ts';
import { fillNote } from '../support/note-driver.ts';
import { runRetention } from '../../src/privacy/retention.ts';
import { CaseVault } from '../../src/privacy/vault.ts';
import { createLogger } from '../../src/logger.ts';
import { readableParts } from '../support/cleartext.ts';

const SUP = 5401; // Rina
const W1 = 6401; // Budi
const W2 = 6402; // Dewi
const ADMIN_B = 4343;
const NEWCOMER = 7401;

let h: Harness;
let synced: number[];
beforeEach(async () => {
  synced = [];
  h = await Harness.start({ adminIds: [ADMIN, ADMIN_B], reminders: { requestSync: async (id) => void synced.push(id), snooze: async () => undefined } });
  await h.say('/start', { user: ADMIN, firstName: 'Ani' });
});
afterEach(async () => {
  await h.stop();
});

async function world(): Promise<string> {
  return team(h, { supervisor: { id: SUP, name: 'Rina' }, workers: [{ id: W1, name: 'Budi' }, { id: W2, name: 'Dewi' }] });
}

/** The newest messages of a user since `from` (a count taken before). */
function since(user: number, from: number): FakeMessage[] {
  return h.fake.messages(user).slice(from);
}

/** Writes and saves a note for the worker's case Si (42); `risk`: tick a risk with what happened. */
async function note(user: number, risk = false): Promise<void> {
  await h.say('/catat', { user });
  await h.tap('Si (42)', user);
  await fillNote(h, { user, answers: risk ? { risiko: { tick: ['Overdosis'] }, risiko_uraian: { type: 'Klien mengaku memakai lagi kemarin.' } } : {} });
  await h.tap('Simpan', user);
}

async function memberCard(name: string): Promise<void> {
  await h.say('/lembaga');
  await h.tap('Anggota');
  await h.tap(name);
}

interface Entry {
  by: string;
  action: string;
  detail: Record<string, string>;
}

async function auditOf(orgId: string): Promise<Entry[]> {
  return (await h.redis.xrange(h.keys.audit(orgId), '-', '+')).map(([, f]) => ({ by: f[3]!, action: f[5]!, detail: JSON.parse(f[7]!) as Record<string, string> }));
}

const dropped = async (orgId: string) => (await auditOf(orgId)).filter((e) => e.action === 'message-dropped').map((e) => [e.detail.to, e.detail.kind, e.detail.reason]);

describe('a suspended member (a lost phone)', () => {
  it('gets nothing of the workers’ cases while suspended — no summary, no alert, no case ended — and again once lifted', async () => {
    await world();
    await openCase(h, 'Si', 'Zastrow', W1);
    await memberCard('Rina');
    await h.tap('Tangguhkan');
    const before = h.fake.messages(SUP).length;
    await note(W1, true);
    await h.say('/kasus', { user: W1 });
    await h.tap('Si (42)', W1);
    await h.tap('Akhiri kasus', W1);
    await h.tap('Selesai sesuai rencana', W1);
    await h.tap('Akhiri tanpa catatan', W1);
    expect(since(SUP, before)).toEqual([]);
    // lifted: the next note reaches her
    await memberCard('Rina');
    await h.tap('Pulihkan akses');
    await openCase(h, 'RO', 'Zastrow', W1);
    await h.say('/catat', { user: W1 });
    await h.tap('RO (42)', W1);
    await fillNote(h, { user: W1 });
    await h.tap('Simpan', W1);
    expect(since(SUP, before).map((m) => m.text?.split('\n')[0])).toEqual(['📝 <b>Catatan sesi baru dari Budi</b>']);
  });

  it('a summary and an alert queued before the suspension are dropped when they would be sent, and the drop is audited', async () => {
    const orgId = await world();
    await openCase(h, 'Si', 'Zastrow', W1);
    const before = h.fake.messages(SUP).length;
    h.outbox.holding = true;
    await note(W1, true);
    await memberCard('Rina');
    await h.tap('Tangguhkan');
    // the alert the moment the risk was confirmed, the one with what happened, the summary; and
    // Rina's ☰ menu, which follows her suspension
    expect(await h.outbox.release()).toBe(4);
    expect(since(SUP, before)).toEqual([]);
    expect(await dropped(orgId)).toEqual([[String(SUP), 'alert', 'suspended'], [String(SUP), 'alert', 'suspended'], [String(SUP), 'summary', 'suspended']]);
  });

  it('feedback to a worker suspended meanwhile is dropped', async () => {
    const orgId = await world();
    await openCase(h, 'Si', 'Zastrow', W1);
    await note(W1);
    await h.tap('Beri tanggapan', SUP);
    const before = h.fake.messages(W1).length;
    h.outbox.holding = true;
    await h.say('Tolong lengkapi rencana intervensinya.', { user: SUP });
    await memberCard('Budi');
    await h.tap('Tangguhkan');
    await h.outbox.release();
    expect(since(W1, before)).toEqual([]);
    expect(await dropped(orgId)).toEqual([[String(W1), 'feedback', 'suspended']]);
  });
});

describe('a supervisor no longer of that worker', () => {
  it('unassigned, or removed and now in another organisation, between the note and its sending: nothing reaches them', async () => {
    const orgId = await world();
    await openCase(h, 'Si', 'Zastrow', W1);
    const before = h.fake.messages(SUP).length;
    h.outbox.holding = true;
    await note(W1);
    await memberCard('Budi');
    await h.tap('Atur supervisor');
    await h.tap('Rina');
    await h.outbox.release();
    expect(since(SUP, before)).toEqual([]);
    expect(await dropped(orgId)).toEqual([[String(SUP), 'summary', 'not-a-supervisor']]);

    // Dewi's supervisor is removed, and joins another organisation, before Dewi's summary is sent
    await openCase(h, 'Si', 'Zastrow', W2);
    h.outbox.holding = true;
    await note(W2);
    await memberCard('Rina');
    await h.tap('Keluarkan');
    await h.tap('Ya, keluarkan');
    await h.say('/lembaga', { user: ADMIN_B });
    await h.say('LPKS Harapan Medan', { user: ADMIN_B });
    await h.say('/lembaga', { user: ADMIN_B });
    await h.tap('Undangan baru', ADMIN_B);
    const [link] = await h.tap('Supervisor · 1 orang', ADMIN_B);
    await h.say(`/start ${invitationCode(link)}`, { user: SUP });
    await h.outbox.release();
    expect(since(SUP, before).filter((m) => m.text?.includes('Catatan sesi baru'))).toEqual([]);
    expect((await dropped(orgId)).at(-1)).toEqual([String(SUP), 'summary', 'other-organisation']);
  });
});

describe('a removed member', () => {
  it('cannot come back through the link they came in with, nor any link made before; a new single-use link readmits them', async () => {
    await world();
    const [own] = await h.say('/undang', { user: SUP });
    const caseId = await openCase(h, 'Si', 'Zastrow', W1);
    await memberCard('Budi');
    await h.tap('Keluarkan');
    await h.tap('Ya, keluarkan');
    const [old] = await h.say(`/start ${invitationCode(own)}`, { user: W1 });
    expect(old!.text).toBe('Anda pernah keluar atau dikeluarkan dari lembaga ini, jadi tautan lama tidak berlaku lagi untuk Anda. Minta admin lembaga membuat undangan baru sekali pakai untuk Anda.');
    expect((await h.workspace(W1)).membership).toBeUndefined();
    expect(await h.redis.hlen(h.keys.memberships(W1))).toBe(0);
    const [refused] = await h.say('/kasus', { user: W1 });
    expect(refused!.text).toContain('belum terdaftar');
    // a link for many made after the removal is not an explicit re-invitation either
    h.now = new Date(h.now.getTime() + 60_000);
    await h.say('/lembaga');
    await h.tap('Undangan baru');
    const [multi] = await h.tap('Petugas · banyak');
    const [again] = await h.say(`/start ${invitationCode(multi)}`, { user: W1 });
    expect(again!.text).toContain('Anda pernah keluar atau dikeluarkan');
    // someone else may still use that link
    const [welcome] = await h.say(`/start ${invitationCode(multi)}`, { user: NEWCOMER, firstName: 'Lia' });
    expect(welcome!.text).toContain('Selamat bergabung');
    await h.say('/lembaga');
    await h.tap('Undangan baru');
    const [single] = await h.tap('Petugas · 1 orang');
    const [back] = await h.say(`/start ${invitationCode(single)}`, { user: W1, firstName: 'Budi' });
    expect(back!.text).toContain('Selamat bergabung');
    expect(Object.keys((await h.workspace(W1)).cases)).toEqual([caseId]);
    // the pause the removal left on their reminders is lifted by the join itself
    expect(await h.redis.exists(h.keys.blocked(W1))).toBe(0);
  });

  it('a removed admin’s links stop, whoever they were for', async () => {
    await world();
    await h.say('/lembaga');
    await h.tap('Undangan baru');
    const [adminLink] = await h.tap('Admin · 1 orang');
    await h.say(`/start ${invitationCode(adminLink)}`, { user: ADMIN_B, firstName: 'Bayu' });
    await h.say('/lembaga', { user: ADMIN_B });
    await h.tap('Undangan baru', ADMIN_B);
    const [madeByBayu] = await h.tap('Admin · banyak', ADMIN_B);
    await memberCard('Bayu');
    await h.tap('Keluarkan');
    await h.tap('Ya, keluarkan');
    const [revoked] = await h.say(`/start ${invitationCode(madeByBayu)}`, { user: NEWCOMER });
    expect(revoked!.text).toBe('Tautan undangan ini sudah dicabut. Minta tautan baru kepada admin lembaga.');
    const [bayu] = await h.say(`/start ${invitationCode(madeByBayu)}`, { user: ADMIN_B });
    expect(bayu!.text).toContain('sudah dicabut');
  });
});

describe('an admin reading notes', () => {
  it('moving a worker’s case to themselves tells the worker and the supervisors, and every note opened afterwards is audited', async () => {
    const orgId = await world();
    const caseId = await openCase(h, 'Si', 'Zastrow', W1);
    await note(W1);
    const noteId = Object.keys((await h.workspace(W1, caseId)).notes ?? {})[0]!;
    await memberCard('Budi');
    await h.tap('Kasus');
    await h.tap('Si (42)');
    await h.tap('Pindahkan');
    await h.tap('Ani');
    expect(h.fake.lastMessage(W1)!.text).toBe('↪️ Ani (admin) memindahkan kasus Si (42) dari Anda kepada Ani.');
    expect(h.fake.lastMessage(SUP)!.text).toBe('↪️ Ani (admin) memindahkan kasus Si (42) dari Budi kepada Ani.');
    await h.say('/riwayat');
    await h.tap('Si (42)');
    await h.tap(/Zastrow|Penyadaran|1\./);
    const views = (await auditOf(orgId)).filter((e) => e.action === 'note-viewed');
    expect(views).toEqual([{ by: String(ADMIN), action: 'note-viewed', detail: { worker: String(W1), note: noteId, case: caseId } }]);
  });

  it('assigning themselves as a worker’s supervisor tells the worker and the current supervisors', async () => {
    const orgId = await world();
    await memberCard('Budi');
    await h.tap('Atur supervisor');
    await h.tap('Ani');
    expect(h.fake.lastMessage(W1)!.text).toBe('👤 Ani (admin) menetapkan dirinya sebagai supervisor Anda. Mulai sekarang Ani menerima ringkasan catatan Anda dan dapat membacanya.');
    expect(h.fake.lastMessage(SUP)!.text).toBe('👤 Ani (admin) menetapkan Ani sebagai supervisor Budi juga.');
    expect((await auditOf(orgId)).filter((e) => e.action === 'supervisor-assigned').map((e) => e.detail)).toEqual([{ worker: String(W1), supervisor: String(ADMIN) }]);
  });
});

describe('an admin on their own cases, from the admin screens', () => {
  it('deleting or moving keeps the audit entry and the clean-up (their own write, not a race with it)', async () => {
    const orgId = await world();
    const mine = await openCase(h, 'Si', 'Zastrow', ADMIN);
    const other = await openCase(h, 'RO', 'Zastrow', ADMIN);
    synced.length = 0;
    await memberCard('Ani');
    await h.tap('Kasus');
    await h.tap('Si (42)');
    await h.tap('Hapus kasus');
    const [deleted] = await h.tap('Ya, hapus permanen');
    expect(deleted!.text).toContain('dihapus');
    await memberCard('Ani');
    await h.tap('Kasus');
    await h.tap('RO (42)');
    await h.tap('Pindahkan');
    const [moved] = await h.tap('Dewi');
    expect(moved!.text).toBe('↪️ Kasus RO (42) dipindahkan dari Ani ke Dewi.');
    expect(Object.keys((await h.workspace(ADMIN)).cases)).toEqual([]);
    expect(Object.keys((await h.workspace(W2)).cases)).toEqual([other]);
    const entries = (await auditOf(orgId)).filter((e) => e.action === 'case-deleted' || e.action === 'case-moved').map((e) => [e.action, e.detail.case]);
    expect(entries).toEqual([['case-deleted', mine], ['case-moved', other]]);
    // the schedulers follow, after each write
    expect(synced).toEqual(expect.arrayContaining([ADMIN, W2]));
    expect(h.fake.messages(ADMIN).some((m) => m.text?.includes('Maaf'))).toBe(false);
  });
});

describe('cases a member leaves behind', () => {
  it('are listed for the admins — removed or left with /keluar — to end, move or delete, and retention covers them', async () => {
    const orgId = await world();
    const budis = await openCase(h, 'Si', 'Zastrow', W1);
    const dewis = await openCase(h, 'RO', 'Zastrow', W2);
    await memberCard('Budi');
    await h.tap('Keluarkan');
    await h.tap('Ya, keluarkan');
    await h.say('/keluar', { user: W2 });
    await h.tap('Ya, keluar', W2);
    await h.say('/lembaga');
    const [members] = await h.tap('Anggota');
    expect(members!.text).toContain('2 mantan anggota (keluar, dikeluarkan, atau menghapus datanya) meninggalkan kasus');
    // Budi's case: ended by the admin, with a reason
    await h.tap('Budi (mantan)');
    await h.tap('Si (42)');
    await h.tap('Akhiri kasus');
    const [ended] = await h.tap('Klien mengundurkan diri');
    expect(ended!.text).toBe('🏁 Kasus <b>Si (42)</b> diakhiri: Klien mengundurkan diri.');
    // (read as the admin's screens do: a former member's own reads show no organisation's cases)
    const closed = (await new CaseVault(h.store).loadOwner(W1, budis)).cases[budis]!;
    expect(closed).toMatchObject({ status: 'closed', closure: { reason: 'mengundurkan_diri', by: ADMIN } });
    // Dewi's: moved to the supervisor
    await h.say('/lembaga');
    await h.tap('Anggota');
    await h.tap('Dewi (mantan)');
    await h.tap('RO (42)');
    await h.tap('Pindahkan');
    await h.tap('Rina');
    expect(Object.keys((await h.workspace(SUP)).cases)).toEqual([dewis]);
    expect(await h.redis.hexists(h.keys.departed(orgId), String(W2))).toBe(0);
    // retention reaches the former member's closed case
    await h.say('/lembaga');
    await h.tap('Masa simpan');
    await h.tap('1 tahun');
    h.now = new Date(h.now.getTime() + 400 * 86_400_000);
    const silent = createLogger('silent');
    const run = await runRetention({ redis: h.redis, store: h.store, keys: h.keys, outbox: h.outbox, logger: silent, now: () => h.now.getTime() });
    expect(run.deleted).toEqual([budis]);
    expect(await h.redis.hexists(h.keys.departed(orgId), String(W1))).toBe(0);
    const trail = (await auditOf(orgId)).filter((e) => ['member-removed', 'left', 'case-ended', 'case-moved', 'case-retention-deleted'].includes(e.action)).map((e) => e.action);
    expect(trail).toEqual(['member-removed', 'left', 'case-ended', 'case-moved', 'case-retention-deleted']);
  });
});

describe('a sealed value copied elsewhere', () => {
  it('another worker’s case and note pasted into one’s own keys (write access to Redis) do not open', async () => {
    await world();
    const caseId = await openCase(h, 'Si', 'Zastrow', W1);
    await h.say('/catat', { user: W1 });
    await h.tap('Si (42)', W1);
    await fillNote(h, { user: W1, answers: { langkah_selanjutnya: { type: 'Rujuk ke puskesmas Cibeunying' } } });
    await h.tap('Simpan', W1);
    // Dewi's own keys get Budi's sealed case and notes, byte for byte
    await h.redis.hset(h.keys.cases(W2), caseId, (await h.redis.hgetBuffer(h.keys.cases(W1), caseId))!);
    await h.redis.hset(h.keys.caseOrgs(W2), caseId, (await h.redis.hget(h.keys.caseOrgs(W1), caseId))!);
    for (const [id, sealed] of Object.entries(await h.redis.hgetallBuffer(h.keys.notes(W1, caseId)))) await h.redis.hset(h.keys.notes(W2, caseId), id, sealed);
    const before = h.fake.messages(W2).length;
    await h.say('/riwayat', { user: W2 });
    const seen = since(W2, before).map((m) => `${m.text ?? ''} ${JSON.stringify(m.reply_markup ?? '')}`).join('\n');
    expect(seen).not.toContain('Si (42)');
    expect(seen).not.toContain('Cibeunying');
    expect(seen).toContain('Maaf');
    expect(h.logs.join('')).toContain('SealedValueError');
  });
});

describe('secrets and names at rest', () => {
  it('keeps no staff name and no invitation secret readable in Redis', async () => {
    const orgId = await world();
    const [own] = await h.say('/undang', { user: SUP });
    const secret = invitationCode(own).split('_')[1]!;
    const stored: string[] = [];
    for (const key of await h.redis.keys(`${h.prefix}*`)) {
      const type = await h.redis.type(key);
      if (type === 'hash') stored.push(key, ...Object.entries(await h.redis.hgetall(key)).flat());
      else if (type === 'string') stored.push(key, (await h.redis.get(key)) ?? '');
      else if (type === 'stream') stored.push(key, ...(await h.redis.xrange(key, '-', '+')).flatMap(([, f]) => f));
    }
    const all = readableParts(stored.join('\n'));
    for (const clear of ['Rina', 'Budi', 'Dewi', 'Ani', secret]) expect(all, clear).not.toContain(clear);
    // and the bot still knows them
    await h.say('/lembaga');
    const [members] = await h.tap('Anggota');
    expect(members!.text).toContain('Budi');
    expect(all).toContain(orgId);
  });
});
