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
