import { Dataset } from '../data/dataset';
import { TableRow } from '../data/model';
import { num } from '../format/bokmal';
import {
  Criterion,
  CriterionBasis,
  KommuneCriterionValue,
  kostnadsnokkelEnhetsbelop,
  MissingInputError,
  nordNorgeTilskudd,
  projectUtgiftsutjevning,
  ProjectionPoint,
  shareOfKorrigerteFrieInntekter,
  incomeLevelGap,
  UtjevningResult,
  utgiftsutjevning,
  weightedSum,
} from '../analysis/inntektssystem';
import { MetricContext, MetricDef, SeriesData, TableColumn } from './types';
import { incomePerInnbygger } from '../analysis/finans';
import { incomeOf, innbyggereFor, INNBYGGERE_VARS, latestYearWith, regionsOf, sourcesOf, uniq, val } from './finans';

/*
 * Income-system metrics belong to the inntektssystem year (2020 in 003, 2023 in 000). Regional grants and local
 * income come from other years in 000 (2022); those metrics use the newest year at or before the asked year and
 * say which year in the table heading.
 */

const LANDET = 'EAK';
const V_INNB = 'inntektssystem.innbyggere';
const V_NEED = 'inntektssystem.utgiftsbehov_per_innb';
const V_TOTAL_NEED = 'inntektssystem.utgiftsbehov_totalt';
const V_UU_PUB = 'inntektssystem.utgiftsutjevning_publisert';
const BASES: readonly CriterionBasis[] = ['personer', 'km', 'basis', 'andel', 'indeks'];

type Read = [string, number, string];

/* ------------------------------------------------------------------ reading criteria */

function str(r: TableRow, k: string): string {
  const v = r.values[k];
  return v === null || v === undefined ? '' : String(v);
}
function numOrNull(r: TableRow, k: string): number | null {
  const v = r.values[k];
  return typeof v === 'number' ? v : null;
}

/** The kostnadsnøkkel of an inntektssystem year, in the source's order. */
export function criteriaFor(ds: Dataset, year: number): { criteria: Criterion[]; sources: string[] } {
  const rows = ds.table('kostnadsnokkel', { year }).slice();
  rows.sort((a, b) => (numOrNull(a, 'rekkefolge') ?? 0) - (numOrNull(b, 'rekkefolge') ?? 0));
  const criteria = rows.map((r): Criterion => {
    const basis = str(r, 'grunnlag') as CriterionBasis;
    return {
      id: str(r, 'kriterium'),
      label: str(r, 'navn'),
      weight: numOrNull(r, 'vekt') ?? 0,
      basis: BASES.includes(basis) ? basis : 'indeks',
      nationalCount: numOrNull(r, 'landet'),
    };
  });
  return { criteria, sources: uniq(rows.map((r) => str(r, 'source'))) };
}

/** A region's criterion values (count and/or published index) for a year. */
export function criterionValuesFor(ds: Dataset, year: number, region: string): { values: Map<string, KommuneCriterionValue>; sources: string[] } {
  const rows = ds.table('kriteriedata', { year, region });
  const values = new Map<string, KommuneCriterionValue>();
  for (const r of rows) values.set(str(r, 'kriterium'), { count: numOrNull(r, 'antall'), publishedIndex: numOrNull(r, 'indeks') });
  return { values, sources: uniq(rows.map((r) => str(r, 'source'))) };
}

export interface LoadedUtjevning {
  result: UtjevningResult;
  innbyggere: number | null;
  nationalInnbyggere: number | null;
  averageNeed: number | null;
  sources: string[];
  inputs: string[];
}

/**
 * Everything utgiftsutjevning needs for one region and inntektssystem year. Indices come from kriteriedata; the
 * kommune's and the nation's innbyggere and the average need from observations. Without innbyggere or average need
 * the indices (and behovsindeks) are still returned; the kroner figures are then null / NaN and callers check.
 */
export function loadUtjevning(ds: Dataset, region: string, year: number): LoadedUtjevning | { missing: string } {
  const { criteria, sources: cs } = criteriaFor(ds, year);
  if (criteria.length === 0) return { missing: `kostnadsnøkkelen for ${year} mangler (data/tables/kostnadsnokkel.csv)` };
  const { values, sources: vs } = criterionValuesFor(ds, year, region);
  if (values.size === 0) return { missing: `kriteriedata for ${ds.regionName(region)} ${year} mangler (data/tables/kriteriedata.csv)` };
  const innbyggere = val(ds, region, year, V_INNB);
  const nationalInnbyggere = val(ds, LANDET, year, V_INNB);
  const averageNeed = val(ds, LANDET, year, V_NEED);
  const reads: Read[] = [
    [region, year, V_INNB],
    [LANDET, year, V_INNB],
    [LANDET, year, V_NEED],
  ];
  try {
    const result = utgiftsutjevning({ criteria, values, innbyggere, nationalInnbyggere, averageNeed: averageNeed ?? NaN });
    const inputs = ['kostnadsnokkel', 'kriteriedata', ...reads.filter(([r, y, v]) => ds.get(r, y, v)).map((x) => x[2])];
    return { result, innbyggere, nationalInnbyggere, averageNeed, sources: uniq([...cs, ...vs, ...sourcesOf(ds, reads)]), inputs: uniq(inputs) };
  } catch (e) {
    if (e instanceof MissingInputError) return { missing: `${ds.regionName(region)} ${year}: ${e.message}` };
    throw e;
  }
}

function isMissingLoad(x: LoadedUtjevning | { missing: string }): x is { missing: string } {
  return (x as { missing?: string }).missing !== undefined;
}

/** true when some index of the result was computed from counts (then five decimals are meaningful). */
function fromCounts(r: UtjevningResult): boolean {
  return r.rows.some((x) => !x.indexPublished);
}

/* ------------------------------------------------------------------ scalar metrics */

function utjevningScalar(
  id: string,
  label: string,
  unit: string,
  formula: string,
  pick: (l: LoadedUtjevning) => { value: number | null; decimals: number; why?: string },
): MetricDef {
  return {
    id,
    label,
    unit,
    kind: 'scalar',
    inputs: ['kostnadsnokkel', 'kriteriedata', V_INNB, V_NEED],
    formula,
    compute(ctx) {
      const l = loadUtjevning(ctx.dataset, ctx.kommune, ctx.year);
      if (isMissingLoad(l)) return l;
      const p = pick(l);
      if (p.value === null || !Number.isFinite(p.value)) return { missing: p.why ?? `inndata mangler for ${ctx.dataset.regionName(ctx.kommune)} ${ctx.year}` };
      return { value: p.value, decimals: p.decimals, source: l.sources, inputs: l.inputs };
    },
  };
}

