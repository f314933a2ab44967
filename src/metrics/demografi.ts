import { Dataset } from '../data/dataset';
import {
  AgeGroup,
  AgeRange,
  KOSTNADSNOKKEL_GROUPS,
  RANGE_67_PLUSS,
  SHARE_GROUPS,
  TOTAL_GROUPS,
  YearPopulation,
  YearValue,
  alderbaereevne,
  arbeidsstyrkePerBehov,
  countChange,
  countInRange,
  countsByGroup,
  growthPct,
  homeCareNeed,
  percentOf,
  populationFromShares,
  rangeLabel,
  shareChangePp,
  shareInRange,
  sharesByGroup,
  spendingPerTargetInhabitant,
  totalPopulation,
} from '../analysis/demografi';
import { ComputeResult, MetricContext, MetricDef, TableColumn, TableData } from './types';

/*
 * Population metrics (demografi.*). Population by age is read, for each year, from the finest data present:
 * one-year ages (befolkning.alder.<n>, SSB 07459/14288), age-group counts (befolkning.gruppe.<gruppe>), or, when
 * neither exists, published shares × folkemengde (befolkning.andel.<gruppe> × befolkning.folkemengde, as 003
 * Tabell 2.2 prints them; such counts are marked as derived from rounded shares).
 */

const ALDER_MAX = 105;
const ALDER_VARS = Array.from({ length: ALDER_MAX + 1 }, (_, a) => `befolkning.alder.${a}`);
const GRUPPE_GROUPS: readonly AgeGroup[] = [...KOSTNADSNOKKEL_GROUPS, ...TOTAL_GROUPS];
const GRUPPE_VARS = GRUPPE_GROUPS.map((g) => `befolkning.gruppe.${g.key}`);
const ANDEL_VARS = SHARE_GROUPS.map((g) => `befolkning.andel.${g.key}`);
const FOLKEMENGDE = 'befolkning.folkemengde';

export interface PopulationData {
  pops: YearPopulation[];
  inputs: string[];
  sources: string[];
  /** true when some year's counts come from published shares × folkemengde */
  derived: boolean;
}

function addUnique(list: string[], v: string): void {
  if (!list.includes(v)) list.push(v);
}

/** Population by age for one region, per year, from whatever the data has (see above). */
export function readPopulation(ds: Dataset, region: string, opts: { countsOnly?: boolean } = {}): PopulationData {
  const inputs: string[] = [];
  const sources: string[] = [];
  const ages = new Map<number, Map<number, number>>();
  ALDER_VARS.forEach((v, age) => {
    for (const o of ds.series(region, v)) {
      if (o.value === null) continue;
      let m = ages.get(o.year);
      if (!m) ages.set(o.year, (m = new Map()));
      m.set(age, o.value);
      addUnique(inputs, 'befolkning.alder.*');
      addUnique(sources, o.source);
    }
  });
  const groups = new Map<number, { range: AgeRange; count: number }[]>();
  GRUPPE_GROUPS.forEach((g, i) => {
    for (const o of ds.series(region, GRUPPE_VARS[i])) {
      if (o.value === null) continue;
      let list = groups.get(o.year);
      if (!list) groups.set(o.year, (list = []));
      list.push({ range: g, count: o.value });
      addUnique(inputs, GRUPPE_VARS[i]);
      addUnique(sources, o.source);
    }
  });
  const years = new Set<number>([...ages.keys(), ...groups.keys()]);
  const shareYears = new Set<number>();
  if (!opts.countsOnly) for (const o of ds.series(region, ANDEL_VARS[0])) shareYears.add(o.year);
  const pops: YearPopulation[] = [];
  let derived = false;
  for (const y of [...new Set([...years, ...shareYears])].sort((a, b) => a - b)) {
    const total = ds.get(region, y, FOLKEMENGDE);
    const totalValue = total?.value ?? undefined;
    if (years.has(y)) {
      const yAges = ages.get(y);
      pops.push({ year: y, ages: yAges, openAge: yAges?.has(ALDER_MAX) ? ALDER_MAX : undefined, groups: groups.get(y), total: totalValue });
      if (total && totalValue !== undefined) {
        addUnique(inputs, FOLKEMENGDE);
        addUnique(sources, total.source);
      }
      continue;
    }
    // published shares × folkemengde
    const shares = SHARE_GROUPS.map((g, i) => ({ g, o: ds.get(region, y, ANDEL_VARS[i]) }));
    if (totalValue === undefined || shares.some((s) => s.o?.value === null || s.o?.value === undefined)) continue;
    pops.push(populationFromShares(y, totalValue, shares.map((s) => ({ range: s.g, pct: s.o?.value as number }))));
    derived = true;
    for (const s of shares) {
      addUnique(inputs, s.o?.variable ?? '');
      addUnique(sources, s.o?.source ?? '');
    }
    addUnique(inputs, FOLKEMENGDE);
    addUnique(sources, total?.source ?? '');
  }
  if (pops.length === 0) return nationalPopulation(ds, region);
  return { pops, inputs: inputs.filter(Boolean), sources: sources.filter(Boolean), derived };
}

/**
 * A region the source documents say nothing about: its registered population by one-year age from the national
 * data (SSB 07459, 1 January; data/befolkning/). The documents win where they have figures, since they carry the
 * projections the national data lacks (and for Meløy they agree with 07459 in the registered years, 003 Tabell 2.2).
 */
