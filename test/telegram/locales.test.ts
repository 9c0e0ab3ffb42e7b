// Both languages say the same things: every text of locales/id.ftl is in locales/en.ftl and the
// other way round, with the same variables (a text that drops `{ $client }` in one language would
// silently show less; one that names a variable the code never passes shows Fluent's error mark).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** Message id → the variables its text (with its attributes and continuation lines) names. */
function messages(file: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let current: string | undefined;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const start = /^([a-z][a-z0-9-]*)\s*=/.exec(line);
    if (start) {
      current = start[1]!;
      out.set(current, []);
    } else if (line !== '' && !/^\s/.test(line)) {
      current = undefined; // a comment or a section heading ends the text; a blank line may be inside one
    }
    if (current) for (const m of line.matchAll(/\{\s*\$([a-zA-Z_][\w-]*)/g)) out.get(current)!.push(m[1]!);
  }
  for (const [k, vars] of out) out.set(k, [...new Set(vars)].sort());
  return out;
}

describe('locales', () => {
  const id = messages('locales/id.ftl');
  const en = messages('locales/en.ftl');

  it('have the same texts in Indonesian and English', () => {
    expect(id.size).toBeGreaterThan(400);
    expect([...id.keys()].filter((k) => !en.has(k))).toEqual([]);
    expect([...en.keys()].filter((k) => !id.has(k))).toEqual([]);
  });

  it('name the same variables in both languages', () => {
    const differ = [...id].filter(([k, vars]) => JSON.stringify(vars) !== JSON.stringify(en.get(k))).map(([k, vars]) => `${k}: id ${vars.join(',')} / en ${en.get(k)?.join(',')}`);
    expect(differ).toEqual([]);
  });
});
