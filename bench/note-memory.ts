// What a note costs in Redis (issue #29.4): one worker writes 100 realistic Zastrow notes on one
// case through the real bot (test/support/bot-harness.ts: real updates, the real store on a real
// Redis), each free-text answer about 250 characters of field prose, then Redis is asked what it
// holds: MEMORY USAGE of the notes hash ÷ 100 (bytes per note), each stored value's length, the
// hash's encoding; per case (10 cases of that worker) and per session (after the notes, and in the
// middle of a note); CPU to seal, open and render one note; the floor (the answers' values alone, as
// JSON and deflated); and what a year of 10,000 workers × 20 notes a month would take. Measured from
// outside the store's format (Redis commands and the store's public methods only), so the same code
// measures today's notes and the smaller ones issue #29 makes.
//   REDIS_URL=redis://127.0.0.1:6379 node --import tsx bench/note-memory.ts   (prints JSON)
//   or as a child of bench/run.ts (spec as argv[2], result over IPC)
import { benchEntry } from './as-child.ts';
import { performance } from 'node:perf_hooks';
import { deflateRawSync } from 'node:zlib';
import { createI18n } from '../src/bot/create-bot.ts';
import { renderNote } from '../src/bot/render/note.ts';
import type { CaseRecord, NoteRecord } from '../src/store/records.ts';
import type { Question } from '../src/engine/types.ts';
import { openRecord, openRecordJson, sealRecordJson } from '../src/store/record-pack.ts';
import { Harness, openCase, team } from '../test/support/bot-harness.ts';
import { fillNote } from '../test/support/note-driver.ts';

export interface NoteMemorySpec {
  redisUrl: string;
  /** notes written on the one case */
  notes: number;
  /** cases the worker has (the notes' case among them) */
  cases: number;
  /** seals, opens and renders timed (the median is reported) */
  reps: number;
}

export interface NoteMemoryFigures {
  notes: number;
  /** the stages the notes were written in (the case moves through all of its stages) */
  stages: number;
  /** mean answers (note items) per note, and of them typed prose; the prose's mean length */
  answers_per_note: number;
  narrative_answers_per_note: number;
  narrative_chars: number;
  /** MEMORY USAGE <notes hash> SAMPLES 0 ÷ notes */
  bytes_per_note: number;
  /** the same notes as stored before #29 (the whole record's JSON sealed as base64 text), in a hash of their own */
  bytes_per_note_before: number;
  notes_hash: { memory_usage: number; encoding: string; fields: number };
  /** the mean and the largest length of one stored value (HSTRLEN: bytes as stored) */
  stored_value_bytes: number;
  stored_value_bytes_max: number;
  /** MEMORY USAGE of the worker's cases hash ÷ its cases */
  bytes_per_case: number;
  cases_hash: { memory_usage: number; encoding: string; cases: number };
  /** MEMORY USAGE of the worker's session key after the notes, and in a note with `draft_answers` answered */
  session_bytes: number;
  session_mid_note_bytes: number;
  /** the same cases and sessions as stored before #29 (whole JSON sealed as text), in keys of their own */
  bytes_per_case_before: number;
  session_bytes_before: number;
  session_mid_note_bytes_before: number;
  /** medians of `reps`, µs, now and before #29: a case opened (an update touches one), the draft's session sealed and opened (every update) */
  case_open_us: number;
  case_open_before_us: number;
  session_seal_us: number;
  session_seal_before_us: number;
  session_open_us: number;
  session_open_before_us: number;
  draft_answers: number;
  /** medians of `reps`, µs: the store's DataCipher sealing and opening the median-sized note read back, and renderNote */
  seal_us: number;
  open_us: number;
  /** the same, of the format of before (the whole JSON sealed as text) */
  seal_before_us: number;
  open_before_us: number;
  render_us: number;
  /** the floor: JSON of the answers' values alone (id → value), and that deflated (raw deflate), mean bytes per note */
  answers_json_bytes: number;
  answers_deflated_bytes: number;
  /** bytes_per_note × 10,000 workers × 20 notes a month × 12 months, in GB (10⁹ bytes) */
  projection_gb: number;
  seconds: number;
}

