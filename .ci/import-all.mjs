// Loads every module under src/ (not the entry points, which would start things) with only the
// production dependencies installed: the image would fail the same way on a missing one.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const ENTRY = /(^|\/)(main|worker-main)\.ts$|\/cli\//;
const files = [];
(function walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (p.endsWith('.ts') && !ENTRY.test(p)) files.push(p);
  }
})('src');
for (const f of files) await import(pathToFileURL(path.resolve(f)).href);
process.stdout.write(`${files.length} modules load with production dependencies only\n`);
