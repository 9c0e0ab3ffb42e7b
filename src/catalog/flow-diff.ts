// What changed between two compiled versions of a flow, in words an author can act on:
// "stage asesmen: question risiko changed; stage terminasi added". Used when a file changed
// without a higher version, which start-up refuses.
import type { Flow } from '../engine/types.ts';
import { canonicalJson } from './flow-hash.ts';

const SHOWN = 6;

export function describeChange(before: Flow, after: Flow): string {
  const out: string[] = [];
  const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);
  for (const key of ['title', 'short', 'description', 'source', 'monitoring', 'gate', 'migrations'] as const) {
    if (!same(before[key], after[key])) out.push(`${key} changed`);
  }
  const old = new Map(before.stages.map((s) => [s.id, s]));
  const now = new Map(after.stages.map((s) => [s.id, s]));
  for (const s of after.stages) {
    const o = old.get(s.id);
    if (!o) {
      out.push(`stage ${s.id} added`);
      continue;
    }
    if (o.index !== s.index) out.push(`stage ${s.id} moved`);
    if (!same(o.title, s.title) || !same(o.guide, s.guide)) out.push(`stage ${s.id}: title or guide changed`);
    const oq = new Map(o.questions.map((q) => [q.id, q]));
    const nq = new Set(s.questions.map((q) => q.id));
    for (const q of s.questions) {
      const was = oq.get(q.id);
      if (!was) out.push(`stage ${s.id}: question ${q.id} added`);
      else if (!same(was, q)) out.push(`stage ${s.id}: question ${q.id} changed`);
    }
    for (const q of o.questions) if (!nq.has(q.id)) out.push(`stage ${s.id}: question ${q.id} removed`);
    const order = (qs: { id: string }[], keep: Set<string>) => qs.map((q) => q.id).filter((id) => keep.has(id)).join(',');
    const both = new Set([...oq.keys()].filter((id) => nq.has(id)));
    if (order(o.questions, both) !== order(s.questions, both)) out.push(`stage ${s.id}: questions reordered`);
  }
  for (const s of before.stages) if (!now.has(s.id)) out.push(`stage ${s.id} removed`);
  if (out.length === 0) return 'content changed';
  return out.length > SHOWN ? `${out.slice(0, SHOWN).join('; ')}; … ${out.length - SHOWN} more` : out.join('; ');
}
