/**
 * A native chart part (ppt/charts/chartN.xml) refreshed in place: series names, categories and values in the
 * caches (`c:strCache`, `c:numCache`, `c:multiLvlStrCache`), their formulas when the number of categories changes,
 * and the cells of the embedded workbook those formulas name. Every other element of the chart — colours, axes,
 * labels, size — is left as the consultant left it.
 */
import { escapeXmlText } from '../render/package/opc';
import { BuiltContent, decodeXml } from '../render/package/bindings';
import { CellWrite, cellsOf, formatRange, parseRange, resize } from './workbook';

type ChartContent = Extract<BuiltContent, { kind: 'chart' }>;

export interface SeriesXml {
  start: number;
  end: number;
  xml: string;
  name?: string;
  nameF?: string;
  cats: string[];
  catF?: string;
  values: (number | null)[];
  valF?: string;
}

function pts(cache: string): { count: number; items: Map<number, string> } {
  const count = Number(/<c:ptCount val="(\d+)"/.exec(cache)?.[1] ?? '0');
  const items = new Map<number, string>();
  for (const m of cache.matchAll(/<c:pt\b[^>]*\sidx="(\d+)"[^>]*>\s*<c:v>([^<]*)<\/c:v>/g)) items.set(Number(m[1]), decodeXml(m[2]));
  return { count, items };
}

function child(xml: string, tag: string): string | undefined {
  const re = new RegExp(`<${tag}>[\\s\\S]*?<\\/${tag}>`);
  return re.exec(xml)?.[0];
}

function formulaOf(xml: string | undefined): string | undefined {
  const f = xml ? /<c:f>([^<]*)<\/c:f>/.exec(xml)?.[1] : undefined;
  return f === undefined ? undefined : decodeXml(f);
}

/** The series of a chart part in document order (all chart groups). */
export function readSeries(chart: string): SeriesXml[] {
  return [...chart.matchAll(/<c:ser>[\s\S]*?<\/c:ser>/g)].map((m) => {
    const xml = m[0];
    const tx = child(xml, 'c:tx');
    const name = tx ? /<c:v>([^<]*)<\/c:v>/.exec(tx)?.[1] : undefined;
    const cat = child(xml, 'c:cat');
    const val = child(xml, 'c:val');
    const catPts = cat ? pts(/<c:lvl>[\s\S]*?<\/c:lvl>/.exec(cat)?.[0] ?? cat) : { count: 0, items: new Map<number, string>() };
    const catCount = cat ? Number(/<c:ptCount val="(\d+)"/.exec(cat)?.[1] ?? '0') : 0;
    const valPts = val ? pts(val) : { count: 0, items: new Map<number, string>() };
    return {
      start: m.index ?? 0,
      end: (m.index ?? 0) + xml.length,
      xml,
      name: name === undefined ? undefined : decodeXml(name),
      nameF: formulaOf(tx),
      cats: Array.from({ length: catCount }, (_, i) => catPts.items.get(i) ?? ''),
      catF: formulaOf(cat),
      values: Array.from({ length: valPts.count }, (_, i) => {
        const v = valPts.items.get(i);
        return v === undefined || v.trim() === '' ? null : Number(v);
      }),
      valF: formulaOf(val),
    };
  });
}

/** The renderer draws a missing value as 0: compare as drawn. */
const drawn = (v: number | null): number => (v === null || !Number.isFinite(v) ? 0 : v);
export const sameNumber = (a: number | null, b: number | null): boolean => {
  const x = drawn(a);
  const y = drawn(b);
  return Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(y));
};

const pt = (i: number, v: string) => `<c:pt idx="${i}"><c:v>${escapeXmlText(v)}</c:v></c:pt>`;

/** Replace the points (and ptCount) of a cache element's inner XML. */
function withPoints(cache: string, items: string[]): string {
  const without = cache.replace(/\s*<c:pt\b[^>]*>[\s\S]*?<\/c:pt>/g, '');
  const count = `<c:ptCount val="${items.length}"/>`;
  const list = items.map((v, i) => pt(i, v)).join('');
  return /<c:ptCount\b[^>]*\/>/.test(without) ? without.replace(/<c:ptCount\b[^>]*\/>/, count + list) : without + count + list;
}

function setFormula(xml: string, f: string | undefined): string {
  return f === undefined ? xml : xml.replace(/<c:f>[^<]*<\/c:f>/, `<c:f>${escapeXmlText(f)}</c:f>`);
}

