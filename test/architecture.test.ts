// The shape of src/, checked on every run: each folder imports only from its own layer or lower
// ones, no import cycle between files, the engine pure, features small, no `ctx.from!`, no
// console.log. A change that breaks one fails here, naming the import.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = 'src';

/** Lowest first. A module may import from its own layer and any below it, never above. */
const LAYERS: string[][] = [
  ['logger.ts'],
  // every HTTP server's bounds (Hono on Node): the webhook, the health check, the playground
  ['http'],
  ['engine'],
  ['store'],
  ['catalog'],
  ['cases'],
  // talking to Telegram: rendering, buttons, texts (shared by the bot and the workers)
  ['telegram'],
  ['org'],
  ['outbox'],
  ['export'],
  ['privacy'],
  ['reminders'],
  // the supervisors' Mini App: its page and API, over the same domain code as the chat
  ['dashboard'],
  ['bot'],
  ['app', 'cli', 'config.ts'],
  ['playground', 'main.ts', 'worker-main.ts'],
];

/** What the engine may use: it stays pure (no clock, network, files, Redis or Telegram). */
const ENGINE_PACKAGES = new Set(['zod', 'yaml']);

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : /\.(ts|mts)$/.test(e.name) ? [p] : [];
  });
}

const files = filesUnder(SRC);
const text = new Map(files.map((f) => [f, readFileSync(f, 'utf8')]));
// `import … from 'x'`, `export … from 'x'`, `import 'x'`, `import('x')`
const IMPORT = /(?:^|\n)\s*(?:import|export)\b[^'";]*?\bfrom\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Every import of a file: relative ones resolved to src paths, packages as written. */
function importsOf(file: string): { local: string[]; packages: string[] } {
  const local: string[] = [];
  const packages: string[] = [];
  for (const m of text.get(file)!.matchAll(IMPORT)) {
    const spec = (m[1] ?? m[2] ?? m[3])!;
    if (spec.startsWith('.')) local.push(normalize(join(dirname(file), spec)));
    else packages.push(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
  }
  return { local, packages };
}

const graph = new Map(files.map((f) => [f, importsOf(f)]));

/** The top folder (or root file) of a src path, e.g. "store" or "main.ts". */
const unit = (file: string) => relative(SRC, file).split(sep)[0]!;
const layerOf = (file: string) => LAYERS.findIndex((names) => names.includes(unit(file)));

type Graph = Map<string, { local: string[] }>;

function upwardImports(g: Graph): string[] {
  const upward: string[] = [];
  for (const [file, { local }] of g) for (const dep of local) if (layerOf(dep) > layerOf(file)) upward.push(`${file} -> ${dep}`);
  return upward;
}

/** Tarjan's strongly connected components: any component of two or more files is a cycle. */
function importCycles(g: Graph): string[] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of g.get(v)!.local.filter((d) => g.has(d))) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) cycles.push(component.reverse().join(' <-> '));
    }
  };
  for (const f of g.keys()) if (!index.has(f)) visit(f);
  return cycles;
}

describe('the shape of src/', () => {
  it('every folder and root file has a layer', () => {
    expect([...new Set(files.map(unit))].filter((u) => !LAYERS.flat().includes(u))).toEqual([]);
  });

  it('imports point to the same layer or lower (nothing below bot/ imports bot/)', () => {
    expect(upwardImports(graph)).toEqual([]);
  });

  it('no import cycle between files', () => {
    expect(importCycles(graph)).toEqual([]);
  });

  it('every relative import names a file that exists', () => {
    const missing = [...graph].flatMap(([file, { local }]) => local.filter((d) => /\.ts$/.test(d) && !graph.has(d)).map((d) => `${file} -> ${d}`));
    expect(missing).toEqual([]);
  });

  it('the engine is pure: no Node, Redis, Telegram, clock or logger', () => {
    const impure = [...graph]
      .filter(([file]) => unit(file) === 'engine')
      .flatMap(([file, { packages }]) => packages.filter((p) => !ENGINE_PACKAGES.has(p)).map((p) => `${file}: ${p}`));
    expect(impure).toEqual([]);
    const clock = files.filter((f) => unit(f) === 'engine' && /\bDate\.now\(\)|new Date\(\)/.test(text.get(f)!));
    expect(clock).toEqual([]);
  });

  it('features are small and take the user from a narrowed context (no ctx.from!)', () => {
    const big = files.filter((f) => f.startsWith(join(SRC, 'bot', 'features')) && text.get(f)!.split('\n').length > 250);
    expect(big).toEqual([]);
    expect(files.filter((f) => text.get(f)!.includes('ctx.from!'))).toEqual([]);
  });

  it('logs are structured: no console.log in src/', () => {
    expect(files.filter((f) => /\bconsole\.log\(/.test(text.get(f)!))).toEqual([]);
  });

  it('the checks can fail: an upward import and a cycle are seen', () => {
    const bad: Graph = new Map([
      ['src/store/a.ts', { local: ['src/bot/b.ts'] }],
      ['src/bot/b.ts', { local: ['src/store/a.ts'] }],
    ]);
    expect(upwardImports(bad)).toEqual(['src/store/a.ts -> src/bot/b.ts']);
    expect(importCycles(bad)).toHaveLength(1);
  });
});
