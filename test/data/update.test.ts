import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from '../../src/cli/main';
import { CliIO } from '../../src/cli/io';
import { runUpdate } from '../../src/data/update/update';
import { latestPublication, publicationDates } from '../../src/data/update/state';
import { loadDataset } from '../../src/data/load';
import { SSB_TABLES } from '../../src/data/sources/ssb-tables';
import { fixtureValue, RECORDED, RECORDED_ERRORS, FakeSsb, FakeTable, startFakeSsb } from '../fixtures/ssb/pxwebapi-v2-server';
import { FakeKlass, startFakeKlass } from '../fixtures/ssb/klass-server';
import { loopbackOnlyFetch } from '../helpers/loopback';

/**
 * `kommunedeck data update` against a fake PxWebApi v2 on 127.0.0.1 (test/fixtures/ssb/pxwebapi-v2-server.ts):
 * answers synthesized in the recorded JSON-stat2 layout, SSB's recorded error bodies, and fetch wrapped so that any
 * other host fails the test.
 */

const REPO_DATA = path.resolve(__dirname, '..', '..', 'data');
const YEARS = ['2019', '2020', '2021', '2022', '2023', '2024', '2025'];
let ssb: FakeSsb;
let klass: FakeKlass;
let restoreFetch: () => void;

const ALL = { Kjonn: ['1', '2'], Alder: Array.from({ length: 106 }, (_, n) => (n === 105 ? '105+' : String(n).padStart(3, '0'))) };

/** Every table of the source map, as the fake API serves it: KOSTRA tables 2019-2024 (updated as recorded), population 2019-2025, projections 2025-2050. */
function fakeTables(): Record<string, FakeTable> {
  const out: Record<string, FakeTable> = {};
  for (const [id, info] of Object.entries(SSB_TABLES)) {
    if (info.kostra) out[id] = { years: YEARS, label: info.title };
    else if (id === '14288') out[id] = { years: Array.from({ length: 26 }, (_, i) => String(2025 + i)), all: ALL, updated: '2024-06-12T06:00:00Z', label: info.title };
    else out[id] = { years: YEARS, all: ALL, updated: '2026-02-20T07:00:00Z', label: info.title };
  }
  return out;
}
const REGION_DIMS = Object.fromEntries(Object.entries(SSB_TABLES).map(([id, info]) => [id, info.regionDim]));

beforeAll(async () => {
  ssb = await startFakeSsb(fakeTables(), REGION_DIMS);
  klass = await startFakeKlass();
  restoreFetch = loopbackOnlyFetch();
});

afterAll(async () => {
  restoreFetch();
  await ssb.close();
  await klass.close();
});

let tmp: string;
let dataDir: string;
beforeEach(() => {
  ssb.requests = [];
  ssb.maxInFlight = 0;
  ssb.override = undefined;
  ssb.tables = fakeTables();
  process.env.KOMMUNEDECK_SSB_URL = ssb.base;
  process.env.KOMMUNEDECK_KLASS_URL = klass.base;
  process.env.KOMMUNEDECK_SSB_RETRY_MS = '5';
  klass.requests = [];
  klass.override = undefined;
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kd-update-'));
  dataDir = path.join(tmp, 'data');
  fs.cpSync(REPO_DATA, dataDir, { recursive: true });
});

afterEach(() => {
  delete process.env.KOMMUNEDECK_SSB_URL;
  delete process.env.KOMMUNEDECK_KLASS_URL;
  delete process.env.KOMMUNEDECK_SSB_RETRY_MS;
  fs.rmSync(tmp, { recursive: true, force: true });
});

function capture(): CliIO & { outLines: string[]; errLines: string[] } {
  const outLines: string[] = [];
  const errLines: string[] = [];
  return { outLines, errLines, out: (l) => outLines.push(l), err: (l) => errLines.push(l), isTTY: false };
}