function nationalPopulation(ds: Dataset, region: string): PopulationData {
  const pops: YearPopulation[] = [];
  const sources: string[] = [];
  for (const year of ds.population.years(region)) {
    const row = ds.population.row(region, year);
    if (!row) continue;
    const ages = new Map<number, number>();
    row.ages.forEach((n, a) => ages.set(a, n));
    pops.push({ year, ages, openAge: ALDER_MAX, total: row.total });
    addUnique(sources, row.provenance.source);
  }
  return { pops, inputs: pops.length ? ['befolkning (SSB 07459, data/befolkning/)'] : [], sources, derived: false };
}

function popAt(data: PopulationData, year: number): YearPopulation | undefined {
  return data.pops.find((p) => p.year === year);
}

/** Years to show in a table: all when few, otherwise the first, the asked year and every tenth year after it. */
export function tableYears(available: readonly number[], year: number): number[] {
  if (available.length <= 6) return [...available];
  const wanted = new Set([available[0], year, year + 10, year + 20, year + 30]);
  return available.filter((y) => wanted.has(y));
}

const yearCol = (y: number, unit?: string, decimals?: number): TableColumn => ({ key: `y${y}`, label: String(y), unit, decimals });

const NO_POPULATION = (region: string, ds: Dataset) =>
  `mangler folketall etter alder for ${ds.regionName(region)} (befolkning.alder.*, befolkning.gruppe.* eller befolkning.andel.* med befolkning.folkemengde)`;

function regionValue(ds: Dataset, region: string, year: number, variables: string[]): { value: number; variable: string; source: string } | undefined {
  for (const v of variables) {
    const o = ds.get(region, year, v);
    if (o && o.value !== null) return { value: o.value, variable: v, source: o.source };
  }
  return undefined;
}

const INNBYGGERE_VARS = ['befolkning.innbyggere', 'kostra.innbyggere'];

// ---------------------------------------------------------------- 003 Tabell 2.1

interface StatCol {
  key: string;
  label: string;
  unit: string;
  decimals: number;
  variables?: string[];
  compute?: (v: Record<string, number | null>) => number | null;
}

const STAT_COLS: StatCol[] = [
  { key: 'innbyggere', label: 'Innbyggere', unit: 'antall', decimals: 0, variables: INNBYGGERE_VARS },
  { key: 'fodte', label: 'Fødte', unit: 'antall', decimals: 0, variables: ['befolkning.fodte'] },
  { key: 'dode', label: 'Døde', unit: 'antall', decimals: 0, variables: ['befolkning.dode'] },
  { key: 'fodselsoverskudd', label: 'Fødselsoverskudd', unit: 'antall', decimals: 0, compute: (v) => (v.fodte === null || v.dode === null ? null : v.fodte - v.dode) },
  { key: 'netto_innflytting', label: 'Netto innflytting', unit: 'antall', decimals: 0, variables: ['befolkning.netto_innflytting'] },
  { key: 'skilte', label: 'Skilte og separerte 16–66 år', unit: '%', decimals: 1, variables: ['befolkning.andel_skilte_16_66'] },
  { key: 'enslige_80', label: 'Enslige 80 år og over', unit: '%', decimals: 1, variables: ['befolkning.andel_enslige_80_pluss'] },
  { key: 'arbeidsledige', label: 'Arbeidsledige 15–74 år', unit: '%', decimals: 1, variables: ['befolkning.arbeidsledige_15_74'] },
  { key: 'innvandrere', label: 'Innvandrerbefolkning', unit: '%', decimals: 1, variables: ['befolkning.andel_innvandrere'] },
  { key: 'tettsted', label: 'Bor i tettsted', unit: 'antall', decimals: 0, variables: ['befolkning.tettsted'] },
  {
    key: 'tettsted_pct',
    label: 'Andel i tettsted',
    unit: '%',
    decimals: 1,
    compute: (v) => (v.tettsted === null || v.innbyggere === null ? null : percentOf(v.tettsted, v.innbyggere) ?? null),
  },
];

function statRow(ds: Dataset, region: string, year: number, inputs: string[], sources: string[]): Record<string, number | null> | undefined {
  const v: Record<string, number | null> = {};
  let any = false;
  for (const c of STAT_COLS) {
    if (c.variables) {
      const r = regionValue(ds, region, year, c.variables);
      v[c.key] = r?.value ?? null;
      if (r) {
        any = true;
        addUnique(inputs, r.variable);
        addUnique(sources, r.source);
      }
    } else v[c.key] = c.compute ? c.compute(v) : null;
  }
  return any ? v : undefined;
}

function befolkningsstatistikk(ctx: MetricContext, cols: readonly string[]): ComputeResult {
  const { dataset: ds, kommune, year } = ctx;
  const inputs: string[] = [];
  const sources: string[] = [];
  const columns = STAT_COLS.filter((c) => cols.includes(c.key));
  const rows: TableData['rows'] = [];
  for (const region of [kommune, ...ctx.refs]) {
    const v = statRow(ds, region, year, inputs, sources);
    if (!v) continue;
    const row: Record<string, string | number | null> = { region: ds.regionName(region) };
    for (const c of columns) row[c.key] = v[c.key];
    rows.push(row);
  }
  if (rows.length === 0 || rows[0].region !== ds.regionName(kommune)) return { missing: `mangler befolkningsstatistikk for ${ds.regionName(kommune)} ${year}` };
  return {
    table: { columns: [{ key: 'region', label: 'Region' }, ...columns.map((c) => ({ key: c.key, label: c.label, unit: c.unit, decimals: c.decimals }))], rows },
    source: sources,
    inputs,
  };
}

