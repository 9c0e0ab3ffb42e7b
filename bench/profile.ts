// `npm run bench -- --profile` and `--heap-profile`: the top entries of a CPU profile (self time) or
// of a sampled allocation profile (bytes per update), by function (with its file) and by module.
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  hitCount?: number;
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** One function's or module's share of a profile: time (ms) in a CPU profile, KiB per update in an
 *  allocation profile. */
export interface Share {
  name: string;
  file: string;
  amount: number;
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

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

/** Amounts (self time, bytes) added up by function and by module, then ranked. */
class Tally {
  private readonly fn = new Map<string, Share>();
  private readonly mod = new Map<string, Share>();
  total = 0;

  add(frame: CallFrame, amount: number): void {
    this.total += amount;
    const f = fileOf(frame.url);
    const name = frame.functionName || '(anonymous)';
    const where = frame.url ? `${f}:${frame.lineNumber + 1}` : f;
    const bump = (map: Map<string, Share>, key: string, share: Omit<Share, 'amount' | 'pct'>) => {
      const e = map.get(key) ?? { ...share, amount: 0, pct: 0 };
      e.amount += amount;
      map.set(key, e);
    };
    bump(this.fn, `${name} ${where}`, { name, file: where });
    const m = frame.url ? moduleOf(f) : name;
    bump(this.mod, m, { name: m, file: '' });
  }

  /** The top entries, their amounts divided by `per` (µs → ms, bytes → KiB per update). */
  ranked(top: number, per: number): { functions: Share[]; modules: Share[] } {
    const rank = (xs: Map<string, Share>) =>
      [...xs.values()].sort((a, b) => b.amount - a.amount).slice(0, top).map((x) => ({ ...x, amount: x.amount / per, pct: (100 * x.amount) / this.total }));
    return { functions: rank(this.fn), modules: rank(this.mod) };
  }
}

function lines(title: string, s: { functions: Share[]; modules: Share[] }, amount: (x: Share) => string): string {
  const line = (x: Share) => `${amount(x)} ${x.pct.toFixed(1).padStart(5)} %  ${x.name}${x.file ? `  (${x.file})` : ''}`;
  return [title, 'top functions:', ...s.functions.map(line), 'by module:', ...s.modules.map(line)].join('\n');
}

/** A CPU profile (.cpuprofile): self time by function and by module, idle excluded. */
export async function summarise(file: string, top = 15): Promise<{ functions: Share[]; modules: Share[]; totalMs: number }> {
  const prof = JSON.parse(await readFile(file, 'utf8')) as CpuProfile;
  const byNode = new Map<number, number>();
  prof.samples.forEach((id, i) => byNode.set(id, (byNode.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0)));
  const tally = new Tally();
  for (const n of prof.nodes) {
    const us = byNode.get(n.id) ?? 0;
    if (us && n.callFrame.functionName !== '(idle)') tally.add(n.callFrame, us);
  }
  return { ...tally.ranked(top, 1000), totalMs: tally.total / 1000 };
}

/** The main thread's profile: the largest (tsx's module loader thread writes a small one too). */
export async function mainProfile(dir: string): Promise<string> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.cpuprofile'));
  if (!files.length) throw new Error(`no .cpuprofile in ${dir}`);
  const sized = await Promise.all(files.map(async (f) => ({ f, size: (await stat(path.join(dir, f))).size })));
  return path.join(dir, sized.sort((a, b) => b.size - a.size)[0]!.f);
}

export function printSummary(s: Awaited<ReturnType<typeof summarise>>): string {
  return lines(`CPU profile, our bot at U = 2,000 (self time, ${s.totalMs.toFixed(0)} ms sampled, idle excluded)`, s, (x) => `${x.amount.toFixed(0).padStart(7)} ms`);
}

interface HeapNode {
  callFrame: CallFrame;
  selfSize: number;
  children: HeapNode[];
}

/** A sampled allocation profile (.heapprofile): KiB allocated per update, by function and by module. */
export async function summariseAllocations(file: string, updates: number, top = 20): Promise<{ kibPerUpdate: number; functions: Share[]; modules: Share[] }> {
  const { head } = JSON.parse(await readFile(file, 'utf8')) as { head: HeapNode };
  const tally = new Tally();
  const stack = [head];
  for (let n = stack.pop(); n; n = stack.pop()) {
    stack.push(...n.children);
    if (n.selfSize) tally.add(n.callFrame, n.selfSize);
  }
  return { ...tally.ranked(top, 1024 * updates), kibPerUpdate: tally.total / 1024 / updates };
}

export function printAllocations(s: Awaited<ReturnType<typeof summariseAllocations>>, bot = 'our bot'): string {
  return lines(`Allocations, ${bot} at U = 2,000: ${s.kibPerUpdate.toFixed(1)} KiB per update (sampled, collected objects included)`, s, (x) => `${x.amount.toFixed(2).padStart(7)} KiB`);
}
