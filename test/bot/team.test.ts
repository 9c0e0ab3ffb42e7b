// /tim: the caseload on demand — a supervisor's workers (an admin's: everyone), counted from the
// caseload index the writes keep; tapping opens a worker, the list behind a number, a case, a note.
// A team of 30 workers × 40 cases is paged within a phone's screen, and its numbers are checked
// against the records themselves; the index is followed through the bot's own writes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, buttons, Harness, openCase, team } from '../support/bot-harness.ts';
import { fillNote, type Answer } from '../support/note-driver.ts';
import type { FakeMessage } from '../support/fake-bot-api.ts';
import { screenLines, charCount } from '../../src/telegram/format.ts';
import { encode } from '../../src/telegram/callback-data.ts';
import type { CaseRecord } from '../../src/store/records.ts';
import type { RiskAlert } from '../../src/store/risk-records.ts';
import { rebuildCaseload } from '../../src/store/caseload-rebuild.ts';
import { INDEX_PARTS } from '../../src/store/caseload-index.ts';
import { CaseVault } from '../../src/privacy/vault.ts';

let h: Harness;
beforeEach(async () => {
  h = await Harness.start({ now: new Date('2025-03-14T03:00:00Z') });
  await h.say('/start', { user: ADMIN, firstName: 'Ani' });
});
afterEach(async () => {
  await h.stop();
});

const SUP = 5101;
const W1 = 6101;
const W2 = 6102;
const DAY = 86_400_000;
/** The organisation a user works in now, and their caseload index's keys there. */
const orgOf = async (u: number) => (await h.redis.hget(h.keys.membership(u), 'orgId'))!;
const indexKeys = async (u: number) => {
  const org = await orgOf(u);
  return INDEX_PARTS.map((p) => h.keys.caseload(u, org, p));
};

/** Every screen a supervisor meets fits a phone: ≤ 10 lines at 38 characters, labels ≤ 24, ≤ 3 a row. */
function fitsPhone(m: FakeMessage | undefined, where: string): void {
  expect(m, where).toBeDefined();
  expect(screenLines(m!.text ?? ''), `${where}: ${m!.text}`).toBeLessThanOrEqual(10);
  const rows = (m!.reply_markup as { inline_keyboard?: { text: string }[][] } | undefined)?.inline_keyboard ?? [];
  for (const row of rows) {
    expect(row.length, `${where}: a row of ${row.length}`).toBeLessThanOrEqual(3);
    for (const b of row) expect(charCount(b.text), `${where}: "${b.text}"`).toBeLessThanOrEqual(24);
  }
}

const labels = (m: FakeMessage | undefined) => buttons(m).map((b) => b.text);

/** Budi (W1) writes and saves a note on Si (42), with these answers (the rest by default). */
async function saveNote(answers?: Record<string, Answer>): Promise<void> {
  await h.say('/catat', { user: W1 });
  await h.tap('Si (42)', W1);
  await fillNote(h, { user: W1, ...(answers ? { answers } : {}) });
  await h.tap('Simpan', W1);
}

