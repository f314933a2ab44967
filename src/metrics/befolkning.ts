import { Dataset } from '../data/dataset';
import { LANDET, PopulationRow } from '../data/population';
import { AgeGroup, AgeRange, KOSTNADSNOKKEL_GROUPS, TOTAL_GROUPS } from '../analysis/demografi';
import { ageKriterieindeks, agePartOfBehovsindeks, alderbaereevneOf, changePct, demographicCost, FIVE_YEAR_BANDS, sharePct, sumAges } from '../analysis/befolkning';
import { kostnadsnokkelEnhetsbelop } from '../analysis/inntektssystem';
import { criteriaFor, totalNeed } from './inntektssystem';
import { RankedFigureDef, RegionFigure, rankedMetrics } from './ranked';
import { ComputeResult, MetricContext, MetricDef, TableData } from './types';
import { num } from '../format/bokmal';

/*
 * befolkning.*: figures from population on 1 January by one-year age (SSB 07459, data/befolkning/) for every
 * kommune, landet and every year the data has. Unlike demografi.* (which reads the source documents' tables and
 * projections), these need nothing but the national data, so they are true for any kommune. The inntektssystem
 * counts its age criteria on 1 July; figures here use 1 January and say so.
 */

const group = (key: string, label: string, from: number, to: number | null): AgeGroup => ({ key, label, from, to });
/** The kostnadsnøkkel's age groups, then 67+ and 80+. */
export const POPULATION_GROUPS: readonly AgeGroup[] = [...KOSTNADSNOKKEL_GROUPS, ...TOTAL_GROUPS.filter((g) => g.key === '67_pluss'), group('80_pluss', '80 år og eldre', 80, null)];
/** The age criteria of the kostnadsnøkkel (data/tables/kostnadsnokkel.csv ids) and their groups. */
const AGE_CRITERIA: readonly { id: string; group: AgeGroup }[] = KOSTNADSNOKKEL_GROUPS.map((g) => ({ id: g.key === '90_pluss' ? 'innb_90' : `innb_${g.key}`, group: g }));
/** Years back for "change over the period" figures. */
export const PERIOD_YEARS = 10;
const INPUT = 'befolkning (SSB 07459, data/befolkning/)';
const JAN_NOTE = 'folkemengde 1. januar (inntektssystemet bruker 1. juli)';

function name(ds: Dataset, region: string): string {
  return region === LANDET ? 'hele landet' : ds.regionName(region);
}

/** The row, or why it is missing (a known gap with its reason, or the years the data has). */
export function populationRow(ds: Dataset, region: string, year: number): PopulationRow | { missing: string } {
  const row = ds.population.row(region, year);
  if (row) return row;
  const gap = ds.population.gap(region, year);
  if (gap) return { missing: `ingen folkemengde for ${name(ds, region)} 1.1.${year}: ${gap.reason}` };
  const years = ds.population.years(region);
  if (years.length === 0) return { missing: `mangler folkemengde etter alder for ${name(ds, region)} (data/befolkning/)` };
  return { missing: `folkemengden for ${name(ds, region)} finnes for 1.1.${years[0]}–${years[years.length - 1]}, ikke ${year}` };
}

function figure(row: PopulationRow, value: number | undefined, extra: Partial<RegionFigure> = {}): RegionFigure | { missing: string } {
  if (value === undefined || !Number.isFinite(value)) return { missing: `tallet kan ikke regnes for ${row.region} ${row.year} (ingen i gruppen)` };
  return { value, source: [row.provenance.source, ...(extra.source ?? [])], inputs: [INPUT, ...(extra.inputs ?? [])] };
}

/** Read one row and compute from it, or pass the missing reason on. */
function fromRow(ds: Dataset, region: string, year: number, f: (row: PopulationRow) => number | undefined): RegionFigure | { missing: string } {
  const row = populationRow(ds, region, year);
  return 'missing' in row ? row : figure(row, f(row));
}

/**
 * The first year of "the period" for a kommune: PERIOD_YEARS before the year, or, for a kommune whose figures start
 * later (split kommuner, data/befolkning/mangler.csv), its first year with figures; slides say which year it is.
 * Figures ranked across kommuner use the fixed period instead, so every kommune is compared over the same years.
 */
export function periodStart(ds: Dataset, region: string, year: number): number | { missing: string } {
  if (ds.population.row(region, year - PERIOD_YEARS)) return year - PERIOD_YEARS;
  const first = ds.population.years(region).find((y) => y > year - PERIOD_YEARS && y < year);
  return first ?? (populationRow(ds, region, year - PERIOD_YEARS) as { missing: string });
}

