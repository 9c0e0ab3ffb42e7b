// `npm run rotate-key`: re-seals every stored value under the current DATA_KEY and in the current
// format (src/privacy/rotate.ts), in pages, resumable (run it again after a crash: it continues
// from its checkpoint), while the bot runs. Two uses: a key rotation (DATA_KEY the new key,
// DATA_KEY_PREVIOUS the old ones), and, once after upgrading to a version that stores data
// differently (values bound to their place, staff names sealed, invitation secrets hashed, notes
// packed against their flow versions and compressed, cases compressed and sessions sealed as bytes),
// with DATA_KEY alone. Needs REDIS_URL and REDIS_PREFIX as the bot's. ROTATE_BATCH sets the keys per page
// (default 500). Progress goes to stderr; the last line says whether anything is left.
import { Redis } from 'ioredis';
import { loadConfig } from '../config.ts';
import { createKeys } from '../store/keys.ts';
import { KeyRotation } from '../privacy/rotate.ts';
import { connectRegistry, loadBuiltins } from '../catalog/registry.ts';
import { noteCodec } from '../cases/note-codec.ts';

const out = (line: string) => process.stderr.write(`${line}\n`);

async function main(): Promise<number> {
  const config = loadConfig({ ...process.env, BOT_TOKEN: process.env.BOT_TOKEN ?? '0:rotate-key' });
  if (!config.dataKeys) {
    out('rotate-key: set DATA_KEY (and, to rotate, DATA_KEY_PREVIOUS to the old key or keys)');
    return 2;
  }
  if (!config.redisUrl) {
    out('rotate-key: set REDIS_URL to the Redis the bot uses');
    return 2;
  }
  // config.redisUrl: REDIS_URL with REDIS_USERNAME / REDIS_PASSWORD filled in
  const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 3 });
  try {
    const keys = createKeys(config.redisPrefix);
    // every flow version ever used, as the bot loads them: notes are packed against their own
    const builtins = await loadBuiltins();
    await connectRegistry(redis, keys, builtins, { refresh: false });
    const rotation = new KeyRotation({
      redis,
      keys,
      notes: noteCodec(builtins.catalog),
      prefix: config.redisPrefix,
      dataKeys: config.dataKeys,
      batch: Number(process.env.ROTATE_BATCH ?? 500) || 500,
      onPage: (s) => void out(`rotate-key: page done (cursor ${s.cursor}): ${s.converted} converted, ${s.scanned} values read${s.raced ? `, ${s.raced} changed meanwhile` : ''}`),
    });
    const started = Date.now();
    const stats = await rotation.run();
    out(`rotate-key: ${stats.converted} values re-sealed under key ${rotation.currentId} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const left = await rotation.remaining();
    if (left === 0) {
      await rotation.markSealed();
      out('rotate-key: nothing under an old key or in an old format is left — DATA_KEY_PREVIOUS can be removed; from their next start the bot and workers refuse a value not bound to its place.');
      return 0;
    }
    out(`rotate-key: ${left} values are still under an old key${stats.unreadable ? ` (${stats.unreadable} under a key not given here)` : ''} — is every bot process on the new DATA_KEY? Run rotate-key again.`);
    return 1;
  } finally {
    redis.disconnect();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    out(`rotate-key failed: ${String(err)} — run it again, it resumes from its checkpoint`);
    process.exit(1);
  },
);
