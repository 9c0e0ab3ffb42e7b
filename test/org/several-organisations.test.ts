// A dosen pembimbing supervising at a Bapas and at an IPWL: one user in two organisations, a role in
// each, switching with /lembaga. Tried as the people involved would, and then every way across:
// nothing of one organisation is ever shown, sent or changed from the other.
import { openRecord, sealRecord } from '../../src/store/record-pack.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, buttons, Harness, invitationCode, openCase, team } from '../support/bot-harness.ts';
import { fillNote } from '../support/note-driver.ts';
import { encode } from '../../src/telegram/callback-data.ts';
import { migrateMemberships } from '../../src/store/migrate-memberships.ts';
import { runRetention } from '../../src/privacy/retention.ts';
import { createLogger } from '../../src/logger.ts';
import type { CaseRecord } from '../../src/store/records.ts';

const ADMIN2 = 4343;
const DOSEN = 5201;
const WA = 6201; // a student at the Bapas
const WB = 6202; // a student at the IPWL
const X = 6203; // a student placed at both: the dosen's at the Bapas, the IPWL admin's at the IPWL

let h: Harness;
beforeEach(async () => {
  h = await Harness.start({ adminIds: [ADMIN, ADMIN2], now: new Date('2025-03-14T03:00:00Z') });
});
afterEach(async () => {
  await h.stop();
});

const texts = (user: number) => h.fake.messages(user).map((m) => m.text ?? m.caption ?? '').join('\n---\n');

async function note(user: number, client: string): Promise<void> {
  await h.say('/catat', { user });
  await h.tap(client, user);
  await fillNote(h, { user });
  await h.tap('Simpan', user);
}

/** The Bapas (the dosen, WA, X) and the IPWL (its admin, the dosen, WB as the dosen's, X as the admin's). */
async function twoOrganisations(): Promise<{ bapas: string; ipwl: string }> {
  const bapas = await team(h, { supervisor: { id: DOSEN, name: 'Dewi' }, workers: [{ id: WA, name: 'Ani' }] });
  const [ownA] = await h.say('/undang', { user: DOSEN });
  await h.say(`/start ${invitationCode(ownA)}`, { user: X, firstName: 'Xena' });
  await h.say('/lembaga', { user: ADMIN2 });
  await h.say('IPWL Sehati', { user: ADMIN2 });
  await h.say('/lembaga', { user: ADMIN2 });
  await h.tap('Undangan baru', ADMIN2);
  const [sup] = await h.tap('Supervisor · 1 orang', ADMIN2);
  const [welcome] = await h.say(`/start ${invitationCode(sup)}`, { user: DOSEN, firstName: 'Dewi' });
  expect(welcome!.text).toContain('IPWL Sehati');
  expect(welcome!.text).toContain('/lembaga');
  const [ownB] = await h.say('/undang', { user: DOSEN });
  await h.say(`/start ${invitationCode(ownB)}`, { user: WB, firstName: 'Bima' });
  await h.say('/lembaga', { user: ADMIN2 });
  await h.tap('Undangan baru', ADMIN2);
  const [worker] = await h.tap('Petugas · 1 orang', ADMIN2);
  await h.say(`/start ${invitationCode(worker)}`, { user: X, firstName: 'Xena' });
  const ipwl = (await h.workspace(ADMIN2)).membership!.orgId;
  return { bapas, ipwl };
}

