// The weekly digest for supervisors: the pure model and rendering (line by line, and paging), then
// sendDigest against a real Redis (cases and notes written encrypted, as the bot writes them) and
// the fake Bot API: sent once per supervisor per week, resumed after a failed page, paused on 403.
import { Api } from 'grammy';
import { Redis } from 'ioredis';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionData } from '../../src/bot/context.ts';
import { createI18n } from '../../src/bot/create-bot.ts';
import type { Catalog } from '../../src/catalog/catalog.ts';
import { loadCatalog } from '../../src/catalog/load-flows.ts';
import type { Lang } from '../../src/cases/labels.ts';
import { createLogger } from '../../src/logger.ts';
import { computeDigest, renderDigest, type DigestWorkerInput } from '../../src/org/digest.ts';
import type { Member, ReviewState } from '../../src/store/org-records.ts';
import { sendDigest } from '../../src/reminders/digest-job.ts';
import { bullConnection, ReminderQueues } from '../../src/reminders/queues.ts';
import { DEFAULT_PREFS } from '../../src/cases/schedule.ts';
import { startReminderWorkers } from '../../src/reminders/workers.ts';
import { syncSchedulers } from '../../src/reminders/sync-job.ts';
import type { ReminderWorkerDeps } from '../../src/reminders/worker-deps.ts';
import { DataCipher } from '../../src/store/crypto.ts';
import { createKeys } from '../../src/store/keys.ts';
import type { CaseRecord, NoteRecord } from '../../src/store/records.ts';
import { WorkspaceStore } from '../../src/store/workspace-store.ts';
import { redisUrl, TEST_DATA_KEY } from '../support/bot-harness.ts';
import { deletePrefix } from '../support/redis.ts';
import { FakeBotApi } from '../support/fake-bot-api.ts';

const ZONE = 'Asia/Jakarta';
// Monday 10 March 2025, 08.00 WIB, to Monday 17 March, 08.00 WIB (exclusive)
const WEEK_START = DateTime.fromISO('2025-03-10T08:00', { zone: ZONE });
const WEEK_END = DateTime.fromISO('2025-03-17T08:00', { zone: ZONE });

const i18n = createI18n();
let catalog: Catalog;

function render(workers: DigestWorkerInput[], lang: Lang = 'id'): string[] {
  const t = (key: string, vars?: Record<string, string | number>) => i18n.t(lang, key, vars);
  return renderDigest(computeDigest({ weekStart: WEEK_START, weekEnd: WEEK_END, zone: ZONE, workers }), { t, lang, catalog });
}

function aCase(ownerId: number, id: string, initials: string, age: number, over: Partial<CaseRecord> = {}): CaseRecord {
  return {
    id, ownerId, initials, age, gender: 'p', setting: 'bapas', problem: 'Relasi keluarga renggang',
    flowId: 'zastrow-mezzo', stageId: 'penyadaran_masalah', status: 'active',
    createdAt: '2025-02-01T02:00:00.000Z', updatedAt: '2025-02-01T02:00:00.000Z', noteCount: 0,
    monitoring: { cadence: 'weekly' },
    ...over,
  };
}

function aNote(c: CaseRecord, id: string, createdAt: string): NoteRecord {
  return {
    id, caseId: c.id, authorId: c.ownerId, flowId: c.flowId, flowVersion: 1, stageId: c.stageId,
    stageTitle: { id: 'Tahap' }, stageIndex: 0, stageCount: 8, items: [], sessionDate: createdAt.slice(0, 10), createdAt,
  };
}

