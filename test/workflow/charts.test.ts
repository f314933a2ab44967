import * as fs from 'fs';
import * as http from 'http';
import { AddressInfo } from 'net';
import * as path from 'path';
import { ChartSlide } from '../../src/deck/model';
import { chartJsConfig, ChartJsConfig, serializeChartConfig } from '../../src/render/quickchart';
import { loadTheme, resolveThemePath } from '../../src/render/theme';
import { cli } from '../helpers/cli';
import { checkPackage, partNames, validateOoxml } from '../helpers/ooxml';
import { TINY_PNG, tempDir, writeSmallDeck } from './helpers';

const colors = loadTheme(resolveThemePath(undefined)).colors;
const base: ChartSlide = {
  kind: 'chart', title: 't', bindings: [], chart: 'bar', categories: ['Meløy', 'Sunndal', 'Saltdal'],
  series: [{ name: 'Innbyggere', values: [6212, 7110, 4650] }], numberFormat: '#,##0', dataLabels: true, colorBy: 'category',
};
const three = [
  { name: 'Meløy', values: [2.2, -1.5, 0.3] },
  { name: 'KOSTRA-gruppe 6', values: [1.1, 1.2, 1.3] },
  { name: 'Landet', values: [1.9, 2.0, null] },
];
/** The JavaScript QuickChart evaluates for a formatter, as a function. */
const formatter = (src: unknown) => new Function(`return ${serializeChartConfig({ f: src } as unknown as ChartJsConfig).replace(/^\{"f":/, '').replace(/\}$/, '')}`)() as (v: number) => string;

describe('the Chart.js configuration of each chart kind (no network)', () => {
  test('bar over regions: one colour per bar, axis from zero, labels formatted the bokmål way', () => {
    const c = chartJsConfig(base, colors);
    expect(c.type).toBe('bar');
    expect(c.data.labels).toEqual(['Meløy', 'Sunndal', 'Saltdal']);
    expect(c.data.datasets).toHaveLength(1);
    expect(c.data.datasets[0].data).toEqual([6212, 7110, 4650]);
    expect(c.data.datasets[0].backgroundColor).toEqual([`#${colors.accent1}`, `#${colors.accent2}`, `#${colors.accent3}`]);
    expect(c.options.indexAxis).toBeUndefined();
    expect(c.options.scales.y).toMatchObject({ stacked: false, beginAtZero: true });
    expect(c.options.plugins.legend).toMatchObject({ display: false });
    const f = formatter((c.options.plugins.datalabels as { formatter: unknown }).formatter);
    expect(f(6212)).toBe('6\u00a0212');
    expect(f(-1234567.4)).toBe('-1\u00a0234\u00a0567');
  });

  test('clustered bars: one colour per series and a legend; a missing value stays empty', () => {
    const c = chartJsConfig({ ...base, chart: 'clustered-bar', series: three, colorBy: 'series', numberFormat: '#,##0.0" %"' }, colors);
    expect(c.data.datasets.map((d) => [d.label, d.backgroundColor])).toEqual([['Meløy', `#${colors.accent1}`], ['KOSTRA-gruppe 6', `#${colors.accent2}`], ['Landet', `#${colors.accent3}`]]);
    expect(c.data.datasets[2].data).toEqual([1.9, 2.0, null]);
    expect(c.options.plugins.legend).toMatchObject({ display: true, position: 'bottom' });
    expect(c.options.scales.y.beginAtZero).toBe(false); // negative values: the axis is not forced to zero
    expect(formatter((c.options.scales.y.ticks as { callback: unknown }).callback)(2.25)).toBe('2,3 %');
  });

  test('stacked bars: both axes stacked, labels in the middle of the segments', () => {
    const c = chartJsConfig({ ...base, chart: 'stacked-bar', series: three.slice(0, 2), colorBy: 'series' }, colors);
    expect(c.options.scales.x.stacked).toBe(true);
    expect(c.options.scales.y.stacked).toBe(true);
    expect(c.options.plugins.datalabels).toMatchObject({ anchor: 'center', align: 'center' });
  });

  test('horizontal bars: the index axis is y and the values run along x; millions scaled like the native chart', () => {
    const c = chartJsConfig({ ...base, chart: 'horizontal-bar', series: [{ name: 'Differanse', values: [-12_300_000, 4_560_000, 0] }], numberFormat: '#,##0.0,," mill"', colorBy: 'series' }, colors);
    expect(c.type).toBe('bar');
    expect(c.options.indexAxis).toBe('y');
    expect(c.options.scales.x).toHaveProperty('ticks');
    expect(c.options.scales.y.grid).toEqual({ display: false });
    expect(c.data.datasets[0].data).toEqual([-12.3, 4.56, 0]);
    expect(formatter((c.options.scales.x.ticks as { callback: unknown }).callback)(-12.3)).toBe('-12,3 mill');
  });

  test('line: a line per series, no fill, no forced zero', () => {
    const c = chartJsConfig({ ...base, chart: 'line', series: three, categories: ['2020', '2030', '2040'], colorBy: 'series', numberFormat: '#,##0.00', dataLabels: false }, colors);
    expect(c.type).toBe('line');
    expect(c.data.datasets.every((d) => d.fill === false && d.borderColor === d.backgroundColor)).toBe(true);
    expect(c.options.scales.y.beginAtZero).toBe(false);
    expect(c.options.plugins.datalabels).toEqual({ display: false });
  });

  test('a target line: a dashed constant line dataset with its label, drawn over the bars, in the legend', () => {
    const c = chartJsConfig({ ...base, colorBy: 'series', target: { value: 2, label: 'Mål 2 %' }, numberFormat: '#,##0.0" %"' }, colors);
    const t = c.data.datasets[1];
    expect(t).toMatchObject({ type: 'line', label: 'Mål 2 %', data: [2, 2, 2], borderDash: [8, 5], pointRadius: 0, order: 0, datalabels: { display: false } });
    expect(t.borderColor).toBe(`#${colors.accent6}`);
    expect(c.options.plugins.legend).toMatchObject({ display: true });
  });

  test('the serialised configuration is JSON except the formatters, which become functions', () => {
    const s = serializeChartConfig(chartJsConfig(base, colors));
    expect(s).toMatch(/"formatter":function\(v\)\{/);
    expect(s).not.toContain('__BEGINFUNCTION__');
    expect(JSON.parse(s.replace(/function\(v\)\{.*?;\}(?=[,}])/g, 'null')).data.labels).toEqual(['Meløy', 'Sunndal', 'Saltdal']);
  });
});

