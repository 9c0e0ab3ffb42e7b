// SVG → PNG with resvg (a Rust renderer shipped as a prebuilt npm binary: no browser, no system
// libraries), given our own font files so the text looks the same on every machine.
import { Resvg } from '@resvg/resvg-js';
import { CHART_FONT } from './chart-svg.ts';
import { FONT_BOLD, FONT_ITALIC, FONT_REGULAR } from './fonts.ts';

export function svgToPng(svg: string, width = 1400): Buffer {
  const r = new Resvg(svg, {
    fitTo: { mode: 'width', value: width },
    font: { fontFiles: [FONT_REGULAR, FONT_BOLD, FONT_ITALIC], loadSystemFonts: false, defaultFontFamily: CHART_FONT },
    background: '#ffffff',
  });
  return r.render().asPng();
}
