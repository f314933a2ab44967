import {
  AgeRange,
  KOSTNADSNOKKEL_GROUPS,
  YearPopulation,
  aggregateAges,
  alderbaereevne,
  ageRatio,
  countInRange,
  homeCareNeed,
  populationFromShares,
  shareChangePp,
  sharesSum,
  spendingPerTargetInhabitant,
} from '../../src/analysis/demografi';
import { isMissing } from '../../src/metrics/types';
import { constructedDataset } from './demografi-constructed';
import { REFS_003, demografiLoad, r1, run, scalar, series, table } from './demografi-fixture';

type Row = Record<string, string | number | null>;
const Y2020 = { year: 2020 };

describe('population by age (pure)', () => {
  const ages = new Map<number, number>(Array.from({ length: 101 }, (_, a) => [a, a < 100 ? 10 : 25]));
  const pop: YearPopulation = { year: 2030, ages, openAge: 100 };

  test('one-year ages: counts for closed and open ranges, the open bucket only in open ranges', () => {
    expect(countInRange(pop, { from: 6, to: 15 })).toBe(100);
    expect(countInRange(pop, { from: 90, to: null })).toBe(10 * 10 + 25);
    expect(countInRange(pop, { from: 0, to: null })).toBe(1000 + 25);
    // 95–100 would need to split the "100 and older" bucket
    expect(countInRange(pop, { from: 95, to: 100 })).toBeUndefined();
  });

  test('groups tile a range exactly, or give no answer', () => {
    const g: YearPopulation = {
      year: 2030,
      groups: [
        { range: { from: 16, to: 22 }, count: 70 },
        { range: { from: 23, to: 66 }, count: 440 },
        { range: { from: 67, to: 79 }, count: 130 },
        { range: { from: 80, to: 89 }, count: 60 },
        { range: { from: 90, to: null }, count: 15 },
      ],
    };
    expect(countInRange(g, { from: 16, to: 66 })).toBe(510);
    expect(countInRange(g, { from: 67, to: null })).toBe(205);
    expect(countInRange(g, { from: 20, to: 66 })).toBeUndefined();
    expect(ageRatio(g, { from: 16, to: 66 }, { from: 67, to: null })).toBeCloseTo(510 / 205, 12);
  });

  test('aggregating one-year ages into the kostnadsnøkkel groups', () => {
    const m = aggregateAges(ages, KOSTNADSNOKKEL_GROUPS, 100);
    expect([...m.entries()]).toEqual([
      ['0_1', 20],
      ['2_5', 40],
      ['6_15', 100],
      ['16_22', 70],
      ['23_66', 440],
      ['67_79', 130],
      ['80_89', 100],
      ['90_pluss', 125],
    ]);
  });

  test('alderbæreevne = 16–66 / 67+ per year', () => {
    const pops: YearPopulation[] = [
      { year: 2024, groups: [{ range: { from: 16, to: 66 }, count: 300 }, { range: { from: 67, to: null }, count: 100 }] },
      { year: 2023, groups: [{ range: { from: 16, to: 66 }, count: 291 }, { range: { from: 67, to: null }, count: 100 }] },
    ];
    expect(alderbaereevne(pops)).toEqual([
      { year: 2023, value: 2.91 },
      { year: 2024, value: 3 },
    ]);
  });

  test('home-care need: age-specific rates × population (003 §6.3.1 rates), worked by hand', () => {
    const rates: { range: AgeRange; pct: number }[] = [
      { range: { from: 67, to: 79 }, pct: 9.1 },
      { range: { from: 80, to: 89 }, pct: 26.8 },
      { range: { from: 90, to: null }, pct: 42.8 },
    ];
    const p: YearPopulation = {
      year: 2030,
      groups: [
        { range: { from: 67, to: 79 }, count: 1000 },
        { range: { from: 80, to: 89 }, count: 300 },
        { range: { from: 90, to: null }, count: 50 },
      ],
    };
    // 1000 × 9,1 % = 91; 300 × 26,8 % = 80,4; 50 × 42,8 % = 21,4; sum 192,8
    const [n] = homeCareNeed([p], rates);
    expect(n.byRange.map((v) => r1(v))).toEqual([91, 80.4, 21.4]);
    expect(r1(n.total)).toBe(192.8);
    expect(homeCareNeed([{ year: 2031, groups: [] }], rates)[0].total).toBeNull();
  });

  test('003 Tabell 6.5 and 6.7 follow from NDU_2020 × n_2020 / n_t with whole-person counts', () => {
    // The projected counts are not printed; these are the only whole numbers that reproduce all columns,
    // and they agree with Tabell 2.2's rounded shares (742 / 6 288 = 11,8 %; 596 / 5 992 = 9,9 %; 557 / 5 785 = 9,6 %; 545 / 5 575 = 9,8 %).
    const cases: [number, number, [number, number][], number[]][] = [
      [124043, 742, [[2025, 691], [2030, 596], [2040, 557], [2050, 545]], [133198, 154429, 165242, 168880]], // 6–15
      [304248, 226, [[2025, 172], [2030, 165], [2040, 165], [2050, 157]], [399767, 416727, 416727, 437962]], // 6–9
      [173990, 306, [[2025, 267], [2030, 267], [2040, 259], [2050, 241]], [199404, 199404, 205563, 220917]], // 1–5 (Tabell 6.7)
    ];
    for (const [base, n0, counts, published] of cases) {
      const got = spendingPerTargetInhabitant(
        base,
        n0,
        counts.map(([year, value]) => ({ year, value })),
      );
      got.forEach((g, i) => expect(Math.abs(g.value - published[i])).toBeLessThanOrEqual(1));
    }
    expect(r1((100 * 742) / 6288)).toBe(11.8);
    expect(r1((100 * 596) / 5992)).toBe(9.9);
    expect(r1((100 * 557) / 5785)).toBe(9.6);
    expect(r1((100 * 545) / 5575)).toBe(9.8);
  });

  test('shares that do not add up to 100 are caught within rounding', () => {
    expect(Math.abs(sharesSum([1.8, 4.2, 11.8, 9.0, 53.7, 19.5]).deviation)).toBeLessThan(1e-9);
    const s2013 = sharesSum([2.3, 1.3, 12.9, 10.2, 53.8, 16.5]);
    expect(r1(s2013.sum)).toBe(97);
    expect(Math.abs(s2013.deviation)).toBeGreaterThan(s2013.tolerance);
  });

  test('change in percentage points from shares', () => {
    const a = populationFromShares(2020, 6288, [{ range: { from: 67, to: null }, pct: 19.5 }, { range: { from: 0, to: 66 }, pct: 80.5 }]);
    const b = populationFromShares(2030, 5992, [{ range: { from: 67, to: null }, pct: 24.9 }, { range: { from: 0, to: 66 }, pct: 75.1 }]);
    expect(r1(shareChangePp(a, b, { from: 67, to: null }))).toBe(5.4);
  });
});

