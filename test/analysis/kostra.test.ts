import {
  Area,
  areaMatrix,
  bestePraksis,
  effektiviseringMatrix,
  effektiviseringspotensial,
  groupAggregate,
  lgjDeviation,
  minus,
  percentOf,
  sectorTable,
  shareDeviation,
  sumOrNull,
  times,
  utgiftskorrigert,
  utvikling,
} from '../../src/analysis/kostra';

/** Pure KOSTRA functions on constructed data (plus the worked examples the sources print). */

const AREAS: Area[] = [
  { key: 'adm', label: 'Administrasjon' },
  { key: 'skole', label: 'Grunnskole' },
  { key: 'plo', label: 'Pleie og omsorg' },
];

describe('null arithmetic', () => {
  test('missing stays missing, never 0', () => {
    expect(minus(5, null)).toBeNull();
    expect(times(null, 3)).toBeNull();
    expect(sumOrNull([1, null, 2])).toBeNull();
    expect(sumOrNull([])).toBeNull();
    expect(sumOrNull([1, -2, 3.5])).toBe(2.5);
    expect(percentOf(1, 0)).toBeNull();
    expect(percentOf(1, 4)).toBe(25);
  });
});

describe('areaMatrix', () => {
  test('sums each region over the areas; a region with a missing area has no sum', () => {
    const m = areaMatrix(AREAS, [
      { region: 'A', values: { adm: 100, skole: 200, plo: -50 } },
      { region: 'B', values: { adm: 1, skole: null, plo: 2 } },
      { region: 'C', values: {} },
    ]);
    expect(m.regions).toEqual(['A', 'B', 'C']);
    expect(m.rows.map((r) => r.values)).toEqual([
      [100, 1, null],
      [200, null, null],
      [-50, 2, null],
    ]);
    expect(m.total).toEqual([250, null, null]);
  });
});

describe('lgjDeviation', () => {
  // 003 Tabell 5.1 (the worked example): LGJ 100 000, Meløy 90 000, KG 6 80 000 kr per innb, 6 247 innbyggere.
  test('reproduces the worked example of 003 Tabell 5.1', () => {
    const rows = lgjDeviation(
      [
        { region: 'LGJ', kpi: 100000 },
        { region: 'K', kpi: 90000 },
        { region: 'KG6', kpi: 80000 },
      ],
      100000,
      90000,
      6247,
    );
    expect(rows).toEqual([
      { region: 'LGJ', kpi: 100000, avvikLgj: 0, sum: 624700000, avvik: 624700000 - 562230000 },
      { region: 'K', kpi: 90000, avvikLgj: -10000, sum: 562230000, avvik: 0 },
      { region: 'KG6', kpi: 80000, avvikLgj: -20000, sum: 499760000, avvik: 499760000 - 562230000 },
    ]);
  });

  test('a reference without a KPI gives null cells, and a missing kommune KPI leaves avvik missing', () => {
    const [ref] = lgjDeviation([{ region: 'R', kpi: null }], 10, 12, 100);
    expect(ref).toEqual({ region: 'R', kpi: null, avvikLgj: null, sum: null, avvik: null });
    const [r2] = lgjDeviation([{ region: 'R', kpi: 11 }], 10, null, 100);
    expect(r2).toEqual({ region: 'R', kpi: 11, avvikLgj: 1, sum: 1100, avvik: null });
  });
});

describe('shareDeviation', () => {
  test('share in percent and deviation in percentage points from the national share', () => {
    const rows = shareDeviation(
      [
        { region: 'L', numerator: 80, denominator: 100 },
        { region: 'K', numerator: 45, denominator: 50 },
        { region: 'X', numerator: 1, denominator: 0 },
      ],
      { region: 'L', numerator: 80, denominator: 100 },
    );
    expect(rows[0]).toEqual({ region: 'L', andel: 80, avvikLgj: 0 });
    expect(rows[1].andel).toBeCloseTo(90, 10);
    expect(rows[1].avvikLgj).toBeCloseTo(10, 10);
    expect(rows[2]).toEqual({ region: 'X', andel: null, avvikLgj: null });
  });
});

