/**
 * Raw pptxgenjs decks for the finishing-stage tests, built with pptxgenjs directly (not through the renderer),
 * with the options the renderer uses (src/render/slides/*.ts). Also loaded by test/helpers/finish-in-child.js
 * in a separate Node process, so it must not import jest.
 */
import PptxGenJS from 'pptxgenjs';

const PETROL = '1F6F8B';
const ORANGE = 'E07A3F';
const GREYBLUE = '8AA6C1';
const OCHRE = 'D9B44A';
const GREEN = '5E8C61';
const RED = 'B03A2E';
const NAVY = '1F3A5F';
const PALE = 'EEF2F6';

const YEARS = ['2019', '2020', '2021', '2022'];
const REGIONS = ['Meløy', 'Alstahaug', 'Brønnøy', 'Hadsel', 'Landet uten Oslo'];

async function bytesOf(pres: PptxGenJS): Promise<Uint8Array> {
  return (await pres.write({ outputType: 'uint8array', compression: false })) as Uint8Array;
}

/** Common chart options as the renderer writes them. */
function chartBase(colors: string[]): PptxGenJS.IChartOpts {
  return {
    x: 0.5, y: 1.2, w: 12.3, h: 5.4, fontFace: 'Calibri', chartColors: colors,
    showLegend: colors.length > 1, legendPos: 'b', legendFontSize: 12,
    catAxisLabelFontSize: 12, catAxisLineShow: true, catAxisLineColor: 'C9D3DD',
    valAxisLabelFontSize: 11, valAxisLabelFormatCode: '#,##0.0', valAxisLineShow: false, valGridLine: { color: 'E3E8EE', size: 0.75 },
    dataLabelFormatCode: '#,##0.0', dataLabelFontSize: 11,
    showValAxisTitle: true, valAxisTitle: 'prosent', showCatAxisTitle: true, catAxisTitle: 'år',
    lang: 'nb-NO',
  };
}

/** What a sample deck is made of; each flag adds the slides that exercise one finishing fix. */
export interface SampleDeckOptions {
  /** title of the deck (docProps) */
  title?: string;
}

/**
 * The sample deck: a text box; a table (header + 20 rows, numbers right-aligned, an empty cell, a total row);
 * bar (one series, a colour per bar, labels outEnd); clustered bar (3 series, horizontal); stacked bar
 * (labels outEnd, which stacked bars cannot have); line (3 series, labels, axis titles, fewer colours than
 * series); line with one series and no labels; a bar chart with a target line (combo); speaker notes with
 * line breaks; a section; a text-less shape; a solid background; a company name with '&'.
 */
