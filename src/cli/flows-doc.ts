// `npm run flows:doc`: writes docs/flows/<id>.md for every built-in flow (and docs/flows/README.md),
// removing pages of flows that are gone. test/engine/flows-doc.test.ts fails when they are stale.
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { FlowError } from '../engine/flow-compiler.ts';
import { DEFAULT_FLOWS_DIR, loadFlowFiles } from '../catalog/load-flows.ts';
import { renderFlowDocs } from '../catalog/flow-docs.ts';

const DOCS_DIR = path.resolve(DEFAULT_FLOWS_DIR, '../docs/flows');

try {
  const docs = renderFlowDocs(await loadFlowFiles());
  await mkdir(DOCS_DIR, { recursive: true });
  for (const name of await readdir(DOCS_DIR)) {
    if (name.endsWith('.md') && !docs.has(name)) await rm(path.join(DOCS_DIR, name));
  }
  for (const [name, text] of docs) await writeFile(path.join(DOCS_DIR, name), text);
  process.stdout.write(`wrote ${docs.size} files to docs/flows/\n`);
} catch (err) {
  if (err instanceof FlowError) {
    process.stderr.write(`${err.problems.join('\n')}\n${err.problems.length} problem(s) in flows\n`);
    process.exit(1);
  }
  throw err;
}
