/**
 * KOSTRA comparisons (DOMAIN.md §5): pure functions over plain numbers, no Dataset and no I/O.
 *
 * Conventions
 * - A value is `number | null`; null means missing (SSB `..`, or the region has no data) and is never treated
 *   as 0. Anything computed from a missing value is missing, and a sum over parts with one missing part is
 *   missing too (it would otherwise look smaller than it is).
 * - KPI = kroner per innbygger. Totals in kroner are KPI × innbyggere of the kommune the analysis is about,
 *   because the question is always "what would this kommune spend at that level".
 * - No rounding happens here: results keep full precision and the renderer rounds for display.
 */

export type Num = number | null;

/** A tjenesteområde (or any row of a comparison): stable key and bokmål label. */
export interface Area {
  key: string;
  label: string;
}

/** One region's values per area key. A key that is absent counts as missing. */
export interface RegionValues {
  region: string;
  values: Readonly<Record<string, Num>>;
}

function isNum(v: Num | undefined): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

function at(values: Readonly<Record<string, Num>>, key: string): Num {
  const v = values[key];
  return isNum(v) ? v : null;
}

/** a − b, or null when either is missing. */
export function minus(a: Num, b: Num): Num {
  return isNum(a) && isNum(b) ? a - b : null;
}

/** a × b, or null when either is missing. */
export function times(a: Num, b: Num): Num {
  return isNum(a) && isNum(b) ? a * b : null;
}

/** Σ values; null when the list is empty or any value is missing. */
export function sumOrNull(values: readonly Num[]): Num {
  if (values.length === 0) return null;
  let s = 0;
  for (const v of values) {
    if (!isNum(v)) return null;
    s += v;
  }
  return s;
}

// ------------------------------------------------------------------------------------------------ area matrix

export interface MatrixRow {
  key: string;
  label: string;
  /** one value per region, in the order of the `regions` argument */
  values: Num[];
}

export interface AreaMatrix {
  regions: string[];
  rows: MatrixRow[];
  /** Σ over the areas per region (null where any area is missing for that region) */
  total: Num[];
}

/**
 * NDU or lønn per innbygger per tjenesteområde for several regions side by side (003 Tabell 6.1, 6.2), with the
 * sum over the areas per region computed, not read.
 */
export function areaMatrix(areas: readonly Area[], regions: readonly RegionValues[]): AreaMatrix {
  const rows = areas.map((a) => ({ key: a.key, label: a.label, values: regions.map((r) => at(r.values, a.key)) }));
  const total = regions.map((_, i) => sumOrNull(rows.map((row) => row.values[i])));
  return { regions: regions.map((r) => r.region), rows, total };
}

// ------------------------------------------------------------------------------------------------ landsgjennomsnitt

export interface KpiInput {
  region: string;
  kpi: Num;
}

export interface LgjRow {
  region: string;
  /** kroner per innbygger */
  kpi: Num;
  /** kpi − kpi of landsgjennomsnittet */
  avvikLgj: Num;
  /** kpi × the kommune's innbyggere: what the kommune would have at this level, in kroner */
  sum: Num;
  /** sum − the kommune's own sum (positive: this region's level gives more kroner than the kommune's) */
  avvik: Num;
}

/**
 * Deviation from the national average (003 Tabell 5.1–5.4). `rows` is every row to show (usually LGJ first, then
 * the kommune, then references); `lgjKpi` and `kommuneKpi` are the two anchors of the comparison.
 */
export function lgjDeviation(rows: readonly KpiInput[], lgjKpi: Num, kommuneKpi: Num, innbyggere: Num): LgjRow[] {
  const kommuneSum = times(kommuneKpi, innbyggere);
  return rows.map((r) => {
    const sum = times(r.kpi, innbyggere);
    return { region: r.region, kpi: r.kpi, avvikLgj: minus(r.kpi, lgjKpi), sum, avvik: minus(sum, kommuneSum) };
  });
}

export interface ShareInput {
  region: string;
  numerator: Num;
  denominator: Num;
}

export interface ShareRow {
  region: string;
  /** 100 × numerator / denominator (percent number) */
  andel: Num;
  /** andel − andel of landsgjennomsnittet, in percentage points */
  avvikLgj: Num;
}

