/**
 * Population and demography (DOMAIN.md §3): age groups of the kostnadsnøkkel, shares over years, ratios between
 * groups (arbeidsstyrke per behov, alderbæreevne), service-demand projections with today's spending and home-care
 * need from age-specific rates. Pure functions over typed inputs: no Dataset, no I/O.
 */

/** An age range in whole years, both ends inclusive; `to: null` means "and older". */
export interface AgeRange {
  from: number;
  to: number | null;
}

export interface AgeGroup extends AgeRange {
  /** key used in variable ids, e.g. `6_15`, `90_pluss` */
  key: string;
  /** bokmål label, e.g. "6–15 år" */
  label: string;
}

function group(key: string, label: string, from: number, to: number | null): AgeGroup {
  return { key, label, from, to };
}

/** The age groups of the kostnadsnøkkel (the nine age criteria minus the total). */
export const KOSTNADSNOKKEL_GROUPS: readonly AgeGroup[] = [
  group('0_1', '0–1 år', 0, 1),
  group('2_5', '2–5 år', 2, 5),
  group('6_15', '6–15 år', 6, 15),
  group('16_22', '16–22 år', 16, 22),
  group('23_66', '23–66 år', 23, 66),
  group('67_79', '67–79 år', 67, 79),
  group('80_89', '80–89 år', 80, 89),
  group('90_pluss', '90 år og eldre', 90, null),
];

/** The groups of 003 Tabell 2.2: the kostnadsnøkkel groups with everyone 67 and older in one group. */
export const SHARE_GROUPS: readonly AgeGroup[] = [...KOSTNADSNOKKEL_GROUPS.slice(0, 5), group('67_pluss', '67 år og eldre', 67, null)];

/** Coarser totals a data set may give instead of (or besides) the groups. */
export const TOTAL_GROUPS: readonly AgeGroup[] = [group('16_66', '16–66 år', 16, 66), group('67_pluss', '67 år og eldre', 67, null)];

export const RANGE_16_66: AgeRange = { from: 16, to: 66 };
export const RANGE_23_66: AgeRange = { from: 23, to: 66 };
export const RANGE_6_15: AgeRange = { from: 6, to: 15 };
export const RANGE_67_PLUSS: AgeRange = { from: 67, to: null };
export const RANGE_ALL: AgeRange = { from: 0, to: null };

export function rangeLabel(r: AgeRange): string {
  return r.to === null ? `${r.from} år og eldre` : `${r.from}–${r.to} år`;
}

/**
 * The population of one region in one year by age. Any mix of one-year ages, age-group counts and a total;
 * counts are looked up from the finest data that covers the asked range exactly.
 */
export interface YearPopulation {
  year: number;
  /** one-year ages: age -> persons. If `openAge` is set, that age's count includes everyone older. */
  ages?: ReadonlyMap<number, number>;
  openAge?: number;
  /** counts for age ranges (kostnadsnøkkel groups, 16–66, 67+, ...); ranges may overlap. */
  groups?: readonly { range: AgeRange; count: number }[];
  /** everyone; when absent it is the count of 0 år og eldre, if that can be found */
  total?: number;
  /** true when the counts were derived from published (rounded) shares × total */
  derived?: boolean;
}

/** Persons in an age range, or undefined when the data does not cover the range exactly. */
export function countInRange(pop: YearPopulation, range: AgeRange): number | undefined {
  if (range.from === 0 && range.to === null && pop.total !== undefined) return pop.total;
  const fromAges = pop.ages && pop.ages.size > 0 ? countFromAges(pop.ages, pop.openAge, range) : undefined;
  if (fromAges !== undefined) return fromAges;
  if (pop.groups && pop.groups.length > 0) return countFromGroups(pop.groups, range);
  return undefined;
}

