// Organisations and who may see what, across two organisations: supervisors with overlapping
// workers, forged and stale buttons, expired and foreign invitations, role changes, removal, the
// audit log, the supervisor's summary and the review state in the worker's history. Real updates
// (createBot, every middleware), real Redis, the fake Bot API.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buttons, Harness, openCase, invitationCode } from '../support/bot-harness.ts';
import type { FakeMessage } from '../support/fake-bot-api.ts';
import { fillNote } from '../support/note-driver.ts';

// Organisation A: admin Ani; supervisors Rina and Sari; workers Budi (Rina) and Dewi (Rina and Sari).
const ADMIN_A = 4242;
const SUP1 = 5001; // Rina
const SUP2 = 5002; // Sari
const W1 = 6001; // Budi
const W2 = 6002; // Dewi
// Organisation B: admin Bayu; supervisor Tono; worker Eko (Tono).
const ADMIN_B = 4343;
const SUPB = 5101; // Tono
const WB = 6101; // Eko
const STRANGER = 7001;

const REFUSED = 'Anda tidak punya akses ke catatan petugas ini.';
const STALE = 'Tombol ini sudah tidak berlaku. Gunakan pesan terbaru, atau ketik /lanjut.';
const NEW_SUMMARY = 'Catatan sesi baru dari';

let h: Harness;
beforeEach(async () => {
  h = await Harness.start({ adminIds: [ADMIN_A, ADMIN_B], now: new Date('2025-03-14T03:00:00Z') });
});
afterEach(async () => {
  await h.stop();
});

async function found(admin: number, name: string, firstName: string): Promise<string> {
  await h.say('/lembaga', { user: admin, firstName });
  await h.say(name, { user: admin });
  return orgOf(admin);
}

async function orgOf(user: number): Promise<string> {
  const orgId = await h.redis.hget(h.keys.membership(user), 'orgId');
  if (!orgId) throw new Error(`${user} is not a member`);
  return orgId;
}

async function invite(admin: number, role: 'Supervisor' | 'Petugas' | 'Admin', kind: '1 orang' | 'banyak'): Promise<string> {
  await h.say('/lembaga', { user: admin });
  await h.tap('Undangan baru', admin);
  const [made] = await h.tap(`${role} · ${kind}`, admin);
  return invitationCode(made);
}

async function ownLink(sup: number): Promise<string> {
  const [own] = await h.say('/undang', { user: sup });
  return invitationCode(own);
}

/** The admin opens a member's card: /lembaga → 👥 Anggota → the member. */
async function memberCard(admin: number, name: string): Promise<void> {
  await h.say('/lembaga', { user: admin });
  await h.tap('Anggota', admin);
  await h.tap(name, admin);
}

interface World {
  orgA: string;
  orgB: string;
}

/** Two organisations; in A two supervisors share Dewi (Sari assigned by the admin). */
async function world(): Promise<World> {
  const orgA = await found(ADMIN_A, 'Bapas Kelas I Bandung', 'Ani');
  const orgB = await found(ADMIN_B, 'LPKS Harapan Medan', 'Bayu');
  await h.say(`/start ${await invite(ADMIN_A, 'Supervisor', '1 orang')}`, { user: SUP1, firstName: 'Rina' });
  await h.say(`/start ${await invite(ADMIN_A, 'Supervisor', '1 orang')}`, { user: SUP2, firstName: 'Sari' });
  const rina = await ownLink(SUP1);
  await h.say(`/start ${rina}`, { user: W1, firstName: 'Budi' });
  await h.say(`/start ${rina}`, { user: W2, firstName: 'Dewi' });
  // the admin makes Sari a second supervisor of Dewi
  await memberCard(ADMIN_A, 'Dewi');
  await h.tap('Atur supervisor', ADMIN_A);
  const [added] = await h.tap('Sari', ADMIN_A);
  expect(added!.text).toBe('✅ Sari sekarang supervisor Dewi.');

  await h.say(`/start ${await invite(ADMIN_B, 'Supervisor', '1 orang')}`, { user: SUPB, firstName: 'Tono' });
  await h.say(`/start ${await ownLink(SUPB)}`, { user: WB, firstName: 'Eko' });
  return { orgA, orgB };
}

