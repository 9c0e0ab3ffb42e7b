// The simulated workers of the notes bench, shared by our bot and both peers: the bench flow's 10
// questions (bench/flow/bench-catatan.yaml), each worker's expected answers (different per worker,
// so answers landing in the wrong note are caught), the 13 updates of one note, and the pool that
// keeps at most N updates in flight with each worker's updates in order.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { parse } from 'yaml';
import type { Update } from 'grammy/types';
import type { StubTelegram } from './stub-api.ts';

export const FLOW_FILE = fileURLToPath(new URL('./flow/bench-catatan.yaml', import.meta.url));
export const FLOW_ID = 'bench-catatan';

export interface BenchOption {
  value: string;
  label: string;
}
export interface BenchQuestion {
  id: string;
  type: 'text' | 'choice' | 'number' | 'yesno';
  prompt: string;
  options: BenchOption[];
  min?: number;
  max?: number;
}

interface YamlQuestion {
  id: string;
  type: BenchQuestion['type'];
  prompt: { id: string };
  options?: { value: string; label: { id: string } }[];
  min?: number;
  max?: number;
}

const flowYaml = parse(readFileSync(FLOW_FILE, 'utf8')) as { stages: { id: string; title: { id: string }; questions: YamlQuestion[] }[] };
export const STAGE = { id: flowYaml.stages[0]!.id, title: flowYaml.stages[0]!.title.id };
export const QUESTIONS: BenchQuestion[] = flowYaml.stages[0]!.questions.map((q) => ({
  id: q.id,
  type: q.type,
  prompt: q.prompt.id,
  options: (q.options ?? []).map((o) => ({ value: o.value, label: o.label.id })),
  ...(q.min !== undefined ? { min: q.min } : {}),
  ...(q.max !== undefined ? { max: q.max } : {}),
}));
{
  const count = (t: string) => QUESTIONS.filter((q) => q.type === t).length;
  if (QUESTIONS.length !== 10 || count('text') !== 6 || count('choice') !== 2 || count('number') !== 1 || count('yesno') !== 1) {
    throw new Error('the bench flow must have 10 questions: 6 text, 2 choice, 1 number, 1 yes/no');
  }
}

export type AnswerValue = string | number | boolean;
export type Answers = Record<string, AnswerValue>;

/** What worker `u` answers: texts name the worker, choices and numbers vary with it. */
export function expectedAnswers(u: number): Answers {
  const out: Answers = {};
  QUESTIONS.forEach((q, i) => {
    if (q.type === 'text') out[q.id] = `Jawaban ${q.id} dari pekerja ${u}`;
    else if (q.type === 'choice') out[q.id] = q.options[(u + i) % q.options.length]!.value;
    else if (q.type === 'number') out[q.id] = 1 + (u % 20);
    else out[q.id] = u % 2 === 0;
  });
  return out;
}

/** The case each worker writes its note for (seeded before the run). */
export function caseIdOf(u: number): string {
  return `bc${u.toString(36).padStart(8, '0')}`;
}
export const CASE_LABEL_PREFIX = 'Si (42)';
/** A worker's other cases (a caseload, not one client): their initials; the note is never for them. */
export const OTHER_CASES = ['Ab', 'Bu', 'Ci', 'Du'] as const;
export function otherCaseIdOf(u: number, k: number): string {
  return `bo${k}${u.toString(36).padStart(7, '0')}`;
}

export type Step = { kind: 'say'; text: string } | { kind: 'tap'; label: string; prefix: boolean };

/** /catat → the case (the note begins at its stage) → 10 answers → 💾 Simpan. */
export const UPDATES_PER_NOTE = 2 + QUESTIONS.length + 1;

export function stepOf(u: number, i: number): Step {
  if (i === 0) return { kind: 'say', text: '/catat' };
  if (i === 1) return { kind: 'tap', label: CASE_LABEL_PREFIX, prefix: true };
  if (i === UPDATES_PER_NOTE - 1) return { kind: 'tap', label: '💾 Simpan', prefix: true };
  const q = QUESTIONS[i - 2]!;
  const a = expectedAnswers(u)[q.id]!;
  if (q.type === 'choice') return { kind: 'tap', label: q.options.find((o) => o.value === a)!.label, prefix: false };
  if (q.type === 'yesno') return { kind: 'tap', label: a ? 'Ya' : 'Tidak', prefix: false };
  return { kind: 'say', text: String(a) };
}

export function updateOf(stub: StubTelegram, u: number, i: number): Update {
  const s = stepOf(u, i);
  return s.kind === 'say' ? stub.text(u, s.text) : stub.tap(u, s.label, s.prefix);
}

export interface DriveResult {
  updates: number;
  failed: number;
  seconds: number;
  /** per update, ms */
  latencies: Float64Array;
}

/**
 * Runs every worker's note: at most `inFlight` updates outstanding, a worker's next update only
 * after its previous one completed; workers take turns (round robin), as many people writing at once.
 */
export function drive(stub: StubTelegram, users: number[], handle: (u: Update) => Promise<boolean>, inFlight = 32): Promise<DriveResult> {
  const total = users.length * UPDATES_PER_NOTE;
  const latencies = new Float64Array(total);
  const next = new Map<number, number>();
  let queue: number[] = [...users];
  let head = 0;
  let active = 0;
  let done = 0;
  let failed = 0;
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const pump = (): void => {
      while (active < inFlight && head < queue.length) {
        const u = queue[head++]!;
        if (head > 65_536) {
          queue = queue.slice(head);
          head = 0;
        }
        const i = next.get(u) ?? 0;
        let update: Update;
        try {
          update = updateOf(stub, u, i);
        } catch (err) {
          reject(err instanceof Error ? err : new Error(String(err)));
          return;
        }
        active++;
        const started = performance.now();
        handle(update).then(
          (ok) => {
            latencies[done++] = performance.now() - started;
            if (!ok) failed++;
            active--;
            if (i + 1 < UPDATES_PER_NOTE) {
              next.set(u, i + 1);
              queue.push(u);
            } else {
              next.delete(u);
              stub.forget(u);
            }
            if (done === total) resolve({ updates: done, failed, seconds: (performance.now() - t0) / 1000, latencies });
            else pump();
          },
          (err: unknown) => reject(err instanceof Error ? err : new Error(String(err))),
        );
      }
    };
    pump();
  });
}

/** Exact comparison of what was saved with what the worker answered; returns the problems. */
export function verify(users: number[], saved: Map<number, Answers[]>): string[] {
  const problems: string[] = [];
  for (const u of users) {
    const notes = saved.get(u) ?? [];
    if (notes.length !== 1) {
      problems.push(`worker ${u}: ${notes.length} notes saved (expected 1)`);
      continue;
    }
    const want = expectedAnswers(u);
    const got = notes[0]!;
    const keys = new Set([...Object.keys(want), ...Object.keys(got)]);
    for (const k of keys) {
      if (got[k] !== want[k]) problems.push(`worker ${u}: ${k} saved ${JSON.stringify(got[k])}, answered ${JSON.stringify(want[k])}`);
    }
  }
  return problems;
}

export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}
