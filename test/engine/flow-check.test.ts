// What `npm run flows:check`, start-up and an upload report: every problem with file:line:column,
// in plain words; hostile files refused without a crash, in well under a second.
import { describe, expect, it } from 'vitest';
import { compileFlows, FlowError } from '../../src/engine/flow-compiler.ts';
import { commonSources } from '../../src/catalog/load-flows.ts';
import { HOSTILE } from '../catalog/hostile.ts';

const commons = await commonSources();

function problems(text: string): string[] {
  try {
    compileFlows([{ path: 'lembaga/x.yaml', text }, ...commons]);
  } catch (err) {
    if (err instanceof FlowError) return err.problems;
    throw err;
  }
  return [];
}

const flow = (questions: string) => `id: contoh
version: 1
title: { id: "Contoh" }
short: { id: "Contoh" }
source: "uji"
include:
  before: [common/session-header]
  after: [common/session-footer]
stages:
  - id: satu
    title: { id: "Satu" }
    guide: { id: "Panduan." }
    questions:
${questions}`;

describe('flows:check problems, in plain words with line and column', () => {
  it('an unknown type', () => {
    expect(problems(flow(`      - id: a
        type: perasaan
        prompt: { id: "A?" }
`))).toEqual(['lembaga/x.yaml:15:9 — stages[0].questions[0].type: unknown question type "perasaan" (use one of: text, longtext, choice, multi, yesno, scale, number, date, file, initials)']);
  });

  it('a duplicate id (with a shared question)', () => {
    expect(problems(flow(`      - id: tanggal_sesi
        type: text
        prompt: { id: "A?" }
`))).toEqual(['lembaga/x.yaml:14:9 — stages[0].questions[0].id: question id "tanggal_sesi" is used twice in this stage (shared questions included)']);
  });

  it('a when naming a question that does not exist, or one that comes later', () => {
    expect(problems(flow(`      - id: a
        type: text
        when: { tidak_ada: true }
        prompt: { id: "A?" }
      - id: b
        type: text
        when: { c: "x" }
        prompt: { id: "B?" }
      - id: c
        type: text
        prompt: { id: "C?" }
`))).toEqual([
      'lembaga/x.yaml:16:9 — stages[0].questions[0].when: condition refers to "tidak_ada", which is not a question of this stage (shared questions included)',
      expect.stringMatching(/^lembaga\/x\.yaml:20:9 — stages\[0\]\.questions\[1\]\.when: condition refers to "c", which is asked only later \(question \d+ of this stage\)/),
    ]);
  });

  it('a choice without options, and one with a single option', () => {
    expect(problems(flow(`      - id: a
        type: choice
        prompt: { id: "A?" }
      - id: b
        type: choice
        prompt: { id: "B?" }
        options: [{ value: x, label: { id: "X" } }]
`))).toEqual([
      'lembaga/x.yaml:14:9 — stages[0].questions[0].options: this question needs options (a list of { value, label })',
      'lembaga/x.yaml:20:9 — stages[0].questions[1].options: needs at least 2 options',
    ]);
  });

  it('missing Indonesian text', () => {
    expect(problems(flow(`      - id: a
        type: text
        prompt: { en: "A?" }
`))).toEqual(['lembaga/x.yaml:16:9 — stages[0].questions[0].prompt.id: Indonesian text (id) is required']);
  });

  it('a button label over 24 characters', () => {
    expect(problems(flow(`      - id: a
        type: choice
        prompt: { id: "A?" }
        options:
          - { value: x, label: { id: "Label yang jauh terlalu panjang" } }
          - { value: y, label: { id: "Pendek" } }
`))).toEqual(['lembaga/x.yaml:18:25 — stages[0].questions[0].options[0].label: button label longer than 24 characters']);
  });

  it('an unknown key, pointed at where it is written', () => {
    expect(problems(flow(`      - id: a
        type: text
        wajib: true
        prompt: { id: "A?" }
`))).toEqual(['lembaga/x.yaml:16:9 — stages[0].questions[0]: unknown key "wajib" (check its spelling; docs/flows.md lists the keys)']);
  });
});

describe('hostile files are refused cleanly and quickly', () => {
  it.each(Object.entries(HOSTILE))('%s', (_name, { text, problem }) => {
    const t = performance.now();
    const found = problems(text);
    const ms = performance.now() - t;
    expect(found.join('\n')).toMatch(problem);
    expect(ms).toBeLessThan(1000);
  });
});