/** Read two rows (the period's first year and the year) and compute from both; `fixed`: exactly PERIOD_YEARS back. */
function fromPeriod(ds: Dataset, region: string, year: number, f: (a: PopulationRow, b: PopulationRow) => number | undefined, fixed = false): RegionFigure | { missing: string } {
  const start = fixed ? year - PERIOD_YEARS : periodStart(ds, region, year);
  if (typeof start !== 'number') return start;
  const a = populationRow(ds, region, start);
  if ('missing' in a) return a;
  const b = populationRow(ds, region, year);
  return 'missing' in b ? b : figure(b, f(a, b));
}

// ---------------------------------------------------------------- age criteria and kostnadsnøkkel

/** The newest kostnadsnøkkel at or before the year (the data has 2020 and 2023). */
export function kostnadsnokkelYear(ds: Dataset, year: number): number | undefined {
  const years = [...new Set(ds.table('kostnadsnokkel').map((r) => r.values.year as number))].filter((y) => y <= year);
  return years.length ? Math.max(...years) : undefined;
}

interface AgeWeights {
  year: number;
  weights: Map<string, number>;
  enhetsbelop: Map<string, number>;
  sources: string[];
}

/** The age criteria's weights and enhetsbeløp for a year, once per dataset (every kommune of a rank reads them). */
function ageWeights(ds: Dataset, year: number): AgeWeights | { missing: string } {
  const key = `ageWeights|${year}`;
  let w = ds.memo.get(key) as AgeWeights | { missing: string } | undefined;
  if (!w) ds.memo.set(key, (w = readAgeWeights(ds.root, year)));
  return w;
}

function readAgeWeights(ds: Dataset, year: number): AgeWeights | { missing: string } {
  const ky = kostnadsnokkelYear(ds, year);
  if (ky === undefined) return { missing: `ingen kostnadsnøkkel for ${year} eller tidligere i dataene (data/tables/kostnadsnokkel.csv)` };
  const { criteria } = criteriaFor(ds, ky);
  const weights = new Map<string, number>();
  for (const c of criteria) weights.set(c.id, c.weight);
  const enhetsbelop = new Map<string, number>();
  const t = totalNeed(ds, ky);
  if (t) for (const r of kostnadsnokkelEnhetsbelop(criteria, t.value)) if (r.enhetsbelop !== null) enhetsbelop.set(r.id, r.enhetsbelop);
  if (AGE_CRITERIA.some((c) => !weights.has(c.id))) return { missing: `kostnadsnøkkelen ${ky} mangler et av alderskriteriene` };
  // the weights and national counts are the ministry's kostnadsnøkkel, whichever document the data copied them from
  return { year: ky, weights, enhetsbelop, sources: [`KDD, kostnadsnøkkelen ${ky}`] };
}

interface AgeIndexRow {
  id: string;
  group: AgeGroup;
  share: number;
  nationalShare: number;
  index: number;
  weight: number;
}

function ageIndices(ds: Dataset, region: string, year: number): { rows: AgeIndexRow[]; w: AgeWeights; row: PopulationRow } | { missing: string } {
  const row = populationRow(ds, region, year);
  if ('missing' in row) return row;
  const nat = populationRow(ds, LANDET, year);
  if ('missing' in nat) return nat;
  const w = ageWeights(ds, year);
  if ('missing' in w) return w;
  const rows: AgeIndexRow[] = [];
  for (const c of AGE_CRITERIA) {
    const count = sumAges(row.ages, c.group);
    const natCount = sumAges(nat.ages, c.group);
    const index = ageKriterieindeks(count, row.total, natCount, nat.total);
    if (index === undefined) return { missing: `kriterieindeksen for ${c.group.label} kan ikke regnes for ${name(ds, region)} ${year}` };
    rows.push({ id: c.id, group: c.group, share: (count / row.total) * 100, nationalShare: (natCount / nat.total) * 100, index, weight: w.weights.get(c.id) as number });
  }
  return { rows, w, row };
}

function agePart(ds: Dataset, region: string, year: number): RegionFigure | { missing: string } {
  const a = ageIndices(ds, region, year);
  if ('missing' in a) return a;
  const p = agePartOfBehovsindeks(a.rows.map((r) => ({ id: r.id, range: r.group, weight: r.weight, index: r.index })));
  return { value: p.relative, source: [a.row.provenance.source, ...a.w.sources], inputs: [INPUT, 'kostnadsnokkel'] };
}

