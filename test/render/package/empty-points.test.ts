import PptxGenJS from 'pptxgenjs';
import { finishPackage } from '../../../src/render/package';
import { loadTheme, resolveThemePath } from '../../../src/render/theme';
import { checkPackage, partText, validateBytes, formatFindings } from '../../helpers/ooxml';

/** dropEmptyChartPoints: a missing value is a gap in the chart, not an empty number in its cache. */
test('raw pptxgenjs writes an empty <c:v> for a missing value; the finished chart leaves the point out', async () => {
  const pres = new PptxGenJS();
  pres.addSlide().addChart(pres.ChartType.bar, [{ name: 'Utgiftsutjevning', labels: ['2020', '2021', '2022'], values: [50.6, null as unknown as number, 48.1] }], { x: 1, y: 1, w: 8, h: 4 });
  const raw = (await pres.write({ outputType: 'uint8array' })) as Uint8Array;
  const rawChart = partText(raw, 'ppt/charts/chart1.xml');
  expect(rawChart).toMatch(/<c:pt idx="1"><c:v><\/c:v><\/c:pt>/);
  const theme = loadTheme(resolveThemePath(undefined));
  const done = finishPackage(raw, { theme, date: new Date(Date.UTC(2023, 0, 1)) });
  const chart = partText(done, 'ppt/charts/chart1.xml');
  const numCache = /<c:numCache>[\s\S]*?<\/c:numCache>/.exec(chart)![0];
  expect(numCache).toContain('<c:ptCount val="3"/>');
  expect(numCache).not.toMatch(/<c:pt idx="1">/);
  expect(numCache).toMatch(/<c:pt idx="2"><c:v>48.1<\/c:v><\/c:pt>/);
  expect(checkPackage(done)).toEqual([]);
  expect(formatFindings((await validateBytes(done, 'empty-points.pptx')).errors)).toEqual([]);
});
