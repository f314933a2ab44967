import * as fs from 'fs';
import * as path from 'path';
import { ProblemsError, UserError } from '../../errors';
import { KommuneInfo } from '../model';
import { POPULATION_HEADER, POPULATION_MAX_AGE, PopulationProvenance } from '../population';
import { writeFileAtomic } from '../../util/atomic';
import { importSsb } from '.';
import { SsbImport } from './types';

/**
 * Importers into the population store's file form (src/data/population.ts): the national file in the layout
 * `kommune,aar,total,a0..a105` (shared/national, from SSB 07459), and a consultant's own SSB 07459 download
 * (JSON-stat2 or statbank CSV, any subset of kommuner and years, men and women added). Both end as the same rows;
 * writing merges into a file, newer rows replacing older ones for the same region and year.
 */

export interface PopulationImportRow {
  /** four digits; 0000 = hele landet */
  region: string;
  year: number;
  /** ages 0..105, the last one "105 and older"; total = their sum */
  ages: number[];
}

export type PopulationMeta = Omit<PopulationProvenance, 'file'>;

const WIDTH = POPULATION_MAX_AGE + 1;

/** The national layout: kommune,aar,total,a0..a105 (one row per kommune and year). */
export function readNationalPopulationCsv(file: string, text: string): PopulationImportRow[] {
  const lines = text.replace(/^\ufeff/, '').split(/\r?\n/);
  const expected = ['kommune', 'aar', 'total', ...Array.from({ length: WIDTH }, (_, a) => `a${a}`)].join(',');
  if (lines[0]?.trim() !== expected) throw new UserError(`${file}:1: feil overskriftsrad; forventet kommune,aar,total,a0,…,a${POPULATION_MAX_AGE}`, 'BAD_POPULATION');
  const rows: PopulationImportRow[] = [];
  const problems: { file: string; line: number; message: string }[] = [];
  lines.slice(1).forEach((l, i) => {
    if (l.trim() === '') return;
    const cells = l.split(',');
    const line = i + 2;
    if (cells.length !== WIDTH + 3) return problems.push({ file, line, message: `${cells.length} kolonner; forventet ${WIDTH + 3}` });
    const nums = cells.slice(1).map(Number);
    if (!/^\d{4}$/.test(cells[0]) || nums.some((n) => !Number.isInteger(n) || n < 0)) return problems.push({ file, line, message: 'forventet et firesifret kommunenummer og hele, ikke-negative tall' });
    const ages = nums.slice(2);
    if (ages.reduce((s, n) => s + n, 0) !== nums[1]) return problems.push({ file, line, message: `summen av aldrene er ikke lik total (${nums[1]})` });
    rows.push({ region: cells[0], year: nums[0], ages });
  });
  if (problems.length > 0) throw new ProblemsError(problems.slice(0, 50), 'BAD_POPULATION');
  return rows;
}

/**
 * A consultant's SSB 07459 download: every region and year that has all one-year ages 0..105 (both sexes summed)
 * becomes a row; regions or years with a missing age (`..`) are reported, not guessed.
 */