function demographic(ds: Dataset, region: string, year: number, from: number | { missing: string } = periodStart(ds, region, year)) {
  if (typeof from !== 'number') return from;
  const a = populationRow(ds, region, from);
  if ('missing' in a) return a;
  const b = populationRow(ds, region, year);
  if ('missing' in b) return b;
  const w = ageWeights(ds, year);
  if ('missing' in w) return w;
  if (AGE_CRITERIA.some((c) => !w.enhetsbelop.has(c.id))) return { missing: `kostnadsnøkkelen ${w.year} har ikke tall for landet å regne enhetsbeløp av` };
  const cost = demographicCost(AGE_CRITERIA.map((c) => ({ id: c.id, from: sumAges(a.ages, c.group), to: sumAges(b.ages, c.group), enhetsbelop: w.enhetsbelop.get(c.id) as number })));
  return { cost, a, b, w };
}

// ---------------------------------------------------------------- headline figures with rank and landet

const RANKED: RankedFigureDef[] = [
  {
    id: 'befolkning.innbyggere',
    label: 'Innbyggere 1. januar',
    unit: 'antall',
    decimals: 0,
    inputs: [INPUT],
    formula: 'folkemengden 1. januar (SSB 07459)',
    read: (ds, r, y) => fromRow(ds, r, y, (row) => row.total),
  },
  {
    id: 'befolkning.vekst_pct',
    label: `Befolkningsvekst siste ${PERIOD_YEARS} år`,
    unit: '%',
    decimals: 1,
    inputs: [INPUT],
    formula: `(folkemengde 1.1. året − folkemengde 1.1. ${PERIOD_YEARS} år før) / folkemengde ${PERIOD_YEARS} år før × 100`,
    read: (ds, r, y) => fromPeriod(ds, r, y, (a, b) => changePct(a.total, b.total), true),
  },
  ...POPULATION_GROUPS.map(
    (g): RankedFigureDef => ({
      id: `befolkning.andel_${g.key}`,
      label: `Andel ${g.label}`,
      unit: '%',
      decimals: 1,
      inputs: [INPUT],
      formula: `innbyggere ${g.label} / folkemengde × 100, ${JAN_NOTE}`,
      read: (ds, r, y) => fromRow(ds, r, y, (row) => sharePct(sumAges(row.ages, g), row.total)),
    }),
  ),
  {
    id: 'befolkning.alderbaereevne',
    label: 'Alderbæreevne',
    unit: 'forhold',
    decimals: 2,
    inputs: [INPUT],
    formula: 'innbyggere 16–66 år / innbyggere 67 år og eldre, 1. januar',
    read: (ds, r, y) => fromRow(ds, r, y, (row) => alderbaereevneOf(row.ages)),
  },
  {
    id: 'befolkning.aldersindeks',
    label: 'Aldersdelen av behovsindeksen',
    unit: 'indeks',
    decimals: 4,
    inputs: [INPUT, 'kostnadsnokkel'],
    formula: `Σ vekt × kriterieindeks over de åtte alderskriteriene / Σ vekt (1 = landsgjennomsnittet); kriterieindeks = (andel i gruppen i kommunen) / (andel i landet), ${JAN_NOTE}; vekter fra den siste kostnadsnøkkelen i dataene`,
    read: agePart,
  },
  {
    id: 'befolkning.demografikostnad_per_innb',
    label: `Endring i aldersbestemt utgiftsbehov siste ${PERIOD_YEARS} år per innbygger`,
    unit: 'kr per innb',
    decimals: 0,
    inputs: [INPUT, 'kostnadsnokkel'],
    formula: `Σ over aldersgruppene (innbyggere 1.1. året − innbyggere 1.1. ${PERIOD_YEARS} år før) × enhetsbeløp / innbyggere 1.1. året`,
    read(ds, r, y) {
      const d = demographic(ds, r, y, y - PERIOD_YEARS);
      if ('missing' in d) return d;
      return { value: d.cost.total / d.b.total, source: [d.b.provenance.source, ...d.w.sources], inputs: [INPUT, 'kostnadsnokkel'] };
    },
  },
];

// ---------------------------------------------------------------- counts and changes per group (no rank)

function scalar(id: string, label: string, unit: string, decimals: number, formula: string, read: (ds: Dataset, region: string, year: number) => RegionFigure | { missing: string }): MetricDef {
  return {
    id,
    label,
    unit,
    kind: 'scalar',
    inputs: [INPUT],
    formula,
    compute: (ctx) => {
      const r = read(ctx.dataset, ctx.kommune, ctx.year);
      return 'missing' in r ? r : { value: r.value, decimals, source: r.source, inputs: r.inputs };
    },
  };
}

/** A scalar whose value is text (a year as "2016", not "2 016"). */
function text(id: string, label: string, formula: string, read: (ds: Dataset, region: string, year: number) => { value: string; source: string[]; inputs: string[] } | { missing: string }): MetricDef {
  return { id, label, unit: 'tekst', kind: 'scalar', inputs: [INPUT], formula, compute: (ctx) => read(ctx.dataset, ctx.kommune, ctx.year) };
}

