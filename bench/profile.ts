// `npm run bench -- --profile`: our bot at U = 2,000 once under `node --cpu-prof`, then the top
// self-time entries of the profile, by function (with its file) and by module.
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  name: string;
  file: string;
  ms: number;
  pct: number;
}

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

function fileOf(url: string): string {
  if (!url) return '(native)';
  const p = url.replace(/^file:\/\//, '');
  if (p.startsWith('node:')) return p;
  const rel = path.relative(ROOT, p);
  return rel.startsWith('..') ? p : rel;
}

/** A module: a package in node_modules, a file of ours, node's internals, or V8's own entries. */
export function moduleOf(file: string): string {
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  if (nm) return nm[1]!;
  if (file.startsWith('node:')) return 'node (internals)';
  return file;
}

export async function summarise(file: string, top = 15): Promise<{ functions: SelfTime[]; modules: SelfTime[]; totalMs: number }> {
  const prof = JSON.parse(await readFile(file, 'utf8')) as CpuProfile;
  const byNode = new Map<number, number>();
  prof.samples.forEach((id, i) => byNode.set(id, (byNode.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0)));
  const fn = new Map<string, SelfTime>();
  const mod = new Map<string, SelfTime>();
  let total = 0;
  for (const n of prof.nodes) {
    const us = byNode.get(n.id) ?? 0;
    if (!us) continue;
    const f = fileOf(n.callFrame.url);
    if (n.callFrame.functionName === '(idle)') continue;
    total += us;
    const name = n.callFrame.functionName || '(anonymous)';
    const key = `${name} ${f}:${n.callFrame.lineNumber + 1}`;
    const e = fn.get(key) ?? { name, file: n.callFrame.url ? `${f}:${n.callFrame.lineNumber + 1}` : f, ms: 0, pct: 0 };
    e.ms += us / 1000;
    fn.set(key, e);
    const m = n.callFrame.url ? moduleOf(f) : name;
    const me = mod.get(m) ?? { name: m, file: '', ms: 0, pct: 0 };
    me.ms += us / 1000;
    mod.set(m, me);
  }
  const ranked = (xs: Iterable<SelfTime>) => [...xs].sort((a, b) => b.ms - a.ms).slice(0, top).map((x) => ({ ...x, pct: (100 * x.ms) / (total / 1000) }));
  return { functions: ranked(fn.values()), modules: ranked(mod.values()), totalMs: total / 1000 };
}

/** The main thread's profile: the largest (tsx's module loader thread writes a small one too). */
export async function mainProfile(dir: string): Promise<string> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.cpuprofile'));
  if (!files.length) throw new Error(`no .cpuprofile in ${dir}`);
  const sized = await Promise.all(files.map(async (f) => ({ f, size: (await stat(path.join(dir, f))).size })));
  return path.join(dir, sized.sort((a, b) => b.size - a.size)[0]!.f);
}

export function printSummary(s: Awaited<ReturnType<typeof summarise>>): string {
  const line = (x: SelfTime) => `${x.ms.toFixed(0).padStart(7)} ms ${x.pct.toFixed(1).padStart(5)} %  ${x.name}${x.file ? `  (${x.file})` : ''}`;
  return [
    `CPU profile, our bot at U = 2,000 (self time, ${s.totalMs.toFixed(0)} ms sampled, idle excluded)`,
    'top functions:',
    ...s.functions.map(line),
    'by module:',
    ...s.modules.map(line),
  ].join('\n');
}

interface HeapNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: HeapNode[];
}

/** A sampled allocation profile (.heapprofile): bytes allocated per update, by function and by module. */
export async function summariseAllocations(file: string, updates: number, top = 20): Promise<{ kibPerUpdate: number; functions: SelfTime[]; modules: SelfTime[] }> {
  const { head } = JSON.parse(await readFile(file, 'utf8')) as { head: HeapNode };
  const fn = new Map<string, SelfTime>();
  const mod = new Map<string, SelfTime>();
  let total = 0;
  const add = (map: Map<string, SelfTime>, key: string, name: string, where: string, bytes: number) => {
    const e = map.get(key) ?? { name, file: where, ms: 0, pct: 0 };
    e.ms += bytes;
    map.set(key, e);
  };
  const stack = [head];
  for (let n = stack.pop(); n; n = stack.pop()) {
    stack.push(...n.children);
    if (!n.selfSize) continue;
    total += n.selfSize;
    const f = fileOf(n.callFrame.url);
    const name = n.callFrame.functionName || '(anonymous)';
    const where = n.callFrame.url ? `${f}:${n.callFrame.lineNumber + 1}` : f;
    add(fn, `${name} ${where}`, name, where, n.selfSize);
    const m = n.callFrame.url ? moduleOf(f) : name;
    add(mod, m, m, '', n.selfSize);
  }
  // `ms` holds KiB per update here
  const ranked = (xs: Iterable<SelfTime>) => [...xs].sort((a, b) => b.ms - a.ms).slice(0, top).map((x) => ({ ...x, ms: x.ms / 1024 / updates, pct: (100 * x.ms) / total }));
  return { kibPerUpdate: total / 1024 / updates, functions: ranked(fn.values()), modules: ranked(mod.values()) };
}

export function printAllocations(s: Awaited<ReturnType<typeof summariseAllocations>>): string {
  const line = (x: SelfTime) => `${x.ms.toFixed(2).padStart(7)} KiB ${x.pct.toFixed(1).padStart(5)} %  ${x.name}${x.file ? `  (${x.file})` : ''}`;
  return [
    `Allocations, our bot at U = 2,000: ${s.kibPerUpdate.toFixed(1)} KiB per update (sampled, collected objects included)`,
    'top functions:',
    ...s.functions.map(line),
    'by module:',
    ...s.modules.map(line),
  ].join('\n');
}