describe('a supervisor in two organisations', () => {
  it('joins the second, switches with /lembaga, and sees each organisation apart', async () => {
    const { bapas, ipwl } = await twoOrganisations();
    const dosen = (await h.workspace(DOSEN)).membership!;
    // joining made the IPWL the one she works in; the Bapas stays hers
    expect(dosen.orgId).toBe(ipwl);
    expect(dosen.orgs).toEqual({ [bapas]: { role: 'supervisor' }, [ipwl]: { role: 'supervisor' } });
    expect(dosen.workers).toEqual([WB]);

    const [tim] = await h.say('/tim', { user: DOSEN });
    expect(tim!.text).toContain('IPWL Sehati');
    expect(tim!.text).toContain('Bima');
    expect(tim!.text).not.toMatch(/Ani|Xena|Bandung/);

    const [mine] = await h.say('/lembaga', { user: DOSEN });
    expect(mine!.text).toContain('2 lembaga');
    expect(mine!.text).toContain('IPWL Sehati');
    expect(buttons(mine).map((b) => b.text)).toEqual(['🔁 Bapas Kelas I Bandung']);
    const [switched] = await h.tap('🔁 Bapas', DOSEN);
    expect(switched!.text).toContain('Bapas Kelas I Bandung');
    expect((await h.workspace(DOSEN)).membership!.workers.sort()).toEqual([WA, X]);
    const [timA] = await h.say('/tim', { user: DOSEN });
    expect(timA!.text).toMatch(/Ani/);
    expect(timA!.text).toMatch(/Xena/);
    expect(timA!.text).not.toMatch(/Bima|IPWL/);

    // English too
    const [en] = await h.say('/lembaga', { user: DOSEN, languageCode: 'en' });
    expect(en!.text).toContain('You belong to 2 organisations');
  });

  it('gets each organisation’s summaries and alerts wherever she works now, and acts on them in one tap, there', async () => {
    const { bapas, ipwl } = await twoOrganisations();
    await openCase(h, 'Si', 'Zastrow', WA);
    await note(WA, 'Si (42)');
    // working in the IPWL, she still gets the Bapas's summary (a member there, Ani's supervisor there)
    expect(texts(DOSEN)).toContain('Si (42)');
    const [caseId] = Object.keys((await h.workspace(WA)).cases);
    const noteId = Object.keys(await h.redis.hgetall(h.keys.notes(WA, caseId!)))[0]!;
    // ✅ on it acts in the Bapas at once: no switch, and she still works in the IPWL
    await h.tap('Setujui', DOSEN);
    expect(await h.redis.hget(h.keys.reviewStates(WA), noteId)).toBe('disetujui');
    expect((await h.workspace(DOSEN)).membership!.orgId).toBe(ipwl);
    const audit = await h.redis.xrange(h.keys.audit(bapas), '-', '+');
    expect(audit.some(([, f]) => f.includes('note-approved'))).toBe(true);
    expect(JSON.stringify(await h.redis.xrange(h.keys.audit(ipwl), '-', '+'))).not.toContain('note-approved');
    // 💬 too: the typed feedback is answered in the Bapas (the session keeps where it was asked)
    await openCase(h, 'Ro', 'Zastrow', WA);
    await note(WA, 'Ro (42)');
    await h.tap('Beri tanggapan', DOSEN);
    await h.say('Mohon lengkapi rencana tindak lanjut.', { user: DOSEN });
    expect(h.last(DOSEN).text).toContain('Tanggapan terkirim');
    expect(texts(WA)).toContain('Mohon lengkapi rencana tindak lanjut.');
    // a risk alert of the Bapas's: 🙋 takes it at once
    await h.say('/catat', { user: WA });
    await h.tap('Si (42)', WA);
    await fillNote(h, { user: WA, answers: { risiko: { tick: ['Kekerasan'] } }, until: 'risiko_uraian' });
    expect(texts(DOSEN)).toMatch(/Kekerasan/);
    await h.tap('Saya tangani', DOSEN);
    expect(h.last(DOSEN).text).toMatch(/Anda menangani/);
    expect((await h.workspace(DOSEN)).membership!.orgId).toBe(ipwl);
  });
});

