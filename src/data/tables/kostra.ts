import { TableSchema } from '../model';

/**
 * KOSTRA-gruppe membership per year: which kommuner SSB placed in which KOSTRA-gruppe for an accounting year.
 * The groups change between years, so membership is data, keyed by year and kommune. Kommuner carry their
 * current (2026) kommunenummer; `navn_i_kilden` keeps the name as the source printed it.
 */
export const KOSTRAGRUPPE_MEDLEMSKAP: TableSchema = {
  name: 'kostragruppe_medlemskap',
  description: 'Medlemmer av KOSTRA-grupper per regnskapsår (kommune -> gruppe)',
  columns: [
    { name: 'year', type: 'int', required: true, description: 'regnskapsår grupperingen gjelder for' },
    { name: 'gruppe', type: 'region', required: true, description: 'gruppekode, f.eks. EKG06' },
    { name: 'kommune', type: 'region', required: true, description: 'dagens kommunenummer' },
    { name: 'navn_i_kilden', type: 'string', description: 'navnet slik kilden skriver det' },
    { name: 'merknad', type: 'string', description: 'stavemåte, sammenslåing o.l.' },
    { name: 'source', type: 'string', required: true, description: 'kilde, f.eks. "003 Tabell 1.4"' },
  ],
  key: ['year', 'kommune'],
};

export const KOSTRA_TABLES: TableSchema[] = [KOSTRAGRUPPE_MEDLEMSKAP];