/** A session that did not take place (stage 1 of Zastrow); returns case and note ids. */
async function writeNote(user: number, initials = 'Si', next = 'Kunjungan ulang minggu depan'): Promise<{ caseId: string; noteId: string }> {
  const ws0 = await h.workspace(user);
  const existing = Object.values(ws0.cases).find((c) => c.initials === initials);
  const caseId = existing?.id ?? (await openCase(h, initials, 'Zastrow', user));
  const before = Object.keys((await h.workspace(user, caseId)).notes ?? {});
  await h.say('/catat', { user });
  await h.tap(`${initials} (42)`, user);
  await fillNote(h, {
    user,
    answers: {
      tanggal_sesi: { type: 'kemarin' },
      sesi_dilaksanakan: { tap: 'Tidak terlaksana' },
      alasan_tidak_jadi: { tap: 'Klien sakit' },
      langkah_selanjutnya: { type: next },
    },
  });
  await h.tap('Simpan', user);
  const notes = (await h.workspace(user, caseId)).notes ?? {};
  const noteId = Object.keys(notes).find((id) => !before.includes(id));
  if (!noteId) throw new Error('note not stored');
  return { caseId, noteId };
}

/** The review's ✏️ button for the question whose prompt is `prompt`. */
function editButton(review: FakeMessage, prompt: string): string {
  const n = new RegExp(`<b>(\\d+)\\. ${prompt.replace(/[?.]/g, '\\$&')}</b>`).exec(review.text ?? '')?.[1];
  if (!n) throw new Error(`no "${prompt}" in the review`);
  return `✏️ ${n}`;
}

function summariesOf(user: number, title = NEW_SUMMARY): FakeMessage[] {
  return h.fake.messages(user).filter((m) => m.text?.includes(title));
}

/** Sends the user a message with one button of the given data and presses it (a forged button). */
async function forge(user: number, data: string): Promise<FakeMessage[]> {
  const sent = await h.bot.api.sendMessage(user, '…', { reply_markup: { inline_keyboard: [[{ text: 'x', callback_data: data }]] } });
  return h.press(sent.message_id, data, user);
}

interface Entry {
  by: number;
  action: string;
  detail: Record<string, string>;
}

async function auditOf(orgId: string): Promise<Entry[]> {
  const rows = await h.redis.xrange(h.keys.audit(orgId), '-', '+');
  return rows.map(([, f]) => {
    const o: Record<string, string> = {};
    for (let i = 0; i < f.length; i += 2) o[f[i]!] = f[i + 1]!;
    return { by: Number(o.by), action: o.action!, detail: JSON.parse(o.detail ?? '{}') as Record<string, string> };
  });
}

async function reviewKeys(worker: number, noteId: string): Promise<{ state: string | null; events: number }> {
  return {
    state: await h.redis.hget(h.keys.reviewStates(worker), noteId),
    events: await h.redis.llen(h.keys.reviewLog(worker, noteId)),
  };
}

function press(user: number, m: FakeMessage, label: string): Promise<FakeMessage[]> {
  const b = buttons(m).find((x) => x.text.includes(label));
  if (!b) throw new Error(`no button ${label} on ${JSON.stringify(m.text)}`);
  return h.press(m.message_id, b.callback_data, user);
}

