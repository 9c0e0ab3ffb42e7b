// The font every export embeds: DejaVu Sans (npm dejavu-fonts-ttf) covers Latin with Indonesian
// text, and most symbols — but not emoji, so the PDF drops what the font cannot draw (see pdf-text.ts).
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const dir = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');

export const FONT_REGULAR = path.join(dir, 'DejaVuSans.ttf');
export const FONT_BOLD = path.join(dir, 'DejaVuSans-Bold.ttf');
export const FONT_ITALIC = path.join(dir, 'DejaVuSans-Oblique.ttf');