function countFromAges(ages: ReadonlyMap<number, number>, openAge: number | undefined, range: AgeRange): number | undefined {
  const maxAge = openAge ?? Math.max(...ages.keys());
  if (range.from > maxAge) return undefined;
  // the open-ended bucket may only be summed when the range is open-ended too
  const last = range.to === null ? maxAge : Math.min(range.to, maxAge);
  if (openAge !== undefined && range.to !== null && range.to >= openAge) return undefined;
  let sum = 0;
  for (let a = range.from; a <= last; a++) {
    const n = ages.get(a);
    if (n === undefined) return undefined;
    sum += n;
  }
  return sum;
}

/** Sum of non-overlapping groups that together cover exactly the range (depth-first; the sets are small). */
function countFromGroups(groups: readonly { range: AgeRange; count: number }[], range: AgeRange): number | undefined {
  const tile = (cursor: number): number | undefined => {
    for (const g of groups) {
      if (g.range.from !== cursor) continue;
      if (g.range.to === null) {
        if (range.to === null) return g.count;
        continue;
      }
      if (range.to !== null && g.range.to > range.to) continue;
      if (range.to !== null && g.range.to === range.to) return g.count;
      const rest = tile(g.range.to + 1);
      if (rest !== undefined) return g.count + rest;
    }
    return undefined;
  };
  return tile(range.from);
}

export function totalPopulation(pop: YearPopulation): number | undefined {
  return pop.total ?? countInRange({ ...pop, total: undefined }, RANGE_ALL);
}

/** A population built from published shares (%) and a total: count = share / 100 × total. Marked as derived. */
export function populationFromShares(year: number, total: number, shares: readonly { range: AgeRange; pct: number }[]): YearPopulation {
  return { year, total, derived: true, groups: shares.map((s) => ({ range: s.range, count: (s.pct / 100) * total })) };
}

/** Share of the population in a range, in percent; undefined when either count is unknown or the total is 0. */
export function shareInRange(pop: YearPopulation, range: AgeRange): number | undefined {
  const n = countInRange(pop, range);
  const total = totalPopulation(pop);
  if (n === undefined || total === undefined || total === 0) return undefined;
  return (100 * n) / total;
}

/** numerator range / denominator range in one year (e.g. 23–66 / 67+). */
export function ageRatio(pop: YearPopulation, numerator: AgeRange, denominator: AgeRange): number | undefined {
  const a = countInRange(pop, numerator);
  const b = countInRange(pop, denominator);
  if (a === undefined || b === undefined || b === 0) return undefined;
  return a / b;
}

export interface YearValue {
  year: number;
  value: number;
}

/** A ratio over the years where both counts are known, sorted by year. */
export function ratioSeries(pops: readonly YearPopulation[], numerator: AgeRange, denominator: AgeRange): YearValue[] {
  const out: YearValue[] = [];
  for (const p of [...pops].sort((a, b) => a.year - b.year)) {
    const v = ageRatio(p, numerator, denominator);
    if (v !== undefined) out.push({ year: p.year, value: v });
  }
  return out;
}

/** Alderbæreevne (000): persons 16–66 per person 67 and older. */
export function alderbaereevne(pops: readonly YearPopulation[]): YearValue[] {
  return ratioSeries(pops, RANGE_16_66, RANGE_67_PLUSS);
}

/** Arbeidsstyrke per behov (003 Figur 2.5): 23–66 per 6–15 and 23–66 per 67+, for years where both are known. */
export function arbeidsstyrkePerBehov(pops: readonly YearPopulation[]): { year: number; per6til15: number; per67pluss: number }[] {
  const out: { year: number; per6til15: number; per67pluss: number }[] = [];
  for (const p of [...pops].sort((a, b) => a.year - b.year)) {
    const a = ageRatio(p, RANGE_23_66, RANGE_6_15);
    const b = ageRatio(p, RANGE_23_66, RANGE_67_PLUSS);
    if (a !== undefined && b !== undefined) out.push({ year: p.year, per6til15: a, per67pluss: b });
  }
  return out;
}

export interface GroupYearTable {
  years: number[];
  rows: { group: AgeGroup; values: (number | null)[] }[];
}

