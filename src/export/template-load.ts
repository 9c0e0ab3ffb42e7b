// Reads the document templates (flows/reports/*.yaml) from disk, once: they are built in and change
// only with a release. A problem is `file — path: what is wrong`, and refuses start-up (runtime.ts
// loads them first) and `npm run flows:check`.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { FlowError } from '../engine/flow-compiler.ts';
import { TemplateFile } from './template-schema.ts';
import { TemplateSet } from './templates.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { DEFAULT_FLOWS_DIR } from '../catalog/load-flows.ts';

export const DEFAULT_TEMPLATES_DIR = path.join(DEFAULT_FLOWS_DIR, 'reports');

let loaded: TemplateSet | undefined;

/** The templates of a folder, validated; every problem named. */
export function loadTemplates(dir = DEFAULT_TEMPLATES_DIR): TemplateSet {
  const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
  const problems: string[] = [];
  const templates: TemplateFile[] = [];
  for (const name of files) {
    const shown = path.join(path.relative(process.cwd(), dir) || dir, name);
    let raw: unknown;
    try {
      raw = parse(readFileSync(path.join(dir, name), 'utf8'));
    } catch (err) {
      problems.push(`${shown} — not YAML: ${(err as Error).message.split('\n')[0]}`);
      continue;
    }
    const result = TemplateFile.safeParse(raw);
    if (!result.success) {
      for (const issue of result.error.issues) problems.push(`${shown} — ${issue.path.join('.') || '(file)'}: ${issue.message}`);
      continue;
    }
    if (`${result.data.id}.yaml` !== name) problems.push(`${shown} — id: "${result.data.id}" differs from the file's name`);
    templates.push(result.data);
  }
  problems.push(...TemplateSet.conflicts(templates));
  if (problems.length) throw new FlowError(problems);
  return new TemplateSet(templates);
}

/** The built-in templates, read on first use. */
export function builtinTemplates(): TemplateSet {
  loaded ??= loadTemplates();
  return loaded;
}

/** What only the flows can tell: a `question:` column, a plan's questions, a `flows:` entry that does not exist. */
export function templateRefProblems(set: TemplateSet, catalog: Catalog): string[] {
  const problems: string[] = [];
  for (const t of set.all()) {
    const flows = (t.flows ?? []).map((id) => ({ id, flow: catalog.get(id) }));
    for (const f of flows) if (!f.flow) problems.push(`flows/reports/${t.id}.yaml — flows: no flow "${f.id}"`);
    const questions = (id: string) => flows.flatMap((f) => f.flow?.stages.flatMap((s) => s.questions.filter((q) => q.id === id)) ?? []);
    const asked = (id: string) => questions(id).length > 0;
    // a document filed outside never names the worker's own answers, whichever way it asks for them
    const own = (id: string) => t.audience === 'institution' && questions(id).some((q) => q.section === 'supervisi' || q.section === 'internal');
    const refs = t.parts.flatMap((p) => (p.part === 'table' ? p.columns.map((c) => c.value).filter((v) => v.startsWith('question:')).map((v) => v.slice(9)) : p.part === 'plan' ? [p.goals, p.components] : []));
    if (refs.length > 0 && flows.length === 0) problems.push(`flows/reports/${t.id}.yaml — flows: a template that names questions must name the flows they are in`);
    for (const id of refs) if (flows.length > 0 && !asked(id)) problems.push(`flows/reports/${t.id}.yaml — no question "${id}" in ${flows.map((f) => f.id).join(', ')}`);
    for (const id of refs) if (own(id)) problems.push(`flows/reports/${t.id}.yaml — "${id}" is the worker's own answer (section supervisi or internal): not in a document filed outside (audience: institution)`);
  }
  return problems;
}