describe('two organisations, supervisors sharing a worker', () => {
  it('sends each supervisor the summaries of their own workers only', async () => {
    await world();
    await writeNote(W1);
    expect(summariesOf(SUP1).map((m) => m.text?.split('\n')[0])).toEqual(['📝 <b>Catatan sesi baru dari Budi</b>']);
    expect(summariesOf(SUP2)).toHaveLength(0);
    await writeNote(W2);
    expect(summariesOf(SUP1)).toHaveLength(2);
    expect(summariesOf(SUP2).map((m) => m.text?.split('\n')[0])).toEqual(['📝 <b>Catatan sesi baru dari Dewi</b>']);
    await writeNote(WB);
    expect(summariesOf(SUPB).map((m) => m.text?.split('\n')[0])).toEqual(['📝 <b>Catatan sesi baru dari Eko</b>']);
    // nobody else hears of any note: not the admins, not the other organisation
    for (const u of [ADMIN_A, ADMIN_B]) expect(summariesOf(u)).toHaveLength(0);
    expect(summariesOf(SUPB)).toHaveLength(1);
    expect(summariesOf(SUP1).some((m) => m.text?.includes('Eko'))).toBe(false);
  });

  it('lets the shared supervisor open the shared worker, and refuses her the other worker', async () => {
    const { orgA } = await world();
    await writeNote(W1);
    const dewi = await writeNote(W2);
    const [summary] = summariesOf(SUP2);
    const shown = await press(SUP2, summary!, 'Lihat lengkap');
    expect(shown.map((m) => m.text).join('\n')).toContain('Klien sakit');
    expect((await auditOf(orgA)).filter((e) => e.action === 'note-viewed')).toEqual([
      { by: SUP2, action: 'note-viewed', detail: { worker: String(W2), note: dewi.noteId } },
    ]);
    // Budi is Rina's only: Sari pressing Rina's button for Budi's note (same organisation) is refused
    const budiSummary = summariesOf(SUP1).find((m) => m.text?.includes('Budi'))!;
    const view = buttons(budiSummary).find((b) => b.text.includes('Lihat lengkap'))!.callback_data;
    expect(await forge(SUP2, view)).toHaveLength(0);
    expect(h.lastAlert()).toBe(REFUSED);
    expect((await auditOf(orgA)).filter((e) => e.action === 'refused')).toEqual([
      { by: SUP2, action: 'refused', detail: { what: 'review', worker: String(W1) } },
    ]);
  });

  it("refuses org B's supervisor forged sv:/sa:/sf: buttons for an org A note; nothing is written to the worker's review", async () => {
    const { orgA, orgB } = await world();
    const { caseId, noteId } = await writeNote(W1);
    const before = await reviewKeys(W1, noteId);
    expect(before).toEqual({ state: 'menunggu', events: 1 });
    for (const op of ['sv', 'sa', 'sf']) {
      const got = await forge(SUPB, `${op}:${W1}:${caseId}:${noteId}`);
      expect(got, op).toHaveLength(0); // no note content, no "type your feedback"
      expect(h.lastAlert(), op).toBe(REFUSED);
    }
    // a refused 💬 leaves no feedback pending: the next text does not reach Budi
    const budiBefore = h.fake.messages(W1).length;
    await h.say('Catatan ini kurang lengkap', { user: SUPB });
    expect(h.fake.messages(W1)).toHaveLength(budiBefore);
    expect(await reviewKeys(W1, noteId)).toEqual(before);
    // the refusals go to B's audit stream (where Tono is a member), none to A's
    const refusedB = (await auditOf(orgB)).filter((e) => e.action === 'refused');
    expect(refusedB).toHaveLength(3);
    expect(refusedB.every((e) => e.by === SUPB && e.detail.worker === String(W1))).toBe(true);
    expect((await auditOf(orgA)).some((e) => e.by === SUPB)).toBe(false);
    // and B's admin, who supervises nobody, is refused too
    await forge(ADMIN_B, `sv:${W1}:${caseId}:${noteId}`);
    expect(h.lastAlert()).toBe(REFUSED);
    expect((await auditOf(orgB)).filter((e) => e.action === 'refused' && e.by === ADMIN_B)).toHaveLength(1);
  });

  it('refuses an admin who supervises nobody the approval; once she supervises, she may', async () => {
    const { orgA } = await world();
    const { caseId, noteId } = await writeNote(W2);
    await forge(ADMIN_A, `sa:${W2}:${caseId}:${noteId}`);
    expect(h.lastAlert()).toBe(REFUSED);
    expect(await reviewKeys(W2, noteId)).toEqual({ state: 'menunggu', events: 1 });
    expect((await auditOf(orgA)).filter((e) => e.action === 'refused' && e.by === ADMIN_A)).toHaveLength(1);
    // the admin makes herself a supervisor of Dewi: now she reads and approves Dewi's notes
    await memberCard(ADMIN_A, 'Dewi');
    await h.tap('Atur supervisor', ADMIN_A);
    await h.tap('Ani', ADMIN_A);
    await forge(ADMIN_A, `sa:${W2}:${caseId}:${noteId}`);
    expect(await reviewKeys(W2, noteId)).toEqual({ state: 'disetujui', events: 2 });
    expect(h.fake.lastMessage(W2)!.text).toBe('✅ Ani menyetujui catatan Si (42) (13 Maret 2025).');
  });
});