/** Every file under a folder with its bytes' hash: "byte for byte as before". */
function treeHash(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const f = path.join(d, e.name);
      if (e.isDirectory()) walk(f);
      else out[path.relative(dir, f)] = createHash('sha256').update(fs.readFileSync(f)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

const obs = (table: string) => fs.readFileSync(path.join(dataDir, 'observations', `ssb-${table}.csv`), 'utf8');
const dataRequests = () => ssb.requests.filter((u) => u.pathname.endsWith('/data'));
const ARGS = ['--kommuner', '0301,4601', '--years', '2024-2025', '--ref', '1563,1840,5027'];
const update = (io = capture(), extra: string[] = []) => runCli(['data', 'update', '--data', dataDir, ...ARGS, ...extra], io);

test('publication days: 15 March and 15 June, Monday when on a weekend', () => {
  expect(publicationDates(2026).map((d) => d.toISOString().slice(0, 10))).toEqual(['2026-03-16', '2026-06-15']);
  expect(latestPublication(new Date('2026-05-01T00:00:00Z')).toISOString().slice(0, 10)).toBe('2026-03-16');
  expect(latestPublication(new Date('2026-02-01T00:00:00Z')).toISOString().slice(0, 10)).toBe('2025-06-16');
});

test('fetches every table of the map, imports it on the map\'s variables with the publishing date, writes provenance', async () => {
  const io = capture();
  const code = await update(io);
  expect(io.errLines.filter((l) => l.startsWith('Feil'))).toEqual([]);
  expect(code).toBe(0);
  // within SSB's limits
  expect(ssb.maxInFlight).toBeLessThanOrEqual(2);
  for (const u of dataRequests()) expect(u.href.length).toBeLessThan(4000);
  // 12134: the recorded figures for Oslo and Bergen, and the deck references, landet
  const csv = obs('12134');
  // the table updated 16 March 2026 has 2025 unrevised (first published) and 2024 revised
  expect(csv).toContain('0301,2024,kostra.frie_inntekter_kpi,81240,kr per innb,"SSB, tabell 12134 (publisert 16.03.2026, reviderte tall)"');
  expect(csv).toContain('4601,2024,kostra.frie_inntekter_kpi,66605,kr per innb,"SSB, tabell 12134 (publisert 16.03.2026, reviderte tall)"');
  expect(csv).toContain(`1563,2025,kostra.frie_inntekter_kpi,${fixtureValue('12134', '1563', 'KOSAG110000', {}, '2025')},kr per innb,"SSB, tabell 12134 (publisert 16.03.2026, ureviderte tall)"`);
  expect(csv).toMatch(/^EAK,2025,kostra\.frie_inntekter_kpi,/m);
  expect(csv).not.toMatch(/^\d{4},2023,/m); // --years 2024-2025
  const asked = dataRequests().find((u) => u.pathname.includes('/tables/12134/'));
  expect(asked?.searchParams.get('valuecodes[KOKkommuneregion0000]')?.split(',')).toEqual(expect.arrayContaining(['0301', '4601', '1563', '1840', '5027', 'EAK', 'EAKUO']));
  // population by one-year age, both sexes summed (07459), landing on befolkning.alder.<n>
  const pop = obs('07459');
  const a0 = fixtureValue('07459', '0301', 'Personer1', { Alder: '000', Kjonn: '1' }, '2024') + fixtureValue('07459', '0301', 'Personer1', { Alder: '000', Kjonn: '2' }, '2024');
  expect(pop).toContain(`0301,2024,befolkning.alder.0,${a0},antall,"SSB, tabell 07459 (publisert 20.02.2026)"`);
  // provenance: table, queries, SSB's updated time, fetched at
  const prov = JSON.parse(fs.readFileSync(path.join(dataDir, 'provenance', 'ssb-12134.json'), 'utf8'));
  expect(prov).toMatchObject({ table: '12134', updated: RECORDED.updated });
  expect(prov.requests[0].url).toContain('/tables/12134/data?lang=no&format=json-stat2');
  expect(Date.parse(prov.fetchedAt)).toBeGreaterThan(Date.now() - 120_000);
  // the summary
  const out = io.outLines.join('\n');
  expect(out).toMatch(/Hentet \d+ tabeller fra SSB/);
  expect(out).toMatch(/12134 .*: \d+ nye rader, 0 endret, 0 uendret/);
  // the data folder loads
  expect(() => loadDataset(dataDir)).not.toThrow();
});

test('a second run fetches nothing new and changes nothing', async () => {
  expect(await update()).toBe(0);
  const before = treeHash(dataDir);
  ssb.requests = [];
  const io = capture();
  klass.requests = [];
  expect(await update(io)).toBe(0);
  expect(dataRequests()).toEqual([]);
  expect(klass.requests).toEqual([]);
  expect(treeHash(dataDir)).toEqual(before);
  expect(io.outLines.join('\n')).toContain('alle fra hurtigbufferen');
  expect(io.outLines.join('\n')).toContain(`Ingen endringer i ${dataDir}.`);
  // --refresh asks again; SSB's numbers are the same, so the files are too
  ssb.requests = [];
  expect(await update(capture(), ['--refresh'])).toBe(0);
  expect(dataRequests().length).toBeGreaterThan(0);
  expect(treeHash(dataDir)['observations/ssb-12134.csv']).toBe(before['observations/ssb-12134.csv']);
});

test('new figures from SSB replace the old ones and the summary counts them', async () => {
  expect(await update()).toBe(0);
  // SSB republishes (revised figures): another updated time and other numbers for 12134
  ssb.tables['12134'] = { ...ssb.tables['12134'], updated: '2026-06-15T06:00:00Z' };
  const orig = ssb.override;
  ssb.override = (url, table) => {
    if (table !== '12134') return orig?.(url, table, 0);
    return undefined;
  };
  const io = capture();
  expect(await update(io, ['--refresh'])).toBe(0);
  const csv = obs('12134');
  expect(csv).toContain('0301,2024,kostra.frie_inntekter_kpi,81240,kr per innb,"SSB, tabell 12134 (publisert 15.06.2026, reviderte tall)"');
  expect(csv).not.toContain('publisert 16.03.2026');
  expect(io.outLines.join('\n')).toMatch(/12134 .*: 0 nye rader, 0 endret, \d+ uendret/);
});

test('HTTP 429 (Retry-After) and 503 are waited out; a dropped connection is retried', async () => {
  let n = 0;
  ssb.override = () => {
    n++;
    if (n === 1) return { status: 429, body: 'Too Many Requests', headers: { 'retry-after': '0' } };
    if (n === 2) return { status: 503, body: '' };
    if (n === 3) return { status: 200, body: '', drop: true };
    return undefined;
  };
  const io = capture();
  expect(await update(io)).toBe(0);
  // the order of the three troubles depends on which request comes first; each is waited out once
  expect(io.errLines.join('\n')).toMatch(/SSB svarte 429 \(for mange forespørsler\); venter 0,0 s og prøver igjen \([123]\/5\)/);
  expect(io.errLines.join('\n')).toContain('SSB svarte 503');
  expect(obs('12134')).toContain('0301,2024,kostra.frie_inntekter_kpi,81240');
});

test('HTTP 400 "Non-existent value" for one region: the batch is split and only that region is left out', async () => {
  ssb.tables['12134'] = { ...ssb.tables['12134'], missingRegions: ['5027'] };
  const io = capture();
  expect(await update(io)).toBe(0);
  const csv = obs('12134');
  expect(csv).toContain('0301,2024,kostra.frie_inntekter_kpi,81240');
  expect(csv).not.toMatch(/^5027,/m);
  expect(io.outLines.join('\n')).toContain('SSB har ikke 5027 i tabellen; de er utelatt');
});

test('one table failing (HTTP 404 and 400 for a table) does not lose the others: they are imported, exit 1', async () => {
  const e404 = RECORDED_ERRORS.errors.find((x) => x.request === 'ugyldig tabell-ID')!;
  ssb.override = (_u, table) => (table === '07459' ? { status: 404, body: JSON.stringify(e404.body) } : undefined);
  delete (ssb.tables as Record<string, unknown>)['14288']; // SSB answers 400 "Non-existent table"
  const io = capture();
  expect(await update(io)).toBe(1);
  const err = io.errLines.join('\n');
  expect(err).toContain('Feil: tabell 07459: tabell 07459 finnes ikke i SSBs statistikkbank (HTTP 404: Non-existent table)');
  expect(err).toContain('Feil: tabell 14288: tabell 14288 finnes ikke i SSBs statistikkbank (HTTP 400: Non-existent table)');
  expect(err).toContain('De andre tabellene er importert');
  expect(obs('12134')).toContain('0301,2024,kostra.frie_inntekter_kpi,81240');
  expect(fs.existsSync(path.join(dataDir, 'observations', 'ssb-07459.csv'))).toBe(false);
  expect(() => loadDataset(dataDir)).not.toThrow();
});

test('offline (connection refused): a clear message, exit 1, the data folder byte for byte as before', async () => {
  const before = treeHash(dataDir);
  const closed = await startFakeSsb({});
  const base = closed.base;
  await closed.close();
  process.env.KOMMUNEDECK_SSB_URL = base;
  process.env.KOMMUNEDECK_KLASS_URL = base.replace('/api/pxwebapi/v2', '/api/klass/v1');
  const io = capture();
  expect(await update(io)).toBe(1);
  const err = io.errLines.join('\n');
  expect(err).toContain(`Feil: fikk ikke kontakt med SSB; datamappen ${dataDir} er uendret.`);
  expect(err).toContain('ECONNREFUSED');
  expect(err).not.toMatch(/\n\s+at /); // no stack trace
  expect(treeHash(dataDir)).toEqual(before);
});

test('SSB down (503 on every attempt): exit 1 and nothing in the data folder changes', async () => {
  const before = treeHash(dataDir);
  ssb.override = () => ({ status: 503, body: '' });
  klass.override = () => ({ status: 503, body: '' });
  const io = capture();
  expect(await update(io)).toBe(1);
  expect(io.errLines.join('\n')).toContain('SSB svarer fortsatt HTTP 503 etter 6 forsøk');
  expect(io.errLines.join('\n')).toContain(`Ingen tabeller er importert; datamappen ${dataDir} er uendret.`);
  expect(treeHash(dataDir)).toEqual(before);
});

test('an interrupted run resumes: completed requests are not asked for again', async () => {
  // the first run is cut off after the 12134 answers: every later request has its connection dropped
  ssb.override = (_u, table) => (table <= '12134' ? undefined : { status: 200, body: '', drop: true });
  expect(await update()).toBe(1);
  const first = dataRequests().filter((u) => u.pathname.includes('/12134/')).map((u) => u.search);
  expect(first.length).toBeGreaterThan(0);
  expect(fs.existsSync(path.join(dataDir, '.cache', 'ssb', 'state.json'))).toBe(true);
  ssb.requests = [];
  ssb.override = undefined;
  const io = capture();
  expect(await update(io)).toBe(0);
  expect(dataRequests().filter((u) => u.pathname.includes('/12134/') || u.pathname.includes('/07459/'))).toEqual([]);
  expect(dataRequests().length).toBeGreaterThan(0);
  expect(io.outLines.join('\n')).toMatch(/12134 .*alle fra hurtigbufferen/);
});

test('the library call reports the same as the CLI', async () => {
  const r = await runUpdate({ dataDir, kommuner: '0301', years: '2024', refs: '1563', diffLimit: 0 });
  expect(r.exitCode).toBe(0);
  expect(r.tables.map((t) => t.table)).toEqual(expect.arrayContaining(['12134']));
  expect(r.written).toEqual(expect.arrayContaining([path.join('observations', 'ssb-12134.csv'), path.join('provenance', 'ssb-12134.json')]));
});

const MEMBERSHIP = () => fs.readFileSync(path.join(dataDir, 'tables', 'kostragruppe_medlemskap.csv'), 'utf8');

test('KOSTRA groups from Klass 112: membership of the years written (other years kept), the groups\' figures fetched', async () => {
  const before = MEMBERSHIP();
  const io = capture();
  // 1840 Saltdal as a chosen kommune (not only a reference), so its group is fetched whatever the deck's references are
  expect(await runCli(['data', 'update', '--data', dataDir, '--kommuner', '0301,4601,1840', '--years', '2024-2025', '--ref', '1563'], io)).toBe(0);
  // one Klass request per accounting year, 1 January, against Klass 131
  expect(klass.requests.map((u) => `${u.pathname}${u.search}`).sort()).toEqual([
    '/api/klass/v1/classifications/112/correspondsAt?targetClassificationId=131&date=2024-01-01',
    '/api/klass/v1/classifications/112/correspondsAt?targetClassificationId=131&date=2025-01-01',
  ]);
  const csv = MEMBERSHIP();
  expect(csv).toContain('2024,EKG14,0301,Oslo - Oslove,,SSB Klass 112 (KOSTRA-grupperinger) mot Klass 131 per 1.1.2024');
  expect(csv).toContain('2025,EKG14,4601,Bergen,,SSB Klass 112 (KOSTRA-grupperinger) mot Klass 131 per 1.1.2025');
  expect(csv).toContain('2025,EKG02,5027,Midtre Gauldal,,');
  // the 2020 rows from 003 and the file's comment stay
  for (const line of before.split('\n').filter((l) => l.startsWith('2020,') || l.startsWith('#'))) expect(csv).toContain(line);
  // the groups of the kommuner and their references are fetched as SSB publishes them
  const asked = dataRequests().find((u) => u.pathname.includes('/tables/12134/'));
  expect(asked?.searchParams.get('valuecodes[KOKkommuneregion0000]')?.split(',')).toEqual(expect.arrayContaining(['EKG14', 'EKG02']));
  expect(obs('12134')).toContain(`EKG14,2024,kostra.frie_inntekter_kpi,${fixtureValue('12134', 'EKG14', 'KOSAG110000', {}, '2024')},kr per innb,`);
  // the summary reports the membership, and the dataset reads it
  expect(io.outLines.join('\n')).toMatch(/Klass 112 KOSTRA-grupperinger .*: \d+ nye rader/);
  const ds = loadDataset(dataDir).dataset;
  expect(ds.table('kostragruppe_medlemskap', { year: 2025, kommune: '0301' })[0]?.values.gruppe).toBe('EKG14');
});

test('Klass 112 unreachable for a year: reported, exit 1, the statbank tables still imported', async () => {
  klass.override = (u) => (u.searchParams.get('date') === '2025-01-01' ? { status: 404, body: '{"error":"Not Found"}' } : undefined);
  const io = capture();
  expect(await update(io)).toBe(1);
  expect(io.errLines.join('\n')).toContain('Feil: tabell Klass 112: KOSTRA-grupperingen for 2025: Klass har ingen versjon av klassifikasjon 112 for 2025-01-01 (HTTP 404)');
  expect(MEMBERSHIP()).toContain('2024,EKG14,0301,');
  expect(MEMBERSHIP()).not.toMatch(/^2025,/m);
  expect(obs('12134')).toContain('0301,2024,kostra.frie_inntekter_kpi,81240');
});
