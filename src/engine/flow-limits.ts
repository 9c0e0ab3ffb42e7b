// What a flow file may be at most, checked before and while it is parsed, so a hostile or broken
// file (an organisation's upload) is refused quickly and cleanly instead of exhausting the process.
// Pure: text in, problems out.
import { isCollection, isMap, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';

export const LIMITS = {
  /** bytes of one file */
  maxBytes: 256 * 1024,
  /** nesting of maps and lists; a real flow needs about 10 */
  maxDepth: 20,
  /** questions of one file (a flow's stages together, or a common file) */
  maxQuestions: 500,
  /** YAML aliases (`*name`) resolved; flows need none, a few are tolerated */
  maxAliasCount: 20,
  /** keys of all the file's mappings together; the largest built-in file has under 1,000 */
  maxKeys: 10_000,
} as const;

/** The bound of the text estimate, which counts each block sequence level about twice. */
export const PRESCAN_DEPTH = LIMITS.maxDepth * 2 + 10;

/** The bound of the text estimate of keys, which also counts colons inside texts. */
export const PRESCAN_KEYS = LIMITS.maxKeys * 2;

/**
 * A cheap estimate of the nesting depth, from the text alone: open brackets of flow collections
 * (outside quotes and comments) plus indentation levels of block collections. The yaml parser
 * itself fails badly on thousands of nested brackets (out of memory in a regular expression), so
 * this runs first, against a generous bound (PRESCAN_DEPTH); the exact depth is checked on the
 * parsed document. It overestimates (a sequence item counts twice), never underestimates brackets.
 */
export function textDepth(text: string): number {
  let max = 0;
  let brackets = 0;
  let quote: '"' | "'" | undefined;
  const indents: number[] = [];
  let lineStart = true;
  let indent = 0;
  let inComment = false;
  let lineBegin = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\n') {
      lineBegin = i + 1;
      lineStart = true;
      indent = 0;
      inComment = false;
      continue;
    }
    if (inComment) continue;
    if (lineStart) {
      if (ch === ' ') {
        indent++;
        continue;
      }
      lineStart = false;
      if (ch !== '#' && brackets === 0 && quote === undefined) {
        // a block line: its indentation closes deeper levels and may open one
        while (indents.length > 0 && indents[indents.length - 1]! >= indent) indents.pop();
        indents.push(indent);
      }
    }
    if (quote) {
      if (ch === '\\' && quote === '"') i++;
      else if (ch === quote) {
        if (quote === "'" && text[i + 1] === "'") i++;
        else quote = undefined;
      }
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '#' && (i === 0 || text[i - 1] === ' ' || text[i - 1] === '\t' || text[i - 1] === '\n')) inComment = true;
    else if (ch === '[' || ch === '{') brackets++;
    else if (ch === ']' || ch === '}') brackets = Math.max(0, brackets - 1);
    else if (ch === '-' && (text[i + 1] === ' ' || text[i + 1] === '\n') && brackets === 0 && (i === 0 || text[i - 1] === ' ' || text[i - 1] === '\n')) {
      // "- - x": each sequence marker opens a level, between its column and its content's
      indents.push(i - lineBegin + 0.5);
    }
    const depth = brackets + indents.length;
    if (depth > max) max = depth;
    if (max > 1000) break; // far past any bound: no need to read on
  }
  return max;
}

/** Whether the character at `i` starts a token (a quote in a plain "it's", a "?" ending a sentence do not). */
function startsToken(text: string, i: number): boolean {
  for (let j = i - 1; j >= 0; j--) {
    const c = text[j]!;
    if (c === ' ' || c === '\t') continue;
    return c === '\n' || c === ':' || c === '-' || c === '?' || c === ',' || c === '[' || c === '{';
  }
  return true;
}

/**
 * A cheap estimate of the keys of all mappings, from the text alone, so a file of tens of
 * thousands of keys is refused before the parser reads it: each `:` that ends a key (followed by a
 * space, a line end or a flow indicator, or right after a quoted key), each `?` of an explicit key,
 * and each entry of a flow mapping written without a colon (`{a, b}`). Colons inside block texts
 * (`|`, `>`) count too: it overestimates a little; the exact count is taken on the parsed document.
 */
