// "Langsung dikirim ke supervisor": a risk reaches someone the moment the worker confirms it, not at
// 💾 Simpan — through the real bot (every middleware, real Redis, the fake Bot API). With no
// supervisor it goes to the organisation's admins; with nobody at all, the worker gets the emergency
// numbers and is told plainly that nobody was alerted. A revision alerts again only when the risk
// changed; a relapse is recorded and shown, not an urgent alert.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, buttons, Harness, invitationCode, openCase, team } from '../support/bot-harness.ts';
import { fillNote } from '../support/note-driver.ts';
import { checkRisk } from '../../src/reminders/risk-check.ts';
import { createLogger } from '../../src/logger.ts';
import { Api } from 'grammy';
import { sendDigest } from '../../src/reminders/digest-job.ts';
import { bullConnection, ReminderQueues } from '../../src/reminders/queues.ts';
import { createI18n } from '../../src/bot/create-bot.ts';
import { redisUrl } from '../support/redis.ts';

const SUP = 5701;
const WORKER = 6701;
const LONE = 6702;

let h: Harness;
beforeEach(async () => {
  h = await Harness.start({ now: new Date('2025-03-14T03:00:00Z') });
  await h.say('/start', { user: ADMIN, firstName: 'Ani' });
});
afterEach(async () => {
  await h.stop();
});

const texts = (user: number, from = 0) => h.fake.messages(user).slice(from).map((m) => m.text ?? '');
const alertsOf = (user: number, from = 0) => texts(user, from).filter((t) => t.includes('🚨'));

/** A lone admin (nobody to alert) confirms a risk: what they are told. */
async function loneAdminRaises(flag: string): Promise<string> {
  await openCase(h, 'Si', 'Zastrow', ADMIN);
  await startNote(ADMIN);
  const from = h.fake.messages(ADMIN).length;
  await fillNote(h, { answers: { risiko: { tick: [flag] } }, until: 'risiko_uraian' });
  return texts(ADMIN, from).join('\n');
}

async function startNote(user: number): Promise<void> {
  await h.say('/catat', { user });
  await h.tap('Si (42)', user);
}

