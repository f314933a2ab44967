import * as fs from 'fs';
import * as path from 'path';
import { prepareDeck, readDeckFile } from '../build';
import { CellValue, Observation } from '../data/model';
import { DEFAULT_DATA_DIR, loadDataset } from '../data/load';
import { InputRecorder, recordingDataset } from './inputs';
import { mulberry32, seedFor } from '../util/random';

/**
 * SYNTHETIC data for benchmarks and batch tests, never for decks anyone reads: a copy of a data folder with made-up
 * figures for every kommune, so a national batch exercises the same code paths as the template kommune's deck.
 *
 * The deck is resolved for the template kommune (default 1837 Meløy) with an InputRecorder; every observation of the
 * template kommune it read, and every table row it read that names the kommune, is copied to each other kommune:
 *   - amounts and counts (units '1000 kr', 'kr', 'antall', table columns 'antall') × the kommune's size factor
 *     (log-normal, median 1) × a per-variable factor (±5 %), so time series keep their shape;
 *   - intensive units (%, per innbygger, indeks, forhold, år) × a per-variable factor (±5 %);
 *   - missing values and SSB symbols stay as they are; rows the data already has are never replaced.
 * The numbers come from a seeded generator (same seed and kommune, same numbers), are written to
 * observations/zz-syntetisk.csv and appended to the table files, every row marked "SYNTETISK" in its source.
 */
export interface SyntheticOptions {
  /** the folder to write; it must not exist or be empty. Never the embedded data/. */
  to: string;
  /** the data folder to copy (default: the embedded data/) */
  from?: string;
  deckFile: string;
  /** kommunenummer whose figures are copied (default 1837) */
  template?: string;
  /** which kommuner get figures (default: every current kommune but 9999) */
  kommuner?: string[];
  seed?: number;
}

export interface SyntheticResult {
  dir: string;
  kommuner: number;
  observations: number;
  tableRows: number;
  /** variables of the template kommune the deck read */
  variables: number;
}

const SOURCE = 'SYNTETISK (benchmark)';

/** A small deterministic generator per (seed, key). */
function rng(seed: number, key: string): () => number {
  return mulberry32(seedFor(seed, key));
}

function normal(r: () => number): number {
  const u = Math.max(r(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r());
}

const EXTENSIVE_UNITS = new Set(['1000 kr', 'kr', 'mill kr', 'antall']);

function decimalsOf(v: number): number {
  const s = String(v);
  const i = s.indexOf('.');
  return i < 0 || s.includes('e') ? 0 : Math.min(s.length - i - 1, 6);
}

function scaled(value: number, factor: number): number {
  const d = decimalsOf(value);
  const p = 10 ** d;
  return Math.round(value * factor * p) / p;
}

function csvCell(v: CellValue): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function writeSyntheticDataset(opts: SyntheticOptions): SyntheticResult {
  const from = path.resolve(opts.from ?? DEFAULT_DATA_DIR);
  const to = path.resolve(opts.to);
  if (to === path.resolve(DEFAULT_DATA_DIR) || to === from) throw new Error('syntetiske data skrives aldri til datamappen selv; velg en midlertidig mappe');
  if (fs.existsSync(to) && fs.readdirSync(to).length > 0) throw new Error(`${to} finnes og er ikke tom`);
  const template = opts.template ?? '1837';
  const seed = opts.seed ?? 20230101;

  const { dataset } = loadDataset(from);
  const rec = new InputRecorder();
  prepareDeck(readDeckFile(opts.deckFile), recordingDataset(dataset, rec), { kommune: template });
  const templateObs = rec.observations.filter((o) => o.region === template);
  const kommuner = (opts.kommuner ?? [...dataset.register.values()].filter((k) => k.kind === 'kommune' && k.current && k.code !== '9999').map((k) => k.code)).filter((k) => k !== template);

  fs.cpSync(from, to, { recursive: true });

  const sizeOf = (k: string) => Math.min(20, Math.max(0.05, Math.exp(normal(rng(seed, `size|${k}`)))));
  const factorOf = (k: string, what: string) => 1 + 0.05 * (2 * rng(seed, `${k}|${what}`)() - 1);

  // observations
  const lines = [
    '# SYNTETISKE DATA laget av src/batch/synthetic.ts for benchmark og tester: ikke ekte tall for noen kommune.',
    `# Kopiert fra ${template} og skalert med tilfeldige faktorer (frø ${seed}).`,
    'region,year,variable,value,unit,source',
  ];
  let observations = 0;
  for (const k of kommuner) {
    const size = sizeOf(k);
    for (const o of templateObs) {
      if (dataset.get(k, o.year, o.variable) !== undefined) continue;
      lines.push(`${k},${o.year},${o.variable},${syntheticValue(o, size, factorOf(k, o.variable))},${csvCell(o.unit)},${SOURCE}`);
      observations++;
    }
  }
  fs.writeFileSync(path.join(to, 'observations', 'zz-syntetisk.csv'), lines.join('\n') + '\n');

  // table rows that name the template kommune
  let tableRows = 0;
  for (const [name, rows] of rec.tableRows) {
    const t = dataset.tables.get(name);
    if (!t) continue;
    const regionCols = t.schema.columns.filter((c) => c.type === 'region').map((c) => c.name);
    const own = [...rows].filter((r) => regionCols.some((c) => r.values[c] === template));
    if (own.length === 0) continue;
    const existing = new Set(t.rows.map((r) => t.schema.key.map((c) => String(r.values[c])).join('|')));
    const out: string[] = [];
    for (const k of kommuner) {
      const size = sizeOf(k);
      for (const r of own) {
        const values: Record<string, CellValue> = { ...r.values };
        for (const c of regionCols) if (values[c] === template) values[c] = k;
        const key = t.schema.key.map((c) => String(values[c])).join('|');
        if (existing.has(key)) continue;
        existing.add(key);
        if (typeof values.antall === 'number') values.antall = Math.max(0, Math.round(values.antall * size * factorOf(k, `${name}|${key}`)));
        if ('source' in values) values.source = SOURCE;
        out.push(t.schema.columns.map((c) => csvCell(values[c.name] ?? null)).join(','));
        tableRows++;
      }
    }
    const file = path.join(to, 'tables', `${name}.csv`);
    const text = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, text + (text.endsWith('\n') ? '' : '\n') + `# SYNTETISKE rader (src/batch/synthetic.ts), kopiert fra ${template}\n` + out.join('\n') + '\n');
  }
  return { dir: to, kommuner: kommuner.length, observations, tableRows, variables: new Set(templateObs.map((o) => o.variable)).size };
}

function syntheticValue(o: Observation, size: number, factor: number): string {
  if (o.value === null || o.symbol !== undefined) return o.symbol ?? '..';
  const f = EXTENSIVE_UNITS.has(o.unit) ? size * factor : factor;
  return String(scaled(o.value, f));
}
