// Reads flows/*.yaml and flows/common/*.yaml from disk and compiles them into a catalog, with the
// frozen earlier versions kept in flows/versions/<snapshot>/ (each a flows folder of its own, with
// its own common/): versions older than the registry in Redis, so their notes still have their
// questions. Newer versions need no file here: start-up stores every version in Redis, for good.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileFlowFiles, FlowError, type CompiledFile, type SourceFile } from '../engine/flow-compiler.ts';
import type { Flow } from '../engine/types.ts';
import { Catalog } from './catalog.ts';

export const DEFAULT_FLOWS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../flows');

async function yamlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
    .map((e) => path.join(dir, e.name))
    .sort();
}

const shown = (p: string) => (path.relative(process.cwd(), p) || p).split(path.sep).join('/');

/** Reads files as SourceFiles, with the paths problems name. */
export async function readSources(paths: string[]): Promise<SourceFile[]> {
  return Promise.all(paths.map(async (p) => ({ path: shown(p), text: await readFile(p, 'utf8') })));
}

/** The source files of one flows folder: its flows, then its common/. */
async function folderSources(dir: string): Promise<SourceFile[]> {
  return readSources([...(await yamlFiles(dir)), ...(await yamlFiles(path.join(dir, 'common')))]);
}

/** The flows of one folder (and its common/), compiled, with their files. */
export async function loadFlowFiles(dir = DEFAULT_FLOWS_DIR, opts: { archived?: boolean } = {}): Promise<CompiledFile[]> {
  return compileFlowFiles(await folderSources(dir), opts);
}

/** The snapshot folders under <dir>/versions/, in order. */
async function snapshotDirs(dir: string): Promise<string[]> {
  const root = path.join(dir, 'versions');
  return (await readdir(root, { withFileTypes: true }).catch(() => []))
    .filter((e) => e.isDirectory())
    .map((e) => path.join(root, e.name))
    .sort();
}

/** Compiles frozen earlier versions, one snapshot's sources each; every problem is reported. */
function compileArchived(snapshots: SourceFile[][]): CompiledFile[] {
  const out: CompiledFile[] = [];
  const problems: string[] = [];
  for (const sources of snapshots) {
    try {
      out.push(...compileFlowFiles(sources, { archived: true }));
    } catch (err) {
      if (!(err instanceof FlowError)) throw err;
      problems.push(...err.problems);
    }
  }
  if (problems.length) throw new FlowError(problems);
  return out;
}

/** The built-in flows as compiled: the current files and the frozen earlier versions. */
export interface CompiledBuiltins {
  current: CompiledFile[];
  earlier: CompiledFile[];
}

/** The built-in flows: current (flows/) and earlier (flows/versions/), checked against each other. */
export async function loadBuiltinFiles(dir = DEFAULT_FLOWS_DIR): Promise<CompiledBuiltins> {
  const [currentSources, snapshots] = await Promise.all([folderSources(dir), snapshotDirs(dir).then((d) => Promise.all(d.map(folderSources)))]);
  const current = compileFlowFiles(currentSources);
  const earlier = compileArchived(snapshots);
  checkEarlier(current, earlier);
  return { current, earlier };
}

/** Earlier versions must be older than the current file's, and each kept once. */
function checkEarlier(current: CompiledFile[], earlier: CompiledFile[]): void {
  const now = new Map(current.map((c) => [c.flow.id, c]));
  const problems: string[] = [];
  const seen = new Map<string, string>();
  for (const e of earlier) {
    const cur = now.get(e.flow.id);
    if (cur && e.flow.version >= cur.flow.version) problems.push(`${e.file}: flow "${e.flow.id}" version ${e.flow.version} is kept as an earlier version, but ${cur.file} is version ${cur.flow.version}`);
    const key = `${e.flow.id}@${e.flow.version}`;
    const dup = seen.get(key);
    if (dup) problems.push(`${e.file}: flow "${e.flow.id}" version ${e.flow.version} is also kept in ${dup}`);
    seen.set(key, e.file);
  }
  if (problems.length) throw new FlowError(problems);
}

/** Loads every flow; throws FlowError listing every problem (file:line:column — what is wrong). */
export async function loadFlows(dir = DEFAULT_FLOWS_DIR): Promise<Flow[]> {
  return (await loadFlowFiles(dir)).map((c) => c.flow);
}

export async function loadCatalog(dir = DEFAULT_FLOWS_DIR): Promise<Catalog> {
  const { current, earlier } = await loadBuiltinFiles(dir);
  return new Catalog(current.map((c) => c.flow), earlier.map((c) => c.flow));
}

/** The common files a flow in `dir` may include (for checking single files, and uploads). */
export async function commonSources(dir = DEFAULT_FLOWS_DIR): Promise<SourceFile[]> {
  return readSources(await yamlFiles(path.join(dir, 'common')));
}