describe('003 Tabell 2.2 (andeler av aldersgrupper), from the data', () => {
  test('shares per group and year as printed', () => {
    const t = table('demografi.andeler', Y2020);
    expect(t.columns.map((c) => c.label)).toEqual(['Aldersgruppe', '2013', '2020', '2030', '2040', '2050']);
    const byGroup = Object.fromEntries(t.rows.map((r: Row) => [r.gruppe, [r.y2013, r.y2020, r.y2030, r.y2040, r.y2050].map(r1)]));
    expect(byGroup['0–1 år']).toEqual([2.3, 1.8, 1.7, 1.7, 1.6]);
    expect(byGroup['2–5 år']).toEqual([1.3, 4.2, 3.6, 3.6, 3.5]);
    expect(byGroup['6–15 år']).toEqual([12.9, 11.8, 9.9, 9.6, 9.8]);
    expect(byGroup['16–22 år']).toEqual([10.2, 9.0, 7.9, 6.5, 6.7]);
    expect(byGroup['23–66 år']).toEqual([53.8, 53.7, 52.0, 47.9, 46.9]);
    expect(byGroup['67 år og eldre']).toEqual([16.5, 19.5, 24.9, 30.6, 31.5]);
    // the 2013 column adds up to 97,0 % only (0–1 and 2–5 look wrong in the source)
    expect(byGroup['Sum']).toEqual([97.0, 100.0, 100.0, 99.9, 100.0]);
  });

  test('counts = share × befolkning (derived); the Befolkning row as printed', () => {
    const t = table('demografi.aldersgrupper', Y2020);
    const total = t.rows.find((r: Row) => r.gruppe === 'Befolkning') as Row;
    expect([total.y2013, total.y2020, total.y2030, total.y2040, total.y2050]).toEqual([6582, 6288, 5992, 5785, 5575]);
    const old = t.rows.find((r: Row) => r.gruppe === '67 år og eldre') as Row;
    expect(old.y2020).toBeCloseTo(0.195 * 6288, 9);
    expect(old.y2030).toBeCloseTo(0.249 * 5992, 9);
  });

  test('67+ rises 5,4 percentage points 2020→2030; the others fall 0,1–1,9 points', () => {
    expect(r1(scalar('demografi.endring_67_pluss_pp', Y2020))).toBe(5.4);
    const t = table('demografi.endring_andeler', Y2020);
    const ch = Object.fromEntries(t.rows.map((r: Row) => [r.gruppe, r1(r.e2030)]));
    expect(ch).toEqual({ '0–1 år': -0.1, '2–5 år': -0.6, '6–15 år': -1.9, '16–22 år': -1.1, '23–66 år': -1.7, '67 år og eldre': 5.4 });
    // 23–66: from 53,7 % of the population in 2020 to 46,9 % in 2050
    const w = t.rows.find((r: Row) => r.gruppe === '23–66 år') as Row;
    expect(r1(w.andel)).toBe(53.7);
    expect(r1((w.andel as number) + (w.e2050 as number))).toBe(46.9);
  });

  test('about 265 more inhabitants 67+ by 2030 (003 text after Tabell 2.2)', () => {
    const v = scalar('demografi.endring_67_pluss_antall', Y2020);
    // 24,9 % × 5 992 − 19,5 % × 6 288 = 265,8 from rounded shares
    expect(v).toBeCloseTo(265.848, 6);
    expect(Math.abs(v - 265)).toBeLessThan(1);
  });

  test('andel 67+ for the asked year, missing where the data has no such year', () => {
    expect(r1(scalar('demografi.andel_67_pluss', Y2020))).toBe(19.5);
    expect(r1(scalar('demografi.andel_67_pluss', { year: 2040 }))).toBe(30.6);
    const m = run('demografi.andel_67_pluss', { year: 2023 });
    expect(isMissing(m)).toBe(true);
  });

  test('arbeidsstyrke per behov (003 Figur 2.5): 2020 = 53,7 / 11,8 and 53,7 / 19,5', () => {
    const s = series('demografi.arbeidsstyrke_per_behov', Y2020);
    expect(s.categories).toEqual([2013, 2020, 2030, 2040, 2050]);
    const i = s.categories.indexOf(2020);
    expect(s.series[0].values[i]).toBeCloseTo(53.7 / 11.8, 10);
    expect(s.series[1].values[i]).toBeCloseTo(53.7 / 19.5, 10);
    // 2050: 46,9 / 9,8 and 46,9 / 31,5
    expect(s.series[0].values[4]).toBeCloseTo(46.9 / 9.8, 10);
    expect(s.series[1].values[4]).toBeCloseTo(46.9 / 31.5, 10);
  });
});