describe("a worker and another worker's case", () => {
  it('refuses forged k:/h:/hn:/cn:/ne: buttons naming the other worker\'s case', async () => {
    await world();
    const budi = await writeNote(W1, 'Ra');
    await openCase(h, 'Si', 'Zastrow', W2); // Dewi has cases of her own
    for (const data of [`k:${budi.caseId}`, `h:${budi.caseId}:0`, `hn:${budi.caseId}:${budi.noteId}`, `cn:${budi.caseId}`, `ne:${budi.caseId}:${budi.noteId}`]) {
      const got = await forge(W2, data);
      expect(got, data).toHaveLength(0);
      expect(h.lastAlert(), data).toBe(STALE);
      expect(JSON.stringify(h.fake.messages(W2)), data).not.toContain('Ra (42)');
    }
    // and a forged review button: Dewi is no supervisor of Budi
    await forge(W2, `sv:${W1}:${budi.caseId}:${budi.noteId}`);
    expect(h.lastAlert()).toBe(REFUSED);
    // Dewi's own work is untouched: no draft was started for Budi's case
    expect((await h.workspace(W2)).session?.activity).toBeUndefined();
  });

  // Regression (was a bug): ownCase (src/bot/features/case-picker.ts:48-56) refuses a button for someone else's case
  // with "stale-button" and a log line, but writes nothing to the audit log. The issue: forged or
  // stale data referring to someone else's case "gets a refusal and is written to the audit log".
  it('writes a forged case button for another worker\'s case to the audit log', async () => {
    const { orgA } = await world();
    const budi = await writeNote(W1, 'Ra');
    await forge(W2, `hn:${budi.caseId}:${budi.noteId}`);
    expect(h.lastAlert()).toBe(STALE);
    // recorded; the audit cannot tell a forged button from an old one of a case deleted since, so it says both
    expect((await auditOf(orgA)).filter((e) => e.action === 'case-button-unknown' && e.by === W2)).toHaveLength(1);
  });

  // Regression (was a bug): review ops were checked with maySeeWorker (since removed), which let the
  // worker themselves through: a worker who forges `sa:<own id>:<case>:<note>` approves their own
  // note (review-states → disetujui, "✅ Budi menyetujui …"). Seeing one's own note is fine;
  // approving it (or giving oneself feedback) is the supervisor's.
  it('refuses a worker approving their own note with a forged sa: button', async () => {
    await world();
    const { caseId, noteId } = await writeNote(W1);
    await forge(W1, `sa:${W1}:${caseId}:${noteId}`);
    expect(h.lastAlert()).toBe(REFUSED);
    expect(await reviewKeys(W1, noteId)).toEqual({ state: 'menunggu', events: 1 });
  });
});

