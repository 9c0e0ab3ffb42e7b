// Golden transcripts: every stage of every flow, walked by a deterministic answerer.
// A change to a flow (or to the engine) shows up as a readable diff in test/engine/golden/.
// Regenerate on purpose with: npx vitest run test/engine/golden.test.ts -u
import { describe, expect, it } from 'vitest';
import { loadFlows } from '../../src/catalog/load-flows.ts';
import { formatDate } from '../../src/engine/dates.ts';
import { start, step, type EngineEvent, type Input, type StepResult } from '../../src/engine/step.ts';
import type { AnswerValue, Env, FileRef, Form, Question } from '../../src/engine/types.ts';

const env: Env = { today: '2025-03-14' }; // a Friday
const FILE: FileRef = { fileId: 'AgAD-test', kind: 'photo' };

const flows = await loadFlows();

type Held = 'sesuai_rencana' | 'ada_perubahan' | 'tidak';
interface Options {
  /** the answer to the header's "did this session take place?" (sesi_dilaksanakan) */
  held: Held;
}

/** What the answerer sends for a question, and how that reads in the transcript. */
function answerFor(q: Question, opts: Options): { inputs: Input[]; shown: string } {
  const questionId = q.id;
  switch (q.type) {
    case 'date': {
      const typed = q.allow === 'past' ? 'kemarin' : q.allow === 'future' ? 'besok' : 'hari ini';
      return { inputs: [{ kind: 'text', text: typed }], shown: `"${typed}"` };
    }
    case 'yesno':
      return { inputs: [{ kind: 'choice', questionId, value: 'true' }], shown: '[Ya]' };
    case 'choice': {
      // the first option is the usual answer (flows put it first); the header's "held?" is set per walk
      const option = (q.id === 'sesi_dilaksanakan' && q.options.find((o) => o.value === opts.held)) || q.options[0]!;
      return { inputs: [{ kind: 'choice', questionId, value: option.value }], shown: `[${option.label.id}]` };
    }
    case 'multi': {
      // an "exclusive" first option ("Tidak ada" of the risk flag) is the usual answer on its own
      const count = q.options[0]!.exclusive ? 1 : Math.min(Math.max(2, q.min ?? 1), q.max ?? q.options.length, q.options.length);
      const picked = q.options.slice(0, count);
      return {
        inputs: [...picked.map((o): Input => ({ kind: 'toggle', questionId, value: o.value })), { kind: 'done', questionId }],
        shown: `${picked.map((o) => `[✓ ${o.label.id}]`).join(' ')} [Selesai]`,
      };
    }
    case 'scale':
      return { inputs: [{ kind: 'choice', questionId, value: String(q.max) }], shown: `[${q.max}]` };
    case 'number': {
      const n = q.min ?? 1;
      return { inputs: [{ kind: 'text', text: String(n) }], shown: `"${n}"` };
    }
    case 'text':
    case 'longtext': {
      const typed = `Catatan uji untuk ${q.id}.`;
      return { inputs: [{ kind: 'text', text: typed }], shown: `"${typed}"` };
    }
    case 'initials':
      return { inputs: [{ kind: 'text', text: 'Si' }], shown: '"Si"' };
    case 'file':
      return { inputs: [{ kind: 'file', file: FILE }], shown: `(${FILE.kind} ${FILE.fileId})` };
  }
}

/** The stored value, as a person would read it. */
function readable(q: Question, v: AnswerValue | null | undefined): string {
  if (v === null || v === undefined) return '—';
  switch (q.type) {
    case 'date':
      return formatDate(v as string);
    case 'yesno':
      return v ? 'Ya' : 'Tidak';
    case 'choice':
      return q.options.find((o) => o.value === v)?.label.id ?? `?${String(v)}`;
    case 'multi':
      return (v as string[]).map((x) => q.options.find((o) => o.value === x)?.label.id ?? `?${x}`).join(', ');
    case 'file':
      return `${(v as FileRef).kind} ${(v as FileRef).fileId}`;
    default:
      return String(v);
  }
}

const firstLine = (s: string) => {
  const [line, ...rest] = s.split('\n');
  return rest.length ? `${line} …` : line!;
};

function only(r: StepResult): EngineEvent {
  expect(r.events).toHaveLength(1);
  return r.events[0]!;
}

/** Walks a form to the end and returns the transcript. Also checks the walk stays consistent. */
function walk(form: Form, opts: Options): string {
  return walkAsked(form, opts).transcript;
}