export async function buildSampleDeck(opts: SampleDeckOptions = {}): Promise<Uint8Array> {
  const pres = new PptxGenJS();
  pres.defineLayout({ name: 'KOMMUNEDECK', width: 13.333, height: 7.5 });
  pres.layout = 'KOMMUNEDECK';
  pres.theme = { headFontFace: 'Calibri', bodyFontFace: 'Calibri' };
  pres.title = opts.title ?? 'Økonomisk analyse – Meløy 2022';
  pres.author = 'kommunedeck';
  pres.company = 'KS & kommunedeck';
  pres.addSection({ title: 'Innledning' });

  // 1 title: solid background, a text-less accent shape, text
  let s = pres.addSlide({ sectionTitle: 'Innledning' });
  s.background = { color: NAVY };
  s.addShape('rect', { x: 0, y: 0, w: 0.28, h: 7.5, fill: { color: ORANGE }, line: { color: ORANGE, width: 0 } });
  s.addText('Økonomisk analyse', { x: 0.9, y: 2, w: 11, h: 1.5, fontSize: 40, color: 'FFFFFF', lang: 'nb-NO' });
  s.addNotes('Kilde: 003 Tabell 1.1\nBeregnet fra KOSTRA\r\n\r\nSiste linje & mer');

  // 2 table
  s = pres.addSlide();
  const border = (color: string): [PptxGenJS.BorderProps, PptxGenJS.BorderProps, PptxGenJS.BorderProps, PptxGenJS.BorderProps] => [
    { type: 'none' }, { type: 'none' }, { type: 'solid', color, pt: 0.5 }, { type: 'none' },
  ];
  const header: PptxGenJS.TableRow = ['Tjenesteområde', '2021', '2022', 'Endring'].map((t, i) => ({
    text: t,
    options: { bold: true, color: 'FFFFFF', fill: { color: NAVY }, align: i === 0 ? ('left' as const) : ('right' as const), border: border(NAVY) },
  }));
  const rows: PptxGenJS.TableRow[] = Array.from({ length: 20 }, (_, r) => [
    { text: `Område ${r + 1}`, options: { fill: { color: r % 2 ? PALE : 'FFFFFF' }, border: border('C9D3DD') } },
    { text: (r * 1234.5).toFixed(1).replace('.', ','), options: { align: 'right' as const, fill: { color: r % 2 ? PALE : 'FFFFFF' } } },
    { text: r === 3 ? '' : (r * 1301.2).toFixed(1).replace('.', ','), options: { align: 'right' as const } },
    { text: `−${r},0`, options: { align: 'right' as const, color: RED } },
  ]);
  rows.push([{ text: 'Sum', options: { bold: true, colspan: 3 } }, { text: '9 999,9', options: { bold: true, align: 'right' } }]);
  s.addTable([header, ...rows], { x: 0.5, y: 1.1, w: 12.3, colW: [6.3, 2, 2, 2], fontSize: 10.5, margin: [2, 5, 2, 5], autoPage: false });

  // 3 bar, one series, one colour per bar, labels outside the end
  s = pres.addSlide();
  s.addChart(pres.ChartType.bar, [{ name: 'Netto driftsresultat', labels: REGIONS, values: [2.2, -1.5, 0.3, 4.1, 2.9] }], {
    ...chartBase([PETROL, ORANGE, GREYBLUE, OCHRE, GREEN]),
    showLegend: false, barDir: 'col', barGrouping: 'clustered', barGapWidthPct: 45, showValue: true, dataLabelPosition: 'outEnd', catAxisLabelPos: 'low',
  });

  // 4 clustered horizontal bar, 3 series
  s = pres.addSlide();
  s.addChart(
    pres.ChartType.bar,
    ['Meløy', 'KOSTRA-gruppe 5', 'Landet'].map((name, k) => ({ name, labels: REGIONS, values: REGIONS.map((_, j) => 10 + j * 2 + k) })),
    { ...chartBase([PETROL, ORANGE, GREYBLUE]), barDir: 'bar', barGrouping: 'clustered', barGapWidthPct: 60, showValue: true, dataLabelPosition: 'outEnd', catAxisOrientation: 'maxMin' as 'minMax' },
  );

  // 5 stacked bar, labels outEnd (not a stacked position)
  s = pres.addSlide();
  s.addChart(
    pres.ChartType.bar,
    ['Skatt', 'Rammetilskudd'].map((name, k) => ({ name, labels: YEARS, values: YEARS.map((_, j) => 100 + j * 10 + k * 50) })),
    { ...chartBase([PETROL, ORANGE]), barDir: 'col', barGrouping: 'stacked', barOverlapPct: 100, showValue: true, dataLabelPosition: 'outEnd' },
  );

  // 6 line, 3 series, labels, two chart colours (the third series' marker colour comes from Math.random)
  s = pres.addSlide();
  s.addChart(
    pres.ChartType.line,
    ['Meløy', 'KOSTRA-gruppe 5', 'Landet'].map((name, k) => ({ name, labels: YEARS, values: YEARS.map((_, j) => 1 + j * 0.5 - k) })),
    { ...chartBase([PETROL, ORANGE]), showLegend: true, showValue: true, dataLabelPosition: 't', lineSize: 2.5, lineDataSymbol: 'circle', lineDataSymbolSize: 7 },
  );
  s.addNotes('Linjediagram');

  // 7 line, one series, no labels
  s = pres.addSlide();
  s.addChart(pres.ChartType.line, [{ name: 'Meløy', labels: YEARS, values: [3, 2.5, 2.9, 3.3] }], { ...chartBase([PETROL]), showValue: false, lineDataSymbol: 'none' });

  // 8 bar with a target line (combo chart, as the renderer draws targets)
  s = pres.addSlide();
  const combo = [
    { type: pres.ChartType.bar, data: [{ name: 'Netto driftsresultat', labels: YEARS, values: [1.2, 2.5, 0.4, 3.1] }], options: { barDir: 'col', barGrouping: 'clustered', chartColors: [PETROL], showValue: true } },
    { type: pres.ChartType.line, data: [{ name: 'Mål', labels: YEARS, values: [2, 2, 2, 2] }], options: { chartColors: [RED], lineSize: 2, lineDash: 'dash', lineDataSymbol: 'none', showValue: false } },
  ];
  s.addChart(combo as unknown as PptxGenJS.CHART_NAME, chartBase([PETROL]) as unknown as PptxGenJS.OptsChartData[], { ...chartBase([PETROL]), showLegend: true });

  return bytesOf(pres);
}

