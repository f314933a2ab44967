/**
 * Population by one-year age for any kommune (SSB 07459, 1 January): counts and shares of the kostnadsnøkkel's
 * age groups, change between two years, the age criteria's kriterieindeks against landet and their weighted part of
 * the behovsindeks, the age-driven change in utgiftsbehov at fixed enhetsbeløp, ranks among kommuner, and the rule
 * that picks reference kommuner. Pure functions over typed arrays: no Dataset, no I/O.
 */
import { AgeRange } from './demografi';

/** ages[a] = persons of age a; the last entry holds everyone of that age and older. */
export type AgeCounts = ArrayLike<number>;

/** Persons in an age range (both ends inclusive; `to: null` = and older). */
export function sumAges(ages: AgeCounts, range: AgeRange): number {
  const last = ages.length - 1;
  const to = range.to === null ? last : Math.min(range.to, last);
  let s = 0;
  for (let a = range.from; a <= to; a++) s += ages[a];
  return s;
}

/** Share in percent; undefined for an empty population. */
export function sharePct(part: number, total: number): number | undefined {
  return total > 0 ? (part / total) * 100 : undefined;
}

/** Change in percent from `from` to `to`; undefined when `from` is 0. */
export function changePct(from: number, to: number): number | undefined {
  return from !== 0 ? ((to - from) / from) * 100 : undefined;
}

/** Persons 16–66 per person 67 and older; undefined without anyone 67+. */
export function alderbaereevneOf(ages: AgeCounts): number | undefined {
  const old = sumAges(ages, { from: 67, to: null });
  return old > 0 ? sumAges(ages, { from: 16, to: 66 }) / old : undefined;
}

/**
 * Kriterieindeks of an age criterion: the kommune's share of the group over landet's share
 * ((x_kommune / innbyggere_kommune) / (X_landet / innbyggere_landet)).
 */
export function ageKriterieindeks(count: number, total: number, nationalCount: number, nationalTotal: number): number | undefined {
  if (total <= 0 || nationalCount <= 0 || nationalTotal <= 0) return undefined;
  return count / total / (nationalCount / nationalTotal);
}

export interface WeightedAgeCriterion {
  id: string;
  range: AgeRange;
  weight: number;
  index: number;
}

/** Σ vekt × kriterieindeks over the age criteria (their part of the behovsindeks), and that part relative to Σ vekt. */
export function agePartOfBehovsindeks(criteria: readonly WeightedAgeCriterion[]): { part: number; weight: number; relative: number } {
  const part = criteria.reduce((s, c) => s + c.weight * c.index, 0);
  const weight = criteria.reduce((s, c) => s + c.weight, 0);
  return { part, weight, relative: weight > 0 ? part / weight : Number.NaN };
}

export interface DemographicCostRow {
  id: string;
  from: number;
  to: number;
  change: number;
  /** kr per person in the group */
  enhetsbelop: number;
  /** change × enhetsbeløp, in kr */
  cost: number;
}

/** The change in age-driven utgiftsbehov between two years: Σ (persons_to − persons_from) × enhetsbeløp, per group. */
export function demographicCost(groups: readonly { id: string; from: number; to: number; enhetsbelop: number }[]): { rows: DemographicCostRow[]; total: number } {
  const rows = groups.map((g) => ({ ...g, change: g.to - g.from, cost: (g.to - g.from) * g.enhetsbelop }));
  return { rows, total: rows.reduce((s, r) => s + r.cost, 0) };
}

/** Rank (1 = highest value) of `code` among the values, ties sharing the better rank; undefined when it has none. */
export function rankOf(values: ReadonlyMap<string, number>, code: string): { position: number; of: number } | undefined {
  const v = values.get(code);
  if (v === undefined) return undefined;
  let higher = 0;
  for (const x of values.values()) if (x > v) higher++;
  return { position: higher + 1, of: values.size };
}

export interface ReferenceCandidate {
  code: string;
  innbyggere: number;
  /** kostnadsindeks, when the kommune has one */
  kostnadsindeks?: number;
  /** share 80 years and older, % */
  andel80: number;
}

/**
 * The reference rule: the nearest kommuner in size and kostnadsindeks.
 *   distance = |ln(innbyggere / innbyggere_kommune)| / ln 2  +  |kostnadsindeks − kostnadsindeks_kommune| / 0,1
 * so a kommune twice (or half) the size counts as far as one whose kostnadsindeks differs by 0,1. Equal distances
 * (to 1e-9) are broken by the nearest share 80 år og eldre, then by kommunenummer. Without a kostnadsindeks for
 * the kommune (or a candidate), size alone counts for that pair.
 */
export const REFERENCE_SIZE_SCALE = Math.LN2;
export const REFERENCE_INDEX_SCALE = 0.1;

export function referenceDistance(target: ReferenceCandidate, c: ReferenceCandidate): number {
  const size = Math.abs(Math.log(c.innbyggere / target.innbyggere)) / REFERENCE_SIZE_SCALE;
  const index = target.kostnadsindeks !== undefined && c.kostnadsindeks !== undefined ? Math.abs(c.kostnadsindeks - target.kostnadsindeks) / REFERENCE_INDEX_SCALE : 0;
  return size + index;
}

export function chooseReferences(target: ReferenceCandidate, candidates: readonly ReferenceCandidate[], count: number): { code: string; distance: number }[] {
  return candidates
    .filter((c) => c.code !== target.code && c.innbyggere > 0)
    .map((c) => ({ c, d: referenceDistance(target, c), tie: Math.abs(c.andel80 - target.andel80) }))
    .sort((a, b) => (Math.abs(a.d - b.d) > 1e-9 ? a.d - b.d : a.tie - b.tie || a.c.code.localeCompare(b.c.code)))
    .slice(0, count)
    .map((x) => ({ code: x.c.code, distance: x.d }));
}

/** Five-year bands 0–4, 5–9, …, 85–89 and 90+ for an age-structure chart. */
export const FIVE_YEAR_BANDS: readonly AgeRange[] = [...Array.from({ length: 18 }, (_, i) => ({ from: i * 5, to: i * 5 + 4 })), { from: 90, to: null }];
