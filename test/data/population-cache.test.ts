/**
 * The parsed population remembered across processes (src/data/population-cache.ts): used only for exactly the
 * files it was made from (path, size, modification time), made only from files whose every row parses, never
 * used by `data check`, and off unless turned on (the CLI turns it on; tests and the library read the CSV).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ProblemsError } from '../../src/errors';
import { listPopulationFiles, PopulationStore } from '../../src/data/population';
import { flushDerivedCaches, useDerivedCache } from '../../src/util/derived-cache';

let tmp: string;
let dataDir: string;
let cacheDir: string;
const HEADER = `# kilde: SSB, tabell 07459\n# hentet: 2026-01-01\n# lisens: NLOD\nregion,year,total,${Array.from({ length: 106 }, (_, a) => `a${a}`).join(',')}\n`;

/** A row whose ages are `n` each for the first `k` ages: total n × k. */
function row(region: string, year: number, n: number, k = 106): string {
  const ages = Array.from({ length: 106 }, (_, a) => (a < k ? n : 0));
  return `${region},${year},${n * k},${ages.join(',')}\n`;
}

function write(name: string, text: string, mtime?: Date): string {
  const file = path.join(dataDir, 'befolkning', name);
  fs.writeFileSync(file, text);
  if (mtime) fs.utimesSync(file, mtime, mtime);
  return file;
}

const store = () => new PopulationStore(listPopulationFiles(dataDir));
const cached = () => (fs.existsSync(path.join(cacheDir, 'population')) ? fs.readdirSync(path.join(cacheDir, 'population')) : []);

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kd-popcache-'));
  dataDir = path.join(tmp, 'data');
  cacheDir = path.join(tmp, 'cache');
  fs.mkdirSync(path.join(dataDir, 'befolkning'), { recursive: true });
  useDerivedCache(cacheDir);
});
afterEach(() => {
  flushDerivedCaches();
  useDerivedCache(undefined);
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('population cache', () => {
  test('made from the CSV on first use, then read instead of it while the files are unchanged', () => {
    const when = new Date('2026-01-02T00:00:00Z');
    const file = write('a.csv', HEADER + row('1837', 2025, 60) + row('1837', 2026, 59) + row('0000', 2026, 50000), when);
    const first = store();
    expect(first.row('1837', 2026)?.total).toBe(59 * 106);
    expect(cached()).toEqual([]); // written when the process exits, not during the build
    flushDerivedCaches();
    expect(cached()).toHaveLength(1);

    // same path, size and time but other digits: a store that reads the cache still sees the rows it was made from
    fs.writeFileSync(file, HEADER + row('1837', 2025, 61) + row('1837', 2026, 58) + row('0000', 2026, 50001));
    fs.utimesSync(file, when, when);
    const second = store();
    expect(second.row('1837', 2026)?.total).toBe(59 * 106);
    expect(second.row('1837', 2025)?.ages[105]).toBe(60);
    expect(second.row('EAK', 2026)?.total).toBe(50000 * 106);
    expect(second.years('1837')).toEqual([2025, 2026]);
    expect(second.regions().sort()).toEqual(['1837', 'EAK']);
    expect(second.row('1837', 2026)?.provenance).toEqual(first.row('1837', 2026)?.provenance);
    expect(second.row('1837', 2026)?.provenance.file).toBe(path.relative(process.cwd(), file));
    // ... and data check reads the files themselves
    expect(store().validate()).toEqual({ rows: 3 });

    // another modification time (an edit, an import, a checkout): the CSV again
    fs.utimesSync(file, new Date('2026-01-03T00:00:00Z'), new Date('2026-01-03T00:00:00Z'));
    expect(store().row('1837', 2026)?.total).toBe(58 * 106);
  });

  test('a new file, or the gaps file, makes a new key', () => {
    write('a.csv', HEADER + row('1837', 2026, 59));
    store().row('1837', 2026);
    flushDerivedCaches();
    write('b.csv', HEADER.replace('2026-01-01', '2026-02-01') + row('1837', 2026, 40));
    expect(store().row('1837', 2026)?.total).toBe(40 * 106); // the newer retrieval, not the cached rows
    flushDerivedCaches();
    fs.writeFileSync(path.join(dataDir, 'befolkning', 'mangler.csv'), 'region,fra,til,grunn\n5059,2005,2019,"delt"\n');
    expect(store().gap('5059', 2010)?.reason).toBe('delt');
    flushDerivedCaches();
    expect(store().gap('5059', 2010)?.reason).toBe('delt'); // from the cache, with the gaps
    expect(cached()).toHaveLength(3);
  });

  test('not made when a row has a problem: the problem is still reported with file:line', () => {
    write('a.csv', HEADER + row('1837', 2026, 59) + row('1837', 2025, 60).replace(',60,', ',x,'));
    const s = store();
    expect(s.row('1837', 2026)?.total).toBe(59 * 106);
    flushDerivedCaches();
    expect(cached()).toEqual([]);
    expect(() => store().row('1837', 2025)).toThrow(ProblemsError);
    expect(() => store().row('1837', 2025)).toThrow(/a\.csv:6: 'x' i kolonne 4 er ikke et heltall/);
  });

  test('off unless turned on', () => {
    useDerivedCache(undefined);
    write('a.csv', HEADER + row('1837', 2026, 59));
    expect(store().row('1837', 2026)?.total).toBe(59 * 106);
    flushDerivedCaches();
    expect(cached()).toEqual([]);
  });

  test('a damaged cache file is passed over', () => {
    write('a.csv', HEADER + row('1837', 2026, 59));
    store().row('1837', 2026);
    flushDerivedCaches();
    const [name] = cached();
    const file = path.join(cacheDir, 'population', name);
    fs.writeFileSync(file, fs.readFileSync(file).subarray(0, 100));
    expect(store().row('1837', 2026)?.total).toBe(59 * 106);
  });
});

test('data check (validate) leaves the cache the next build reads', () => {
  const when = new Date('2026-01-02T00:00:00Z');
  write('a.csv', HEADER + row('1837', 2026, 59), when);
  expect(store().validate()).toEqual({ rows: 1 });
  flushDerivedCaches();
  expect(cached()).toHaveLength(1);
  // the next store reads the cache: shown by a same-size, same-time edit it does not see
  write('a.csv', HEADER + row('1837', 2026, 58), when);
  expect(store().row('1837', 2026)?.total).toBe(59 * 106);
});