describe('invitations across organisations', () => {
  it('refuses an expired invitation, and keeps a multi-use one within its 30 days', async () => {
    const { orgA } = await world();
    const single = await invite(ADMIN_A, 'Petugas', '1 orang');
    const multi = await invite(ADMIN_A, 'Petugas', 'banyak');
    h.now = new Date(h.now.getTime() + 8 * 24 * 3600_000);
    const [expired] = await h.say(`/start ${single}`, { user: STRANGER });
    expect(expired!.text).toBe('Tautan undangan ini sudah kedaluwarsa. Minta tautan baru kepada admin lembaga.');
    expect(await h.redis.exists(h.keys.membership(STRANGER))).toBe(0);
    // a non-member's refusal is kept apart from the organisation's audit (test/org/audit-trail.test.ts)
    expect((await auditOf(orgA)).filter((e) => e.action === 'join-refused')).toEqual([]);
    const refusals = (await h.redis.xrange(h.keys.security, '-', '+')).map(([, f]) => ({ by: Number(f[3]), action: f[5], detail: JSON.parse(f[7]!) as unknown }));
    expect(refusals).toEqual([{ by: STRANGER, action: 'join-refused', detail: { reason: 'expired', orgId: orgA } }]);
    const [welcome] = await h.say(`/start ${multi}`, { user: STRANGER, firstName: 'Lia' });
    expect(welcome!.text).toBe('✅ Selamat bergabung di <b>Bapas Kelas I Bandung</b> sebagai Petugas.');
    h.now = new Date(h.now.getTime() + 23 * 24 * 3600_000); // 31 days after it was made
    const [late] = await h.say(`/start ${multi}`, { user: STRANGER + 1 });
    expect(late!.text).toContain('kedaluwarsa');
  });

  it("lets a member of A join B with B's link too (working in B from then); A is kept; a second link of B is refused", async () => {
    const { orgA, orgB } = await world();
    const code = await invite(ADMIN_B, 'Petugas', '1 orang');
    const [welcome] = await h.say(`/start ${code}`, { user: W1 });
    expect(welcome!.text).toContain('LPKS Harapan Medan');
    expect(welcome!.text).toContain('/lembaga');
    expect(await orgOf(W1)).toBe(orgB);
    expect(Object.keys((await h.workspace(W1)).membership!.orgs).sort()).toEqual([orgA, orgB].sort());
    expect(await h.redis.hexists(h.keys.members(orgA), String(W1))).toBe(1);
    const again = await invite(ADMIN_B, 'Petugas', '1 orang');
    const [already] = await h.say(`/start ${again}`, { user: W1 });
    expect(already!.text).toBe('Anda sudah anggota lembaga ini.');
    // not used up: still good for the person it was meant for
    const [lia] = await h.say(`/start ${again}`, { user: STRANGER, firstName: 'Lia' });
    expect(lia!.text).toContain('LPKS Harapan Medan');
    // an admin of A cannot manage B through B's buttons
    await forge(ADMIN_A, `o:${orgB}:l`);
    expect(h.lastAlert()).toBe(STALE);
    expect((await auditOf(orgA)).filter((e) => e.action === 'refused' && e.by === ADMIN_A)).toEqual([
      { by: ADMIN_A, action: 'refused', detail: { what: 'org-button', orgId: orgB } },
    ]);
  });
});

describe('role changes', () => {
  it('a worker made supervisor invites and supervises; a supervisor made worker no longer sees notes', async () => {
    const { orgA } = await world();
    const budi = await writeNote(W1);
    const dewi = await writeNote(W2);
    const rinaOld = summariesOf(SUP1);
    expect(rinaOld).toHaveLength(2);

    // Rina → worker
    await memberCard(ADMIN_A, 'Rina');
    const [demoted] = await h.tap('→ Petugas', ADMIN_A);
    expect(demoted!.text).toContain('Rina');
    expect((await h.workspace(SUP1)).membership).toMatchObject({ role: 'worker', workers: [] });
    for (const m of rinaOld) {
      expect(await press(SUP1, m, 'Lihat lengkap')).toHaveLength(0);
      expect(h.lastAlert()).toBe(REFUSED);
    }
    await press(SUP1, rinaOld[1]!, 'Setujui');
    expect(await reviewKeys(W2, dewi.noteId)).toEqual({ state: 'menunggu', events: 1 });
    expect((await h.workspace(W1)).membership!.supervisors).toEqual([]);
    expect((await h.workspace(W2)).membership!.supervisors).toEqual([SUP2]);
    const rinaCount = h.fake.messages(SUP1).length;
    await writeNote(W2); // reaches Sari only
    expect(h.fake.messages(SUP1)).toHaveLength(rinaCount);
    expect(summariesOf(SUP2)).toHaveLength(2);
    expect(await h.say('/undang', { user: SUP1 }).then((m) => m[0]!.text)).toBe('Hanya supervisor dan admin yang bisa membuat tautan undangan.');

    // Budi → supervisor: his own link gives him a worker whose notes he receives and reads
    await memberCard(ADMIN_A, 'Budi');
    await h.tap('→ Supervisor', ADMIN_A);
    expect((await h.workspace(W1)).membership!.role).toBe('supervisor');
    await h.say(`/start ${await ownLink(W1)}`, { user: STRANGER, firstName: 'Lia' });
    const lia = await writeNote(STRANGER);
    const [toBudi] = summariesOf(W1);
    expect(toBudi!.text).toContain('Catatan sesi baru dari Lia');
    await press(W1, toBudi!, 'Setujui');
    expect(await reviewKeys(STRANGER, lia.noteId)).toEqual({ state: 'disetujui', events: 2 });

    const changes = (await auditOf(orgA)).filter((e) => e.action === 'role-changed').map((e) => e.detail);
    expect(changes).toEqual([
      { user: String(SUP1), from: 'supervisor', to: 'worker' },
      { user: String(W1), from: 'worker', to: 'supervisor' },
    ]);
    expect(budi.noteId).toBeTruthy();
  });

  // Regression (was a bug): member-role (src/org/membership-rules.ts, changeRole) promoting a worker writes the member
  // record with `supervisors: []` but leaves the Redis sets: supervisorsOf(Budi) still holds Rina and
  // workersOf(Rina) still holds Budi. Demoting Rina later (line 205) finds Budi's record without Rina,
  // so workersOf(Rina) keeps Budi: the demoted worker still reads Budi's notes.
  it("a worker promoted to supervisor leaves no trace in his old supervisor's access", async () => {
    await world();
    const budi = await writeNote(W1);
    const [old] = summariesOf(SUP1);
    await memberCard(ADMIN_A, 'Budi');
    await h.tap('→ Supervisor', ADMIN_A);
    await memberCard(ADMIN_A, 'Rina');
    await h.tap('→ Petugas', ADMIN_A);
    expect((await h.workspace(SUP1)).membership!.workers).toEqual([]);
    await press(SUP1, old!, 'Lihat lengkap');
    expect(h.lastAlert()).toBe(REFUSED);
    expect(budi.noteId).toBeTruthy();
  });

  // Regression: a supervisor's /undang link once outlived their role and kept handing them workers.
  // Demoting (or removing) a supervisor now revokes their own links, and joining checks the assignee.
  it("a demoted supervisor's old /undang link no longer assigns workers to them", async () => {
    await world();
    const rinaLink = await ownLink(SUP1);
    await memberCard(ADMIN_A, 'Rina');
    await h.tap('→ Petugas', ADMIN_A);
    const [refused] = await h.say(`/start ${rinaLink}`, { user: STRANGER, firstName: 'Lia' });
    expect(refused!.text).toBe('Tautan undangan ini sudah dicabut. Minta tautan baru kepada admin lembaga.');
    expect((await h.workspace(STRANGER)).membership).toBeUndefined();
    expect(summariesOf(SUP1)).toHaveLength(0);
    expect((await h.workspace(SUP1)).membership!.workers).toEqual([]);
  });
});

