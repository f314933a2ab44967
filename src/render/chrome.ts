import type PptxGenJS from 'pptxgenjs';
import { addText, addRect } from './draw';
import { SlideModel } from '../deck/model';
import { fitFontSize, RenderContext } from './layout';

/** The parts every content slide shares: title, accent rule, word mark, commentary strip, footer with source and page. */
export function addContentChrome(slide: PptxGenJS.Slide, model: SlideModel, rc: RenderContext): void {
  const { theme, layout: L } = rc;
  const c = theme.colors;
  const title = model.part && model.part.index > 1 ? `${model.title} (forts.)` : model.title;
  const titleW = L.width - 2 * L.margin - 1.6;
  addText(slide, title, {
    x: L.margin, y: L.titleY, w: titleW, h: L.titleH,
    fontFace: theme.fonts.heading, fontSize: fitFontSize([title], titleW, L.titleH, 28, 18), bold: true, color: c.dark2,
    valign: 'bottom', margin: 0, objectName: 'kd-title',
  });
  if (theme.logo.text) {
    addText(slide, theme.logo.text, {
      x: L.width - L.margin - 1.6, y: L.titleY, w: 1.6, h: 0.3,
      fontFace: theme.fonts.body, fontSize: 10, bold: true, color: c.accent1, align: 'right', valign: 'top', margin: 0, charSpacing: 1,
    });
  }
  addRect(slide, { x: L.margin, y: L.ruleY, w: L.width - 2 * L.margin, h: 0.035, fill: { color: c.accent1 }, line: { color: c.accent1, width: 0 } });
  if (model.commentary) addCommentary(slide, model.commentary, rc);
  addFooter(slide, model.source, rc, c.muted);
}

export function contentBottom(model: SlideModel, rc: RenderContext): number {
  return model.commentary ? rc.layout.commentaryY - 0.12 : rc.layout.contentBottom;
}

function addCommentary(slide: PptxGenJS.Slide, text: string, rc: RenderContext): void {
  const { theme, layout: L } = rc;
  const w = L.width - 2 * L.margin;
  addRect(slide, { x: L.margin, y: L.commentaryY, w, h: L.commentaryH, fill: { color: theme.colors.light2 }, line: { color: theme.colors.light2, width: 0 } });
  addRect(slide, { x: L.margin, y: L.commentaryY, w: 0.07, h: L.commentaryH, fill: { color: theme.colors.accent2 }, line: { color: theme.colors.accent2, width: 0 } });
  addText(slide, text, {
    x: L.margin + 0.18, y: L.commentaryY, w: w - 0.28, h: L.commentaryH,
    fontFace: theme.fonts.body, fontSize: fitFontSize([text], w - 0.28, L.commentaryH, 15, 10), color: theme.colors.dark1, valign: 'middle', margin: 0,
    objectName: 'kd-commentary',
  });
}

export function addFooter(slide: PptxGenJS.Slide, source: string | undefined, rc: RenderContext, color: string): void {
  const { theme, layout: L } = rc;
  const parts = [theme.footer.text, source].filter((s): s is string => Boolean(s));
  const text = parts.join('   ·   ');
  const w = L.width - 2 * L.margin - 0.8;
  if (text) {
    addText(slide, text, {
      x: L.margin, y: L.footerY, w, h: 0.3,
      fontFace: theme.fonts.body, fontSize: fitFontSize([text], w, 0.3, 10, 7), color, valign: 'middle', margin: 0, objectName: 'kd-source',
    });
  }
  if (theme.footer.pageNumbers) {
    addText(slide, String(rc.number), {
      x: L.width - L.margin - 0.7, y: L.footerY, w: 0.7, h: 0.3,
      fontFace: theme.fonts.body, fontSize: 10, color, align: 'right', valign: 'middle', margin: 0,
    });
  }
}