export function populationFromSsb(imports: readonly SsbImport[], register: ReadonlyMap<string, KommuneInfo>): { rows: PopulationImportRow[]; warnings: string[] } {
  const r = importSsb(imports, { register, tableId: '07459', sumSex: true, keepUnknownRegions: true });
  const byKey = new Map<string, { region: string; year: number; ages: (number | null)[] }>();
  const warnings = [...r.warnings.filter((w) => !/ukjent region '?(0|0000|EAK)'?/.test(w))];
  for (const row of r.rows) {
    const m = /^befolkning\.alder\.(\d+)$/.exec(row.variable);
    if (!m) continue;
    const region = row.region === 'EAK' || row.region === '0' || row.region === '0000' ? '0000' : row.region;
    if (!/^\d{4}$/.test(region)) {
      warnings.push(`regionen ${row.region} er ikke en kommune; hoppet over`);
      continue;
    }
    const k = `${region}|${row.year}`;
    let e = byKey.get(k);
    if (!e) byKey.set(k, (e = { region, year: row.year, ages: new Array<number | null>(WIDTH).fill(null) }));
    const age = Math.min(Number(m[1]), POPULATION_MAX_AGE);
    e.ages[age] = (e.ages[age] ?? 0) + (row.value ?? Number.NaN);
  }
  const rows: PopulationImportRow[] = [];
  for (const e of byKey.values()) {
    const missing = e.ages.findIndex((a) => a === null || Number.isNaN(a));
    if (missing >= 0) {
      warnings.push(`${e.region} ${e.year}: mangler tall for ${missing} år (eller eldre aldre); raden er ikke tatt med`);
      continue;
    }
    rows.push({ region: e.region, year: e.year, ages: e.ages as number[] });
  }
  if (rows.length === 0) throw new UserError('fant ingen komplette aldersfordelinger (0–105 år) i filen; last ned tabell 07459 med alle ettårige aldre', 'EMPTY_IMPORT');
  return { rows, warnings };
}

/** The file name an import writes: one file per source and retrieval date, e.g. ssb-07459-2026-08-22.csv. */
export function populationFileName(meta: PopulationMeta): string {
  const base = meta.source
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .replace(/^ssb-tabell-/, 'ssb-');
  return `${base || 'befolkning'}-${meta.retrieved}.csv`;
}

/** Rows as the store's file form, sorted by region and year. */
export function populationCsv(meta: PopulationMeta, rows: readonly PopulationImportRow[]): string {
  const sorted = [...rows].sort((a, b) => a.region.localeCompare(b.region) || a.year - b.year);
  const head = [`# kilde: ${meta.source}`, `# hentet: ${meta.retrieved}`, `# lisens: ${meta.licence}`, ...meta.origin.split('\n').map((l) => `# opphav: ${l}`), POPULATION_HEADER.join(',')];
  const body = sorted.map((r) => `${r.region},${r.year},${r.ages.reduce((s, n) => s + n, 0)},${r.ages.join(',')}`);
  return [...head, ...body].join('\n') + '\n';
}

/** Parse the rows of a store file back (for merging): provenance lines are replaced by the new meta. */
function readStoreRows(text: string): PopulationImportRow[] {
  const rows: PopulationImportRow[] = [];
  for (const l of text.split(/\r?\n/)) {
    if (l === '' || l.startsWith('#') || l.startsWith('region,')) continue;
    const c = l.split(',').map(Number);
    rows.push({ region: l.slice(0, 4), year: c[1], ages: c.slice(3) });
  }
  return rows;
}

/**
 * Write rows into data/befolkning/<file>, merging with what that file already holds (same region and year:
 * the new row wins). Written atomically. Returns the file and how many rows were new or replaced.
 */
export function writePopulationImport(dataDir: string, meta: PopulationMeta, rows: readonly PopulationImportRow[]): { file: string; added: number; replaced: number } {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(meta.retrieved)) throw new UserError(`ugyldig hentedato '${meta.retrieved}'; forventet ÅÅÅÅ-MM-DD`, 'BAD_DATE');
  const dir = path.join(dataDir, 'befolkning');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, populationFileName(meta));
  const merged = new Map<string, PopulationImportRow>();
  if (fs.existsSync(file)) for (const r of readStoreRows(fs.readFileSync(file, 'utf8'))) merged.set(`${r.region}|${r.year}`, r);
  let added = 0;
  let replaced = 0;
  for (const r of rows) {
    const k = `${r.region}|${r.year}`;
    if (merged.has(k)) replaced++;
    else added++;
    merged.set(k, r);
  }
  writeFileAtomic(file, populationCsv(meta, [...merged.values()]));
  return { file, added, replaced };
}
