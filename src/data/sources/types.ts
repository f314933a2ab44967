/**
 * Where each input variable comes from publicly: the declaration the fetcher (`data update`), the audit trail,
 * `facts --json` and the slide source lines all read (issue 17). One entry per variable id of data/variables.csv
 * (or a family pattern such as `befolkning.alder.*`).
 */

/** An SSB statbank table, as PxWebApi v2 serves it. */
export interface SsbTableInfo {
  id: string;
  /** SSB's title of the table (bokmål) */
  title: string;
  /** the region dimension: KOKkommuneregion0000 for KOSTRA tables, Region for 07459/14288 */
  regionDim: string;
  /** the time dimension, normally Tid */
  timeDim: string;
  /** KOSTRA tables are published unrevised 15 March and revised 15 June */
  kostra: boolean;
  /** where the table id, dimension ids and codes were confirmed (a recorded response, SSB docs, a public project's file), or null when not confirmed */
  confirmed: string | null;
}

/** One variable from one SSB table: a ContentsCode plus fixed codes for the other dimensions. */
export interface SsbVariableSource {
  kind: 'ssb';
  table: string;
  contents: string;
  /** other dimensions fixed to one code each, e.g. { KOKfunksjon0000: 'FG2', KOKart0000: 'AGD2', KOKregnskapsomfa0000: 'A' } */
  dims?: Record<string, string>;
  /** the unit the variable has in data/variables.csv */
  unit: string;
  /** multiply SSB's number by this to get the variable's unit (e.g. 0.001 for kr -> 1000 kr); default 1 */
  scale?: number;
  /** which year the figure belongs to: the accounting year, population 1 January, or a projection year */
  year: 'regnskapsaar' | 'per-1-januar' | 'framskrivingsaar' | SsbYearExtra;
  /** where the codes were confirmed, or null when they could not be */
  confirmed: string | null;
  /** for a family pattern (`befolkning.alder.*`): the dimension whose code the `*` stands for, and how */
  each?: FamilyDimension;
  /** dimensions to sum over before storing (e.g. Kjonn for population by both sexes) */
  sum?: string[];
  /** the same variable from further tables, e.g. the projection 14288 for years after the last registered year */
  also?: SsbVariableSource[];
  /** one line for the README and the audit trail (bokmål) */
  note?: string;
  /** the table's year minus the variable's year, e.g. 1 for KOSTRA's 31.12 population read as 07459's 1 January of the next year */
  yearOffset?: number;
}

/** Additional year semantics: population 31 December (KOSTRA's per-innbygger denominator), employment 4th quarter. */
export type SsbYearExtra = 'per-31-desember' | 'fjerde-kvartal';

/** How the `*` of a family pattern maps to one dimension's codes. */
export interface FamilyDimension {
  dim: string;
  /** the variable-id segment for each code, e.g. '000' -> '0', '105+' -> '105' */
  codes: Record<string, string>;
}

/** A figure the ministry (KDD) publishes in the Grønt hefte or as spreadsheets, not in SSB's statbank. */
export interface KddVariableSource {
  kind: 'kdd';
  /** e.g. "Grønt hefte, tabell A-k" */
  publication: string;
  unit: string;
  confirmed: string | null;
  /** one line for the README and the audit trail (bokmål) */
  note?: string;
}

/** A classification in SSB's Klass (e.g. 112 KOSTRA-grupperinger), read through the Klass API. */
export interface KlassVariableSource {
  kind: 'klass';
  classification: string;
  /** the request the importer makes, with {from}/{to} or {date} placeholders */
  request: string;
  /** how a response becomes rows of the project's table */
  reads: string;
  confirmed: string | null;
  note?: string;
}

/** Computed by the importer or the analysis from other mapped variables; fetched through those. */
export interface DerivedVariableSource {
  kind: 'derived';
  /** the map keys it is computed from */
  from: string[];
  note: string;
  /** the unit of data/variables.csv, where a metric definition reads it from the map */
  unit?: string;
}

/** No public table has it: only the source documents (000, 003) or the kommune's own figures. */
export interface DocumentVariableSource {
  kind: 'document';
  /** e.g. ["003 Tabell 1.1"] */
  documents: string[];
  note: string;
  /** a public table that probably has the figure, not confirmed (table id and what is missing), for whoever maps it next */
  candidate?: string;
  /** the unit of data/variables.csv, where a metric definition reads it from the map */
  unit?: string;
}

export type VariableSource = SsbVariableSource | KddVariableSource | DocumentVariableSource | KlassVariableSource | DerivedVariableSource;
