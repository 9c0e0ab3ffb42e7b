// Every error class names itself: a log line's `err.type`/`name` and an error's first stack line say
// which error it is ("RedisNotInstalledError: …", not "Error: …").
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FlowCheckTimeout } from '../src/catalog/flow-thread.ts';
import { ConfigError } from '../src/config.ts';
import { FlowError } from '../src/engine/flow-compiler.ts';
import { BusyError } from '../src/playground/playground.ts';
import { NotPlaygroundDataError } from '../src/playground/wipe.ts';
import { SealedValueError } from '../src/store/crypto.ts';
import { RedisNotInstalledError } from '../src/store/local-redis.ts';
import { ConcurrentUpdateError } from '../src/store/workspace-store.ts';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : /\.(ts|mts)$/.test(e.name) ? [p] : [];
  });
}

describe('error classes', () => {
  it('each sets its own name', () => {
    const errors: Error[] = [
      new FlowCheckTimeout(1_000), new ConfigError('x'), new FlowError(['x']), new BusyError('x'), new NotPlaygroundDataError('x'),
      new SealedValueError('x'), new RedisNotInstalledError(), new ConcurrentUpdateError(1),
    ];
    for (const err of errors) {
      expect(err.name).toBe(err.constructor.name);
      expect(err.stack!.split('\n')[0]).toMatch(new RegExp(`^${err.constructor.name}: `));
    }
  });

  it('every error class in src/ names itself in its body (one not exported too)', () => {
    const classes: string[] = [];
    const unnamed: string[] = [];
    for (const file of filesUnder('src')) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/class (\w+) extends \w*Error\b[^{]*\{([\s\S]*?)\n\}/g)) {
        const [, cls, body] = m;
        classes.push(cls!);
        if (!new RegExp(`\\bname = '${cls}'`).test(body!)) unnamed.push(`${file}: ${cls}`);
      }
    }
    expect(unnamed).toEqual([]);
    expect(classes.length).toBeGreaterThanOrEqual(9);
  });
});
