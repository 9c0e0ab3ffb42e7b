// The little of fontkit (a dependency of pdfkit) that pdf-text.ts uses: which characters a font draws.
declare module 'fontkit' {
  export interface Font {
    hasGlyphForCodePoint(codePoint: number): boolean;
  }
  export function create(buffer: Buffer): Font;
}
