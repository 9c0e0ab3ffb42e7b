// Reads flows/*.yaml and flows/common/*.yaml from disk and compiles them into a catalog.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileFlows, type SourceFile } from '../engine/flow-compiler.ts';
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

/** Loads every flow; throws FlowError listing every problem (file:line — what is wrong). */
export async function loadFlows(dir = DEFAULT_FLOWS_DIR): Promise<Flow[]> {
  const paths = [...(await yamlFiles(dir)), ...(await yamlFiles(path.join(dir, 'common')))];
  const shown = (p: string) => path.relative(process.cwd(), p) || p;
  const files: SourceFile[] = await Promise.all(
    paths.map(async (p) => ({ path: shown(p).split(path.sep).join('/'), text: await readFile(p, 'utf8') })),
  );
  return compileFlows(files);
}

export async function loadCatalog(dir = DEFAULT_FLOWS_DIR): Promise<Catalog> {
  return new Catalog(await loadFlows(dir));
}
