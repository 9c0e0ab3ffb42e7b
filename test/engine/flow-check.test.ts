// What `npm run flows:check`, start-up and an upload report: every problem with file:line:column,
// in plain words; hostile files refused without a crash, in well under a second.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { compileFlows, FlowError, precheckFlowFile } from '../../src/engine/flow-compiler.ts';
import { LIMITS, mapKeys, PRESCAN_KEYS, textKeys } from '../../src/engine/flow-limits.ts';
import { commonSources } from '../../src/catalog/load-flows.ts';
import { problemText } from '../../src/catalog/problem-words.ts';
import { HOSTILE, manyKeys } from '../catalog/hostile.ts';

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

describe('hostile files are refused cleanly, by bounds that do not depend on the machine', () => {
  it.each(Object.entries(HOSTILE))('%s', (_name, { text, problem }) => {
    expect(problems(text).join('\n')).toMatch(problem);
  });

  // What would cost the parser most never reaches it: one pass over the text refuses it. The rest
  // are small, and the parser's own work on them is bounded (maxAliasCount, a linear key check).
  // How long each takes is measured in `npm run bench`, not asserted here.
  it('the big ones are refused before the parser runs', () => {
    const big = Object.entries(HOSTILE).filter(([, { text }]) => text.length > 64 * 1024);
    expect(big.map(([name]) => name)).toEqual(['over 256 KB', 'nesting deeper than 20 (brackets)', 'many keys in one mapping', 'many keys in one flow mapping', 'many keys in many mappings']);
    for (const [name, { text }] of big) expect(precheckFlowFile({ path: 'x.yaml', text }), name).not.toEqual([]);
  });
});

describe('many keys, and keys written twice (issue 23: the parser\'s own duplicate check was quadratic)', () => {
  const TOO_MANY = 'lembaga/x.yaml:1:1 — over 10000 keys (names before a colon); a flow file has a few hundred';

  it('a file of tens of thousands of keys is refused before it is parsed, in one mapping or in many', () => {
    expect(problems(manyKeys('block', 165 * 1024))).toEqual([TOO_MANY]);
    expect(problems(manyKeys('flow', 233 * 1024))).toEqual([TOO_MANY]);
    expect(problems(manyKeys('lists', 233 * 1024))).toEqual([TOO_MANY]);
  });

  it('a file just over the limit is refused by the exact count of the parsed file', () => {
    const text = manyKeys('lists', 120 * 1024);
    const exact = mapKeys(parseDocument(text, { uniqueKeys: false })).count;
    expect(exact).toBeGreaterThan(LIMITS.maxKeys);
    expect(textKeys(text)).toBeLessThanOrEqual(PRESCAN_KEYS); // within the text bound: the parser ran
    expect(problems(text)).toEqual([TOO_MANY]);
  });

  it('the problem in the admin\'s language', () => {
    expect(problemText('over 10000 keys (names before a colon); a flow file has a few hundred', 'id')).toBe(
      'lebih dari 10000 kunci (nama sebelum titik dua); berkas model biasanya hanya beberapa ratus',
    );
  });

  it('every built-in flow file, current or earlier, has under a tenth of the limit', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [join(dir, e.name)] : []));
    const counts = files('flows').map((f) => {
      const text = readFileSync(f, 'utf8');
      return { f, exact: mapKeys(parseDocument(text)).count, estimate: textKeys(text) };
    });
    expect(counts.length).toBeGreaterThanOrEqual(16);
    for (const c of counts) {
      expect(c.exact, c.f).toBeLessThan(LIMITS.maxKeys / 10);
      expect(c.estimate, c.f).toBeLessThan(LIMITS.maxKeys / 10);
    }
  });

  it('a key written twice is still reported where it is written again, in its mapping only', () => {
    const text = flow(`      - id: a
        type: text
        prompt: { id: "A?", en: "A?", id: "B?" }
        type: longtext
      - id: b
        type: text
        prompt: { id: "B?" }
`) + 'version: 2\n';
    expect(problems(text)).toEqual([
      'lembaga/x.yaml:16:39 — YAML: Map keys must be unique',
      'lembaga/x.yaml:17:9 — YAML: Map keys must be unique',
      'lembaga/x.yaml:21:1 — YAML: Map keys must be unique',
    ]);
    // as the parser compared them: by value (10 and 1e1 are one key), anchors and tags aside
    expect(problems(flow(q1) + 'x: { 10: a, 1e1: b }\n&k source: "x"\n')).toEqual([
      'lembaga/x.yaml:17:13 — YAML: Map keys must be unique',
      'lembaga/x.yaml:18:4 — YAML: Map keys must be unique',
    ]);
    expect(problemText('YAML: Map keys must be unique', 'id')).toBe('YAML tidak terbaca: kunci yang sama ditulis dua kali di satu bagian (tiap kunci hanya boleh sekali)');
  });

  it('a key written twice among thousands, and a YAML error before it, both reported in order', () => {
    const keys = Array.from({ length: 9000 }, (_, i) => `k${i}: 1`).join('\n');
    expect(problems(`${flow(q1)}x: [1\ny:\n${keys.replace(/^/gm, '  ')}\n  k5: 2\n`)).toEqual([
      expect.stringMatching(/^lembaga\/x\.yaml:18:1 — YAML: /),
      'lembaga/x.yaml:9019:3 — YAML: Map keys must be unique',
    ]);
  });

  it('thousands of unknown keys are named ten at a time, the rest counted', () => {
    const text = flow(q1) + Array.from({ length: 30 }, (_, i) => `extra${i}: 1`).join('\n') + '\n';
    expect(problems(text)).toEqual([
      'lembaga/x.yaml:1:1 — unknown keys "extra0", "extra1", "extra2", "extra3", "extra4", "extra5", "extra6", "extra7", "extra8", "extra9" and 20 more (check their spelling; docs/flows.md lists the keys)',
    ]);
    expect(problemText('unknown keys "a", "b" and 20 more (check their spelling; docs/flows.md lists the keys)', 'id')).toBe('kunci "a", "b" dan 20 lainnya tidak dikenal (periksa ejaannya)');
  });
});

const q1 = `      - id: a
        type: text
        prompt: { id: "A?" }
`;
