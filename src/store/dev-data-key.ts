// The playground without DATA_KEY: a key is made once and kept in its data folder, so what was
// tried yesterday still opens today. Anything that may hold real client data requires DATA_KEY
// (src/config.ts): a key kept beside the data travels in every backup of it.
import { randomBytes } from 'node:crypto';
import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** The development key's file in `dataDir`, if one was made there. */
export async function devDataKeyFile(dataDir: string): Promise<string | undefined> {
  const file = path.resolve(dataDir, 'dev-data-key');
  return access(file).then(() => file, () => undefined);
}

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
