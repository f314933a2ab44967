import { Dataset } from '../data/dataset';

/**
 * The public metric vocabulary. Each analysis family exports MetricDef[]; the registry (./registry.ts) joins them.
 * A metric is computed for one kommune and one year; `compute` is pure (reads the Dataset only).
 */
export type MetricKind = 'scalar' | 'series' | 'table';

export interface MetricContext {
  dataset: Dataset;
  /** kommunenummer of the kommune the deck is about */
  kommune: string;
  /** the year asked for: the inntektssystem year for inntektssystem.*, the accounting year for kostra.* / finans.* */
  year: number;
  /** reference kommuner and groups to compare with (kommunenummer or group codes), in display order */
  refs: string[];
  /** how the references were chosen, in bokmål (when the deck knows) */
  referenceNote?: string;
}

/** A series: one named line/bar series over shared categories (years, age groups, areas, ...). */
export interface SeriesData {
  categories: (string | number)[];
  series: { name: string; values: (number | null)[] }[];
}

export interface TableColumn {
  key: string;
  label: string;
  /** unit of the column's numbers, e.g. "kr per innb", "1000 kr", "%", "indeks"; omitted for text columns */
  unit?: string;
  /** decimals to show for numbers (bokmål formatting is done by the renderer) */
  decimals?: number;
}

export interface TableData {
  columns: TableColumn[];
  rows: Record<string, string | number | null>[];
  /** optional index of rows that are totals (rendered bold) */
  totalRows?: number[];
}

interface MetricValueBase {
  id: string;
  label: string;
  unit: string;
  kind: MetricKind;
  /** human-readable sources, e.g. ["003 Tabell 1.1"]; slides print them as "Kilde: ..." */
  source: string[];
  /** one line: how it was computed */
  formula: string;
  /** the input variables/tables actually read, for the audit trail */
  inputs: string[];
  /** the number as published, where a value was taken as published rather than computed (marked on slides) */
  published?: boolean;
}

export interface ScalarValue extends MetricValueBase {
  kind: 'scalar';
  value: number | string | null;
  /** decimals to show by default */
  decimals?: number;
}
export interface SeriesValue extends MetricValueBase {
  kind: 'series';
  series: SeriesData;
}
export interface TableValue extends MetricValueBase {
  kind: 'table';
  table: TableData;
}
export type MetricValue = ScalarValue | SeriesValue | TableValue;

/** Returned instead of a value when the inputs for this kommune/year are not in the data: not an error. */
export interface MissingValue {
  missing: string;
}

export type ComputeResult =
  | { value: number | string | null; decimals?: number; source?: string[]; inputs?: string[]; published?: boolean }
  | { series: SeriesData; source?: string[]; inputs?: string[]; published?: boolean }
  | { table: TableData; source?: string[]; inputs?: string[]; published?: boolean }
  | MissingValue;

export interface MetricDef {
  /** stable public id, e.g. finans.netto_driftsresultat_pct */
  id: string;
  /** bokmål label */
  label: string;
  unit: string;
  kind: MetricKind;
  /** variable ids / table names it reads */
  inputs: string[];
  /** formula in one line (README "Metrics") */
  formula: string;
  compute(ctx: MetricContext): ComputeResult;
}

export function isMissing(r: ComputeResult | MetricValue | MissingValue): r is MissingValue {
  return (r as MissingValue).missing !== undefined;
}
