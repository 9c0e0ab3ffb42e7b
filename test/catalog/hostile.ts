// Flow files made to hurt: each must be refused cleanly, quickly, with a problem that says why.
const head = `id: jahat
version: 1
title: { id: "Jahat" }
short: { id: "Jahat" }
source: "uji"
include:
  before: [common/session-header]
  after: [common/session-footer]
stages:
`;

function stage(questions: string): string {
  return `  - id: satu
    title: { id: "Satu" }
    guide: { id: "Panduan." }
    questions:
${questions}`;
}

const q = (i: number) => `      - id: q${i}
        type: text
        prompt: { id: "Pertanyaan ${i}?" }
`;

/** Distinct key names, a few bytes each (a, b, …, z, aa, ab, …), none a key a flow knows. */
function keyName(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(97 + ((n - 1) % 26)) + s;
  return `${s}_`;
}

/** About `bytes` of keys: one block mapping, one flow mapping, or many mappings of 500 keys in a list. */
export function manyKeys(shape: 'block' | 'flow' | 'lists', bytes: number): string {
  const parts: string[] = [head, stage(q(1))];
  let size = head.length;
  const add = (part: string) => {
    parts.push(part);
    size += part.length;
  };
  if (shape === 'flow') add('x: {');
  if (shape === 'lists') add('x:\n');
  for (let i = 0; size < bytes; i++) {
    if (shape === 'block') add(`${keyName(i)}:\n`);
    else if (shape === 'flow') add(`${keyName(i)},`);
    else add(`${i % 500 === 0 ? '  - ' : '    '}${keyName(i)}:\n`);
  }
  if (shape === 'flow') add('z}\n');
  return parts.join('');
}

export const HOSTILE: Record<string, { text: string; problem: RegExp }> = {
  'over 256 KB': { text: head + stage(q(1)) + `# ${'x'.repeat(270 * 1024)}\n`, problem: /at most 256 KB/ },
  'a YAML alias bomb': {
    text: `a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
`,
    problem: /aliases/,
  },
  'nesting deeper than 20 (brackets)': { text: `${head}x: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`, problem: /nested deeper than 20/ },
  'nesting deeper than 20 (blocks)': {
    text: `${head}${Array.from({ length: 30 }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n')} 1\n`,
    problem: /nested deeper than 20/,
  },
  // the yaml parser's duplicate-key check was quadratic in a mapping's keys: 10 s and more (issue 23)
  'many keys in one mapping': { text: manyKeys('block', 165 * 1024), problem: /over 10000 keys/ },
  'many keys in one flow mapping': { text: manyKeys('flow', 233 * 1024), problem: /over 10000 keys/ },
  'many keys in many mappings': { text: manyKeys('lists', 233 * 1024), problem: /over 10000 keys/ },
  'over 500 questions': { text: head + stage(Array.from({ length: 501 }, (_, i) => q(i)).join('')), problem: /501 questions; a flow file may have at most 500/ },
  'unknown keys': { text: head + stage(q(1)) + 'payload: "rm -rf /"\n', problem: /unknown key "payload"/ },
  'HTML that would break Telegram': {
    text: head + stage(`      - id: q1
        type: text
        prompt: { id: "Apa <b>yang terjadi" }
`),
    problem: /HTML tag or entity/,
  },
};