const GROUP_SCALARS: MetricDef[] = POPULATION_GROUPS.flatMap((g) => [
  scalar(`befolkning.antall_${g.key}`, `Innbyggere ${g.label}`, 'antall', 0, `innbyggere ${g.label} 1. januar`, (ds, r, y) => fromRow(ds, r, y, (row) => sumAges(row.ages, g))),
  scalar(`befolkning.endring_${g.key}`, `Endring i antall ${g.label} i perioden`, 'antall', 0, `innbyggere ${g.label} 1.1. året − ${PERIOD_YEARS} år før`, (ds, r, y) => fromPeriod(ds, r, y, (a, b) => sumAges(b.ages, g) - sumAges(a.ages, g))),
  scalar(`befolkning.endring_${g.key}_pct`, `Endring i antall ${g.label} i perioden, prosent`, '%', 1, `(innbyggere ${g.label} 1.1. året − ${PERIOD_YEARS} år før) / ${PERIOD_YEARS} år før × 100`, (ds, r, y) =>
    fromPeriod(ds, r, y, (a, b) => changePct(sumAges(a.ages, g), sumAges(b.ages, g))),
  ),
]);

const OTHER_SCALARS: MetricDef[] = [
  scalar('befolkning.endring', `Endring i folketallet i perioden (${PERIOD_YEARS} år, eller fra første år med tall)`, 'antall', 0, `folkemengde 1.1. året − folkemengde 1.1. ${PERIOD_YEARS} år før`, (ds, r, y) => fromPeriod(ds, r, y, (a, b) => b.total - a.total)),
  scalar('befolkning.endring_pct', 'Endring i folketallet i perioden, prosent', '%', 1, '(folkemengde 1.1. året − folkemengde 1.1. periodens første år) / folkemengde periodens første år × 100', (ds, r, y) => fromPeriod(ds, r, y, (a, b) => changePct(a.total, b.total))),
  scalar('befolkning.endring_pct_landet', 'Endring i folketallet i landet i samme periode, prosent', '%', 1, 'som befolkning.endring_pct, for hele landet over kommunens periode', (ds, r, y) => {
    const start = periodStart(ds, r, y);
    if (typeof start !== 'number') return start;
    const a = populationRow(ds, LANDET, start);
    if ('missing' in a) return a;
    return fromRow(ds, LANDET, y, (b) => changePct(a.total, b.total));
  }),
  scalar('befolkning.endring_1ar', 'Endring i folketallet siste år', 'antall', 0, 'folkemengde 1.1. året − folkemengde 1.1. året før', (ds, r, y) => {
    const a = populationRow(ds, r, y - 1);
    if ('missing' in a) return a;
    return fromRow(ds, r, y, (b) => b.total - a.total);
  }),
  text('befolkning.startaar', 'Første år i perioden', `året ${PERIOD_YEARS} år før (eller det første året med tall, for kommuner med nye grenser)`, (ds, r, y) => {
    const start = periodStart(ds, r, y);
    if (typeof start !== 'number') return start;
    const a = populationRow(ds, r, start) as PopulationRow;
    return { value: String(start), source: [a.provenance.source], inputs: [INPUT] };
  }),
  scalar('befolkning.demografikostnad', `Endring i aldersbestemt utgiftsbehov i perioden (${PERIOD_YEARS} år, eller fra første år med tall)`, 'kr', 0, `Σ over aldersgruppene (innbyggere 1.1. året − innbyggere 1.1. periodens første år) × enhetsbeløp`, (ds, r, y) => {
    const d = demographic(ds, r, y);
    return 'missing' in d ? d : { value: d.cost.total, source: [d.b.provenance.source, ...d.w.sources], inputs: [INPUT, 'kostnadsnokkel'] };
  }),
  text('befolkning.kostnadsnokkel_aar', 'Kostnadsnøkkelen vekter og enhetsbeløp er fra', 'den siste kostnadsnøkkelen i dataene, til og med året', (ds, _r, y) => {
    const w = ageWeights(ds, y);
    return 'missing' in w ? w : { value: String(w.year), source: w.sources, inputs: ['kostnadsnokkel'] };
  }),
];

// ---------------------------------------------------------------- tables

