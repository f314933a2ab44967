import { vocabularyOf } from '../../src/build';
import { MetricDef } from '../../src/metrics/types';

/** A small metric vocabulary for parser and resolver tests, independent of the real analysis families. */
export const TEST_METRICS: MetricDef[] = [
  { id: 'finans.netto_driftsresultat_pct', label: 'Netto driftsresultat', unit: '%', kind: 'scalar', inputs: [], formula: 'NDR / BDI', compute: () => ({ value: 2.2, decimals: 1, source: ['003 Tabell 1.1'] }) },
  { id: 'finans.brutto_driftsinntekter', label: 'Brutto driftsinntekter', unit: 'kr', kind: 'scalar', inputs: [], formula: 'input', compute: (ctx) => (ctx.kommune === '1837' ? { value: 790118000, source: ['000'] } : { missing: 'ingen data' }) },
  { id: 'inntektssystem.behovsindeks', label: 'Behovsindeks', unit: 'indeks', kind: 'scalar', inputs: [], formula: 'Σ vekt × indeks', compute: () => ({ value: 1.1459, decimals: 4, source: ['003 Tabell 3.4'] }) },
  { id: 'kostra.tabell', label: 'Tabell', unit: 'kr per innb', kind: 'table', inputs: [], formula: 't', compute: () => ({ table: { columns: [{ key: 'omrade', label: 'Område' }, { key: 'kpi', label: 'KPI', unit: 'kr per innb' }], rows: [{ omrade: 'Adm', kpi: -3806 }, { omrade: 'PLO', kpi: 12268 }] }, source: ['000'] }) },
  { id: 'kostra.lang', label: 'Lang tabell', unit: 'kr', kind: 'table', inputs: [], formula: 'l', compute: () => ({ table: { columns: [{ key: 'rad', label: 'Rad' }, { key: 'a', label: 'Beløp', unit: 'kr' }, { key: 'b', label: 'Andel', unit: '%', decimals: 1 }], rows: Array.from({ length: 45 }, (_, i) => ({ rad: `Rad nummer ${i + 1}`, a: (i - 10) * 12345, b: i / 3 })), totalRows: [44] }, source: ['test'] }) },
  { id: 'demografi.serie', label: 'Serie', unit: 'antall', kind: 'series', inputs: [], formula: 's', compute: () => ({ series: { categories: [2023, 2024], series: [{ name: 'Meløy', values: [2.91, 2.83] }] }, source: ['000'] }) },
];

export const TEST_VOCAB = vocabularyOf(TEST_METRICS);