/** Rewrite a series' categories (string, number or one-level multi-level cache). */
function writeCategories(ser: string, cats: string[], f?: string): string {
  return ser.replace(/<c:cat>[\s\S]*?<\/c:cat>/, (cat) => {
    let out = setFormula(cat, f);
    if (/<c:multiLvlStrCache>/.test(out)) {
      out = out.replace(/<c:multiLvlStrCache>([\s\S]*?)<\/c:multiLvlStrCache>/, (_all, inner: string) => {
        const counted = inner.replace(/<c:ptCount\b[^>]*\/>/, `<c:ptCount val="${cats.length}"/>`);
        return `<c:multiLvlStrCache>${counted.replace(/<c:lvl>[\s\S]*?<\/c:lvl>/, (lvl) => `<c:lvl>${cats.map((c, i) => pt(i, c)).join('')}${lvl.replace(/^<c:lvl>/, '').replace(/<\/c:lvl>$/, '').replace(/\s*<c:pt\b[^>]*>[\s\S]*?<\/c:pt>/g, '')}</c:lvl>`)}</c:multiLvlStrCache>`;
      });
      return out;
    }
    return out.replace(/<c:(strCache|numCache)>([\s\S]*?)<\/c:\1>/, (_all, kind: string, inner: string) => `<c:${kind}>${withPoints(inner, cats)}</c:${kind}>`);
  });
}

function writeValues(ser: string, values: (number | null)[], f?: string): string {
  return ser.replace(/<c:val>[\s\S]*?<\/c:val>/, (val) =>
    setFormula(val, f).replace(/<c:numCache>([\s\S]*?)<\/c:numCache>/, (_all, inner: string) => `<c:numCache>${withPoints(inner, values.map((v) => String(drawn(v))))}</c:numCache>`),
  );
}

function writeName(ser: string, name: string): string {
  return ser.replace(/<c:tx>[\s\S]*?<\/c:tx>/, (tx) => tx.replace(/<c:v>[^<]*<\/c:v>/, `<c:v>${escapeXmlText(name)}</c:v>`));
}

export interface ChartChange {
  what: string;
  old: string;
  new: string;
}

export interface ChartUpdate {
  xml: string;
  /** the chart's content after the update (what the binding records as built from now on) */
  built: ChartContent;
  changes: ChartChange[];
  /** figures that changed in the data but were edited in the chart, so left alone */
  kept: (ChartChange & { reason: string })[];
  writes: CellWrite[];
  clears: CellWrite[];
  renames: { from: string; to: string }[];
  lastRow?: number;
}

export type FormatNumber = (v: number | null) => string;

/**
 * Update a chart part from `built` (what it showed when built) to `next` (the new figures). A point the
 * consultant changed (cache ≠ built) is kept and reported. When the number of categories changes, the whole
 * series is rewritten, which needs the chart's data to be as built. Returns a reason instead when the chart cannot
 * be updated at all.
 */
