// Text the PDF's font can draw. DejaVu Sans has Latin, Indonesian punctuation and many symbols, but
// no emoji: the bot's own symbols become words (the model already uses words), and any other
// character the font lacks is dropped rather than drawn as an empty box.
import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import { FONT_REGULAR } from './fonts.ts';

let font: fontkit.Font | undefined;

const WORDS: Record<string, string> = { '✅': '[v]', '⏳': '[…]', '✏️': '[ubah]', '⚠️': '(!)', '→': '→' };

export function pdfText(s: string): string {
  font ??= fontkit.create(readFileSync(FONT_REGULAR));
  let out = '';
  for (const [sym, word] of Object.entries(WORDS)) if (s.includes(sym)) s = s.split(sym).join(word);
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp === 0x0a || cp === 0x09 || font.hasGlyphForCodePoint(cp)) out += ch;
  }
  // an emoji dropped before a word leaves a leading space
  return out.replace(/^ +/gm, '');
}