describe('/tim, tried as a supervisor would', () => {
  it('shows each worker, opens their caseload, the list behind a number, and the note to approve', async () => {
    await team(h, { supervisor: { id: SUP, name: 'Rina' }, workers: [{ id: W1, name: 'Budi' }, { id: W2, name: 'Citra' }] });
    await openCase(h, 'Si', 'Zastrow', W1);
    await saveNote();

    const [list] = await h.say('/tim', { user: SUP });
    fitsPhone(list, 'team');
    expect(list!.text).toContain('Bapas Kelas I Bandung');
    // Budi has work waiting, so he comes first
    expect(list!.text).toMatch(/1\. Budi: 📂1 ⏳1\n2\. Citra: 📂0/);
    expect(list!.protect_content).toBe(true);

    const [worker] = await h.tap('1. Budi', SUP);
    fitsPhone(worker, 'worker');
    expect(worker!.text).toContain('Budi</b> · 1 kasus aktif');
    expect(worker!.text).toContain('📂 Zastrow — tahap 1: 1');
    expect(worker!.text).toContain('🕐 Kontak terakhir 14 Mar, baru saja');
    expect(worker!.text).toContain('⏳ Perlu ditinjau: 1');
    expect(labels(worker)).toEqual(['📂 Semua (1)', '⏳ Tinjau (1)', '⬅️ Tim']);

    const [awaiting] = await h.tap('⏳ Tinjau (1)', SUP);
    fitsPhone(awaiting, 'awaiting');
    expect(awaiting!.text).toContain('1. Si (42) · tahap 1/8 · dikirim baru saja');

    // the note itself, to approve or answer, from where it waits
    const shown = await h.tap('1. Si (42)', SUP);
    expect(labels(shown.at(-1))).toEqual(['✅ Setujui', '💬 Beri tanggapan', '📄 Word (DOCX)', '📕 PDF', '🗒 Catatan supervisi', '📈 Grafik']);
    await h.tap('✅ Setujui', SUP);
    const [again] = await h.say('/tim', { user: SUP });
    expect(again!.text).toMatch(/1\. Budi: 📂1\n/);
    // one read with the update, and one pipeline for the team: members and every worker's counts
    const reads = h.logs.filter((l) => l.includes('"team read"')).map((l) => JSON.parse(l) as { roundTrips: number });
    expect(reads.at(-1)!.roundTrips).toBe(1);

    // an admin sees every worker (their team is the members, read first: one more round trip); a
    // supervisor with nothing of their own to show is left out
    const [admin] = await h.say('/tim', { user: ADMIN });
    expect(admin!.text).toContain('2 petugas');
    expect(admin!.text).not.toContain('Rina');
    expect(h.logs.filter((l) => l.includes('"team read"')).map((l) => JSON.parse(l) as { roundTrips: number }).at(-1)!.roundTrips).toBe(2);
  });

  it('in English for an English supervisor', async () => {
    await team(h, { supervisor: { id: SUP, name: 'Rina', languageCode: 'en' }, workers: [{ id: W1, name: 'Budi' }] });
    await openCase(h, 'Si', 'Zastrow', W1);
    const [list] = await h.say('/tim', { user: SUP, languageCode: 'en' });
    expect(list!.text).toMatch(/· 1 worker(\n|$)/m);
    expect(list!.text).toContain('📂 active ⚠️ overdue');
    const [worker] = await h.tap('1. Budi', SUP);
    expect(worker!.text).toContain('1 active case');
    expect(worker!.text).toContain('No contact held yet');
    expect(labels(worker)).toEqual(['📂 All (1)', '⬅️ Team']);
  });

  it('is for supervisors and admins: a worker is told where their own cases are', async () => {
    await team(h, { supervisor: { id: SUP, name: 'Rina' }, workers: [{ id: W1, name: 'Budi' }] });
    const [reply] = await h.say('/tim', { user: W1 });
    expect(reply!.text).toContain('/kasus');
    expect(buttons(reply)).toHaveLength(0);
  });
});

describe('need to know', () => {
  it('a supervisor cannot open another supervisor’s worker, nor a worker the team list; nothing is shown', async () => {
    const orgId = await team(h, { supervisor: { id: SUP, name: 'Rina' }, workers: [{ id: W1, name: 'Budi' }] });
    await openCase(h, 'Si', 'Zastrow', W1);
    // a second supervisor, with no workers
    await h.say('/lembaga');
    await h.tap('Undangan baru');
    const [made] = await h.tap('Supervisor · 1 orang');
    const code = /start=(\S+)/.exec(made!.text ?? '')?.[1] ?? '';
    await h.say(`/start ${code}`, { user: 5102, firstName: 'Sari' });
    const [mine] = await h.say('/tim', { user: 5102 });
    expect(mine!.text).toContain('Belum ada petugas');

    for (const [user, data] of [
      [5102, encode({ kind: 'team', op: 'worker', orgId, page: 0, workerId: W1 })],
      [5102, encode({ kind: 'team', op: 'cases', orgId, page: 0, workerId: W1, filter: 'all' })],
      [W1, encode({ kind: 'team', op: 'list', orgId, page: 0 })],
      [SUP, encode({ kind: 'team', op: 'worker', orgId: 'otherorg1', page: 0, workerId: W1 })],
    ] as const) {
      // nothing sent or edited (the team screens edit the pressed message): only the press answered
      const from = h.fake.calls.length;
      await h.press(h.last(user).message_id, data, user);
      expect(h.fake.calls.slice(from).map((c) => c.method)).toEqual(['answerCallbackQuery']);
      expect(h.lastAlert()).toContain('tidak berlaku');
    }
    // each refusal is in the organisation's audit, naming the worker it was about
    const refused = (await h.redis.xrange(h.keys.audit(orgId), '-', '+')).filter(([, f]) => f.includes('refused') && f.some((x) => x.includes('"what":"team"')));
    expect(refused).toHaveLength(4);
  });

  it('an admin who does not supervise the worker sees the case, not its notes, and can manage it', async () => {
    const orgId = await team(h, { supervisor: { id: SUP, name: 'Rina' }, workers: [{ id: W1, name: 'Budi' }] });
    const caseId = await openCase(h, 'Si', 'Zastrow', W1);
    await saveNote();
    await h.say('/tim', { user: ADMIN });
    await h.tap(/Budi/, ADMIN);
    const [list] = await h.tap('📂 Semua (1)', ADMIN);
    // an admin opening a note awaiting review goes to the case (notes are for the supervisor)
    const [card] = await h.tap('1. Si (42)', ADMIN);
    fitsPhone(card, 'case (admin)');
    expect(list!.text).toContain('1. Si (42) · tahap 1/8');
    expect(card!.text).toContain('Catatan: 1 (untuk supervisornya)');
    expect(labels(card)).toEqual(['🗂 Kelola kasus', '⬅️ Daftar']);
    // the supervisor gets the notes with their review state
    await h.say('/tim', { user: SUP });
    await h.tap(/Budi/, SUP);
    await h.tap('📂 Semua (1)', SUP);
    const [sup] = await h.tap('1. Si (42)', SUP);
    expect(labels(sup)).toContain('1) 14 Mar ⏳');
    // both views of another worker's clients are in the organisation's audit
    const audit = await h.redis.xrange(h.keys.audit(orgId), '-', '+');
    expect(audit.filter(([, f]) => f.includes('case-viewed') && f.some((x) => x.includes(caseId)))).toHaveLength(2);
  });
});

