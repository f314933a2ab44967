import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runUpdate } from '../../src/data/update/update';
import { loadDataset } from '../../src/data/load';
import { SOURCE_MAP } from '../../src/data/sources/source-map';
import { SSB_TABLES } from '../../src/data/sources/ssb-tables';
import { SsbVariableSource } from '../../src/data/sources/types';
import { DEFAULT_DECK, resolveWithFigures } from '../../src/workflow/resolved';
import { fixtureValue, FakeSsb, FakeTable, startFakeSsb } from '../fixtures/ssb/pxwebapi-v2-server';
import { FakeKlass, startFakeKlass } from '../fixtures/ssb/klass-server';
import { loopbackOnlyFetch } from '../helpers/loopback';

/**
 * Decks from fetched data (issue 17, point 3): the council deck for two kommuner the source documents do not cover
 * (Oslo, Bergen), built from what `data update` fetched from the local PxWebApi v2, has its KOSTRA slides with the
 * fixture's numbers.
 */

const YEARS = ['2020', '2021', '2022', '2023'];
const ALL = { Kjonn: ['1', '2'], Alder: Array.from({ length: 106 }, (_, n) => (n === 105 ? '105+' : String(n).padStart(3, '0'))) };
let ssb: FakeSsb;
let klass: FakeKlass;
let tmp: string;
let restoreFetch: () => void;

beforeAll(async () => {
  const tables: Record<string, FakeTable> = {};
  for (const [id, info] of Object.entries(SSB_TABLES)) tables[id] = { years: id === '14288' ? Array.from({ length: 28 }, (_, i) => String(2023 + i)) : YEARS, all: ALL, label: info.title, updated: '2023-06-15T06:00:00Z' };
  ssb = await startFakeSsb(tables, Object.fromEntries(Object.entries(SSB_TABLES).map(([id, info]) => [id, info.regionDim])));
  restoreFetch = loopbackOnlyFetch();
  process.env.KOMMUNEDECK_SSB_URL = ssb.base;
  klass = await startFakeKlass();
  process.env.KOMMUNEDECK_KLASS_URL = klass.base;
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kd-update-deck-'));
  fs.cpSync(path.resolve(__dirname, '..', '..', 'data'), path.join(tmp, 'data'), { recursive: true });
  const r = await runUpdate({ dataDir: path.join(tmp, 'data'), kommuner: '0301,4601', years: '2020-2022', refs: '1563,1840,5027', diffLimit: 0 });
  expect(r.failures).toEqual([]);
});

afterAll(async () => {
  restoreFetch();
  delete process.env.KOMMUNEDECK_SSB_URL;
  delete process.env.KOMMUNEDECK_KLASS_URL;
  await ssb.close();
  await klass.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** The fixture's number for a mapped variable, scaled as the map says. */
function expected(variable: string, region: string, year: number): number {
  const s = SOURCE_MAP[variable] as SsbVariableSource;
  expect(s.kind).toBe('ssb');
  return Number((fixtureValue(s.table, region, s.contents, s.dims ?? {}, String(year)) * (s.scale ?? 1)).toPrecision(15));
}

test.each(['0301', '4601'])('council deck for %s from fetched data: KOSTRA slides present with the fixture\'s figures', (kommune) => {
  const dataset = loadDataset(path.join(tmp, 'data')).dataset;
  const { model, figures } = resolveWithFigures({ deckFile: DEFAULT_DECK, kommune, dataset });
  const ids = model.slides.map((s) => s.id);
  expect(ids).toEqual(expect.arrayContaining(['brutto-driftsinntekter', 'handlingsregler', 'nokkeltall']));
  // brutto driftsinntekter 2022 in kroner (the variable is 1000 kr)
  const bdi = figures.find((f) => f.slideId === 'brutto-driftsinntekter' && f.metric === 'finans.brutto_driftsinntekter');
  expect(bdi?.value).toBe(expected('finans.brutto_driftsinntekter', kommune, 2022) * 1000);
  // nøkkeltall: netto driftsresultat and netto lånegjeld amounts as fetched
  const cell = (label: string) => figures.find((f) => f.slideId === 'nokkeltall' && f.key.startsWith(label) && f.column === 'Beløp (1000 kr)');
  expect(cell('Netto driftsresultat')?.value).toBe(expected('finans.netto_driftsresultat', kommune, 2022));
  expect(cell('Netto lånegjeld')?.value).toBe(expected('finans.netto_lanegjeld', kommune, 2022));
  // the source lines name the SSB table and the publishing date
  const source = model.slides.find((s) => s.id === 'nokkeltall')?.source ?? '';
  expect(source).toContain('SSB, tabell 12364 (publisert 15.06.2023, reviderte tall)');
});

/**
 * The economic-analysis deck (decks/okonomisk-analyse.yaml) from the same fetched data. Its year is 2020 (the deck's
 * own year: the age-share chart's columns e2030/e2040/e2050 are fixed to it), with the references fetched above.
 */
test.each(['0301', '4601'])('analysis deck for %s from fetched data: nøkkeltall, landsgjennomsnitt and NDU per tjenesteområde with the fixture\'s figures', (kommune) => {
  const dataset = loadDataset(path.join(tmp, 'data')).dataset;
  const deckFile = path.resolve(__dirname, '..', '..', 'decks', 'okonomisk-analyse.yaml');
  const { model, figures } = resolveWithFigures({ deckFile, kommune, dataset, year: 2020, refs: '1563,1840,5027' });
  const ids = model.slides.map((s) => s.id);
  expect(ids).toEqual(expect.arrayContaining(['nokkeltall', 'lgj-frie-inntekter', 'lgj-ndu', 'ndu-per-innbygger', 'effektiviseringspotensial']));
  // nøkkeltall: amounts as fetched (12364, 1000 kr)
  const cell = (label: string) => figures.find((f) => f.slideId === 'nokkeltall' && f.key.startsWith(label) && f.column === 'Beløp (1000 kr)');
  expect(cell('Netto driftsresultat')?.value).toBe(expected('finans.netto_driftsresultat', kommune, 2020));
  expect(cell('Netto lånegjeld')?.value).toBe(expected('finans.netto_lanegjeld', kommune, 2020));
  // netto driftsutgifter per innbygger per tjenesteområde: the kommune's column holds exactly the fetched 12362
  // figures (kr per innbygger, one per tjenesteområde), the references' columns theirs
  const column = (name: string) => figures.filter((f) => f.slideId === 'ndu-per-innbygger' && f.column === name && !/^Sum/.test(f.row ?? '')).map((f) => f.value);
  const areas = Object.keys(SOURCE_MAP).filter((k) => k.startsWith('kostra.ndu.') && SOURCE_MAP[k].kind === 'ssb');
  expect(areas.length).toBeGreaterThan(10);
  expect(column(model.kommune.name).sort((a, b) => a - b)).toEqual(areas.map((v) => expected(v, kommune, 2020)).sort((a, b) => a - b));
  expect(column('Sunndal').sort((a, b) => a - b)).toEqual(areas.map((v) => expected(v, '1563', 2020)).sort((a, b) => a - b));
  // the source lines name the SSB tables and the publishing date
  const source = (id: string) => model.slides.find((s) => s.id === id)?.source ?? '';
  expect(source('nokkeltall')).toContain('SSB, tabell 12364 (publisert 15.06.2023, reviderte tall)');
  expect(source('ndu-per-innbygger')).toContain('SSB, tabell 12362 (publisert 15.06.2023, reviderte tall)');
  expect(source('lgj-frie-inntekter')).toMatch(/SSB, tabell \d{5} \(publisert 15\.06\.2023, reviderte tall\)/);
});
