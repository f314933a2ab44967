/**
 * The tidy data model every source lands in (see README "Data").
 *
 * One observation = one number for one region, one year, one variable. Missing values keep SSB's
 * meaning and are never silently 0: `..` not available, `.` not applicable, `:` confidential.
 * SSB's `-` means "nothing to report" and is stored as 0 with the symbol kept.
 */
export type MissingSymbol = '..' | '.' | ':' | '-';
export const MISSING_SYMBOLS: readonly MissingSymbol[] = ['..', '.', ':', '-'];

export interface Observation {
  /** kommunenummer (4 digits) or a group code such as EKG06 (KOSTRA-gruppe 6), EAK (landet), EAKUO. */
  region: string;
  year: number;
  /** dotted id from data/variables.csv, e.g. `finans.netto_driftsresultat`. */
  variable: string;
  /** null when missing; then `symbol` says why. */
  value: number | null;
  symbol?: MissingSymbol;
  unit: string;
  /** where the figure comes from, e.g. "003 Tabell 1.1" or "SSB 12134". */
  source: string;
  /** where it was read from, for messages and the audit trail. */
  file: string;
  line: number;
}

/** One entry of the variable catalogue (data/variables.csv). */
export interface VariableDef {
  id: string;
  label: string;
  unit: string;
  description: string;
}

export type CellValue = string | number | null;

/** A row of a dedicated table (kostnadsnøkkel, KØB targets, ...): column name -> value, plus its origin. */
export interface TableRow {
  values: Record<string, CellValue>;
  file: string;
  line: number;
}

export type ColumnType = 'string' | 'number' | 'int' | 'region';

export interface ColumnSchema {
  name: string;
  type: ColumnType;
  /** a required column may not be empty; an optional one may be empty (-> null). Missing symbols are allowed in number columns. */
  required?: boolean;
  description?: string;
}

/**
 * A dedicated table: data/tables/<name>.csv. Declared in code so `data check` can validate it and the README
 * can document it.
 */
export interface TableSchema {
  name: string;
  description: string;
  columns: ColumnSchema[];
  /** columns that identify a row; duplicates are an error. */
  key: string[];
}

export interface KommuneInfo {
  /** kommunenummer or group code */
  code: string;
  /**
   * The name bokmål text uses: every slide, title, file name and message shows this. For a kommune whose official
   * name is in several languages it is the Norwegian form (data/register/navn-bokmal.csv): "Oslo", not "Oslo - Oslove".
   */
  name: string;
  /**
   * The official name in Klass 131 ("Oslo - Oslove", "Guovdageaidnu - Kautokeino"). Always set by the register
   * loaders; an entry built by hand may leave it out, and then it is `name`.
   */
  officialName?: string;
  /** 'kommune' for a kommune, 'gruppe' for KOSTRA-grupper, 'landet' for national aggregates */
  kind: 'kommune' | 'gruppe' | 'landet';
  /** valid in the current register (Klass 131, 2026) or kept because a source uses the code */
  current: boolean;
  note?: string;
}
