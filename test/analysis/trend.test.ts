/**
 * trend.*: the direction figures deck commentary is conditional on (src/metrics/trend.ts), on the embedded data.
 * Meløy's charted series is 003 Tabell 2.2 (6 582 in 2013, 6 288 in 2020, 5 575 in 2050 with MMMM); every other
 * kommune here has SSB 07459 only (1 January 2005–2026), so no projection.
 */
import { loadDataset } from '../../src/data/load';
import { Dataset } from '../../src/data/dataset';
import { FactStore } from '../../src/facts';
import { METRICS } from '../../src/metrics/registry';
import { seriesPeriods } from '../../src/metrics/trend';
import { isMissing } from '../../src/metrics/types';

let ds: Dataset;
let store: FactStore;
beforeAll(() => {
  ds = loadDataset().dataset;
  store = new FactStore(ds, METRICS, []);
});
const value = (id: string, kommune: string, year: number) => {
  const f = store.get(id, kommune, year);
  if (isMissing(f)) return { missing: f.missing };
  return f.kind === 'scalar' ? f.value : f.kind;
};

test('seriesPeriods: first year, newest year at or before the deck year, last projected year after the registered ones', () => {
  const pts = [2013, 2020, 2030, 2040, 2050].map((year, i) => ({ year, value: 100 - i }));
  expect(seriesPeriods(pts, 2023, 2026)).toEqual({ first: pts[0], now: pts[1], last: pts[4] });
  // registered years after the deck year are not a projection
  const reg = [2005, 2023, 2026].map((year) => ({ year, value: year }));
  expect(seriesPeriods(reg, 2023, 2026)).toEqual({ first: reg[0], now: reg[1], last: undefined });
});

test('Meløy 2023: fell 6 582 → 6 288 (2013–2020) and is projected to 5 575 in 2050 (003 Tabell 2.2)', () => {
  expect(value('trend.befolkning_fra_aar', '1837', 2023)).toBe('2013');
  expect(value('trend.befolkning_til_aar', '1837', 2023)).toBe('2020');
  expect(value('trend.befolkning_endring', '1837', 2023)).toBe(6288 - 6582);
  expect(value('trend.befolkning_prognose_aar', '1837', 2023)).toBe('2050');
  expect(value('trend.befolkning_endring_prognose', '1837', 2023)).toBe(5575 - 6288);
  // alderbæreevne 2,91 (2023) → 1,81 (2040), 000 "alderbæreevne Meløy"
  expect(value('trend.alderbaereevne_prognose_endring', '1837', 2023)).toBeCloseTo(1.81 - 2.91, 2);
  // the projection ten years on, 2020 → 2030: more 67+, fewer children and 23–66
  expect(value('trend.prognose_endring_67_pluss', '1837', 2020)).toBeGreaterThan(0);
  expect(value('trend.prognose_endring_0_15', '1837', 2020)).toBeLessThan(0);
  expect(value('trend.prognose_endring_23_66', '1837', 2020)).toBeLessThan(0);
});

test('Ullensaker 2023 (registered only): grew, 0–15 år grew, no projection', () => {
  expect(value('trend.befolkning_fra_aar', '3209', 2023)).toBe('2005');
  expect(value('trend.befolkning_endring', '3209', 2023)).toBe(18310);
  expect(value('trend.endring_0_15', '3209', 2023)).toBe(1472);
  expect(value('trend.befolkning_endring_prognose', '3209', 2023)).toEqual({ missing: expect.stringMatching(/ingen befolkningsfremskrivning for Ullensaker/) });
  expect(value('trend.prognose_endring_67_pluss', '3209', 2023)).toEqual({ missing: expect.any(String) });
  expect(value('trend.alderbaereevne_prognose_endring', '3209', 2023)).toEqual({ missing: expect.any(String) });
});

test('registered ten-year changes agree with befolkning.* (SSB 07459)', () => {
  for (const k of ['1837', '1856', '1151']) {
    const parts = ['befolkning.endring_0_1', 'befolkning.endring_2_5', 'befolkning.endring_6_15'].map((id) => value(id, k, 2023) as number);
    expect(value('trend.endring_0_15', k, 2023)).toBe(parts[0] + parts[1] + parts[2]);
  }
  // Røst: alderbæreevne 2013 → 2023 fell by 1,05
  expect(value('trend.alderbaereevne_endring', '1856', 2023)).toBeCloseTo(-1.05, 2);
});

test('trend.kostnadsindeks_mangler: the reason for Utsira 2026, missing for a kommune with an index and for years without one', () => {
  expect(value('trend.kostnadsindeks_mangler', '1151', 2026)).toBe('kostnadsindeksen for Utsira 2026 står ikke i kilden for 2026; ikke anslått');
  expect(value('trend.kostnadsindeks_mangler', '1856', 2026)).toEqual({ missing: expect.stringMatching(/finnes/) });
  expect(value('trend.kostnadsindeks_mangler', '1151', 2023)).toEqual({ missing: expect.stringMatching(/mangler for 2023/) });
});