describe('the index follows every write', () => {
  it('a risk raised, taken and followed up; a case ended and reopened; moved; deleted', async () => {
    await team(h, { supervisor: { id: SUP, name: 'Rina' }, workers: [{ id: W1, name: 'Budi' }, { id: W2, name: 'Citra' }] });
    const caseId = await openCase(h, 'Si', 'Zastrow', W1);
    await saveNote({ risiko: { tick: ['Bunuh diri/lukai diri'] }, risiko_uraian: { type: 'Ada luka sayatan baru.' } });
    const line = async () => {
      const [m] = await h.say('/tim', { user: SUP });
      return /Budi: [^\n]*/.exec(m!.text ?? '')?.[0];
    };
    expect(await line()).toBe('Budi: 📂1 🚨1 ⏳1');
    await h.say('/tim', { user: SUP });
    await h.tap(/Budi/, SUP);
    const [risks] = await h.tap('🚨 Risiko (1)', SUP);
    expect(risks!.text).toContain('1. Si (42) · tahap 1/8 · baru saja, belum ditangani');
    const [card] = await h.tap('1. Si (42)', SUP);
    fitsPhone(card, 'case with a risk');
    expect(card!.text).toContain('🚨 Bunuh diri/lukai diri · baru saja · belum ada yang menangani');
    await h.tap('🙋 Saya tangani', SUP);
    await h.say('/tim', { user: SUP });
    await h.tap(/Budi/, SUP);
    const [taken] = await h.tap('🚨 Risiko (1)', SUP);
    expect(taken!.text).not.toContain('belum ditangani');
    await h.tap('1. Si (42)', SUP);
    await h.tap('✅ Sudah ditindaklanjuti', SUP);
    await h.say('Keluarga mendampingi ke puskesmas.', { user: SUP });
    expect(await line()).toBe('Budi: 📂1 ⏳1');

    // ended: out of the active counts (the note still awaits review); reopened: back
    await h.press(h.last(W1).message_id, encode({ kind: 'close-case', caseId }), W1);
    await h.press(h.last(W1).message_id, encode({ kind: 'end-reason', caseId, reason: 0 }), W1);
    await h.press(h.last(W1).message_id, encode({ kind: 'end-now', caseId }), W1);
    expect((await h.workspace(W1)).cases[caseId]!.status).toBe('closed');
    expect(await line()).toBe('Budi: 📂0 ⏳1');
    await h.press(h.last(W1).message_id, encode({ kind: 'reopen-case', caseId }), W1);
    expect(await line()).toBe('Budi: 📂1 ⏳1');

    // moved by an admin to Citra: it leaves Budi's counts and joins hers, awaiting review with it
    const vault = new CaseVault(h.store);
    const view = await vault.loadOwner(W1, caseId);
    expect(await vault.move(W1, view, caseId, W2, h.now.getTime())).toBe('moved');
    expect(await line()).toBe('Budi: 📂0');
    const [m] = await h.say('/tim', { user: SUP });
    expect(m!.text).toMatch(/Citra: 📂1 ⏳1/);
    // deleted: gone from every count
    const after = await vault.loadOwner(W2, caseId);
    await vault.erase(W2, after, caseId, h.now.getTime());
    const [gone] = await h.say('/tim', { user: SUP });
    expect(gone!.text).toMatch(/Citra: 📂0\n/);
    for (const part of INDEX_PARTS) {
      const key = h.keys.caseload(W2, await orgOf(W2), part);
      const size = part === 'stage' ? await h.redis.hlen(key) : await h.redis.zcard(key);
      expect(size, part).toBe(0);
    }
  });

  it('a stage moved on, a missed session, a planned meeting that passed', async () => {
    await team(h, { supervisor: { id: SUP, name: 'Rina' }, workers: [{ id: W1, name: 'Budi' }] });
    const caseId = await openCase(h, 'Si', 'Zastrow', W1);
    // "Tidak jadi" twice in a row: the case is flagged 🚩
    for (let i = 0; i < 2; i++) {
      await h.say('/catat', { user: W1 });
      await h.tap('Si (42)', W1);
      await fillNote(h, { user: W1, answers: { sesi_dilaksanakan: { tap: 'Tidak terlaksana' } } });
      await h.tap('Simpan', W1);
    }
    const [m] = await h.say('/tim', { user: SUP });
    expect(m!.text).toMatch(/Budi: 📂1 🚩1/);
    // moved to stage 2 from the case card: the stage count follows, and the stage clock restarts
    await h.press(h.last(W1).message_id, encode({ kind: 'move-stage', caseId, from: 0, stage: 1 }), W1);
    expect((await h.workspace(W1)).cases[caseId]!.stageSince).toBe(h.now.toISOString());
    await h.say('/tim', { user: SUP });
    const [w] = await h.tap(/Budi/, SUP);
    expect(w!.text).toContain('📂 Zastrow — tahap 2: 1');
    // 4 weeks on (Zastrow's stage 2 usually takes 3): long in the stage, and overdue
    h.now = new Date(h.now.getTime() + 28 * DAY);
    await h.say('/tim', { user: SUP });
    const [later] = await h.tap(/Budi/, SUP);
    expect(later!.text).toContain('⚠️ Lewat jadwal: 1 · 🚩 Terputus: 1');
    expect(later!.text).toContain('🐢 Lama di satu tahap: 1');
    const [stuck] = await h.tap('🐢 Tahap lama (1)', SUP);
    expect(stuck!.text).toContain('1. Si (42) · tahap 2/8 · sejak 14 Mar (biasa 3 mg)');
  });
});

