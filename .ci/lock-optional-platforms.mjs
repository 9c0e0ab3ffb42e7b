// The npm registry this project is built from lacks msgpackr-extract's macOS/Windows/armv7 builds
// (404), so `npm install` leaves them out of package-lock.json and `npm ci` then refuses the lock.
// They are optional, os/cpu-guarded packages that Linux never installs: listing them (without a
// tarball) satisfies `npm ci`. Run after any `npm install` that rewrites the lock:
//   node .ci/lock-optional-platforms.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
const extract = lock.packages['node_modules/msgpackr-extract'];
if (extract) {
  for (const name of Object.keys(extract.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    if (lock.packages[key]) continue;
    const [, platform, arch] = /msgpackr-extract-([a-z0-9]+)-([a-z0-9]+)$/.exec(name) ?? [];
    if (!platform) continue;
    lock.packages[key] = { version: extract.optionalDependencies[name], cpu: [arch], license: 'MIT', optional: true, os: [platform] };
  }
  const sorted = {};
  for (const k of Object.keys(lock.packages).sort((a, b) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b)))) sorted[k] = lock.packages[k];
  lock.packages = sorted;
  writeFileSync('package-lock.json', `${JSON.stringify(lock, null, 2)}\n`);
}
