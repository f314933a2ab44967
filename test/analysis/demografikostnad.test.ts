import { KOSTNADSNOKKEL_GROUPS, YearPopulation } from '../../src/analysis/demografi';
import { SectorYearTable, UnitCost, horizonSums, needChange, needChangeSeries, rowTotals, sumYears } from '../../src/analysis/demografikostnad';
import { isMissing } from '../../src/metrics/types';
import { constructedDataset } from './demografi-constructed';
import { run, scalar, table } from './demografi-fixture';

type Row = Record<string, string | number | null>;
const group = (key: string) => KOSTNADSNOKKEL_GROUPS.find((g) => g.key === key) as (typeof KOSTNADSNOKKEL_GROUPS)[number];

// Constructed population by kostnadsnøkkel group (not from the sources)
const POP: Record<number, Record<string, number>> = {
  2022: { '0_1': 100, '2_5': 200, '6_15': 500, '16_22': 300, '23_66': 2000, '67_79': 600, '80_89': 250, '90_pluss': 50 },
  2023: { '0_1': 90, '2_5': 190, '6_15': 480, '16_22': 290, '23_66': 1980, '67_79': 620, '80_89': 270, '90_pluss': 55 },
  2024: { '0_1': 95, '2_5': 180, '6_15': 470, '16_22': 280, '23_66': 1950, '67_79': 640, '80_89': 280, '90_pluss': 60 },
  2025: { '0_1': 95, '2_5': 180, '6_15': 470, '16_22': 280, '23_66': 1950, '67_79': 640, '80_89': 280, '90_pluss': 60 },
  2026: { '0_1': 95, '2_5': 180, '6_15': 460, '16_22': 280, '23_66': 1950, '67_79': 640, '80_89': 280, '90_pluss': 60 },
  2027: { '0_1': 95, '2_5': 180, '6_15': 460, '16_22': 280, '23_66': 1950, '67_79': 640, '80_89': 280, '90_pluss': 61 },
};
// Constructed national cost per inhabitant (kr, fixed kroner)
const COSTS: [sector: string, group: string, kr: number][] = [
  ['grunnskole', '6_15', 150000],
  ['barnehage', '0_1', 50000],
  ['barnehage', '2_5', 200000],
  ['pleie_og_omsorg', '67_79', 20000],
  ['pleie_og_omsorg', '80_89', 150000],
  ['pleie_og_omsorg', '90_pluss', 400000],
];

function pops(): YearPopulation[] {
  return Object.entries(POP).map(([y, g]) => ({ year: Number(y), groups: Object.entries(g).map(([k, count]) => ({ range: group(k), count })) }));
}
const unitCosts: UnitCost[] = COSTS.map(([sector, g, kr]) => ({ sector, range: group(g), krPerInhabitant: kr }));