describe('found in review', () => {
  it('a case that stays in its first stage is marked 🐢 by its opening, not reset by each note there', async () => {
    await team(h, { supervisor: { id: SUP, name: 'Rina' }, workers: [{ id: W1, name: 'Budi' }] });
    const caseId = await openCase(h, 'Si', 'Zastrow', W1);
    const opened = h.now.toISOString();
    // a held note on day 13, still at stage 1 (Zastrow's stage 1 usually takes 2 weeks)
    h.now = new Date(h.now.getTime() + 13 * DAY);
    await saveNote();
    expect((await h.workspace(W1)).cases[caseId]!.stageSince).toBe(opened);
    h.now = new Date(h.now.getTime() + 10 * DAY);
    const [m] = await h.say('/tim', { user: SUP });
    expect(m!.text).toMatch(/Budi: 📂1 .*🐢1/);
  });

  it('an ended case moved to another worker brings no open risk into their counts', async () => {
    await team(h, { supervisor: { id: SUP, name: 'Rina' }, workers: [{ id: W1, name: 'Budi' }, { id: W2, name: 'Citra' }] });
    const caseId = await openCase(h, 'Si', 'Zastrow', W1);
    await saveNote({ risiko: { tick: ['Kabur'] }, risiko_uraian: { type: 'Tidak pulang dua malam.' } });
    await h.press(h.last(W1).message_id, encode({ kind: 'close-case', caseId }), W1);
    await h.press(h.last(W1).message_id, encode({ kind: 'end-reason', caseId, reason: 0 }), W1);
    await h.press(h.last(W1).message_id, encode({ kind: 'end-now', caseId }), W1);
    const vault = new CaseVault(h.store);
    expect(await vault.move(W1, await vault.loadOwner(W1, caseId), caseId, W2, h.now.getTime())).toBe('moved');
    const [m] = await h.say('/tim', { user: SUP });
    expect(/Citra: [^\n]*/.exec(m!.text ?? '')![0]).toBe('Citra: 📂0 ⏳1');
  });

  it('the rebuild does not bring back a note approved while it ran', async () => {
    await team(h, { supervisor: { id: SUP, name: 'Rina' }, workers: [{ id: W1, name: 'Budi' }] });
    const caseId = await openCase(h, 'Si', 'Zastrow', W1);
    await saveNote();
    const noteId = Object.keys(await h.redis.hgetall(h.keys.notes(W1, caseId)))[0]!;
    const org1 = await orgOf(W1);
    await h.redis.del(...(await indexKeys(W1)));
    // the supervisor approves between the rebuild's reads and its writes (an effect: no revision of Budi's)
    const commit = h.store.commit.bind(h.store);
    h.store.commit = async (...args: Parameters<typeof commit>) => {
      const p = h.redis.pipeline();
      h.store.writeReview(p, W1, org1, caseId, noteId, 'disetujui', { at: h.now.toISOString(), by: SUP, byName: 'Rina', action: 'approved', version: 1 });
      await p.exec();
      return commit(...args);
    };
    expect(await rebuildCaseload(h.store, W1, (f, s) => h.catalog.stage(f, s)?.weeks)).toBe('built');
    h.store.commit = commit;
    expect(await h.redis.zcard(h.keys.caseload(W1, org1, 'awaiting'))).toBe(0);
    const [m] = await h.say('/tim', { user: SUP });
    expect(m!.text).toMatch(/Budi: 📂1\n/);
  });
});

