/**
 * Financial key figures (DOMAIN.md §1): each nøkkeltall in % of brutto driftsinntekter, the kommune's own
 * KØB targets (handlingsregler), interest-rate exposure, dekningsgrad (frie inntekter / NDU), growth over a
 * series, and the income breakdown of 003 Tabell 3.2/3.3. Pure functions over typed inputs: no Dataset, no I/O.
 */

/** Amount in % of brutto driftsinntekter (both in the same unit). */
export function shareOfIncome(amount: number, bruttoDriftsinntekter: number): number {
  if (!(bruttoDriftsinntekter > 0)) throw new RangeError('brutto driftsinntekter må være positive');
  return (amount / bruttoDriftsinntekter) * 100;
}

export interface KeyFigureInput {
  id: string;
  label: string;
  /** amount in 1000 kr; null when the source prints a missing symbol */
  amount: number | null;
}

export interface KeyFigureRow extends KeyFigureInput {
  /** % of brutto driftsinntekter; null when the amount is missing */
  pct: number | null;
}

/** One row per nøkkeltall: the amount and its share of brutto driftsinntekter (003 Tabell 1.1). */
export function keyFigureTable(rows: readonly KeyFigureInput[], bruttoDriftsinntekter: number): KeyFigureRow[] {
  return rows.map((r) => ({ ...r, pct: r.amount === null ? null : shareOfIncome(r.amount, bruttoDriftsinntekter) }));
}

/** The three KØB rules DOMAIN.md names; a kommune may set its own thresholds per rule. */
export type TargetRule = 'netto_driftsresultat' | 'disposisjonsfond' | 'netto_lanegjeld';
export type TargetDirection = 'min' | 'max';

export interface Target {
  rule: TargetRule;
  /** threshold in % of brutto driftsinntekter */
  threshold: number;
  /** 'min': actual must be at least the threshold; 'max': at most */
  direction: TargetDirection;
}

export const TARGET_LABELS: Record<TargetRule, string> = {
  netto_driftsresultat: 'Netto driftsresultat i % av brutto driftsinntekter',
  disposisjonsfond: 'Disposisjonsfond i % av brutto driftsinntekter',
  netto_lanegjeld: 'Netto lånegjeld i % av brutto driftsinntekter',
};

/**
 * Thresholds used when a kommune has registered none of its own: the common recommendations for
 * kommunesektoren (NDR at least 2 %, disposisjonsfond at least 8 %, netto lånegjeld at most 75 %).
 */
export const DEFAULT_TARGETS: readonly Target[] = [
  { rule: 'netto_driftsresultat', threshold: 2, direction: 'min' },
  { rule: 'disposisjonsfond', threshold: 8, direction: 'min' },
  { rule: 'netto_lanegjeld', threshold: 75, direction: 'max' },
];

export interface TargetResult extends Target {
  label: string;
  /** actual value in % (null when the input is missing) */
  actual: number | null;
  /** null when the actual value is missing */
  met: boolean | null;
}

/**
 * Compares each rule with the actual value. The comparison uses the figure as it would be shown (rounded to one
 * decimal), so a slide never shows "2,0 %" as missing a "≥ 2,0 %" target because of an invisible 1,96.
 */
export function checkTargets(targets: readonly Target[], actual: Partial<Record<TargetRule, number | null>>): TargetResult[] {
  return targets.map((t) => {
    const a = actual[t.rule];
    const value = a === undefined || a === null ? null : a;
    const shown = value === null ? null : Math.round(value * 10) / 10;
    const met = shown === null ? null : t.direction === 'min' ? shown >= t.threshold : shown <= t.threshold;
    return { ...t, label: TARGET_LABELS[t.rule], actual: value, met };
  });
}

/** The yearly cost of a rate rise: exposure × percentage points / 100 (same unit as the exposure). */
export function interestRateCost(exposure: number, percentagePoints = 1): number {
  return (exposure * percentagePoints) / 100;
}

/** Dekningsgrad: how much of netto driftsutgifter the frie inntekter cover (both per innbygger, same unit). */
export function dekningsgrad(frieInntekterPerInnb: number, nduPerInnb: number): number {
  if (!(nduPerInnb > 0)) throw new RangeError('netto driftsutgifter må være positive');
  return frieInntekterPerInnb / nduPerInnb;
}

export interface GrowthResult {
  fromYear: number;
  toYear: number;
  /** total growth in % over the period */
  totalPct: number;
  /** average annual (compound) growth in % */
  annualPct: number;
}

/**
 * Total and average annual growth between the first and last point of a series (years ascending).
 * Returns null when fewer than two points exist or the first value is not positive.
 */
export function growth(series: readonly { year: number; value: number }[]): GrowthResult | null {
  if (series.length < 2) return null;
  const sorted = [...series].sort((a, b) => a.year - b.year);
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  const years = last.year - first.year;
  if (years <= 0 || !(first.value > 0) || !(last.value > 0)) return null;
  const ratio = last.value / first.value;
  return { fromYear: first.year, toYear: last.year, totalPct: (ratio - 1) * 100, annualPct: (Math.pow(ratio, 1 / years) - 1) * 100 };
}

/** The income lines of 003 Tabell 3.2 (1000 kr). */
export interface IncomeInput {
  rammetilskudd: number;
  skatteinntekter: number;
  utbytte: number;
  eiendomsskatt: number;
  naturressursskatt: number;
  konsesjonskraft: number;
}

export interface IncomeBreakdown extends IncomeInput {
  frieInntekter: number;
  ekstrainntekter: number;
  sum: number;
}

/** Frie inntekter = rammetilskudd + skatt; ekstrainntekter = utbytte + eiendomsskatt + naturressursskatt + konsesjonskraft. */
export function incomeBreakdown(i: IncomeInput): IncomeBreakdown {
  const frieInntekter = i.rammetilskudd + i.skatteinntekter;
  const ekstrainntekter = i.utbytte + i.eiendomsskatt + i.naturressursskatt + i.konsesjonskraft;
  return { ...i, frieInntekter, ekstrainntekter, sum: frieInntekter + ekstrainntekter };
}

/** Every line of a breakdown per innbygger: amounts in 1000 kr -> kr per innbygger. */
export function incomePerInnbygger(b: IncomeBreakdown, innbyggere: number): IncomeBreakdown {
  if (!(innbyggere > 0)) throw new RangeError('innbyggertallet må være positivt');
  const per = (v: number) => (v * 1000) / innbyggere;
  return {
    rammetilskudd: per(b.rammetilskudd),
    skatteinntekter: per(b.skatteinntekter),
    utbytte: per(b.utbytte),
    eiendomsskatt: per(b.eiendomsskatt),
    naturressursskatt: per(b.naturressursskatt),
    konsesjonskraft: per(b.konsesjonskraft),
    frieInntekter: per(b.frieInntekter),
    ekstrainntekter: per(b.ekstrainntekter),
    sum: per(b.sum),
  };
}
