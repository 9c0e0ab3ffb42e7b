// Cases with many notes, written straight into the store (as the bot would have saved them): every
// question of each stage the flow asks, answered by type, with the flow's own wording. Used by the
// export tests and bench/export.ts.
import type { Redis } from 'ioredis';
import type { Catalog } from '../../src/catalog/catalog.ts';
import { holds } from '../../src/engine/conditions.ts';
import type { AnswerValue, Answers, Question } from '../../src/engine/types.ts';
import type { Keys } from '../../src/store/keys.ts';
import type { CaseRecord, NoteItem, NoteRecord } from '../../src/store/records.ts';
import type { SessionData } from '../../src/store/session.ts';
import type { WorkspaceStore } from '../../src/store/workspace-store.ts';
import type { ReviewEvent, ReviewState } from '../../src/store/org-records.ts';

export interface SeedOptions {
  ownerId: number;
  flowId: string;
  notes: number;
  /** how many of the flow's stages the notes span (evenly) */
  stages: number;
  /** the first session's day; one session a week after it */
  firstDay: string;
  initials?: string;
  age?: number;
  /** file ids of photos to answer documentation questions with (round robin); none: voice notes */
  photos?: string[];
  /** a long answer (several paragraphs) in every longtext question */
  longAnswers?: boolean;
}

export interface Seeded {
  case: CaseRecord;
  notes: NoteRecord[];
}

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const LONG = [
  'Klien datang tepat waktu dan tampak lebih tenang dibanding pertemuan sebelumnya. Ia bercerita tentang hubungannya dengan ibunya yang mulai membaik sejak kunjungan rumah terakhir; ibunya kini menelepon dua kali seminggu.',
  'Klien mengakui masih merasa cemas bila bertemu teman lama dari lingkungan pemakaian. Kami membahas rencana menghindari tempat-tempat berisiko dan siapa yang dapat dihubungi saat ia merasa tergoda (kakak perempuan, pendamping IPWL).',
  'Pekerja sosial memberi penguatan atas kemajuan klien dan menyepakati tugas rumah: mencatat suasana hati setiap malam, serta datang ke kelompok dukungan keluarga (FSG) bulan depan bersama ibunya.',
].join('\n');

function answerFor(q: Question, i: number, day: string, opts: SeedOptions, photoAt: { n: number }): AnswerValue | null {
  switch (q.type) {
    case 'date': return q.id === 'tanggal_sesi' ? day : addDays(day, 7);
    case 'choice': {
      if (q.id === 'sesi_dilaksanakan') return i === 2 ? 'tidak' : i % 4 === 1 ? 'ada_perubahan' : 'sesuai_rencana';
      return q.options[(i + q.id.length) % q.options.length]!.value as string;
    }
    case 'multi': {
      const opts2 = q.options.filter((o) => !('exclusive' in o && o.exclusive));
      if (q.id === 'risiko') return [q.options[0]!.value as string];
      return [opts2[i % opts2.length]!.value as string, opts2[(i + 1) % opts2.length]!.value as string].filter((v, k, a) => a.indexOf(v) === k);
    }
    case 'yesno': return i % 3 !== 0;
    case 'scale': return Math.min(q.max, Math.max(q.min, q.min + ((i + q.id.length) % (q.max - q.min + 1))));
    case 'number': return 2 + (i % 5);
    case 'initials': return 'Si';
    case 'file': {
      const photos = opts.photos ?? [];
      if (photos.length === 0) return { fileId: `voice-${i}`, kind: 'voice' };
      return { fileId: photos[photoAt.n++ % photos.length]!, kind: 'photo', caption: `Kegiatan sesi ${i + 1}` };
    }
    case 'longtext': return opts.longAnswers ? `${LONG}\nCatatan ${i + 1}, ${q.id}.` : `Uraian ${q.id} pada catatan ${i + 1}: klien menceritakan kemajuannya.`;
    default: return `Jawaban ${q.id} catatan ${i + 1}`;
  }
}

/** The note the bot would have built from these answers (see src/cases/note-builder.ts). */
function itemOf(q: Question, value: AnswerValue | null): NoteItem {
  const item: NoteItem = { id: q.id, type: q.type, label: q.prompt, value, ...(q.summary ? { summary: true } : {}) };
  if (value === null) return item;
  if (q.type === 'choice' || q.type === 'multi') {
    const chosen = Array.isArray(value) ? value : [value];
    item.display = q.options.filter((o) => chosen.includes(o.value as string)).map((o) => o.label);
  } else if (q.type === 'scale') item.display = [{ id: `${String(value)}/${q.max}` }];
  return item;
}

