import type PptxGenJS from 'pptxgenjs';
import { addText, addRect } from '../draw';
import { ColumnsSlide, KpiSlide } from '../../deck/model';
import { addContentChrome, contentBottom } from '../chrome';
import { fitFontSize, RenderContext } from '../layout';

function toneColor(tone: ColumnsSlide['columns'][number]['tone'], rc: RenderContext): string {
  const c = rc.theme.colors;
  return tone === 'positive' ? c.accent5 : tone === 'neutral' ? c.accent4 : tone === 'negative' ? c.accent6 : c.dark2;
}

/** 2–3 titled columns of points (Styrker / Utfordringer / Svakheter). One font size for all columns, so they read evenly. */
export function renderColumns(slide: PptxGenJS.Slide, m: ColumnsSlide, rc: RenderContext): void {
  const { theme, layout: L } = rc;
  addContentChrome(slide, m, rc);
  const gap = 0.25;
  const n = m.columns.length;
  const colW = (L.width - 2 * L.margin - gap * (n - 1)) / n;
  const headH = 0.5;
  const top = L.contentY + 0.05;
  const bodyH = contentBottom(m, rc) - top - headH - 0.05;
  // Calibri body text averages about 0.42 em per character (measured on these slides in LibreOffice/Carlito);
  // 0.43 keeps a small margin
  const size = Math.min(...m.columns.map((col) => fitFontSize(col.bullets, colW - 0.35, bodyH - 0.2, 18, 8, { paraGapEm: 0.45, charWidthEm: 0.43, lineHeight: 1.17 })));
  m.columns.forEach((col, i) => {
    const x = L.margin + i * (colW + gap);
    const color = toneColor(col.tone, rc);
    addRect(slide, { x, y: top, w: colW, h: headH, fill: { color }, line: { color, width: 0 } });
    addText(slide, col.title, { x: x + 0.15, y: top, w: colW - 0.3, h: headH, fontFace: theme.fonts.heading, fontSize: 17, bold: true, color: theme.colors.light1, valign: 'middle', margin: 0 });
    addRect(slide, { x, y: top + headH, w: colW, h: bodyH, fill: { color: theme.colors.light2 }, line: { color: theme.colors.light2, width: 0 } });
    const bullets = col.bullets.length ? col.bullets : ['–'];
    addText(slide, 
      bullets.map((b) => ({ text: b, options: { bullet: { indent: size * 0.9 }, paraSpaceAfter: Math.round(size * 0.4), breakLine: true } })),
      { x: x + 0.1, y: top + headH + 0.1, w: colW - 0.2, h: bodyH - 0.15, fontFace: theme.fonts.body, fontSize: size, color: theme.colors.dark1, valign: 'top', margin: 2, objectName: `kd-column-${i + 1}` },
    );
  });
}

/** Targets met or missed, one card each (KØB: netto driftsresultat, disposisjonsfond, netto lånegjeld). */
export function renderKpi(slide: PptxGenJS.Slide, m: KpiSlide, rc: RenderContext): void {
  const { theme, layout: L } = rc;
  const c = theme.colors;
  addContentChrome(slide, m, rc);
  const n = Math.max(1, m.items.length);
  const gap = 0.35;
  const cardW = (L.width - 2 * L.margin - gap * (n - 1)) / n;
  const top = L.contentY + 0.3;
  const cardH = Math.min(3.9, contentBottom(m, rc) - top - 0.2);
  m.items.forEach((it, i) => {
    const x = L.margin + i * (cardW + gap);
    const status = it.met === null ? c.muted : it.met ? c.accent5 : c.accent6;
    addRect(slide, { x, y: top, w: cardW, h: cardH, fill: { color: c.light2 }, line: { color: c.rule, width: 0.75 } });
    addRect(slide, { x, y: top, w: cardW, h: 0.1, fill: { color: status }, line: { color: status, width: 0 } });
    addText(slide, it.label, { x: x + 0.2, y: top + 0.25, w: cardW - 0.4, h: 0.9, fontFace: theme.fonts.heading, fontSize: fitFontSize([it.label], cardW - 0.4, 0.9, 20, 12), bold: true, color: c.dark2, valign: 'top', margin: 0 });
    addText(slide, it.actual, { x: x + 0.2, y: top + 1.15, w: cardW - 0.4, h: 1.0, fontFace: theme.fonts.heading, fontSize: fitFontSize([it.actual], cardW - 0.4, 1.0, 48, 24, { lineHeight: 1.05 }), bold: true, color: status, valign: 'middle', margin: 0, objectName: `kd-kpi-${i + 1}` });
    addText(slide, it.target, { x: x + 0.2, y: top + 2.2, w: cardW - 0.4, h: 0.45, fontFace: theme.fonts.body, fontSize: 16, color: c.muted, valign: 'top', margin: 0 });
    const badge = it.met === null ? 'Mangler data' : it.met ? '✓  Nådd' : '✗  Ikke nådd';
    addText(slide, badge, { x: x + 0.2, y: top + cardH - 0.75, w: cardW - 0.4, h: 0.5, fontFace: theme.fonts.body, fontSize: 18, bold: true, color: status, valign: 'middle', margin: 0 });
  });
}