describe('a risk confirmed in a note', () => {
  it('reaches the supervisor at once (before the description, before 💾 Simpan), then what happened; saving sends only the summary, which leads with the risk', async () => {
    await team(h, { supervisor: { id: SUP, name: 'Rina' }, workers: [{ id: WORKER, name: 'Budi' }] });
    await openCase(h, 'Si', 'Zastrow', WORKER);
    await startNote(WORKER);
    await fillNote(h, { user: WORKER, answers: { risiko: { tick: ['Bunuh diri/lukai diri', 'Kabur'] } }, until: 'risiko_uraian' });
    // the worker has not written what happened, nor saved: the supervisor already knows
    const [raised] = alertsOf(SUP);
    expect(alertsOf(SUP)).toHaveLength(1);
    expect(raised).toContain('🚨 <b>PENTING: tanda risiko dari Budi</b>');
    expect(raised).toContain('Bunuh diri/lukai diri, Kabur / melarikan diri');
    expect(raised).toContain('Uraiannya menyusul');
    // followed up, not approved: no ✅ Setujui under a risk
    expect(buttons(h.fake.messages(SUP).find((m) => m.text?.includes('🚨'))).map((b) => b.text)).toEqual(['🙋 Saya tangani', '✅ Sudah ditindaklanjuti']);
    expect(texts(WORKER).some((t) => t.includes('Tanda bahaya sudah dikirim ke supervisor Anda.'))).toBe(true);
    // the description is required: no skip
    expect(buttons(h.fake.lastMessage(WORKER)).map((b) => b.text)).not.toContain('⏭ Lewati');

    await fillNote(h, { user: WORKER, answers: { risiko_uraian: { type: 'Klien bilang ingin mengakhiri hidup; keluarga sudah dihubungi.' } } });
    expect(alertsOf(SUP)).toHaveLength(2);
    expect(alertsOf(SUP)[1]).toContain('uraian tanda risiko dari Budi');
    expect(alertsOf(SUP)[1]).toContain('Klien bilang ingin mengakhiri hidup; keluarga sudah dihubungi.');

    const before = h.fake.messages(SUP).length;
    await h.tap('Simpan', WORKER);
    const after = texts(SUP, before);
    expect(after).toHaveLength(1);
    expect(after[0]).toContain('Catatan sesi baru dari Budi');
    expect(after[0]).toContain('Tanda bahaya: Bunuh diri/lukai diri, Kabur / melarikan diri');
    expect(after[0]!.indexOf('Tanda bahaya')).toBeLessThan(after[0]!.indexOf('➡️'));
    // the note in full shows the case's risk alerts and where their follow-up stands
    const full = await h.tap('Lihat lengkap', SUP);
    expect(full.map((m) => m.text ?? '').join('\n')).toContain('🚨 Tanda bahaya: 1\n• 14 Maret 2025: Bunuh diri/lukai diri, Kabur / melarikan diri — ⏳ belum ditangani');
  });

  it('is not sent again when the worker goes back and confirms the same risk, and is when it changes', async () => {
    await team(h, { supervisor: { id: SUP, name: 'Rina' }, workers: [{ id: WORKER, name: 'Budi' }] });
    await openCase(h, 'Si', 'Zastrow', WORKER);
    await startNote(WORKER);
    await fillNote(h, { user: WORKER, answers: { risiko: { tick: ['Kekerasan'] } }, until: 'risiko_uraian' });
    await h.tap('⬅️ Kembali', WORKER);
    await h.tap('Selesai', WORKER);
    expect(alertsOf(SUP)).toHaveLength(1);
    await h.tap('⬅️ Kembali', WORKER);
    await h.tap('Anak dalam bahaya', WORKER);
    await h.tap('Selesai', WORKER);
    expect(alertsOf(SUP)).toHaveLength(2);
    expect(alertsOf(SUP)[1]).toContain('Kekerasan, Anak dalam bahaya');
  });

  it('a revision alerts nobody again while its risk is unchanged', async () => {
    await team(h, { supervisor: { id: SUP, name: 'Rina' }, workers: [{ id: WORKER, name: 'Budi' }] });
    await openCase(h, 'Si', 'Zastrow', WORKER);
    await startNote(WORKER);
    await fillNote(h, { user: WORKER, answers: { risiko: { tick: ['Overdosis'] }, risiko_uraian: { type: 'Dibawa ke IGD.' } } });
    await h.tap('Simpan', WORKER);
    await h.tap('Tetap di tahap 1', WORKER);
    const alerts = alertsOf(SUP).length;
    expect(alerts).toBe(2);
    // the worker revises another answer of the note
    await h.say('/riwayat', { user: WORKER });
    await h.tap('Si (42)', WORKER);
    await h.tap('14 Mar ', WORKER);
    await h.tap('Ubah', WORKER);
    await h.tap('Simpan', WORKER);
    expect(alertsOf(SUP)).toHaveLength(alerts);
    expect(texts(SUP).at(-1)).toContain('Catatan sesi direvisi oleh Budi');
  });

  it('a description of only punctuation is refused; a draft cancelled after its alert tells the supervisor the note will not come', async () => {
    await team(h, { supervisor: { id: SUP, name: 'Rina' }, workers: [{ id: WORKER, name: 'Budi' }] });
    await openCase(h, 'Si', 'Zastrow', WORKER);
    await startNote(WORKER);
    await fillNote(h, { user: WORKER, answers: { risiko: { tick: ['Kekerasan'] } }, until: 'risiko_uraian' });
    const [refused] = await h.say(' - ', { user: WORKER });
    expect(refused!.text).toContain('bukan hanya tanda baca');
    expect(alertsOf(SUP)).toHaveLength(1);
    await h.say('/batal', { user: WORKER });
    const s = h.fake.messages(SUP).length;
    await h.tap('Ya, batalkan', WORKER);
    expect(texts(SUP, s)).toEqual(['⚠️ Budi membatalkan catatan sesi Si (42): catatan lengkapnya tidak akan datang. Tanda bahaya yang sudah dikirim tetap perlu ditindaklanjuti.']);
    expect(texts(WORKER).slice(-2)).toEqual(['Dibatalkan. Tidak ada yang disimpan.', expect.stringContaining('tanda bahaya yang sudah dikirim tetap ada pada supervisor Anda')]);
  });

  it('a relapse alone is recorded and shown in the summary, with no urgent alert', async () => {
    await team(h, { supervisor: { id: SUP, name: 'Rina' }, workers: [{ id: WORKER, name: 'Budi' }] });
    await openCase(h, 'Si', 'Zastrow', WORKER);
    await startNote(WORKER);
    await fillNote(h, { user: WORKER, answers: { risiko: { tick: ['Kambuh'] }, risiko_uraian: { type: 'Memakai sabu akhir pekan lalu.' } } });
    await h.tap('Simpan', WORKER);
    expect(alertsOf(SUP)).toEqual([]);
    const summary = texts(SUP).at(-1)!;
    expect(summary).toContain('Tanda bahaya: Kambuh');
    expect(summary).toContain('Memakai sabu akhir pekan lalu.');
  });
});

