// The real flows load and are complete; broken flow files fail with precise `file:line — path: message`.
import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEFAULT_FLOWS_DIR, loadFlows } from '../../src/catalog/load-flows.ts';
import { compileFlows, FlowError, MORE_OPTION } from '../../src/engine/flow-compiler.ts';
import { holds } from '../../src/engine/conditions.ts';
import { start, step, type Input, type StepResult } from '../../src/engine/step.ts';
import type { Answers, Env, Flow, Form, LocalizedText, Question } from '../../src/engine/types.ts';
import { TS_RUNNER } from '../support/ts-runner.ts';

const BROKEN = 'test/fixtures/broken-flows';

/** The problems loadFlows reports for one broken fixture dir (paths relative to the repo root). */
async function problemsOf(dir: string): Promise<string[]> {
  try {
    await loadFlows(`${BROKEN}/${dir}`);
  } catch (err) {
    if (err instanceof FlowError) return err.problems;
    throw err;
  }
  throw new Error(`${dir} compiled without problems`);
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}
function flowsCheck(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [...TS_RUNNER, 'src/cli/flows-check.ts', ...args], { cwd: process.cwd() }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout, stderr });
    });
  });
}

// ── the real flows ───────────────────────────────────────────────────────────
describe('the flows in flows/', () => {
  let flows: Flow[];
  let commonIds: Set<string>;
  beforeAll(async () => {
    flows = await loadFlows();
    const commonDir = path.join(DEFAULT_FLOWS_DIR, 'common');
    commonIds = new Set<string>();
    for (const name of await readdir(commonDir)) {
      const data = parse(await readFile(path.join(commonDir, name), 'utf8')) as { questions: { id: string }[] };
      for (const q of data.questions) commonIds.add(q.id);
    }
  });

  it('load and compile without problems', () => {
    expect(flows.length).toBe(6);
  });

  it('say where every answer goes in the documents: a section and a short report label (a follow-up joins its question), every scale point named', () => {
    for (const f of flows) {
      for (const s of f.stages) {
        for (const q of s.questions) {
          const where = `${f.id}/${s.id}/${q.id}`;
          expect(q.section, where).toBeDefined();
          // "Lainnya: apa tepatnya?" is printed beside its question's answer, so needs no label of its own
          if (!/_sebut(_|$)/.test(q.id)) expect(q.report_label?.id, where).toMatch(/^[A-Z0-9][^?]{2,47}$/);
          if (q.type === 'scale') expect(q.points?.length, where).toBe(q.max - q.min + 1);
        }
      }
    }
  });

  it('keep the worker\'s own answers out of documents filed outside: reflection, asks, roles and theory are supervision-only', () => {
    const section = (id: string) => flows.flatMap((f) => f.stages.flatMap((s) => s.questions)).find((q) => q.id === id)?.section;
    for (const id of ['refleksi_peksos', 'untuk_supervisor', 'catatan_peksos', 'peran_peksos', 'pendekatan_teori', 'cara_membangun_relasi']) expect(section(id), id).toBe('supervisi');
  });

  it('are the six models with their stage counts', () => {
    const counts = Object.fromEntries(flows.map((f) => [f.id, f.stages.length]));
    expect(counts).toEqual({
      'zastrow-mezzo': 8,
      'bapas-eic': 6,
      'skidmore-casework': 4,
      'groupwork-tc': 7,
      'ipwl-reintegration': 5,
      'permensos-napza': 7,
    });
    for (const f of flows) expect(f.stages.map((s) => s.index)).toEqual(f.stages.map((_, i) => i));
  });

  it('have English next to Indonesian in every title, guide, prompt, help, option and label', () => {
    const missing: string[] = [];
    const check = (t: LocalizedText | undefined, where: string) => {
      if (!t) return;
      if (!t.id.trim()) missing.push(`${where} (id)`);
      if (!t.en?.trim()) missing.push(where);
    };
    const checkQuestion = (q: Question, where: string) => {
      check(q.prompt, `${where}.prompt`);
      check(q.help, `${where}.help`);
      if (q.type === 'choice' || q.type === 'multi') q.options.forEach((o) => check(o.label, `${where}.options.${o.value}`));
      if (q.type === 'scale' && q.labels) {
        check(q.labels.min, `${where}.labels.min`);
        check(q.labels.max, `${where}.labels.max`);
      }
      if (q.type === 'number') check(q.unit, `${where}.unit`);
    };
    for (const f of flows) {
      check(f.title, `${f.id}.title`);
      check(f.short, `${f.id}.short`);
      check(f.description, `${f.id}.description`);
      for (const s of f.stages) {
        check(s.title, `${f.id}.${s.id}.title`);
        check(s.guide, `${f.id}.${s.id}.guide`);
        for (const q of s.questions) checkQuestion(q, `${f.id}.${s.id}.${q.id}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('every stage has at least one summary question of its own (not from the shared header/footer)', () => {
    expect(commonIds.has('tanggal_sesi')).toBe(true);
    expect(commonIds.has('langkah_selanjutnya')).toBe(true);
    const without: string[] = [];
    for (const f of flows) {
      for (const s of f.stages) {
        const own = s.questions.filter((q) => !commonIds.has(q.id));
        expect(own.length, `${f.id}/${s.id} has questions of its own`).toBeGreaterThan(0);
        if (!own.some((q) => q.summary)) without.push(`${f.id}/${s.id}`);
      }
    }
    expect(without).toEqual([]);
  });

  it('every stage starts with the shared header and ends with the shared footer', () => {
    // version 5: a contact without the client (who, what was agreed), structured reasons, and a
    // "sebutkan" after every "Lainnya"; the roles open in place (no `peran_peksos_lain`);
    // version 6: the one progress rating (`kemajuan_tujuan`) opens the footer
    const header = [
      'tanggal_sesi', 'sesi_dilaksanakan', 'perubahan_rencana', 'alasan_tidak_jadi', 'alasan_tidak_jadi_sebut',
      'pihak_dihubungi', 'pihak_dihubungi_sebut', 'hasil_kontak', 'jenis_kontak', 'tempat', 'yang_hadir', 'yang_hadir_sebut',
    ];
    const footer = ['kemajuan_tujuan', 'risiko', 'risiko_uraian', 'peran_peksos', 'dokumentasi', 'persetujuan_foto', 'foto_tanpa_wajah', 'catatan_peksos', 'refleksi_peksos', 'untuk_supervisor', 'langkah_selanjutnya', 'pertemuan_berikutnya'];
    for (const f of flows) {
      for (const s of f.stages) {
        const ids = s.questions.map((q) => q.id);
        expect(ids.slice(0, header.length), `${f.id}/${s.id}`).toEqual(header);
        expect(ids.slice(-footer.length), `${f.id}/${s.id}`).toEqual(footer);
        expect(new Set(ids).size).toBe(ids.length);
      }
    }
  });

  it('gate every question of a stage of its own on the session being held', () => {
    const gate = { sesi_dilaksanakan: { in: ['sesuai_rencana', 'ada_perubahan'] } };
    for (const f of flows) {
      expect(f.gate).toEqual(gate);
      for (const s of f.stages) {
        // a shared question's "sebutkan" follows its own condition
        const shared = (id: string) => commonIds.has(id) || commonIds.has(id.replace(/_sebut$/, ''));
        for (const q of s.questions.filter((x) => !shared(x.id))) {
          // the gate comes first, also in a "sebutkan" (all: [the question's own condition, "Lainnya"])
          let when = q.when as { all?: unknown[] } | undefined;
          while (when?.all) when = when.all[0] as typeof when;
          expect(when, `${f.id}/${s.id}/${q.id}`).toEqual(gate);
        }
      }
    }
  });

  it('every stage offers the roles it usually needs first, the others behind "Lainnya…"', () => {
    for (const f of flows) {
      for (const s of f.stages) {
        const head = s.questions.find((q) => q.id === 'peran_peksos');
        if (head?.type !== 'multi') throw new Error(`${f.id}/${s.id}: no peran_peksos`);
        // the others open in place under "Peran lain…": navigation, not an option to tick
        const offered = head.first ?? [];
        expect(offered.length, `${f.id}/${s.id} offers 2–4 roles`).toBeGreaterThanOrEqual(2);
        expect(offered.length, `${f.id}/${s.id} offers 2–4 roles`).toBeLessThanOrEqual(4);
        expect(head.options.some((o) => o.value === MORE_OPTION)).toBe(false);
        expect(head.more_label?.id).toBe('Peran lain…');
        expect(head.carry).toBe(true);
      }
    }
  });

  it('the risk flag alerts, and its "Tidak ada" comes first and stands alone', () => {
    for (const f of flows) {
      for (const s of f.stages) {
        const risk = s.questions.find((q) => q.id === 'risiko');
        if (risk?.type !== 'multi') throw new Error(`${f.id}/${s.id}: no risiko`);
        expect(risk).toMatchObject({ alert: true, summary: true });
        expect(risk.when).toBeUndefined(); // asked also when the session did not take place
        expect(risk.options[0]).toMatchObject({ value: 'tidak_ada', exclusive: true });
        expect(risk.options.filter((o) => o.exclusive)).toHaveLength(1);
      }
    }
  });

  it('keep instructions out of prompts (a saved note keeps the prompt as the label): hints go in help', () => {
    const bad: string[] = [];
    for (const f of flows) {
      for (const s of f.stages) {
        for (const q of s.questions) {
          for (const text of [q.prompt.id, q.prompt.en ?? '']) {
            if (/\((boleh|choose|optional|pilih|[0-9]+ ?[–-] ?[0-9]+)/i.test(text)) bad.push(`${f.id}/${s.id}/${q.id}: ${text}`);
          }
        }
      }
    }
    expect(bad).toEqual([]);
  });

  it('write NAPZA in capitals', () => {
    const bad: string[] = [];
    for (const f of flows) {
      const texts = [f.title, f.description, ...f.stages.flatMap((s) => [s.title, s.guide, ...s.questions.flatMap((q) => [q.prompt, q.help, ...(q.type === 'choice' || q.type === 'multi' ? q.options.map((o) => o.label) : [])])])];
      for (const t of texts) if (t && /napza/.test(t.id)) bad.push(`${f.id}: ${t.id}`);
    }
    expect(bad).toEqual([]);
  });

  // #26 point 8: what a Balai or Sentra reports — the seven ATENSI components (therapy in its kinds)
  it('Permensos plans and delivers along the ATENSI components', () => {
    const permensos = flows.find((f) => f.id === 'permensos-napza')!;
    const components = ['perawatan', 'hidup_layak', 'keluarga', 'vokasional', 'bansos', 'aksesibilitas'];
    const therapy = ['bimbingan_fisik', 'konseling', 'mental_spiritual'];
    for (const [stage, id] of [['penyusunan_rencana', 'program_direncanakan'], ['pemecahan_masalah', 'intervensi']] as const) {
      const q = permensos.stages.find((s) => s.id === stage)!.questions.find((x) => x.id === id)!;
      if (q.type !== 'multi') throw new Error(`${id} is not a multi question`);
      expect(q.options.map((o) => o.value)).toEqual(expect.arrayContaining([...components, ...therapy]));
      expect(q.help?.id).toContain('ATENSI');
    }
  });

  // #26 point 9: an outcome is compared with its baseline, never copied from it
  it('Zastrow\'s evaluation shows the stage-1 family baseline above its own question, which carries nothing', () => {
    const zastrow = flows.find((f) => f.id === 'zastrow-mezzo')!;
    const evaluation = zastrow.stages.find((s) => s.id === 'evaluasi')!;
    const family = evaluation.questions.find((q) => q.id === 'kondisi_keluarga_akhir')!;
    expect(family).toMatchObject({ recall: 'kondisi_keluarga' });
    expect(family.carry).toBeUndefined();
    expect(evaluation.questions.some((q) => q.id === 'kondisi_keluarga')).toBe(false);
  });

  it('a recalled question is a carried one asked in an earlier stage of the same flow', () => {
    for (const f of flows) {
      f.stages.forEach((s, i) => {
        for (const q of s.questions.filter((x) => x.recall)) {
          const earlier = f.stages.slice(0, i + 1).flatMap((st) => st.questions);
          expect(earlier.some((x) => x.id === q.recall && x.carry), `${f.id}/${s.id}/${q.id} recalls ${q.recall}`).toBe(true);
        }
      });
    }
  });

  // #26 point 9: one progress rating, in the footer, for held sessions; no stage rates progress itself
  it('rate progress once, in the shared footer, and no stage keeps a progress scale of its own', () => {
    const held = { sesi_dilaksanakan: { in: ['sesuai_rencana', 'ada_perubahan'] } };
    for (const f of flows) {
      for (const s of f.stages) {
        const rating = s.questions.find((q) => q.id === 'kemajuan_tujuan');
        expect(rating, `${f.id}/${s.id}`).toMatchObject({ type: 'scale', min: 1, max: 5, summary: true, when: held });
        const ids = s.questions.map((q) => q.id);
        expect(ids.indexOf('kemajuan_tujuan'), `${f.id}/${s.id}`).toBe(ids.indexOf('risiko') - 1);
        for (const gone of ['kemajuan', 'kemajuan_klien', 'pencapaian_tujuan']) expect(ids, `${f.id}/${s.id}`).not.toContain(gone);
      }
    }
  });

  // #26 point 4: the roles and the theory used serve a student's report: a praktikan, or an older case
  it('ask the roles and the theory used of a praktikan and on an older case, not of staff', () => {
    const forStudents = ['peran_peksos', 'pendekatan_teori', 'cara_membangun_relasi', 'teknik'];
    for (const f of flows) {
      for (const s of f.stages) {
        for (const q of s.questions.filter((x) => forStudents.includes(x.id))) {
          const where = `${f.id}/${s.id}/${q.id}`;
          const asks = (facts: Answers) => holds(q.when, { sesi_dilaksanakan: 'sesuai_rencana', ...facts });
          expect(asks({}), where).toBe(true);
          expect(asks({ '@peran': 'praktikan' }), where).toBe(true);
          for (const staff of ['pk', 'peksos', 'konselor', 'lainnya']) expect(asks({ '@peran': staff }), `${where} (${staff})`).toBe(false);
          expect(asks({ '@peran': 'praktikan', sesi_dilaksanakan: 'tidak' }), where).toBe(false);
        }
      }
    }
  });

  // #26 point 10: urine tests in the NAPZA models' intervention and monitoring stages
  it('record urine tests where a NAPZA client is treated or followed up', () => {
    const where = {
      'permensos-napza': ['pemecahan_masalah', 'bimbingan_lanjut'],
      'ipwl-reintegration': ['asesmen_lanjutan', 'pelaksanaan'],
      'skidmore-casework': ['tahap_intervensi'],
      'bapas-eic': ['monitoring'],
    } as Record<string, string[]>;
    for (const f of flows) {
      for (const s of f.stages) {
        const ids = s.questions.map((q) => q.id);
        if (!where[f.id]?.includes(s.id)) {
          expect(ids, `${f.id}/${s.id}`).not.toContain('tes_urine');
          continue;
        }
        const [test, date, substance] = ['tes_urine', 'tes_urine_tanggal', 'tes_urine_zat'].map((id) => s.questions.find((q) => q.id === id)!);
        expect(test?.type === 'choice' && test.options.map((o) => o.value), `${f.id}/${s.id}`).toEqual(['tidak_ada', 'negatif', 'positif']);
        expect(date).toMatchObject({ type: 'date', allow: 'past' });
        expect(substance).toMatchObject({ type: 'multi', optional: true });
        const facts = { sesi_dilaksanakan: 'sesuai_rencana', '@napza': true };
        expect(holds(date!.when, { ...facts, tes_urine: 'negatif' })).toBe(true);
        expect(holds(date!.when, { ...facts, tes_urine: 'tidak_ada' })).toBe(false);
        expect(holds(substance!.when, { ...facts, tes_urine: 'positif' })).toBe(true);
        expect(holds(substance!.when, { ...facts, tes_urine: 'negatif' })).toBe(false);
        // outside the NAPZA models, only for a client recorded as using narcotics
        const napzaModel = f.id === 'permensos-napza' || f.id === 'ipwl-reintegration';
        expect(holds(test!.when, { sesi_dilaksanakan: 'sesuai_rencana' }), `${f.id}/${s.id}`).toBe(napzaModel);
        expect(holds(test!.when, facts)).toBe(true);
      }
    }
  });

  // #26 point 7: the Bapas client's monthly supervision is written alongside the other stages
  it('bapas-eic supervises monthly alongside the stages, and asks the program only of an older case', () => {
    const bapas = flows.find((f) => f.id === 'bapas-eic')!;
    expect(bapas.stages.filter((s) => s.alongside).map((s) => s.id)).toEqual(['monitoring']);
    const supervision = bapas.stages.find((s) => s.id === 'monitoring')!;
    const ids = supervision.questions.map((q) => q.id);
    expect(ids).toEqual(expect.arrayContaining(['wajib_lapor', 'pelanggaran_syarat', 'pelanggaran_uraian', 'perubahan_klien', 'perubahan_uraian', 'fase_program']));
    for (const id of ['pelanggaran_syarat', 'perubahan_klien']) {
      const q = supervision.questions.find((x) => x.id === id)!;
      if (q.type !== 'multi') throw new Error(`${id} is not a multi question`);
      expect(q.options[0]).toMatchObject({ value: 'tidak_ada', exclusive: true });
    }
    const texts = bapas.stages.flatMap((s) => [s.title, s.guide, ...s.questions.flatMap((q) => [q.prompt, q.help])]);
    expect(texts.filter((t) => t && /pendampingan/i.test(t.id)).map((t) => t!.id)).toEqual([]);
    const program = bapas.stages[0]!.questions.find((q) => q.id === 'status_klien')!;
    expect(holds(program.when, { sesi_dilaksanakan: 'sesuai_rencana' })).toBe(true);
    expect(holds(program.when, { sesi_dilaksanakan: 'sesuai_rencana', '@program': 'asimilasi' })).toBe(false);
  });

  // #26 point 1: a group's attendance in every stage, the members by initials
  it('groupwork records attendance in every stage, with the members present by initials', () => {
    const group = flows.find((f) => f.id === 'groupwork-tc')!;
    for (const s of group.stages) {
      const ids = s.questions.map((q) => q.id);
      if (s.id === 'persiapan') {
        expect(ids).toContain('jumlah_anggota');
        continue;
      }
      expect(ids.indexOf('inisial_hadir'), s.id).toBe(ids.indexOf('jumlah_hadir') + 1);
      expect(s.questions.find((q) => q.id === 'inisial_hadir')).toMatchObject({ type: 'text', max: 150, optional: true });
    }
    // a group's session is a group meeting: its contact type and attendees are given (the walk passes
    // them by; the review shows them, changeable)
    expect(group.preset).toEqual({ jenis_kontak: 'kelompok', yang_hadir: ['kelompok'] });
  });

  // Prompt budget (issue 8): a typical note (held as planned, face to face) asks at most 14 questions.
  // "Typical" is the golden walk's answerer (test/engine/golden.test.ts): the first option of a choice,
  // the first two of a multi (or its exclusive first option alone), the top of a scale, a photo for the
  // documentation, and every third optional question skipped (a skipped one still counts: it was asked).
  // The walk runs with the case facts of a new case (#26 point 4): a staff worker's must stay within
  // 14; a praktikan also records the roles and theory used for the tutor, within 15.
  it('a typical note asks at most 14 questions of a staff worker, 15 of a praktikan, in every stage of every flow', () => {
    const over: string[] = [];
    const rows: Record<string, string | number>[] = [];
    for (const f of flows) {
      const row: Record<string, string | number> = { flow: f.id };
      for (const [who, peran, limit] of [['staff', 'peksos', 14], ['praktikan', 'praktikan', 15]] as const) {
        const counts = f.stages.map((s) => {
          const asked = typicalWalk({ questions: s.questions }, caseFacts(f.id, peran));
          if (asked.length > limit) over.push(`${f.id}/${s.id} (${who}): ${asked.length} (${asked.join(', ')})`);
          return asked.length;
        });
        row[`${who} min`] = Math.min(...counts);
        row[`${who} max`] = Math.max(...counts);
        row[`${who} per stage`] = counts.join(' ');
      }
      rows.push(row);
    }
    // the figures, for the issue (#26): prompts on the typical path, per flow, over its stages
    console.log('typical prompts per note (min/max over stages; per stage in order)');
    console.table(rows);
    expect(over).toEqual([]);
  });

  it('a Bapas client who uses narcotics adds only the urine test to the monthly supervision', () => {
    const bapas = flows.find((f) => f.id === 'bapas-eic')!;
    const stage = bapas.stages.find((s) => s.id === 'monitoring')!;
    const without = typicalWalk({ questions: stage.questions }, caseFacts(bapas.id, 'pk'));
    const napza = typicalWalk({ questions: stage.questions }, { ...caseFacts(bapas.id, 'pk'), '@napza': true });
    expect(napza.filter((id) => !without.includes(id))).toEqual(['tes_urine']);
    console.log(`bapas-eic/monitoring, a client with @napza: staff ${napza.length}, praktikan ${typicalWalk({ questions: stage.questions }, { ...caseFacts(bapas.id, 'praktikan'), '@napza': true }).length}`);
  });
});

/** The models whose clients use or used narcotics: the walk's cases there have "@napza". */
const NAPZA_MODELS = new Set(['permensos-napza', 'ipwl-reintegration', 'skidmore-casework']);

/** The facts of a case opened today (src/cases/intake-facts.ts) for a worker in the given role. */
function caseFacts(flowId: string, peran: string): Answers {
  const bapas = flowId === 'bapas-eic';
  return {
    '@peran': peran,
    '@setting': bapas ? 'bapas' : 'panti',
    '@anak': false,
    '@napza': NAPZA_MODELS.has(flowId),
    '@kelompok': flowId === 'groupwork-tc',
    ...(bapas ? { '@program': 'pembebasan_bersyarat' } : {}),
  };
}

const ENV: Env = { today: '2025-03-14' };

/** The golden answerer's inputs for a question (see test/engine/golden.test.ts answerFor). */
function typicalInputs(q: Question): Input[] {
  const questionId = q.id;
  switch (q.type) {
    case 'date':
      return [{ kind: 'text', text: q.allow === 'past' ? 'kemarin' : q.allow === 'future' ? 'besok' : 'hari ini' }];
    case 'yesno':
      return [{ kind: 'choice', questionId, value: 'true' }];
    case 'choice':
      return [{ kind: 'choice', questionId, value: q.options[0]!.value }];
    case 'multi': {
      const shown = q.first ? q.options.filter((o) => q.first!.includes(o.value)) : q.options;
      const count = shown[0]!.exclusive ? 1 : Math.min(Math.max(2, q.min ?? 1), q.max ?? shown.length, shown.length);
      return [...shown.slice(0, count).map((o): Input => ({ kind: 'toggle', questionId, value: o.value })), { kind: 'done', questionId }];
    }
    case 'scale':
      return [{ kind: 'choice', questionId, value: String(q.max) }];
    case 'number':
      return [{ kind: 'text', text: String(q.min ?? 1) }];
    case 'initials':
      return [{ kind: 'text', text: 'Si' }];
    case 'file':
      return [{ kind: 'file', file: { fileId: 'AgAD-test', kind: 'photo' } }];
    case 'text':
    case 'longtext':
      return [{ kind: 'text', text: `Catatan uji untuk ${q.id}.` }];
  }
}

/** The ids of the questions a typical walk asks, in order; `facts`: the case's ("@peran", …). */
function typicalWalk(form: Form, facts: Answers = {}): string[] {
  const asked: string[] = [];
  let r: StepResult = start(form, { ...facts });
  let optionalSeen = 0;
  for (let guard = 0; guard < 200; guard++) {
    const ev = r.events[0];
    if (ev?.kind !== 'ask') return asked;
    const q = ev.question;
    asked.push(q.id);
    if (q.optional && ++optionalSeen % 3 === 0) {
      r = step(form, r.state!, { kind: 'skip', questionId: q.id }, ENV);
      continue;
    }
    for (const input of typicalInputs(q)) r = step(form, r.state!, input, ENV);
  }
  throw new Error('the walk did not reach the review');
}

// ── the compiler, directly ───────────────────────────────────────────────────
describe('compileFlows', () => {
  const header = [
    'id: session-header',
    'questions:',
    '  - id: tanggal_sesi',
    '    type: date',
    '    prompt: { id: "Tanggal?" }',
  ].join('\n');
  const flow = (id: string) =>
    [
      `id: ${id}`,
      'version: 1',
      'title: { id: "Judul" }',
      'short: { id: "Pendek" }',
      'source: "uji"',
      'include: { before: [common/session-header] }',
      'stages:',
      '  - id: satu',
      '    title: { id: "Satu" }',
      '    guide: { id: "Panduan" }',
      '    questions:',
      '      - { id: catatan, type: text, prompt: { id: "Catatan?" } }',
    ].join('\n');

  it('compiles in-memory sources; English is optional; monitoring defaults to weekly', () => {
    const [f] = compileFlows([
      { path: 'x/a.yaml', text: flow('alpha') },
      { path: 'x/common/session-header.yaml', text: header },
    ]);
    expect(f).toMatchObject({ id: 'alpha', monitoring: 'weekly' });
    expect(f!.stages[0]!.questions.map((q) => q.id)).toEqual(['tanggal_sesi', 'catatan']);
  });

  it('reports a flow id used twice, with both files', () => {
    const run = () =>
      compileFlows([
        { path: 'x/a.yaml', text: flow('alpha') },
        { path: 'x/b.yaml', text: flow('alpha') },
        { path: 'x/common/session-header.yaml', text: header },
      ]);
    expect(run).toThrow(FlowError);
    try {
      run();
    } catch (err) {
      expect((err as FlowError).problems).toEqual(['x/b.yaml:1:1 — id: flow id "alpha" is also used by x/a.yaml']);
      expect((err as FlowError).message).toBe('x/b.yaml:1:1 — id: flow id "alpha" is also used by x/a.yaml');
    }
  });
});

// ── broken flows: one mistake per dir, each reported with file, line and path ─
describe('broken flows', () => {
  const at = (dir: string, rest: string) => `${BROKEN}/${dir}/x.yaml:${rest}`;

  it('a question id used twice in a stage (one from the shared header)', async () => {
    expect(await problemsOf('duplicate-id')).toEqual([
      at('duplicate-id', '18:9 — stages[0].questions[1].id: question id "sesi_terlaksana" is used twice in this stage (shared questions included)'),
    ]);
  });

  it('a condition on a later question', async () => {
    expect(await problemsOf('when-forward-ref')).toEqual([
      at('when-forward-ref', '20:9 — stages[0].questions[1].when: condition refers to "setuju", which is asked only later (question 5 of this stage): a condition may refer only to questions asked before it'),
    ]);
  });

  it('an include that names no common file', async () => {
    expect(await problemsOf('missing-include')).toEqual([
      at('missing-include', '8:12 — include.before[0]: no common file "common/session-headr" (expected flows/common/session-headr.yaml)'),
    ]);
  });

  it('a blank Indonesian text', async () => {
    expect(await problemsOf('empty-indonesian')).toEqual([
      at('empty-indonesian', '20:19 — stages[0].questions[1].prompt.id: Indonesian text (id) is required'),
    ]);
  });

  it('a stage title without Indonesian', async () => {
    expect(await problemsOf('missing-indonesian')).toEqual([
      at('missing-indonesian', '11:5 — stages[0].title.id: Indonesian text (id) is required'),
    ]);
  });

  it('a button label longer than 24 characters', async () => {
    expect(await problemsOf('long-label')).toEqual([
      at('long-label', '23:29 — stages[0].questions[1].options[1].label: button label longer than 24 characters'),
    ]);
  });

  it('a scale with more than 10 points', async () => {
    expect(await problemsOf('bad-scale')).toEqual([
      at('bad-scale', '18:9 — stages[0].questions[1]: scale needs min < max and at most 10 points'),
    ]);
  });

  it('an unknown question type is reported on that question', async () => {
    const problems = await problemsOf('bad-type');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^test\/fixtures\/broken-flows\/bad-type\/x\.yaml:\d+:\d+ — stages\[0\]\.questions\[1\]/);
  });

  // Regression, was a bug (src/engine/flow-schema.ts `Question = z.union([...])` + flow-compiler.ts parse()): a plain
  // union makes zod report one generic issue on the whole question, so the author reads
  //   test/fixtures/broken-flows/bad-type/x.yaml:18 — stages[0].questions[1]: Invalid input
  // with neither the field (type) nor what is allowed. z.discriminatedUnion('type', …) (or picking
  // the branch whose `type` matched) gives `….type: Invalid discriminator value. Expected 'text' | …`
  // on line 19.
  it('an unknown question type names the type field, on its line', async () => {
    const problems = await problemsOf('bad-type');
    expect(problems[0]).toMatch(/^test\/fixtures\/broken-flows\/bad-type\/x\.yaml:19:\d+ — stages\[0\]\.questions\[1\]\.type: .*text/);
  });

  // Regression, was a bug (same cause): a question prompt without Indonesian text reports
  //   test/fixtures/broken-flows/missing-indonesian-prompt/x.yaml:18 — stages[0].questions[1]: Invalid input
  // instead of pointing at prompt.id, as it does for a stage title (see "a stage title without Indonesian").
  it('a question prompt without Indonesian names prompt.id', async () => {
    const problems = await problemsOf('missing-indonesian-prompt');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^test\/fixtures\/broken-flows\/missing-indonesian-prompt\/x\.yaml:2[01]:\d+ — stages\[0\]\.questions\[1\]\.prompt\.id: /);
  });

  it('a YAML syntax error is reported as YAML', async () => {
    const problems = await problemsOf('bad-yaml');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^test\/fixtures\/broken-flows\/bad-yaml\/x\.yaml:\d+:\d+ — YAML: Unexpected scalar at node end$/);
  });

  // Regression, was a bug (src/engine/flow-compiler.ts parse(): `parseDocument(..., { prettyErrors: false })`): with
  // prettyErrors off, the yaml library leaves `e.linePos` undefined, so `e.linePos?.[0]?.line ?? 1`
  // always reports line 1. The broken quote is on line 20 (e.pos[0] = 575 → lines.linePos(575).line
  // = 20). Fix: `lines.linePos(e.pos[0]).line`, or drop `prettyErrors: false`.
  it('a YAML syntax error carries the line it is on', async () => {
    expect(await problemsOf('bad-yaml')).toEqual([at('bad-yaml', '20:46 — YAML: Unexpected scalar at node end')]);
  });
});

// ── npm run flows:check ──────────────────────────────────────────────────────
describe('flows:check (src/cli/flows-check.ts)', () => {
  let good: Run;
  let badType: Run;
  beforeAll(async () => {
    [good, badType] = await Promise.all([flowsCheck('flows'), flowsCheck(`${BROKEN}/bad-type`)]);
  });

  it('exits 0 on flows/ and lists every flow', () => {
    expect(good.code).toBe(0);
    expect(good.stderr).toBe('');
    expect(good.stdout).toContain('ok  zastrow-mezzo v7: 8 stages,');
    expect(good.stdout.trim().split('\n').at(-1)).toBe('6 flows valid (and 6 earlier versions)');
  });

  it('exits 1 on a broken dir and prints each problem, with file and line, on stderr', async () => {
    expect(badType.code).toBe(1);
    expect(badType.stdout).toBe('');
    const lines = badType.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/^test\/fixtures\/broken-flows\/bad-type\/x\.yaml:\d+:\d+ — stages\[0\]\.questions\[1\]/);
    // exactly what the compiler reports, then the count
    expect(badType.stderr).toBe(`${(await problemsOf('bad-type')).join('\n')}\n1 problem(s) in flows\n`);
  });
});
