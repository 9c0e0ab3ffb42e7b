// Turns flow YAML texts into compiled flows, or into precise errors
// (`file:line:column — path: what is wrong`, in plain words).
// Pure: the caller reads the files; this module only parses, validates and links them.
import { isMap, isNode, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { documentDepth, LIMITS, mapKeys, PRESCAN_DEPTH, PRESCAN_KEYS, questionCount, textDepth, textKeys } from './flow-limits.ts';
import {
  CommonFile,
  FlowFile,
  type Condition,
  type Question,
  type CommonFile as CommonFileT,
  type FlowFile as FlowFileT,
  STYLE_RULES,
} from './flow-schema.ts';
import { conditionRefs, isFact } from './conditions.ts';
import type { CompiledStage, Flow } from './types.ts';

export interface SourceFile {
  /** path as shown in errors, e.g. "flows/zastrow.yaml"; common files live under ".../common/" */
  path: string;
  text: string;
}

export class FlowError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(problems.join('\n'));
    this.problems = problems;
    this.name = 'FlowError';
  }
}

export interface CompileOptions {
  /**
   * Frozen earlier versions (flows/versions/): style rules added since (label lengths, prompt
   * lines) are not applied to them; structure still is. Their notes must still render.
   */
  archived?: boolean;
}

/** A compiled flow with where it came from. */
export interface CompiledFile {
  flow: Flow;
  /** the path it was read from, as shown in problems */
  file: string;
  /** ids of the questions that came from common files (the shared header and footer) */
  shared: string[];
}

interface Parsed<T> {
  file: SourceFile;
  doc: Document;
  lines: LineCounter;
  data: T;
}

/** `line:column` of the deepest node that exists on the path (a key's own position when the path
 *  ends in a key, so an unknown or wrong key is pointed at where it is written). */
function lineOf(p: { doc: Document; lines: LineCounter }, path: PropertyKey[]): string {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? p.doc.contents : p.doc.getIn(path.slice(0, n) as unknown[], true);
    const last = path[n - 1];
    if (n > 0 && typeof last === 'string') {
      const parent = n === 1 ? p.doc.contents : p.doc.getIn(path.slice(0, n - 1) as unknown[], true);
      if (isMap(parent)) {
        const pair = parent.items.find((i) => isScalar(i.key) && i.key.value === last);
        if (pair && isNode(pair.key) && pair.key.range) return pos(p.lines, pair.key.range[0]);
      }
    }
    if (isNode(node) && node.range) return pos(p.lines, node.range[0]);
  }
  return '1:1';
}

function pos(lines: LineCounter, offset: number): string {
  const { line, col } = lines.linePos(offset);
  return `${line}:${col}`;
}

/** Unknown keys named in one problem; the others are counted. */
const NAMED_KEYS = 10;

const TYPES = 'text, longtext, choice, multi, yesno, scale, number, date, file, initials';

/** zod's issue in the words of the docs: what is wrong and what to write instead. */
function plainWords(issue: z.core.$ZodIssue, data: unknown): string {
  const key = issue.path[issue.path.length - 1];
  const valueAt = (path: PropertyKey[]) =>
    path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined), data);
  switch (issue.code) {
    case 'invalid_union':
      if ('discriminator' in issue && issue.discriminator === 'type') {
        const v = valueAt(issue.path);
        return v === undefined ? `the question has no type (use one of: ${TYPES})` : `unknown question type "${String(v)}" (use one of: ${TYPES})`;
      }
      return issue.message;
    case 'unrecognized_keys': {
      if (issue.keys.length === 1) return `unknown key "${issue.keys[0]}" (check its spelling; docs/flows.md lists the keys)`;
      // a few named, the rest counted: thousands of names would not fit in a chat message
      const named = issue.keys.slice(0, NAMED_KEYS).map((k) => `"${k}"`).join(', ');
      const more = issue.keys.length > NAMED_KEYS ? ` and ${issue.keys.length - NAMED_KEYS} more` : '';
      return `unknown keys ${named}${more} (check their spelling; docs/flows.md lists the keys)`;
    }
    case 'invalid_type': {
      const v = valueAt(issue.path);
      if (key === 'id' && issue.path.length >= 2 && issue.message.includes('Indonesian')) return issue.message;
      if (v === undefined) {
        if (key === 'options') return 'this question needs options (a list of { value, label })';
        return `"${String(key)}" is missing`;
      }
      return `"${String(key)}" should be ${article(issue.expected)}, not ${Array.isArray(v) ? 'a list' : typeof v}`;
    }
    case 'too_small':
      if (issue.origin === 'array') return key === 'options' ? `needs at least ${String(issue.minimum)} options` : `needs at least ${String(issue.minimum)} item(s)`;
      if (issue.origin === 'string' && !issue.message.startsWith('Too small')) return issue.message;
      return issue.origin === 'string' ? 'must not be empty' : `must be at least ${String(issue.minimum)}`;
    case 'too_big':
      if (issue.origin === 'array') return key === 'options' ? `at most ${String(issue.maximum)} options` : `at most ${String(issue.maximum)} item(s)`;
      return issue.origin === 'string' ? `longer than ${String(issue.maximum)} characters` : `must be at most ${String(issue.maximum)}`;
    case 'invalid_value':
      return `must be one of: ${issue.values.map(String).join(', ')}`;
    default:
      return issue.message;
  }
}