const needMissing = 'landsgjennomsnittlig utgiftsbehov per innbygger mangler';

const behovsindeks = utjevningScalar(
  'inntektssystem.behovsindeks',
  'Behovsindeks (kostnadsindeks)',
  'indeks',
  'Σ vekt × kriterieindeks over kriteriene i kostnadsnøkkelen',
  (l) => ({ value: l.result.behovsindeks, decimals: fromCounts(l.result) ? 5 : 4 }),
);

const utslagPct = utjevningScalar(
  'inntektssystem.utslag_pct',
  'Beregnet merbehov i forhold til landsgjennomsnittet',
  '%',
  '(behovsindeks − 1) × 100',
  (l) => ({ value: l.result.utslag * 100, decimals: 2 }),
);

const utjevningPerInnb = utjevningScalar(
  'inntektssystem.utgiftsutjevning_per_innb',
  'Utgiftsutjevning per innbygger',
  'kr per innb',
  '(behovsindeks − 1) × landsgjennomsnittlig utgiftsbehov per innbygger',
  (l) => ({ value: l.averageNeed === null ? null : l.result.krPerInnb, decimals: 0, why: needMissing }),
);

const utgiftsbehovPerInnb = utjevningScalar(
  'inntektssystem.utgiftsbehov_per_innb',
  'Beregnet utgiftsbehov per innbygger',
  'kr per innb',
  'behovsindeks × landsgjennomsnittlig utgiftsbehov per innbygger',
  (l) => ({ value: l.averageNeed === null ? null : l.result.needPerInnb, decimals: 0, why: needMissing }),
);

const utjevning: MetricDef = {
  id: 'inntektssystem.utgiftsutjevning',
  label: 'Utgiftsutjevning',
  unit: 'kr',
  kind: 'scalar',
  inputs: ['kostnadsnokkel', 'kriteriedata', V_INNB, V_NEED, V_UU_PUB],
  formula: '(behovsindeks − 1) × landsgjennomsnittlig utgiftsbehov per innbygger × innbyggere (publisert beløp når inndata mangler)',
  compute(ctx) {
    const ds = ctx.dataset;
    const l = loadUtjevning(ds, ctx.kommune, ctx.year);
    if (!isMissingLoad(l) && l.result.kr !== null && Number.isFinite(l.result.kr)) return { value: l.result.kr, decimals: 0, source: l.sources, inputs: l.inputs };
    const pub = ds.get(ctx.kommune, ctx.year, V_UU_PUB);
    if (pub && pub.value !== null) return { value: pub.value, decimals: 0, source: [pub.source], inputs: [V_UU_PUB], published: true };
    if (isMissingLoad(l)) return l;
    return { missing: `innbyggertall eller landsgjennomsnittlig utgiftsbehov mangler for ${ds.regionName(ctx.kommune)} ${ctx.year}` };
  },
};

function eakScalar(id: string, label: string, unit: string, variable: string, latest: boolean): MetricDef {
  return {
    id,
    label,
    unit,
    kind: 'scalar',
    inputs: [variable],
    formula: latest ? `${label.toLowerCase()} (nyeste år til og med valgt år)` : label.toLowerCase(),
    compute(ctx) {
      const ds = ctx.dataset;
      const y = latest ? latestYearWith(ds, [LANDET], [variable], ctx.year) : ctx.year;
      const o = y === undefined ? undefined : ds.get(LANDET, y, variable);
      if (!o || o.value === null) return { missing: `${label.toLowerCase()} mangler for ${ctx.year}` };
      return { value: o.value, decimals: Number.isInteger(o.value) ? 0 : 1, source: [o.source], inputs: [variable] };
    },
  };
}

const innbyggere: MetricDef = {
  id: 'inntektssystem.innbyggere',
  label: 'Innbyggere i inntektssystemet',
  unit: 'antall',
  kind: 'scalar',
  inputs: [V_INNB],
  formula: 'innbyggertallet utgiftsutjevningen bruker (1.7. året før)',
  compute(ctx) {
    const o = ctx.dataset.get(ctx.kommune, ctx.year, V_INNB);
    if (!o || o.value === null) return { missing: `innbyggertallet i inntektssystemet mangler for ${ctx.dataset.regionName(ctx.kommune)} ${ctx.year}` };
    return { value: o.value, decimals: 0, source: [o.source], inputs: [V_INNB] };
  },
};

/* ------------------------------------------------------------------ the 24-row criterion table */

/** Drops the columns whose values are null in every row. */
function dropEmpty(columns: TableColumn[], rows: Record<string, string | number | null>[], keep: string[]): TableColumn[] {
  return columns.filter((c) => keep.includes(c.key) || rows.some((r) => r[c.key] !== null && r[c.key] !== undefined));
}

/** A count shown as printed: whole numbers as numbers, shares/indices as bokmål text with four decimals. */
function countCell(v: number | null): string | number | null {
  if (v === null) return null;
  return Number.isInteger(v) ? v : num(v, 4);
}