describe('found walking through it in the playground', () => {
  it('the last contact is the session’s date, not when the note was written; a note approved from /tim is not approved twice', async () => {
    await team(h, { supervisor: { id: SUP, name: 'Rina' }, workers: [{ id: W1, name: 'Budi' }] });
    await openCase(h, 'Si', 'Zastrow', W1);
    h.now = new Date(h.now.getTime() + 3 * DAY);
    await h.say('/catat', { user: W1 });
    await h.tap('Si (42)', W1);
    // written on 17 March for the session of 14 March
    await fillNote(h, { user: W1, answers: { tanggal_sesi: { type: '14 Maret 2025' } } });
    await h.tap('Simpan', W1);
    const summary = h.last(SUP);
    await h.say('/tim', { user: SUP });
    const [w] = await h.tap(/Budi/, SUP);
    expect(w!.text).toContain('🕐 Kontak terakhir 14 Mar, 3 hari lalu');
    // approved from /tim, then ✅ on the chat's summary: refused, the worker hears it once
    await h.tap('⏳ Tinjau (1)', SUP);
    await h.tap('1. Si (42)', SUP);
    await h.tap('✅ Setujui', SUP);
    const told = h.fake.messages(W1).length;
    await h.press(summary.message_id, buttons(summary).find((b) => b.text.includes('Setujui'))!.callback_data, SUP);
    expect(h.lastAlert()).toBe('Catatan ini sudah disetujui.');
    expect(h.fake.messages(W1).length).toBe(told);
  });

  it('🙋 on a case in /tim keeps the case screen and its buttons', async () => {
    await team(h, { supervisor: { id: SUP, name: 'Rina' }, workers: [{ id: W1, name: 'Budi' }] });
    await openCase(h, 'Si', 'Zastrow', W1);
    await saveNote({ risiko: { tick: ['Kabur'] }, risiko_uraian: { type: 'Tidak pulang dua malam.' } });
    await h.say('/tim', { user: SUP });
    await h.tap(/Budi/, SUP);
    await h.tap('🚨 Risiko (1)', SUP);
    const [card] = await h.tap('1. Si (42)', SUP);
    const before = labels(card);
    await h.tap('🙋 Saya tangani', SUP);
    expect(labels(h.fake.messages(SUP).find((m) => m.message_id === card!.message_id))).toEqual(before);
    expect(h.last(SUP).text).toContain('Si (42)');
  });
});