// ── The prose: sentences a Bapas worker writes about a parolee, by theme (no real names) ──────────
const FAMILY = [
  'Klien bercerita bahwa hubungannya dengan ibunya mulai membaik sejak kunjungan terakhir ke rumah.',
  'Kakak klien masih menolak bertemu karena kecewa atas perbuatan klien sebelum ditahan.',
  'Istri klien datang mendampingi dan mengatakan bahwa anak-anak sering menanyakan ayahnya.',
  'Klien menangis saat menceritakan ayahnya yang meninggal ketika klien masih menjalani pidana.',
  'Keluarga besar di kampung belum sepenuhnya menerima, tetapi pamannya bersedia menampung sementara.',
  'Klien merasa menjadi beban bagi orang tuanya yang sudah lanjut usia dan sering sakit.',
  'Adik klien mulai rutin menelepon dan menawarkan bantuan untuk mencari kontrakan di dekat rumah.',
  'Penjamin menyampaikan bahwa klien lebih banyak diam di rumah dan jarang keluar malam.',
];
const WORK = [
  'Klien sudah dua minggu bekerja sebagai kuli bangunan harian bersama tetangganya.',
  'Klien ingin membuka usaha cuci motor kecil, tetapi belum punya modal untuk peralatan.',
  'Pemilik bengkel tempat klien magang menilai klien rajin dan tepat waktu.',
  'Klien berhenti dari pekerjaan di pasar karena merasa diawasi dan dicurigai oleh rekan kerja.',
  'Klien mengikuti pelatihan menjahit dari Dinas Sosial dan mulai menerima pesanan kecil.',
  'Penghasilan klien belum cukup untuk kebutuhan harian sehingga ia masih dibantu orang tuanya.',
];
const REPORTING = [
  'Klien datang wajib lapor tepat waktu dan membawa surat keterangan dari kelurahan.',
  'Klien sempat terlambat wajib lapor satu hari karena tidak punya ongkos ke kantor Bapas.',
  'PK mengingatkan kembali syarat pembebasan bersyarat dan akibat bila syarat dilanggar.',
  'Klien memahami jadwal bimbingan dan meminta pertemuan berikutnya dilakukan lewat kunjungan rumah.',
  'Ketua RT menyampaikan bahwa warga mulai menerima kehadiran klien di lingkungan.',
];
const SUBSTANCE = [
  'Klien mengaku masih merokok banyak, tetapi menyatakan tidak lagi memakai sabu sejak bebas.',
  'Klien menceritakan ajakan teman lama untuk memakai lagi dan bagaimana ia menolaknya.',
  'Hasil tes urine minggu lalu negatif, dan klien tampak lega saat membicarakannya.',
  'Klien mengakui keinginan memakai muncul ketika ia bertengkar dengan keluarganya.',
  'Klien bersedia mengikuti konseling adiksi di puskesmas bila jadwalnya tidak bentrok dengan pekerjaan.',
];
const PLANS = [
  'Kunjungan rumah berikutnya untuk bertemu ibu dan kakak klien bersama-sama.',
  'Menghubungi Dinas Sosial tentang bantuan modal usaha dan pelatihan keterampilan.',
  'Klien akan mencatat situasi yang memicu keinginan memakai dan membahasnya di sesi depan.',
  'Mengatur pertemuan keluarga yang difasilitasi PK untuk membicarakan penerimaan klien.',
  'Merujuk klien ke konselor adiksi di puskesmas dan memantau kehadirannya.',
  'Klien akan menyusun jadwal harian sederhana agar waktunya terisi dengan kegiatan yang jelas.',
];
const REFLECTION = [
  'Saya merasa terlalu cepat memberi nasihat sehingga klien kurang diberi ruang untuk bercerita.',
  'Teknik mendengarkan aktif membantu klien lebih terbuka dibanding sesi sebelumnya.',
  'Saya ragu apakah klien jujur tentang pemakaian, karena ceritanya berubah-ubah.',
  'Kehadiran keluarga membuat suasana tegang, lain kali saya akan bertemu klien sendiri lebih dulu.',
  'Sesi berjalan lebih lancar setelah saya menyesuaikan bahasa dengan keseharian klien.',
];
const SUPERVISION = [
  'Mohon arahan tentang cara menanggapi permintaan klien untuk meminjam uang.',
  'Perlu dibahas batas peran saya ketika keluarga meminta saya menjadi penengah sengketa warisan.',
  'Saya butuh masukan tentang teknik yang tepat untuk klien yang masih menyangkal masalahnya.',
  'Apakah perlu rujukan ke psikolog karena klien beberapa kali menyebut sulit tidur dan cemas.',
];
const FIELD = [...FAMILY, ...WORK, ...REPORTING, ...SUBSTANCE];
const THEMES: Record<string, string[]> = {
  langkah_selanjutnya: PLANS,
  refleksi_peksos: REFLECTION,
  untuk_supervisor: SUPERVISION,
};

