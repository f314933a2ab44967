import type QuickChartClient from 'quickchart-js';
import { ChartSlide } from '../deck/model';
import { UserError } from '../errors';
import { parseNumberFormat } from '../format/number-format';
import { ThemeColors } from './theme';

/**
 * Image charts: a Chart.js configuration built from the same ChartSlide as the native chart, rendered to PNG by a
 * QuickChart server (quickchart-js). For outputs where an image is wanted (a PDF handout, a web page, a deck that
 * must look the same everywhere); native, editable charts stay the default.
 *
 * The configuration is plain JSON apart from the label formatters (quickchart-js passes functions marked
 * __BEGINFUNCTION__…__ENDFUNCTION__ through as JavaScript), so it can be checked without a server.
 */
export const CHART_JS_VERSION = '4';

export interface ChartJsDataset {
  type?: 'bar' | 'line';
  label: string;
  data: (number | null)[];
  backgroundColor: string | string[];
  borderColor: string | string[];
  borderWidth?: number;
  borderDash?: number[];
  fill?: boolean;
  pointRadius?: number;
  tension?: number;
  order?: number;
  datalabels?: Record<string, unknown>;
}

export interface ChartJsConfig {
  type: 'bar' | 'line';
  data: { labels: string[]; datasets: ChartJsDataset[] };
  options: Record<string, unknown> & { indexAxis?: 'x' | 'y'; scales: Record<string, Record<string, unknown>>; plugins: Record<string, unknown> };
}

/** Series colours in the order the native chart uses them (src/render/slides/chart.ts seriesColors). */
export function chartPalette(c: ThemeColors): string[] {
  return [c.accent1, c.accent2, c.accent3, c.accent4, c.accent5, c.accent6, c.dark2, c.muted];
}

const hex = (c: string) => `#${c}`;

/**
 * A label formatter in bokmål (thousands separated by a non-breaking space, decimal comma, the format's suffix), as
 * JavaScript source for QuickChart. Written without quotes that need escaping, so it survives serialisation.
 */
function formatterSource(decimals: number, suffix: string): string {
  const fn =
    'function(v){if(v===null||v===undefined)return "";var x=(typeof v==="object")?(v.y!==undefined?v.y:v.x):v;' +
    `var n=Math.abs(x).toFixed(${decimals}).split(".");var i=n[0],o="";` +
    'while(i.length>3){o=String.fromCharCode(160)+i.slice(-3)+o;i=i.slice(0,-3);}' +
    `return (x<0&&Number(n.join("."))!==0?"-":"")+i+o+(n[1]?","+n[1]:"")+${JSON.stringify(suffix)};}`;
  return `${FUNCTION_START}${fn}${FUNCTION_END}`;
}

const FUNCTION_START = '__BEGINFUNCTION__';
const FUNCTION_END = '__ENDFUNCTION__';

/** The configuration as QuickChart reads it: JSON, with the formatter strings turned into functions. */
export function serializeChartConfig(config: ChartJsConfig): string {
  return JSON.stringify(config).replace(/"__BEGINFUNCTION__(.*?)__ENDFUNCTION__"/g, (_, body: string) => JSON.parse(`"${body}"`) as string);
}

/** The Chart.js (v4) configuration for a chart slide: bar, clustered, stacked, horizontal or line, with a target line. */
export function chartJsConfig(m: ChartSlide, colors: ThemeColors): ChartJsConfig {
  const palette = chartPalette(colors);
  const fmt = parseNumberFormat(m.numberFormat);
  const scaled = (v: number | null) => (v === null ? null : v / fmt.scale);
  const horizontal = m.chart === 'horizontal-bar';
  const stacked = m.chart === 'stacked-bar';
  const line = m.chart === 'line';
  const many = m.series.length > 1;
  const byCategory = m.colorBy === 'category' && !many && !line;
  const datasets: ChartJsDataset[] = m.series.map((s, i) => {
    const colour = hex(palette[i % palette.length]);
    const perPoint = byCategory ? m.categories.map((_, k) => hex(palette[k % palette.length])) : undefined;
    return line
      ? { label: s.name, data: s.values.map(scaled), backgroundColor: colour, borderColor: colour, borderWidth: 3, fill: false, pointRadius: 4, tension: 0, order: 1 }
      : { label: s.name, data: s.values.map(scaled), backgroundColor: perPoint ?? colour, borderColor: perPoint ?? colour, borderWidth: 0, order: 1 };
  });
  if (m.target) {
    const colour = hex(colors.accent6);
    datasets.push({
      type: 'line',
      label: m.target.label ?? 'Mål',
      data: m.categories.map(() => m.target!.value / fmt.scale),
      backgroundColor: colour,
      borderColor: colour,
      borderWidth: 2,
      borderDash: [8, 5],
      fill: false,
      pointRadius: 0,
      order: 0,
      datalabels: { display: false },
    });
  }
  const allValues = m.series.flatMap((s) => s.values).filter((v): v is number => v !== null);
  const valueAxis: Record<string, unknown> = {
    stacked,
    beginAtZero: !line && allValues.every((v) => v >= 0),
    grid: { color: '#E3E8EE' },
    ticks: { color: hex(colors.muted), callback: formatterSource(fmt.decimals, fmt.suffix) },
    ...(m.yTitle ? { title: { display: true, text: m.yTitle, color: hex(colors.muted) } } : {}),
  };
  const categoryAxis: Record<string, unknown> = { stacked, grid: { display: false }, ticks: { color: hex(colors.dark1), autoSkip: false } };
  return {
    type: line ? 'line' : 'bar',
    data: { labels: m.categories, datasets },
    options: {
      ...(horizontal ? { indexAxis: 'y' as const } : {}),
      locale: 'nb-NO',
      layout: { padding: { top: 8, right: 24, bottom: 4, left: 4 } },
      scales: horizontal ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis },
      plugins: {
        legend: { display: many || Boolean(m.target), position: 'bottom', labels: { color: hex(colors.dark1) } },
        title: { display: false },
        datalabels: m.dataLabels
          ? { display: true, anchor: stacked ? 'center' : 'end', align: stacked ? 'center' : line ? 'top' : 'end', color: hex(colors.dark1), font: { size: 11 }, formatter: formatterSource(fmt.decimals, fmt.suffix) }
          : { display: false },
      },
    },
  };
}