describe('a worker in two organisations', () => {
  it('keeps each organisation’s cases apart: lists, notes, summaries, counts', async () => {
    const { bapas, ipwl } = await twoOrganisations();
    // X works in the IPWL now (joined it last): a case there
    await openCase(h, 'Ip', 'Zastrow', X);
    await note(X, 'Ip (42)');
    // the dosen is a member of the IPWL but not X's supervisor there: nothing of Ip reaches her
    expect(texts(DOSEN)).not.toContain('Ip (42)');
    // X switches to the Bapas and opens a case there
    await h.say('/lembaga', { user: X });
    await h.tap('🔁 Bapas', X);
    const [list] = await h.say('/kasus', { user: X });
    expect(JSON.stringify(list)).not.toContain('Ip (42)');
    await openCase(h, 'Ba', 'Zastrow', X);
    await note(X, 'Ba (42)');
    expect(texts(DOSEN)).toContain('Ba (42)');
    const [cases] = await h.say('/kasus', { user: X });
    expect(JSON.stringify(cases)).toContain('Ba (42)');
    expect(JSON.stringify(cases)).not.toContain('Ip (42)');
    // each case belongs to its organisation; each organisation's index counts its own
    const orgsOfCases = await h.redis.hgetall(h.keys.caseOrgs(X));
    expect(Object.values(orgsOfCases).sort()).toEqual([bapas, ipwl].sort());
    expect(await h.redis.hlen(h.keys.caseload(X, bapas, 'stage'))).toBe(1);
    expect(await h.redis.hlen(h.keys.caseload(X, ipwl, 'stage'))).toBe(1);
    await h.say('/lembaga', { user: DOSEN });
    await h.tap('🔁 Bapas', DOSEN);
    const [timA] = await h.say('/tim', { user: DOSEN });
    expect(timA!.text).toMatch(/Xena: 📂1\b/);
    // the IPWL's admin sees X's IPWL case count only
    const [timB] = await h.say('/tim', { user: ADMIN2 });
    expect(timB!.text).toMatch(/Xena: 📂1\b/);
  });

  it('refuses every way across: forged buttons of the other organisation read nothing and change nothing', async () => {
    const { bapas, ipwl } = await twoOrganisations();
    await h.say('/lembaga', { user: X });
    await h.tap('🔁 Bapas', X);
    const baId = await openCase(h, 'Ba', 'Zastrow', X);
    await note(X, 'Ba (42)');
    const noteId = Object.keys(await h.redis.hgetall(h.keys.notes(X, baId)))[0]!;
    // a risk alert raised in the Bapas case
    const riskId = 'rsk1abcd';
    const p = h.redis.pipeline();
    h.store.writeRisk(p, X, bapas, baId, riskId, { alert: { id: riskId, orgId: bapas, workerId: X, caseId: baId, client: 'Ba (42)', workerName: 'Xena', flags: [{ id: 'Kekerasan' }], raisedAt: h.now.toISOString(), to: [] } });
    await p.exec();
    await h.say('/lembaga', { user: X });
    await h.tap('🔁 IPWL', X);
    const before = h.fake.messages(ADMIN2).length;
    // the IPWL's admin, a member where X also works, forges the Bapas case's buttons under her organisation
    const forged = [
      encode({ kind: 'team', op: 'case', orgId: ipwl, page: 0, workerId: X, filter: 'all', caseId: baId }),
      encode({ kind: 'adm-case', orgId: ipwl, op: 'card', workerId: X, caseId: baId }),
      encode({ kind: 'adm-case', orgId: ipwl, op: 'del-yes', workerId: X, caseId: baId }),
      encode({ kind: 'review', op: 'view', workerId: X, caseId: baId, noteId }),
      encode({ kind: 'review', op: 'approve', workerId: X, caseId: baId, noteId }),
      encode({ kind: 'review', op: 'approve', workerId: X, caseId: baId, noteId, version: 1, orgId: bapas }),
      encode({ kind: 'risk', op: 'take', workerId: X, caseId: baId, riskId, orgId: bapas }),
      encode({ kind: 'report-of', workerId: X, caseId: baId, what: 'pdf' }),
      encode({ kind: 'risk', op: 'take', workerId: X, caseId: baId, riskId }),
      encode({ kind: 'risk', op: 'done', workerId: X, caseId: baId, riskId }),
      encode({ kind: 'del-req', op: 'approve', orgId: ipwl, workerId: X, caseId: baId }),
      encode({ kind: 'adm-case', orgId: ipwl, op: 'move-to', workerId: X, caseId: baId, to: WB }),
      encode({ kind: 'org-use', orgId: bapas }),
    ];
    const [anchor] = await h.say('/tim', { user: ADMIN2 });
    for (const data of forged) await h.press(anchor!.message_id, data, ADMIN2);
    const shown = h.fake.messages(ADMIN2).slice(before).map((m) => JSON.stringify(m)).join('\n');
    expect(shown).not.toContain('Ba (42)');
    expect(shown).not.toContain('BA (42)');
    expect(await h.redis.hexists(h.keys.cases(X), baId)).toBe(1);
    expect(await h.redis.hget(h.keys.reviewStates(X), noteId)).toBe('menunggu');
    expect(Object.keys(await h.redis.hgetall(h.keys.risks(X, baId))).sort()).toEqual([riskId]);
    expect(await h.redis.hexists(h.keys.cases(WB), baId)).toBe(0);
    expect((await h.workspace(ADMIN2)).membership!.orgId).toBe(ipwl);
    // the IPWL's audit names no case of the Bapas's
    const audit = JSON.stringify(await h.redis.xrange(h.keys.audit(ipwl), '-', '+'));
    expect(audit).not.toContain(baId);
    // X, working in the IPWL, does not see the Bapas case either (a reminder's button of it is stale)
    const [kasus] = await h.say('/kasus', { user: X });
    expect(JSON.stringify(kasus)).not.toContain('Ba (42)');
    await h.press(kasus!.message_id, encode({ kind: 'history', caseId: baId, page: 0 }), X);
    expect(JSON.stringify(h.fake.messages(X).at(-1))).not.toContain('Ba (42)');
  });

  it('suspended in one organisation, still works in the other: /lembaga and 🔁 are open, nothing else', async () => {
    const { bapas } = await twoOrganisations();
    // X works in the IPWL; its admin suspends X there
    await h.say('/lembaga', { user: ADMIN2 });
    await h.tap('Anggota', ADMIN2);
    await h.tap('Xena', ADMIN2);
    await h.tap('Tangguhkan', ADMIN2);
    const [refused] = await h.say('/kasus', { user: X });
    expect(refused!.text).toContain('ditangguhkan');
    expect(refused!.text).toContain('/lembaga');
    const [mine] = await h.say('/lembaga', { user: X });
    expect(mine!.text).toContain('2 lembaga');
    expect(h.last(X).text).toBe(mine!.text); // the list only: no admin menu, nothing else
    await h.tap('🔁 Bapas', X);
    expect((await h.workspace(X)).membership).toMatchObject({ orgId: bapas, role: 'worker' });
    expect((await h.workspace(X)).membership!.suspended).toBeUndefined();
    const [kasus] = await h.say('/kasus', { user: X });
    expect(kasus!.text).not.toContain('ditangguhkan');
    // and back to the IPWL is refused while the suspension stands
    await h.say('/lembaga', { user: X });
    const [no] = await h.tap('🔁 IPWL', X);
    expect(no!.text).toContain('dihentikan sementara');
    expect((await h.workspace(X)).membership!.orgId).toBe(bapas);
  });

  it('each organisation’s retention rule deletes its own closed cases only', async () => {
    const { bapas, ipwl } = await twoOrganisations();
    // X: a closed case at the IPWL (working there), then one at the Bapas, both closed long ago
    const ip = await openCase(h, 'Ip', 'Zastrow', X);
    await h.say('/lembaga', { user: X });
    await h.tap('🔁 Bapas', X);
    const ba = await openCase(h, 'Ba', 'Zastrow', X);
    for (const id of [ip, ba]) {
      const c = { ...openRecord<CaseRecord>(h.store.cipher, (await h.redis.hgetBuffer(h.keys.cases(X), id))!, h.keys.cases(X), id), status: 'closed' as const, closure: { reason: 'selesai', at: '2023-01-01T00:00:00Z', by: X } };
      await h.redis.hset(h.keys.cases(X), id, sealRecord(h.store.cipher, 'case', c, h.keys.cases(X), id));
    }
    // only the Bapas keeps closed cases for a year
    await h.say('/lembaga');
    await h.tap('Masa simpan');
    await h.tap('1 tahun');
    const result = await runRetention({ redis: h.redis, store: h.store, keys: h.keys, outbox: h.outbox, logger: createLogger('silent'), now: () => h.now.getTime() });
    expect(result.deleted).toEqual([ba]);
    expect(await h.redis.hexists(h.keys.cases(X), ip)).toBe(1);
    expect(await h.redis.hexists(h.keys.cases(X), ba)).toBe(0);
    const audit = JSON.stringify(await h.redis.xrange(h.keys.audit(bapas), '-', '+'));
    expect(audit).not.toContain(ip);
    expect(JSON.stringify(await h.redis.xrange(h.keys.audit(ipwl), '-', '+'))).not.toContain('case-retention-deleted');
  });

  it('leaving one organisation keeps the other', async () => {
    const { bapas, ipwl } = await twoOrganisations();
    // X works in the IPWL, with a case there, and leaves it: told they work in the Bapas now
    await openCase(h, 'Ip', 'Zastrow', X);
    await h.say('/keluar', { user: X });
    const [left] = await h.tap('Ya, keluar', X);
    expect(left!.text).toContain('Anda sudah keluar dari IPWL Sehati');
    expect(left!.text).toContain('Sekarang Anda bekerja di <b>Bapas Kelas I Bandung</b>');
    const m = (await h.workspace(X)).membership!;
    expect(m.orgId).toBe(bapas);
    expect(Object.keys(m.orgs)).toEqual([bapas]);
    // still a member: the bot answers, with the Bapas's (none) and not the IPWL case left behind
    const [kasus] = await h.say('/kasus', { user: X });
    expect(kasus!.text).toContain('belum punya kasus');
    expect(JSON.stringify(kasus)).not.toContain('Ip (42)');
    // the IPWL's admin finds the case X left
    expect(await h.redis.hexists(h.keys.departed(ipwl), String(X))).toBe(1);
  });
});

