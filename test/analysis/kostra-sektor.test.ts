import { TableData } from '../../src/metrics/types';
import { REFS_003, kostraDataset, run, table } from './kostra-fixture';

/** The sector tables of 003 §6 (Tabell 6.3–6.14), laid out from the tidy variables; sums computed. */

const Y2020 = { year: 2020, refs: REFS_003 };
const REGIONS = ['1837', '1820', '1813', '1866', 'EKG06', 'EKG05'];
type Row = TableData['rows'][number];

function rowOf(t: TableData, label: string): Row {
  const r = t.rows.find((x) => x.indikator === label);
  if (!r) throw new Error(`no row ${label} in ${t.rows.map((x) => x.indikator).join(' | ')}`);
  return r;
}
const valuesOf = (r: Row) => REGIONS.map((reg) => r[reg]);

describe('003 Tabell 6.3: grunnskole', () => {
  test('"Antall elever" = Σ årstrinn and "Antall lærere" = Σ categories reproduce the published sums', () => {
    const t = table('kostra.sektor.grunnskole', Y2020);
    expect(valuesOf(rowOf(t, 'Antall elever'))).toEqual([686, 815, 966, 912, 9337, 12612]);
    expect(valuesOf(rowOf(t, 'Antall lærere'))).toEqual([135, 112, 134, 124, 1769, 2068]);
    expect(t.totalRows?.map((i) => t.rows[i].indikator)).toEqual(['Antall elever', 'Antall lærere']);
  });
  test('groups kept in the source order, with the sums inside their group', () => {
    const t = table('kostra.sektor.grunnskole', Y2020);
    expect([...new Set(t.rows.map((r) => r.gruppe))]).toEqual(['Elever', 'Lærere', 'Annet']);
    expect(t.rows).toHaveLength(10 + 1 + 4 + 1 + 8);
    expect(t.columns.map((c) => c.key)).toEqual(['gruppe', 'indikator', 'enhet', ...REGIONS]);
  });
  test('003 §6.2.1 text: 46 of Meløy\'s teachers lack pedagogical education; 686 pupils ≈ 7,3 % of KG 6', () => {
    const ds = kostraDataset();
    const v = (x: string, r = '1837') => ds.value(r, 2020, `kostra.grunnskole.${x}`) as number;
    expect(v('laerere_uten_pedagogisk') + v('laerere_vgs_eller_lavere')).toBe(46);
    const t = table('kostra.sektor.grunnskole', Y2020);
    const elever = rowOf(t, 'Antall elever');
    expect(Math.round((1000 * (elever['1837'] as number)) / (elever.EKG06 as number)) / 10).toBe(7.3);
  });
  test('decimal indicators keep one decimal', () => {
    const t = table('kostra.sektor.grunnskole', Y2020);
    expect(rowOf(t, 'Gjennomsnittlige grunnskolepoeng')).toMatchObject({ '1837': 40.5, desimaler: 1, enhet: 'poeng' });
    expect(rowOf(t, 'Antall elever').desimaler).toBe(0);
  });
});

describe('003 Tabell 6.4: grunnskole økonomi', () => {
  test('NDU (1000 kr) and NDU per innbygger agree for Meløy: 93 404 000 / 6 247 ≈ 14 952', () => {
    const t = table('kostra.sektor.grunnskole_okonomi', Y2020);
    const ndu = rowOf(t, 'Netto driftsutgifter grunnskole')['1837'] as number;
    const perInnb = rowOf(t, 'NDU grunnskole per innbygger')['1837'] as number;
    expect(Math.round((ndu * 1000) / 6247)).toBe(perInnb);
    expect(t.rows).toHaveLength(6);
  });
});