const kriterier: MetricDef = {
  id: 'inntektssystem.kriterier',
  label: 'Utgiftsutjevning per kriterium',
  unit: '1000 kr',
  kind: 'table',
  inputs: ['kostnadsnokkel', 'kriteriedata', V_INNB, V_NEED],
  formula: 'per kriterium: indeks = (x/innb)/(X/innb landet) eller publisert; utslag = vekt × (indeks − 1); kr per innb = utslag × utgiftsbehov; 1000 kr = kr per innb × innbyggere / 1000',
  compute(ctx) {
    const l = loadUtjevning(ctx.dataset, ctx.kommune, ctx.year);
    if (isMissingLoad(l)) return l;
    const r = l.result;
    const haveNeed = l.averageNeed !== null;
    const haveKr = haveNeed && r.kr !== null;
    const rows: Record<string, string | number | null>[] = r.rows.map((x) => ({
      kriterium: x.label,
      vekt: x.weight,
      landet: countCell(x.nationalCount),
      kommune: countCell(x.count),
      indeks: x.index,
      utslag: x.utslag * 100,
      kr_per_innb: haveNeed ? x.krPerInnb : null,
      tusen_kr: haveKr && x.kr !== null ? x.kr / 1000 : null,
    }));
    rows.push({
      kriterium: 'Kostnadsindeks',
      vekt: r.weightSum,
      landet: null,
      kommune: null,
      indeks: r.behovsindeks,
      utslag: r.utslag * 100,
      kr_per_innb: haveNeed ? r.krPerInnb : null,
      tusen_kr: haveKr && r.kr !== null ? r.kr / 1000 : null,
    });
    const columns: TableColumn[] = [
      { key: 'kriterium', label: 'Kriterium' },
      { key: 'vekt', label: 'Vekt', unit: 'vekt', decimals: 4 },
      { key: 'landet', label: 'Antall hele landet', unit: 'antall' },
      { key: 'kommune', label: `Antall ${ctx.dataset.regionName(ctx.kommune)}`, unit: 'antall' },
      { key: 'indeks', label: 'Indeks', unit: 'indeks', decimals: 4 },
      { key: 'utslag', label: 'Utslag (%)', unit: '%', decimals: 2 },
      { key: 'kr_per_innb', label: 'Tillegg/fradrag kr per innb', unit: 'kr per innb', decimals: 0 },
      { key: 'tusen_kr', label: 'Tillegg/fradrag 1000 kr', unit: '1000 kr', decimals: 0 },
    ];
    return {
      table: { columns: dropEmpty(columns, rows, ['kriterium', 'vekt', 'indeks', 'utslag']), rows, totalRows: [rows.length - 1] },
      source: l.sources,
      inputs: l.inputs,
    };
  },
};

/* ------------------------------------------------------------------ kostnadsnøkkel with enhetsbeløp */

export function totalNeed(ds: Dataset, year: number): { value: number; reads: Read[]; derived: boolean } | null {
  const t = val(ds, LANDET, year, V_TOTAL_NEED);
  if (t !== null) return { value: t, reads: [[LANDET, year, V_TOTAL_NEED]], derived: false };
  const n = val(ds, LANDET, year, V_INNB);
  const u = val(ds, LANDET, year, V_NEED);
  if (n === null || u === null) return null;
  return { value: n * u, reads: [[LANDET, year, V_INNB], [LANDET, year, V_NEED]], derived: true };
}

const kostnadsnokkel: MetricDef = {
  id: 'inntektssystem.kostnadsnokkel',
  label: 'Kostnadsnøkkelen med enhetsbeløp',
  unit: 'kr',
  kind: 'table',
  inputs: ['kostnadsnokkel', V_TOTAL_NEED, V_INNB, V_NEED],
  formula: 'enhetsbeløp = vekt × samlet utgiftsbehov i landet / antall i landet (samlet utgiftsbehov = innbyggere × utgiftsbehov per innb når det ikke er oppgitt)',
  compute(ctx) {
    const ds = ctx.dataset;
    const { criteria, sources } = criteriaFor(ds, ctx.year);
    if (criteria.length === 0) return { missing: `kostnadsnøkkelen for ${ctx.year} mangler` };
    const t = totalNeed(ds, ctx.year);
    if (!t) return { missing: `samlet utgiftsbehov for landet ${ctx.year} mangler` };
    const rows = kostnadsnokkelEnhetsbelop(criteria, t.value);
    if (rows.every((r) => r.enhetsbelop === null)) return { missing: `kostnadsnøkkelen for ${ctx.year} har ingen tall for landet å regne enhetsbeløp av` };
    const table: Record<string, string | number | null>[] = rows.map((r, i) => ({
      kriterium: r.label,
      vekt: r.weight,
      landet: countCell(criteria[i].nationalCount ?? null),
      enhetsbelop: r.enhetsbelop,
    }));
    table.push({ kriterium: 'Sum', vekt: rows.reduce((s, r) => s + r.weight, 0), landet: null, enhetsbelop: null });
    return {
      table: {
        columns: [
          { key: 'kriterium', label: 'Kriterium' },
          { key: 'vekt', label: 'Kostnadsnøkkel', unit: 'vekt', decimals: 4 },
          { key: 'landet', label: 'Antall hele landet', unit: 'antall' },
          { key: 'enhetsbelop', label: 'Enhetsbeløp (kr)', unit: 'kr', decimals: 0 },
        ],
        rows: table,
        totalRows: [table.length - 1],
      },
      // the kostnadsnøkkel and the national counts are the ministry's, whichever document the data copied them from:
      // a deck for any kommune cites the publisher, not a presentation made for another kommune
      source: [`KDD, kostnadsnøkkelen ${ctx.year} (Grønt hefte)`],
      inputs: ['kostnadsnokkel', ...t.reads.map((r) => r[2])],
    };
  },
};

/* ------------------------------------------------------------------ projection (003 Tabell 3.7 / 3.8) */

interface ProjectionRows {
  /** year -> criterion -> index */
  byYear: Map<number, Map<string, number>>;
  sources: string[];
}

function projectionFor(ds: Dataset, region: string, basisaar: number): ProjectionRows {
  const byYear = new Map<number, Map<string, number>>();
  const rows = ds.table('kriterieindeks_fremskrevet', { region, basisaar });
  for (const r of rows) {
    const y = numOrNull(r, 'year');
    const idx = numOrNull(r, 'indeks');
    if (y === null || idx === null) continue;
    const m = byYear.get(y) ?? new Map<string, number>();
    m.set(str(r, 'kriterium'), idx);
    byYear.set(y, m);
  }
  return { byYear: new Map([...byYear].sort((a, b) => a[0] - b[0])), sources: uniq(rows.map((r) => str(r, 'source'))) };
}

function projectionRegions(ds: Dataset, ctx: MetricContext): string[] {
  const all = uniq(ds.table('kriterieindeks_fremskrevet', { basisaar: ctx.year }).map((r) => str(r, 'region')));
  const first = regionsOf(ctx).filter((r) => all.includes(r));
  return [...first, ...all.filter((r) => !first.includes(r))];
}

