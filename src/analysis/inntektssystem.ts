/**
 * The income system (DOMAIN.md §2): kriterieindekser, behovsindeks, utgiftsutjevning per criterion and in total,
 * kostnadsnøkkel enhetsbeløp, projection of utgiftsutjevning from projected age indices, Nord-Norge-tilskudd,
 * local income in % of korrigerte frie inntekter, and an income-level comparison. Pure functions over typed
 * inputs: no Dataset, no I/O.
 */

/**
 * How a criterion is counted. 'personer' and 'basis' have an enhetsbeløp (kr per unit); 'km', 'andel' and 'indeks'
 * do not. The index follows from the counts unless a published index is given, which is the input for criteria
 * with their own definitions or with national figures printed too coarsely to recompute the index.
 */
export type CriterionBasis = 'personer' | 'km' | 'basis' | 'andel' | 'indeks';

export interface Criterion {
  id: string;
  label: string;
  weight: number;
  basis: CriterionBasis;
  /** the national count X_k (persons, km, ...) when known */
  nationalCount?: number | null;
}

export interface KommuneCriterionValue {
  /** the kommune's count x_k when known */
  count?: number | null;
  /** a published index, used as the input when present (criteria that are not plain shares, or years without counts) */
  publishedIndex?: number | null;
}

/** Kriterieindeks_k = (x_k / innbyggere_kommune) / (X_k / innbyggere_landet). */
export function kriterieindeks(count: number, innbyggere: number, nationalCount: number, nationalInnbyggere: number): number {
  if (!(innbyggere > 0) || !(nationalCount > 0) || !(nationalInnbyggere > 0)) throw new RangeError('kriterieindeksen krever positive nevnere');
  return count / innbyggere / (nationalCount / nationalInnbyggere);
}

export interface UtjevningInput {
  criteria: readonly Criterion[];
  /** the kommune's values by criterion id */
  values: ReadonlyMap<string, KommuneCriterionValue>;
  /**
   * the kommune's innbyggere in the inntektssystem (1.7. the year before). Without it the indices (when all are
   * published) and the per-innbygger figures can still be computed; the kroner amounts are then null.
   */
  innbyggere?: number | null;
  /** national innbyggere; needed only when some index is computed from counts */
  nationalInnbyggere?: number | null;
  /** landsgjennomsnittlig utgiftsbehov per innbygger (kr) */
  averageNeed: number;
}

export interface CriterionRow {
  id: string;
  label: string;
  weight: number;
  nationalCount: number | null;
  count: number | null;
  index: number;
  /** true when the index is the published one (not computed from counts) */
  indexPublished: boolean;
  /** weight × index: the criterion's contribution to the behovsindeks */
  contribution: number;
  /** utslag = weight × (index − 1), as a fraction */
  utslag: number;
  /** tillegg (+) / fradrag (−) per innbygger, kr */
  krPerInnb: number;
  /** tillegg/fradrag for the kommune, kr (null without innbyggere) */
  kr: number | null;
}

export interface UtjevningResult {
  rows: CriterionRow[];
  /** Σ weight */
  weightSum: number;
  /** Σ weight × index */
  behovsindeks: number;
  /** behovsindeks − 1 */
  utslag: number;
  /** the kommune's utgiftsbehov per innbygger: behovsindeks × averageNeed */
  needPerInnb: number;
  /** (behovsindeks − 1) × averageNeed */
  krPerInnb: number;
  /** utgiftsutjevning in kr: krPerInnb × innbyggere (null without innbyggere) */
  kr: number | null;
  /** unweighted mean of the indices (003 Tabell 3.5 "Gjennomsnitt kriterieindeks") */
  meanIndex: number;
}

export class MissingInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MissingInputError';
  }
}

/** The index of one criterion: the published index when given, else computed from counts. */
export function criterionIndex(c: Criterion, v: KommuneCriterionValue | undefined, innbyggere: number | null | undefined, nationalInnbyggere: number | null | undefined): { index: number; published: boolean } {
  if (v?.publishedIndex !== undefined && v.publishedIndex !== null) return { index: v.publishedIndex, published: true };
  const count = v?.count;
  if (count === undefined || count === null) throw new MissingInputError(`kriteriet «${c.label}» mangler både antall og indeks`);
  if (c.nationalCount === undefined || c.nationalCount === null) throw new MissingInputError(`kriteriet «${c.label}» mangler tall for landet`);
  if (nationalInnbyggere === undefined || nationalInnbyggere === null) throw new MissingInputError('innbyggertallet for landet mangler');
  if (innbyggere === undefined || innbyggere === null) throw new MissingInputError('kommunens innbyggertall mangler');
  return { index: kriterieindeks(count, innbyggere, c.nationalCount, nationalInnbyggere), published: false };
}

/**
 * Behovsindeks and utgiftsutjevning: per criterion utslag_k = w_k (i_k − 1), tillegg/fradrag per innbygger =
 * utslag_k × landsgjennomsnittlig utgiftsbehov, in kr = that × innbyggere; the totals sum the criteria.
 * Throws MissingInputError when a criterion has neither counts nor a published index.
 */
