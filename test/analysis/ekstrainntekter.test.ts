import { loadDataset } from '../../src/data/load';
import { Dataset } from '../../src/data/dataset';
import { brukAvEkstrainntekter } from '../../src/analysis/ekstrainntekter';
import { EKSTRAINNTEKTER_METRICS } from '../../src/metrics/ekstrainntekter';
import { isMissing, MetricContext } from '../../src/metrics/types';

let ds: Dataset;
beforeAll(() => {
  ds = loadDataset().dataset;
});

function value(id: string, over: Partial<MetricContext> = {}): number {
  const m = EKSTRAINNTEKTER_METRICS.find((x) => x.id === id)!;
  const r = m.compute({ dataset: ds, kommune: '1837', year: 2020, refs: [], ...over });
  if (isMissing(r) || !('value' in r) || typeof r.value !== 'number') throw new Error(`${id}: ${JSON.stringify(r)}`);
  return r.value;
}

describe('bruk av ekstrainntekter', () => {
  it('pure: bruk = netto betalbare utgifter − skatt og ramme; andel of netto betalbare utgifter', () => {
    const r = brukAvEkstrainntekter({
      income: [{ id: 'i', label: 'i', amount: 100 }],
      operatingExpenditure: [{ id: 'u', label: 'u', amount: -1000 }],
      repayments: [{ id: 'a', label: 'a', amount: -100 }],
      frieInntekter: [{ id: 'f', label: 'f', amount: 750 }],
    });
    expect(r.sumPayable).toBe(-1000);
    expect(r.bruk).toBe(250);
    expect(r.andel).toBe(25);
    expect(r.andelFrieInntekter).toBe(75);
  });

  it('003 Tabell 4.1: 73 544 784 kr = 14,55 % (85,45 % from skatt og ramme)', () => {
    // The printed lines are whole kroner of amounts kept in øre: they add up to 505 476 166 kr of netto betalbare
    // utgifter where the table prints 505 476 165, so bruk comes out 1 kr above the printed 73 544 784.
    expect(Math.abs(value('ekstrainntekter.bruk') - 73544784)).toBeLessThanOrEqual(1);
    expect(Math.round(value('ekstrainntekter.andel') * 100) / 100).toBe(14.55);
    expect(Math.round(value('ekstrainntekter.andel_skatt_og_ramme') * 100) / 100).toBe(85.45);
    expect(Math.abs(value('ekstrainntekter.netto_betalbare_utgifter') - 505476165)).toBeLessThanOrEqual(1);
  });

  it('003 Tabell 4.1: the subtotals of the table', () => {
    const m = EKSTRAINNTEKTER_METRICS.find((x) => x.id === 'ekstrainntekter.driftsregnskap')!;
    const r = m.compute({ dataset: ds, kommune: '1837', year: 2020, refs: [] });
    if (isMissing(r) || !('table' in r)) throw new Error('missing');
    const get = (p: string) => r.table.rows.find((x) => x.post === p)!.sum;
    expect(get('Sum betalbare inntekter')).toBe(212441287);
    expect(get('Sum betalbare driftsutgifter')).toBe(-692679859);
    expect(get('Sum skatt og ramme')).toBe(431931381);
    expect(r.table.totalRows).toHaveLength(5);
  });

  it('returns missing without the accounts', () => {
    for (const m of EKSTRAINNTEKTER_METRICS) expect(isMissing(m.compute({ dataset: ds, kommune: '1837', year: 2022, refs: [] }))).toBe(true);
  });
});
