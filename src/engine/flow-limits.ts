// What a flow file may be at most, checked before and while it is parsed, so a hostile or broken
// file (an organisation's upload) is refused quickly and cleanly instead of exhausting the process.
// Pure: text in, problems out.
import { isCollection, isPair, isScalar, type Document } from 'yaml';

export const LIMITS = {
  /** bytes of one file */
  maxBytes: 256 * 1024,
  /** nesting of maps and lists; a real flow needs about 10 */
  maxDepth: 20,
  /** questions of one file (a flow's stages together, or a common file) */
  maxQuestions: 500,
  /** YAML aliases (`*name`) resolved; flows need none, a few are tolerated */
  maxAliasCount: 20,
} as const;

/** The bound of the text estimate, which counts each block sequence level about twice. */
export const PRESCAN_DEPTH = LIMITS.maxDepth * 2 + 10;

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