describe('a risk with no supervisor', () => {
  it('goes to the organisation’s admins, and the worker is told who got it', async () => {
    await h.say('/lembaga');
    await h.say('Bapas Kelas I Bandung');
    await h.say('/lembaga');
    await h.tap('Undangan baru');
    const [made] = await h.tap('Petugas · 1 orang');
    await h.say(`/start ${invitationCode(made)}`, { user: LONE, firstName: 'Sari' });
    await openCase(h, 'Si', 'Zastrow', LONE);
    await startNote(LONE);
    await fillNote(h, { user: LONE, answers: { risiko: { tick: ['Anak dalam bahaya'] } }, until: 'risiko_uraian' });
    expect(alertsOf(ADMIN).some((t) => t.includes('PENTING: tanda risiko dari Sari') && t.includes('Anak dalam bahaya'))).toBe(true);
    const told = texts(LONE);
    expect(told.some((t) => t.includes('Anda belum punya supervisor aktif'))).toBe(true);
    expect(told.some((t) => t.includes('sudah dikirim ke admin lembaga: Ani'))).toBe(true);
  });

  it('with nobody to tell (a lone admin), shows the emergency numbers and says plainly that nobody was alerted', async () => {
    await h.say('/lembaga');
    await h.say('Klinik Sendiri');
    const told = await loneAdminRaises('Bunuh diri/lukai diri');
    expect(told).toContain('Tidak ada yang menerima tanda bahaya ini');
    expect(told).toContain('112 (darurat) · SAPA 129');
  });

  it('shows the organisation’s own emergency numbers once an admin set them (and the defaults again after a reset)', async () => {
    await h.say('/lembaga');
    await h.say('Klinik Sendiri');
    await h.say('/lembaga');
    const [screen] = await h.tap('🆘 Nomor darurat');
    expect(screen!.text).toContain('Sekarang: 112 (darurat) · SAPA 129');
    await h.say('a'.repeat(201));
    expect(h.fake.lastMessage(ADMIN)!.text).toMatch(/200/); // too long: refused, the wait goes on
    await h.say('112 · Puskesmas Sukajadi 022-1234567 · SAPA 129');
    expect(h.fake.lastMessage(ADMIN)!.text).toContain('Nomor darurat disimpan: 112 · Puskesmas Sukajadi 022-1234567 · SAPA 129');
    const told = await loneAdminRaises('Kekerasan');
    expect(told).toContain('Tidak ada yang menerima tanda bahaya ini');
    expect(told).toContain('Puskesmas Sukajadi 022-1234567');
    // an admin's change is audited
    const orgId = (await h.workspace(ADMIN)).membership!.orgId;
    const actions = (await h.redis.xrange(h.keys.audit(orgId), '-', '+')).map(([, f]) => f[5]);
    expect(actions).toContain('emergency-set');
    expect(actions).toContain('risk-raised');
    // back to the defaults
    await h.say('/lembaga');
    await h.tap('🆘 Nomor darurat');
    const [reset] = await h.tap('Pakai bawaan');
    expect(reset!.text).toContain('112 (darurat) · SAPA 129');
    await h.say('/lembaga');
    const [again] = await h.tap('🆘 Nomor darurat');
    expect(again!.text).toContain('Sekarang: 112 (darurat) · SAPA 129');
    expect(again!.text).not.toContain('Sukajadi');
  });
});

