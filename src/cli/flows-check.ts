// `npm run flows:check [file-or-folder…]`: validates flow files the way start-up (and an upload to
// the bot) does, and prints every problem as `file:line:column — path: what is wrong`.
// No argument: flows/ with its earlier versions (flows/versions/). A file is checked with the
// common files of its own folder (its `common/`), or flows/common/ when it has none.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { compileFlowFiles, FlowError, type CompiledFile } from '../engine/flow-compiler.ts';
import { commonSources, DEFAULT_FLOWS_DIR, loadBuiltinFiles, loadFlowFiles, readSources } from '../catalog/load-flows.ts';
import { Catalog } from '../catalog/catalog.ts';
import { loadTemplates, templateRefProblems } from '../export/template-load.ts';

async function check(arg: string): Promise<CompiledFile[]> {
  const info = await stat(arg).catch(() => undefined);
  if (!info) throw new FlowError([`${arg}:1:1 — no such file or folder`]);
  if (info.isDirectory()) {
    const resolved = path.resolve(arg);
    if (resolved === DEFAULT_FLOWS_DIR) {
      const { current, earlier } = await loadBuiltinFiles(resolved);
      return [...current, ...earlier.map((e) => ({ ...e, archived: true }))];
    }
    return loadFlowFiles(resolved);
  }
  const dir = path.dirname(path.resolve(arg));
  if (path.basename(dir) === 'common') {
    compileFlowFiles(await readSources([arg])); // a shared block alone: checked, no flow to list
    return [];
  }
  let commons = await commonSources(dir);
  if (commons.length === 0) commons = await commonSources(DEFAULT_FLOWS_DIR);
  return compileFlowFiles([...(await readSources([arg])), ...commons]);
}

const args = process.argv.slice(2);
const problems: string[] = [];
const flows: (CompiledFile & { archived?: boolean })[] = [];
for (const arg of args.length ? args : [DEFAULT_FLOWS_DIR]) {
  try {
    flows.push(...(await check(arg)));
  } catch (err) {
    if (!(err instanceof FlowError)) throw err;
    problems.push(...err.problems);
  }
}
if (problems.length > 0) {
  process.stderr.write(`${problems.join('\n')}\n${problems.length} problem(s) in flows\n`);
  process.exit(1);
}
for (const { flow: f, archived } of flows) {
  const questions = f.stages.reduce((n, s) => n + s.questions.length, 0);
  process.stdout.write(`ok  ${f.id} v${f.version}${archived ? ' (earlier version)' : ''}: ${f.stages.length} stages, ${questions} questions (shared included)\n`);
}
const current = flows.filter((f) => !f.archived).length;
process.stdout.write(`${current} flows valid${current < flows.length ? ` (and ${flows.length - current} earlier versions)` : ''}\n`);

// the document templates beside the built-in flows (flows/reports/): their shape, and the questions they name
if (args.length === 0) {
  try {
    const templates = loadTemplates();
    const refs = templateRefProblems(templates, new Catalog(flows.filter((f) => !f.archived).map((f) => f.flow)));
    if (refs.length > 0) throw new FlowError(refs);
    process.stdout.write(`${templates.all().length} document templates valid\n`);
  } catch (err) {
    if (!(err instanceof FlowError)) throw err;
    process.stderr.write(`${err.problems.join('\n')}\n${err.problems.length} problem(s) in document templates\n`);
    process.exit(1);
  }
}