describe('kommunedeck build --charts image, against a local QuickChart look-alike', () => {
  let dir: string;
  let deckFile: string;
  let server: http.Server;
  let url: string;
  const requests: { method?: string; url?: string; body: Record<string, unknown> }[] = [];
  const savedUrl = process.env.QUICKCHART_URL;
  beforeAll(async () => {
    dir = tempDir('charts');
    deckFile = writeSmallDeck(dir);
    server = http.createServer((req, res) => {
      let data = '';
      req.on('data', (c) => (data += c));
      req.on('end', () => {
        const body = JSON.parse(data);
        requests.push({ method: req.method, url: req.url, body });
        if (req.url?.startsWith('/html/')) {
          res.writeHead(200, { 'content-type': 'text/html' });
          res.end('<html>ikke et diagram</html>');
          return;
        }
        res.writeHead(200, { 'content-type': 'image/png' });
        res.end(TINY_PNG);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    fs.rmSync(dir, { recursive: true, force: true });
    if (savedUrl === undefined) delete process.env.QUICKCHART_URL;
    else process.env.QUICKCHART_URL = savedUrl;
  });

  test('every chart becomes a PNG from the server; the deck passes the structural check and the validator', async () => {
    process.env.QUICKCHART_URL = url;
    const out = path.join(dir, 'image.pptx');
    const r = await cli('build', deckFile, '--kommune', '1837', '--out', out, '--charts', 'image');
    expect(r.err).not.toMatch(/Feil/);
    expect(r.code).toBe(0);
    expect(requests).toHaveLength(2); // two charts in the deck
    for (const q of requests) {
      expect(q).toMatchObject({ method: 'POST', url: '/chart', body: { format: 'png', version: '4', devicePixelRatio: 2, backgroundColor: 'white' } });
      expect(q.body.width).toBeGreaterThan(1000);
      expect(q.body.height).toBeGreaterThan(300);
    }
    const bar = String(requests.find((q) => String(q.body.chart).includes('"type":"bar"'))!.body.chart);
    expect(bar).toContain('"labels":["Meløy","Sunndal","Saltdal","Midtre Gauldal"]');
    expect(bar).toContain('"data":[6212,7110,4650,6133]'); // 000 Referansekommuner i dag
    expect(bar).toMatch(/"type":"line","label":"Terskel","data":\[6000,6000,6000,6000\]/);
    expect(requests.some((q) => String(q.body.chart).startsWith('{"type":"line"'))).toBe(true);

    const bytes = fs.readFileSync(out);
    const names = partNames(bytes);
    expect(names.filter((n) => /^ppt\/media\/.*\.png$/.test(n))).toHaveLength(2);
    expect(names.filter((n) => n.startsWith('ppt/charts/'))).toEqual([]);
    expect(checkPackage(bytes)).toEqual([]);
    expect((await validateOoxml(out)).errors).toEqual([]);
  });

  test('a server that cannot be reached is an error naming its URL; no deck is written', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    process.env.QUICKCHART_URL = `http://127.0.0.1:${port}`;
    const out = path.join(dir, 'unreachable.pptx');
    const r = await cli('build', deckFile, '--kommune', '1837', '--out', out, '--charts', 'image');
    expect(r.code).toBe(1);
    expect(r.err).toContain(`QuickChart-tjeneren http://127.0.0.1:${port}/chart svarer ikke som forventet (tilkoblingen ble avvist)`);
    expect(fs.existsSync(out)).toBe(false);
  });

  test('a server that answers with something else than a PNG is an error too (a URL with a path works)', async () => {
    process.env.QUICKCHART_URL = `${url}/html/`;
    const out = path.join(dir, 'html.pptx');
    const r = await cli('build', deckFile, '--kommune', '1837', '--out', out, '--charts', 'image');
    expect(r.code).toBe(1);
    expect(r.err).toContain(`QuickChart-tjeneren ${url}/html/chart svarte, men ikke med et PNG-bilde`);
    expect(requests[requests.length - 1].url).toBe('/html/chart');
    expect(fs.existsSync(out)).toBe(false);
  });

  test('without QUICKCHART_URL the build says what to set; native charts stay the default', async () => {
    delete process.env.QUICKCHART_URL;
    const r = await cli('build', deckFile, '--kommune', '1837', '--out', path.join(dir, 'nourl.pptx'), '--charts', 'image');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/sett QUICKCHART_URL/);
    const native = path.join(dir, 'native.pptx');
    expect((await cli('build', deckFile, '--kommune', '1837', '--out', native)).code).toBe(0);
    expect(partNames(fs.readFileSync(native)).filter((p) => /^ppt\/charts\/chart\d+\.xml$/.test(p))).toHaveLength(2);
    const bad = await cli('build', deckFile, '--kommune', '1837', '--out', native, '--charts', 'svg');
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/--charts svg: forventet native eller image/);
  });
});