function article(expected: string): string {
  const words: Record<string, string> = { array: 'a list', object: 'a map (key: value)', string: 'a text', number: 'a number', boolean: 'true or false' };
  return words[expected] ?? expected;
}

function formatPath(path: PropertyKey[]): string {
  return path
    .map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`))
    .join('');
}

const TOO_DEEP = `nested deeper than ${LIMITS.maxDepth} levels; a flow needs about 10`;
const TOO_MANY_KEYS = `over ${LIMITS.maxKeys} keys (names before a colon); a flow file has a few hundred`;
/** yaml's own words for a key written twice in a mapping, as its `uniqueKeys` check reported it */
const DUPLICATE_KEY = 'Map keys must be unique';

/**
 * The checks of a file's text that need no parsing, each cheap (one pass): its size, an estimate of
 * its nesting and of its keys. An upload runs them before a parser is started at all.
 */
export function precheckFlowFile(file: SourceFile): string[] {
  const bytes = Buffer.byteLength(file.text, 'utf8');
  if (bytes > LIMITS.maxBytes) {
    return [`${file.path}:1:1 — the file is ${Math.ceil(bytes / 1024)} KB; a flow file may have at most ${LIMITS.maxBytes / 1024} KB`];
  }
  if (textDepth(file.text) > PRESCAN_DEPTH) return [`${file.path}:1:1 — ${TOO_DEEP}`];
  if (textKeys(file.text) > PRESCAN_KEYS) return [`${file.path}:1:1 — ${TOO_MANY_KEYS}`];
  return [];
}

function parse<T>(file: SourceFile, schema: z.ZodType<T>, problems: string[], opts: CompileOptions): Parsed<T> | undefined {
  // Limits first: a hostile file is refused before the parser spends anything on it.
  const early = precheckFlowFile(file);
  if (early.length > 0) {
    problems.push(...early);
    return undefined;
  }
  const lines = new LineCounter();
  // uniqueKeys off: the parser's check is quadratic in a mapping's keys; mapKeys checks in one pass
  const doc = parseDocument(file.text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
  const keys = mapKeys(doc);
  const yamlErrors = [
    ...doc.errors.map((e) => ({ at: e.pos[0], message: e.message.split('\n')[0] })),
    ...keys.duplicates.map((k) => ({ at: k.range?.[0] ?? 0, message: DUPLICATE_KEY })),
  ].sort((a, b) => a.at - b.at);
  if (yamlErrors.length > 0) {
    for (const e of yamlErrors) problems.push(`${file.path}:${pos(lines, e.at)} — YAML: ${e.message}`);
    return undefined;
  }
  if (keys.count > LIMITS.maxKeys) {
    problems.push(`${file.path}:1:1 — ${TOO_MANY_KEYS}`);
    return undefined;
  }
  if (documentDepth(doc) > LIMITS.maxDepth) {
    problems.push(`${file.path}:1:1 — ${TOO_DEEP}`);
    return undefined;
  }
  let raw: unknown;
  try {
    // aliases (*name) are expanded with a small budget: an "alias bomb" stops here, not in memory
    raw = doc.toJS({ maxAliasCount: LIMITS.maxAliasCount });
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    problems.push(`${file.path}:1:1 — YAML aliases (*name) expand too far (${msg.split('\n')[0]}); write the questions out instead`);
    return undefined;
  }
  const count = questionCount(raw);
  if (count > LIMITS.maxQuestions) {
    problems.push(`${file.path}:1:1 — ${count} questions; a flow file may have at most ${LIMITS.maxQuestions}`);
    return undefined;
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    const issues = opts.archived
      ? result.error.issues.filter((i) => !(i.code === 'custom' && STYLE_RULES.has(i.message)))
      : result.error.issues;
    if (issues.length === 0 && opts.archived) return { file, doc, lines, data: raw as T };
    for (const issue of issues) {
      const path = issue.code === 'unrecognized_keys' && issue.keys.length === 1 ? [...issue.path, issue.keys[0]!] : issue.path;
      const where = issue.path.length ? `${formatPath(issue.path)}: ` : '';
      problems.push(`${file.path}:${lineOf({ doc, lines }, path)} — ${where}${plainWords(issue, raw)}`);
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
        if (seen.has(ref)) continue;
        if (isFact(ref)) {
          if (!(CASE_FACTS as readonly string[]).includes(ref)) at(['when'], `no case fact "${ref}" (use one of: ${CASE_FACTS.join(', ')})`);
          continue;
        }
        const later = questions.findIndex((x) => x.id === ref);
        if (later > i) at(['when'], `condition refers to "${ref}", which is asked only later (question ${later + 1} of this stage): a condition may refer only to questions asked before it`);
        else at(['when'], `condition refers to "${ref}", which is not a question of this stage (shared questions included)`);
      }
    }
    seen.set(q.id, q);
  });
}

/**
 * What a condition may read of the case itself, besides the answers, as the intake recorded it
 * (src/cases/intake-facts.ts) and set when a note begins (src/cases/case-facts.ts):
 * - `@setting`: where the client is served (lapas, bapas, lpka, ipwl, bnnk, panti, sentra, lks, lainnya);
 * - `@anak`: the client is a child (under 18);
 * - `@peran`: the worker's own role in the case (pk, peksos, konselor, praktikan, lainnya);
 * - `@program`: a Bapas client's program (pembebasan_bersyarat, cuti_bersyarat, cuti_menjelang_bebas,
 *   asimilasi, pidana_bersyarat, pidana_pengawasan, klien_anak, lainnya);
 * - `@napza`: the client uses or used narcotics (a main substance other than "none" was recorded);
 * - `@kelompok`: a group case (the group, not one client).
 * A case opened before a fact was asked has none: `{ "@peran": { answered: false } }` tells it apart.
 */
export const CASE_FACTS = ['@setting', '@anak', '@peran', '@program', '@napza', '@kelompok'] as const;

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
  const moreLabel = q.options.find((o) => o.value === MORE_OPTION)?.label ?? { id: 'Lainnya…', en: 'Other…' };
  // Without a follow-up prompt the other options open in place under the more button, which is
  // navigation: it is never ticked, counted or saved (the built-in flows from their version 5).
  if (!q.more_prompt) {
    // (a "Lainnya" that is an answer, `other`, stays one)
    const options = q.options.filter((o) => o.value !== MORE_OPTION || o.other);
    return [{ ...q, options, first: first.map((o) => o.value), more_label: moreLabel }, undefined];
  }
  const head: Question = { ...q, options: [...first, { value: MORE_OPTION, label: moreLabel }] };
  const tail: Question = {
    id: `${q.id}_lain`,
    type: 'multi',
    prompt: q.more_prompt,
    options: rest,
    when: andWhen(q.when, { [q.id]: { includes: MORE_OPTION } }),
    ...(q.summary ? { summary: true } : {}),
    ...(q.report_label ? { report_label: q.report_label } : {}),
    ...(q.section ? { section: q.section } : {}),
    ...(q.carry ? { carry: true } : {}),
  };
  return [head, tail];
}

/**
 * "Lainnya" chosen says nothing by itself: each option marked `other` is followed by a one-line
 * question asking what it was, asked only when that option is chosen.
 */
function otherFollowUps(q: Question): Question[] {
  if (q.type !== 'choice' && q.type !== 'multi') return [];
  const others = q.options.filter((o) => o.other);
  return others.map((o): Question => ({
    id: others.length === 1 ? `${q.id}_sebut` : `${q.id}_sebut_${o.value}`,
    type: 'text',
    max: OTHER_MAX,
    prompt: { id: `“${o.label.id}”: apa tepatnya?`, en: `“${o.label.en ?? o.label.id}”: what exactly?` },
    help: { id: 'Sebutkan singkat, satu baris.', en: 'Name it briefly, in one line.' },
    when: andWhen(q.when, { [q.id]: q.type === 'multi' ? { includes: o.value } : o.value }),
    ...(q.summary ? { summary: true } : {}),
    // printed beside its question's answer in documents ("Lainnya: kunjungan sekolah")
    ...(q.section ? { section: q.section } : {}),
  }));
}

/** A "sebutkan" answer is one line. */
const OTHER_MAX = 150;

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
export function compileFlows(files: SourceFile[], opts: CompileOptions = {}): Flow[] {
  return compileFlowFiles(files, opts).map((c) => c.flow);
}

/** As compileFlows, with each flow's file and the ids of its shared questions. */
export function compileFlowFiles(files: SourceFile[], opts: CompileOptions = {}): CompiledFile[] {
  const problems: string[] = [];
  const commons = new Map<string, Parsed<CommonFileT>>();
  const flows: Parsed<FlowFileT>[] = [];
  for (const file of files) {
    const common = /(?:^|\/)(common\/[^/]+)\.ya?ml$/.exec(file.path);
    if (common?.[1]) {
      const parsed = parse(file, CommonFile, problems, opts);
      if (parsed) commons.set(common[1], parsed);
    } else {
      const parsed = parse(file, FlowFile, problems, opts);
      if (parsed) flows.push(parsed);
    }
  }

  const compiled: CompiledFile[] = [];
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
    const sharedIds = new Set<string>();

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
        if (origin.parsed !== (p as Parsed<unknown>)) sharedIds.add(q.id);
        for (const f of otherFollowUps(q)) push(f, origin);
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
      return { id: s.id, index: si, title: s.title, guide: s.guide, ...(s.weeks ? { weeks: s.weeks } : {}), ...(s.alongside ? { alongside: true } : {}), questions };
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

    // a preset answers a shared question of every stage with its own options
    for (const [id, value] of Object.entries(f.preset ?? {})) {
      const at = `${p.file.path}:${lineOf(p, ['preset', id])} — preset.${id}`;
      if (!sharedIds.has(id)) {
        problems.push(`${at}: no shared question "${id}" (a preset answers a question every stage asks)`);
        continue;
      }
      const q = stages[0]!.questions.find((x) => x.id === id);
      const values = Array.isArray(value) ? value : [value];
      if (!q || (q.type !== 'choice' && q.type !== 'multi')) problems.push(`${at}: only a choice or multi question can be preset`);
      else if (q.type === 'choice' && Array.isArray(value)) problems.push(`${at}: "${id}" takes one option, not a list`);
      else if (q.type === 'multi' && !Array.isArray(value)) problems.push(`${at}: "${id}" takes a list of options`);
      else for (const v of values) if (!q.options.some((o) => o.value === v)) problems.push(`${at}: "${v}" is not an option of "${id}"`);
    }

    f.migrations?.forEach((m, mi) => {
      if (m.from >= f.version) problems.push(`${p.file.path}:${lineOf(p, ['migrations', mi, 'from'])} — migrations[${mi}].from: a migration leads from an earlier version to this one (${f.version}); from ${m.from} is not earlier`);
    });

    compiled.push({
      file: p.file.path,
      shared: [...sharedIds],
      flow: {
        id: f.id,
        version: f.version,
        title: f.title,
        short: f.short,
        description: f.description,
        source: f.source,
        monitoring: f.monitoring ?? 'weekly',
        ...(f.group ? { group: true } : {}),
        ...(f.preset && Object.keys(f.preset).length ? { preset: f.preset } : {}),
        ...(gate ? { gate } : {}),
        stages,
        ...(f.migrations?.length ? { migrations: f.migrations } : {}),
      },
    });
  }
  if (problems.length > 0) throw new FlowError(problems);
  return compiled;
}