describe('removing a member', () => {
  it("takes effect at once: the worker's next /catat is refused, the supervisor no longer sees them", async () => {
    const { orgA } = await world();
    await writeNote(W1);
    const [old] = summariesOf(SUP1);
    await memberCard(ADMIN_A, 'Budi');
    await h.tap('Keluarkan', ADMIN_A);
    await h.tap('Ya, keluarkan', ADMIN_A);
    const [refused] = await h.say('/catat', { user: W1 });
    expect(refused!.text).toContain('belum terdaftar');
    expect(refused!.text).toContain(String(W1));
    expect((await h.workspace(SUP1)).membership!.workers).toEqual([W2]);
    expect(await press(SUP1, old!, 'Lihat lengkap')).toHaveLength(0);
    expect(h.lastAlert()).toBe(REFUSED);
    await press(SUP1, old!, 'Setujui');
    expect(h.lastAlert()).toBe(REFUSED);
    // Budi's own old buttons: refused as a non-member
    const budiButton = h.fake.messages(W1).filter((m) => buttons(m).length > 0).at(-1)!;
    await h.press(budiButton.message_id, buttons(budiButton)[0]!.callback_data, W1);
    expect(h.lastAlert()).toContain('belum terdaftar');
    expect(await h.redis.hexists(h.keys.members(orgA), String(W1))).toBe(0);
    expect((await auditOf(orgA)).filter((e) => e.action === 'member-removed')).toEqual([
      { by: ADMIN_A, action: 'member-removed', detail: { user: String(W1), role: 'worker', cases: '1' } },
    ]);
  });
});

