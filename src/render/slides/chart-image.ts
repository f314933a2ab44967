import type PptxGenJS from 'pptxgenjs';
import { addText } from '../draw';
import { ChartSlide } from '../../deck/model';
import { addContentChrome, contentBottom } from '../chrome';
import { Layout, RenderContext } from '../layout';

/** Pixels per inch of the requested image (CSS pixels; QuickChart renders at devicePixelRatio 2 on top). */
export const CHART_IMAGE_PPI = 96;

/** The box the chart fills on its slide, in inches: the same box as the native chart. */
export function chartBox(m: ChartSlide, layout: Layout): { x: number; y: number; w: number; h: number } {
  const bottom = (m.commentary ? layout.commentaryY - 0.12 : layout.contentBottom) - (m.caption ? 0.35 : 0);
  return { x: layout.margin, y: layout.contentY + 0.05, w: layout.width - 2 * layout.margin, h: bottom - layout.contentY - 0.1 };
}

/** A chart as a PNG picture (rendered by QuickChart, see src/render/quickchart.ts), with the slide's chrome and caption. */
export function renderChartImage(slide: PptxGenJS.Slide, m: ChartSlide, rc: RenderContext, png: Uint8Array): void {
  const { theme, layout: L } = rc;
  addContentChrome(slide, m, rc);
  const box = chartBox(m, L);
  const bottom = contentBottom(m, rc) - (m.caption ? 0.35 : 0);
  slide.addImage({
    data: `image/png;base64,${Buffer.from(png).toString('base64')}`,
    ...box,
    altText: `${m.title}: ${m.series.map((s) => s.name).join(', ')}`,
    objectName: 'kd-chart',
  });
  if (m.caption) {
    addText(slide, m.caption, { x: L.margin, y: bottom + 0.02, w: L.width - 2 * L.margin, h: 0.3, fontFace: theme.fonts.body, fontSize: 11, italic: true, color: theme.colors.muted, margin: 0, objectName: 'kd-caption' });
  }
}