/** 100 × a / b, or null when either is missing or b is 0. */
export function percentOf(a: Num, b: Num): Num {
  return isNum(a) && isNum(b) && b !== 0 ? (100 * a) / b : null;
}

/**
 * One KPI as a share of another, with its deviation from the national share (003 Tabell 5.5: lønn in % of NDU).
 */
export function shareDeviation(rows: readonly ShareInput[], lgj: ShareInput): ShareRow[] {
  const lgjShare = percentOf(lgj.numerator, lgj.denominator);
  return rows.map((r) => {
    const andel = percentOf(r.numerator, r.denominator);
    return { region: r.region, andel, avvikLgj: minus(andel, lgjShare) };
  });
}

// ------------------------------------------------------------------------------------------------ effektivisering

/**
 * Effektiviseringspotensial against one reference (003 §6.1): (KPI_kommune − KPI_ref) × innbyggere_kommune.
 * Positive: the kommune spends more than the reference and would save this much at the reference's level;
 * negative: the kommune spends less (merforbrukspotensial).
 */
export function effektiviseringspotensial(kpiKommune: Num, kpiRef: Num, innbyggere: Num): Num {
  return times(minus(kpiKommune, kpiRef), innbyggere);
}

export interface PotentialMatrix {
  refs: string[];
  rows: MatrixRow[];
  /** Σ over the areas per reference (null where any area is missing) */
  total: Num[];
}

/** Effektiviseringspotensial per area against each reference, in kroner, with the total per reference. */
export function effektiviseringMatrix(areas: readonly Area[], kommune: RegionValues, refs: readonly RegionValues[], innbyggere: Num): PotentialMatrix {
  const rows = areas.map((a) => ({
    key: a.key,
    label: a.label,
    values: refs.map((r) => effektiviseringspotensial(at(kommune.values, a.key), at(r.values, a.key), innbyggere)),
  }));
  const total = refs.map((_, i) => sumOrNull(rows.map((row) => row.values[i])));
  return { refs: refs.map((r) => r.region), rows, total };
}

// ------------------------------------------------------------------------------------------------ utgiftskorrigering

/**
 * Utgiftskorrigert NDU = NDU / behovsindeks for the sector: removes the cost differences the kommune cannot
 * influence (1.0 = national average need). Missing when either is missing or the index is not positive.
 */
export function utgiftskorrigert(ndu: Num, behovsindeks: Num): Num {
  return isNum(ndu) && isNum(behovsindeks) && behovsindeks > 0 ? ndu / behovsindeks : null;
}

// ------------------------------------------------------------------------------------------------ beste praksis

export interface BestePraksisRow {
  key: string;
  label: string;
  /** the region with the lowest value among the kommune and the references that have a value; null if none */
  bestRegion: string | null;
  bestValue: Num;
  kommuneValue: Num;
  /** best − kommune (≤ 0 when the kommune has a value) */
  diff: Num;
  /** diff × innbyggere, kroner */
  diffTotal: Num;
}

export interface BestePraksis {
  rows: BestePraksisRow[];
  /** Σ diffTotal; null when any row is missing */
  total: Num;
}

/**
 * Beste praksis (000 "Beste praksis vs referansekommunene"): per area the lowest value (usually utgiftskorrigert
 * NDU per innbygger) among the kommune and its references, and what the kommune would spend at that level.
 * Regions without a value for an area are left out of that area's comparison. Ties go to the kommune, then to the
 * earlier reference.
 */
export function bestePraksis(areas: readonly Area[], kommune: RegionValues, refs: readonly RegionValues[], innbyggere: Num): BestePraksis {
  const rows = areas.map((a): BestePraksisRow => {
    const kommuneValue = at(kommune.values, a.key);
    let bestRegion: string | null = null;
    let bestValue: Num = null;
    for (const r of [kommune, ...refs]) {
      const v = at(r.values, a.key);
      if (isNum(v) && (bestValue === null || v < bestValue)) {
        bestValue = v;
        bestRegion = r.region;
      }
    }
    const diff = minus(bestValue, kommuneValue);
    return { key: a.key, label: a.label, bestRegion, bestValue, kommuneValue, diff, diffTotal: times(diff, innbyggere) };
  });
  return { rows, total: sumOrNull(rows.map((r) => r.diffTotal)) };
}