export function utgiftsutjevning(input: UtjevningInput): UtjevningResult {
  const inh = input.innbyggere ?? null;
  if (inh !== null && !(inh > 0)) throw new RangeError('innbyggertallet må være positivt');
  const rows = input.criteria.map((c): CriterionRow => {
    const v = input.values.get(c.id);
    const { index, published } = criterionIndex(c, v, input.innbyggere, input.nationalInnbyggere);
    const utslag = c.weight * (index - 1);
    const krPerInnb = utslag * input.averageNeed;
    return {
      id: c.id,
      label: c.label,
      weight: c.weight,
      nationalCount: c.nationalCount ?? null,
      count: v?.count ?? null,
      index,
      indexPublished: published,
      contribution: c.weight * index,
      utslag,
      krPerInnb,
      kr: inh === null ? null : krPerInnb * inh,
    };
  });
  const weightSum = rows.reduce((s, r) => s + r.weight, 0);
  const behovsindeks = rows.reduce((s, r) => s + r.contribution, 0);
  // With weights summing to 1, Σ w(i − 1) = behovsindeks − 1; summing the rows keeps the total equal to the parts.
  const utslag = rows.reduce((s, r) => s + r.utslag, 0);
  const krPerInnb = utslag * input.averageNeed;
  return {
    rows,
    weightSum,
    behovsindeks,
    utslag,
    needPerInnb: behovsindeks * input.averageNeed,
    krPerInnb,
    kr: inh === null ? null : krPerInnb * inh,
    meanIndex: rows.length === 0 ? NaN : rows.reduce((s, r) => s + r.index, 0) / rows.length,
  };
}

export interface EnhetsbelopRow {
  id: string;
  label: string;
  weight: number;
  /** kr per unit of the criterion, null when the criterion has no countable national figure */
  enhetsbelop: number | null;
}

/**
 * Kostnadsnøkkel enhetsbeløp: weight × total national utgiftsbehov / national count. Criteria measured as shares
 * or indices ('andel', 'indeks') and the distance criteria ('km') get none, as in the published kostnadsnøkkel.
 */
export function kostnadsnokkelEnhetsbelop(criteria: readonly Criterion[], totalNeed: number): EnhetsbelopRow[] {
  return criteria.map((c) => {
    const countable = (c.basis === 'personer' || c.basis === 'basis') && c.nationalCount !== undefined && c.nationalCount !== null && c.nationalCount > 0;
    return { id: c.id, label: c.label, weight: c.weight, enhetsbelop: countable ? (c.weight * totalNeed) / (c.nationalCount as number) : null };
  });
}

export interface ProjectionYear {
  year: number;
  /** projected indices of the age criteria this year, by criterion id */
  indices: ReadonlyMap<string, number>;
  /** projected innbyggere, when known */
  innbyggere?: number | null;
}

export interface ProjectionPoint {
  year: number;
  /** Σ weight × index over the re-indexed (age) criteria only */
  ageSum: number;
  behovsindeks: number;
  krPerInnb: number;
  /** null when the year has no projected innbyggere */
  kr: number | null;
}

/**
 * Projected utgiftsutjevning: the criteria given in each year's `indices` are re-indexed, every other criterion
 * keeps its base-year index; averageNeed is held at the base year's level (fixed kroner).
 */
export function projectUtgiftsutjevning(base: UtjevningResult, years: readonly ProjectionYear[], averageNeed: number): ProjectionPoint[] {
  return years.map((y) => {
    let behovsindeks = 0;
    let ageSum = 0;
    for (const r of base.rows) {
      const projected = y.indices.get(r.id);
      if (projected !== undefined) {
        behovsindeks += r.weight * projected;
        ageSum += r.weight * projected;
      } else behovsindeks += r.contribution;
    }
    const krPerInnb = (behovsindeks - base.weightSum) * averageNeed;
    const inh = y.innbyggere;
    return { year: y.year, ageSum, behovsindeks, krPerInnb, kr: inh === undefined || inh === null ? null : krPerInnb * inh };
  });
}

/** Σ weight × index over a subset of criteria (the "Sum" column of 003 Tabell 3.7/3.8). */
export function weightedSum(weights: ReadonlyMap<string, number>, indices: ReadonlyMap<string, number>): number {
  let s = 0;
  for (const [id, idx] of indices) {
    const w = weights.get(id);
    if (w === undefined) throw new MissingInputError(`vekt mangler for kriteriet ${id}`);
    s += w * idx;
  }
  return s;
}

/** Nord-Norge-tilskudd: the zone's rate per innbygger × innbyggere (kr). */
export function nordNorgeTilskudd(ratePerInnb: number, innbyggere: number): number {
  return ratePerInnb * innbyggere;
}

/** A local income in % of korrigerte frie inntekter (same unit). */
export function shareOfKorrigerteFrieInntekter(amount: number, korrigerteFrieInntekter: number): number {
  if (!(korrigerteFrieInntekter > 0)) throw new RangeError('korrigerte frie inntekter må være positive');
  return (amount / korrigerteFrieInntekter) * 100;
}

/**
 * Income-level comparison: how much more (positive) or less (negative) the kommune has than it would have with the
 * reference's income per innbygger: (income_kommune − income_ref) × innbyggere_kommune. A positive gap is what the
 * kommune would have to cut to live on the reference's level.
 */
export function incomeLevelGap(incomePerInnbKommune: number, incomePerInnbRef: number, innbyggere: number): number {
  return (incomePerInnbKommune - incomePerInnbRef) * innbyggere;
}
