import { loadDataset } from '../../src/data/load';
import { Dataset } from '../../src/data/dataset';
import { checkTargets, DEFAULT_TARGETS, dekningsgrad, growth, incomeBreakdown, interestRateCost, shareOfIncome } from '../../src/analysis/finans';
import { FINANS_METRICS } from '../../src/metrics/finans';
import { ComputeResult, isMissing, MetricContext, TableData } from '../../src/metrics/types';

/** Half away from zero, as the sources round. */
const round = (x: number, d = 0) => (Math.sign(x) * Math.round(Math.abs(x) * 10 ** d)) / 10 ** d;

let ds: Dataset;
beforeAll(() => {
  ds = loadDataset().dataset;
});

function run(id: string, over: Partial<MetricContext> = {}): ComputeResult {
  const m = FINANS_METRICS.find((x) => x.id === id);
  if (!m) throw new Error(`no metric ${id}`);
  return m.compute({ dataset: ds, kommune: '1837', year: 2020, refs: ['1820', '1813', '1866', 'EKG06', 'EKG05'], ...over });
}
function scalar(id: string, over: Partial<MetricContext> = {}): number | string | null {
  const r = run(id, over);
  if (isMissing(r) || !('value' in r)) throw new Error(`${id}: ${JSON.stringify(r)}`);
  return r.value;
}
function table(id: string, over: Partial<MetricContext> = {}): TableData {
  const r = run(id, over);
  if (isMissing(r) || !('table' in r)) throw new Error(`${id}: ${JSON.stringify(r)}`);
  return r.table;
}

describe('pure functions', () => {
  it('share of income, interest cost, dekningsgrad', () => {
    expect(shareOfIncome(25, 1000)).toBeCloseTo(2.5, 12);
    expect(() => shareOfIncome(1, 0)).toThrow(RangeError);
    expect(interestRateCost(376483, 1)).toBeCloseTo(3764.83, 9);
    expect(interestRateCost(1000, 2.5)).toBe(25);
    expect(dekningsgrad(69.1, 83.6)).toBeCloseTo(0.82656, 5);
  });

  it('target check compares the shown (one-decimal) figure with the threshold', () => {
    const r = checkTargets(DEFAULT_TARGETS, { netto_driftsresultat: 1.96, disposisjonsfond: 7.94, netto_lanegjeld: 75.04 });
    expect(r.map((x) => x.met)).toEqual([true, false, true]);
    const missing = checkTargets(DEFAULT_TARGETS, { netto_driftsresultat: null });
    expect(missing.map((x) => x.met)).toEqual([null, null, null]);
  });

  it('growth: total and compound annual growth; null with fewer than two points', () => {
    const g = growth([
      { year: 2015, value: 100 },
      { year: 2020, value: 120 },
    ]);
    expect(g?.totalPct).toBeCloseTo(20, 10);
    expect(g?.annualPct).toBeCloseTo((Math.pow(1.2, 1 / 5) - 1) * 100, 10);
    expect(growth([{ year: 2020, value: 1 }])).toBeNull();
    // 003 §7 prose: +13 % over 2015-2020 is 2,5 % per year, +20 % is 3,7 % (the prose says 3,9 %; no series is stored).
    expect(round(growth([{ year: 2015, value: 100 }, { year: 2020, value: 113 }])!.annualPct, 1)).toBe(2.5);
  });

  it('income breakdown sums frie inntekter and ekstrainntekter', () => {
    const b = incomeBreakdown({ rammetilskudd: 1, skatteinntekter: 2, utbytte: 3, eiendomsskatt: 4, naturressursskatt: 5, konsesjonskraft: 6 });
    expect([b.frieInntekter, b.ekstrainntekter, b.sum]).toEqual([3, 18, 21]);
  });
});

