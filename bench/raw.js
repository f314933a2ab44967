'use strict';
/**
 * The physical reference for the benchmark: pptxgenjs alone writing the same slides as a built deck (the same
 * titles, texts, tables with the same cells, native charts with the same series, speaker notes), straight from a
 * resolved DeckModel: no analysis, no templating, no layout fitting, no finishing. Written with
 * `stream({ compression: true })` (DEFLATE through JSZip): pptxgenjs's write() ignores `compression` in Node.
 */
const PptxGenJS = require('pptxgenjs');

const W = 13.333;
const H = 7.5;

function text(slide, t, y, h, size, extra = {}) {
  if (t) slide.addText(t, { x: 0.5, y, w: W - 1, h, fontSize: size, fontFace: 'Calibri', ...extra });
}

function cells(row) {
  return row.map((c) => ({ text: c.text, options: { align: c.align, bold: Boolean(c.bold) } }));
}

function addSlide(pres, m) {
  const slide = pres.addSlide();
  text(slide, m.title, 0.3, 0.9, 28, { bold: true });
  switch (m.kind) {
    case 'title':
      text(slide, m.subtitle, 3.2, 0.8, 20);
      text(slide, m.date, 4.2, 0.5, 14);
      break;
    case 'section':
      text(slide, m.kicker, 2.2, 0.6, 18);
      text(slide, m.subtitle, 3.8, 0.8, 20);
      break;
    case 'statement':
      text(slide, m.value, 2.2, 1.5, 60, { bold: true, align: 'center' });
      text(slide, m.caption, 3.9, 0.6, 18, { align: 'center' });
      break;
    case 'bullets':
      slide.addText(m.bullets.map((b) => ({ text: b, options: { bullet: true, breakLine: true } })), { x: 0.5, y: 1.4, w: W - 1, h: 4.8, fontSize: 18, fontFace: 'Calibri' });
      break;
    case 'table':
      slide.addTable([cells(m.header), ...m.rows.map(cells)], { x: 0.5, y: 1.4, w: W - 1, fontSize: 10, fontFace: 'Calibri', border: { type: 'solid', pt: 0.5, color: 'BFBFBF' } });
      text(slide, m.caption, 6.5, 0.3, 11, { italic: true });
      break;
    case 'chart': {
      const data = m.series.map((s) => ({ name: s.name, labels: m.categories, values: s.values.map((v) => (v === null ? 0 : v)) }));
      const opts = { x: 0.5, y: 1.4, w: W - 1, h: 4.9, showLegend: m.series.length > 1, legendPos: 'b', showValue: m.dataLabels, dataLabelFormatCode: m.numberFormat, valAxisLabelFormatCode: m.numberFormat };
      if (m.chart === 'line') slide.addChart(pres.ChartType.line, data, opts);
      else slide.addChart(pres.ChartType.bar, data, { ...opts, barDir: m.chart === 'horizontal-bar' ? 'bar' : 'col', barGrouping: m.chart === 'stacked-bar' ? 'stacked' : 'clustered' });
      text(slide, m.caption, 6.5, 0.3, 11, { italic: true });
      break;
    }
    case 'columns':
      m.columns.forEach((c, i) => {
        const w = (W - 1) / m.columns.length;
        slide.addText([{ text: c.title, options: { bold: true, breakLine: true } }, ...c.bullets.map((b) => ({ text: b, options: { bullet: true, breakLine: true } }))], { x: 0.5 + i * w, y: 1.4, w: w - 0.2, h: 4.8, fontSize: 14, fontFace: 'Calibri' });
      });
      break;
    case 'kpi':
      slide.addTable([['Regel', 'Resultat', 'Mål', ''].map((t) => ({ text: t, options: { bold: true } })), ...m.items.map((k) => [k.label, k.actual, k.target, k.met === null ? '–' : k.met ? 'Nådd' : 'Ikke nådd'].map((t) => ({ text: t })))], { x: 0.5, y: 1.4, w: W - 1, fontSize: 16, fontFace: 'Calibri' });
      break;
  }
  text(slide, m.commentary, 6.2, 0.5, 14);
  text(slide, m.source, 6.9, 0.3, 9);
  if (m.notes) slide.addNotes(m.notes);
}

/** Write a DeckModel with pptxgenjs alone; resolves to the compressed .pptx bytes (a Buffer). */
async function writeRaw(model) {
  const pres = new PptxGenJS();
  pres.defineLayout({ name: 'RAW', width: W, height: H });
  pres.layout = 'RAW';
  pres.title = model.title;
  for (const m of model.slides) addSlide(pres, m);
  return pres.stream({ compression: true });
}

module.exports = { writeRaw };