function kommuneStat(ctx: MetricContext, key: string): ComputeResult {
  const inputs: string[] = [];
  const sources: string[] = [];
  const v = statRow(ctx.dataset, ctx.kommune, ctx.year, inputs, sources);
  const value = v?.[key];
  if (value === null || value === undefined) return { missing: `mangler befolkningsstatistikk for ${ctx.dataset.regionName(ctx.kommune)} ${ctx.year}` };
  const col = STAT_COLS.find((c) => c.key === key);
  return { value, decimals: col?.decimals, source: sources, inputs };
}

// ---------------------------------------------------------------- 003 Tabell 2.2 and projections

function groupsFor(pops: readonly YearPopulation[]): readonly AgeGroup[] {
  return pops.every((p) => KOSTNADSNOKKEL_GROUPS.every((g) => countInRange(p, g) !== undefined)) ? KOSTNADSNOKKEL_GROUPS : SHARE_GROUPS;
}

function aldersgrupper(ctx: MetricContext, kind: 'antall' | 'andel'): ComputeResult {
  const data = readPopulation(ctx.dataset, ctx.kommune);
  if (data.pops.length === 0) return { missing: NO_POPULATION(ctx.kommune, ctx.dataset) };
  const years = tableYears(
    data.pops.map((p) => p.year),
    ctx.year,
  );
  const pops = data.pops.filter((p) => years.includes(p.year));
  const groups = groupsFor(pops);
  const t = kind === 'antall' ? countsByGroup(pops, groups) : sharesByGroup(pops, groups);
  const unit = kind === 'antall' ? 'antall' : '%';
  const decimals = kind === 'antall' ? 0 : 1;
  const rows: TableData['rows'] = t.rows.map((r) => {
    const row: Record<string, string | number | null> = { gruppe: r.group.label };
    t.years.forEach((y, i) => (row[`y${y}`] = r.values[i]));
    return row;
  });
  const totalRow: Record<string, string | number | null> = { gruppe: kind === 'antall' ? 'Befolkning' : 'Sum' };
  t.years.forEach((y, i) => {
    const vals = t.rows.map((r) => r.values[i]);
    totalRow[`y${y}`] = kind === 'antall' ? totalPopulation(pops[i]) ?? null : vals.some((v) => v === null) ? null : vals.reduce<number>((s, v) => s + (v ?? 0), 0);
  });
  rows.push(totalRow);
  return {
    table: { columns: [{ key: 'gruppe', label: 'Aldersgruppe' }, ...t.years.map((y) => yearCol(y, unit, decimals))], rows, totalRows: [rows.length - 1] },
    source: data.sources,
    inputs: data.inputs,
  };
}

function andelerSerie(ctx: MetricContext): ComputeResult {
  const data = readPopulation(ctx.dataset, ctx.kommune);
  if (data.pops.length === 0) return { missing: NO_POPULATION(ctx.kommune, ctx.dataset) };
  const t = sharesByGroup(data.pops, groupsFor(data.pops));
  return { series: { categories: t.years, series: t.rows.map((r) => ({ name: r.group.label, values: r.values })) }, source: data.sources, inputs: data.inputs };
}

function befolkningSerie(ctx: MetricContext): ComputeResult {
  const data = readPopulation(ctx.dataset, ctx.kommune);
  const points = data.pops.map((p) => ({ year: p.year, value: totalPopulation(p) })).filter((p): p is YearValue => p.value !== undefined);
  if (points.length === 0) return { missing: `mangler folkemengde for ${ctx.dataset.regionName(ctx.kommune)}` };
  return { series: { categories: points.map((p) => p.year), series: [{ name: ctx.dataset.regionName(ctx.kommune), values: points.map((p) => p.value) }] }, source: data.sources, inputs: data.inputs };
}

function shareAt(ctx: MetricContext, range: AgeRange): ComputeResult {
  const data = readPopulation(ctx.dataset, ctx.kommune);
  const p = popAt(data, ctx.year);
  const v = p ? shareInRange(p, range) : undefined;
  if (v === undefined) return { missing: `mangler folketall etter alder for ${ctx.dataset.regionName(ctx.kommune)} i ${ctx.year}` };
  return { value: v, decimals: 1, source: data.sources, inputs: data.inputs };
}

function changeTenYears(ctx: MetricContext, range: AgeRange, kind: 'pp' | 'antall'): ComputeResult {
  const data = readPopulation(ctx.dataset, ctx.kommune);
  const a = popAt(data, ctx.year);
  const b = popAt(data, ctx.year + 10);
  const v = a && b ? (kind === 'pp' ? shareChangePp(a, b, range) : countChange(a, b, range)) : undefined;
  if (v === undefined) return { missing: `mangler folketall etter alder for ${ctx.dataset.regionName(ctx.kommune)} i ${ctx.year} og ${ctx.year + 10}` };
  return { value: v, decimals: kind === 'pp' ? 1 : 0, source: data.sources, inputs: data.inputs };
}