describe('golden figures, 003 Tabell 1.1 (nøkkeltall 2020)', () => {
  // 003 Tabell 1.1: every row's "Andel av brutto driftsinntekter", computed from the amount and the derived BDI.
  const published: Record<string, number> = {
    arbeidskapital: 22.7,
    avdrag: 3.1,
    avsetning_bundne_fond: -1.0,
    brutto_driftsresultat: 1.3,
    brutto_investeringsutgifter: 22.0,
    disposisjonsfond: 8.2,
    fri_egenkapital_drift: 8.2,
    langsiktig_gjeld: 239.8,
    netto_driftsresultat: 2.2,
    netto_lanegjeld: 81.0,
    netto_renteeksponering: 49.2,
    overskudd_for_lan_avsetninger: -1.2,
    pensjonsforpliktelse: 135.2,
    regnskapsmessig_merforbruk: 0.0,
    renteeksponert_gjeld: 61.2,
    renter_netto: 0.6,
    tap_gevinst_finansielle_instrumenter: 0.0,
    utlan_netto: 0.3,
    arets_merforbruk_drift: 0.2,
    arets_udekket_investering: 0.0,
  };

  it.each(Object.entries(published))('%s in %% of brutto driftsinntekter = %p', (key, pct) => {
    const v = scalar(`finans.${key}_pct`) as number;
    expect(round(v, 1) + 0).toBe(pct);
  });

  it('every BDI in the derived interval 765 805-765 987 reproduces every row (the derivation holds)', () => {
    for (const bdi of [765805, 765896, 765987]) {
      for (const [key, pct] of Object.entries(published)) {
        const a = ds.value('1837', 2020, `finans.${key}`) as number;
        expect(round(shareOfIncome(a, bdi), 1) + 0).toBe(pct);
      }
    }
    // just outside the interval some row fails
    const fails = (bdi: number) => Object.entries(published).some(([k, p]) => round(shareOfIncome(ds.value('1837', 2020, `finans.${k}`) as number, bdi), 1) + 0 !== p);
    expect(fails(765800)).toBe(true);
    expect(fails(765995)).toBe(true);
  });

  it('the table metric lists the 20 rows with amount and share', () => {
    const t = table('finans.nokkeltall');
    expect(t.rows).toHaveLength(20);
    const ndr = t.rows.find((r) => r.nokkeltall === 'Netto driftsresultat');
    expect(ndr?.belop).toBe(16754);
    expect(round(ndr?.andel as number, 1)).toBe(2.2);
  });

  it('KØB: 2,2 % / 8,2 % / 81,0 % against Meløy\'s rules -> met, met, missed (003 Tabell 1.1 and Sammendrag)', () => {
    expect(round(scalar('finans.netto_driftsresultat_pct') as number, 1)).toBe(2.2);
    expect(round(scalar('finans.disposisjonsfond_pct') as number, 1)).toBe(8.2);
    expect(round(scalar('finans.netto_lanegjeld_pct') as number, 1)).toBe(81.0);
    const t = table('finans.kob');
    expect(t.rows.map((r) => r.oppfylt)).toEqual(['✓', '✓', '×']);
    expect(t.rows.map((r) => r.terskel)).toEqual([2, 8, 75]);
    expect(scalar('finans.kob_oppfylt_antall')).toBe(2);
    expect(scalar('finans.kob_antall')).toBe(3);
    expect(scalar('finans.kob_netto_lanegjeld_oppfylt')).toBe('nei');
    expect(scalar('finans.kob_disposisjonsfond_oppfylt')).toBe('ja');
  });

  it('renteeksponering × 1 pp ≈ 3,76 mill (003 avsnitt 1.1 / DOMAIN)', () => {
    expect(scalar('finans.renteeksponering_1pp')).toBeCloseTo(3764830, 6);
  });

  it('brutto driftsinntekter 2022 = 790 118 000 kr (000)', () => {
    expect(scalar('finans.brutto_driftsinntekter', { year: 2022 })).toBe(790118000);
  });
});

describe('golden figures, 003 Tabell 1.2 (dekningsgrad)', () => {
  it('Meløy 69,1 / 83,6 = 0,83', () => {
    expect(round(scalar('finans.dekningsgrad') as number, 2)).toBe(0.83);
  });
  it('every column of Tabell 1.2', () => {
    const t = table('finans.dekningsgrad_sammenligning');
    expect(t.rows.map((r) => round(r.dekningsgrad as number, 2))).toEqual([0.83, 0.88, 0.94, 0.9, 0.87, 0.87]);
    expect(t.rows.map((r) => r.region)).toEqual(['Meløy', 'Alstahaug', 'Brønnøy', 'Hadsel', 'KOSTRA-gruppe 6', 'KOSTRA-gruppe 5']);
  });
});

describe('golden figures, 003 Tabell 3.2 and 3.3 (inntekter 2020)', () => {
  it('frie inntekter, sum ekstrainntekter and sum inntekter per region (Tabell 3.2)', () => {
    const t = table('finans.inntekter');
    const row = (post: string) => t.rows.find((r) => r.post === post)!;
    const cols = ['1837', '1820', '1813', '1866', 'EKG06', 'EKG05'];
    expect(cols.map((c) => row('Frie inntekter')[c])).toEqual([431931, 453200, 527052, 519937, 6579352, 7969370]);
    expect(cols.map((c) => row('Sum ekstrainntekter')[c])).toEqual([97272, 34104, 36104, 28814, 1381223, 1061781]);
    expect(cols.map((c) => row('Sum inntekter')[c])).toEqual([529203, 487304, 563156, 548751, 7960575, 9031151]);
  });

  it('kr per innbygger with innbyggere from Tabell 2.1 (Tabell 3.3)', () => {
    const t = table('finans.inntekter_per_innb');
    const row = (post: string) => t.rows.find((r) => r.post === post)!;
    const cols = ['1837', '1820', '1813', '1866', 'EKG06', 'EKG05'];
    const r = (post: string) => cols.map((c) => round(row(post)[c] as number));
    expect(r('Rammetilskudd')).toEqual([39867, 35318, 42202, 35975, 44592, 42096]);
    expect(r('Skatteinntekter')).toEqual([29275, 25975, 25343, 28493, 29457, 27024]);
    expect(r('Utbytte og eieruttak')).toEqual([787, 1028, 1074, 292, 1024, 1392]);
    expect(r('Eiendomsskatt')).toEqual([8761, 3584, 3553, 3281, 7892, 5652]);
    expect(r('Naturressursskatt')).toEqual([0, 0, 0, 0, 2812, 998]);
    expect(r('Konsesjonskraft')).toEqual([6023, 0, 0, 0, 3816, 1167]);
    // Sum row: Tabell 3.3 prints 84 719 for Meløy, but 529 203 / 6 247 = 84 713 (and its own rows add to 84 713);
    // the other five columns reproduce exactly.
    expect(r('Sum inntekter')).toEqual([84713, 65905, 72172, 68041, 89594, 78328]);
  });
});

describe('missing inputs', () => {
  it('returns missing (not a throw) for a kommune or year without data', () => {
    for (const m of FINANS_METRICS) {
      expect(isMissing(m.compute({ dataset: ds, kommune: '0301', year: 2020, refs: [] }))).toBe(true);
      expect(isMissing(m.compute({ dataset: ds, kommune: '1837', year: 2005, refs: [] }))).toBe(true);
    }
  });
  it('growth needs a series of at least two years: 003 gives 2015-2020 only in prose', () => {
    expect(isMissing(run('finans.vekst_frie_inntekter_ndu'))).toBe(true);
  });
});