describe('003 Tabell 6.9: omsorgstjenester', () => {
  test('the lønn and NDU rows are the helse og omsorg rows of Tabell 6.2 / 6.1 and equal the published 6.9 values', () => {
    const t = table('kostra.sektor.omsorg', Y2020);
    expect(valuesOf(rowOf(t, 'Lønn helse og omsorg per innbygger'))).toEqual([37367, 26613, 27523, 26898, 35684, 31903]);
    expect(valuesOf(rowOf(t, 'NDU helse og omsorg per innbygger'))).toEqual([40373, 25414, 28737, 28741, 37745, 32959]);
    expect(t.rows).toHaveLength(19);
    expect([...new Set(t.rows.map((r) => r.gruppe))]).toEqual(['Økonomi', 'Dekningsgrader', 'Annet']);
  });
  test('"Brukere helsetjenester i hjemmet" has no KG values: missing (..), not 0', () => {
    const t = table('kostra.sektor.omsorg', Y2020);
    expect(valuesOf(rowOf(t, 'Brukere av helsetjenester i hjemmet'))).toEqual([649, 369, 656, 467, null, null]);
    expect(kostraDataset().get('EKG06', 2020, 'kostra.omsorg.brukere_helsetjenester_hjemmet')?.symbol).toBe('..');
  });
  test('hjemmebesøk til nyfødte is stored once and shown in both 6.9 and 6.11', () => {
    const a = rowOf(table('kostra.sektor.omsorg', Y2020), 'Hjemmebesøk av helsesykepleier til nyfødte');
    const b = rowOf(table('kostra.sektor.kommunehelse', Y2020), 'Hjemmebesøk av helsesykepleier til nyfødte');
    expect(valuesOf(a)).toEqual([100, 100, 104, 46, 92, 90]);
    expect(valuesOf(b)).toEqual(valuesOf(a));
  });
});

describe('003 Tabell 6.10: helsetjenester i hjemmet 2015–2020', () => {
  test('lønn (1000 kr, thousands written with "." in the source) and brukere per year', () => {
    const t = table('kostra.helsetjenester_hjemmet', Y2020);
    expect(t.rows.map((r) => [r.ar, r.lonn, r.brukere])).toEqual([
      [2015, 74061, 384],
      [2016, 85453, 206],
      [2017, 89346, 276],
      [2018, 95325, 295],
      [2019, 109322, 440],
      [2020, 107384, 470],
    ]);
    expect(table('kostra.helsetjenester_hjemmet', { year: 2017, refs: [] }).rows).toHaveLength(3);
  });
});

describe('003 Tabell 6.6, 6.8, 6.11–6.14', () => {
  test('row counts and groups as in the source (duplicated source rows shown once)', () => {
    const expected: Record<string, [number, string[]]> = {
      barnehage: [17, ['Økonomi', 'Dekningsgrader', 'Antall']],
      barnevern: [9, ['Økonomi', 'Annet']],
      kommunehelse: [8, ['Økonomi', 'Annet']],
      kultur: [11, ['Økonomi', 'Annet']],
      plan: [12, ['Andeler', 'Annet']],
      samferdsel: [9, ['Økonomi', 'Annet']],
    };
    for (const [key, [n, groups]] of Object.entries(expected)) {
      const t = table(`kostra.sektor.${key}`, Y2020);
      expect([key, t.rows.length]).toEqual([key, n]);
      expect([...new Set(t.rows.map((r) => r.gruppe))]).toEqual(groups);
      expect(t.rows.every((r) => typeof r.indikator === 'string' && r.indikator !== '' && typeof r.enhet === 'string')).toBe(true);
    }
  });
  test('003 Tabell 6.12: NDU kultursektoren per innbygger is the Tabell 6.1 row and equals the published values', () => {
    const t = table('kostra.sektor.kultur', Y2020);
    expect(valuesOf(rowOf(t, 'NDU kultursektoren per innbygger'))).toEqual([2058, 4344, 1956, 1888, 3288, 3027]);
  });
  test('003 Tabell 6.11: legetimer keep their decimal', () => {
    const t = table('kostra.sektor.kommunehelse', Y2020);
    expect(rowOf(t, 'Legetimer per uke per sykehjemsbeboer')).toMatchObject({ '1837': 0.3, desimaler: 1 });
  });
  test('003 Tabell 6.8: the Hadsel column repeats Alstahaug in every row of the source (stored as printed)', () => {
    const t = table('kostra.sektor.barnevern', Y2020);
    expect(t.rows.every((r) => r['1866'] === r['1820'])).toBe(true);
    expect(t.rows.some((r) => r['1813'] !== r['1820'])).toBe(true);
  });
  test('a sector table for a kommune without data is missing, and a reference without data shows null', () => {
    expect(run('kostra.sektor.kultur', { kommune: '5027', year: 2020, refs: [] })).toEqual({ missing: expect.stringContaining('Midtre Gauldal') });
    const t = table('kostra.sektor.kultur', { year: 2020, refs: ['5027'] });
    expect(t.rows.every((r) => r['5027'] === null)).toBe(true);
  });
});