export function textKeys(text: string): number {
  let keys = 0;
  let quote: '"' | "'" | undefined;
  let afterQuote = false;
  let inComment = false;
  /** open flow collections, innermost last: a mapping's current entry has a colon / has content */
  const flows: { map: boolean; colon: boolean; content: boolean }[] = [];
  const endEntry = (): void => {
    const f = flows[flows.length - 1];
    if (f?.map && f.content && !f.colon) keys++;
    if (f) f.colon = f.content = false;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === '\\' && quote === '"') i++;
      else if (ch === quote) {
        if (quote === "'" && text[i + 1] === "'") i++;
        else {
          quote = undefined;
          afterQuote = true;
        }
      }
      continue;
    }
    if (ch === '\n') {
      inComment = false;
      afterQuote = false;
      continue;
    }
    if (inComment) continue;
    const next = text[i + 1];
    const ends = next === undefined || next === ' ' || next === '\t' || next === '\n' || next === '\r' || next === ',' || next === '}' || next === ']';
    const top = flows[flows.length - 1];
    if (ch === ':' && (ends || afterQuote)) {
      keys++;
      if (top) top.colon = top.content = true;
    } else if (ch === '?' && ends && startsToken(text, i)) keys++;
    else if ((ch === '"' || ch === "'") && startsToken(text, i)) quote = ch;
    else if (ch === '#' && (i === 0 || text[i - 1] === ' ' || text[i - 1] === '\t' || text[i - 1] === '\n')) inComment = true;
    else if (ch === '{' || ch === '[') {
      if (top) top.content = true;
      flows.push({ map: ch === '{', colon: false, content: false });
    } else if (ch === '}' || ch === ']') {
      endEntry();
      flows.pop();
    } else if (ch === ',' && top) endEntry();
    else if (top && ch !== ' ' && ch !== '\t' && ch !== '\r') top.content = true;
    if (ch !== ' ' && ch !== '\t') afterQuote = false;
    if (quote && top) top.content = true;
  }
  return keys;
}

/**
 * The keys of every mapping of a parsed document, counted, and each key written again in its own
 * mapping. The yaml parser's own check (`uniqueKeys`) compares each key with every earlier key of
 * its mapping — quadratic: seconds for one mapping of tens of thousands of keys; this is one pass.
 * Keys are compared as that check does: scalars by value (`10` and `1e1` are the same key),
 * anything else never equal.
 */
export function mapKeys(doc: Document): { count: number; duplicates: Node[] } {
  let count = 0;
  const duplicates: Node[] = [];
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        count++;
        const key = pair.key;
        if (isScalar(key)) {
          if (seen.has(key.value)) duplicates.push(key);
          else seen.add(key.value);
        } else stack.push(key);
        stack.push(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    }
  }
  duplicates.sort((a, b) => (a.range?.[0] ?? 0) - (b.range?.[0] ?? 0));
  return { count, duplicates };
}

/** The exact nesting depth of a parsed document (maps and lists), without recursion. */
export function documentDepth(doc: Document): number {
  let max = 0;
  const stack: { node: unknown; depth: number }[] = [{ node: doc.contents, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (isCollection(node)) {
      const d = depth + 1;
      if (d > max) max = d;
      for (const item of node.items) {
        if (isPair(item)) {
          if (!isScalar(item.key)) stack.push({ node: item.key, depth: d });
          stack.push({ node: item.value, depth: d });
        } else stack.push({ node: item, depth: d });
      }
    }
  }
  return max;
}

/** Questions a parsed file declares: the sum over its stages (a flow) or its own list (a common file). */
export function questionCount(data: unknown): number {
  if (typeof data !== 'object' || data === null) return 0;
  const d = data as { stages?: unknown; questions?: unknown };
  const own = Array.isArray(d.questions) ? d.questions.length : 0;
  const staged = Array.isArray(d.stages)
    ? d.stages.reduce<number>((n, s) => n + (s && typeof s === 'object' && Array.isArray((s as { questions?: unknown }).questions) ? ((s as { questions: unknown[] }).questions.length) : 0), 0)
    : 0;
  return own + staged;
}