// Rina: notes inside and outside the week (and on its edges), four active cases on three models, a
// weekly case overdue, a monthly case not overdue, a closed case, review states.
const RINA = 501;
const si = aCase(RINA, 'ra000001', 'Si', 42, { stageId: 'pengembangan_motivasi', lastNoteAt: '2025-03-17T01:30:00.000Z', noteCount: 3 });
const bzg = aCase(RINA, 'ra000002', 'BZG', 41, { stageId: 'pengembangan_motivasi', lastNoteAt: '2025-03-11T02:00:00.000Z', noteCount: 3 });
const ro = aCase(RINA, 'ra000003', 'RO', 30, { flowId: 'skidmore-casework', stageId: 'tahap_pengkajian', lastNoteAt: '2025-03-05T02:00:00.000Z', noteCount: 1 });
const aw = aCase(RINA, 'ra000004', 'AW', 25, { flowId: 'bapas-eic', stageId: 'intervensi', lastNoteAt: '2025-02-20T03:00:00.000Z', noteCount: 1, monitoring: { cadence: 'monthly' } });
const hn = aCase(RINA, 'ra000005', 'HN', 50, { stageId: 'evaluasi', status: 'closed', lastNoteAt: '2025-03-16T23:00:00.000Z', noteCount: 1 });
const rinaNotes = [
  aNote(si, 'n1', '2025-03-11T02:00:00.000Z'),
  aNote(si, 'n2', '2025-03-14T03:00:00.000Z'),
  aNote(si, 'n6', '2025-03-17T01:30:00.000Z'), // Monday 17 March 08.30: next week
  aNote(bzg, 'n3', '2025-03-11T02:00:00.000Z'),
  aNote(bzg, 'n9', '2025-03-10T01:00:00.000Z'), // exactly at the start: this week
  aNote(bzg, 'n4', '2025-03-10T00:59:00.000Z'), // a minute before: last week
  aNote(ro, 'n5', '2025-03-05T02:00:00.000Z'),
  aNote(aw, 'n8', '2025-02-20T03:00:00.000Z'),
  aNote(hn, 'n7', '2025-03-16T23:00:00.000Z'), // Monday 17 March 06.00: this week
];
const rinaStates: Record<string, ReviewState> = { n1: 'menunggu', n3: 'menunggu', n9: 'perlu_perbaikan', n4: 'disetujui', ghost: 'menunggu' };

// Budi: no notes this week; a biweekly case never noted (its reminder skipped), one opened this week.
const BUDI = 502;
const lm = aCase(BUDI, 'bu000001', 'LM', 19, {
  flowId: 'skidmore-casework', stageId: 'tahap_penelitian', createdAt: '2025-02-20T02:00:00.000Z',
  monitoring: { cadence: 'biweekly', skipped: [{ occurrence: Date.parse('2025-03-10T01:00:00Z'), reason: 'klien sakit', at: '2025-03-10T02:00:00Z' }] },
});
const fresh = aCase(BUDI, 'bu000002', 'TK', 33, { flowId: 'skidmore-casework', stageId: 'tahap_penelitian', createdAt: '2025-03-12T02:00:00.000Z' });

const CITRA = 503;

const workersIn = (): DigestWorkerInput[] => [
  { userId: RINA, name: 'Rina', cases: [si, bzg, ro, aw, hn], notes: rinaNotes, reviewStates: rinaStates },
  { userId: BUDI, name: 'Budi <PK>', cases: [lm, fresh], notes: [], reviewStates: {} },
  { userId: CITRA, name: 'Citra', cases: [], notes: [], reviewStates: {} },
];

const EXPECTED_ID = [
  '📋 <b>Ringkasan mingguan</b>',
  '10 Maret 08.00 – 17 Maret 08.00 WIB · 3 petugas',
  '',
  '👤 <b>Budi &lt;PK&gt;</b>',
  '📝 Belum ada catatan minggu ini',
  '📂 Kasus aktif: 2',
  '  • Skidmore tahap 1: 2 kasus',
  '⚠️ Lewat jadwal monitoring: 1 kasus',
  '  • LM (19): belum ada pertemuan terlaksana sejak dibuka 25 hari lalu (2 mingguan) · dilewati petugas',
  '',
  '👤 <b>Citra</b>: tidak ada catatan minggu ini',
  '',
  '👤 <b>Rina</b>',
  '📝 Catatan minggu ini: 5',
  '  • BZG (41): 2',
  '  • HN (50): 1',
  '  • Si (42): 2',
  '📂 Kasus aktif: 4',
  '  • Zastrow tahap 3: 2 kasus',
  '  • Bapas EIC tahap 4: 1 kasus',
  '  • Skidmore tahap 2: 1 kasus',
  '⚠️ Lewat jadwal monitoring: 1 kasus',
  '  • RO (30): pertemuan terakhir 12 hari lalu (mingguan)',
  '⏳ Menunggu pemeriksaan Anda: 2 catatan',
  '  • BZG (41): 1',
  '  • Si (42): 1',
  '✏️ Menunggu perbaikan petugas: 1 catatan',
  '  • BZG (41): 1',
];

