/**
 * Demographic cost (DOMAIN.md §4): the change in a kommune's expenditure need that follows from changes in its
 * population by age, valued at national cost per inhabitant of each age group in each sector, in fixed kroner:
 *
 *   Δneed_sector,t = Σ_age (pop_age,t − pop_age,t−1) × unit_cost_age,sector
 *
 * summed per sector and year and over planning horizons. Pure functions over typed inputs.
 */
import { AgeRange, YearPopulation, countInRange, rangeLabel } from './demografi';

/** National cost per inhabitant of one age range in one sector (kr per innbygger, fixed kroner). */
export interface UnitCost {
  sector: string;
  range: AgeRange;
  krPerInhabitant: number;
}

export interface NeedChangeRow {
  year: number;
  /** change in kr per sector, in the order of `sectors` */
  bySector: number[];
  total: number;
}

export interface NeedChangeResult {
  sectors: string[];
  rows: NeedChangeRow[];
}

/** Thrown-free error report: which count was missing. */
export interface NeedChangeProblem {
  year: number;
  range: AgeRange;
}

/** Sectors in first-seen order of the unit-cost rows. */
export function sectorsOf(costs: readonly UnitCost[]): string[] {
  const seen: string[] = [];
  for (const c of costs) if (!seen.includes(c.sector)) seen.push(c.sector);
  return seen;
}

/**
 * Change in expenditure need from `prev` to `cur` (one year step), per sector, in kr.
 * Returns a problem instead when a count for an age range of the cost table is missing.
 */
export function needChange(prev: YearPopulation, cur: YearPopulation, costs: readonly UnitCost[]): { bySector: Map<string, number> } | { problem: NeedChangeProblem } {
  const bySector = new Map<string, number>(sectorsOf(costs).map((s) => [s, 0]));
  for (const c of costs) {
    const a = countInRange(prev, c.range);
    if (a === undefined) return { problem: { year: prev.year, range: c.range } };
    const b = countInRange(cur, c.range);
    if (b === undefined) return { problem: { year: cur.year, range: c.range } };
    bySector.set(c.sector, (bySector.get(c.sector) ?? 0) + (b - a) * c.krPerInhabitant);
  }
  return { bySector };
}

/**
 * Year-by-year change in need for the years `fromYear`..`toYear` (each against the year before). Every year
 * from fromYear − 1 to toYear must be in `pops`; otherwise a problem names the first missing year or age range.
 */
export function needChangeSeries(
  pops: readonly YearPopulation[],
  costs: readonly UnitCost[],
  fromYear: number,
  toYear: number,
): NeedChangeResult | { problem: NeedChangeProblem | { year: number; range?: undefined } } {
  const byYear = new Map(pops.map((p) => [p.year, p]));
  const sectors = sectorsOf(costs);
  const rows: NeedChangeRow[] = [];
  for (let y = fromYear; y <= toYear; y++) {
    const prev = byYear.get(y - 1);
    const cur = byYear.get(y);
    if (!prev) return { problem: { year: y - 1 } };
    if (!cur) return { problem: { year: y } };
    const r = needChange(prev, cur, costs);
    if ('problem' in r) return r;
    const bySector = sectors.map((s) => r.bySector.get(s) ?? 0);
    rows.push({ year: y, bySector, total: bySector.reduce((s, v) => s + v, 0) });
  }
  return { sectors, rows };
}

export function describeProblem(p: { year: number; range?: AgeRange }): string {
  return p.range ? `mangler folketall for ${rangeLabel(p.range)} i ${p.year}` : `mangler folketall for ${p.year}`;
}

/** A per-year table of changes (published or computed): one value per sector and year. */
export interface SectorYearTable {
  sectors: string[];
  rows: { year: number; values: number[] }[];
}

export type HorizonKey = 'budsjett' | 'okonomiplan' | 'kommuneplan';

export interface HorizonDef {
  key: HorizonKey;
  label: string;
  /** last year of the horizon, counted from the first year of the table (0 = the first year itself) */
  endOffset: number;
}

/**
 * Planning horizons. Each sum is the cumulative change from the table's base (1.1. of the year before its first
 * row) up to the horizon's last year: the budget year (first row), the økonomiplan's last year (the four plan years
 * after the budget year) and the kommuneplan's last year (ten years in all). This is how the 000 deck marks them
 * ("Budsjett 2023, Økonomiplan 2027, Kommuneplan 2032") and what its PLO, grunnskole and barnehage slides sum.
 */
export const HORIZONS: readonly HorizonDef[] = [
  { key: 'budsjett', label: 'Budsjett', endOffset: 0 },
  { key: 'okonomiplan', label: 'Økonomiplan', endOffset: 4 },
  { key: 'kommuneplan', label: 'Kommuneplan', endOffset: 9 },
];

export interface HorizonSum {
  key: HorizonKey;
  label: string;
  from: number;
  to: number;
  /** per sector, in the order of the table's sectors */
  bySector: number[];
  total: number;
  /** false when some year of the horizon is missing from the table (the sum covers fewer years) */
  complete: boolean;
}

/** Sum of a sector-year table over the years from..to (inclusive). */
export function sumYears(table: SectorYearTable, from: number, to: number): { bySector: number[]; total: number; years: number } {
  const bySector = table.sectors.map(() => 0);
  let years = 0;
  for (const r of table.rows) {
    if (r.year < from || r.year > to) continue;
    years++;
    r.values.forEach((v, i) => (bySector[i] += v));
  }
  return { bySector, total: bySector.reduce((s, v) => s + v, 0), years };
}

/** Row totals (the SUM column): Σ sectors per year. */
export function rowTotals(table: SectorYearTable): { year: number; total: number }[] {
  return table.rows.map((r) => ({ year: r.year, total: r.values.reduce((s, v) => s + v, 0) }));
}

/** Sums over the planning horizons, starting at `firstYear` (default: the table's first year). */
export function horizonSums(table: SectorYearTable, firstYear?: number, horizons: readonly HorizonDef[] = HORIZONS): HorizonSum[] {
  if (table.rows.length === 0) return [];
  const first = firstYear ?? Math.min(...table.rows.map((r) => r.year));
  return horizons.map((h) => {
    const to = first + h.endOffset;
    const s = sumYears(table, first, to);
    return { key: h.key, label: h.label, from: first, to, bySector: s.bySector, total: s.total, complete: s.years === h.endOffset + 1 };
  });
}

/** A computed need-change result as a sector-year table in 1000 kr (the unit the sources print). */
export function toThousands(result: NeedChangeResult): SectorYearTable {
  return { sectors: result.sectors, rows: result.rows.map((r) => ({ year: r.year, values: r.bySector.map((v) => v / 1000) })) };
}