/** A worker's 40 cases, varied: some overdue, some flagged, some long in their stage, a few risks and notes waiting. */
function seedCases(workerId: number, n: number, now: number): { cases: CaseRecord[]; expected: { overdue: number; flagged: number; stuck: number; risks: number; awaiting: number } } {
  const cases: CaseRecord[] = [];
  const expected = { overdue: 0, flagged: 0, stuck: 0, risks: 0, awaiting: 0 };
  for (let i = 0; i < n; i++) {
    const k = (workerId * 7 + i) % 13;
    const held = new Date(now - (k % 4 === 0 ? 20 : 2) * DAY).toISOString();
    const stageSince = new Date(now - (k % 5 === 0 ? 70 : 5) * DAY).toISOString();
    const missed = k % 6 === 0 ? 2 : 0;
    const meeting = k % 7 === 0 ? '2025-03-10' : undefined;
    const c: CaseRecord = {
      id: `${(workerId * 1000 + i).toString(36)}case${i}`,
      ownerId: workerId,
      initials: `K${String.fromCharCode(97 + (i % 26))}`,
      age: 20 + (i % 40),
      gender: i % 2 ? 'l' : 'p',
      setting: 'bapas',
      problem: 'napza',
      flowId: 'zastrow-mezzo',
      stageId: 'relasi_mendalam',
      status: 'active',
      createdAt: new Date(now - 100 * DAY).toISOString(),
      updatedAt: held,
      stageSince,
      lastHeldAt: held,
      lastNoteAt: held,
      ...(missed ? { missedInRow: missed } : {}),
      noteCount: 3,
      lastNote: { noteId: `n${i}`, date: held.slice(0, 10), stageId: 'relasi_mendalam', held: !missed, ...(meeting ? { nextMeeting: meeting } : {}) },
    };
    cases.push(c);
    if (k % 4 === 0) expected.overdue++;
    if (missed || meeting) expected.flagged++;
    // Zastrow's stage 2 usually takes 3 weeks
    if (k % 5 === 0) expected.stuck++;
  }
  return { cases, expected };
}

