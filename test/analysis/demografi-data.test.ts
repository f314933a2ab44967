import { ProblemsError } from '../../src/errors';
import { loadDataset } from '../../src/data/load';
import { METRICS } from '../../src/metrics/registry';
import { DEMOGRAFI_METRICS } from '../../src/metrics/demografi';
import { DEMOGRAFIKOSTNAD_METRICS } from '../../src/metrics/demografikostnad';
import { KOMPASS_METRICS } from '../../src/metrics/kompass';
import { isMissing } from '../../src/metrics/types';
import { DEMOGRAFI_OBSERVATION_FILES, DEMOGRAFI_TABLE_FILES, KOMPASS_FILES, demografiLoad } from './demografi-fixture';

const MINE = [...DEMOGRAFI_OBSERVATION_FILES, ...DEMOGRAFI_TABLE_FILES, ...KOMPASS_FILES];
const MY_PREFIX = /(befolkning|sysselsetting|demografi|demografikostnad|hjemmetjenester)\./;

describe('data of the population, demographic-cost and Kommunekompass families', () => {
  test('the families’ data folder loads cleanly with loadDataset(); the only warnings are the two source inconsistencies', () => {
    const { dataset, warnings } = demografiLoad();
    expect(warnings.map((w) => w.message.slice(0, 60))).toEqual([
      expect.stringContaining('Kommunekompass 1837 2023, område 1'),
      expect.stringContaining('Meløy (1837) 2013: andelene per aldersgruppe'),
    ]);
    expect(dataset.documents.has('kompass/1837-2023')).toBe(true);
    const mine = dataset.observations.filter((o) => MY_PREFIX.test(o.variable));
    // 54 (Tabell 2.1) + 35 (2.2) + 20 (2.3) + 12 (6.5/6.7) + 3 (§6.3.1) + 18 (alderbæreevne) + 60 (utgiftsbehov)
    expect(mine).toHaveLength(54 + 35 + 20 + 12 + 3 + 18 + 60);
    expect(mine.every((o) => /^00[03] /.test(o.source))).toBe(true);
    // published figures (inputs not printed) are the only stored results, and they say so in their id
    expect(mine.filter((o) => /alderbaereevne|ndu_|endring_/.test(o.variable)).every((o) => o.variable.endsWith('_publisert'))).toBe(true);
  });

  test('in the shared default data, no problem points at these families’ files', () => {
    try {
      const { warnings } = loadDataset();
      const ours = warnings.filter((w) => MINE.some((f) => (w.file ?? '').endsWith(f)));
      expect(ours).toHaveLength(2);
    } catch (e) {
      if (!(e instanceof ProblemsError)) throw e;
      const ours = e.problems.filter((p) => MINE.some((f) => p.file.endsWith(f)) || (p.file.endsWith('variables.csv') && MY_PREFIX.test(p.message)));
      expect(ours).toEqual([]);
    }
  });

  test('the metrics are registered with unique ids, including the required ones', () => {
    const ids = [...DEMOGRAFI_METRICS, ...DEMOGRAFIKOSTNAD_METRICS, ...KOMPASS_METRICS].map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(METRICS.filter((m) => m.id === id)).toHaveLength(1);
    for (const id of ['demografi.andel_67_pluss', 'demografi.alderbaereevne', 'kompass.total', 'kompass.maks', 'demografikostnad.per_sektor', 'demografikostnad.sum_okonomiplan']) expect(ids).toContain(id);
    for (let n = 1; n <= 8; n++) for (const p of ['omrade', 'funn', 'poeng']) expect(ids).toContain(`kompass.${p}_${n}`);
  });

  test('every metric computes or is missing with a reason for Meløy 2020, 2022 and 2023, never throws', () => {
    const { dataset } = demografiLoad();
    const found: Record<number, string[]> = {};
    for (const year of [2020, 2022, 2023]) {
      found[year] = [];
      for (const m of [...DEMOGRAFI_METRICS, ...DEMOGRAFIKOSTNAD_METRICS, ...KOMPASS_METRICS]) {
        const r = m.compute({ dataset, kommune: '1837', year, refs: ['1820', '1813', '1866', 'EKG06', 'EKG05'] });
        if (isMissing(r)) expect(r.missing.length).toBeGreaterThan(10);
        else {
          found[year].push(m.id);
          expect(r.source?.length).toBeGreaterThan(0);
          expect(r.inputs?.length).toBeGreaterThan(0);
        }
      }
    }
    expect(found[2020]).toEqual(expect.arrayContaining(['demografi.andel_67_pluss', 'demografi.andeler', 'demografi.arbeidsstyrke_per_behov', 'demografi.alderbaereevne']));
    expect(found[2023]).toEqual(expect.arrayContaining(['kompass.total', 'kompass.omrade_1', 'demografi.alderbaereevne', 'demografikostnad.per_sektor']));
    expect(found[2020].some((id) => id.startsWith('kompass.'))).toBe(false);
    // for another kommune nothing is found, and nothing throws
    for (const m of [...DEMOGRAFI_METRICS, ...DEMOGRAFIKOSTNAD_METRICS, ...KOMPASS_METRICS]) expect(isMissing(m.compute({ dataset, kommune: '1563', year: 2023, refs: [] }))).toBe(true);
  });
});