const alderskriterierFremskrevet: MetricDef = {
  id: 'inntektssystem.alderskriterier_fremskrevet',
  label: 'Alderskriteriene i behovsindeksen, framskrevet',
  unit: 'indeks',
  kind: 'series',
  inputs: ['kriterieindeks_fremskrevet', 'kostnadsnokkel'],
  formula: 'per år: Σ vekt × framskrevet kriterieindeks over alderskriteriene (vekter fra basisåret)',
  compute(ctx) {
    const ds = ctx.dataset;
    const { criteria, sources: cs } = criteriaFor(ds, ctx.year);
    const weights = new Map(criteria.map((c) => [c.id, c.weight]));
    const regions = projectionRegions(ds, ctx);
    if (criteria.length === 0 || !regions.includes(ctx.kommune)) return { missing: `framskrevne kriterieindekser med basisår ${ctx.year} mangler for ${ds.regionName(ctx.kommune)}` };
    const years = uniq(regions.flatMap((r) => [...projectionFor(ds, r, ctx.year).byYear.keys()])).sort((a, b) => a - b);
    const series: SeriesData['series'] = [];
    const sources: string[] = [...cs];
    try {
      for (const r of regions) {
        const p = projectionFor(ds, r, ctx.year);
        sources.push(...p.sources);
        series.push({ name: ds.regionName(r), values: years.map((y) => (p.byYear.has(y) ? weightedSum(weights, p.byYear.get(y) as Map<string, number>) : null)) });
      }
    } catch (e) {
      if (e instanceof MissingInputError) return { missing: e.message };
      throw e;
    }
    return { series: { categories: years, series }, source: uniq(sources), inputs: ['kriterieindeks_fremskrevet', 'kostnadsnokkel'] };
  },
};

/** The projection for the kommune: base-year utjevning with the age criteria re-indexed per year. */
function projection(ctx: MetricContext): { points: ProjectionPoint[]; sources: string[]; inputs: string[]; popReads: Read[] } | { missing: string } {
  const ds = ctx.dataset;
  const base = loadUtjevning(ds, ctx.kommune, ctx.year);
  if (isMissingLoad(base)) return base;
  if (base.averageNeed === null) return { missing: `${needMissing} for ${ctx.year}` };
  const p = projectionFor(ds, ctx.kommune, ctx.year);
  if (p.byYear.size === 0) return { missing: `framskrevne kriterieindekser med basisår ${ctx.year} mangler for ${ds.regionName(ctx.kommune)}` };
  const popReads: Read[] = [];
  const years = [...p.byYear].map(([year, indices]) => {
    let inh = val(ds, ctx.kommune, year, V_INNB);
    if (inh !== null) popReads.push([ctx.kommune, year, V_INNB]);
    else {
      inh = val(ds, ctx.kommune, year, 'befolkning.folkemengde');
      if (inh !== null) popReads.push([ctx.kommune, year, 'befolkning.folkemengde']);
    }
    return { year, indices, innbyggere: inh };
  });
  const points = projectUtgiftsutjevning(base.result, years, base.averageNeed);
  return {
    points,
    sources: uniq([...base.sources, ...p.sources, ...sourcesOf(ds, popReads)]),
    inputs: uniq([...base.inputs, 'kriterieindeks_fremskrevet', ...popReads.map((r) => r[2])]),
    popReads,
  };
}

const behovsindeksFremskrevet: MetricDef = {
  id: 'inntektssystem.behovsindeks_fremskrevet',
  label: 'Behovsindeks framskrevet',
  unit: 'indeks',
  kind: 'series',
  inputs: ['kostnadsnokkel', 'kriteriedata', 'kriterieindeks_fremskrevet'],
  formula: 'per år: alderskriteriene med framskrevet indeks, øvrige kriterier som i basisåret; Σ vekt × indeks',
  compute(ctx) {
    const p = projection(ctx);
    if ('missing' in p) return p;
    return {
      series: { categories: p.points.map((x) => x.year), series: [{ name: ctx.dataset.regionName(ctx.kommune), values: p.points.map((x) => x.behovsindeks) }] },
      source: p.sources,
      inputs: p.inputs,
    };
  },
};

const utjevningPerInnbFremskrevet: MetricDef = {
  id: 'inntektssystem.utgiftsutjevning_per_innb_fremskrevet',
  label: 'Utgiftsutjevning per innbygger framskrevet',
  unit: 'kr per innb',
  kind: 'series',
  inputs: ['kostnadsnokkel', 'kriteriedata', 'kriterieindeks_fremskrevet', V_NEED],
  formula: '(framskrevet behovsindeks − 1) × basisårets landsgjennomsnittlige utgiftsbehov per innbygger (faste kroner)',
  compute(ctx) {
    const p = projection(ctx);
    if ('missing' in p) return p;
    return {
      series: { categories: p.points.map((x) => x.year), series: [{ name: ctx.dataset.regionName(ctx.kommune), values: p.points.map((x) => x.krPerInnb) }] },
      source: p.sources,
      inputs: p.inputs,
    };
  },
};

const utjevningFremskrevet: MetricDef = {
  id: 'inntektssystem.utgiftsutjevning_fremskrevet',
  label: 'Utgiftsutjevning framskrevet',
  unit: '1000 kr',
  kind: 'series',
  inputs: ['kostnadsnokkel', 'kriteriedata', 'kriterieindeks_fremskrevet', V_NEED, V_INNB, 'befolkning.folkemengde'],
  formula: 'framskrevet utgiftsutjevning per innbygger × innbyggere det året (inntektssystemets tall, ellers framskrevet folkemengde); tomt der folketallet mangler',
  compute(ctx) {
    const p = projection(ctx);
    if ('missing' in p) return p;
    if (p.points.every((x) => x.kr === null)) return { missing: `framskrevet folketall mangler for ${ctx.dataset.regionName(ctx.kommune)}; se inntektssystem.utgiftsutjevning_per_innb_fremskrevet` };
    return {
      series: { categories: p.points.map((x) => x.year), series: [{ name: ctx.dataset.regionName(ctx.kommune), values: p.points.map((x) => (x.kr === null ? null : x.kr / 1000)) }] },
      source: p.sources,
      inputs: p.inputs,
    };
  },
};

/* ------------------------------------------------------------------ regional grants (000) */

