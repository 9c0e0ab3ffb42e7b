// Golden files: expected output kept in the repository, compared as text.
// A golden is written only on purpose (UPDATE_GOLDENS=1): a missing one fails, so a CI run (which
// does not set CI, where vitest's toMatchFileSnapshot would quietly write it) cannot pass without it.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

/** Set: every golden compared is (re)written instead, and passes. */
export const UPDATING_GOLDENS = process.env.UPDATE_GOLDENS === '1';

export const UPDATE_COMMAND = 'UPDATE_GOLDENS=1 npx vitest run test/engine';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Compares `text` with a golden file; a relative path is from the repository root. */
export function expectGolden(file: string, text: string): void {
  const abs = path.resolve(ROOT, file);
  const shown = path.relative(ROOT, abs).split(path.sep).join('/');
  if (UPDATING_GOLDENS) {
    mkdirSync(path.dirname(abs), { recursive: true });
    if (!existsSync(abs) || readFileSync(abs, 'utf8') !== text) writeFileSync(abs, text);
    return;
  }
  if (!existsSync(abs)) {
    throw new Error(`golden file ${shown} is missing: write it with \`${UPDATE_COMMAND}\`, read it, and commit it`);
  }
  // toBe: vitest shows the diff line by line
  expect(text, `${shown} differs (if the change is intended: \`${UPDATE_COMMAND}\`)`).toBe(readFileSync(abs, 'utf8'));
}