beforeAll(async () => {
  catalog = await loadCatalog();
});

describe('the digest, pure', () => {
  it('renders each worker line by line', () => {
    const pages = render(workersIn());
    expect(pages).toHaveLength(1);
    expect(pages[0]!.split('\n')).toEqual(EXPECTED_ID);
  });

  it('the model behind it', () => {
    const model = computeDigest({ weekStart: WEEK_START, weekEnd: WEEK_END, zone: ZONE, workers: workersIn() });
    const rina = model.workers.find((w) => w.userId === RINA)!;
    expect(rina.notes.total).toBe(5);
    expect(rina.overdue.map((o) => [o.client, o.cadence, o.days, o.noted])).toEqual([['RO (30)', 'weekly', 12, true]]);
    expect(rina.awaitingReview.total).toBe(2); // the state of a note that no longer exists is left out
    expect(model.workers.map((w) => w.quiet)).toEqual([false, true, false]);
  });

  it('a monthly case is overdue once a month has passed without a note', () => {
    const late = { ...aw, lastNoteAt: '2025-02-17T00:59:00.000Z' }; // 07.59 WIB, a month and a minute before
    const lines = render([{ userId: RINA, name: 'Rina', cases: [late], notes: [], reviewStates: {} }])[0]!.split('\n');
    expect(lines.slice(3)).toEqual([
      '👤 <b>Rina</b>',
      '📝 Belum ada catatan minggu ini',
      '📂 Kasus aktif: 1',
      '  • Bapas EIC tahap 4: 1 kasus',
      '⚠️ Lewat jadwal monitoring: 1 kasus',
      '  • AW (25): pertemuan terakhir 28 hari lalu (bulanan)',
    ]);
  });

  it('overdue counts from the last held session: two "Tidak jadi" notes this week leave the case overdue, and flagged; so is a planned meeting that passed', () => {
    // held on 24 February; on 11 and 14 March the sessions did not take place
    const parolee = aCase(RINA, 'ra000009', 'PB', 35, {
      stageId: 'pengembangan_motivasi', noteCount: 3, lastNoteAt: '2025-03-14T03:00:00.000Z', lastHeldAt: '2025-02-24T03:00:00.000Z', missedInRow: 2,
      lastNote: { noteId: 'x3', date: '2025-03-14', stageId: 'pengembangan_motivasi', held: false },
    });
    // held this week, and planned the next meeting for Saturday 15 March: no note since
    const planned = aCase(RINA, 'ra000010', 'MP', 28, {
      stageId: 'pengembangan_motivasi', noteCount: 1, lastNoteAt: '2025-03-11T03:00:00.000Z', lastHeldAt: '2025-03-11T03:00:00.000Z',
      lastNote: { noteId: 'y1', date: '2025-03-11', stageId: 'pengembangan_motivasi', held: true, nextMeeting: '2025-03-15' },
    });
    const lines = render([{ userId: RINA, name: 'Rina', cases: [parolee, planned], notes: [], reviewStates: {} }])[0]!.split('\n');
    expect(lines.slice(7)).toEqual([
      '⚠️ Lewat jadwal monitoring: 1 kasus',
      '  • PB (35): pertemuan terakhir 21 hari lalu (mingguan)',
      '🚩 Kontak terputus? 2 kasus',
      '  • MP (28): pertemuan 15 Maret 2025 terlewat',
      '  • PB (35): 2× berturut-turut tidak jadi',
    ]);
    const en = render([{ userId: RINA, name: 'Rina', cases: [parolee, planned], notes: [], reviewStates: {} }], 'en')[0]!.split('\n');
    expect(en.slice(9)).toEqual([
      '🚩 Contact slipping? 2 cases',
      '  • MP (28): meeting planned for 15 March 2025 passed',
      '  • PB (35): did not take place 2 times in a row',
    ]);
  });

  it('lists the risk alerts not followed up first, oldest first, with their age and who took them; a followed-up one is gone', () => {
    const alert = (id: string, c: CaseRecord, raisedAt: string, flag: string) => ({
      id, orgId: 'o1', workerId: RINA, caseId: c.id, client: `${c.initials} (${c.age})`, workerName: 'Rina', flags: [{ id: flag, en: flag }], raisedAt, to: [{ id: 900, as: 'supervisor' as const }],
    });
    const step = (byName: string, at: string, note?: string) => ({ by: 900, byName, at, ...(note ? { note } : {}) });
    const risks = [
      { alert: alert('r2', bzg, '2025-03-16T20:00:00.000Z', 'Kekerasan') }, // 5 hours before the end of the week
      { alert: alert('r1', si, '2025-03-12T01:00:00.000Z', 'Melukai diri'), taken: step('Ani', '2025-03-12T02:00:00.000Z') },
      { alert: alert('r3', si, '2025-03-11T01:00:00.000Z', 'Overdosis'), taken: step('Ani', '2025-03-11T02:00:00.000Z'), done: step('Ani', '2025-03-11T03:00:00.000Z', 'Dibawa ke IGD') },
      { alert: alert('r4', hn, '2025-03-11T01:00:00.000Z', 'Kabur') }, // a closed case
    ];
    const lines = render([{ userId: RINA, name: 'Rina', cases: [si, bzg, hn], notes: [], reviewStates: {}, risks }])[0]!.split('\n');
    expect(lines.slice(4, 8)).toEqual([
      '📝 Belum ada catatan minggu ini',
      '🚨 <b>Tanda bahaya belum ditindaklanjuti: 2</b>',
      '  • Si (42): Melukai diri · 5 hari lalu · ditangani Ani',
      '  • BZG (41): Kekerasan · 5 jam lalu · belum ada yang menangani',
    ]);
  });

  it('in English', () => {
    const lines = render(workersIn(), 'en')[0]!.split('\n');
    expect(lines.slice(0, 11)).toEqual([
      '📋 <b>Weekly digest</b>',
      '10 March 08.00 – 17 March 08.00 WIB · 3 workers',
      '',
      '👤 <b>Budi &lt;PK&gt;</b>',
      '📝 No notes this week',
      '📂 Active cases: 2',
      '  • Skidmore stage 1: 2 cases',
      '⚠️ Past their monitoring interval: 1 case',
      '  • LM (19): no session held since it was opened 25 days ago (every 2 weeks) · skipped by the worker',
      '',
      '👤 <b>Citra</b>: no notes this week',
    ]);
    expect(lines).toContain('⏳ Awaiting your review: 2 notes');
    expect(lines).toContain('✏️ Awaiting the worker\'s revision: 1 note');
  });

  it('60 workers: several messages, each under 4000 characters, no worker and no line cut', () => {
    const workers: DigestWorkerInput[] = [];
    for (let w = 0; w < 60; w++) {
      const userId = 1000 + w;
      const cases = [0, 1, 2, 3, 4].map((k) =>
        aCase(userId, `c${w}x${k}`, `K${String.fromCharCode(65 + k)}${w}`, 20 + k, {
          flowId: k % 2 ? 'skidmore-casework' : 'zastrow-mezzo',
          stageId: k % 2 ? 'tahap_intervensi' : 'implementasi_strategi',
          lastNoteAt: k === 4 ? '2025-02-01T02:00:00.000Z' : '2025-03-12T02:00:00.000Z',
        }),
      );
      const notes = cases.slice(0, 4).map((c, k) => aNote(c, `n${w}x${k}`, '2025-03-12T02:00:00.000Z'));
      workers.push({ userId, name: `Pekerja nomor ${String(w).padStart(2, '0')}`, cases, notes, reviewStates: { [notes[0]!.id]: 'menunggu' } });
    }
    const pages = render(workers);
    expect(pages.length).toBeGreaterThan(2);
    for (const p of pages) expect(p.length).toBeLessThanOrEqual(4000);
    pages.forEach((p, i) => expect(p.split('\n')[0]).toBe(`📋 <b>Ringkasan mingguan (${i + 1}/${pages.length})</b>`));
    // every page, without its title, is whole worker blocks; together they are the one-page text
    const single = render(workers.slice(0, 1))[0]!.split('\n').slice(3);
    const bodies = pages.map((p) => p.split('\n').slice(1).join('\n'));
    const blocks = bodies.join('\n\n').split('\n\n');
    expect(blocks[0]).toBe('10 Maret 08.00 – 17 Maret 08.00 WIB · 60 petugas');
    expect(blocks.slice(1)).toHaveLength(60);
    expect(blocks[1]!.split('\n')).toEqual(single);
    blocks.slice(1).forEach((b, i) => {
      const lines = b.split('\n');
      expect(lines[0]).toBe(`👤 <b>Pekerja nomor ${String(i).padStart(2, '0')}</b>`);
      expect(lines).toHaveLength(single.length);
      expect(lines.at(-1)).toBe(`  • KA${i} (20): 1`);
    });
  });
});

