import type PptxGenJS from 'pptxgenjs';
import { addText, addRect } from '../draw';
import { BulletsSlide, StatementSlide } from '../../deck/model';
import { addContentChrome, contentBottom } from '../chrome';
import { fitFontSize, RenderContext } from '../layout';

/** One big figure or sentence with a caption ("790 118 000 kr / Brutto driftsinntekter 2022"). */
export function renderStatement(slide: PptxGenJS.Slide, m: StatementSlide, rc: RenderContext): void {
  const { theme, layout: L } = rc;
  addContentChrome(slide, m, rc);
  const bottom = contentBottom(m, rc);
  const w = L.width - 2 * L.margin - 1;
  const valueH = 1.7;
  const top = L.contentY + Math.max(0.2, (bottom - L.contentY - valueH - 1.2) / 2);
  addText(slide, m.value, {
    x: L.margin + 0.5, y: top, w, h: valueH, fontFace: theme.fonts.heading, fontSize: fitFontSize([m.value], w, valueH, 72, 28, { lineHeight: 1.1 }),
    bold: true, color: theme.colors.dark2, align: 'center', valign: 'bottom', margin: 0, objectName: 'kd-value',
  });
  addRect(slide, { x: L.width / 2 - 0.8, y: top + valueH + 0.12, w: 1.6, h: 0.05, fill: { color: theme.colors.accent2 }, line: { color: theme.colors.accent2, width: 0 } });
  if (m.caption) {
    addText(slide, m.caption, {
      x: L.margin + 0.5, y: top + valueH + 0.3, w, h: 1.0, fontFace: theme.fonts.body, fontSize: fitFontSize([m.caption], w, 1.0, 28, 14),
      color: theme.colors.dark1, align: 'center', valign: 'top', margin: 0, objectName: 'kd-caption',
    });
  }
}

/** A title and a list of points. */
export function renderBullets(slide: PptxGenJS.Slide, m: BulletsSlide, rc: RenderContext): void {
  const { theme, layout: L } = rc;
  addContentChrome(slide, m, rc);
  const h = contentBottom(m, rc) - L.contentY - 0.1;
  const w = L.width - 2 * L.margin - 0.4;
  const size = fitFontSize(m.bullets, w - 0.4, h, 24, 11, { paraGapEm: 0.6, charWidthEm: 0.45 });
  addText(slide, 
    m.bullets.map((b) => ({ text: b, options: { bullet: { indent: size * 1.1 }, paraSpaceAfter: Math.round(size * 0.5), breakLine: true } })),
    { x: L.margin + 0.2, y: L.contentY + 0.15, w, h, fontFace: theme.fonts.body, fontSize: size, color: theme.colors.dark1, valign: 'top', margin: 0, objectName: 'kd-bullets' },
  );
}