describe('a team of 30 workers with 40 cases each', () => {
  it('is paged within a phone’s screen, every number checked against the records, each list behind it complete', async () => {
    const workers = Array.from({ length: 30 }, (_, i) => ({ id: 7000 + i, name: `Petugas ${String(i + 1).padStart(2, '0')} Nama Panjang` }));
    const org = await team(h, { supervisor: { id: SUP, name: 'Rina' }, workers });
    const now = h.now.getTime();
    const expected = new Map<number, { overdue: number; flagged: number; stuck: number; risks: number; awaiting: number }>();
    for (const [wi, w] of workers.entries()) {
      const seeded = seedCases(w.id, 40, now);
      const ws = await h.store.load(w.id);
      await h.store.commit(w.id, ws.rev, { cases: seeded.cases.map((c) => ({ ...c, orgId: org })) });
      const p = h.redis.pipeline();
      // a few risk alerts (one taken), a few notes waiting for review
      for (let r = 0; r < wi % 3; r++) {
        const c = seeded.cases[r * 5]!;
        const alert: RiskAlert = { id: `r${r}x${w.id}`, orgId: 'x', workerId: w.id, caseId: c.id, client: 'K', workerName: w.name, flags: [{ id: 'Kabur', en: 'Ran away' }], raisedAt: new Date(now - (r + 1) * 3_600_000).toISOString(), to: [] };
        h.store.writeRisk(p, w.id, org, c.id, alert.id, { alert });
        if (r === 1) h.store.writeRisk(p, w.id, org, c.id, alert.id, { taken: { by: SUP, byName: 'Rina', at: h.now.toISOString() } });
        seeded.expected.risks++;
      }
      for (let a = 0; a < wi % 4; a++) {
        const c = seeded.cases[a * 3 + 1]!;
        h.store.writeReview(p, w.id, org, c.id, `n${a}x${w.id}`, 'menunggu', { at: new Date(now - (a + 1) * DAY).toISOString(), by: w.id, byName: w.name, action: 'submitted', version: 1 });
        seeded.expected.awaiting++;
      }
      await p.exec();
      expected.set(w.id, seeded.expected);
    }

    // the team list, page by page
    let [page] = await h.say('/tim', { user: SUP });
    const seen = new Map<string, string>();
    for (let guard = 0; guard < 20; guard++) {
      fitsPhone(page, `team page ${guard + 1}`);
      for (const m of (page!.text ?? '').matchAll(/^\d+\. (Petugas \d\d)[^:]*: (.*)$/gm)) seen.set(m[1]!, m[2]!);
      if (!labels(page).includes('Berikutnya ▶️')) break;
      [page] = await h.tap('Berikutnya ▶️', SUP);
    }
    expect(seen.size).toBe(30);
    for (const [wi, w] of workers.entries()) {
      const e = expected.get(w.id)!;
      const marks = [`📂40`, e.overdue && `⚠️${e.overdue}`, e.flagged && `🚩${e.flagged}`, e.stuck && `🐢${e.stuck}`, e.risks && `🚨${e.risks}`, e.awaiting && `⏳${e.awaiting}`].filter(Boolean).join(' ');
      expect(seen.get(`Petugas ${String(wi + 1).padStart(2, '0')}`), w.name).toBe(marks);
    }

    // each worker's screen; for one, every list behind its numbers, page by page, and a case
    for (const [wi, w] of workers.entries()) {
      const [screen] = await h.press(h.last(SUP).message_id, encode({ kind: 'team', op: 'worker', orgId: (await h.workspace(SUP)).membership!.orgId, page: 0, workerId: w.id }), SUP);
      fitsPhone(screen, `worker ${wi + 1}`);
      expect(screen!.text).toContain('40 kasus aktif');
    }
    const w = workers[5]!;
    const e = expected.get(w.id)!;
    await h.say('/tim', { user: SUP });
    let found: FakeMessage | undefined;
    for (let guard = 0; guard < 20 && !found; guard++) {
      const m = h.last(SUP);
      const b = buttons(m).find((x) => x.text.includes('Petugas 06'));
      if (b) [found] = await h.press(m.message_id, b.callback_data, SUP);
      else await h.tap('Berikutnya ▶️', SUP);
    }
    for (const [label, count] of [['Semua', 40], ['Lewat jadwal', e.overdue], ['Terputus', e.flagged], ['Tahap lama', e.stuck], ['Risiko', e.risks], ['Tinjau', e.awaiting]] as const) {
      if (count === 0) {
        expect(labels(found).some((l) => l.includes(label))).toBe(false);
        continue;
      }
      await h.press(found!.message_id, buttons(found).find((b) => b.text.includes(`${label} (${count})`))!.callback_data, SUP);
      const listed = new Set<string>();
      let list: FakeMessage | undefined = h.last(SUP);
      for (let guard = 0; guard < 20; guard++) {
        fitsPhone(list, `${label} list`);
        for (const m of (list!.text ?? '').matchAll(/^(\d+)\. K/gm)) listed.add(m[1]!);
        if (!labels(list).includes('Berikutnya ▶️')) break;
        [list] = await h.tap('Berikutnya ▶️', SUP);
      }
      expect(listed.size, label).toBe(count);
      if (label === 'Lewat jadwal') {
        const [card] = await h.tap(/\. K/, SUP);
        fitsPhone(card, 'a case');
        expect(card!.text).toContain('Kontak terakhir');
        await h.tap('⬅️ Daftar', SUP);
      }
      [found] = await h.tap('⬅️ Petugas 06', SUP);
    }
  }, 120_000);
});

describe('the index of data from before it existed', () => {
  it('is built once from the records, and counts the same as the writes keep it', async () => {
    await team(h, { supervisor: { id: SUP, name: 'Rina' }, workers: [{ id: W1, name: 'Budi' }] });
    await openCase(h, 'Si', 'Zastrow', W1);
    await openCase(h, 'Ab', 'Zastrow', W1);
    await saveNote({ risiko: { tick: ['Kabur'] }, risiko_uraian: { type: 'Tidak pulang dua malam.' } });
    const line = async () => /Budi: [^\n]*/.exec((await h.say('/tim', { user: SUP }))[0]!.text ?? '')?.[0];
    const kept = await line();
    expect(kept).toBe('Budi: 📂2 🚨1 ⏳1');
    // as before the index: none of its keys
    await h.redis.del(...(await indexKeys(W1)));
    expect(await line()).toBe('Budi: 📂0');
    const weeks = (f: string, s: string) => h.catalog.stage(f, s)?.weeks;
    expect(await rebuildCaseload(h.store, W1, weeks)).toBe('built');
    expect(await line()).toBe(kept);
    expect(await rebuildCaseload(h.store, W1, weeks)).toBe('current');
  });
});