describe('alderbæreevne', () => {
  test('000 Alderbæreevne Meløy 2023–2040: the published series, marked published', () => {
    const s = series('demografi.alderbaereevne', { year: 2023 });
    expect(s.published).toBe(true);
    expect(s.categories).toEqual(Array.from({ length: 18 }, (_, i) => 2023 + i));
    expect(s.series[0].values).toEqual([2.91, 2.83, 2.72, 2.62, 2.59, 2.58, 2.52, 2.42, 2.37, 2.29, 2.21, 2.16, 2.08, 2.01, 1.93, 1.87, 1.84, 1.81]);
  });

  test('computed (16–66) / 67+ where population by age exists for the year (003 Tabell 2.2 for 2020)', () => {
    const s = series('demografi.alderbaereevne', Y2020);
    expect(s.published).toBeFalsy();
    const i = s.categories.indexOf(2020);
    expect(s.series[0].values[i]).toBeCloseTo((9.0 + 53.7) / 19.5, 10);
  });
});

describe('003 Tabell 2.1 (befolkningsstatistikk)', () => {
  test('% innbyggere tettsted = tettsted / innbyggere for all six regions', () => {
    const t = table('demografi.tettsted', { year: 2020, refs: REFS_003 });
    expect(t.rows.map((r: Row) => r.region)).toEqual(['Meløy', 'Alstahaug', 'Brønnøy', 'Hadsel', 'KOSTRA-gruppe 6', 'KOSTRA-gruppe 5']);
    expect(t.rows.map((r: Row) => r1(r.tettsted_pct))).toEqual([57.1, 82.4, 72.7, 70.2, 45.2, 50.7]);
    expect(r1(scalar('demografi.tettstedsandel', Y2020))).toBe(57.1);
  });

  test('births minus deaths per region (the text after the table says only Hadsel has a surplus; Alstahaug has +7 too)', () => {
    const t = table('demografi.befolkningsstatistikk', { year: 2020, refs: REFS_003 });
    expect(t.rows.map((r: Row) => r.fodselsoverskudd)).toEqual([-24, 7, -4, 4, -305, -335]);
    expect(scalar('demografi.fodselsoverskudd', Y2020)).toBe(-24);
    expect(scalar('demografi.innbyggere', Y2020)).toBe(6247);
  });
});