describe('/audit', () => {
  it('lists joins, invitations, approvals, feedback and refusals to the admin, and refuses others', async () => {
    const { orgB } = await world();
    await writeNote(W1);
    const dewi = await writeNote(W2);
    await press(SUP1, summariesOf(SUP1)[0]!, 'Setujui');
    await press(SUP2, summariesOf(SUP2)[0]!, 'Beri tanggapan');
    await h.say('Mohon lengkapi alasannya.', { user: SUP2 });
    await forge(SUPB, `sv:${W2}:${dewi.caseId}:${dewi.noteId}`);
    await forge(SUP2, `sa:${W1}:${dewi.caseId}:${dewi.noteId}`);

    const [log] = await h.say('/audit', { user: ADMIN_A });
    const text = log!.text!;
    expect(text).toContain('📜 <b>Catatan audit terbaru</b>');
    expect(text).toMatch(/· Budi · bergabung/);
    expect(text).toMatch(/· Ani · membuat undangan/);
    expect(text).toMatch(/· Rina · menyetujui catatan → Budi/);
    expect(text).toMatch(/· Sari · memberi tanggapan → Dewi/);
    expect(text).toMatch(/· Sari · ditolak: tombol tanpa hak akses → Budi/);
    expect(text).not.toContain('Tono'); // org B's refusal is in org B's log
    expect(text.split('\n').length).toBeLessThanOrEqual(21);

    const [logB] = await h.say('/audit', { user: ADMIN_B });
    expect(logB!.text).toMatch(/· Tono · ditolak: tombol tanpa hak akses/);
    expect(logB!.text).not.toContain('menyetujui');
    expect((await auditOf(orgB)).some((e) => e.action === 'note-approved')).toBe(false);

    for (const u of [SUP1, W1, SUPB]) {
      const [no] = await h.say('/audit', { user: u });
      expect(no!.text, String(u)).toBe('Hanya admin lembaga yang bisa mengelola anggota dan undangan.');
    }
    const [stranger] = await h.say('/audit', { user: STRANGER });
    expect(stranger!.text).toContain('belum terdaftar');
  });

  // Regression (was a bug): the /lembaga menu's "📜 Catatan audit" button (organisation.ts:64, op 'audit') has no case
  // in the switch (organisation.ts:106-179, default at 177): it falls to memberAction with no member id and answers
  // "Anggota itu sudah tidak ada di lembaga." instead of the audit log.
  it('shows the audit log from the /lembaga menu button', async () => {
    await world();
    await h.say('/lembaga', { user: ADMIN_A });
    const got = await h.tap('Catatan audit', ADMIN_A);
    const shown = [...got.map((m) => m.text), h.last(ADMIN_A).text].join('\n');
    expect(shown).toContain('Catatan audit terbaru');
  });
});

