import type PptxGenJS from 'pptxgenjs';
import { addText, addRect } from '../draw';
import { SectionSlide, TitleSlide } from '../../deck/model';
import { addFooter } from '../chrome';
import { fitFontSize, RenderContext } from '../layout';

/** Opening slide: navy full bleed, title, subtitle and date. */
export function renderTitle(slide: PptxGenJS.Slide, m: TitleSlide, rc: RenderContext): void {
  const { theme, layout: L } = rc;
  const c = theme.colors;
  slide.background = { color: c.dark2 };
  addRect(slide, { x: 0, y: 0, w: 0.28, h: L.height, fill: { color: c.accent2 }, line: { color: c.accent2, width: 0 } });
  const w = L.width - 2 * 0.9;
  addText(slide, m.title, {
    x: 0.9, y: 1.7, w, h: 2.2, fontFace: theme.fonts.heading, fontSize: fitFontSize([m.title], w, 2.2, 40, 24), bold: true, color: c.light1, valign: 'bottom', margin: 0, objectName: 'kd-title',
  });
  addRect(slide, { x: 0.9, y: 4.1, w: 1.6, h: 0.05, fill: { color: c.accent2 }, line: { color: c.accent2, width: 0 } });
  if (m.subtitle) {
    addText(slide, m.subtitle, { x: 0.9, y: 4.35, w, h: 1.0, fontFace: theme.fonts.body, fontSize: fitFontSize([m.subtitle], w, 1.0, 22, 14), color: c.light2, valign: 'top', margin: 0 });
  }
  if (m.date) addText(slide, m.date, { x: 0.9, y: 5.5, w, h: 0.5, fontFace: theme.fonts.body, fontSize: 16, color: c.accent3, valign: 'top', margin: 0 });
  if (theme.logo.text) addText(slide, theme.logo.text, { x: 0.9, y: L.height - 0.8, w: 4, h: 0.4, fontFace: theme.fonts.body, fontSize: 12, bold: true, color: c.accent3, margin: 0, charSpacing: 1 });
}

/** Section divider: "Utfordring nr 3:" kicker, big title, subtitle. */
export function renderSection(slide: PptxGenJS.Slide, m: SectionSlide, rc: RenderContext): void {
  const { theme, layout: L } = rc;
  const c = theme.colors;
  slide.background = { color: c.accent1 };
  const w = L.width - 2 * 0.9;
  if (m.kicker) addText(slide, m.kicker, { x: 0.9, y: 1.9, w, h: 0.7, fontFace: theme.fonts.heading, fontSize: 26, bold: true, color: c.accent4, valign: 'bottom', margin: 0 });
  addText(slide, m.title, {
    x: 0.9, y: 2.7, w, h: 1.8, fontFace: theme.fonts.heading, fontSize: fitFontSize([m.title], w, 1.8, 44, 26), bold: true, color: c.light1, valign: 'top', margin: 0, objectName: 'kd-title',
  });
  if (m.subtitle) addText(slide, m.subtitle, { x: 0.9, y: 4.6, w, h: 1.2, fontFace: theme.fonts.body, fontSize: fitFontSize([m.subtitle], w, 1.2, 24, 14), color: c.light2, valign: 'top', margin: 0 });
  addFooter(slide, m.source, rc, c.light2);
}
