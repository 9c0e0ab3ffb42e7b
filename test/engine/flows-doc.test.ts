// docs/flows/*.md are generated from flows/ (npm run flows:doc): CI fails when they are stale.
import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { loadFlowFiles } from '../../src/catalog/load-flows.ts';
import { conditionWords, renderFlowDocs } from '../../src/catalog/flow-docs.ts';
import type { Question } from '../../src/engine/types.ts';

describe('docs/flows (npm run flows:doc)', () => {
  it('are up to date with flows/: run `npm run flows:doc` after changing a flow', async () => {
    const docs = renderFlowDocs(await loadFlowFiles());
    const onDisk = (await readdir('docs/flows')).filter((n) => n.endsWith('.md')).sort();
    expect(onDisk).toEqual([...docs.keys()].sort());
    for (const [name, text] of docs) expect(await readFile(`docs/flows/${name}`, 'utf8'), `docs/flows/${name} is stale`).toBe(text);
  });

  it('say each stage, its questions, options, conditions in words, the summary answers and a Mermaid diagram', async () => {
    const doc = renderFlowDocs(await loadFlowFiles()).get('bapas-eic.md')!;
    expect(doc).toContain('```mermaid\nflowchart TD');
    expect(doc).toContain('**Dasar dan sumber:**');
    expect(doc).toMatch(/## Tahap 1\. /);
    expect(doc).toContain('| # | Pertanyaan | Jenis | Pilihan | Wajib | Kapan ditanyakan | Ke ringkasan supervisor |');
    expect(doc).toContain('boleh dilewati');
    expect(doc).toContain('jika “Apakah sesi terlaksana?” = “Tidak terlaksana”');
  });

  it('put a condition in words, with option labels', () => {
    const q: Question = { id: 'skor', type: 'scale', min: 1, max: 5, prompt: { id: 'Skor?' } };
    const c: Question = { id: 'hadir', type: 'choice', prompt: { id: 'Siapa?' }, options: [{ value: 'a', label: { id: 'Ayah' } }, { value: 'i', label: { id: 'Ibu' } }] };
    const qs = new Map<string, Question>([[q.id, q], [c.id, c]]);
    expect(conditionWords({ skor: { lte: 2 } }, qs)).toBe('“Skor?” paling tinggi 2');
    expect(conditionWords({ any: [{ hadir: 'a' }, { skor: { answered: false } }] }, qs)).toBe('(“Siapa?” = “Ayah” atau “Skor?” dilewati)');
    expect(conditionWords({ not: { hadir: { in: ['a', 'i'] } } }, qs)).toBe('tidak (“Siapa?” salah satu dari “Ayah”, “Ibu”)');
  });
});