describe('effektiviseringspotensial', () => {
  test('003 §6.1 eksempel Brønnøy: (7 867 − 3 032) × 6 247 = 30 204 245', () => {
    expect(effektiviseringspotensial(7867, 3032, 6247)).toBe(30204245);
  });
  test('negative when the kommune spends less (merforbrukspotensial); null when a side is missing', () => {
    expect(effektiviseringspotensial(3000, 3500, 100)).toBe(-50000);
    expect(effektiviseringspotensial(3000, null, 100)).toBeNull();
    expect(effektiviseringspotensial(3000, 2000, null)).toBeNull();
  });
  test('matrix: per area and reference, total only where every area is known', () => {
    const m = effektiviseringMatrix(
      AREAS,
      { region: 'K', values: { adm: 10, skole: 20, plo: 30 } },
      [
        { region: 'R1', values: { adm: 5, skole: 25, plo: 30 } },
        { region: 'R2', values: { adm: 8 } },
      ],
      1000,
    );
    expect(m.refs).toEqual(['R1', 'R2']);
    expect(m.rows.map((r) => r.values)).toEqual([
      [5000, 2000],
      [-5000, null],
      [0, null],
    ]);
    expect(m.total).toEqual([0, null]);
  });
});

describe('utgiftskorrigert', () => {
  test('NDU divided by the sector behovsindeks', () => {
    expect(utgiftskorrigert(12000, 1.2)).toBeCloseTo(10000, 9);
    expect(utgiftskorrigert(9000, 0.9)).toBeCloseTo(10000, 9);
    expect(utgiftskorrigert(5000, 1)).toBe(5000);
  });
  test('missing or non-positive index gives missing', () => {
    expect(utgiftskorrigert(12000, 0)).toBeNull();
    expect(utgiftskorrigert(12000, -1)).toBeNull();
    expect(utgiftskorrigert(null, 1.1)).toBeNull();
    expect(utgiftskorrigert(12000, null)).toBeNull();
  });
  test('correction can change who is best: the kommune with the higher raw NDU but higher need wins', () => {
    // raw: K 12 000 (index 1.25 → 9 600), R 10 000 (index 1.0 → 10 000)
    const k = utgiftskorrigert(12000, 1.25);
    const r = utgiftskorrigert(10000, 1.0);
    const bp = bestePraksis([{ key: 'skole', label: 'Grunnskole' }], { region: 'K', values: { skole: k } }, [{ region: 'R', values: { skole: r } }], 100);
    expect(bp.rows[0].bestRegion).toBe('K');
    expect(bp.total).toBe(0);
  });
});