describe('003 Tabell 2.3 (ansatte 4. kvartal)', () => {
  test('the "2020 %" column: sectors in % of sysselsatte, sysselsatte in % of innbyggere', () => {
    const t = table('demografi.ansatte', Y2020);
    expect(t.columns.map((c) => c.label)).toEqual(['Ansatte 4. kvartal', '2016', '2017', '2018', '2019', '2020', '2020 %']);
    const pct = t.rows.map((r: Row) => r1(r.andel));
    // printed: 6,5 / 4,2 / 16,2 / 77,7 — helse og sosial 800 / 4 853 is 16,5 %, not 16,2 % (see report)
    expect(pct).toEqual([6.5, 4.2, 16.5, 77.7]);
    expect(r1(scalar('demografi.sysselsettingsandel', Y2020))).toBe(77.7);
  });
});

describe('003 Tabell 6.5, 6.7 (NDU per innbygger i målgruppen med 2020-drift)', () => {
  test('base year from KOSTRA (Tabell 6.4/6.6), projection published (no counts in the data)', () => {
    const g = table('demografi.ndu_fremskrevet_grunnskole', Y2020);
    expect(g.published).toBe(true);
    expect(g.rows).toEqual([
      { rad: 'NDU per innbygger 6–15 år', y2020: 124043, y2025: 133198, y2030: 154429, y2040: 165242, y2050: 168880 },
      { rad: 'NDU per innbygger 6–9 år', y2020: 304248, y2025: 399767, y2030: 416727, y2040: 416727, y2050: 437962 },
    ]);
    const b = table('demografi.ndu_fremskrevet_barnehage', Y2020);
    expect(b.rows).toEqual([{ rad: 'NDU per innbygger 1–5 år', y2020: 173990, y2025: 199404, y2030: 199404, y2040: 205563, y2050: 220917 }]);
  });
});

describe('003 Tabell 6.10 (helsetjenester i hjemmet)', () => {
  test('users grew 128 % from 2016 to 2020 (206 → 470)', () => {
    expect(Math.round(scalar('demografi.hjemmetjenester_vekst_brukere', Y2020))).toBe(128);
    const t = table('demografi.hjemmetjenester', Y2020);
    expect(t.rows).toHaveLength(6);
    const last = t.rows[5] as Row;
    expect(last).toMatchObject({ ar: '2020', lonn: 107384, brukere: 470 });
    expect(last.lonn_per_bruker).toBeCloseTo((107384 * 1000) / 470, 6);
  });

  test('the age-specific rates of §6.3.1; the projected need is missing without counts per age group', () => {
    const t = table('demografi.hjemmetjenester_satser', Y2020);
    expect(t.rows).toEqual([
      { gruppe: '67–79 år', andel: 9.1 },
      { gruppe: '80–89 år', andel: 26.8 },
      { gruppe: '90 år og eldre', andel: 42.8 },
    ]);
    expect(isMissing(run('demografi.hjemmetjenester_behov', Y2020))).toBe(true);
  });
});