describe("the supervisor's summary and the worker's history", () => {
  it('stays under 4096 characters, cuts a 2000-character answer with "…", escapes HTML, and has the full note one button away', async () => {
    await world();
    const caseId = await openCase(h, 'Si', 'Zastrow', W1);
    const long = `Awal cerita <keluarga> & anak. ${'Klien bercerita panjang tentang keluarganya. '.repeat(60)}`.slice(0, 1999) + 'Z';
    expect(long).toHaveLength(2000);
    await h.say('/catat', { user: W1 });
    await h.tap('Si (42)', W1);
    await h.tap('Tahap lain', W1);
    await h.tap(/^2\./, W1); // Penjalinan relasi lebih mendalam: cerita_baru (longtext, max 2000, summary: true)
    await fillNote(h, {
      user: W1,
      answers: {
        tanggal_sesi: { type: 'kemarin' },
        jenis_kontak: { tap: 'Tatap muka di lembaga' },
        cerita_baru: { type: long },
        langkah_selanjutnya: { type: 'Kunjungan <rumah> & keluarga' },
      },
    });
    await h.tap('Simpan', W1);
    const notes = (await h.workspace(W1, caseId)).notes!;
    const note = Object.values(notes)[0]!;
    expect(note.items.find((i) => i.id === 'cerita_baru')?.value).toBe(long);

    const [summary] = summariesOf(SUP1);
    const text = summary!.text!;
    expect(text.length).toBeLessThan(4096);
    expect(text).toContain('Si (42) · Zastrow · tahap 2/8');
    expect(text).toContain('Sesi 13 Maret 2025 · Tatap muka di lembaga');
    expect(text).toContain('Awal cerita &lt;keluarga&gt; &amp; anak.');
    expect(text).not.toContain('<keluarga>');
    expect(text).not.toContain(long.slice(0, 300));
    const line = text.split('\n').find((l) => l.includes('Awal cerita'))!;
    expect(line.endsWith('…')).toBe(true);
    expect(text).toContain('Langkah selanjutnya: Kunjungan &lt;rumah&gt; &amp; keluarga');
    // up to 5 of the stage's key answers (summary: true; routine ones take no place), besides date,
    // contact and next step
    const bullets = text.split('\n').filter((l) => l.startsWith('• '));
    expect(bullets.length).toBeGreaterThanOrEqual(2);
    expect(bullets.length).toBeLessThanOrEqual(5);
    expect(buttons(summary).map((b) => b.text)).toEqual(['✅ Setujui', '💬 Beri tanggapan', '📄 Lihat lengkap']);
    // the full answer is one button away
    const full = await press(SUP1, summary!, 'Lihat lengkap');
    expect(full.map((m) => m.text).join('')).toContain(long.slice(-200));
  });

  it('shows ⏳, ✅ and ✏️ in the worker\'s /riwayat; an edit after feedback keeps both versions and reaches both supervisors', async () => {
    await world();
    const first = await writeNote(W2, 'Si', 'Langkah pertama');
    const riwayat = async (): Promise<string[]> => {
      await h.say('/riwayat', { user: W2 });
      const [list] = await h.tap('Si (42)', W2);
      return buttons(list).filter((b) => b.callback_data.startsWith('hn:')).map((b) => b.text);
    };
    expect(await riwayat()).toEqual([expect.stringMatching(/^⏳ 1\) 13 Mar · 1\. /)]);
    await press(SUP1, summariesOf(SUP1)[0]!, 'Setujui');
    expect(await riwayat()).toEqual([expect.stringMatching(/^✅ /)]);

    const second = await writeNote(W2, 'Si', 'Langkah kedua');
    const [, toSari] = summariesOf(SUP2);
    await press(SUP2, toSari!, 'Beri tanggapan');
    await h.say('Langkah kedua kurang jelas.', { user: SUP2 });
    const told = h.fake.lastMessage(W2)!;
    expect(told.text).toBe('💬 Tanggapan Sari untuk catatan Si (42) (13 Maret 2025):\nLangkah kedua kurang jelas.');
    const list = await riwayat();
    expect(list).toHaveLength(2);
    expect(list.filter((t) => t.startsWith('✏️ '))).toHaveLength(1);
    expect(list.filter((t) => t.startsWith('✅ '))).toHaveLength(1);
    expect(await h.redis.hgetall(h.keys.reviewStates(W2))).toEqual({ [first.noteId]: 'disetujui', [second.noteId]: 'perlu_perbaikan' });

    // the edit, from the feedback message
    expect(told.parse_mode).toBe('HTML');
    await press(W2, told, 'Ubah catatan');
    await h.tap(editButton(h.last(W2), 'Apa langkah selanjutnya?'), W2);
    await h.say('Langkah kedua: rapat keluarga Senin', { user: W2 });
    const [saved] = await h.tap('Simpan', W2);
    expect(saved!.text).toContain('diperbarui (versi 2)');
    const note = (await h.workspace(W2, second.caseId)).notes![second.noteId]!;
    expect(note.version).toBe(2);
    expect(note.previous?.[0]?.items.find((i) => i.id === 'langkah_selanjutnya')?.value).toBe('Langkah kedua');
    expect(note.items.find((i) => i.id === 'langkah_selanjutnya')?.value).toBe('Langkah kedua: rapat keluarga Senin');
    for (const sup of [SUP1, SUP2]) {
      const revised = summariesOf(sup, 'Catatan sesi direvisi oleh Dewi');
      expect(revised, String(sup)).toHaveLength(1);
      expect(revised[0]!.text).toContain('Langkah selanjutnya: Langkah kedua: rapat keluarga Senin');
    }
    // back to waiting; the history shows it, and the note's review log tells what happened
    const after = await riwayat();
    expect(after.filter((t) => t.startsWith('⏳ '))).toHaveLength(1);
    expect(await h.redis.llen(h.keys.reviewLog(W2, second.noteId))).toBe(3); // submitted, feedback, revised
    expect(summariesOf(SUPB)).toHaveLength(0);
  });
});
