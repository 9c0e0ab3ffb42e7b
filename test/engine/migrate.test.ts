// A migration from version 1 to 2 declared in the flow file (rename, drop, map choice values),
// applied to a version-1 draft's answers: the golden file shows the answers before and after
// (rewritten only with UPDATE_GOLDENS=1, see test/support/golden.ts).
import { describe, expect, it } from 'vitest';
import { compileFlows } from '../../src/engine/flow-compiler.ts';
import { migrateAnswers, migrationPath } from '../../src/engine/migrate.ts';
import type { Answers } from '../../src/engine/types.ts';
import { expectGolden } from '../support/golden.ts';

const GOLDEN = 'test/engine/golden/migrations/konseling-v1-to-v2.txt';

const v2 = compileFlows([
  {
    path: 'x/konseling.yaml',
    text: `id: konseling
version: 2
title: { id: "Konseling" }
short: { id: "Konseling" }
source: "uji"
migrations:
  - from: 1
    rename: { suasana_hati: perasaan_klien }
    drop: [catatan_lama]
    map: { kehadiran: { hadir_penuh: hadir, hadir_sebagian: terlambat }, dukungan: { teman: sebaya } }
stages:
  - id: sesi
    title: { id: "Sesi" }
    guide: { id: "Panduan." }
    questions:
      - id: kehadiran
        type: choice
        prompt: { id: "Kehadiran klien?" }
        options:
          - { value: hadir, label: { id: "Hadir" } }
          - { value: terlambat, label: { id: "Terlambat" } }
          - { value: tidak_hadir, label: { id: "Tidak hadir" } }
      - id: dukungan
        type: multi
        prompt: { id: "Dukungan?" }
        options:
          - { value: keluarga, label: { id: "Keluarga" } }
          - { value: sebaya, label: { id: "Teman sebaya" } }
      - id: perasaan_klien
        type: text
        prompt: { id: "Perasaan klien?" }
`,
  },
])[0]!;

const draftV1: Answers = {
  kehadiran: 'hadir_sebagian',
  dukungan: ['keluarga', 'teman'],
  suasana_hati: 'Cemas, lalu tenang',
  catatan_lama: 'tidak dipakai lagi',
};

function transcript(before: Answers, after: Answers | undefined): string {
  const lines = (a: Answers) => Object.entries(a).map(([k, v]) => `  ${k}: ${JSON.stringify(v)}`);
  return ['draft answers on version 1:', ...lines(before), 'after the migration to version 2:', ...(after ? lines(after) : ['  (no migration path)']), ''].join('\n');
}

describe('draft migrations', () => {
  it('v1 → v2: rename, drop, map choice values (golden)', () => {
    const migrated = migrateAnswers(v2, 1, draftV1);
    expect(migrated).toEqual({ kehadiran: 'terlambat', dukungan: ['keluarga', 'sebaya'], perasaan_klien: 'Cemas, lalu tenang' });
    expectGolden(GOLDEN, transcript(draftV1, migrated));
  });

  it('no path from a version nothing migrates from: the draft finishes on its own version instead', () => {
    expect(migrationPath(v2, 0)).toBeUndefined();
    expect(migrateAnswers(v2, 0, draftV1)).toBeUndefined();
    expect(migrationPath(v2, 2)).toEqual([]);
  });

  it('a migration from the version itself (or later) is refused by the checker', () => {
    expect(() =>
      compileFlows([{ path: 'x/k.yaml', text: `id: k\nversion: 2\ntitle: { id: "K" }\nshort: { id: "K" }\nsource: "s"\nmigrations: [{ from: 2 }]\nstages:\n  - id: s\n    title: { id: "S" }\n    guide: { id: "G" }\n    questions:\n      - { id: a, type: text, prompt: { id: "A?" } }\n` }]),
    ).toThrow(/migrations\[0\]\.from: a migration leads from an earlier version/);
  });
});
