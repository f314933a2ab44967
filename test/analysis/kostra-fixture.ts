import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Dataset } from '../../src/data/dataset';
import { DEFAULT_DATA_DIR, loadDataset } from '../../src/data/load';
import { MetricContext, ComputeResult, TableData } from '../../src/metrics/types';
import { KOSTRA_METRICS } from '../../src/metrics/kostra';

/** The observation files of the KOSTRA family (named after their source tables). */
export const KOSTRA_OBSERVATION_FILES = [
  '000-beste-praksis.csv',
  '000-referansekommuner.csv',
  '000-utfordring-6-grunnskole.csv',
  '000-utvikling-2021-2022.csv',
  '003-figur-6-7-administrasjon.csv',
  '003-tabell-1-3-utvalgte-kommuner.csv',
  '003-tabell-1-4-kostragruppe-6-og-5.csv',
  '003-tabell-5-2-frie-inntekter.csv',
  '003-tabell-5-3-netto-driftsutgifter.csv',
  '003-tabell-5-4-lonnsutgifter.csv',
  '003-tabell-6-1-ndu-per-tjenesteomrade.csv',
  '003-tabell-6-2-lonn-per-tjenesteomrade.csv',
  '003-tabell-6-3-grunnskole.csv',
  '003-tabell-6-4-okonomi-grunnskole.csv',
  '003-tabell-6-6-barnehage.csv',
  '003-tabell-6-8-barnevern.csv',
  '003-tabell-6-9-omsorg.csv',
  '003-tabell-6-10-helsetjenester-i-hjemmet.csv',
  '003-tabell-6-11-kommunehelse.csv',
  '003-tabell-6-12-kultur.csv',
  '003-tabell-6-13-plan-byggesak-miljo.csv',
  '003-tabell-6-14-samferdsel.csv',
];
export const KOSTRA_TABLE_FILES = ['kostragruppe_medlemskap.csv'];

/**
 * A data folder with only the KOSTRA family's files (plus the register and the kostra.* rows of the variable
 * catalogue), so these golden tests do not depend on other families' data being complete.
 */
export function kostraDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kostra-data-'));
  fs.mkdirSync(path.join(dir, 'register'));
  fs.mkdirSync(path.join(dir, 'observations'));
  fs.mkdirSync(path.join(dir, 'tables'));
  fs.copyFileSync(path.join(DEFAULT_DATA_DIR, 'register', 'kommuner.csv'), path.join(dir, 'register', 'kommuner.csv'));
  const vars = fs.readFileSync(path.join(DEFAULT_DATA_DIR, 'variables.csv'), 'utf8').split('\n');
  fs.writeFileSync(path.join(dir, 'variables.csv'), [vars[0], ...vars.filter((l) => l.startsWith('kostra.'))].join('\n') + '\n');
  for (const f of KOSTRA_OBSERVATION_FILES) fs.copyFileSync(path.join(DEFAULT_DATA_DIR, 'observations', f), path.join(dir, 'observations', f));
  for (const f of KOSTRA_TABLE_FILES) fs.copyFileSync(path.join(DEFAULT_DATA_DIR, 'tables', f), path.join(dir, 'tables', f));
  return dir;
}

let cached: Dataset | undefined;
export function kostraDataset(): Dataset {
  if (!cached) {
    const dir = kostraDataDir();
    try {
      cached = loadDataset(dir).dataset;
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  return cached;
}

/** 003's comparison set and 000's reference kommuner. */
export const REFS_003 = ['1820', '1813', '1866', 'EKG06', 'EKG05'];
export const REFS_000 = ['1563', '1840', '5027'];

export function run(id: string, ctx: Partial<MetricContext> & { year: number }, dataset: Dataset = kostraDataset()): ComputeResult {
  const m = KOSTRA_METRICS.find((x) => x.id === id);
  if (!m) throw new Error(`no metric ${id}`);
  return m.compute({ dataset, kommune: '1837', refs: [], ...ctx });
}

export function table(id: string, ctx: Partial<MetricContext> & { year: number }, dataset?: Dataset): TableData {
  const r = run(id, ctx, dataset);
  if (!('table' in r)) throw new Error(`${id} gave ${JSON.stringify(r)}`);
  return r.table;
}

export function scalar(id: string, ctx: Partial<MetricContext> & { year: number }, dataset?: Dataset): number | string | null {
  const r = run(id, ctx, dataset);
  if (!('value' in r)) throw new Error(`${id} gave ${JSON.stringify(r)}`);
  return r.value;
}
