import { TableSchema } from '../model';

/**
 * National tables for every kommune: the inntektssystem's kostnadsindeks (Grønt hefte, tabell A-k) and the ROBEK
 * register. Gaps are rows with an empty value and a reason in `merknad`, never 0.
 */
export const KOSTNADSINDEKS: TableSchema = {
  name: 'kostnadsindeks',
  description: 'Kostnadsindeksen (indeks for beregnet utgiftsbehov, landet = 1) per kommune og inntektssystemår',
  columns: [
    { name: 'year', type: 'int', required: true, description: 'inntektssystemåret' },
    { name: 'region', type: 'region', required: true, description: 'kommunenummer' },
    { name: 'indeks', type: 'number', description: 'indeks for beregnet utgiftsbehov; tom når kilden ikke har tallet (se merknad)' },
    { name: 'merknad', type: 'string', description: 'hvorfor tallet mangler, eller hva som er spesielt med det' },
    { name: 'source', type: 'string', required: true, description: 'kilde, f.eks. «KDD, Grønt hefte 2026, tabell A-k»' },
  ],
  key: ['year', 'region'],
};

export const ROBEK: TableSchema = {
  name: 'robek',
  description: 'Kommunene i ROBEK (register om betinget godkjenning og kontroll) på en dato, med hjemmelen for innmeldingen',
  columns: [
    { name: 'dato', type: 'string', required: true, description: 'datoen registeret gjelder, ÅÅÅÅ-MM-DD' },
    { name: 'region', type: 'region', required: true, description: 'kommunenummer' },
    { name: 'hjemmel', type: 'string', required: true, description: 'bokstavene i kommuneloven § 28-1 (a–g) innmeldingen bygger på, f.eks. «c og d»' },
    { name: 'source', type: 'string', required: true, description: 'kilde, f.eks. «KDD, ROBEK-registeret 20.04.2026»' },
  ],
  key: ['dato', 'region'],
};


export const NASJONAL_TABLES: TableSchema[] = [KOSTNADSINDEKS, ROBEK];
