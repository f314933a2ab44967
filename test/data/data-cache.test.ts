/**
 * The data folder's CSV files parsed once and remembered across processes (src/data/data-cache.ts, on in the CLI):
 * the same dataset as parsing the files, used only for exactly the files it was made from, never for data check,
 * and never made from files with a problem.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DEFAULT_DATA_DIR, loadDataset } from '../../src/data/load';
import { flushDerivedCaches, useDerivedCache } from '../../src/util/derived-cache';

let tmp: string;
let cacheDir: string;
const cachedFiles = () => (fs.existsSync(path.join(cacheDir, 'data')) ? fs.readdirSync(path.join(cacheDir, 'data')) : []);

/** A copy of the embedded data folder (without population, which has its own cache) to edit. */
function copyData(): string {
  const dir = path.join(tmp, 'data');
  fs.cpSync(DEFAULT_DATA_DIR, dir, { recursive: true, filter: (src) => !src.includes(`${path.sep}befolkning`) });
  return dir;
}

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kd-datacache-'));
  cacheDir = path.join(tmp, 'cache');
  useDerivedCache(cacheDir);
});
afterEach(() => {
  flushDerivedCaches();
  useDerivedCache(undefined);
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('data cache', () => {
  test('a dataset read from the cache is the dataset parsed from the files, field for field', () => {
    const fromFiles = loadDataset(DEFAULT_DATA_DIR).dataset;
    expect(cachedFiles()).toEqual([]);
    flushDerivedCaches();
    expect(cachedFiles()).toHaveLength(1);
    const fromCache = loadDataset(DEFAULT_DATA_DIR).dataset;
    flushDerivedCaches();
    expect(cachedFiles()).toHaveLength(1); // read, not written again
    expect(fromCache.observations).toStrictEqual(fromFiles.observations);
    expect([...fromCache.register]).toStrictEqual([...fromFiles.register]);
    expect([...fromCache.variables]).toStrictEqual([...fromFiles.variables]);
    expect([...fromCache.tables]).toStrictEqual([...fromFiles.tables]);
    // a figure of 003 Tabell 1.1 reads the same through the cache
    const o = fromFiles.observations.find((x) => x.region === '1837' && x.file.endsWith('003-tabell-1-1-nokkeltall.csv'));
    expect(o).toBeDefined();
    expect(fromCache.get(o!.region, o!.year, o!.variable)).toStrictEqual(o);
    expect(fromCache.regionName('0301')).toBe('Oslo');
  });

  test('an edited file is read again; data check always reads the files', () => {
    const dir = copyData();
    loadDataset(dir);
    flushDerivedCaches();
    const file = path.join(dir, 'observations', '003-tabell-1-1-nokkeltall.csv');
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    const i = lines.findIndex((l) => l.startsWith('1837,'));
    const cells = lines[i].split(',');
    const [region, year, variable] = cells;
    cells[3] = '12345.5';
    lines[i] = cells.join(',');
    fs.writeFileSync(file, lines.join('\n'));
    expect(loadDataset(dir).dataset.value(region, Number(year), variable)).toBe(12345.5);

    // a mistake in a file: reported with file:line by build and data check alike, and never cached
    flushDerivedCaches();
    const before = cachedFiles().length;
    lines[i] = cells.map((c, k) => (k === 3 ? 'tolv' : c)).join(',');
    fs.writeFileSync(file, lines.join('\n'));
    expect(() => loadDataset(dir)).toThrow(new RegExp(`003-tabell-1-1-nokkeltall\\.csv:${i + 1}: 'tolv' er ikke et tall`));
    expect(() => loadDataset(dir, { eager: true })).toThrow(/'tolv' er ikke et tall/);
    flushDerivedCaches();
    expect(cachedFiles()).toHaveLength(before);
  });

  test('a new file in a folder makes a new key', () => {
    const dir = copyData();
    loadDataset(dir);
    flushDerivedCaches();
    const extra = path.join(dir, 'observations', 'zz-egne-tall.csv');
    fs.writeFileSync(extra, 'region,year,variable,value,unit,source\n1837,2030,finans.netto_driftsresultat,1500,1000 kr,Egen beregning\n');
    const ds = loadDataset(dir).dataset;
    expect(ds.value('1837', 2030, 'finans.netto_driftsresultat')).toBe(1500);
    expect(ds.get('1837', 2030, 'finans.netto_driftsresultat')?.file).toBe(path.relative(process.cwd(), extra));
  });

  test('data check reads the files and leaves the cache for the builds that follow', () => {
    loadDataset(DEFAULT_DATA_DIR, { eager: true });
    flushDerivedCaches();
    expect(cachedFiles()).toHaveLength(1);
  });
});