function ageGroupTable(ctx: MetricContext): ComputeResult {
  const { dataset: ds, kommune, year } = ctx;
  const b = populationRow(ds, kommune, year);
  if ('missing' in b) return b;
  const start = periodStart(ds, kommune, year);
  if (typeof start !== 'number') return start;
  const a = populationRow(ds, kommune, start) as PopulationRow;
  const nat = populationRow(ds, LANDET, year);
  const rows: TableData['rows'] = POPULATION_GROUPS.map((g) => {
    const from = sumAges(a.ages, g);
    const to = sumAges(b.ages, g);
    return {
      gruppe: g.label,
      fra: from,
      til: to,
      endring: to - from,
      endring_pct: changePct(from, to) ?? null,
      andel: sharePct(to, b.total) ?? null,
      landet: 'missing' in nat ? null : sharePct(sumAges(nat.ages, g), nat.total) ?? null,
    };
  });
  rows.push({ gruppe: 'Folkemengde', fra: a.total, til: b.total, endring: b.total - a.total, endring_pct: changePct(a.total, b.total) ?? null, andel: 100, landet: 100 });
  return {
    table: {
      columns: [
        { key: 'gruppe', label: 'Aldersgruppe' },
        { key: 'fra', label: `1.1.${start}`, unit: 'antall', decimals: 0 },
        { key: 'til', label: `1.1.${year}`, unit: 'antall', decimals: 0 },
        { key: 'endring', label: 'Endring', unit: 'antall', decimals: 0 },
        { key: 'endring_pct', label: 'Endring %', unit: '%', decimals: 1 },
        { key: 'andel', label: `Andel ${year}`, unit: '%', decimals: 1 },
        { key: 'landet', label: `Landet ${year}`, unit: '%', decimals: 1 },
      ],
      rows,
      totalRows: [rows.length - 1],
    },
    source: [b.provenance.source],
    inputs: [INPUT],
  };
}

function criteriaTable(ctx: MetricContext): ComputeResult {
  const a = ageIndices(ctx.dataset, ctx.kommune, ctx.year);
  if ('missing' in a) return a;
  const rows: TableData['rows'] = a.rows.map((r) => ({ gruppe: r.group.label, andel: r.share, landet: r.nationalShare, indeks: r.index, vekt: r.weight, bidrag: r.weight * r.index, utslag: r.weight * (r.index - 1) * 100 }));
  const p = agePartOfBehovsindeks(a.rows.map((r) => ({ id: r.id, range: r.group, weight: r.weight, index: r.index })));
  rows.push({ gruppe: 'Alderskriteriene samlet', andel: null, landet: null, indeks: p.relative, vekt: p.weight, bidrag: p.part, utslag: (p.part - p.weight) * 100 });
  return {
    table: {
      columns: [
        { key: 'gruppe', label: 'Alderskriterium' },
        { key: 'andel', label: `Andel ${ctx.dataset.regionName(ctx.kommune)}`, unit: '%', decimals: 2 },
        { key: 'landet', label: 'Andel landet', unit: '%', decimals: 2 },
        { key: 'indeks', label: 'Kriterieindeks', unit: 'indeks', decimals: 4 },
        { key: 'vekt', label: `Vekt (${a.w.year})`, unit: 'vekt', decimals: 4 },
        { key: 'bidrag', label: 'Vekt × indeks', unit: 'indeks', decimals: 4 },
        { key: 'utslag', label: 'Utslag (% av utgiftsbehovet)', unit: '%', decimals: 2 },
      ],
      rows,
      totalRows: [rows.length - 1],
    },
    source: [a.row.provenance.source, ...a.w.sources],
    inputs: [INPUT, 'kostnadsnokkel'],
  };
}

function demographicTable(ctx: MetricContext): ComputeResult {
  const d = demographic(ctx.dataset, ctx.kommune, ctx.year);
  if ('missing' in d) return d;
  const rows: TableData['rows'] = d.cost.rows.map((r, i) => ({ gruppe: AGE_CRITERIA[i].group.label, fra: r.from, til: r.to, endring: r.change, enhetsbelop: r.enhetsbelop, behov: r.cost / 1000 }));
  rows.push({ gruppe: 'Sum', fra: null, til: null, endring: d.cost.rows.reduce((s, r) => s + r.change, 0), enhetsbelop: null, behov: d.cost.total / 1000 });
  const y0 = d.a.year;
  return {
    table: {
      columns: [
        { key: 'gruppe', label: 'Aldersgruppe' },
        { key: 'fra', label: `1.1.${y0}`, unit: 'antall', decimals: 0 },
        { key: 'til', label: `1.1.${ctx.year}`, unit: 'antall', decimals: 0 },
        { key: 'endring', label: 'Endring', unit: 'antall', decimals: 0 },
        { key: 'enhetsbelop', label: `Enhetsbeløp ${d.w.year} (kr)`, unit: 'kr', decimals: 0 },
        { key: 'behov', label: 'Endring i utgiftsbehov (1000 kr)', unit: '1000 kr', decimals: 0 },
      ],
      rows,
      totalRows: [rows.length - 1],
    },
    source: [d.b.provenance.source, ...d.w.sources],
    inputs: [INPUT, 'kostnadsnokkel'],
  };
}