function endringAndeler(ctx: MetricContext): ComputeResult {
  const data = readPopulation(ctx.dataset, ctx.kommune);
  const base = popAt(data, ctx.year);
  if (!base) return { missing: `mangler folketall etter alder for ${ctx.dataset.regionName(ctx.kommune)} i ${ctx.year}` };
  const later = tableYears(
    data.pops.map((p) => p.year),
    ctx.year,
  ).filter((y) => y > ctx.year);
  if (later.length === 0) return { missing: `mangler framskrevne folketall etter ${ctx.year} for ${ctx.dataset.regionName(ctx.kommune)}` };
  const pops = later.map((y) => popAt(data, y) as YearPopulation);
  const groups = groupsFor([base, ...pops]);
  const rows = groups.map((g) => {
    const row: Record<string, string | number | null> = { gruppe: g.label, andel: shareInRange(base, g) ?? null };
    pops.forEach((p) => (row[`e${p.year}`] = shareChangePp(base, p, g) ?? null));
    return row;
  });
  return {
    table: {
      columns: [
        { key: 'gruppe', label: 'Aldersgruppe' },
        { key: 'andel', label: `Andel ${ctx.year}`, unit: '%', decimals: 1 },
        ...later.map((y) => ({ key: `e${y}`, label: `Endring ${ctx.year}–${y}`, unit: 'prosentpoeng', decimals: 1 })),
      ],
      rows,
    },
    source: data.sources,
    inputs: data.inputs,
  };
}

function arbeidsstyrke(ctx: MetricContext): ComputeResult {
  const data = readPopulation(ctx.dataset, ctx.kommune);
  const s = arbeidsstyrkePerBehov(data.pops);
  if (s.length === 0 || !s.some((p) => p.year >= ctx.year)) return { missing: NO_POPULATION(ctx.kommune, ctx.dataset) };
  return {
    series: {
      categories: s.map((p) => p.year),
      series: [
        { name: '23–66 år per 6–15 år', values: s.map((p) => p.per6til15) },
        { name: '23–66 år per 67 år og eldre', values: s.map((p) => p.per67pluss) },
      ],
    },
    source: data.sources,
    inputs: data.inputs,
  };
}

function alderbaereevneMetric(ctx: MetricContext): ComputeResult {
  const { dataset: ds, kommune, year } = ctx;
  const data = readPopulation(ds, kommune);
  const computed = alderbaereevne(data.pops);
  const published = ds.series(kommune, 'demografi.alderbaereevne_publisert').filter((o) => o.value !== null);
  const asComputed = (): ComputeResult => ({
    series: { categories: computed.map((p) => p.year), series: [{ name: 'Alderbæreevne (16–66 år per 67+)', values: computed.map((p) => p.value) }] },
    source: data.sources,
    inputs: data.inputs,
  });
  if (computed.some((p) => p.year === year)) return asComputed();
  if (published.some((o) => o.year >= year)) {
    return {
      series: { categories: published.map((o) => o.year), series: [{ name: 'Alderbæreevne (16–66 år per 67+)', values: published.map((o) => o.value) }] },
      source: [...new Set(published.map((o) => o.source))],
      inputs: ['demografi.alderbaereevne_publisert'],
      published: true,
    };
  }
  if (computed.some((p) => p.year > year)) return asComputed();
  return { missing: `mangler folketall etter alder (16–66 år og 67 år og eldre) og publisert alderbæreevne for ${ds.regionName(kommune)} fra ${year}` };
}

// ---------------------------------------------------------------- 003 Tabell 2.3

const ANSATTE_ROWS = [
  { variable: 'sysselsetting.undervisning', label: 'Undervisning' },
  { variable: 'sysselsetting.undervisning_kommune', label: '– herav kommunen' },
  { variable: 'sysselsetting.helse_sosial', label: 'Helse og sosial' },
  { variable: 'sysselsetting.sysselsatte', label: 'Sysselsatte' },
];

function ansatte(ctx: MetricContext): ComputeResult {
  const { dataset: ds, kommune, year } = ctx;
  const yearsSet = new Set<number>();
  for (const r of ANSATTE_ROWS) for (const o of ds.series(kommune, r.variable)) if (o.year <= year && o.year > year - 5) yearsSet.add(o.year);
  const years = [...yearsSet].sort((a, b) => a - b);
  const total = ds.value(kommune, year, 'sysselsetting.sysselsatte');
  if (years.length === 0 || !years.includes(year) || typeof total !== 'number') return { missing: `mangler sysselsettingstall for ${ds.regionName(kommune)} ${year}` };
  const innb = regionValue(ds, kommune, year, INNBYGGERE_VARS);
  const sources = new Set<string>();
  const inputs = ANSATTE_ROWS.map((r) => r.variable);
  const rows = ANSATTE_ROWS.map((r) => {
    const row: Record<string, string | number | null> = { naering: r.label };
    for (const y of years) {
      const o = ds.get(kommune, y, r.variable);
      row[`y${y}`] = o?.value ?? null;
      if (o) sources.add(o.source);
    }
    const v = ds.value(kommune, year, r.variable);
    // sectors in % of sysselsatte; sysselsatte in % of innbyggere (as 003 Tabell 2.3 does)
    const denom = r.variable === 'sysselsetting.sysselsatte' ? innb?.value : total;
    row.andel = typeof v === 'number' && denom !== undefined ? percentOf(v, denom) ?? null : null;
    return row;
  });
  if (innb) {
    inputs.push(innb.variable);
    sources.add(innb.source);
  }
  return {
    table: {
      columns: [{ key: 'naering', label: 'Ansatte 4. kvartal' }, ...years.map((y) => yearCol(y, 'antall', 0)), { key: 'andel', label: `${year} %`, unit: '%', decimals: 1 }],
      rows,
    },
    source: [...sources],
    inputs,
  };
}