/** Where the QuickChart server is: env QUICKCHART_URL (e.g. http://localhost:3400 for the docker image). */
export function quickChartUrl(env: NodeJS.ProcessEnv = process.env): string {
  const url = env.QUICKCHART_URL?.trim();
  if (!url) {
    throw new UserError(
      'bildediagrammer (--charts image) trenger en QuickChart-tjener: sett QUICKCHART_URL, f.eks. QUICKCHART_URL=http://localhost:3400 ' +
        '(docker run -p 3400:3400 ianw/quickchart) eller https://quickchart.io (da sendes tallene dit); uten --charts image blir diagrammene redigerbare PowerPoint-diagrammer',
      'NO_QUICKCHART',
    );
  }
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new UserError(`QUICKCHART_URL='${url}' er ikke en gyldig adresse; forventet f.eks. http://localhost:3400`, 'BAD_QUICKCHART');
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new UserError(`QUICKCHART_URL='${url}': forventet http:// eller https://`, 'BAD_QUICKCHART');
  return url.replace(/\/+$/, '');
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export interface ChartImageRequest {
  config: ChartJsConfig;
  /** CSS pixels; the image is rendered at devicePixelRatio 2 */
  width: number;
  height: number;
}

/** Render one chart to PNG on the QuickChart server; every failure is a UserError naming the server. */
export async function renderChartPng(req: ChartImageRequest, baseUrl: string, timeoutMs = Number(process.env.QUICKCHART_TIMEOUT_MS ?? 30000)): Promise<Uint8Array> {
  const u = new URL(baseUrl);
  // quickchart-js (with node-fetch, whatwg-url and tr46's tables) only for --charts image: ~30 ms of every build's start
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const QuickChart = require('quickchart-js') as typeof QuickChartClient;
  const qc = new QuickChart();
  qc.setScheme(u.protocol.replace(':', ''));
  qc.setHost(u.host + u.pathname.replace(/\/+$/, ''));
  qc.setConfig(serializeChartConfig(req.config));
  qc.setWidth(req.width).setHeight(req.height).setDevicePixelRatio(2).setFormat('png').setBackgroundColor('white').setVersion(CHART_JS_VERSION);
  const endpoint = `${baseUrl}/chart`;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new UserError(`QuickChart-tjeneren ${endpoint} svarte ikke innen ${Math.round(timeoutMs / 1000)} s (QUICKCHART_URL)`, 'QUICKCHART_TIMEOUT')), timeoutMs);
    timer.unref?.();
  });
  let png: Buffer;
  try {
    png = await Promise.race([qc.toBinary(), timeout]);
  } catch (e) {
    if (e instanceof UserError) throw e;
    const err = e as Error & { code?: string; errno?: string };
    const code = err.code ?? err.errno;
    const why = code === 'ECONNREFUSED' ? 'tilkoblingen ble avvist' : code === 'ENOTFOUND' ? 'fant ikke vertsnavnet' : code ? `${code}` : err.message.split('\n')[0];
    throw new UserError(`kunne ikke lage diagrambilde: QuickChart-tjeneren ${endpoint} svarer ikke som forventet (${why}); sjekk QUICKCHART_URL, eller bygg uten --charts image`, 'QUICKCHART_UNREACHABLE');
  } finally {
    if (timer) clearTimeout(timer);
  }
  if (png.length < 8 || !PNG_SIGNATURE.every((b, i) => png[i] === b)) {
    throw new UserError(`QuickChart-tjeneren ${endpoint} svarte, men ikke med et PNG-bilde; er QUICKCHART_URL en QuickChart-tjener?`, 'QUICKCHART_NOT_PNG');
  }
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}