const COMPARISON_COLUMNS: { key: string; label: string; unit: string; decimals: number; id: string }[] = [
  { key: 'innbyggere', label: 'Innbyggere', unit: 'antall', decimals: 0, id: 'befolkning.innbyggere' },
  { key: 'vekst', label: `Vekst ${PERIOD_YEARS} år %`, unit: '%', decimals: 1, id: 'befolkning.vekst_pct' },
  { key: 'a67', label: 'Andel 67+', unit: '%', decimals: 1, id: 'befolkning.andel_67_pluss' },
  { key: 'a80', label: 'Andel 80+', unit: '%', decimals: 1, id: 'befolkning.andel_80_pluss' },
  { key: 'abe', label: 'Alderbæreevne', unit: 'forhold', decimals: 2, id: 'befolkning.alderbaereevne' },
  { key: 'aldersindeks', label: 'Aldersindeks', unit: 'indeks', decimals: 3, id: 'befolkning.aldersindeks' },
];

function comparisonTable(ctx: MetricContext): ComputeResult {
  const { dataset: ds, kommune, refs, year } = ctx;
  const own = RANKED[0].read(ds, kommune, year);
  if ('missing' in own) return own;
  const sources = new Set<string>();
  const rows: TableData['rows'] = [...[kommune, ...refs].filter((r) => r !== LANDET), LANDET].map((region) => {
    const row: Record<string, string | number | null> = { region: region === LANDET ? 'Landet' : ds.regionName(region) };
    for (const c of COMPARISON_COLUMNS) {
      const def = RANKED.find((d) => d.id === c.id) as RankedFigureDef;
      const f = def.read(ds, region, year);
      row[c.key] = 'missing' in f ? null : f.value;
      if (!('missing' in f)) f.source.forEach((s) => sources.add(s));
    }
    return row;
  });
  return {
    table: { columns: [{ key: 'region', label: 'Region' }, ...COMPARISON_COLUMNS.map(({ key, label, unit, decimals }) => ({ key, label, unit, decimals }))], rows },
    source: [...sources],
    inputs: [INPUT, 'kostnadsnokkel'],
  };
}

// ---------------------------------------------------------------- series

function yearsUpTo(ds: Dataset, region: string, year: number): number[] {
  return ds.population.years(region).filter((y) => y <= year);
}

function developmentSeries(ctx: MetricContext): ComputeResult {
  const { dataset: ds, kommune, year } = ctx;
  const years = yearsUpTo(ds, kommune, year);
  if (!years.includes(year)) return populationRow(ds, kommune, year) as { missing: string };
  const rows = years.map((y) => ds.population.row(kommune, y) as PopulationRow);
  return { series: { categories: years, series: [{ name: ds.regionName(kommune), values: rows.map((r) => r.total) }] }, source: [rows[rows.length - 1].provenance.source], inputs: [INPUT] };
}

function indexedSeries(ctx: MetricContext): ComputeResult {
  const { dataset: ds, kommune, refs, year } = ctx;
  const base = periodStart(ds, kommune, year);
  if (typeof base !== 'number') return base;
  const own = populationRow(ds, kommune, base) as PopulationRow;
  const categories = Array.from({ length: year - base + 1 }, (_, i) => base + i);
  const series = [kommune, ...refs.filter((r) => r !== LANDET), LANDET].flatMap((region) => {
    const b = ds.population.row(region, base);
    if (!b) return [];
    return [{ name: region === LANDET ? 'Landet' : ds.regionName(region), values: categories.map((y) => {
      const r = ds.population.row(region, y);
      return r ? (r.total / b.total) * 100 : null;
    }) }];
  });
  return { series: { categories, series }, source: [own.provenance.source], inputs: [INPUT] };
}

function elderlySeries(ctx: MetricContext): ComputeResult {
  const { dataset: ds, kommune, year } = ctx;
  const years = yearsUpTo(ds, kommune, year);
  if (!years.includes(year)) return populationRow(ds, kommune, year) as { missing: string };
  const share = (region: string, range: AgeRange) =>
    years.map((y) => {
      const r = ds.population.row(region, y);
      return r ? sharePct(sumAges(r.ages, range), r.total) ?? null : null;
    });
  const n = ds.regionName(kommune);
  return {
    series: {
      categories: years,
      series: [
        { name: `${n} 67 år og eldre`, values: share(kommune, { from: 67, to: null }) },
        { name: 'Landet 67 år og eldre', values: share(LANDET, { from: 67, to: null }) },
        { name: `${n} 80 år og eldre`, values: share(kommune, { from: 80, to: null }) },
        { name: 'Landet 80 år og eldre', values: share(LANDET, { from: 80, to: null }) },
      ],
    },
    source: [(ds.population.row(kommune, year) as PopulationRow).provenance.source],
    inputs: [INPUT],
  };
}

