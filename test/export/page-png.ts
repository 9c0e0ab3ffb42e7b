// A PDF's first page as PNG (poppler's pdftoppm), for a test to check it rendered and, with
// REPORT_DOCS=1, to refresh the pictures of docs/reports/ that docs/panduan.md shows.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function firstPagePng(pdf: Buffer, name: string): Buffer {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'page-png-'));
  try {
    writeFileSync(path.join(dir, 'in.pdf'), pdf);
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', path.join(dir, 'in.pdf'), path.join(dir, name)]);
    const png = path.join(dir, `${name}.png`);
    if (process.env['REPORT_DOCS']) {
      const docs = path.resolve('docs/reports');
      mkdirSync(docs, { recursive: true });
      copyFileSync(png, path.join(docs, `${name}.png`));
    }
    return readFileSync(png);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
