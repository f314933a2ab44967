import { Dataset } from '../data/dataset';
import { AgeRange, KOSTNADSNOKKEL_GROUPS, TOTAL_GROUPS } from '../analysis/demografi';
import {
  HORIZONS,
  HorizonKey,
  HorizonSum,
  SectorYearTable,
  UnitCost,
  describeProblem,
  horizonSums,
  needChangeSeries,
  rowTotals,
  toThousands,
} from '../analysis/demografikostnad';
import { readPopulation } from './demografi';
import { ComputeResult, MetricContext, MetricDef, MissingValue, TableData } from './types';

/*
 * Demographic cost (demografikostnad.*): change in expenditure need per sector and year from population change.
 * Computed when the unit-cost table (data/tables/demografikostnad_enhetskostnad.csv) has rows and population by age
 * group is known for every year from the year before the asked year; otherwise the published per-sector figures
 * (demografikostnad.endring_<sektor>_publisert), marked as published. Either way the SUM column and the horizon
 * sums are computed here.
 */

export const SECTORS: readonly { key: string; label: string }[] = [
  { key: 'pleie_og_omsorg', label: 'Pleie og omsorg' },
  { key: 'grunnskole', label: 'Grunnskole' },
  { key: 'barnehage', label: 'Barnehage' },
  { key: 'sosial', label: 'Sosial' },
  { key: 'kommunehelse', label: 'Kommunehelse' },
  { key: 'barnevern', label: 'Barnevern' },
];

const UNIT_COST_TABLE = 'demografikostnad_enhetskostnad';
const publishedVar = (sector: string) => `demografikostnad.endring_${sector}_publisert`;

function sectorLabel(key: string): string {
  return SECTORS.find((s) => s.key === key)?.label ?? key.replace(/_/g, ' ');
}

const AGE_GROUPS_BY_KEY = new Map<string, AgeRange>([...KOSTNADSNOKKEL_GROUPS, ...TOTAL_GROUPS].map((g) => [g.key, g]));

interface Need {
  table: SectorYearTable;
  source: string[];
  inputs: string[];
  published: boolean;
  /** how it was obtained, for the formula line */
  note: string;
}

/** Unit costs for the latest cost year at or before `year`. */
function readUnitCosts(ds: Dataset, year: number): { costs: UnitCost[]; costYear: number; sources: string[] } | { missing: string } | undefined {
  const rows = ds.table(UNIT_COST_TABLE);
  if (rows.length === 0) return undefined;
  const years = [...new Set(rows.map((r) => r.values.year as number))].filter((y) => y <= year);
  if (years.length === 0) return undefined;
  const costYear = Math.max(...years);
  const costs: UnitCost[] = [];
  const sources = new Set<string>();
  for (const r of rows) {
    if (r.values.year !== costYear) continue;
    const range = AGE_GROUPS_BY_KEY.get(String(r.values.aldersgruppe));
    if (!range) return { missing: `${r.file}:${r.line}: ukjent aldersgruppe '${r.values.aldersgruppe}'; forventet en av ${[...AGE_GROUPS_BY_KEY.keys()].join(', ')}` };
    if (typeof r.values.kr_per_innb !== 'number') continue;
    costs.push({ sector: String(r.values.sektor), range, krPerInhabitant: r.values.kr_per_innb });
    sources.add(String(r.values.source));
  }
  return { costs, costYear, sources: [...sources] };
}

function computedNeed(ctx: MetricContext): Need | MissingValue | undefined {
  const uc = readUnitCosts(ctx.dataset, ctx.year);
  if (uc === undefined) return undefined;
  if ('missing' in uc) return uc;
  const data = readPopulation(ctx.dataset, ctx.kommune, { countsOnly: true });
  const years = new Set(data.pops.map((p) => p.year));
  if (!years.has(ctx.year - 1) || !years.has(ctx.year)) return { missing: `mangler folketall per aldersgruppe for ${ctx.dataset.regionName(ctx.kommune)} i ${ctx.year - 1} og ${ctx.year}` };
  let last = ctx.year;
  while (last < ctx.year + 9 && years.has(last + 1)) last++;
  const r = needChangeSeries(data.pops, uc.costs, ctx.year, last);
  if ('problem' in r) return { missing: describeProblem(r.problem) };
  return {
    table: toThousands(r),
    source: [...uc.sources, ...data.sources],
    inputs: [UNIT_COST_TABLE, ...data.inputs],
    published: false,
    note: `beregnet med enhetskostnader i ${uc.costYear}-kroner`,
  };
}