describe('the data of before several organisations per user', () => {
  it('is moved once: sets under the organisation, the cases recorded as its own, read as before', async () => {
    const orgId = await team(h, { supervisor: { id: DOSEN, name: 'Dewi' }, workers: [{ id: WA, name: 'Ani' }] });
    const caseId = await openCase(h, 'Si', 'Zastrow', WA);
    // back to the shape of before: the sets under the user, no memberships list, no case organisations
    for (const u of [DOSEN, WA]) {
      for (const [legacy, now] of [[h.keys.legacy.workersOf(u), h.keys.workersOf(u, orgId)], [h.keys.legacy.supervisorsOf(u), h.keys.supervisorsOf(u, orgId)]] as const) {
        if (await h.redis.exists(now)) await h.redis.rename(now, legacy);
      }
      await h.redis.del(h.keys.memberships(u), h.keys.caseOrgs(u));
    }
    expect((await h.workspace(WA)).membership).toBeUndefined();
    expect(await migrateMemberships(h.redis, h.keys, h.store.cipher)).toBeGreaterThanOrEqual(2);
    const wa = await h.workspace(WA);
    expect(Object.keys(wa.cases)).toEqual([caseId]);
    expect(wa.membership!.supervisors).toEqual([DOSEN]);
    expect((await h.workspace(DOSEN)).membership!.workers).toEqual([WA]);
    expect(await h.redis.exists(h.keys.legacy.workersOf(DOSEN))).toBe(0);
    // done: a second start costs one read and changes nothing
    expect(await migrateMemberships(h.redis, h.keys, h.store.cipher)).toBe(0);
  });

  it('a former member who joined another organisation keeps each organisation’s cases where they belong', async () => {
    const bapas = await team(h, { supervisor: { id: DOSEN, name: 'Dewi' }, workers: [{ id: X, name: 'Xena' }] });
    const left = await openCase(h, 'Ba', 'Zastrow', X);
    h.now = new Date(h.now.getTime() + 86_400_000);
    await h.say('/keluar', { user: X });
    await h.tap('Ya, keluar', X);
    h.now = new Date(h.now.getTime() + 86_400_000);
    await h.say('/lembaga', { user: ADMIN2 });
    await h.say('IPWL Sehati', { user: ADMIN2 });
    await h.say('/lembaga', { user: ADMIN2 });
    await h.tap('Undangan baru', ADMIN2);
    const [link] = await h.tap('Petugas · 1 orang', ADMIN2);
    await h.say(`/start ${invitationCode(link)}`, { user: X, firstName: 'Xena' });
    const ipwl = (await h.workspace(X)).membership!.orgId;
    h.now = new Date(h.now.getTime() + 86_400_000);
    const now = await openCase(h, 'Ip', 'Zastrow', X);
    // back to the shape of before: one membership (the IPWL's), no list of them, no case organisations
    await h.redis.hset(h.keys.membership(X), 'role', 'worker');
    await h.redis.del(h.keys.memberships(X), h.keys.caseOrgs(X), h.keys.memberships(DOSEN), h.keys.memberships(ADMIN), h.keys.memberships(ADMIN2));
    await h.redis.hset(h.keys.membership(DOSEN), 'role', 'supervisor');
    await h.redis.hset(h.keys.membership(ADMIN), 'role', 'admin');
    await h.redis.hset(h.keys.membership(ADMIN2), 'role', 'admin');
    await migrateMemberships(h.redis, h.keys, h.store.cipher);
    expect(await h.redis.hgetall(h.keys.caseOrgs(X))).toEqual({ [left]: bapas, [now]: ipwl });
    expect(Object.keys((await h.workspace(X)).cases)).toEqual([now]);
    // the Bapas's admin still finds the case Xena left
    await h.say('/lembaga');
    await h.tap('Anggota');
    await h.tap('Xena (mantan)');
    expect(JSON.stringify(h.last())).toContain('Ba (42)');
  });
});
