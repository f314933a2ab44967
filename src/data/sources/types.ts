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
  year: 'regnskapsaar' | 'per-1-januar' | 'framskrivingsaar';
  /** where the codes were confirmed, or null when they could not be */
  confirmed: string | null;
}

/** A figure the ministry (KDD) publishes in the Grønt hefte or as spreadsheets, not in SSB's statbank. */
export interface KddVariableSource {
  kind: 'kdd';
  /** e.g. "Grønt hefte, tabell A-k" */
  publication: string;
  unit: string;
  confirmed: string | null;
}

/** No public table has it: only the source documents (000, 003) or the kommune's own figures. */
export interface DocumentVariableSource {
  kind: 'document';
  /** e.g. ["003 Tabell 1.1"] */
  documents: string[];
  note: string;
}

export type VariableSource = SsbVariableSource | KddVariableSource | DocumentVariableSource;