export function updateChart(chart: string, built: ChartContent, next: ChartContent, fmt: FormatNumber): ChartUpdate | { error: string } {
  const series = readSeries(chart);
  const n = built.series.length;
  if (series.length < n) return { error: `diagrammet har ${series.length} dataserier, men ble bygget med ${n}: en serie er slettet` };
  if (next.series.length !== n) return { error: `tallene har nå ${next.series.length} dataserier (diagrammet ble bygget med ${n}); bygg lysbildet på nytt` };
  const bound = series.slice(0, n);
  const changes: ChartChange[] = [];
  const kept: (ChartChange & { reason: string })[] = [];
  const writes: CellWrite[] = [];
  const clears: CellWrite[] = [];
  const renames: { from: string; to: string }[] = [];
  const curCats = bound[0]?.cats ?? [];
  const resized = next.categories.length !== built.categories.length;
  const label = (k: number, i: number) => `diagram, serie «${next.series[k].name}», ${next.categories[i] ?? built.categories[i] ?? `punkt ${i + 1}`}`;
  let lastRow: number | undefined;

  let cats: string[];
  const values: (number | null)[][] = [];
  const names: string[] = [];
  if (resized) {
    const asBuilt = curCats.length === built.categories.length && curCats.every((c, i) => c === built.categories[i]) && bound.every((s, k) => s.values.length === built.series[k].values.length && s.values.every((v, i) => sameNumber(v, built.series[k].values[i])));
    if (!asBuilt) return { error: `antall kategorier er endret (${built.categories.length} → ${next.categories.length}), og diagrammets tall er redigert etter byggingen; bygg lysbildet på nytt` };
    cats = [...next.categories];
    changes.push({ what: 'diagram, kategorier', old: built.categories.join('; '), new: next.categories.join('; ') });
    next.series.forEach((s, k) => {
      values.push([...s.values]);
      s.values.forEach((v, i) => {
        const old = built.series[k].values[i];
        if (i >= built.categories.length || next.categories[i] !== built.categories[i] || !sameNumber(old ?? null, v)) {
          changes.push({ what: label(k, i), old: i < built.series[k].values.length ? fmt(old ?? null) : '', new: fmt(v) });
        }
      });
    });
  } else {
    cats = built.categories.map((b, i) => {
      const cur = curCats[i] ?? b;
      const nv = next.categories[i];
      if (nv === b) return cur;
      if (cur !== b) {
        kept.push({ what: `diagram, kategori ${i + 1}`, old: cur, new: nv, reason: 'kategorinavnet er endret i diagrammet etter byggingen og er latt stå' });
        return cur;
      }
      changes.push({ what: `diagram, kategori ${i + 1}`, old: b, new: nv });
      return nv;
    });
    next.series.forEach((s, k) => {
      const cur = bound[k].values;
      values.push(
        s.values.map((v, i) => {
          const b = built.series[k].values[i] ?? null;
          const c = i < cur.length ? cur[i] : b;
          if (sameNumber(v, b)) return c;
          if (!sameNumber(c, b)) {
            kept.push({ what: label(k, i), old: fmt(c), new: fmt(v), reason: 'verdien er endret i diagrammet (Rediger data) etter byggingen og er latt stå' });
            return c;
          }
          changes.push({ what: label(k, i), old: fmt(b), new: fmt(v) });
          return v;
        }),
      );
    });
  }
  next.series.forEach((s, k) => {
    const b = built.series[k].name;
    const cur = bound[k].name ?? b;
    if (s.name === b) names.push(cur);
    else if (cur !== b) {
      kept.push({ what: `diagram, serie ${k + 1}`, old: cur, new: s.name, reason: 'serienavnet er endret i diagrammet etter byggingen og er latt stå' });
      names.push(cur);
    } else {
      changes.push({ what: `diagram, serie ${k + 1}`, old: b, new: s.name });
      renames.push({ from: b, to: s.name });
      names.push(s.name);
    }
  });
  if (changes.length === 0) {
    return { xml: chart, built: mergedBuilt(built, next, cats, values, names), changes, kept, writes, clears, renames };
  }

  // rewrite the series, last first so offsets stay valid
  let xml = chart;
  for (let k = series.length - 1; k >= 0; k--) {
    const s = series[k];
    let ser = s.xml;
    let catF = s.catF;
    let valF = s.valF;
    const catRange = parseRange(s.catF);
    const valRange = parseRange(s.valF);
    if (resized) {
      if (catRange) catF = formatRange(resize(catRange, cats.length));
      if (valRange) valF = formatRange(resize(valRange, cats.length));
      if (catRange && catRange.c1 === catRange.c2) lastRow = catRange.r1 + cats.length - 1;
    }
    ser = writeCategories(ser, cats, resized ? catF : undefined);
    let vals: (number | null)[];
    if (k < n) {
      vals = values[k];
      ser = writeName(ser, names[k]);
      const nameRange = parseRange(s.nameF);
      if (nameRange) writes.push({ sheet: nameRange.sheet, ref: cellsOf(nameRange)[0], value: names[k] });
    } else {
      // an unbound series (a target line): same value for every category
      const last = s.values.length ? s.values[s.values.length - 1] : null;
      vals = cats.map((_, i) => (i < s.values.length ? s.values[i] : last));
    }
    if (resized || k < n) ser = writeValues(ser, vals, resized ? valF : undefined);
    const vr = parseRange(valF);
    if (vr) cellsOf(vr).forEach((ref, i) => writes.push({ sheet: vr.sheet, ref, value: drawn(vals[i] ?? null) }));
    if (k === 0) {
      const cr = parseRange(catF);
      if (cr) cellsOf(cr).forEach((ref, i) => writes.push({ sheet: cr.sheet, ref, value: cats[i] ?? '' }));
    }
    if (resized && valRange && vals.length < valRange.r2 - valRange.r1 + 1) {
      cellsOf(valRange).slice(vals.length).forEach((ref) => clears.push({ sheet: valRange.sheet, ref, value: null }));
      if (k === 0 && catRange) cellsOf(catRange).slice(cats.length).forEach((ref) => clears.push({ sheet: catRange.sheet, ref, value: null }));
    }
    xml = xml.slice(0, s.start) + ser + xml.slice(s.end);
  }
  return { xml, built: mergedBuilt(built, next, cats, values, names), changes, kept, writes, clears, renames, lastRow };
}

/** What the chart shows as built from now on: new figures where applied, the old built ones where kept. */
function mergedBuilt(built: ChartContent, next: ChartContent, cats: string[], values: (number | null)[][], names: string[]): ChartContent {
  const resized = next.categories.length !== built.categories.length;
  if (resized) return next;
  return {
    kind: 'chart',
    categories: next.categories.map((c, i) => (cats[i] === c ? c : built.categories[i])),
    series: next.series.map((s, k) => ({
      name: names[k] === s.name ? s.name : built.series[k].name,
      values: s.values.map((v, i) => (sameNumber(values[k][i], v) ? v : built.series[k].values[i] ?? null)),
    })),
  };
}

// re-export for tests
export const _internal = { withPoints };
export type { ChartContent };