describe('Δneed_t = Σ_age (pop_age,t − pop_age,t−1) × unit_cost_age,sector, on constructed data', () => {
  test('one year, worked by hand', () => {
    const p = pops();
    const r = needChange(p[0], p[1], unitCosts);
    if ('problem' in r) throw new Error('unexpected');
    // grunnskole: (480 − 500) × 150 000 = −3 000 000
    // barnehage:  (90 − 100) × 50 000 + (190 − 200) × 200 000 = −500 000 − 2 000 000 = −2 500 000
    // PLO:        (620 − 600) × 20 000 + (270 − 250) × 150 000 + (55 − 50) × 400 000 = 400 000 + 3 000 000 + 2 000 000 = 5 400 000
    expect(Object.fromEntries(r.bySector)).toEqual({ grunnskole: -3000000, barnehage: -2500000, pleie_og_omsorg: 5400000 });
  });

  test('a series of years with totals, worked by hand', () => {
    const r = needChangeSeries(pops(), unitCosts, 2023, 2027);
    if ('problem' in r) throw new Error('unexpected');
    expect(r.sectors).toEqual(['grunnskole', 'barnehage', 'pleie_og_omsorg']);
    // 2024: grunnskole (470 − 480) × 150 000 = −1 500 000; barnehage 5 × 50 000 − 10 × 200 000 = −1 750 000;
    //       PLO 20 × 20 000 + 10 × 150 000 + 5 × 400 000 = 3 900 000; total 650 000
    // 2025: no change; 2026: 6–15 falls by 10 → −1 500 000; 2027: one more 90+ → +400 000
    expect(r.rows).toEqual([
      { year: 2023, bySector: [-3000000, -2500000, 5400000], total: -100000 },
      { year: 2024, bySector: [-1500000, -1750000, 3900000], total: 650000 },
      { year: 2025, bySector: [0, 0, 0], total: 0 },
      { year: 2026, bySector: [-1500000, 0, 0], total: -1500000 },
      { year: 2027, bySector: [0, 0, 400000], total: 400000 },
    ]);
  });

  test('a missing year or age group is reported, not guessed', () => {
    const r = needChangeSeries(pops(), unitCosts, 2023, 2028);
    expect('problem' in r && r.problem.year).toBe(2028);
    const noOld: YearPopulation = { year: 2023, groups: [{ range: group('6_15'), count: 480 }] };
    const r2 = needChange(pops()[0], noOld, unitCosts);
    expect('problem' in r2 && r2.problem).toEqual({ year: 2023, range: group('0_1') });
  });

  test('planning horizons: budsjett = first year, økonomiplan = through four years after it, kommuneplan = ten years', () => {
    const t: SectorYearTable = { sectors: ['a', 'b'], rows: Array.from({ length: 10 }, (_, i) => ({ year: 2023 + i, values: [i + 1, -2 * (i + 1)] })) };
    const h = horizonSums(t);
    expect(h.map((x) => [x.key, x.from, x.to, x.bySector, x.total, x.complete])).toEqual([
      ['budsjett', 2023, 2023, [1, -2], -1, true],
      ['okonomiplan', 2023, 2027, [15, -30], -15, true], // 1+2+3+4+5
      ['kommuneplan', 2023, 2032, [55, -110], -55, true], // 1+…+10
    ]);
    const short: SectorYearTable = { sectors: ['a'], rows: t.rows.slice(0, 3).map((r) => ({ year: r.year, values: [r.values[0]] })) };
    expect(horizonSums(short).map((x) => x.complete)).toEqual([true, false, false]);
  });

  test('the metrics compute from the unit-cost table and population by group (constructed Dataset)', () => {
    const obs: [string, number, string, number][] = [];
    for (const [y, g] of Object.entries(POP)) for (const [k, v] of Object.entries(g)) obs.push(['9001', Number(y), `befolkning.gruppe.${k}`, v]);
    const ds = constructedDataset(obs, {
      demografikostnad_enhetskostnad: COSTS.map(([sektor, aldersgruppe, kr]) => ({ year: 2022, sektor, aldersgruppe, kr_per_innb: kr, source: 'konstruert' })),
    });
    const ctx = { year: 2023, kommune: '9001', refs: [] };
    const t = table('demografikostnad.per_sektor', ctx, ds);
    expect(t.published).toBe(false);
    expect(t.columns.map((c) => c.key)).toEqual(['ar', 'grunnskole', 'barnehage', 'pleie_og_omsorg', 'sum']);
    expect(t.rows[0]).toEqual({ ar: '2023', grunnskole: -3000, barnehage: -2500, pleie_og_omsorg: 5400, sum: -100 });
    // økonomiplan 2023–2027: grunnskole −3 000 − 1 500 − 1 500 = −6 000; barnehage −2 500 − 1 750 = −4 250;
    // PLO 5 400 + 3 900 + 400 = 9 700; sum −550 (1000 kr). Kommuneplan needs ten years: not shown.
    expect(t.rows.slice(5)).toEqual([{ ar: 'Sum 2023–2027 (økonomiplan)', grunnskole: -6000, barnehage: -4250, pleie_og_omsorg: 9700, sum: -550 }]);
    expect(t.totalRows).toEqual([5]);
    expect(scalar('demografikostnad.sum_budsjett', ctx, ds)).toBe(-100);
    expect(scalar('demografikostnad.sum_okonomiplan', ctx, ds)).toBe(-550);
    expect(scalar('demografikostnad.sum_okonomiplan_pleie_og_omsorg', ctx, ds)).toBe(9700);
    expect(isMissing(run('demografikostnad.sum_kommuneplan', ctx, ds))).toBe(true);
  });

  test('without unit costs or published figures the metric is missing, with a reason', () => {
    const ds = constructedDataset([['9001', 2023, 'befolkning.gruppe.0_1', 1]]);
    const r = run('demografikostnad.per_sektor', { year: 2023, kommune: '9001', refs: [] }, ds);
    expect(isMissing(r) && r.missing).toMatch(/enhetskostnader/);
  });
});