export function buildSeed(catalog: Catalog, opts: SeedOptions, caseId = 'case' + Math.random().toString(36).slice(2, 8)): Seeded {
  const flow = catalog.get(opts.flowId);
  if (!flow) throw new Error(`no flow ${opts.flowId}`);
  const photoAt = { n: 0 };
  const notes: NoteRecord[] = [];
  for (let i = 0; i < opts.notes; i++) {
    const stage = flow.stages[Math.min(flow.stages.length - 1, Math.floor((i * opts.stages) / opts.notes))]!;
    const day = addDays(opts.firstDay, 7 * i);
    const answers: Answers = {};
    const items: NoteItem[] = [];
    for (const q of stage.questions) {
      if (!holds(q.when, answers)) continue;
      const value = q.optional && i % 5 === 4 ? null : answerFor(q, i, day, opts, photoAt);
      answers[q.id] = value;
      items.push(itemOf(q, value));
    }
    notes.push({
      id: `n${String(i).padStart(3, '0')}${caseId.slice(-4)}`,
      caseId,
      authorId: opts.ownerId,
      flowId: flow.id,
      flowVersion: flow.version,
      stageId: stage.id,
      stageTitle: stage.title,
      stageIndex: stage.index,
      stageCount: flow.stages.length,
      items,
      sessionDate: day,
      createdAt: `${day}T09:00:00.000Z`,
      version: 1,
    });
  }
  const last = notes.at(-1)!;
  const c: CaseRecord = {
    id: caseId,
    ownerId: opts.ownerId,
    initials: opts.initials ?? 'Si',
    age: opts.age ?? 42,
    gender: 'p',
    setting: 'ipwl',
    problem: 'Relasi dengan keluarga renggang setelah masa pemakaian',
    flowId: flow.id,
    stageId: last.stageId,
    status: 'active',
    createdAt: `${addDays(opts.firstDay, -3)}T02:00:00.000Z`,
    updatedAt: last.createdAt,
    lastNoteAt: last.createdAt,
    noteCount: notes.length,
  };
  return { case: c, notes };
}

/** Writes a seeded case (and its notes) into the owner's workspace, with some review history. */
export async function writeSeed(store: WorkspaceStore<SessionData>, redis: Redis, keys: Keys, seed: Seeded, supervisor?: { id: number; name: string }): Promise<void> {
  const owner = seed.case.ownerId;
  const ws = await store.load(owner);
  const existing = Object.values(ws.cases).find((c) => c.id === seed.case.id);
  // the case belongs to the organisation its owner works in (as a case opened in the bot does)
  const orgId = ws.membership?.orgId;
  await store.commit(owner, ws.rev, { cases: [{ ...(existing ?? {}), ...seed.case, ...(orgId ? { orgId } : {}) }], notes: seed.notes });
  if (!supervisor) return;
  const p = redis.pipeline();
  seed.notes.forEach((n, i) => {
    const at = n.createdAt;
    const submitted: ReviewEvent = { at, by: owner, byName: 'worker', action: 'submitted', version: 1 };
    store.writeReview(p, owner, orgId ?? '-', n.caseId, n.id, 'menunggu', submitted);
    let state: ReviewState = 'menunggu';
    if (i % 3 === 0) {
      state = 'disetujui';
      store.writeReview(p, owner, orgId ?? '-', n.caseId, n.id, state, { at, by: supervisor.id, byName: supervisor.name, action: 'approved', version: 1 });
    } else if (i % 3 === 1) {
      state = 'perlu_perbaikan';
      store.writeReview(p, owner, orgId ?? '-', n.caseId, n.id, state, { at, by: supervisor.id, byName: supervisor.name, action: 'feedback', text: `Tolong lengkapi rencana tindak lanjut catatan ${i + 1}.`, version: 1 });
    }
  });
  await p.exec();
}

/** A member written straight into Redis, as the membership script keeps it (a bench or a test that
 *  needs no organisation screens): the active membership, its entry, and supervision in it. */
export async function memberDirect(redis: Redis, keys: Keys, userId: number, orgId: string, role: 'admin' | 'supervisor' | 'worker', workers: number[] = []): Promise<void> {
  const p = redis.pipeline();
  p.hset(keys.membership(userId), 'orgId', orgId, 'role', role);
  p.hset(keys.memberships(userId), orgId, JSON.stringify({ role }));
  for (const w of workers) {
    p.sadd(keys.workersOf(userId, orgId), String(w));
    p.sadd(keys.supervisorsOf(w, orgId), String(userId));
  }
  await p.exec();
}