describe('in the recipient’s language', () => {
  it('an English supervisor gets the alert in English', async () => {
    await team(h, { supervisor: { id: SUP, name: 'Rina', languageCode: 'en' }, workers: [{ id: WORKER, name: 'Budi' }] });
    await openCase(h, 'Si', 'Zastrow', WORKER);
    await startNote(WORKER);
    await fillNote(h, { user: WORKER, answers: { risiko: { tick: ['Kekerasan'] } }, until: 'risiko_uraian' });
    const [raised] = alertsOf(SUP);
    expect(raised).toContain('URGENT: risk flag from Budi');
    expect(raised).toContain('Violence');
    expect(raised).toContain('What happened follows');
  });
});

describe('following a risk up', () => {
  const SUP2 = 5702;
  const held: { job: { workerId: number; caseId: string; riskId: string; at?: number }; delayMs: number }[] = [];
  const reminders = {
    requestSync: async () => undefined,
    snooze: async () => undefined,
    checkRiskLater: async (job: { workerId: number; caseId: string; riskId: string; at?: number }, delayMs: number) => { held.push({ job, delayMs }); },
  };
  beforeEach(async () => {
    held.length = 0;
    await h.stop();
    h = await Harness.start({ now: new Date('2025-03-14T03:00:00Z'), reminders });
    await h.say('/start', { user: ADMIN, firstName: 'Ani' });
  });

  const raise = async () => {
    await team(h, { supervisor: { id: SUP, name: 'Rina' }, workers: [{ id: WORKER, name: 'Budi' }] });
    await openCase(h, 'Si', 'Zastrow', WORKER);
    await startNote(WORKER);
    await fillNote(h, { user: WORKER, answers: { risiko: { tick: ['Kekerasan'] } }, until: 'risiko_uraian' });
    const caseId = Object.keys((await h.workspace(WORKER)).cases)[0]!;
    return caseId;
  };
  const riskKey = (caseId: string) => h.keys.risks(WORKER, caseId);
  const auditActions = async () => {
    const orgId = (await h.workspace(ADMIN)).membership!.orgId;
    return (await h.redis.xrange(h.keys.audit(orgId), '-', '+')).map(([, f]) => f[5]);
  };
  const lastAnswer = () => h.fake.calls.filter((c) => c.method === 'answerCallbackQuery').at(-1)?.payload['text'];
  const checkDeps = () => ({ redis: h.redis, keys: h.keys, cipher: h.store.cipher, outbox: h.outbox, logger: createLogger('silent'), now: () => h.now.getTime() });

  it('🙋 tells the worker who took it; ✅ asks what was done, records it sealed, and tells the worker; a second press says it is done', async () => {
    const caseId = await raise();
    const alert = h.fake.messages(SUP).find((m) => m.text?.includes('🚨'))!;
    expect(buttons(alert).map((b) => b.text)).toEqual(['🙋 Saya tangani', '✅ Sudah ditindaklanjuti']);
    expect(held).toHaveLength(1);
    expect(held[0]!.delayMs).toBe(3_600_000); // the shortest escalation time; the check reads the organisation's own

    const w = h.fake.messages(WORKER).length;
    await h.tap('Saya tangani', SUP);
    expect(texts(SUP).at(-1)).toContain('Anda menangani tanda bahaya untuk Si');
    expect(texts(WORKER, w)).toEqual(expect.arrayContaining([expect.stringContaining('🙋 Rina menangani tanda bahaya untuk Si')]));
    expect(await auditActions()).toContain('risk-taken');
    const orgId = (await h.workspace(ADMIN)).membership!.orgId;
    const taken = (await h.redis.xrange(h.keys.audit(orgId), '-', '+')).map(([, f]) => f).find((f) => f[5] === 'risk-taken')!;
    expect(JSON.parse(taken[7]!)).toMatchObject({ case: caseId }); // /audit #KODE finds it
    // the check two hours later finds it taken: nobody else is bothered
    expect(await checkRisk(checkDeps(), held[0]!.job)).toBe('taken');

    await h.tap('Sudah ditindaklanjuti', SUP);
    expect(texts(SUP).at(-1)).toContain('Tulis singkat tindak lanjut untuk Si');
    await h.say('a'.repeat(501), { user: SUP });
    expect(texts(SUP).at(-1)).toMatch(/500/); // too long: refused, the wait goes on
    await h.say('Menelepon keluarga; klien aman di rumah kakaknya.', { user: SUP });
    expect(texts(SUP).at(-1)).toContain('Tindak lanjut untuk Si (42) dicatat');
    expect(texts(WORKER).at(-1)).toContain('✅ Rina sudah menindaklanjuti tanda bahaya untuk Si (42): Menelepon keluarga; klien aman di rumah kakaknya.');
    expect(await auditActions()).toContain('risk-followed-up');
    // stored sealed: no plaintext in Redis
    const stored = await h.redis.hgetall(riskKey(caseId));
    expect(Object.keys(stored)).toHaveLength(3);
    expect(JSON.stringify(stored)).not.toContain('Menelepon');
    expect(JSON.stringify(stored)).not.toContain('Kekerasan');

    // the case's history (/riwayat) shows the alert and how it was followed up, before any note is saved
    await h.say('/riwayat', { user: WORKER });
    const [list] = await h.tap('Si (42)', WORKER);
    expect(list!.text).toContain('🚨 Tanda bahaya: 1\n• 14 Maret 2025: Kekerasan — ✅ Rina: Menelepon keluarga; klien aman di rumah kakaknya.');
    await h.tap('Sudah ditindaklanjuti', SUP);
    expect(lastAnswer()).toBe('Sudah ditindaklanjuti oleh Rina.');
    expect(texts(SUP).join('\n')).toContain('Tanda bahaya ini sudah ditindaklanjuti oleh Rina: Menelepon keluarga');
  });

  it('not taken within two hours: the admins get it with the same buttons; when one takes it, the supervisor sees who, and a late press is told', async () => {
    const caseId = await raise();
    expect(alertsOf(ADMIN)).toEqual([]);
    const raisedAt = h.now.getTime();
    // the first check, an hour on: the organisation's time (2 hours, the default) has not come; it waits on
    h.now = new Date(raisedAt + 3_600_000);
    const again: { job: { dueAt?: number }; ms: number }[] = [];
    const later = async (job: { dueAt?: number }, ms: number) => { again.push({ job, ms }); };
    expect(await checkRisk({ ...checkDeps(), later }, held[0]!.job)).toBe('waiting');
    expect(held[0]!.job).toMatchObject({ at: raisedAt + 3_600_000 }); // its time on the bot's clock (the playground travels to it)
    expect(again).toEqual([{ job: { ...held[0]!.job, at: raisedAt + 2 * 3_600_000, dueAt: raisedAt + 2 * 3_600_000 }, ms: 3_600_000 }]);
    expect(h.fake.messages(ADMIN).at(-1)!.text).not.toContain('belum ditangani');
    h.now = new Date(raisedAt + 2 * 3_600_000);
    expect(await checkRisk({ ...checkDeps(), later }, again[0]!.job as typeof held[0]['job'])).toBe('escalated');
    const overdue = h.fake.messages(ADMIN).at(-1)!;
    expect(overdue.text).toContain('Tanda bahaya belum ditangani selama 2 jam');
    expect(overdue.text).toContain('Budi · Si');
    expect(buttons(overdue).map((b) => b.text)).toEqual(['🙋 Saya tangani', '✅ Sudah ditindaklanjuti']);
    // the admins are now among the alert's recipients: a second check tells nobody twice
    expect(await checkRisk(checkDeps(), held[0]!.job)).toBe('nobody');

    // the supervisor's weekly digest (the real job, reading Redis) lists it until it is followed up
    const digestText = async (at: string) => {
      const bull = bullConnection(redisUrl());
      const queues = new ReminderQueues(bull, h.keys);
      try {
        const i18n = createI18n();
        const d = {
          connection: bull, queues, redis: h.redis, store: h.store, keys: h.keys, api: new Api('123456:TEST-token-for-the-fake-api', { apiRoot: h.fake.url }),
          catalog: h.catalog, i18n: { t: (l: string, k: string, v?: Record<string, string | number>) => i18n.t(l, k, v) }, logger: createLogger('silent'), now: () => Date.parse(at), defaultZone: 'Asia/Jakarta',
        };
        expect(await sendDigest(d, SUP, Date.parse(at))).toBe('sent');
        return h.fake.messages(SUP).filter((m) => m.text?.includes('Ringkasan mingguan')).at(-1)!.text!;
      } finally {
        await queues.close();
        bull.disconnect();
      }
    };
    expect(await digestText('2025-03-17T01:00:00Z')).toContain('🚨 <b>Tanda bahaya belum ditindaklanjuti: 1</b>\n  • Si (42): Kekerasan · 2 hari lalu · belum ada yang menangani');

    const s = h.fake.messages(SUP).length;
    await h.tap('Saya tangani', ADMIN);
    expect(texts(SUP, s).join('\n')).toContain('🙋 Ani menangani tanda bahaya untuk Si');
    await h.tap('Saya tangani', SUP);
    expect(h.fake.messages(SUP).length).toBe(s + 1); // nothing new for Rina but the update: the press is answered with an alert
    expect(lastAnswer()).toBe('Sudah ditangani oleh Ani.');
    expect(await h.redis.hlen(riskKey(caseId))).toBe(2); // the alert, and Ani's take
    await h.tap('Sudah ditindaklanjuti', ADMIN);
    await h.say('Klien dipindahkan ke rumah aman.', { user: ADMIN });
    expect(await digestText('2025-03-24T01:00:00Z')).not.toContain('Tanda bahaya belum ditindaklanjuti');
  });

  it('an admin sets the escalation time (⏱ in /lembaga, audited): with 4 hours, the check at 2 hours waits on', async () => {
    await raise();
    await h.say('/lembaga');
    const [ask] = await h.tap('Eskalasi bahaya');
    expect(ask!.text).toContain('Sekarang: 2 jam');
    expect(buttons(ask).map((b) => b.text)).toEqual(['1 jam', '✅ 2 jam', '4 jam', '8 jam', '⬅️ Kembali']);
    const [set] = await h.tap('4 jam');
    expect(set!.text).toContain('dalam 4 jam dikirim ke admin lembaga');
    expect(await auditActions()).toContain('escalation-set');
    const raisedAt = h.now.getTime();
    h.now = new Date(raisedAt + 2 * 3_600_000);
    const again: number[] = [];
    expect(await checkRisk({ ...checkDeps(), later: async (_j, ms) => { again.push(ms); } }, held[0]!.job)).toBe('waiting');
    expect(again).toEqual([2 * 3_600_000]);
    h.now = new Date(raisedAt + 4 * 3_600_000);
    expect(await checkRisk(checkDeps(), held[0]!.job)).toBe('escalated');
    expect(h.fake.messages(ADMIN).at(-1)!.text).toContain('Tanda bahaya belum ditangani selama 4 jam');
  });

  it('a supervisor suspended after the alert can press nothing', async () => {
    await raise();
    await h.say('/lembaga');
    await h.tap('Anggota');
    await h.tap('Rina');
    await h.tap('Tangguhkan');
    expect(texts(WORKER).some((t) => t.includes('menangani'))).toBe(false);
    const before = (await h.redis.hgetall(h.keys.risks(WORKER, Object.keys((await h.workspace(WORKER)).cases)[0]!)));
    await h.tap('Saya tangani', SUP);
    const after = (await h.redis.hgetall(h.keys.risks(WORKER, Object.keys((await h.workspace(WORKER)).cases)[0]!)));
    expect(after).toEqual(before);
  });
});