describe('consistency warnings on population data', () => {
  test('003 Tabell 2.2: the 2013 shares add up to 97,0 %', () => {
    const w = demografiLoad().warnings.filter((x) => /andelene per aldersgruppe/.test(x.message));
    expect(w).toHaveLength(1);
    expect(w[0].message).toContain('Meløy (1837) 2013');
    expect(w[0].message).toContain('97,0 %');
    expect(w[0].file).toMatch(/003-tabell-2-2-aldersgrupper\.csv$/);
  });
});

describe('one-year ages (as from an SSB 14288 import), constructed data', () => {
  // 2020: 10 persons of every age 0–104 and 30 aged 105+; 2025: 8 of every age 0–66, 12 of every age 67–104, 30 aged 105+
  const obs: [string, number, string, number][] = [];
  for (let a = 0; a <= 105; a++) {
    obs.push(['9001', 2020, `befolkning.alder.${a}`, a === 105 ? 30 : 10]);
    obs.push(['9001', 2025, `befolkning.alder.${a}`, a === 105 ? 30 : a <= 66 ? 8 : 12]);
  }
  obs.push(['9001', 2020, 'kostra.grunnskole.ndu_per_innb_6_15', 100000]);
  obs.push(['9001', 2020, 'hjemmetjenester.mottakerandel_67_79', 10]);
  obs.push(['9001', 2020, 'hjemmetjenester.mottakerandel_80_89', 25]);
  obs.push(['9001', 2020, 'hjemmetjenester.mottakerandel_90_pluss', 40]);
  const ds = constructedDataset(obs);
  const ctx = { year: 2020, kommune: '9001', refs: [] };

  test('NDU per 6–15 år with 2020 spending is computed from counts, not published', () => {
    const t = table('demografi.ndu_fremskrevet_grunnskole', ctx, ds);
    expect(t.published).toBe(false);
    // 100 000 × 100 persons / 80 persons = 125 000
    expect(t.rows).toEqual([{ rad: 'NDU per innbygger 6–15 år', y2020: 100000, y2025: 125000 }]);
  });

  test('alderbæreevne and arbeidsstyrke from one-year ages, the 105+ bucket included in 67+', () => {
    const s = series('demografi.alderbaereevne', ctx, ds);
    expect(s.published).toBeFalsy();
    // 2020: 16–66 = 51 × 10 = 510; 67+ = 38 × 10 + 30 = 410. 2025: 51 × 8 = 408; 38 × 12 + 30 = 486
    expect(s.categories).toEqual([2020, 2025]);
    expect(s.series[0].values[0]).toBeCloseTo(510 / 410, 12);
    expect(s.series[0].values[1]).toBeCloseTo(408 / 486, 12);
    const a = series('demografi.arbeidsstyrke_per_behov', ctx, ds);
    expect(a.series[0].values[0]).toBeCloseTo(440 / 100, 12);
    const t = table('demografi.aldersgrupper', ctx, ds);
    expect(t.rows.map((r: Row) => r.gruppe)).toEqual(['0–1 år', '2–5 år', '6–15 år', '16–22 år', '23–66 år', '67–79 år', '80–89 år', '90 år og eldre', 'Befolkning']);
    expect(t.rows.map((r: Row) => r.y2020)).toEqual([20, 40, 100, 70, 440, 130, 100, 180, 1080]);
  });

  test('home-care need = rate × projected persons per age group', () => {
    const s = series('demografi.hjemmetjenester_behov', ctx, ds);
    // 2025: 67–79: 13 × 12 × 10 % = 15,6; 80–89: 10 × 12 × 25 % = 30; 90+: (15 × 12 + 30) × 40 % = 84
    expect(s.categories).toEqual([2020, 2025]);
    expect(s.series.map((x) => r1(x.values[1]))).toEqual([15.6, 30, 84]);
  });
});
