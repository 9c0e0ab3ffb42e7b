// Development without DATA_KEY: a key is made once and kept in the data folder, so notes written
// yesterday still open today. Production requires DATA_KEY (config.ts).
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export async function devDataKey(dataDir: string): Promise<Buffer> {
  const file = path.resolve(dataDir, 'dev-data-key');
  try {
    return Buffer.from((await readFile(file, 'utf8')).trim(), 'base64');
  } catch {
    await mkdir(path.dirname(file), { recursive: true });
    const key = randomBytes(32);
    await writeFile(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    return key;
  }
}
