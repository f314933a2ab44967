import * as fs from 'fs';
import { ProblemsError, UserError } from '../../errors';
import { readCsv } from '../csvfile';
import { VARIABLE_HEADER } from '../load';
import { VariableDef } from '../model';
import { cellsToTidy, MapOptions, MapResult, TidyRow } from './kostra-dimensions';
import { importJsonStat } from './jsonstat';
import { decodeText, importStatbankCsv } from './statbank-csv';
import { SsbImport } from './types';

export { cellsToTidy, KNOWN_VARIABLES, POPULATION_TABLES } from './kostra-dimensions';
export type { MapOptions, MapResult, TidyRow } from './kostra-dimensions';
import { compareVariableIds } from './write';
export { tidyToCsv, sortTidy, writeFileAtomic, compareVariableIds } from './write';
export type { SsbCell, SsbImport } from './types';

/** Read an SSB file (JSON-stat 2 / JSON-stat 1 / statbank CSV; the format is told from the content) into cells. */
export function readSsbBytes(file: string, bytes: Uint8Array): SsbImport {
  const { text } = decodeText(bytes);
  if (/^\s*[{[]/.test(text)) return importJsonStat(file, text);
  return importStatbankCsv(file, bytes);
}

export function readSsbFile(file: string): SsbImport {
  if (!fs.existsSync(file)) throw new UserError(`fant ikke filen ${file}`, 'NO_FILE');
  if (fs.statSync(file).isDirectory()) throw new UserError(`${file} er en mappe; forventet en CSV- eller JSON-stat-fil fra SSB`, 'NO_FILE');
  return readSsbBytes(file, fs.readFileSync(file));
}

/** Import several SSB results into one set of tidy rows; the same region/year/variable twice is an error. */
export function importSsb(imports: readonly SsbImport[], opts: MapOptions): MapResult {
  const rows: TidyRow[] = [];
  const warnings: string[] = [];
  const seen = new Map<string, string>();
  const problems: { file: string; message: string }[] = [];
  for (const imp of imports) {
    const r = cellsToTidy(imp, opts);
    warnings.push(...r.warnings);
    for (const row of r.rows) {
      const k = `${row.region}|${row.year}|${row.variable}`;
      const first = seen.get(k);
      if (first !== undefined) {
        problems.push({ file: imp.file, message: `${row.region} ${row.year} ${row.variable} står også i ${first}` });
        continue;
      }
      seen.set(k, imp.file);
      rows.push(row);
    }
  }
  if (problems.length > 0) throw new ProblemsError(problems.slice(0, 50), 'DUPLICATE_IMPORT');
  return { rows, warnings };
}

/** The variable catalogue of a data folder (empty when it has none), to tell which imported ids are new. */
export function readVariableCatalogue(file: string): Map<string, VariableDef> {
  const out = new Map<string, VariableDef>();
  if (!fs.existsSync(file)) return out;
  const r = readCsv(file, fs.readFileSync(file, 'utf8'), VARIABLE_HEADER);
  for (const row of r.value?.rows ?? []) {
    const [id, label, unit, description] = row.cells;
    out.set(id, { id, label, unit, description });
  }
  return out;
}

/** Rows for variables.csv for the imported variables the catalogue lacks, and ids whose unit differs. */
export function catalogueGaps(rows: readonly TidyRow[], catalogue: ReadonlyMap<string, VariableDef>): { missing: VariableDef[]; unitMismatch: string[] } {
  const missing = new Map<string, VariableDef>();
  const unitMismatch = new Set<string>();
  for (const r of rows) {
    const def = catalogue.get(r.variable);
    if (!def) {
      if (!missing.has(r.variable)) missing.set(r.variable, { id: r.variable, label: r.label, unit: r.unit, description: `${r.source}` });
    } else if (def.unit !== r.unit) {
      unitMismatch.add(`${r.variable}: filen gir '${r.unit}', variables.csv sier '${def.unit}'`);
    }
  }
  return { missing: [...missing.values()].sort((a, b) => compareVariableIds(a.id, b.id)), unitMismatch: [...unitMismatch].sort() };
}