// ------------------------------------------------------------------------------------------------ utvikling

export interface UtviklingRow {
  key: string;
  label: string;
  from: Num;
  to: Num;
  /** to − from, per innbygger */
  diff: Num;
  /** diff × innbyggere, kroner */
  endring: Num;
}

export interface Utvikling {
  rows: UtviklingRow[];
  /** Σ endring; null when any row is missing */
  total: Num;
}

/**
 * Development between two years per area (000 "Utvikling 2021 - 2022"): the change per innbygger × the
 * innbyggere of the later year.
 */
export function utvikling(areas: readonly Area[], from: Readonly<Record<string, Num>>, to: Readonly<Record<string, Num>>, innbyggere: Num): Utvikling {
  const rows = areas.map((a): UtviklingRow => {
    const f = at(from, a.key);
    const t = at(to, a.key);
    const diff = minus(t, f);
    return { key: a.key, label: a.label, from: f, to: t, diff, endring: times(diff, innbyggere) };
  });
  return { rows, total: sumOrNull(rows.map((r) => r.endring)) };
}

// ------------------------------------------------------------------------------------------------ KOSTRA-grupper

export interface GroupMember {
  region: string;
  innbyggere: Num;
  /** 1000 kr */
  frieInntekter: Num;
  /** 1000 kr */
  ndu: Num;
}

export interface GroupAggregate {
  antall: number;
  innbyggere: Num;
  /** Σ frie inntekter / Σ innbyggere, kroner per innbygger */
  frieInntekterPerInnb: Num;
  /** Σ NDU / Σ innbyggere, kroner per innbygger */
  nduPerInnb: Num;
  /** Σ frie inntekter / Σ NDU */
  dekningsgrad: Num;
}

/** Weighted group average from the member kommuner (1000 kr → kroner per innbygger). */
export function groupAggregate(members: readonly GroupMember[]): GroupAggregate {
  const innbyggere = sumOrNull(members.map((m) => m.innbyggere));
  const frie = sumOrNull(members.map((m) => m.frieInntekter));
  const ndu = sumOrNull(members.map((m) => m.ndu));
  const perInnb = (x: Num): Num => (isNum(x) && isNum(innbyggere) && innbyggere > 0 ? (x * 1000) / innbyggere : null);
  return {
    antall: members.length,
    innbyggere,
    frieInntekterPerInnb: perInnb(frie),
    nduPerInnb: perInnb(ndu),
    dekningsgrad: isNum(frie) && isNum(ndu) && ndu !== 0 ? frie / ndu : null,
  };
}

// ------------------------------------------------------------------------------------------------ sector tables

/** One row of a sector table layout: a stored variable, or a sum of stored variables. */
export type SectorRowDef =
  | { group: string; variable: string; label?: string }
  | { group: string; label: string; sumOf: readonly string[] };

export interface SectorRow {
  group: string;
  label: string;
  /** the variable shown, or undefined for a computed sum */
  variable?: string;
  /** the parts of a computed sum */
  sumOf?: readonly string[];
  values: Num[];
  isSum: boolean;
}

/**
 * Lay out a sector table (003 §6: rows = indicators under section headings, columns = regions). `values` maps
 * variable → region → value; `labels` gives each variable's label. Sum rows are computed from their parts.
 */
export function sectorTable(
  layout: readonly SectorRowDef[],
  regions: readonly string[],
  values: ReadonlyMap<string, ReadonlyMap<string, Num>>,
  labels: ReadonlyMap<string, string>,
): SectorRow[] {
  const get = (variable: string, region: string): Num => {
    const v = values.get(variable)?.get(region);
    return isNum(v) ? v : null;
  };
  return layout.map((def): SectorRow => {
    if ('sumOf' in def) {
      return {
        group: def.group,
        label: def.label,
        sumOf: def.sumOf,
        values: regions.map((r) => sumOrNull(def.sumOf.map((v) => get(v, r)))),
        isSum: true,
      };
    }
    return {
      group: def.group,
      label: def.label ?? labels.get(def.variable) ?? def.variable,
      variable: def.variable,
      values: regions.map((r) => get(def.variable, r)),
      isSum: false,
    };
  });
}