function publishedNeed(ctx: MetricContext): Need | undefined {
  const { dataset: ds, kommune, year } = ctx;
  const sectors = SECTORS.filter((s) => ds.series(kommune, publishedVar(s.key)).some((o) => o.year === year));
  if (sectors.length === 0) return undefined;
  const years = [...new Set(sectors.flatMap((s) => ds.series(kommune, publishedVar(s.key)).map((o) => o.year)))].filter((y) => y >= year).sort((a, b) => a - b);
  const sources = new Set<string>();
  const rows = years.map((y) => ({
    year: y,
    values: sectors.map((s) => {
      const o = ds.get(kommune, y, publishedVar(s.key));
      if (o) sources.add(o.source);
      return o?.value ?? 0;
    }),
  }));
  return { table: { sectors: sectors.map((s) => s.key), rows }, source: [...sources], inputs: sectors.map((s) => publishedVar(s.key)), published: true, note: 'publiserte tall per tjenesteområde' };
}

function need(ctx: MetricContext): Need | MissingValue {
  const c = computedNeed(ctx);
  if (c && !('missing' in c)) return c;
  const p = publishedNeed(ctx);
  if (p) return p;
  return c ?? { missing: `mangler enhetskostnader og publisert endring i utgiftsbehov for ${ctx.dataset.regionName(ctx.kommune)} fra ${ctx.year}` };
}

function isMissingNeed(n: Need | MissingValue): n is MissingValue {
  return (n as MissingValue).missing !== undefined;
}

function horizonLabel(h: HorizonSum): string {
  return h.from === h.to ? `${h.label} ${h.from}` : `Sum ${h.from}–${h.to} (${h.label.toLowerCase()})`;
}

function perSektor(ctx: MetricContext): ComputeResult {
  const n = need(ctx);
  if (isMissingNeed(n)) return n;
  const { table } = n;
  const totals = rowTotals(table);
  const rows: TableData['rows'] = table.rows.map((r, i) => {
    const row: Record<string, string | number | null> = { ar: String(r.year) };
    table.sectors.forEach((s, j) => (row[s] = r.values[j]));
    row.sum = totals[i].total;
    return row;
  });
  const totalRows: number[] = [];
  // the 000 deck prints the ten-year sum first, then the økonomiplan sum
  const sums = horizonSums(table).filter((h) => h.key !== 'budsjett' && h.complete);
  for (const h of [...sums].reverse()) {
    const row: Record<string, string | number | null> = { ar: horizonLabel(h) };
    table.sectors.forEach((s, j) => (row[s] = h.bySector[j]));
    row.sum = h.total;
    totalRows.push(rows.length);
    rows.push(row);
  }
  return {
    table: {
      columns: [
        { key: 'ar', label: 'Endring per 1.1.' },
        ...table.sectors.map((s) => ({ key: s, label: sectorLabel(s), unit: '1000 kr', decimals: 0 })),
        { key: 'sum', label: 'Sum', unit: '1000 kr', decimals: 0 },
      ],
      rows,
      totalRows,
    },
    source: n.source,
    inputs: n.inputs,
    published: n.published,
  };
}

function sektor(ctx: MetricContext, key: string): ComputeResult {
  const n = need(ctx);
  if (isMissingNeed(n)) return n;
  const j = n.table.sectors.indexOf(key);
  if (j < 0) return { missing: `mangler endring i utgiftsbehov for ${sectorLabel(key).toLowerCase()} for ${ctx.dataset.regionName(ctx.kommune)}` };
  const rows: TableData['rows'] = n.table.rows.map((r) => ({ ar: String(r.year), endring: r.values[j] }));
  const totalRows: number[] = [];
  const sums = horizonSums(n.table).filter((h) => h.key !== 'budsjett' && h.complete);
  for (const h of [...sums].reverse()) {
    totalRows.push(rows.length);
    rows.push({ ar: horizonLabel(h), endring: h.bySector[j] });
  }
  return {
    table: {
      columns: [
        { key: 'ar', label: 'Endring per 1.1.' },
        { key: 'endring', label: sectorLabel(key), unit: '1000 kr', decimals: 0 },
      ],
      rows,
      totalRows,
    },
    source: n.source,
    inputs: n.inputs,
    published: n.published,
  };
}

function serie(ctx: MetricContext): ComputeResult {
  const n = need(ctx);
  if (isMissingNeed(n)) return n;
  const totals = rowTotals(n.table);
  return {
    series: {
      categories: n.table.rows.map((r) => r.year),
      series: [...n.table.sectors.map((s, j) => ({ name: sectorLabel(s), values: n.table.rows.map((r) => r.values[j]) })), { name: 'Sum', values: totals.map((t) => t.total) }],
    },
    source: n.source,
    inputs: n.inputs,
    published: n.published,
  };
}

function horisonter(ctx: MetricContext): ComputeResult {
  const n = need(ctx);
  if (isMissingNeed(n)) return n;
  const sums = horizonSums(n.table).filter((h) => h.complete);
  if (sums.length === 0) return { missing: 'for få år til å summere over planperiodene' };
  return {
    table: {
      columns: [
        { key: 'periode', label: 'Periode' },
        ...n.table.sectors.map((s) => ({ key: s, label: sectorLabel(s), unit: '1000 kr', decimals: 0 })),
        { key: 'sum', label: 'Sum', unit: '1000 kr', decimals: 0 },
      ],
      rows: sums.map((h) => {
        const row: Record<string, string | number | null> = { periode: horizonLabel(h) };
        n.table.sectors.forEach((s, j) => (row[s] = h.bySector[j]));
        row.sum = h.total;
        return row;
      }),
    },
    source: n.source,
    inputs: n.inputs,
    published: n.published,
  };
}

