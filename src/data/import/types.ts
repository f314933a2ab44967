import { MissingSymbol } from '../model';

/** A category of a dimension: its code and its label as SSB wrote them. */
export interface DimCode {
  code: string;
  label: string;
}

/**
 * One cell of an SSB table, whatever the file format: the region, the time period, the statistics variable
 * (ContentsCode) and every other dimension (funksjon, art, regnskapsomfang, kjønn, alder, ...), with its value.
 * The importers produce cells; kostra-dimensions.ts maps cells to tidy observations.
 */
export interface SsbCell {
  region: DimCode;
  time: DimCode;
  contents?: DimCode;
  /** the other dimensions in table order; `dim` is the canonical name (see canonicalDim) */
  others: { dim: string; code: string; label: string }[];
  value: number | null;
  symbol?: MissingSymbol;
  /** unit from the file's metadata (JSON-stat `category.unit`), as SSB wrote it */
  unit?: string;
  /** 1-based line in a CSV file; undefined for JSON */
  line?: number;
}

export interface SsbImport {
  file: string;
  format: 'json-stat2' | 'json-stat' | 'csv';
  /** SSB table number, e.g. "12134", when the file says it */
  tableId?: string;
  title?: string;
  cells: SsbCell[];
  warnings: string[];
}
