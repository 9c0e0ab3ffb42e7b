// A long answer told briefly, for a monthly report's table and its short section per client: whole
// sentences while they fit. A first sentence longer than the room is cut at a word, marked "…" —
// never mid-word. Pure.

/** The sentences of a text, its line breaks read as sentence ends. */
function sentences(text: string): string[] {
  return text
    .split(/\n+/)
    .flatMap((line) => line.trim().split(/(?<=[.!?])\s+(?=\S)/))
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The text's first sentences, up to about `max` characters (at least one sentence, or its first words). */
export function briefly(text: string, max: number): string {
  const all = sentences(text);
  let out = '';
  for (const s of all) {
    const next = out ? `${out} ${s}` : s;
    if (next.length > max) break;
    out = next;
  }
  if (out) return out;
  const first = all[0] ?? '';
  if (first.length <= max) return first;
  const cut = first.slice(0, max + 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : first.slice(0, max)).replace(/[\s,;:]+$/, '')}…`;
}