const V_SOR_SMA = 'inntektssystem.smakommunetillegg_sor_publisert';
const V_SOR = 'inntektssystem.distriktstilskudd_sor_publisert';
const V_NORD_SMA = 'inntektssystem.smakommunetillegg_nord_publisert';
const REGIONAL_VARS = [V_SOR_SMA, V_SOR, V_NORD_SMA];

function satsYears(ds: Dataset): number[] {
  return uniq(ds.table('nord_norge_satser').map((r) => numOrNull(r, 'year')).filter((y): y is number => y !== null));
}

/** Nord-Norge-tilskudd for a kommune and grant year: the zone's rate × innbyggere 1.1. the year before (= 31.12. two years before). */
export function nordNorgeFor(ds: Dataset, region: string, year: number): { kr: number; sats: number; innbyggere: number; sources: string[]; inputs: string[] } | null {
  const zone = ds.table('nord_norge_sone', { region })[0];
  if (!zone) return null;
  const rate = ds.table('nord_norge_satser', { year, sone: str(zone, 'sone') })[0];
  const sats = rate ? numOrNull(rate, 'sats') : null;
  if (sats === null || !rate) return null;
  const inh = innbyggereFor(ds, region, year - 2);
  if (!inh) return null;
  return {
    kr: nordNorgeTilskudd(sats, inh.value),
    sats,
    innbyggere: inh.value,
    sources: uniq([str(rate, 'source'), str(zone, 'source'), ...sourcesOf(ds, [[region, year - 2, inh.variable]])]),
    inputs: ['nord_norge_satser', 'nord_norge_sone', inh.variable],
  };
}

function regionalYear(ds: Dataset, ctx: MetricContext): number | undefined {
  const y1 = latestYearWith(ds, regionsOf(ctx), REGIONAL_VARS, ctx.year);
  const y2 = satsYears(ds).filter((y) => y <= ctx.year).sort((a, b) => b - a)[0];
  if (y1 === undefined) return y2;
  if (y2 === undefined) return y1;
  return Math.max(y1, y2);
}

const regionaleTilskudd: MetricDef = {
  id: 'inntektssystem.regionale_tilskudd',
  label: 'Regionalpolitiske tilskudd',
  unit: '1000 kr',
  kind: 'table',
  inputs: [...REGIONAL_VARS, 'nord_norge_satser', 'nord_norge_sone', ...INNBYGGERE_VARS],
  formula: 'Nord-Norge-tilskudd = sonens sats × innbyggere 1.1. året før; tilskudd i Sør-Norge og småkommunetillegg som publisert (nyeste år til og med valgt år)',
  compute(ctx) {
    const ds = ctx.dataset;
    const year = regionalYear(ds, ctx);
    if (year === undefined) return { missing: `regionalpolitiske tilskudd mangler til og med ${ctx.year}` };
    const rows: Record<string, string | number | null>[] = [];
    const sources: string[] = [];
    const inputs: string[] = [];
    let published = false;
    for (const region of regionsOf(ctx)) {
      const get = (v: string) => {
        const o = ds.get(region, year, v);
        if (!o) return null;
        sources.push(o.source);
        inputs.push(v);
        published = true;
        return o.value;
      };
      const sorSma = get(V_SOR_SMA);
      const sor = get(V_SOR);
      const nordSma = get(V_NORD_SMA);
      const nn = nordNorgeFor(ds, region, year);
      if (nn) {
        sources.push(...nn.sources);
        inputs.push(...nn.inputs);
      }
      if (sorSma === null && sor === null && nordSma === null && !nn) continue;
      const parts = [sorSma, sor, nordSma, nn ? nn.kr / 1000 : null].filter((x): x is number => x !== null);
      rows.push({
        region: ds.regionName(region),
        sor_sma: sorSma,
        sor,
        nord_sma: nordSma,
        nord_norge: nn ? nn.kr / 1000 : null,
        sum: parts.reduce((s, x) => s + x, 0),
      });
    }
    if (rows.length === 0) return { missing: `ingen regionalpolitiske tilskudd for ${ds.regionName(ctx.kommune)} eller referansene i ${year}` };
    const columns: TableColumn[] = [
      { key: 'region', label: `Kommune (${year})` },
      { key: 'sor_sma', label: 'Sør-Norge: småkommunetillegg (1000 kr)', unit: '1000 kr', decimals: 0 },
      { key: 'sor', label: 'Sør-Norge: distriktstilskudd (1000 kr)', unit: '1000 kr', decimals: 0 },
      { key: 'nord_sma', label: 'Nord-Norge: småkommunetillegg (1000 kr)', unit: '1000 kr', decimals: 0 },
      { key: 'nord_norge', label: 'Nord-Norge-tilskudd (1000 kr)', unit: '1000 kr', decimals: 0 },
      { key: 'sum', label: 'Sum (1000 kr)', unit: '1000 kr', decimals: 0 },
    ];
    return { table: { columns: dropEmpty(columns, rows, ['region', 'sum']), rows }, source: uniq(sources), inputs: uniq(inputs), published };
  },
};

const nordNorge: MetricDef = {
  id: 'inntektssystem.nord_norge_tilskudd',
  label: 'Nord-Norge-tilskudd',
  unit: 'kr',
  kind: 'scalar',
  inputs: ['nord_norge_satser', 'nord_norge_sone', ...INNBYGGERE_VARS],
  formula: 'sonens sats per innbygger × innbyggere 1.1. året før (nyeste tilskuddsår til og med valgt år)',
  compute(ctx) {
    const ds = ctx.dataset;
    for (const y of satsYears(ds).filter((x) => x <= ctx.year).sort((a, b) => b - a)) {
      const nn = nordNorgeFor(ds, ctx.kommune, y);
      if (nn) return { value: nn.kr, decimals: 0, source: nn.sources, inputs: nn.inputs };
    }
    return { missing: `sone, sats eller innbyggertall for Nord-Norge-tilskuddet mangler for ${ds.regionName(ctx.kommune)}` };
  },
};