describe('000 "Anslag årlig endring i kommunens utgiftsbehov" for Meløy (published per-sector figures)', () => {
  const Y = { year: 2023 };
  // the SUM column and the sum rows as printed in the combined table
  const PRINTED_SUM = [-626, -5005, -992, -1702, -1842, -1011, -145, -3468, -495, 968];

  test('per-year figures as published, marked published; the SUM column is computed (±1 from rounding)', () => {
    const t = table('demografikostnad.per_sektor', Y);
    expect(t.published).toBe(true);
    expect(t.columns.map((c) => c.label)).toEqual(['Endring per 1.1.', 'Pleie og omsorg', 'Grunnskole', 'Barnehage', 'Sosial', 'Kommunehelse', 'Barnevern', 'Sum']);
    const years = t.rows.slice(0, 10) as Row[];
    expect(years.map((r) => r.ar)).toEqual(Array.from({ length: 10 }, (_, i) => String(2023 + i)));
    expect(years[0]).toEqual({ ar: '2023', pleie_og_omsorg: 2847, grunnskole: 0, barnehage: -2635, sosial: -437, kommunehelse: -132, barnevern: -269, sum: -626 });
    years.forEach((r, i) => expect(Math.abs((r.sum as number) - PRINTED_SUM[i])).toBeLessThanOrEqual(1));
    // exact where the rounded sector figures add up exactly; 2024, 2028 and 2032 differ by 1 in the source
    expect(years.map((r) => r.sum)).toEqual([-626, -5006, -992, -1702, -1842, -1010, -145, -3468, -495, 969]);
  });

  test('Sum 2023–2032 (kommuneplan) reproduces the printed row within rounding', () => {
    const t = table('demografikostnad.per_sektor', Y);
    const k = t.rows.find((r: Row) => r.ar === 'Sum 2023–2032 (kommuneplan)') as Row;
    const printed = { pleie_og_omsorg: 29990, grunnskole: -28778, barnehage: -9302, sosial: -2822, kommunehelse: -172, barnevern: -3234, sum: -14319 };
    // sector sums of ten rounded figures: within 1 of the print (exact for PLO, barnehage, barnevern)
    for (const [key, v] of Object.entries(printed)) if (key !== 'sum') expect(Math.abs((k[key] as number) - v)).toBeLessThanOrEqual(1);
    expect(k).toMatchObject({ pleie_og_omsorg: 29990, grunnskole: -28777, barnehage: -9302, sosial: -2821, kommunehelse: -173, barnevern: -3234 });
    // the total of sixty rounded figures is −14 317; the source (from unrounded figures) prints −14 319
    expect(k.sum).toBe(-14317);
    expect(Math.abs((k.sum as number) - printed.sum)).toBeLessThanOrEqual(2);
    expect(scalar('demografikostnad.sum_kommuneplan', Y)).toBe(-14317);
  });

  test('"Sum 2024-2027": the sector slides and the SUM column cover 2023–2027; the combined table’s sector cells cover 2024–2028', () => {
    const t = table('demografikostnad.per_sektor', Y);
    const o = t.rows.find((r: Row) => r.ar === 'Sum 2023–2027 (økonomiplan)') as Row;
    // standalone slides: PLO 10 228, Grunnskole −10 693, Barnehage −6 128; combined table SUM column −10 167
    expect(o.pleie_og_omsorg).toBe(10228);
    expect(o.grunnskole).toBe(-10694);
    expect(o.barnehage).toBe(-6128);
    // Σ of the rounded sector figures is −10 168; the printed SUM column (unrounded inputs) gives −10 167
    expect(o.sum).toBe(-10168);
    expect(Math.abs((o.sum as number) - -10167)).toBeLessThanOrEqual(1);
    expect(PRINTED_SUM.slice(0, 5).reduce((a, b) => a + b, 0)).toBe(-10167);
    expect(scalar('demografikostnad.sum_okonomiplan', Y)).toBe(-10168);
    expect(scalar('demografikostnad.sum_okonomiplan_pleie_og_omsorg', Y)).toBe(10228);
    expect(scalar('demografikostnad.sum_budsjett', Y)).toBe(-626);

    // the combined table's sector cells of that row (12 550, −15 254, −4 640, −1 289, −240, −1 679) are 2024–2028
    const pub: SectorYearTable = {
      sectors: t.columns.slice(1, 7).map((c) => c.key),
      rows: (t.rows.slice(0, 10) as Row[]).map((r) => ({ year: Number(r.ar), values: t.columns.slice(1, 7).map((c) => r[c.key] as number) })),
    };
    const s2428 = sumYears(pub, 2024, 2028).bySector;
    [12550, -15254, -4640, -1289, -240, -1679].forEach((v, i) => expect(Math.abs(s2428[i] - v)).toBeLessThanOrEqual(1));
    // the four years 2024–2027 literally give none of the printed figures (PLO 7 381)
    expect(sumYears(pub, 2024, 2027).bySector[0]).toBe(7381);
    expect(rowTotals(pub)[0].total).toBe(-626);
  });

  test('per-sector table (as the standalone PLO slide)', () => {
    const t = table('demografikostnad.pleie_og_omsorg', Y);
    expect(t.rows.map((r: Row) => r.endring)).toEqual([2847, -789, 1482, 2959, 3729, 5169, 4139, 620, 5219, 4615, 29990, 10228]);
    expect(t.rows.slice(10).map((r: Row) => r.ar)).toEqual(['Sum 2023–2032 (kommuneplan)', 'Sum 2023–2027 (økonomiplan)']);
    expect(t.totalRows).toEqual([10, 11]);
  });

  test('missing for a year without figures', () => {
    expect(isMissing(run('demografikostnad.per_sektor', { year: 2020 }))).toBe(true);
  });
});
