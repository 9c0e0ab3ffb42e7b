// Turns flow YAML texts into compiled flows, or into precise errors (`file:line — path: what is wrong`).
// Pure: the caller reads the files; this module only parses, validates and links them.
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import {
  CommonFile,
  FlowFile,
  type Condition,
  type Question,
  type CommonFile as CommonFileT,
  type FlowFile as FlowFileT,
} from './flow-schema.ts';
import { conditionRefs } from './conditions.ts';
import type { CompiledStage, Flow } from './types.ts';

export interface SourceFile {
  /** path as shown in errors, e.g. "flows/zastrow.yaml"; common files live under ".../common/" */
  path: string;
  text: string;
}

export class FlowError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'FlowError';
  }
}

interface Parsed<T> {
  file: SourceFile;
  doc: Document;
  lines: LineCounter;
  data: T;
}

function lineOf(p: { doc: Document; lines: LineCounter }, path: PropertyKey[]): number {
  // The deepest node that exists on the path carries the line.
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? p.doc.contents : p.doc.getIn(path.slice(0, n) as unknown[], true);
    if (isNode(node) && node.range) return p.lines.linePos(node.range[0]).line;
  }
  return 1;
}

function formatPath(path: PropertyKey[]): string {
  return path
    .map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`))
    .join('');
}

function parse<T>(file: SourceFile, schema: z.ZodType<T>, problems: string[]): Parsed<T> | undefined {
  const lines = new LineCounter();
  const doc = parseDocument(file.text, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      const line = e.linePos?.[0]?.line ?? lines.linePos(e.pos[0]).line;
      problems.push(`${file.path}:${line} — YAML: ${e.message.split('\n')[0]}`);
    }
    return undefined;
  }
  const result = schema.safeParse(doc.toJS());
  if (!result.success) {
    for (const issue of result.error.issues) {
      const line = lineOf({ doc, lines }, issue.path);
      const where = issue.path.length ? `${formatPath(issue.path)}: ` : '';
      problems.push(`${file.path}:${line} — ${where}${issue.message}`);
    }
    return undefined;
  }
  return { file, doc, lines, data: result.data };
}

/** Checks that hold across questions: unique ids, options, conditions that refer backwards only. */
function checkQuestions(
  questions: Question[],
  origin: (i: number) => { parsed: Parsed<unknown>; path: PropertyKey[] },
  problems: string[],
): void {
  const seen = new Map<string, Question>();
  questions.forEach((q, i) => {
    const { parsed, path } = origin(i);
    const at = (sub: PropertyKey[], msg: string): void => {
      problems.push(`${parsed.file.path}:${lineOf(parsed, [...path, ...sub])} — ${formatPath([...path, ...sub])}: ${msg}`);
    };
    if (seen.has(q.id)) at(['id'], `question id "${q.id}" is used twice in this stage (shared questions included)`);
    if (q.type === 'choice' || q.type === 'multi') {
      const values = new Set<string>();
      q.options.forEach((o, j) => {
        if (values.has(o.value)) at(['options', j, 'value'], `option "${o.value}" appears twice`);
        values.add(o.value);
      });
    }
    if (q.type === 'multi' && q.max !== undefined && q.max < (q.min ?? 1)) at(['max'], 'max is below min');
    if (q.type === 'number' && q.min !== undefined && q.max !== undefined && q.max < q.min) at(['max'], 'max is below min');
    if (q.when) {
      for (const ref of conditionRefs(q.when)) {
        const target = seen.get(ref);
        if (!target) at(['when'], `condition refers to "${ref}", which is not a question asked before this one`);
      }
    }
    seen.set(q.id, q);
  });
}

/** The value of the option that leads to the options a stage does not offer first. */
export const MORE_OPTION = 'lainnya';

/**
 * A shared multi question offered with some of its options first: those (and "Lainnya…"), then,
 * only when "Lainnya…" was ticked, a follow-up `<id>_lain` with the rest. Fewer buttons on the
 * phone for what the stage usually needs, and nothing out of reach.
 */
function offerFirst(q: Question, values: string[], problem: (msg: string) => void): [Question, Question | undefined] {
  if (q.type !== 'multi') {
    problem('only a multi question can offer some options first');
    return [q, undefined];
  }
  const unknown = values.filter((v) => !q.options.some((o) => o.value === v));
  if (unknown.length) problem(`no option ${unknown.map((v) => `"${v}"`).join(', ')} in question "${q.id}"`);
  const first = q.options.filter((o) => values.includes(o.value));
  const rest = q.options.filter((o) => !values.includes(o.value) && o.value !== MORE_OPTION);
  if (rest.length === 0) return [{ ...q, options: first }, undefined];
  if (!q.more_prompt) {
    problem(`question "${q.id}" needs more_prompt to offer the other options`);
    return [q, undefined];
  }
  const moreLabel = q.options.find((o) => o.value === MORE_OPTION)?.label ?? { id: 'Lainnya…', en: 'Other…' };
  const head: Question = { ...q, options: [...first, { value: MORE_OPTION, label: moreLabel }] };
  const tail: Question = {
    id: `${q.id}_lain`,
    type: 'multi',
    prompt: q.more_prompt,
    options: rest,
    when: andWhen(q.when, { [q.id]: { includes: MORE_OPTION } }),
    ...(q.summary ? { summary: true } : {}),
    ...(q.carry ? { carry: true } : {}),
  };
  return [head, tail];
}

function andWhen(a: Condition | undefined, b: Condition | undefined): Condition | undefined {
  if (!a) return b;
  if (!b) return a;
  return { all: [a, b] };
}

/**
 * Compiles flows. `files` holds every flow file and every common file; a common file is one whose
 * path contains "/common/", and is named in `include` by its path relative to the flows folder
 * without extension (e.g. "common/session-header").
 */
export function compileFlows(files: SourceFile[]): Flow[] {
  const problems: string[] = [];
  const commons = new Map<string, Parsed<CommonFileT>>();
  const flows: Parsed<FlowFileT>[] = [];
  for (const file of files) {
    const common = /(?:^|\/)(common\/[^/]+)\.ya?ml$/.exec(file.path);
    if (common?.[1]) {
      const parsed = parse(file, CommonFile, problems);
      if (parsed) commons.set(common[1], parsed);
    } else {
      const parsed = parse(file, FlowFile, problems);
      if (parsed) flows.push(parsed);
    }
  }

  const compiled: Flow[] = [];
  const ids = new Map<string, string>();
  for (const p of flows) {
    const f = p.data;
    const dup = ids.get(f.id);
    if (dup) problems.push(`${p.file.path}:${lineOf(p, ['id'])} — id: flow id "${f.id}" is also used by ${dup}`);
    ids.set(f.id, p.file.path);

    const blocks = (names: string[] | undefined, key: 'before' | 'after') =>
      (names ?? []).flatMap((name, i) => {
        const c = commons.get(name);
        if (!c) {
          problems.push(`${p.file.path}:${lineOf(p, ['include', key, i])} — include.${key}[${i}]: no common file "${name}" (expected flows/${name}.yaml)`);
          return [];
        }
        return [c];
      });
    const before = blocks(f.include?.before, 'before');
    const after = blocks(f.include?.after, 'after');
    const gate = before.reduce<Condition | undefined>((g, c) => andWhen(g, c.data.gate), undefined);

    const stageIds = new Set<string>();
    const stages: CompiledStage[] = f.stages.map((s, si) => {
      if (stageIds.has(s.id)) problems.push(`${p.file.path}:${lineOf(p, ['stages', si, 'id'])} — stages[${si}].id: stage id "${s.id}" is used twice`);
      stageIds.add(s.id);
      type Origin = { parsed: Parsed<unknown>; path: PropertyKey[] };
      const origins: Origin[] = [];
      const questions: Question[] = [];
      const push = (q: Question, origin: Origin): void => {
        questions.push(q);
        origins.push(origin);
      };
      const offered = new Set<string>();
      const shared = (c: Parsed<CommonFileT>) =>
        c.data.questions.forEach((q, qi) => {
          const origin = { parsed: c as Parsed<unknown>, path: ['questions', qi] };
          const offer = s.offer?.[q.id];
          if (!offer) return push(q, origin);
          offered.add(q.id);
          const problem = (msg: string) => problems.push(`${p.file.path}:${lineOf(p, ['stages', si, 'offer', q.id])} — stages[${si}].offer.${q.id}: ${msg}`);
          const [first, more] = offerFirst(q, offer, problem);
          push(first, origin);
          if (more) push(more, origin);
        });
      before.forEach(shared);
      s.questions.forEach((q, qi) =>
        push({ ...q, when: andWhen(gate, q.when) } as Question, { parsed: p as Parsed<unknown>, path: ['stages', si, 'questions', qi] }),
      );
      after.forEach(shared);
      for (const id of Object.keys(s.offer ?? {})) {
        if (!offered.has(id)) problems.push(`${p.file.path}:${lineOf(p, ['stages', si, 'offer', id])} — stages[${si}].offer.${id}: no shared question "${id}" to offer options of`);
      }
      checkQuestions(questions, (i) => origins[i]!, problems);
      return { id: s.id, index: si, title: s.title, guide: s.guide, questions };
    });

    // `recall` shows the case's carried answer of a question: that question must be carried somewhere.
    const carried = new Set(stages.flatMap((st) => st.questions.filter((q) => q.carry).map((q) => q.id)));
    f.stages.forEach((st, si) =>
      st.questions.forEach((q, qi) => {
        if (q.recall && !carried.has(q.recall)) {
          problems.push(`${p.file.path}:${lineOf(p, ['stages', si, 'questions', qi, 'recall'])} — stages[${si}].questions[${qi}].recall: "${q.recall}" is not a question with carry: true in this flow`);
        }
        if (q.alert && q.type !== 'multi' && q.type !== 'choice' && q.type !== 'yesno') {
          problems.push(`${p.file.path}:${lineOf(p, ['stages', si, 'questions', qi, 'alert'])} — stages[${si}].questions[${qi}].alert: only a multi, choice or yesno question can alert`);
        }
      }),
    );

    compiled.push({
      id: f.id,
      version: f.version,
      title: f.title,
      short: f.short,
      description: f.description,
      source: f.source,
      monitoring: f.monitoring ?? 'weekly',
      ...(gate ? { gate } : {}),
      stages,
    });
  }
  if (problems.length > 0) throw new FlowError(problems);
  return compiled;
}