const nordNorgeSatser: MetricDef = {
  id: 'inntektssystem.nord_norge_satser',
  label: 'Satser for Nord-Norge-tilskuddet',
  unit: 'kr per innb',
  kind: 'table',
  inputs: ['nord_norge_satser'],
  formula: 'satsene per sone (nyeste år til og med valgt år)',
  compute(ctx) {
    const ds = ctx.dataset;
    const y = satsYears(ds).filter((x) => x <= ctx.year).sort((a, b) => b - a)[0];
    if (y === undefined) return { missing: `satser for Nord-Norge-tilskuddet mangler til og med ${ctx.year}` };
    const rows = ds.table('nord_norge_satser', { year: y });
    return {
      table: {
        columns: [
          { key: 'sone', label: `Sone (${y})` },
          { key: 'sats', label: 'Kr per innbygger', unit: 'kr per innb', decimals: 0 },
          { key: 'antall', label: 'Antall kommuner', unit: 'antall', decimals: 0 },
        ],
        rows: rows.map((r) => ({ sone: str(r, 'navn'), sats: numOrNull(r, 'sats'), antall: numOrNull(r, 'antall_kommuner') })),
      },
      source: uniq(rows.map((r) => str(r, 'source'))),
      inputs: ['nord_norge_satser'],
    };
  },
};

/* ------------------------------------------------------------------ local income (000 "Effekten av lokale inntekter") */

const L = {
  eiendomsskatt: 'inntektssystem.lokal_eiendomsskatt',
  kraft: 'inntektssystem.lokal_konsesjonskraft',
  pctEk: 'inntektssystem.lokal_eiendomsskatt_kraft_pct_publisert',
  pctRu: 'inntektssystem.lokal_renter_utbytte_pct_publisert',
  renterUtbytte: 'inntektssystem.lokal_renter_utbytte',
  havbruk: 'inntektssystem.lokal_havbruksfond',
  dda: 'inntektssystem.dda_gevinst_publisert',
  korr: 'inntektssystem.korrigerte_frie_inntekter',
} as const;
const LOCAL_VARS = Object.values(L);

interface LocalRow {
  eiendomsskatt: number | null;
  kraft: number | null;
  pctEk: number | null;
  pctRu: number | null;
  renterUtbytte: number | null;
  havbruk: number | null;
  dda: number | null;
  published: boolean;
  reads: Read[];
}

function localFor(ds: Dataset, region: string, year: number): LocalRow | null {
  const reads: Read[] = [];
  const g = (v: string) => {
    const o = ds.get(region, year, v);
    if (!o) return null;
    reads.push([region, year, v]);
    return o.value;
  };
  const eiendomsskatt = g(L.eiendomsskatt);
  const kraft = g(L.kraft);
  const renterUtbytte = g(L.renterUtbytte);
  const korr = g(L.korr);
  let pctEk: number | null = null;
  let pctRu: number | null = null;
  let published = false;
  if (korr !== null && korr > 0) {
    if (eiendomsskatt !== null && kraft !== null) pctEk = shareOfKorrigerteFrieInntekter(eiendomsskatt + kraft, korr);
    if (renterUtbytte !== null) pctRu = shareOfKorrigerteFrieInntekter(renterUtbytte, korr);
  } else {
    pctEk = g(L.pctEk);
    pctRu = g(L.pctRu);
    published = pctEk !== null || pctRu !== null;
  }
  const havbruk = g(L.havbruk);
  const dda = g(L.dda);
  if (reads.length === 0) return null;
  return { eiendomsskatt, kraft, pctEk, pctRu, renterUtbytte, havbruk, dda, published: published || dda !== null, reads };
}

const lokaleInntekter: MetricDef = {
  id: 'inntektssystem.lokale_inntekter',
  label: 'Effekten av lokale inntekter',
  unit: '1000 kr',
  kind: 'table',
  inputs: LOCAL_VARS,
  formula: 'eiendomsskatt + konsesjonskraft og renter/utbytte i % av korrigerte frie inntekter (publisert andel når korrigerte frie inntekter mangler); nyeste år til og med valgt år',
  compute(ctx) {
    const ds = ctx.dataset;
    const year = latestYearWith(ds, regionsOf(ctx), LOCAL_VARS, ctx.year);
    if (year === undefined) return { missing: `lokale inntekter mangler til og med ${ctx.year}` };
    const rows: Record<string, string | number | null>[] = [];
    const reads: Read[] = [];
    let published = false;
    for (const region of regionsOf(ctx)) {
      const r = localFor(ds, region, year);
      if (!r) continue;
      reads.push(...r.reads);
      published = published || r.published;
      rows.push({
        region: ds.regionName(region),
        eiendomsskatt: r.eiendomsskatt,
        kraft: r.kraft,
        pct_ek: r.pctEk,
        pct_ru: r.pctRu,
        renter_utbytte: r.renterUtbytte,
        havbruk: r.havbruk,
        dda: r.dda,
      });
    }
    if (rows.length === 0) return { missing: `lokale inntekter mangler for ${ds.regionName(ctx.kommune)} og referansene i ${year}` };
    const columns: TableColumn[] = [
      { key: 'region', label: `Kommune (${year})` },
      { key: 'eiendomsskatt', label: 'Eiendomsskatt (1000 kr)', unit: '1000 kr', decimals: 0 },
      { key: 'kraft', label: 'Konsesjonskraft og hjemfall (1000 kr)', unit: '1000 kr', decimals: 0 },
      { key: 'pct_ek', label: 'Eiendomsskatt og kraft i % av korr. frie inntekter', unit: '%', decimals: 1 },
      { key: 'pct_ru', label: 'Renter og utbytte i % av korr. frie inntekter', unit: '%', decimals: 1 },
      { key: 'renter_utbytte', label: 'Renteinntekter og utbytte (1000 kr)', unit: '1000 kr', decimals: 0 },
      { key: 'havbruk', label: 'Havbruksfond (1000 kr)', unit: '1000 kr', decimals: 0 },
      { key: 'dda', label: 'Beregnet DDA-gevinst (1000 kr)', unit: '1000 kr', decimals: 0 },
    ];
    return { table: { columns: dropEmpty(columns, rows, ['region']), rows }, source: sourcesOf(ds, reads), inputs: uniq(reads.map((r) => r[2])), published };
  },
};

