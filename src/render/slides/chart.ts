import type PptxGenJS from 'pptxgenjs';
import { addText } from '../draw';
import { ChartSlide } from '../../deck/model';
import { addContentChrome, contentBottom } from '../chrome';
import { RenderContext } from '../layout';

/** Series colours in order: the kommune first (petrol), then the references, then the rest of the scheme. */
export function seriesColors(rc: RenderContext): string[] {
  const c = rc.theme.colors;
  return [c.accent1, c.accent2, c.accent3, c.accent4, c.accent5, c.accent6, c.dark2, c.muted];
}

/** A native, editable PowerPoint chart (bar, clustered, stacked, horizontal, line), with an optional target line. */
export function renderChart(slide: PptxGenJS.Slide, m: ChartSlide, rc: RenderContext): void {
  const { theme, layout: L, pres } = rc;
  const c = theme.colors;
  addContentChrome(slide, m, rc);
  const bottom = contentBottom(m, rc) - (m.caption ? 0.35 : 0);
  // a series without a single value has nothing to draw (and an empty series is a repair trigger): leave it out,
  // and when nothing is left show that the data is missing instead of an empty chart
  m = { ...m, series: m.series.filter((s) => s.values.some((v) => v !== null)) };
  if (m.series.length === 0) {
    addText(slide, '– mangler data for dette diagrammet', {
      x: L.margin, y: L.contentY + 1, w: L.width - 2 * L.margin, h: 1, fontFace: theme.fonts.body, fontSize: 20, color: c.muted, align: 'center', valign: 'middle', objectName: 'kd-chart',
    });
    return;
  }
  // a missing value stays missing (a gap), never 0: pptxgenjs writes an empty point, the finishing stage drops it
  const data = m.series.map((s) => ({ name: s.name, labels: m.categories, values: s.values as number[] }));
  const many = m.series.length > 1;
  const colors = seriesColors(rc);
  // one series over regions: colour each bar (the kommune petrol, references in their own colours)
  const singleSeriesByPoint = m.colorBy === 'category' && !many && m.chart !== 'line';
  const allValues = m.series.flatMap((s) => s.values).filter((v): v is number => v !== null);
  const nonNegative = allValues.every((v) => v >= 0);
  const opts: PptxGenJS.IChartOpts = {
    x: L.margin, y: L.contentY + 0.05, w: L.width - 2 * L.margin, h: bottom - L.contentY - 0.1,
    fontFace: theme.fonts.body,
    chartColors: singleSeriesByPoint ? m.categories.map((_, i) => colors[i % colors.length]) : colors.slice(0, Math.max(1, m.series.length)),
    showLegend: many || Boolean(m.target), legendPos: 'b', legendFontSize: 12, legendColor: c.dark1,
    catAxisLabelFontSize: m.categories.length > 14 ? 10 : 12, catAxisLabelColor: c.dark1, catAxisLineShow: true, catAxisLineColor: c.rule,
    valAxisLabelFontSize: 11, valAxisLabelColor: c.muted, valAxisLabelFormatCode: m.numberFormat, valAxisLineShow: false,
    valGridLine: { color: 'E3E8EE', size: 0.75 },
    // bars start at zero, so a bar's length is its value (no truncated axes); lines are framed around their data
    ...(m.chart !== 'line' && nonNegative ? { valAxisMinVal: 0 } : {}),
    ...(m.chart === 'line' && !m.target && lineAxisMin(allValues) !== undefined ? { valAxisMinVal: lineAxisMin(allValues) } : {}),
    showValue: m.dataLabels, dataLabelFormatCode: m.numberFormat, dataLabelFontSize: m.categories.length > 10 ? 9 : 11, dataLabelColor: c.dark1,
    showValAxisTitle: Boolean(m.yTitle), valAxisTitle: m.yTitle, valAxisTitleFontSize: 12, valAxisTitleColor: c.muted,
    lang: 'nb-NO', objectName: 'kd-chart',
  };
  const barDir = m.chart === 'horizontal-bar' ? 'bar' : 'col';
  const barOpts: PptxGenJS.IChartOpts = {
    barDir,
    barGrouping: m.chart === 'stacked-bar' ? 'stacked' : 'clustered',
    barGapWidthPct: many ? 60 : 45,
    ...(m.chart === 'stacked-bar' ? { barOverlapPct: 100 } : {}),
    dataLabelPosition: m.chart === 'stacked-bar' ? 'ctr' : 'outEnd',
    catAxisOrientation: barDir === 'bar' ? ('maxMin' as 'minMax') : 'minMax',
    // labels at the low end of the value axis, so they never sit on top of negative bars
    catAxisLabelPos: 'low',
  };
  const lineOpts: PptxGenJS.IChartOpts = { lineSize: 2.5, lineDataSymbol: 'circle', lineDataSymbolSize: 7, dataLabelPosition: 't' };
  if (m.target) {
    const targetSeries = { name: m.target.label ?? 'Mål', labels: m.categories, values: m.categories.map(() => m.target!.value) };
    const main = m.chart === 'line' ? { type: pres.ChartType.line, data, options: { ...lineOpts, chartColors: colors.slice(0, data.length) } } : { type: pres.ChartType.bar, data, options: { ...barOpts, chartColors: opts.chartColors } };
    slide.addChart(
      [main, { type: pres.ChartType.line, data: [targetSeries], options: { chartColors: [c.accent6], lineSize: 2, lineDash: 'dash', lineDataSymbol: 'none', showValue: false } }] as unknown as PptxGenJS.CHART_NAME,
      opts as unknown as PptxGenJS.OptsChartData[],
      opts,
    );
    return;
  }
  if (m.chart === 'line') slide.addChart(pres.ChartType.line, data, { ...opts, ...lineOpts });
  else slide.addChart(pres.ChartType.bar, data, { ...opts, ...barOpts });
  if (m.caption) {
    addText(slide, m.caption, { x: L.margin, y: bottom + 0.02, w: L.width - 2 * L.margin, h: 0.3, fontFace: theme.fonts.body, fontSize: 11, italic: true, color: c.muted, margin: 0, objectName: 'kd-caption' });
  }
}

/**
 * Where a line chart's value axis starts: at zero when the data spans more than its own lowest value (shares,
 * ratios that vary a lot), otherwise a round number just below the data, so an index between 88 and 110 is not drawn
 * as a flat line at the top of a 0–120 axis (which both PowerPoint and LibreOffice would choose).
 */
export function lineAxisMin(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const min = Math.min(...values);
  const max = Math.max(...values);
  if (min <= 0 || max - min >= min) return undefined;
  const range = max - min || Math.abs(max) * 0.1;
  const step = 10 ** Math.floor(Math.log10(range));
  return Math.max(0, Math.floor((min - range * 0.1) / step) * step);
}