describe('bestePraksis (constructed data)', () => {
  const kommune = { region: 'K', values: { adm: 9000, skole: 20000, plo: 30000 } };
  test('per area the lowest available value among kommune and refs; diff × innbyggere; total', () => {
    const bp = bestePraksis(
      AREAS,
      kommune,
      [
        { region: 'R1', values: { adm: 6000, skole: 21000, plo: null } },
        { region: 'R2', values: { adm: 5000, skole: 19000 } },
        { region: 'R3', values: {} },
      ],
      100,
    );
    expect(bp.rows.map((r) => [r.key, r.bestRegion, r.bestValue, r.diff, r.diffTotal])).toEqual([
      ['adm', 'R2', 5000, -4000, -400000],
      ['skole', 'R2', 19000, -1000, -100000],
      ['plo', 'K', 30000, 0, 0],
    ]);
    expect(bp.total).toBe(-500000);
  });
  test('ties go to the kommune, then to the earlier reference', () => {
    const bp = bestePraksis(
      [{ key: 'adm', label: 'Adm' }, { key: 'skole', label: 'Skole' }],
      { region: 'K', values: { adm: 100, skole: 200 } },
      [
        { region: 'R1', values: { adm: 100, skole: 150 } },
        { region: 'R2', values: { adm: 100, skole: 150 } },
      ],
      10,
    );
    expect(bp.rows.map((r) => r.bestRegion)).toEqual(['K', 'R1']);
  });
  test('no references: the kommune is its own best practice', () => {
    const bp = bestePraksis(AREAS, kommune, [], 6212);
    expect(bp.rows.every((r) => r.bestRegion === 'K' && r.diff === 0)).toBe(true);
    expect(bp.total).toBe(0);
  });
  test('kommune missing an area: that row and the total are missing, not 0', () => {
    const bp = bestePraksis(AREAS, { region: 'K', values: { adm: 9000, skole: null, plo: 1 } }, [{ region: 'R', values: { skole: 100 } }], 100);
    const skole = bp.rows.find((r) => r.key === 'skole');
    expect(skole?.bestRegion).toBe('R');
    expect(skole?.diff).toBeNull();
    expect(bp.total).toBeNull();
  });
});

describe('utvikling (constructed data)', () => {
  test('change per innbygger × innbyggere of the later year, with total', () => {
    const u = utvikling(AREAS, { adm: 100, skole: 200, plo: 300 }, { adm: 90, skole: 250, plo: 300 }, 1000);
    expect(u.rows.map((r) => [r.diff, r.endring])).toEqual([
      [-10, -10000],
      [50, 50000],
      [0, 0],
    ]);
    expect(u.total).toBe(40000);
  });
  test('a missing year value gives a missing row and total', () => {
    const u = utvikling(AREAS, { adm: 100, skole: 200 }, { adm: 90, skole: 250, plo: 300 }, 1000);
    expect(u.rows[2].diff).toBeNull();
    expect(u.total).toBeNull();
  });
});

describe('groupAggregate', () => {
  test('weighted by innbyggere, 1000 kr converted to kroner per innbygger', () => {
    const a = groupAggregate([
      { region: 'A', innbyggere: 1000, frieInntekter: 70000, ndu: 80000 },
      { region: 'B', innbyggere: 3000, frieInntekter: 150000, ndu: 200000 },
    ]);
    expect(a).toEqual({ antall: 2, innbyggere: 4000, frieInntekterPerInnb: 55000, nduPerInnb: 70000, dekningsgrad: 220000 / 280000 });
  });
  test('a member without data makes the aggregate unknown', () => {
    const a = groupAggregate([
      { region: 'A', innbyggere: 1000, frieInntekter: 70000, ndu: 80000 },
      { region: 'B', innbyggere: null, frieInntekter: 1, ndu: 1 },
    ]);
    expect(a.innbyggere).toBeNull();
    expect(a.nduPerInnb).toBeNull();
  });
});

describe('sectorTable', () => {
  test('stored rows by variable, sum rows computed, missing stays null', () => {
    const values = new Map([
      ['x.a', new Map([['K', 1], ['R', 2]])],
      ['x.b', new Map<string, number | null>([['K', 10], ['R', null]])],
    ]);
    const labels = new Map([['x.a', 'A'], ['x.b', 'B']]);
    const rows = sectorTable(
      [
        { group: 'G', variable: 'x.a' },
        { group: 'G', variable: 'x.b', label: 'Egen etikett' },
        { group: 'G', label: 'Sum', sumOf: ['x.a', 'x.b'] },
        { group: 'H', variable: 'x.c' },
      ],
      ['K', 'R'],
      values,
      labels,
    );
    expect(rows.map((r) => [r.group, r.label, r.values, r.isSum])).toEqual([
      ['G', 'A', [1, 2], false],
      ['G', 'Egen etikett', [10, null], false],
      ['G', 'Sum', [11, null], true],
      ['H', 'x.c', [null, null], false],
    ]);
  });
});