const lokaleInntekterPct: MetricDef = {
  id: 'inntektssystem.lokale_inntekter_pct',
  label: 'Eiendomsskatt og konsesjonskraft i % av korrigerte frie inntekter',
  unit: '%',
  kind: 'scalar',
  inputs: LOCAL_VARS,
  formula: '(eiendomsskatt + konsesjonskraft og hjemfall) / korrigerte frie inntekter × 100 (publisert andel når korrigerte frie inntekter mangler)',
  compute(ctx) {
    const ds = ctx.dataset;
    const year = latestYearWith(ds, [ctx.kommune], LOCAL_VARS, ctx.year);
    const r = year === undefined ? null : localFor(ds, ctx.kommune, year);
    if (!r || r.pctEk === null) return { missing: `andelen lokale inntekter mangler for ${ds.regionName(ctx.kommune)} til og med ${ctx.year}` };
    return { value: r.pctEk, decimals: 1, source: sourcesOf(ds, r.reads), inputs: uniq(r.reads.map((x) => x[2])), published: r.published };
  },
};

/* ------------------------------------------------------------------ income-level comparison */

function incomeLevel(ctx: MetricContext) {
  const ds = ctx.dataset;
  const own = incomeOf(ds, ctx.kommune, ctx.year);
  const inh = innbyggereFor(ds, ctx.kommune, ctx.year);
  if (!own || !inh) return null;
  const ownPer = incomePerInnbygger(own.b, inh.value).sum;
  const reads: Read[] = [...own.reads, [ctx.kommune, ctx.year, inh.variable]];
  const rows: { region: string; ref: number; gap: number }[] = [];
  for (const region of ctx.refs) {
    if (region === ctx.kommune) continue;
    const inc = incomeOf(ds, region, ctx.year);
    const ri = innbyggereFor(ds, region, ctx.year);
    if (!inc || !ri) continue;
    const ref = incomePerInnbygger(inc.b, ri.value).sum;
    reads.push(...inc.reads, [region, ctx.year, ri.variable]);
    rows.push({ region, ref, gap: incomeLevelGap(ownPer, ref, inh.value) });
  }
  return { ownPer, innbyggere: inh.value, rows, reads };
}

const inntektsniva: MetricDef = {
  id: 'inntektssystem.inntektsniva_sammenligning',
  label: 'Inntektsnivå sammenlignet med referansene',
  unit: 'kr',
  kind: 'table',
  inputs: ['finans.rammetilskudd', 'finans.skatteinntekter', 'finans.utbytte', 'finans.eiendomsskatt', 'finans.naturressursskatt', 'finans.konsesjonskraft', ...INNBYGGERE_VARS],
  formula: '(sum inntekter per innb kommunen − referansen) × kommunens innbyggere; positivt = det kommunen måtte kutte for å ha referansens nivå',
  compute(ctx) {
    const ds = ctx.dataset;
    const x = incomeLevel(ctx);
    if (!x || x.rows.length === 0) return { missing: `inntekter per innbygger mangler for ${ds.regionName(ctx.kommune)} eller referansene ${ctx.year}` };
    return {
      table: {
        columns: [
          { key: 'region', label: 'Referanse' },
          { key: 'kommune', label: `${ds.regionName(ctx.kommune)} kr per innb`, unit: 'kr per innb', decimals: 0 },
          { key: 'ref', label: 'Referansen kr per innb', unit: 'kr per innb', decimals: 0 },
          { key: 'diff', label: 'Differanse kr per innb', unit: 'kr per innb', decimals: 0 },
          { key: 'gap', label: 'Differanse × innbyggere (kr)', unit: 'kr', decimals: 0 },
        ],
        rows: x.rows.map((r) => ({ region: ds.regionName(r.region), kommune: x.ownPer, ref: r.ref, diff: x.ownPer - r.ref, gap: r.gap })),
      },
      source: sourcesOf(ds, x.reads),
      inputs: uniq(x.reads.map((r) => r[2])),
    };
  },
};

const inntektsnivaGap: MetricDef = {
  id: 'inntektssystem.inntektsniva_gap',
  label: 'Inntekter over nivået til første referanse',
  unit: 'kr',
  kind: 'scalar',
  inputs: inntektsniva.inputs,
  formula: '(sum inntekter per innb kommunen − første referanse med data) × kommunens innbyggere',
  compute(ctx) {
    const x = incomeLevel(ctx);
    if (!x || x.rows.length === 0) return { missing: `inntekter per innbygger mangler for ${ctx.dataset.regionName(ctx.kommune)} eller referansene ${ctx.year}` };
    return { value: x.rows[0].gap, decimals: 0, source: sourcesOf(ctx.dataset, x.reads), inputs: uniq(x.reads.map((r) => r[2])) };
  },
};

/* ------------------------------------------------------------------ behovsindeks for kommune + references (003 Tabell 3.5/3.6) */

const sammenligning: MetricDef = {
  id: 'inntektssystem.behovsindeks_sammenligning',
  label: 'Kriterieindekser og behovsindeks for kommunen og sammenligningene',
  unit: 'indeks',
  kind: 'table',
  inputs: ['kostnadsnokkel', 'kriteriedata', V_INNB, V_NEED, V_UU_PUB],
  formula: 'per region: kriterieindeksene, gjennomsnittet av dem, behovsindeks = Σ vekt × indeks og utgiftsutjevning (publisert når innbyggertallet mangler)',
  compute(ctx) {
    const ds = ctx.dataset;
    const { criteria } = criteriaFor(ds, ctx.year);
    if (criteria.length === 0) return { missing: `kostnadsnøkkelen for ${ctx.year} mangler` };
    const loaded: { region: string; l: LoadedUtjevning }[] = [];
    for (const region of regionsOf(ctx)) {
      const l = loadUtjevning(ds, region, ctx.year);
      if (!isMissingLoad(l)) loaded.push({ region, l });
      else if (region === ctx.kommune) return l;
    }
    const columns: TableColumn[] = [{ key: 'kriterium', label: 'Kriterium' }];
    for (const { region } of loaded) columns.push({ key: region, label: ds.regionName(region), unit: 'indeks', decimals: 4 });
    columns.push({ key: 'vekt', label: 'Vekt', unit: 'vekt', decimals: 4 });
    const rows: Record<string, string | number | null>[] = criteria.map((c, i) => {
      const row: Record<string, string | number | null> = { kriterium: c.label, vekt: c.weight };
      for (const { region, l } of loaded) row[region] = l.result.rows[i].index;
      return row;
    });
    const mean: Record<string, string | number | null> = { kriterium: 'Gjennomsnitt kriterieindeks', vekt: null };
    const bi: Record<string, string | number | null> = { kriterium: 'Behovsindeks', vekt: 1 };
    const uu: Record<string, string | number | null> = { kriterium: 'Utgiftsutjevning (kr)', vekt: null, desimaler: 0 };
    const sources: string[] = [];
    const inputs: string[] = [];
    let published = false;
    for (const { region, l } of loaded) {
      mean[region] = l.result.meanIndex;
      bi[region] = l.result.behovsindeks;
      sources.push(...l.sources);
      inputs.push(...l.inputs);
      if (l.result.kr !== null && Number.isFinite(l.result.kr)) uu[region] = l.result.kr;
      else {
        const o = ds.get(region, ctx.year, V_UU_PUB);
        uu[region] = o?.value ?? null;
        if (o) {
          published = true;
          sources.push(o.source);
          inputs.push(V_UU_PUB);
        }
      }
    }
    rows.push(mean, bi, uu);
    const n = rows.length;
    return {
      table: { columns, rows, totalRows: [n - 3, n - 2, n - 1] },
      source: uniq(sources),
      inputs: uniq(inputs),
      published,
    };
  },
};

