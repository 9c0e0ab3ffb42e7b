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

interface Options {
  /** the answer to the header's "did the session take place?" */
  sesiTerlaksana: boolean;
}

/** What the answerer sends for a question, and how that reads in the transcript. */
function answerFor(q: Question, opts: Options): { inputs: Input[]; shown: string } {
  const questionId = q.id;
  switch (q.type) {
    case 'date': {
      const typed = q.allow === 'past' ? 'kemarin' : q.allow === 'future' ? 'besok' : 'hari ini';
      return { inputs: [{ kind: 'text', text: typed }], shown: `"${typed}"` };
    }
    case 'yesno': {
      const yes = q.id === 'sesi_terlaksana' ? opts.sesiTerlaksana : true;
      return { inputs: [{ kind: 'choice', questionId, value: String(yes) }], shown: yes ? '[Ya]' : '[Tidak]' };
    }
    case 'choice':
      return { inputs: [{ kind: 'choice', questionId, value: q.options[0]!.value }], shown: `[${q.options[0]!.label.id}]` };
    case 'multi': {
      const count = Math.min(Math.max(2, q.min ?? 1), q.max ?? q.options.length, q.options.length);
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
  const lines: string[] = [];
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
      return `${lines.join('\n')}\n`;
    }
    if (ev.kind !== 'ask') throw new Error(`unexpected ${JSON.stringify(ev)}`);
    const q = ev.question;
    // the walk moves forward one question at a time, within the questions that apply
    expect(ev.index).toBe(lastIndex + 1);
    expect(ev.index).toBeLessThanOrEqual(ev.total);
    expect(ev.canBack).toBe(ev.index > 1);
    expect(ev.previous).toBeUndefined();
    lastIndex = ev.index;

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
            `# sesi terlaksana: ya · hari ini ${env.today}`,
            '',
          ].join('\n');
          const transcript = header + walk({ questions: stage.questions }, { sesiTerlaksana: true });
          await expect(transcript).toMatchFileSnapshot(`./golden/${flow.id}/${name}.txt`);
        });
      }

      it('stage 1 when the session did not take place (the gate)', async () => {
        const stage = flow.stages[0]!;
        const header = [
          `# ${flow.id} v${flow.version} · tahap 1/${flow.stages.length}: ${stage.title.id}`,
          `# sesi terlaksana: tidak · hari ini ${env.today}`,
          '',
        ].join('\n');
        const transcript = header + walk({ questions: stage.questions }, { sesiTerlaksana: false });
        // only the header, the reason and the ungated footer questions are asked
        expect(transcript).toContain('alasan_tidak_terlaksana');
        expect(transcript).not.toContain('] tempat —');
        await expect(transcript).toMatchFileSnapshot(`./golden/${flow.id}/1-${stage.id}.tidak-terlaksana.txt`);
      });
    });
  }
});