// ---------------------------------------------------------------------------
// sendDigest with Redis and the fake Bot API

const TOKEN = '123456:TEST-token-for-the-fake-api';
const prefix = `test-digest-${process.pid}-${Math.random().toString(36).slice(2, 8)}:`;
const keys = createKeys(prefix);
const cipher = new DataCipher([TEST_DATA_KEY]);
const ORG = 'orgdigest';

describe('sendDigest', () => {
  let fake: FakeBotApi;
  let redis: Redis;
  let bull: Redis;
  let queues: ReminderQueues;
  let store: WorkspaceStore<SessionData>;

  beforeAll(async () => {
    fake = await FakeBotApi.start();
    redis = new Redis(redisUrl());
    bull = bullConnection(redisUrl());
    queues = new ReminderQueues(bull, keys);
    store = new WorkspaceStore<SessionData>(redis, keys, cipher);
  });

  afterAll(async () => {
    await queues?.close();
    if (redis) {
      await deletePrefix(redis, prefix);
      redis.disconnect();
    }
    bull?.disconnect();
    await fake?.stop();
  });

  function deps(nowIso: string): ReminderWorkerDeps {
    return {
      connection: bull, queues, redis, store, keys, api: new Api(TOKEN, { apiRoot: fake.url }), catalog, i18n,
      logger: createLogger('silent'), now: () => Date.parse(nowIso), defaultZone: ZONE,
    };
  }

  /** A supervisor and their workers, written as the bot writes them. */
  async function organisation(supervisor: number, workers: DigestWorkerInput[], session: SessionData = {}): Promise<void> {
    await store.commit(supervisor, 0, { session });
    const p = redis.pipeline();
    p.hset(keys.membership(supervisor), 'orgId', ORG, 'role', 'supervisor');
    p.hset(keys.memberships(supervisor), ORG, JSON.stringify({ role: 'supervisor' }));
    for (const w of workers) {
      await store.commit(w.userId, 0, { session: {}, cases: w.cases.map((c) => ({ ...c, orgId: ORG })), notes: w.notes });
      if (Object.keys(w.reviewStates).length) p.hset(keys.reviewStates(w.userId), w.reviewStates);
      p.hset(keys.membership(w.userId), 'orgId', ORG, 'role', 'worker');
      p.hset(keys.memberships(w.userId), ORG, JSON.stringify({ role: 'worker' }));
      p.sadd(keys.supervisorsOf(w.userId, ORG), String(supervisor));
      p.sadd(keys.workersOf(supervisor, ORG), String(w.userId));
      const m: Member = { userId: w.userId, name: w.name, role: 'worker', joinedAt: '2025-01-01T00:00:00.000Z', supervisors: [supervisor] };
      p.hset(keys.members(ORG), String(w.userId), JSON.stringify(m));
    }
    await p.exec();
  }

  /** what the supervisor got (Telegram's refusals left out) */
  const sent = (chatId: number) =>
    fake.calls.filter((c) => c.method === 'sendMessage' && c.payload['chat_id'] === chatId && c.response?.ok).map((c) => String(c.payload['text']));
  const monday17 = Date.parse('2025-03-17T01:00:00Z');

  it('sends the week\'s digest once, however often it runs that week', async () => {
    const S = 9001;
    await organisation(S, workersIn());
    const d = deps('2025-03-17T01:00:03Z');
    expect(await sendDigest(d, S, monday17)).toBe('sent');
    expect(sent(S).map((t) => t.split('\n'))).toEqual([EXPECTED_ID]);
    const call = fake.calls.find((c) => c.method === 'sendMessage' && c.payload['chat_id'] === S)!;
    expect(call.payload['parse_mode']).toBe('HTML');
    // the same run again (BullMQ delivers at least once), and a run moved to Tuesday of the same week
    expect(await sendDigest(d, S, monday17)).toBe('already-sent');
    expect(await sendDigest(deps('2025-03-18T01:00:03Z'), S, Date.parse('2025-03-18T01:00:00Z'))).toBe('already-sent');
    expect(sent(S)).toHaveLength(1);
    expect(await redis.get(keys.reminded(S, 'digest', '2025-W12'))).toBe('sent');
    // the next week is a new digest
    expect(await sendDigest(deps('2025-03-24T01:00:03Z'), S, Date.parse('2025-03-24T01:00:00Z'))).toBe('sent');
    expect(sent(S)).toHaveLength(2);
    expect(sent(S)[1]).toContain('17 Maret 08.00 – 24 Maret 08.00 WIB · 3 petugas');
  });

  it('a real BullMQ digest job reaches the supervisor through the reminder workers', async () => {
    const S = 9009;
    // the same workers under fresh ids (the ids above already have workspaces)
    const fresh = workersIn().map((w, i) => ({ ...w, userId: 9100 + i, cases: w.cases.map((c) => ({ ...c, ownerId: 9100 + i })) }));
    await organisation(S, fresh);
    const workers = startReminderWorkers({ ...deps('2025-03-17T01:00:03Z'), now: () => Date.now() });
    try {
      await queues.schedule.add('digest', { userId: S }, { jobId: `digest-test-${S}` });
      const deadline = Date.now() + 10_000;
      while (sent(S).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(sent(S)).toHaveLength(1);
      expect(sent(S)[0]).toContain('📋 <b>Ringkasan mingguan</b>');
      expect(sent(S)[0]).toContain('3 petugas');
    } finally {
      await workers.close();
      await queues.schedule.obliterate({ force: true });
    }
  });

  it('at the supervisor\'s own day, hour and zone', async () => {
    const S = 9002;
    await organisation(S, [{ userId: 602, name: 'Dewi', cases: [], notes: [], reviewStates: {} }], {
      lang: 'en',
      reminders: { weekday: 5, hour: 16, zone: 'Asia/Jayapura', paused: false },
    });
    // Friday 14 March 2025, 16.00 WIT
    const friday = Date.parse('2025-03-14T07:00:00Z');
    expect(await sendDigest(deps('2025-03-14T07:00:01Z'), S, friday)).toBe('sent');
    expect(sent(S)[0]!.split('\n')).toEqual([
      '📋 <b>Weekly digest</b>',
      '7 March 16.00 – 14 March 16.00 WIT · 1 worker',
      '',
      '👤 <b>Dewi</b>: no notes this week',
    ]);
  });

  it('a failed page is sent again on retry, the pages before it are not', async () => {
    const S = 9003;
    const workers: DigestWorkerInput[] = [];
    for (let w = 0; w < 30; w++) {
      const userId = 7000 + w;
      const cases = [0, 1, 2, 3].map((k) => aCase(userId, `d${w}x${k}`, `Q${String.fromCharCode(65 + k)}`, 30 + w, { lastNoteAt: '2025-03-12T02:00:00.000Z', noteCount: 1 }));
      workers.push({ userId, name: `Pendamping ${w}`, cases, notes: cases.map((c, k) => aNote(c, `m${w}x${k}`, '2025-03-12T02:00:00.000Z')), reviewStates: {} });
    }
    await organisation(S, workers);
    const d = deps('2025-03-17T01:00:03Z');
    const expected = render(workers);
    expect(expected.length).toBeGreaterThanOrEqual(2);
    // Telegram fails the second page: the run fails (BullMQ retries it)
    let n = 0;
    const flaky = new Api(TOKEN, { apiRoot: fake.url });
    flaky.config.use((prev, method, payload, signal) => {
      if (method === 'sendMessage' && ++n === 2) throw new Error('network down');
      return prev(method, payload, signal);
    });
    await expect(sendDigest({ ...d, api: flaky }, S, monday17, 'repeat:digest:9003:1')).rejects.toThrow('network down');
    expect(sent(S)).toEqual([expected[0]]);
    // another run of that week does not start over while the failed one may still retry
    expect(await sendDigest(d, S, monday17, 'repeat:digest:9003:other')).toBe('already-sent');
    // the retry sends the rest
    expect(await sendDigest(d, S, monday17, 'repeat:digest:9003:1')).toBe('sent');
    expect(sent(S)).toEqual(expected);
  });

  it('a supervisor who blocked the bot: paused, like reminders', async () => {
    const S = 9004;
    await organisation(S, [{ userId: 604, name: 'Eka', cases: [], notes: [], reviewStates: {} }]);
    fake.failNext('sendMessage', { error_code: 403, description: 'Forbidden: bot was blocked by the user' });
    expect(await sendDigest(deps('2025-03-17T01:00:03Z'), S, monday17)).toBe('blocked');
    expect(await redis.exists(keys.blocked(S))).toBe(1);
    expect(await sendDigest(deps('2025-03-24T01:00:03Z'), S, Date.parse('2025-03-24T01:00:00Z'))).toBe('blocked');
    expect(sent(S)).toEqual([]);
  });

  it('a supervisor in two organisations gets one digest each, named, and nothing of one in the other', async () => {
    const S = 9020;
    const [A, B] = ['orgdigesta', 'orgdigestb'];
    // Xena works in both: two cases at A, one at B; Yudi only at B
    const X = 9021;
    const Y = 9022;
    const xa = [si, bzg].map((c) => ({ ...c, id: `${c.id}xa`, ownerId: X, orgId: A }));
    const xb = [{ ...ro, id: `${ro.id}xb`, ownerId: X, orgId: B }];
    const yb = [{ ...hn, id: `${hn.id}yb`, ownerId: Y, orgId: B }];
    await store.commit(S, 0, { session: {} });
    await store.commit(X, 0, { session: {}, cases: [...xa, ...xb] });
    await store.commit(Y, 0, { session: {}, cases: yb });
    const p = redis.pipeline();
    p.hset(keys.membership(S), 'orgId', A);
    for (const [org, name, workers] of [[A, 'Bapas Kelas I Contoh', [X]], [B, 'IPWL Sehati', [X, Y]]] as const) {
      p.set(keys.org(org), JSON.stringify({ id: org, name, createdAt: '2025-01-01T00:00:00.000Z', createdBy: S }));
      p.hset(keys.memberships(S), org, JSON.stringify({ role: 'supervisor' }));
      for (const w of workers) {
        p.hset(keys.memberships(w), org, JSON.stringify({ role: 'worker' }));
        p.sadd(keys.workersOf(S, org), String(w));
        p.sadd(keys.supervisorsOf(w, org), String(S));
        const m: Member = { userId: w, name: w === X ? 'Xena' : 'Yudi', role: 'worker', joinedAt: '2025-01-01T00:00:00.000Z', supervisors: [S] };
        p.hset(keys.members(org), String(w), JSON.stringify(m));
      }
    }
    await p.exec();
    expect(await sendDigest(deps('2025-03-17T01:00:03Z'), S, monday17)).toBe('sent');
    const [a, b, ...rest] = sent(S);
    expect(rest).toEqual([]);
    expect(a!.split('\n')[0]).toBe('📋 <b>Ringkasan mingguan · Bapas Kelas I Contoh</b>');
    expect(b!.split('\n')[0]).toBe('📋 <b>Ringkasan mingguan · IPWL Sehati</b>');
    // each counts its own cases of Xena's; Yudi is in the IPWL's only
    expect(a).toContain('1 petugas');
    expect(a).toContain('📂 Kasus aktif: 2');
    expect(a).not.toMatch(/Yudi|RO \(30\)|HN \(50\)/);
    expect(b).toContain('2 petugas');
    expect(b).toMatch(/Xena<\/b>[\s\S]*📂 Kasus aktif: 1/);
    expect(b).not.toMatch(/Si \(42\)|BZG \(41\)/);
    // a supervisor whose workers are all in the organisation she does not work in gets her digest too
    const S2 = 9023;
    await store.commit(S2, 0, { session: {} });
    const q = redis.pipeline();
    q.hset(keys.membership(S2), 'orgId', A);
    q.hset(keys.memberships(S2), A, JSON.stringify({ role: 'supervisor' }), B, JSON.stringify({ role: 'supervisor' }));
    q.sadd(keys.workersOf(S2, B), String(Y));
    await q.exec();
    await syncSchedulers(deps('2025-03-17T01:00:03Z'), S2);
    expect(await queues.schedule.getJobScheduler(`digest:${S2}`)).toMatchObject({ name: 'digest' });
    // and none once suspended there
    await redis.hset(keys.memberships(S2), B, JSON.stringify({ role: 'supervisor', suspended: true }));
    await syncSchedulers(deps('2025-03-17T01:00:03Z'), S2);
    expect(await queues.schedule.getJobScheduler(`digest:${S2}`)).toBeUndefined();
  });

  it('no workers, or paused: nothing', async () => {
    const S = 9005;
    await store.commit(S, 0, { session: {} });
    expect(await sendDigest(deps('2025-03-17T01:00:03Z'), S, monday17)).toBe('no-workers');
    const P = 9006;
    await organisation(P, [{ userId: 606, name: 'Fajar', cases: [], notes: [], reviewStates: {} }], { reminders: { ...DEFAULT_PREFS, zone: ZONE, paused: true } });
    expect(await sendDigest(deps('2025-03-17T01:00:03Z'), P, monday17)).toBe('paused');
    expect([...sent(S), ...sent(P)]).toEqual([]);
  });

  it('syncSchedulers gives a supervisor a digest scheduler at their hour, and takes it away when paused', async () => {
    const S = 9007;
    await organisation(S, [{ userId: 607, name: 'Gita', cases: [], notes: [], reviewStates: {} }], {
      reminders: { weekday: 3, hour: 7, zone: 'Asia/Makassar', paused: false },
    });
    const d = deps('2025-03-17T01:00:03Z');
    await syncSchedulers(d, S);
    const js = await queues.schedule.getJobScheduler(`digest:${S}`);
    expect(js).toMatchObject({ name: 'digest', pattern: '0 7 * * 3', tz: 'Asia/Makassar' });
    // a worker (no workers of their own) gets none
    await syncSchedulers(d, 607);
    expect(await queues.schedule.getJobScheduler('digest:607')).toBeUndefined();
    const ws = await store.load(S);
    await store.commit(S, ws.rev, { session: { reminders: { weekday: 3, hour: 7, zone: 'Asia/Makassar', paused: true } } });
    await syncSchedulers(d, S);
    expect(await queues.schedule.getJobScheduler(`digest:${S}`)).toBeUndefined();
  });
});