/**
 * A deck with a slide master (title placeholder, logo image, slide number), bullets, a hyperlink with '&' in
 * its URL, a picture next to a table (pptxgenjs gives both the same shape id) and a second section.
 */
export async function buildMasterDeck(): Promise<Uint8Array> {
  const png = 'image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
  const pres = new PptxGenJS();
  pres.layout = 'LAYOUT_WIDE';
  pres.defineSlideMaster({
    title: 'INNHOLD',
    background: { color: 'FFFFFF' },
    objects: [
      { rect: { x: 0, y: 0, w: '100%', h: 0.9, fill: { color: NAVY } } },
      { image: { x: 12.5, y: 6.8, w: 0.5, h: 0.5, data: png } },
      { placeholder: { options: { name: 'title', type: 'title', x: 0.5, y: 0.1, w: 9, h: 0.7, color: 'FFFFFF' }, text: '' } },
    ],
    slideNumber: { x: 12.3, y: 7.0, color: '6B7785', fontSize: 10 },
  });
  pres.addSection({ title: 'Del 1' });
  pres.addSection({ title: 'Del 2' });
  let s = pres.addSlide({ masterName: 'INNHOLD', sectionTitle: 'Del 1' });
  s.addText('Hovedpunkter', { placeholder: 'title' });
  s.addText(
    [
      { text: 'Driftsresultatet er svakt', options: { bullet: true, breakLine: true } },
      { text: 'Gjelden øker', options: { bullet: true } },
    ],
    { x: 0.5, y: 1.2, w: 8, h: 3, lang: 'nb-NO' },
  );
  s.addText('Kilde: SSB', { x: 0.5, y: 6.5, w: 4, h: 0.4, hyperlink: { url: 'https://www.ssb.no/statbank?a=1&b=2' } });
  s = pres.addSlide({ masterName: 'INNHOLD', sectionTitle: 'Del 2' });
  s.addTable([[{ text: 'A' }, { text: 'B' }], [{ text: '1' }, { text: '2' }]], { x: 0.5, y: 1.2, w: 6 });
  s.addImage({ data: png, x: 8, y: 1.2, w: 1, h: 1 });
  s.addImage({ data: png, x: 9.5, y: 1.2, w: 1, h: 1 });
  return bytesOf(pres);
}

/** `n` slides, each with a 12-row table and (on the first `charts` slides) a 3-series chart; for size and speed. */
export async function buildTableChartDeck(n: number, charts: number): Promise<Uint8Array> {
  const pres = new PptxGenJS();
  pres.layout = 'LAYOUT_WIDE';
  for (let i = 0; i < n; i++) {
    const s = pres.addSlide();
    s.addText(`Lysbilde ${i + 1}`, { x: 0.5, y: 0.2, w: 10, h: 0.8, fontSize: 28 });
    if (i < charts) {
      const labels = ['2019', '2020', '2021', '2022', '2023'];
      s.addChart(
        i % 2 ? pres.ChartType.line : pres.ChartType.bar,
        [0, 1, 2].map((k) => ({ name: `Serie ${k + 1}`, labels, values: labels.map((_, j) => j * k + i) })),
        { x: 0.5, y: 1.2, w: 6, h: 4, showValue: true, showLegend: true, chartColors: [PETROL, ORANGE, GREYBLUE] },
      );
    }
    const rows: PptxGenJS.TableRow[] = [['Tjeneste', '2021', '2022'].map((t) => ({ text: t, options: { bold: true } }))];
    for (let r = 0; r < 12; r++) rows.push([{ text: `Rad ${r + 1}` }, { text: String(r * 100), options: { align: 'right' } }, { text: String(r * 120), options: { align: 'right' } }]);
    s.addTable(rows, { x: 7, y: 1.2, w: 5.5, fontSize: 10 });
    s.addNotes(`Kilde: 003 Tabell ${i + 1}`);
  }
  return bytesOf(pres);
}