/* ------------------------------------------------------------------ frie inntekter, anslag (003 Tabell 3.1) */

const A = {
  innbyggertilskudd: 'inntektssystem.innbyggertilskudd',
  korreksjon: 'inntektssystem.korreksjon_skoler',
  saerskilt: 'inntektssystem.saerskilt_fordeling',
  inntektsgaranti: 'inntektssystem.inntektsgaranti',
  distrikt: 'inntektssystem.distriktstilskudd',
  rammePub: 'inntektssystem.rammetilskudd_publisert',
  skatt: 'inntektssystem.skatt_anslag',
} as const;

const frieInntekterAnslag: MetricDef = {
  id: 'inntektssystem.frie_inntekter_anslag',
  label: 'Anslag frie inntekter',
  unit: 'kr',
  kind: 'table',
  inputs: [...Object.values(A), 'kostnadsnokkel', 'kriteriedata', V_INNB, V_NEED, V_UU_PUB],
  formula: 'rammetilskudd = innbyggertilskudd + utgiftsutjevning − korreksjon for skoler + særskilt fordeling + inntektsgaranti + distriktstilskudd (+ poster kilden ikke spesifiserer); frie inntekter = rammetilskudd + skatt',
  compute(ctx) {
    const ds = ctx.dataset;
    const cols: TableColumn[] = [{ key: 'post', label: 'Post (kr)' }];
    const perRegion: { region: string; cells: (number | null)[] }[] = [];
    const reads: Read[] = [];
    const extraSources: string[] = [];
    let published = false;
    let anyOther = false;
    for (const region of regionsOf(ctx)) {
      const g = (v: string) => {
        const x = val(ds, region, ctx.year, v);
        if (x !== null) reads.push([region, ctx.year, v]);
        return x;
      };
      const it = g(A.innbyggertilskudd);
      const skatt = g(A.skatt);
      if (it === null || skatt === null) continue;
      let uu: number | null = null;
      const l = loadUtjevning(ds, region, ctx.year);
      if (!isMissingLoad(l) && l.result.kr !== null && Number.isFinite(l.result.kr)) {
        uu = l.result.kr;
        extraSources.push(...l.sources);
      } else {
        uu = g(V_UU_PUB);
        if (uu !== null) published = true;
      }
      const kor = g(A.korreksjon) ?? 0;
      const sf = g(A.saerskilt) ?? 0;
      const ig = g(A.inntektsgaranti) ?? 0;
      const dt = g(A.distrikt) ?? 0;
      const parts = it + (uu ?? 0) - kor + sf + ig + dt;
      const pub = g(A.rammePub);
      let other: number | null = null;
      let ramme = parts;
      if (pub !== null) {
        other = pub - parts;
        ramme = pub;
        published = true;
        anyOther = true;
      }
      perRegion.push({ region, cells: [it, uu, -kor, sf, ig, dt, other, ramme, skatt, ramme + skatt] });
      cols.push({ key: region, label: ds.regionName(region), unit: 'kr', decimals: 0 });
    }
    if (perRegion.length === 0 || perRegion[0].region !== ctx.kommune) return { missing: `anslaget for frie inntekter mangler for ${ds.regionName(ctx.kommune)} ${ctx.year}` };
    const labels = [
      'Innbyggertilskudd før omfordeling',
      'Utgiftsutjevning',
      'Korreksjon for elever i statlige og private skoler',
      'Særskilt fordelte tilskudd',
      'Inntektsgarantiordningen',
      'Distriktstilskudd',
      'Andre poster (ikke spesifisert i kilden)',
      'Rammetilskudd',
      'Anslag skatteinntekter',
      'Sum frie inntekter',
    ];
    const rows = labels
      .map((post, i) => {
        const row: Record<string, string | number | null> = { post };
        for (const p of perRegion) row[p.region] = p.cells[i];
        return row;
      })
      .filter((_, i) => i !== 6 || anyOther);
    const n = rows.length;
    return {
      table: { columns: cols, rows, totalRows: [n - 3, n - 1] },
      source: uniq([...sourcesOf(ds, reads), ...extraSources]),
      inputs: uniq(['kostnadsnokkel', 'kriteriedata', ...reads.map((r) => r[2])]),
      published,
    };
  },
};

export const INNTEKTSSYSTEM_METRICS: MetricDef[] = [
  behovsindeks,
  utjevning,
  utjevningPerInnb,
  utslagPct,
  utgiftsbehovPerInnb,
  eakScalar('inntektssystem.landsgjennomsnitt_utgiftsbehov', 'Landsgjennomsnittlig utgiftsbehov per innbygger', 'kr per innb', V_NEED, false),
  eakScalar('inntektssystem.innbyggertilskudd_per_innb', 'Likt innbyggertilskudd per innbygger', 'kr per innb', 'inntektssystem.innbyggertilskudd_per_innb', true),
  innbyggere,
  kriterier,
  kostnadsnokkel,
  alderskriterierFremskrevet,
  behovsindeksFremskrevet,
  utjevningPerInnbFremskrevet,
  utjevningFremskrevet,
  regionaleTilskudd,
  nordNorge,
  nordNorgeSatser,
  lokaleInntekter,
  lokaleInntekterPct,
  inntektsniva,
  inntektsnivaGap,
  sammenligning,
  frieInntekterAnslag,
];