/** The transcript and the ids of the questions asked, in order. */
function walkAsked(form: Form, opts: Options): { transcript: string; asked: string[] } {
  const lines: string[] = [];
  const asked: string[] = [];
  let r = start(form);
  let optionalSeen = 0;
  let lastIndex = 0;
  for (let guard = 0; guard < 200; guard++) {
    const ev = only(r);
    if (ev.kind === 'review') {
      lines.push('', `Tinjauan: ${ev.items.length} pertanyaan`);
      for (const item of ev.items) lines.push(`  ${item.question.id}: ${readable(item.question, item.value)}`);
      r = step(form, r.state!, { kind: 'save' }, env);
      const end = only(r);
      if (end.kind !== 'complete') throw new Error(`save gave ${end.kind}`);
      expect(r.state).toBeNull();
      expect(Object.keys(end.answers)).toEqual(ev.items.map((i) => i.question.id));
      const skipped = Object.entries(end.answers).filter(([, v]) => v === null).map(([k]) => k);
      lines.push('', `Tersimpan (${Object.keys(end.answers).length}): ${Object.keys(end.answers).join(', ')}`);
      lines.push(`Dilewati (${skipped.length}): ${skipped.join(', ') || '—'}`);
      return { transcript: `${lines.join('\n')}\n`, asked };
    }
    if (ev.kind !== 'ask') throw new Error(`unexpected ${JSON.stringify(ev)}`);
    const q = ev.question;
    // the walk moves forward one question at a time, within the questions that apply
    expect(ev.index).toBe(lastIndex + 1);
    expect(ev.index).toBeLessThanOrEqual(ev.total);
    expect(ev.canBack).toBe(ev.index > 1);
    expect(ev.previous).toBeUndefined();
    lastIndex = ev.index;
    asked.push(q.id);

    lines.push(`Q${ev.index}/${ev.total} [${q.type}${q.optional ? ', opsional' : ''}] ${q.id} — ${firstLine(q.prompt.id)}`);
    if (q.optional && ++optionalSeen % 3 === 0) {
      r = step(form, r.state!, { kind: 'skip', questionId: q.id }, env);
      lines.push('  ⏭ dilewati');
      continue;
    }
    const { inputs, shown } = answerFor(q, opts);
    for (const input of inputs) {
      const before = r.state!;
      r = step(form, before, input, env);
      const first = r.events[0];
      if (first?.kind === 'invalid') throw new Error(`${q.id}: ${JSON.stringify(first.error)} for ${JSON.stringify(input)}`);
    }
    const stored = r.state?.answers[q.id];
    lines.push(`  → ${shown} = ${readable(q, stored)}`);
  }
  throw new Error('the walk did not reach the review');
}

describe('golden transcripts', () => {
  it('covers 6 flows and 37 stages', () => {
    expect(flows).toHaveLength(6);
    expect(flows.reduce((n, f) => n + f.stages.length, 0)).toBe(37);
  });

  for (const flow of flows) {
    describe(flow.id, () => {
      for (const stage of flow.stages) {
        const name = `${stage.index + 1}-${stage.id}`;
        it(`stage ${name}`, async () => {
          const header = [
            `# ${flow.id} v${flow.version} · tahap ${stage.index + 1}/${flow.stages.length}: ${stage.title.id}`,
            `# sesi dilaksanakan: sesuai rencana · hari ini ${env.today}`,
            '',
          ].join('\n');
          const transcript = header + walk({ questions: stage.questions }, { held: 'sesuai_rencana' });
          await expect(transcript).toMatchFileSnapshot(`./golden/${flow.id}/${name}.txt`);
        });
      }

      it('stage 1 when the session did not take place (the gate)', async () => {
        const stage = flow.stages[0]!;
        const header = [
          `# ${flow.id} v${flow.version} · tahap 1/${flow.stages.length}: ${stage.title.id}`,
          `# sesi dilaksanakan: tidak jadi · hari ini ${env.today}`,
          '',
        ].join('\n');
        const { transcript, asked } = walkAsked({ questions: stage.questions }, { held: 'tidak' });
        // the header, the reason, the risk flag and the closing questions; no stage question
        expect(asked).toEqual(['tanggal_sesi', 'sesi_dilaksanakan', 'alasan_tidak_terlaksana', 'risiko', 'langkah_selanjutnya', 'pertemuan_berikutnya']);
        await expect(header + transcript).toMatchFileSnapshot(`./golden/${flow.id}/1-${stage.id}.tidak-terlaksana.txt`);
      });

      // Regression, was the main bug of issue 8: a session that took place but not as planned
      // ("Apakah sesi terlaksana sesuai rencana?" → Tidak) lost every stage question.
      it('a session held with changes keeps every stage question, and asks what changed', async () => {
        for (const st of flow.stages) {
          const asPlanned = walkAsked({ questions: st.questions }, { held: 'sesuai_rencana' }).asked;
          const expected = [...asPlanned];
          expected.splice(expected.indexOf('sesi_dilaksanakan') + 1, 0, 'perubahan_rencana');
          expect(walkAsked({ questions: st.questions }, { held: 'ada_perubahan' }).asked, `${flow.id}/${st.id}`).toEqual(expected);
        }
        const stage = flow.stages[0]!;
        const { transcript } = walkAsked({ questions: stage.questions }, { held: 'ada_perubahan' });
        const header = [
          `# ${flow.id} v${flow.version} · tahap 1/${flow.stages.length}: ${stage.title.id}`,
          `# sesi dilaksanakan: ada perubahan · hari ini ${env.today}`,
          '',
        ].join('\n');
        await expect(header + transcript).toMatchFileSnapshot(`./golden/${flow.id}/1-${stage.id}.ada-perubahan.txt`);
      });
    });
  }
});