function bandLabel(r: AgeRange): string {
  return r.to === null ? `${r.from}+` : `${r.from}–${r.to}`;
}

function structureSeries(ctx: MetricContext, against: 'then' | 'landet'): ComputeResult {
  const { dataset: ds, kommune, year } = ctx;
  const now = populationRow(ds, kommune, year);
  if ('missing' in now) return now;
  const start = periodStart(ds, kommune, year);
  if (typeof start !== 'number') return start;
  const other = against === 'then' ? populationRow(ds, kommune, start) : populationRow(ds, LANDET, year);
  if ('missing' in other) return other;
  const shares = (r: PopulationRow) => FIVE_YEAR_BANDS.map((b) => sharePct(sumAges(r.ages, b), r.total) ?? null);
  const counts = (r: PopulationRow) => FIVE_YEAR_BANDS.map((b) => sumAges(r.ages, b));
  const categories = FIVE_YEAR_BANDS.map(bandLabel);
  const series =
    against === 'then'
      ? [
          { name: `1.1.${start}`, values: counts(other) },
          { name: `1.1.${year}`, values: counts(now) },
        ]
      : [
          { name: ds.regionName(kommune), values: shares(now) },
          { name: 'Landet', values: shares(other) },
        ];
  return { series: { categories, series }, source: [now.provenance.source], inputs: [INPUT] };
}

function alderbaereevneSeries(ctx: MetricContext): ComputeResult {
  const { dataset: ds, kommune, year } = ctx;
  const years = yearsUpTo(ds, kommune, year);
  if (!years.includes(year)) return populationRow(ds, kommune, year) as { missing: string };
  const values = (region: string) =>
    years.map((y) => {
      const r = ds.population.row(region, y);
      return r ? alderbaereevneOf(r.ages) ?? null : null;
    });
  return {
    series: { categories: years, series: [{ name: ds.regionName(kommune), values: values(kommune) }, { name: 'Landet', values: values(LANDET) }] },
    source: [(ds.population.row(kommune, year) as PopulationRow).provenance.source],
    inputs: [INPUT],
  };
}

/** Year-by-year change in age-driven utgiftsbehov (1000 kr) over the period, stacked by age group. */
function demographicSeries(ctx: MetricContext): ComputeResult {
  const { dataset: ds, kommune, year } = ctx;
  const start = periodStart(ds, kommune, year);
  if (typeof start !== 'number') return start;
  const years = Array.from({ length: year - start }, (_, i) => start + 1 + i);
  const perYear = years.map((y) => demographic(ds, kommune, y, y - 1));
  const first = perYear.find((p) => !('missing' in p));
  if (!first || 'missing' in first) return perYear[perYear.length - 1] as { missing: string };
  const last = perYear[perYear.length - 1];
  if ('missing' in last) return last;
  // every year at the deck year's enhetsbeløp
  const enh = last.w.enhetsbelop;
  return {
    series: {
      categories: years,
      series: AGE_CRITERIA.map((c) => ({
        name: c.group.label,
        values: years.map((y) => {
          const a = ds.population.row(kommune, y - 1);
          const b = ds.population.row(kommune, y);
          return a && b ? ((sumAges(b.ages, c.group) - sumAges(a.ages, c.group)) * (enh.get(c.id) as number)) / 1000 : null;
        }),
      })),
    },
    source: [last.b.provenance.source, ...last.w.sources],
    inputs: [INPUT, 'kostnadsnokkel'],
  };
}

function rankTable(ctx: MetricContext, metrics: readonly MetricDef[]): ComputeResult {
  const shown = ['befolkning.innbyggere', 'befolkning.vekst_pct', 'befolkning.andel_0_1', 'befolkning.andel_6_15', 'befolkning.andel_67_pluss', 'befolkning.andel_80_pluss', 'befolkning.alderbaereevne', 'befolkning.aldersindeks', 'befolkning.demografikostnad_per_innb'];
  const byId = new Map(metrics.map((m) => [m.id, m]));
  const rows: TableData['rows'] = [];
  const sources = new Set<string>();
  for (const id of shown) {
    const def = RANKED.find((d) => d.id === id) as RankedFigureDef;
    const v = (byId.get(id) as MetricDef).compute(ctx);
    if ('missing' in v) continue;
    const rank = (byId.get(`${id}_rang`) as MetricDef).compute(ctx);
    const of = (byId.get(`${id}_rang_av`) as MetricDef).compute(ctx);
    const landet = (byId.get(`${id}_landet`) as MetricDef).compute(ctx);
    (v.source ?? []).forEach((s) => sources.add(s));
    // each row has its own unit and decimals: the cells are formatted here
    const fmt = (x: ComputeResult) => ('value' in x && typeof x.value === 'number' ? num(x.value, def.decimals) : '–');
    rows.push({ figur: def.label + (def.unit === '%' ? ' (%)' : def.unit === 'kr per innb' ? ' (kr)' : ''), verdi: fmt(v), landet: fmt(landet), rang: 'value' in rank && 'value' in of ? `nr ${rank.value} av ${of.value}` : '–' });
  }
  if (rows.length === 0) return populationRow(ctx.dataset, ctx.kommune, ctx.year) as { missing: string };
  return {
    table: {
      columns: [
        { key: 'figur', label: `Nøkkeltall 1.1.${ctx.year}` },
        // unit '' right-aligns the pre-formatted numbers without a unit in the header (each row has its own)
        { key: 'verdi', label: ctx.dataset.regionName(ctx.kommune), unit: '' },
        { key: 'landet', label: 'Landet', unit: '' },
        { key: 'rang', label: 'Plass (1 = høyest)', unit: '' },
      ],
      rows,
    },
    source: [...sources],
    inputs: [INPUT, 'kostnadsnokkel'],
  };
}

