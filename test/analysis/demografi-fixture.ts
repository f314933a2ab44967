import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Dataset } from '../../src/data/dataset';
import { DEFAULT_DATA_DIR, loadDataset, LoadResult } from '../../src/data/load';
import { ComputeResult, MetricContext, MetricDef, SeriesData, TableData } from '../../src/metrics/types';
import { DEMOGRAFI_METRICS } from '../../src/metrics/demografi';
import { DEMOGRAFIKOSTNAD_METRICS } from '../../src/metrics/demografikostnad';
import { KOMPASS_METRICS } from '../../src/metrics/kompass';

/** The data files of the population, demographic-cost and Kommunekompass families. */
export const DEMOGRAFI_OBSERVATION_FILES = [
  '003-tabell-2-1-befolkningsstatistikk.csv',
  '003-tabell-2-2-aldersgrupper.csv',
  '003-tabell-2-3-ansatte.csv',
  '003-tabell-6-5-6-7-ndu-fremskrevet.csv',
  '003-avsnitt-6-3-1-hjemmetjenester-andeler.csv',
  '000-alderbaereevne.csv',
  '000-demografikostnad.csv',
];
/** KOSTRA files these metrics read (base-year NDU per target group, home-care wages and users). */
export const KOSTRA_INPUT_FILES = ['003-tabell-6-4-okonomi-grunnskole.csv', '003-tabell-6-6-barnehage.csv', '003-tabell-6-10-helsetjenester-i-hjemmet.csv'];
export const DEMOGRAFI_TABLE_FILES = ['demografikostnad_enhetskostnad.csv'];
export const KOMPASS_FILES = ['1837-2023.yaml'];
const PREFIXES = ['befolkning.', 'sysselsetting.', 'demografi.', 'demografikostnad.', 'hjemmetjenester.', 'kostra.'];

/** A data folder with only these families' files (and the KOSTRA inputs they read), so the tests do not depend on others' data. */
export function demografiDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'demografi-data-'));
  for (const d of ['register', 'observations', 'tables', 'kompass']) fs.mkdirSync(path.join(dir, d));
  fs.copyFileSync(path.join(DEFAULT_DATA_DIR, 'register', 'kommuner.csv'), path.join(dir, 'register', 'kommuner.csv'));
  const vars = fs.readFileSync(path.join(DEFAULT_DATA_DIR, 'variables.csv'), 'utf8').split('\n');
  fs.writeFileSync(path.join(dir, 'variables.csv'), [vars[0], ...vars.filter((l) => PREFIXES.some((p) => l.startsWith(p)))].join('\n') + '\n');
  for (const f of [...DEMOGRAFI_OBSERVATION_FILES, ...KOSTRA_INPUT_FILES]) fs.copyFileSync(path.join(DEFAULT_DATA_DIR, 'observations', f), path.join(dir, 'observations', f));
  for (const f of DEMOGRAFI_TABLE_FILES) fs.copyFileSync(path.join(DEFAULT_DATA_DIR, 'tables', f), path.join(dir, 'tables', f));
  for (const f of KOMPASS_FILES) fs.copyFileSync(path.join(DEFAULT_DATA_DIR, 'kompass', f), path.join(dir, 'kompass', f));
  return dir;
}

let cached: LoadResult | undefined;
export function demografiLoad(): LoadResult {
  if (!cached) {
    const dir = demografiDataDir();
    try {
      cached = loadDataset(dir);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  return cached;
}

export const REFS_003 = ['1820', '1813', '1866', 'EKG06', 'EKG05'];
const ALL: MetricDef[] = [...DEMOGRAFI_METRICS, ...DEMOGRAFIKOSTNAD_METRICS, ...KOMPASS_METRICS];

export function run(id: string, ctx: Partial<MetricContext> & { year: number }, dataset: Dataset = demografiLoad().dataset): ComputeResult {
  const m = ALL.find((x) => x.id === id);
  if (!m) throw new Error(`no metric ${id}`);
  return m.compute({ dataset, kommune: '1837', refs: [], ...ctx });
}

export function table(id: string, ctx: Partial<MetricContext> & { year: number }, dataset?: Dataset): TableData & { published?: boolean } {
  const r = run(id, ctx, dataset);
  if (!('table' in r)) throw new Error(`${id} gave ${JSON.stringify(r)}`);
  return { ...r.table, published: r.published };
}

export function series(id: string, ctx: Partial<MetricContext> & { year: number }, dataset?: Dataset): SeriesData & { published?: boolean } {
  const r = run(id, ctx, dataset);
  if (!('series' in r)) throw new Error(`${id} gave ${JSON.stringify(r)}`);
  return { ...r.series, published: r.published };
}

export function scalar(id: string, ctx: Partial<MetricContext> & { year: number }, dataset?: Dataset): number {
  const r = run(id, ctx, dataset);
  if (!('value' in r) || typeof r.value !== 'number') throw new Error(`${id} gave ${JSON.stringify(r)}`);
  return r.value;
}

/** Round to one decimal as the sources print (avoids binary noise in comparisons). */
export const r1 = (v: unknown): number => Math.round((v as number) * 10) / 10;