/** A small seeded generator: the same prose every run. */
export function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** About 250 characters of prose for a question, different for every note and question. */
export function proseFor(rand: () => number, questionId: string, max = 2000): string {
  const own = THEMES[questionId];
  const pool = own ? [...own, ...FIELD.filter(() => rand() < 0.3)] : FIELD;
  const order = pool.map((s) => ({ s, k: rand() })).sort((a, b) => a.k - b.k).map((x) => x.s);
  const limit = Math.min(max, 280);
  let text = '';
  for (const s of order) {
    const next = text ? `${text} ${s}` : s;
    if (next.length > limit) continue;
    text = next;
    if (text.length >= 230) break;
  }
  return text;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** A note's answers alone, id → value, whatever else the stored note carries. */
function answersOf(n: NoteRecord): Record<string, unknown> {
  return Object.fromEntries(n.items.map((i) => [i.id, i.value]));
}

/**
 * Medians, µs per call, of what is compared (now and before #29) timed in alternating batches, so
 * the machine's drift (another process, the JIT, a GC) falls on all of them alike: one after the
 * other, a shared machine measured 50 µs against 53 µs in one run and 74 against 33 in the next.
 */
function timeAlike<K extends string>(reps: number, fns: Record<K, () => unknown>): Record<K, number> {
  const names = Object.keys(fns) as K[];
  const batch = 50;
  const per = {} as Record<K, number[]>;
  for (const n of names) {
    per[n] = [];
    for (let i = 0; i < Math.min(200, reps); i++) fns[n]();
  }
  for (let round = 0; round < Math.max(1, Math.round(reps / batch)); round++) {
    for (const n of names) {
      const t0 = performance.now();
      for (let i = 0; i < batch; i++) fns[n]();
      per[n].push(((performance.now() - t0) * 1000) / batch);
    }
  }
  return Object.fromEntries(names.map((n) => [n, median(per[n])])) as Record<K, number>;
}

const INITIALS = ['Si', 'Ab', 'Bu', 'Ci', 'Du', 'Ek', 'Fa', 'Gi', 'Ha', 'In', 'Jo', 'Ku'];
const PROBLEMS = [
  'Relasi dengan keluarga renggang sejak ditahan; ibu dan kakak belum mau menerima klien kembali, dan klien belum punya pekerjaan tetap untuk memenuhi kebutuhan sehari-hari.',
  'Riwayat pemakaian sabu sebelum ditahan; klien khawatir kambuh karena teman lama tinggal di lingkungan yang sama, dan penjamin sering bekerja di luar kota.',
  'Klien kesulitan mencari kerja karena catatan pidana; istri dan dua anak bergantung padanya, dan ia sering terlambat wajib lapor karena ongkos.',
  'Konflik dengan ayah tiri membuat klien memilih tinggal di rumah paman; ia merasa tidak diterima warga dan menarik diri dari kegiatan kampung.',
];

export async function noteMemoryRun(spec: NoteMemorySpec): Promise<NoteMemoryFigures> {
  process.env.REDIS_URL = spec.redisUrl;
  const started = performance.now();
  const h = await Harness.start({ now: new Date('2025-01-06T03:00:00Z') });
  const W = 7301;
  const rand = prng(29);
  try {
    await team(h, { supervisor: { id: 5301, name: 'Rina' }, workers: [{ id: W, name: 'Sari' }] });
    // the worker's caseload: `cases` Bapas clients on Zastrow, the intake's free text as written
    for (let i = 0; i < spec.cases; i++) {
      await openCase(h, INITIALS[i]!, 'Zastrow', W, 'Bapas', {
        usia: String(23 + ((i * 7) % 30)),
        jenis_kelamin: { tap: i % 3 ? 'Laki-laki' : 'Perempuan' },
        masalah: PROBLEMS[i % PROBLEMS.length]!,
      });
    }
    const caseId = Object.values((await h.workspace(W)).cases).find((c) => c.initials === INITIALS[0])!.id;
    const caseButton = new RegExp(`^${INITIALS[0]} \\(`);
    const noteKey = h.keys.notes(W, caseId);

    // 100 weekly notes, the case moving through its 8 stages as the bot offers (⏭ Ke tahap n / Tetap)
    const stages = h.catalog.get('zastrow-mezzo')?.stages.length ?? 8;
    const text = (questionId: string, q: Question) => proseFor(rand, questionId, 'max' in q && typeof q.max === 'number' ? q.max : 2000);
    // Every other choice is fillNote's default (the first option, the scale's top, optional ones
    // skipped); the worker's notes for themself and for the supervisor are written, as a praktikan's
    // are: 4–5 narrative answers a note (issue #29's realistic note has five), 16 answers in all.
    // (With fillNote's "Tidak ada" here: 14 answers, 2–3 of them prose, about 5.3 KB per note today.)
    const answers = { catatan_peksos: { tap: 'Keduanya' } } as const;
    let lastAsked: string[] = [];
    for (let i = 0; i < spec.notes; i++) {
      h.now = new Date(h.now.getTime() + 7 * 86_400_000);
      await h.say('/catat', { user: W });
      await h.tap(caseButton, W);
      lastAsked = await fillNote(h, { user: W, answers, text });
      const [saved] = await h.tap(/Simpan/, W);
      const labels = (saved?.reply_markup as { inline_keyboard?: { text: string }[][] } | undefined)?.inline_keyboard?.flat().map((b) => b.text) ?? [];
      const onTo = i + 1 < spec.notes && Math.floor(((i + 1) * stages) / spec.notes) > Math.floor((i * stages) / spec.notes);
      const want = onTo ? labels.find((l) => l.startsWith('⏭ Ke tahap')) : labels.find((l) => l.startsWith('Tetap di tahap'));
      if (want) await h.tap(want, W);
    }

    // Redis, asked from outside
    const usage = async (key: string) => Number(await h.redis.call('MEMORY', 'USAGE', key, 'SAMPLES', '0'));
    const encoding = async (key: string) => String(await h.redis.call('OBJECT', 'ENCODING', key));
    const fields = await h.redis.hkeys(noteKey);
    if (fields.length !== spec.notes) throw new Error(`${fields.length} notes stored, ${spec.notes} written`);
    const p = h.redis.pipeline();
    for (const f of fields) p.hstrlen(noteKey, f);
    const lengths = ((await p.exec()) ?? []).map(([err, n]) => {
      if (err) throw err;
      return Number(n);
    });
    const notesUsage = await usage(noteKey);
    const casesKey = h.keys.cases(W);
    const casesUsage = await usage(casesKey);
    const casesCount = await h.redis.hlen(casesKey);
    // a session as stored now and as kept before #29 (its data whole JSON sealed as base64 text),
    // each copied into a fresh key: a session hash once grown by a draft keeps its larger table
    const sessionNowAndBefore = async (session: unknown): Promise<[number, number]> => {
      const key = h.keys.session(W);
      const [now, before] = [`${key}-now`, `${key}-whole`];
      await h.redis.del(now, before);
      const fields = await h.redis.hgetallBuffer(key);
      await h.redis.hset(now, fields);
      await h.redis.hset(before, { ...fields, data: h.store.cipher.seal(session, before, 'data') });
      return [await usage(now), await usage(before)];
    };
    const [sessionBytes, sessionBytesBefore] = await sessionNowAndBefore((await h.workspace(W)).session);

    // the notes as the store gives them back
    const ws = await h.store.load(W, { notesOf: caseId });
    const notes = Object.values(ws.notes ?? {});
    const c: CaseRecord = ws.cases[caseId]!;
    const isProse = (type: string, v: unknown) => (type === 'text' || type === 'longtext') && typeof v === 'string' && v.length > 0;
    const prose = notes.flatMap((n) => n.items.filter((it) => isProse(it.type, it.value)).map((it) => String(it.value).length));
    const floors = notes.map((n) => Buffer.from(JSON.stringify(answersOf(n))));

    // the median-sized note, sealed and opened by the store's cipher, rendered as the chat does
    const byLength = fields.map((f, i) => ({ f, len: lengths[i]! })).sort((a, b) => a.len - b.len);
    const mid = byLength[Math.floor(byLength.length / 2)]!.f;
    const note = ws.notes![mid]!;
    const cipher = h.store.cipher;
    // as the store keeps it now (packed, compressed, sealed bytes: src/store/note-pack.ts) …
    const sealed = h.store.notes.seal(note, noteKey, mid);
    // … and as it kept it before #29: the whole record's JSON sealed as base64 text
    const whole = cipher.seal(note, noteKey, mid);
    const noteUs = timeAlike(spec.reps, {
      seal: () => h.store.notes.seal(note, noteKey, mid),
      sealBefore: () => cipher.seal(note, noteKey, mid),
      open: () => h.store.notes.open(sealed, noteKey, mid),
      openBefore: () => cipher.open<NoteRecord>(whole, noteKey, mid),
    });
    // the same 100 notes in the format of before, in a hash of their own: before and after in one run
    const wholeKey = `${noteKey}-whole`;
    const wp = h.redis.pipeline();
    for (const [id, n] of Object.entries(ws.notes!)) wp.hset(wholeKey, id, cipher.seal(n, wholeKey, id));
    await wp.exec();
    const wholeUsage = await usage(wholeKey);
    const i18n = createI18n();
    const t = (key: string, vars?: Record<string, string | number>) => i18n.t('id', key, vars);
    const day = (iso: string) => iso.slice(0, 10);
    const { render: renderUs } = timeAlike(spec.reps, { render: () => renderNote(note, c, 'id', t, day(note.createdAt), day) });

    // a session in the middle of a note: as many answers as the last note's first ten questions
    await h.say('/catat', { user: W });
    await h.tap(caseButton, W);
    await fillNote(h, { user: W, answers, text, ...(lastAsked[10] ? { until: lastAsked[10] } : {}) });
    const draft = (await h.workspace(W)).session?.activity;
    const draftAnswers = draft && draft.kind !== 'intake' ? Object.keys(draft.form.answers).filter((k) => !k.startsWith('@')).length : 0;
    // the same cases and sessions as kept before #29 (whole JSON sealed as base64 text), in keys of
    // their own: before and after in one run
    const midWs = await h.workspace(W);
    const casesBefore = `${casesKey}-whole`;
    const cb = h.redis.pipeline();
    for (const [id, x] of Object.entries(midWs.cases)) cb.hset(casesBefore, id, cipher.seal(x, casesBefore, id));
    await cb.exec();
    const [midNoteBytes, midNoteBytesBefore] = await sessionNowAndBefore(midWs.session);
    // the CPU of what every update pays: its session opened (and sealed when it changed), a case opened
    const sessionKey = h.keys.session(W);
    const draftJson = JSON.stringify(midWs.session);
    const caseSealed = (await h.redis.hgetBuffer(casesKey, caseId))!;
    const caseWhole = cipher.seal(midWs.cases[caseId], casesKey, caseId);
    const sessionSealed = sealRecordJson(cipher, 'session', draftJson, sessionKey, 'data');
    const sessionWhole = cipher.encrypt(draftJson, sessionKey, 'data');

    const bytesPerNote = notesUsage / fields.length;
    const recordUs = timeAlike(spec.reps, {
      caseOpen: () => openRecord<CaseRecord>(cipher, caseSealed, casesKey, caseId),
      caseOpenBefore: () => cipher.open<CaseRecord>(caseWhole, casesKey, caseId),
      sessionSeal: () => sealRecordJson(cipher, 'session', draftJson, sessionKey, 'data'),
      sessionSealBefore: () => cipher.encrypt(draftJson, sessionKey, 'data'),
      sessionOpen: () => openRecordJson(cipher, sessionSealed, sessionKey, 'data'),
      sessionOpenBefore: () => cipher.decrypt(sessionWhole, sessionKey, 'data'),
    });
    return {
      notes: fields.length,
      stages: new Set(notes.map((n) => n.stageId)).size,
      answers_per_note: mean(notes.map((n) => n.items.length)),
      narrative_answers_per_note: prose.length / notes.length,
      narrative_chars: mean(prose),
      bytes_per_note: bytesPerNote,
      bytes_per_note_before: wholeUsage / fields.length,
      notes_hash: { memory_usage: notesUsage, encoding: await encoding(noteKey), fields: fields.length },
      stored_value_bytes: mean(lengths),
      stored_value_bytes_max: Math.max(...lengths),
      bytes_per_case: casesUsage / casesCount,
      bytes_per_case_before: (await usage(casesBefore)) / casesCount,
      cases_hash: { memory_usage: casesUsage, encoding: await encoding(casesKey), cases: casesCount },
      session_bytes: sessionBytes,
      session_mid_note_bytes: midNoteBytes,
      session_bytes_before: sessionBytesBefore,
      session_mid_note_bytes_before: midNoteBytesBefore,
      case_open_us: recordUs.caseOpen,
      case_open_before_us: recordUs.caseOpenBefore,
      session_seal_us: recordUs.sessionSeal,
      session_seal_before_us: recordUs.sessionSealBefore,
      session_open_us: recordUs.sessionOpen,
      session_open_before_us: recordUs.sessionOpenBefore,
      draft_answers: draftAnswers,
      seal_us: noteUs.seal,
      open_us: noteUs.open,
      seal_before_us: noteUs.sealBefore,
      open_before_us: noteUs.openBefore,
      render_us: renderUs,
      answers_json_bytes: mean(floors.map((b) => b.length)),
      answers_deflated_bytes: mean(floors.map((b) => deflateRawSync(b).length)),
      projection_gb: (bytesPerNote * 10_000 * 20 * 12) / 1e9,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await h.stop();
  }
}

benchEntry<NoteMemorySpec, Awaited<ReturnType<typeof noteMemoryRun>>>(import.meta.url, noteMemoryRun, (redisUrl) => ({ redisUrl, notes: 100, cases: 10, reps: 2_000 }));