function series(id: string, label: string, unit: string, formula: string, compute: (ctx: MetricContext) => ComputeResult): MetricDef {
  return { id, label, unit, kind: 'series', inputs: [INPUT], formula, compute };
}
function table(id: string, label: string, unit: string, formula: string, compute: (ctx: MetricContext) => ComputeResult): MetricDef {
  return { id, label, unit, kind: 'table', inputs: [INPUT, 'kostnadsnokkel'], formula, compute };
}

const RANKED_DEFS: MetricDef[] = RANKED.flatMap(rankedMetrics);

export const BEFOLKNING_METRICS: MetricDef[] = [
  ...RANKED_DEFS,
  ...OTHER_SCALARS,
  ...GROUP_SCALARS,
  table('befolkning.aldersgrupper', 'Innbyggere per aldersgruppe, da og nå', 'antall', `antall 1.1. ${PERIOD_YEARS} år før og 1.1. året, endring, andel, og andelen i landet`, ageGroupTable),
  table('befolkning.kriterieindeks', 'Alderskriteriene i utgiftsutjevningen', 'indeks', `kriterieindeks = andel i kommunen / andel i landet; bidrag = vekt × indeks; utslag = vekt × (indeks − 1), ${JAN_NOTE}`, criteriaTable),
  table('befolkning.demografikostnad_tabell', 'Endring i aldersbestemt utgiftsbehov per aldersgruppe', '1000 kr', `(innbyggere 1.1. året − ${PERIOD_YEARS} år før) × enhetsbeløp i kostnadsnøkkelen, per aldersgruppe`, demographicTable),
  table('befolkning.sammenligning', 'Befolkningen sammenlignet med referansekommunene og landet', 'blandet', 'nøkkeltall fra folkemengden 1. januar for kommunen, referansene og landet', comparisonTable),
  table('befolkning.rangering', 'Kommunens plass blant alle kommuner', 'blandet', 'verdi, verdi for landet og plass blant kommunene (1 = høyest) for hvert nøkkeltall', (ctx) => rankTable(ctx, RANKED_DEFS)),
  series('befolkning.utvikling', 'Folkemengde 1. januar', 'antall', 'folkemengden 1. januar hvert år (SSB 07459)', developmentSeries),
  series('befolkning.utvikling_indeks', `Befolkningsutvikling, indeks (periodens første år = 100)`, 'indeks', `folkemengde 1.1. / folkemengde 1.1. ${PERIOD_YEARS} år før × 100, for kommunen, referansene og landet`, indexedSeries),
  series('befolkning.andel_eldre_serie', 'Andel 67 år og eldre og 80 år og eldre', '%', 'innbyggere 67+ og 80+ / folkemengde × 100 per år, kommunen og landet', elderlySeries),
  series('befolkning.aldersstruktur', 'Aldersstruktur da og nå', 'antall', `innbyggere i femårsgrupper 1.1. ${PERIOD_YEARS} år før og 1.1. året`, (ctx) => structureSeries(ctx, 'then')),
  series('befolkning.aldersstruktur_landet', 'Aldersstruktur sammenlignet med landet', '%', 'andel av folkemengden i femårsgrupper, kommunen og landet', (ctx) => structureSeries(ctx, 'landet')),
  series('befolkning.alderbaereevne_serie', 'Alderbæreevne over tid', 'forhold', 'innbyggere 16–66 år / innbyggere 67 år og eldre per år, kommunen og landet', alderbaereevneSeries),
  series('befolkning.demografikostnad_serie', 'Årlig endring i aldersbestemt utgiftsbehov', '1000 kr', '(innbyggere 1.1. året − 1.1. året før) × enhetsbeløp, per aldersgruppe og år', demographicSeries),
];