function horizonScalar(ctx: MetricContext, key: HorizonKey, sector?: string): ComputeResult {
  const n = need(ctx);
  if (isMissingNeed(n)) return n;
  const h = horizonSums(n.table).find((x) => x.key === key);
  if (!h || !h.complete) {
    const def = HORIZONS.find((x) => x.key === key);
    return { missing: `mangler år for å summere ${def?.label.toLowerCase() ?? key} (${ctx.year}–${ctx.year + (def?.endOffset ?? 0)})` };
  }
  if (sector === undefined) return { value: h.total, decimals: 0, source: n.source, inputs: n.inputs, published: n.published };
  const j = n.table.sectors.indexOf(sector);
  if (j < 0) return { missing: `mangler endring i utgiftsbehov for ${sectorLabel(sector).toLowerCase()}` };
  return { value: h.bySector[j], decimals: 0, source: n.source, inputs: n.inputs, published: n.published };
}

const INPUTS = [UNIT_COST_TABLE, 'befolkning.gruppe.*', 'befolkning.alder.*', ...SECTORS.map((s) => publishedVar(s.key))];
const FORMULA_CORE = 'Δbehov(sektor, år) = Σ_alder (innbyggere(alder, år) − innbyggere(alder, år − 1)) × kostnad per innbygger(alder, sektor); ellers publiserte tall';

const HORIZON_TEXT: Record<HorizonKey, string> = {
  budsjett: 'budsjettåret (første år)',
  okonomiplan: 'første år til og med fire år etter (økonomiplanens siste år)',
  kommuneplan: 'de ti første årene (kommuneplan)',
};

export const DEMOGRAFIKOSTNAD_METRICS: MetricDef[] = [
  {
    id: 'demografikostnad.per_sektor',
    label: 'Årlig endring i utgiftsbehov per tjenesteområde som følge av befolkningsendringer',
    unit: '1000 kr',
    kind: 'table',
    inputs: INPUTS,
    formula: `${FORMULA_CORE}; Sum = Σ sektorer; sumrader over økonomiplan og kommuneplan`,
    compute: perSektor,
  },
  {
    id: 'demografikostnad.serie',
    label: 'Endring i utgiftsbehov per år og tjenesteområde',
    unit: '1000 kr',
    kind: 'series',
    inputs: INPUTS,
    formula: `${FORMULA_CORE}; én serie per tjenesteområde og en for summen`,
    compute: serie,
  },
  {
    id: 'demografikostnad.horisonter',
    label: 'Endring i utgiftsbehov over budsjett, økonomiplan og kommuneplan',
    unit: '1000 kr',
    kind: 'table',
    inputs: INPUTS,
    formula: 'kumulativ endring fra basisåret til budsjettåret, økonomiplanens siste år og kommuneplanens siste år, per tjenesteområde',
    compute: horisonter,
  },
  ...SECTORS.map(
    (s): MetricDef => ({
      id: `demografikostnad.${s.key}`,
      label: `Endring i utgiftsbehov, ${s.label.toLowerCase()}`,
      unit: '1000 kr',
      kind: 'table',
      inputs: INPUTS,
      formula: `${FORMULA_CORE}; ${s.label.toLowerCase()} per år med sum over økonomiplan og kommuneplan`,
      compute: (ctx) => sektor(ctx, s.key),
    }),
  ),
  ...(['budsjett', 'okonomiplan', 'kommuneplan'] as HorizonKey[]).map(
    (key): MetricDef => ({
      id: `demografikostnad.sum_${key}`,
      label: `Endring i utgiftsbehov, sum ${HORIZONS.find((h) => h.key === key)?.label.toLowerCase()}`,
      unit: '1000 kr',
      kind: 'scalar',
      inputs: INPUTS,
      formula: `Σ sektorer Σ år over ${HORIZON_TEXT[key]}`,
      compute: (ctx) => horizonScalar(ctx, key),
    }),
  ),
  ...(['okonomiplan', 'kommuneplan'] as HorizonKey[]).map(
    (key): MetricDef => ({
      id: `demografikostnad.sum_${key}_pleie_og_omsorg`,
      label: `Endring i utgiftsbehov pleie og omsorg, sum ${HORIZONS.find((h) => h.key === key)?.label.toLowerCase()}`,
      unit: '1000 kr',
      kind: 'scalar',
      inputs: INPUTS,
      formula: `Σ år over ${HORIZON_TEXT[key]}, pleie og omsorg`,
      compute: (ctx) => horizonScalar(ctx, key, 'pleie_og_omsorg'),
    }),
  ),
];
