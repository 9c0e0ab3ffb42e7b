// What both peers share: the same screens as ours (a case list that becomes the first question,
// "Pertanyaan n dari 10" with buttons for choices, a pressed answer's message becoming the next
// question, the review with 💾 Simpan that becomes the saved note), their cases and notes as JSON in Redis under
// their own prefix, and the checks of a typed answer. Written the way a grammY bot usually is: plain
// JSON, no encryption, no replay guard, no per-user lock.
import { InlineKeyboard } from 'grammy';
import type { Redis } from 'ioredis';
import { caseIdOf, OTHER_CASES, otherCaseIdOf, QUESTIONS, STAGE, type Answers, type AnswerValue, type BenchQuestion } from '../workload.ts';

export interface PeerCase {
  id: string;
  initials: string;
  age: number;
  flow: string;
}

export const casesKey = (prefix: string, u: number) => `${prefix}cases:${u}`;
export const notesKey = (prefix: string, u: number, caseId: string) => `${prefix}notes:${u}:${caseId}`;

export async function seedPeerCases(redis: Redis, prefix: string, users: number[]): Promise<void> {
  for (let i = 0; i < users.length; i += 256) {
    const p = redis.pipeline();
    for (const u of users.slice(i, i + 256)) {
      const c: PeerCase = { id: caseIdOf(u), initials: 'Si', age: 42, flow: 'Bench' };
      p.hset(casesKey(prefix, u), c.id, JSON.stringify(c));
      OTHER_CASES.forEach((initials, k) => {
        const o: PeerCase = { id: otherCaseIdOf(u, k), initials, age: 30 + k, flow: 'Bench' };
        p.hset(casesKey(prefix, u), o.id, JSON.stringify(o));
      });
    }
    await p.exec();
  }
}

export async function readPeerCases(redis: Redis, prefix: string, u: number): Promise<PeerCase[]> {
  return Object.values(await redis.hgetall(casesKey(prefix, u))).map((v) => JSON.parse(v) as PeerCase);
}

export async function savePeerNote(redis: Redis, prefix: string, u: number, caseId: string, answers: Answers): Promise<void> {
  const id = Math.random().toString(36).slice(2, 12);
  await redis.hset(notesKey(prefix, u, caseId), id, JSON.stringify({ id, caseId, answers, createdAt: new Date().toISOString() }));
}

export async function readPeerNotes(redis: Redis, prefix: string, users: number[]): Promise<Map<number, Answers[]>> {
  const out = new Map<number, Answers[]>();
  for (let i = 0; i < users.length; i += 256) {
    const batch = users.slice(i, i + 256);
    const p = redis.pipeline();
    for (const u of batch) p.hgetall(notesKey(prefix, u, caseIdOf(u)));
    const res = (await p.exec()) ?? [];
    batch.forEach((u, k) => {
      const hash = (res[k]?.[1] ?? {}) as Record<string, string>;
      out.set(u, Object.values(hash).map((v) => (JSON.parse(v) as { answers: Answers }).answers));
    });
  }
  return out;
}

export const caseLabel = (c: PeerCase) => `${c.initials} (${c.age}) · ${c.flow} 1/1`;

export function caseListKeyboard(cases: PeerCase[]): InlineKeyboard {
  const kb = new InlineKeyboard();
  for (const c of cases) kb.text(caseLabel(c), `cn:${c.id}`).row();
  return kb;
}

export function questionText(label: string, i: number, echoes: string[] = []): string {
  return [`<i>${label} · Tahap 1/1 ${STAGE.title}</i>`, ...echoes, `<b>Pertanyaan ${i + 1} dari ${QUESTIONS.length}</b>`, '', QUESTIONS[i]!.prompt].join('\n');
}

/** A pressed answer, kept above the next question its message became. */
export const echoText = (q: BenchQuestion, v: AnswerValue) => `✅ ${q.prompt} <b>${escape(buttonLabel(q, v))}</b>`;

/** A choice's options (yes/no: Ya, Tidak) as `a:<question>:<option>`, then back and cancel; the
 *  first question also offers another stage. */
export function questionKeyboard(i: number): InlineKeyboard {
  const q = QUESTIONS[i]!;
  const kb = new InlineKeyboard();
  if (q.type === 'choice') q.options.forEach((o, k) => kb.text(o.label, `a:${i}:${k}`));
  if (q.type === 'yesno') kb.text('Ya', `a:${i}:1`).text('Tidak', `a:${i}:0`);
  kb.row();
  if (i > 0) kb.text('⬅️ Kembali', `b:${i}`);
  kb.text('✖️ Batal', 'x');
  if (i === 0) kb.row().text('🔀 Tahap lain', 'cs');
  return kb;
}

export const isButtonQuestion = (q: BenchQuestion) => q.type === 'choice' || q.type === 'yesno';

/** The value a pressed option stands for, or undefined for a stale or foreign button. */
export function buttonAnswer(i: number, data: string | undefined): AnswerValue | undefined {
  const m = /^a:(\d+):(\d+)$/.exec(data ?? '');
  if (!m || Number(m[1]) !== i) return undefined;
  const q = QUESTIONS[i]!;
  const k = Number(m[2]);
  if (q.type === 'yesno') return k === 1;
  return q.options[k]?.value;
}

export function buttonLabel(q: BenchQuestion, v: AnswerValue): string {
  if (q.type === 'yesno') return v ? 'Ya' : 'Tidak';
  return q.options.find((o) => o.value === v)?.label ?? String(v);
}

/** A typed answer: the value, or the hint to show with the question again. */
export function typedAnswer(q: BenchQuestion, text: string): { value: AnswerValue } | { hint: string } {
  const t = text.trim();
  if (isButtonQuestion(q)) return { hint: 'Pilih salah satu tombol di bawah pertanyaan.' };
  if (q.type === 'number') {
    const n = Number(t.replace(',', '.'));
    if (!Number.isInteger(n) || (q.min !== undefined && n < q.min) || (q.max !== undefined && n > q.max)) return { hint: `Tulis angka bulat ${q.min ?? ''}–${q.max ?? ''}.` };
    return { value: n };
  }
  if (t.length === 0 || t.length > 300) return { hint: 'Tulis jawaban singkat (paling banyak 300 huruf).' };
  return { value: t };
}

export function reviewText(label: string, answers: Answers): string {
  const lines = QUESTIONS.map((q, i) => `<b>${i + 1}. ${q.prompt}</b>\n${escape(isButtonQuestion(q) ? buttonLabel(q, answers[q.id]!) : String(answers[q.id]))}`);
  return `<b>📋 Periksa sebelum disimpan</b>\n<i>${label} · Tahap 1/1 ${STAGE.title}</i>\n\n${lines.join('\n\n')}`;
}
/** The review's own message once saved: the answers, and that they are saved. */
export function savedText(label: string, answers: Answers): string {
  return reviewText(label, answers).replace('📋 Periksa sebelum disimpan', '📋 Jawaban yang disimpan') + '\n\n✅ Catatan sesi tersimpan.';
}
export const reviewKeyboard = () => new InlineKeyboard().text('💾 Simpan', 'sv').text('✖️ Batal', 'x');

export function escape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