function sysselsettingsandel(ctx: MetricContext): ComputeResult {
  const { dataset: ds, kommune, year } = ctx;
  const s = ds.get(kommune, year, 'sysselsetting.sysselsatte');
  const innb = regionValue(ds, kommune, year, INNBYGGERE_VARS);
  if (!s || s.value === null || !innb) return { missing: `mangler sysselsatte eller innbyggere for ${ds.regionName(kommune)} ${year}` };
  const v = percentOf(s.value, innb.value);
  if (v === undefined) return { missing: 'innbyggertallet er 0' };
  return { value: v, decimals: 1, source: [...new Set([s.source, innb.source])], inputs: ['sysselsetting.sysselsatte', innb.variable] };
}

// ---------------------------------------------------------------- 003 Tabell 6.5 and 6.7

interface NduProjection {
  label: string;
  range: AgeRange;
  base: string;
  published: string;
}

const NDU_GRUNNSKOLE: NduProjection[] = [
  { label: 'NDU per innbygger 6–15 år', range: { from: 6, to: 15 }, base: 'kostra.grunnskole.ndu_per_innb_6_15', published: 'demografi.ndu_grunnskole_6_15_publisert' },
  { label: 'NDU per innbygger 6–9 år', range: { from: 6, to: 9 }, base: 'kostra.grunnskole.ndu_per_innb_6_9', published: 'demografi.ndu_grunnskole_6_9_publisert' },
];
const NDU_BARNEHAGE: NduProjection[] = [
  { label: 'NDU per innbygger 1–5 år', range: { from: 1, to: 5 }, base: 'kostra.barnehage.ndu_per_innb_1_5', published: 'demografi.ndu_barnehage_1_5_publisert' },
];

/**
 * NDU per inhabitant of the target group with the base year's spending. Computed from counts (never from rounded
 * shares) when the population of the target range is known for the base year and later years; otherwise the
 * published projection for the years after the base year.
 */
function nduProjection(ctx: MetricContext, defs: NduProjection[]): ComputeResult {
  const { dataset: ds, kommune, year } = ctx;
  const data = readPopulation(ds, kommune, { countsOnly: true });
  const inputs: string[] = [];
  const sources = new Set<string>();
  let published = false;
  const rowsData: { label: string; values: Map<number, number> }[] = [];
  for (const d of defs) {
    const base = ds.get(kommune, year, d.base);
    if (!base || base.value === null) continue;
    inputs.push(d.base);
    sources.add(base.source);
    const values = new Map<number, number>([[year, base.value]]);
    const basePop = popAt(data, year);
    const baseCount = basePop ? countInRange(basePop, d.range) : undefined;
    const counts = data.pops
      .filter((p) => p.year > year)
      .map((p) => ({ year: p.year, value: countInRange(p, d.range) }))
      .filter((c): c is YearValue => c.value !== undefined);
    if (baseCount !== undefined && counts.length > 0) {
      for (const p of spendingPerTargetInhabitant(base.value, baseCount, counts)) values.set(p.year, p.value);
      data.inputs.forEach((i) => addUnique(inputs, i));
      data.sources.forEach((s) => sources.add(s));
    } else {
      const pub = ds.series(kommune, d.published).filter((o) => o.year > year && o.value !== null);
      if (pub.length === 0) continue;
      for (const o of pub) values.set(o.year, o.value as number);
      inputs.push(d.published);
      pub.forEach((o) => sources.add(o.source));
      published = true;
    }
    rowsData.push({ label: d.label, values });
  }
  if (rowsData.length === 0) return { missing: `mangler netto driftsutgifter per innbygger i målgruppen for ${ds.regionName(kommune)} ${year}, eller folketall/framskriving for årene etter` };
  const years = [...new Set(rowsData.flatMap((r) => [...r.values.keys()]))].sort((a, b) => a - b);
  const rows = rowsData.map((r) => {
    const row: Record<string, string | number | null> = { rad: r.label };
    for (const y of years) row[`y${y}`] = r.values.get(y) ?? null;
    return row;
  });
  return {
    table: { columns: [{ key: 'rad', label: `Med driftsnivået i ${year}` }, ...years.map((y) => yearCol(y, 'kr per innb', 0))], rows },
    source: [...sources],
    inputs,
    published,
  };
}

// ---------------------------------------------------------------- 003 Tabell 6.10 and §6.3.1

const HJEMME_LONN = 'kostra.omsorg.helsetjenester_hjemmet_lonn';
const HJEMME_BRUKERE = 'kostra.omsorg.helsetjenester_hjemmet_brukere';