/** Counts per group and year (null where the data cannot tell). */
export function countsByGroup(pops: readonly YearPopulation[], groups: readonly AgeGroup[]): GroupYearTable {
  const sorted = [...pops].sort((a, b) => a.year - b.year);
  return {
    years: sorted.map((p) => p.year),
    rows: groups.map((g) => ({ group: g, values: sorted.map((p) => countInRange(p, g) ?? null) })),
  };
}

/** Shares (%) per group and year. */
export function sharesByGroup(pops: readonly YearPopulation[], groups: readonly AgeGroup[]): GroupYearTable {
  const sorted = [...pops].sort((a, b) => a.year - b.year);
  return {
    years: sorted.map((p) => p.year),
    rows: groups.map((g) => ({ group: g, values: sorted.map((p) => shareInRange(p, g) ?? null) })),
  };
}

/** Change of a share between two years, in percentage points. */
export function shareChangePp(from: YearPopulation, to: YearPopulation, range: AgeRange): number | undefined {
  const a = shareInRange(from, range);
  const b = shareInRange(to, range);
  return a === undefined || b === undefined ? undefined : b - a;
}

/** Change in persons of an age range between two years. */
export function countChange(from: YearPopulation, to: YearPopulation, range: AgeRange): number | undefined {
  const a = countInRange(from, range);
  const b = countInRange(to, range);
  return a === undefined || b === undefined ? undefined : b - a;
}

/** Sum of published shares and how far it is from 100 (a consistency check on a table such as 003 Tabell 2.2). */
export function sharesSum(pcts: readonly number[]): { sum: number; deviation: number; tolerance: number } {
  const sum = pcts.reduce((s, v) => s + v, 0);
  // every share is rounded to 0,1: each may be off by 0,05
  return { sum, deviation: sum - 100, tolerance: 0.05 * pcts.length + 1e-9 };
}

/**
 * Spending per inhabitant of the target group with today's spending ("med 2020-drift", 003 Tabell 6.5 and 6.7):
 * today's total spending (per inhabitant × persons in the base year) spread over the projected persons of year t:
 * NDU_t = NDU_base × n_base / n_t.
 */
export function spendingPerTargetInhabitant(basePerInhabitant: number, baseCount: number, counts: readonly YearValue[]): YearValue[] {
  if (baseCount <= 0) return [];
  return counts.filter((c) => c.value > 0).map((c) => ({ year: c.year, value: (basePerInhabitant * baseCount) / c.value }));
}

/** Age-specific rate of users of a service (e.g. home care 80–89 år: 26,8 %). */
export interface AgeRate {
  range: AgeRange;
  /** percent of the age group */
  pct: number;
}

export interface HomeCareNeed {
  year: number;
  /** projected users per rate row (null when the population of that range is unknown) */
  byRange: (number | null)[];
  /** sum over the ranges; null if any is unknown */
  total: number | null;
}

/** Need for a service from age-specific rates × projected population of each age range (003 §6.3.1). */
export function homeCareNeed(pops: readonly YearPopulation[], rates: readonly AgeRate[]): HomeCareNeed[] {
  return [...pops]
    .sort((a, b) => a.year - b.year)
    .map((p) => {
      const byRange = rates.map((r) => {
        const n = countInRange(p, r.range);
        return n === undefined ? null : (n * r.pct) / 100;
      });
      const total = byRange.some((v) => v === null) ? null : byRange.reduce<number>((s, v) => s + (v ?? 0), 0);
      return { year: p.year, byRange, total };
    });
}

/** a / b in percent; undefined when b is 0. */
export function percentOf(a: number, b: number): number | undefined {
  return b === 0 ? undefined : (100 * a) / b;
}

/** Growth from a to b in percent ((b − a) / a). */
export function growthPct(a: number, b: number): number | undefined {
  return a === 0 ? undefined : (100 * (b - a)) / a;
}

/** Aggregate one-year ages into groups (e.g. an SSB 14288 import into the kostnadsnøkkel groups). */
export function aggregateAges(ages: ReadonlyMap<number, number>, groups: readonly AgeGroup[], openAge?: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const g of groups) {
    const n = countFromAges(ages, openAge, g);
    if (n !== undefined) out.set(g.key, n);
  }
  return out;
}