function hjemmetjenester(ctx: MetricContext): ComputeResult {
  const { dataset: ds, kommune, year } = ctx;
  const lonn = ds.series(kommune, HJEMME_LONN).filter((o) => o.year <= year);
  const brukere = ds.series(kommune, HJEMME_BRUKERE).filter((o) => o.year <= year);
  const years = [...new Set([...lonn, ...brukere].map((o) => o.year))].sort((a, b) => a - b);
  if (!years.includes(year)) return { missing: `mangler tall for helsetjenester i hjemmet for ${ds.regionName(kommune)} ${year}` };
  const rows = years.map((y) => {
    const l = ds.value(kommune, y, HJEMME_LONN) ?? null;
    const b = ds.value(kommune, y, HJEMME_BRUKERE) ?? null;
    return { ar: String(y), lonn: l, brukere: b, lonn_per_bruker: l !== null && b !== null && b !== 0 ? (l * 1000) / b : null };
  });
  return {
    table: {
      columns: [
        { key: 'ar', label: 'År' },
        { key: 'lonn', label: 'Lønn', unit: '1000 kr', decimals: 0 },
        { key: 'brukere', label: 'Brukere', unit: 'antall', decimals: 0 },
        { key: 'lonn_per_bruker', label: 'Lønn per bruker', unit: 'kr', decimals: 0 },
      ],
      rows,
    },
    source: [...new Set([...lonn, ...brukere].map((o) => o.source))],
    inputs: [HJEMME_LONN, HJEMME_BRUKERE],
  };
}

function hjemmetjenesterVekst(ctx: MetricContext): ComputeResult {
  const { dataset: ds, kommune, year } = ctx;
  const a = ds.get(kommune, year - 4, HJEMME_BRUKERE);
  const b = ds.get(kommune, year, HJEMME_BRUKERE);
  if (!a || !b || a.value === null || b.value === null) return { missing: `mangler brukere av helsetjenester i hjemmet for ${ds.regionName(kommune)} ${year - 4} og ${year}` };
  const v = growthPct(a.value, b.value);
  if (v === undefined) return { missing: `ingen brukere i ${year - 4}; veksten kan ikke regnes i prosent` };
  return { value: v, decimals: 0, source: [...new Set([a.source, b.source])], inputs: [HJEMME_BRUKERE] };
}

const HJEMME_SATSER = [
  { key: '67_79', range: { from: 67, to: 79 } as AgeRange },
  { key: '80_89', range: { from: 80, to: 89 } as AgeRange },
  { key: '90_pluss', range: { from: 90, to: null } as AgeRange },
];

function readRates(ds: Dataset, kommune: string, year: number): { rates: { range: AgeRange; pct: number }[]; sources: string[]; inputs: string[] } | undefined {
  const rates: { range: AgeRange; pct: number }[] = [];
  const sources: string[] = [];
  const inputs: string[] = [];
  for (const s of HJEMME_SATSER) {
    const variable = `hjemmetjenester.mottakerandel_${s.key}`;
    // the latest rates at or before the year
    const o = [...ds.series(kommune, variable)].reverse().find((x) => x.year <= year && x.value !== null);
    if (!o) return undefined;
    rates.push({ range: s.range, pct: o.value as number });
    addUnique(sources, o.source);
    inputs.push(variable);
  }
  return { rates, sources, inputs };
}

function hjemmetjenesteSatser(ctx: MetricContext): ComputeResult {
  const r = readRates(ctx.dataset, ctx.kommune, ctx.year);
  if (!r) return { missing: `mangler andeler som mottar helsetjenester i hjemmet per aldersgruppe for ${ctx.dataset.regionName(ctx.kommune)}` };
  return {
    table: {
      columns: [
        { key: 'gruppe', label: 'Aldersgruppe' },
        { key: 'andel', label: 'Mottar helsetjenester i hjemmet', unit: '%', decimals: 1 },
      ],
      rows: r.rates.map((x) => ({ gruppe: rangeLabel(x.range), andel: x.pct })),
    },
    source: r.sources,
    inputs: r.inputs,
  };
}

function hjemmetjenesteBehov(ctx: MetricContext): ComputeResult {
  const { dataset: ds, kommune, year } = ctx;
  const r = readRates(ds, kommune, year);
  if (!r) return { missing: `mangler andeler som mottar helsetjenester i hjemmet per aldersgruppe for ${ds.regionName(kommune)}` };
  const data = readPopulation(ds, kommune, { countsOnly: true });
  const need = homeCareNeed(
    data.pops.filter((p) => p.year >= year),
    r.rates,
  ).filter((n) => n.total !== null);
  if (need.length === 0) return { missing: `mangler folketall for 67–79, 80–89 og 90 år og eldre for ${ds.regionName(kommune)} fra ${year}` };
  return {
    series: {
      categories: need.map((n) => n.year),
      series: r.rates.map((x, i) => ({ name: rangeLabel(x.range), values: need.map((n) => n.byRange[i]) })),
    },
    source: [...new Set([...r.sources, ...data.sources])],
    inputs: [...r.inputs, ...data.inputs],
  };
}

// ---------------------------------------------------------------- registry

const POP_INPUTS = ['befolkning.alder.*', 'befolkning.gruppe.*', 'befolkning.andel.*', FOLKEMENGDE];

export const DEMOGRAFI_METRICS: MetricDef[] = [
  {
    id: 'demografi.befolkningsstatistikk',
    label: 'Befolkningsstatistikk',
    unit: 'blandet',
    kind: 'table',
    inputs: ['befolkning.innbyggere', 'befolkning.fodte', 'befolkning.dode', 'befolkning.netto_innflytting', 'befolkning.andel_skilte_16_66', 'befolkning.andel_enslige_80_pluss', 'befolkning.arbeidsledige_15_74', 'befolkning.andel_innvandrere', 'befolkning.tettsted'],
    formula: 'kommunen og sammenligningene per rad; fødselsoverskudd = fødte − døde; andel i tettsted = tettsted / innbyggere × 100',
    compute: (ctx) => befolkningsstatistikk(ctx, STAT_COLS.map((c) => c.key)),
  },
  {
    id: 'demografi.tettsted',
    label: 'Innbyggere i tettsteder',
    unit: 'blandet',
    kind: 'table',
    inputs: ['befolkning.innbyggere', 'befolkning.tettsted'],
    formula: 'andel i tettsted = innbyggere i tettsteder / innbyggere × 100, for kommunen og sammenligningene',
    compute: (ctx) => befolkningsstatistikk(ctx, ['innbyggere', 'tettsted', 'tettsted_pct']),
  },
  {
    id: 'demografi.innbyggere',
    label: 'Innbyggere',
    unit: 'antall',
    kind: 'scalar',
    inputs: INNBYGGERE_VARS,
    formula: 'innbyggere ved utgangen av året',
    compute: (ctx) => kommuneStat(ctx, 'innbyggere'),
  },
  {
    id: 'demografi.tettstedsandel',
    label: 'Andel innbyggere i tettsteder',
    unit: '%',
    kind: 'scalar',
    inputs: ['befolkning.tettsted', 'befolkning.innbyggere'],
    formula: 'innbyggere i tettsteder / innbyggere × 100',
    compute: (ctx) => kommuneStat(ctx, 'tettsted_pct'),
  },
  {
    id: 'demografi.fodselsoverskudd',
    label: 'Fødselsoverskudd',
    unit: 'antall',
    kind: 'scalar',
    inputs: ['befolkning.fodte', 'befolkning.dode'],
    formula: 'fødte − døde i løpet av året',
    compute: (ctx) => kommuneStat(ctx, 'fodselsoverskudd'),
  },
  {
    id: 'demografi.befolkning',
    label: 'Folkemengde, registrert og framskrevet',
    unit: 'antall',
    kind: 'series',
    inputs: POP_INPUTS,
    formula: 'folkemengden 1.1. per år (eller summen av aldersgruppene)',
    compute: befolkningSerie,
  },
  {
    id: 'demografi.aldersgrupper',
    label: 'Innbyggere per aldersgruppe',
    unit: 'antall',
    kind: 'table',
    inputs: POP_INPUTS,
    formula: 'antall per aldersgruppe i kostnadsnøkkelen per år; der bare andeler finnes: andel / 100 × folkemengde',
    compute: (ctx) => aldersgrupper(ctx, 'antall'),
  },
  {
    id: 'demografi.andeler',
    label: 'Andeler av aldersgrupper',
    unit: '%',
    kind: 'table',
    inputs: POP_INPUTS,
    formula: 'innbyggere i aldersgruppen / folkemengde × 100, per år',
    compute: (ctx) => aldersgrupper(ctx, 'andel'),
  },
  {
    id: 'demografi.andeler_serie',
    label: 'Andeler av aldersgrupper over tid',
    unit: '%',
    kind: 'series',
    inputs: POP_INPUTS,
    formula: 'innbyggere i aldersgruppen / folkemengde × 100; én serie per aldersgruppe',
    compute: andelerSerie,
  },
  {
    id: 'demografi.andel_67_pluss',
    label: 'Andel innbyggere 67 år og eldre',
    unit: '%',
    kind: 'scalar',
    inputs: POP_INPUTS,
    formula: 'innbyggere 67 år og eldre / folkemengde × 100 i året',
    compute: (ctx) => shareAt(ctx, RANGE_67_PLUSS),
  },
  {
    id: 'demografi.andel_23_66',
    label: 'Andel innbyggere 23–66 år',
    unit: '%',
    kind: 'scalar',
    inputs: POP_INPUTS,
    formula: 'innbyggere 23–66 år / folkemengde × 100 i året',
    compute: (ctx) => shareAt(ctx, { from: 23, to: 66 }),
  },
  {
    id: 'demografi.endring_67_pluss_pp',
    label: 'Endring i andelen 67 år og eldre over ti år',
    unit: 'prosentpoeng',
    kind: 'scalar',
    inputs: POP_INPUTS,
    formula: 'andel 67+ (år + 10) − andel 67+ (år)',
    compute: (ctx) => changeTenYears(ctx, RANGE_67_PLUSS, 'pp'),
  },
  {
    id: 'demografi.endring_67_pluss_antall',
    label: 'Endring i antall 67 år og eldre over ti år',
    unit: 'antall',
    kind: 'scalar',
    inputs: POP_INPUTS,
    formula: 'innbyggere 67+ (år + 10) − innbyggere 67+ (år); fra andeler: andel × folkemengde',
    compute: (ctx) => changeTenYears(ctx, RANGE_67_PLUSS, 'antall'),
  },
  {
    id: 'demografi.endring_andeler',
    label: 'Endring i andelene per aldersgruppe',
    unit: 'prosentpoeng',
    kind: 'table',
    inputs: POP_INPUTS,
    formula: 'andel i senere år − andel i året, per aldersgruppe',
    compute: endringAndeler,
  },
  {
    id: 'demografi.arbeidsstyrke_per_behov',
    label: 'Arbeidsstyrke per behov',
    unit: 'forhold',
    kind: 'series',
    inputs: POP_INPUTS,
    formula: '23–66 år / 6–15 år og 23–66 år / 67 år og eldre, per år',
    compute: arbeidsstyrke,
  },
  {
    id: 'demografi.alderbaereevne',
    label: 'Alderbæreevne',
    unit: 'forhold',
    kind: 'series',
    inputs: [...POP_INPUTS, 'demografi.alderbaereevne_publisert'],
    formula: '16–66 år / 67 år og eldre per år; publisert serie når folketall etter alder mangler for året',
    compute: alderbaereevneMetric,
  },
  {
    id: 'demografi.ansatte',
    label: 'Ansatte 4. kvartal',
    unit: 'antall',
    kind: 'table',
    inputs: ['sysselsetting.undervisning', 'sysselsetting.undervisning_kommune', 'sysselsetting.helse_sosial', 'sysselsetting.sysselsatte', 'befolkning.innbyggere'],
    formula: 'ansatte per næring de siste fem årene; andel = næring / sysselsatte × 100, sysselsatte / innbyggere × 100',
    compute: ansatte,
  },
  {
    id: 'demografi.sysselsettingsandel',
    label: 'Sysselsatte i prosent av innbyggerne',
    unit: '%',
    kind: 'scalar',
    inputs: ['sysselsetting.sysselsatte', 'befolkning.innbyggere'],
    formula: 'sysselsatte 4. kvartal / innbyggere × 100',
    compute: sysselsettingsandel,
  },
  {
    id: 'demografi.ndu_fremskrevet_grunnskole',
    label: 'Framskrevne netto driftsutgifter per innbygger 6–15 og 6–9 år med dagens drift',
    unit: 'kr per innb',
    kind: 'table',
    inputs: ['kostra.grunnskole.ndu_per_innb_6_15', 'kostra.grunnskole.ndu_per_innb_6_9', 'befolkning.alder.*', 'befolkning.gruppe.6_15', 'demografi.ndu_grunnskole_6_15_publisert', 'demografi.ndu_grunnskole_6_9_publisert'],
    formula: 'NDU per innb i målgruppen (år) × innbyggere i målgruppen (år) / innbyggere i målgruppen (senere år); ellers publisert',
    compute: (ctx) => nduProjection(ctx, NDU_GRUNNSKOLE),
  },
  {
    id: 'demografi.ndu_fremskrevet_barnehage',
    label: 'Framskrevne netto driftsutgifter per innbygger 1–5 år med dagens drift',
    unit: 'kr per innb',
    kind: 'table',
    inputs: ['kostra.barnehage.ndu_per_innb_1_5', 'befolkning.alder.*', 'demografi.ndu_barnehage_1_5_publisert'],
    formula: 'NDU per innb 1–5 år (år) × innbyggere 1–5 år (år) / innbyggere 1–5 år (senere år); ellers publisert',
    compute: (ctx) => nduProjection(ctx, NDU_BARNEHAGE),
  },
  {
    id: 'demografi.hjemmetjenester',
    label: 'Helsetjenester i hjemmet: lønn og brukere',
    unit: 'blandet',
    kind: 'table',
    inputs: [HJEMME_LONN, HJEMME_BRUKERE],
    formula: 'lønn (1000 kr) og brukere per år; lønn per bruker = lønn × 1000 / brukere',
    compute: hjemmetjenester,
  },
  {
    id: 'demografi.hjemmetjenester_vekst_brukere',
    label: 'Vekst i brukere av helsetjenester i hjemmet over fire år',
    unit: '%',
    kind: 'scalar',
    inputs: [HJEMME_BRUKERE],
    formula: '(brukere i året − brukere fire år før) / brukere fire år før × 100',
    compute: hjemmetjenesterVekst,
  },
  {
    id: 'demografi.hjemmetjenester_satser',
    label: 'Andel som mottar helsetjenester i hjemmet per aldersgruppe',
    unit: '%',
    kind: 'table',
    inputs: HJEMME_SATSER.map((s) => `hjemmetjenester.mottakerandel_${s.key}`),
    formula: 'andel av aldersgruppen som mottar helsetjenester i hjemmet',
    compute: hjemmetjenesteSatser,
  },
  {
    id: 'demografi.hjemmetjenester_behov',
    label: 'Framskrevet behov for helsetjenester i hjemmet, 67 år og eldre',
    unit: 'antall',
    kind: 'series',
    inputs: [...HJEMME_SATSER.map((s) => `hjemmetjenester.mottakerandel_${s.key}`), 'befolkning.alder.*', 'befolkning.gruppe.67_79', 'befolkning.gruppe.80_89', 'befolkning.gruppe.90_pluss'],
    formula: 'andel som mottar tjenesten i aldersgruppen × framskrevet folketall i aldersgruppen, per år',
    compute: hjemmetjenesteBehov,
  },
];
