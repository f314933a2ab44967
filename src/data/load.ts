import * as fs from 'fs';
import * as path from 'path';
import { Problem, ProblemsError } from '../errors';
import { decodeUtf8, readCsv, parseDataNumber } from './csvfile';
import { Dataset } from './dataset';
import { CellValue, ColumnSchema, KommuneInfo, MISSING_SYMBOLS, MissingSymbol, Observation, TableRow, TableSchema, VariableDef } from './model';
import { TABLE_SCHEMAS, tableSchema } from './tables';
import { DOCUMENT_KINDS } from './documents';
import { ConsistencyWarning, runConsistencyChecks } from './checks';
import { listPopulationFiles, PopulationStore } from './population';
import { attachBokmalNames, DEFAULT_BOKMAL_NAME_FILE } from './register';
import { ParsedData, readCachedData, rememberData } from './data-cache';

export const OBSERVATION_HEADER = ['region', 'year', 'variable', 'value', 'unit', 'source'];
export const VARIABLE_HEADER = ['id', 'label', 'unit', 'description'];
export const REGISTER_HEADER = ['code', 'name', 'kind', 'current', 'note'];

/** The embedded default data folder, next to src/ and dist/. */
export const DEFAULT_DATA_DIR = path.resolve(__dirname, '..', '..', 'data');

export interface LoadResult {
  dataset: Dataset;
  warnings: ConsistencyWarning[];
}

/**
 * Load and validate a data folder. Either everything loads or a ProblemsError lists every problem found
 * (file:line: what is wrong, what was expected): nothing half-loaded is ever used.
 */
export function loadDataset(dir: string = DEFAULT_DATA_DIR, opts: { eager?: boolean } = {}): LoadResult {
  const problems: Problem[] = [];
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new ProblemsError([{ file: dir, message: 'datamappen finnes ikke; forventet en mappe med variables.csv, register/, observations/ og tables/' }], 'NO_DATA_DIR');
  }
  const rel = (f: string) => path.relative(process.cwd(), f) || f;
  const read = (f: string) => {
    const { text, problem } = decodeUtf8(rel(f), fs.readFileSync(f));
    if (problem) problems.push(problem);
    return text;
  };

  // parsed before (the CLI's cache, src/data/data-cache.ts), unless this is data check, which reads the files
  const cached = opts.eager ? undefined : readCachedData(dir, DEFAULT_BOKMAL_NAME_FILE);
  const parsed = cached && [...cached.tables.keys()].every(tableSchema) ? cached : parseDataFiles(dir, rel, read, problems);
  const { register, variables, observations } = parsed;
  const tables = new Map<string, { schema: TableSchema; rows: TableRow[] }>();
  for (const [name, rows] of parsed.tables) tables.set(name, { schema: tableSchema(name) as TableSchema, rows });

  // documents (Kommunekompass YAML) are read now and parsed when a deck first reads one (most decks never do);
  // `data check` (eager) validates them now
  const documentFiles = DOCUMENT_KINDS.flatMap((kind) => listFiles(path.join(dir, kind.folder), '.yaml').map((f) => ({ kind, file: rel(f), ...decodeUtf8(rel(f), fs.readFileSync(f)) })));
  const readDocuments = (into: Problem[]): Map<string, unknown> => {
    const documents = new Map<string, unknown>();
    for (const { kind, file, text, problem } of documentFiles) {
      if (problem) into.push(problem);
      const r = kind.load(file, text);
      into.push(...r.problems);
      if (r.value !== undefined && r.problems.length === 0) documents.set(r.name, r.value);
    }
    return documents;
  };
  let documents: Map<string, unknown> | (() => Map<string, unknown>);
  if (opts.eager) documents = readDocuments(problems);
  else
    documents = () => {
      const found: Problem[] = [];
      const d = readDocuments(found);
      if (found.length > 0) throw new ProblemsError(found, 'INVALID_DATA');
      return d;
    };

  if (problems.length > 0) throw new ProblemsError(problems, 'INVALID_DATA');
  if (parsed !== cached) rememberData(dir, DEFAULT_BOKMAL_NAME_FILE, parsed);
  const dataset = new Dataset(observations, variables, tables, register, documents, new PopulationStore(listPopulationFiles(dir)));
  // the consistency checks read every table and document: computed when asked (data check, batch), not by a build
  let warnings: ConsistencyWarning[] | undefined;
  return {
    dataset,
    get warnings() {
      warnings ??= runConsistencyChecks(dataset);
      return warnings;
    },
  };
}

/**
 * The one door for callers that take either a dataset or a data folder (build, refresh, resolve, init, facts): the
 * dataset they were given (a batch shares one), else the one loaded from their folder, by default the embedded one.
 */
export function datasetFor(opts: { dataset?: Dataset; dataDir?: string }): Dataset {
  return opts.dataset ?? loadDataset(opts.dataDir ?? DEFAULT_DATA_DIR).dataset;
}

/** The CSV files of a data folder, parsed and validated (problems added to `problems`). */
function parseDataFiles(dir: string, rel: (f: string) => string, read: (f: string) => string, problems: Problem[]): ParsedData {
  const register = loadRegister(rel(path.join(dir, 'register', 'kommuner.csv')), path.join(dir, 'register', 'kommuner.csv'), read, problems);
  const variables = loadVariables(rel(path.join(dir, 'variables.csv')), path.join(dir, 'variables.csv'), read, problems);

  const observations: Observation[] = [];
  const seen = new Map<string, string>();
  for (const f of listFiles(path.join(dir, 'observations'), '.csv')) {
    loadObservations(rel(f), read(f), variables, register, seen, observations, problems);
  }

  const tables = new Map<string, TableRow[]>();
  const tableDir = path.join(dir, 'tables');
  for (const f of listFiles(tableDir, '.csv')) {
    const name = path.basename(f, '.csv');
    const schema = tableSchema(name);
    if (!schema) {
      problems.push({ file: rel(f), line: 1, message: `ukjent tabell '${name}'; kjente tabeller: ${TABLE_SCHEMAS.map((s) => s.name).join(', ') || '(ingen)'}` });
      continue;
    }
    tables.set(name, loadTable(rel(f), read(f), schema, register, problems));
  }
  return { register, variables, observations, tables };
}

function listFiles(dir: string, ext: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(ext))
    .sort()
    .map((f) => path.join(dir, f));
}

function loadRegister(file: string, abs: string, read: (f: string) => string, problems: Problem[]): Map<string, KommuneInfo> {
  const register = new Map<string, KommuneInfo>();
  if (!fs.existsSync(abs)) {
    problems.push({ file, message: 'kommuneregisteret mangler; forventet register/kommuner.csv' });
    return register;
  }
  const r = readCsv(file, read(abs), REGISTER_HEADER);
  problems.push(...r.problems);
  for (const row of r.value?.rows ?? []) {
    const [code, name, kind, current, note] = row.cells;
    if (!/^(\d{4}|E[A-Z0-9]+)$/.test(code)) problems.push({ file, line: row.line, message: `ugyldig regionkode '${code}'; forventet fire siffer (kommunenummer) eller en gruppekode som EKG06` });
    if (kind !== 'kommune' && kind !== 'gruppe' && kind !== 'landet') problems.push({ file, line: row.line, message: `ugyldig type '${kind}'; forventet kommune, gruppe eller landet` });
    if (current !== 'ja' && current !== 'nei') problems.push({ file, line: row.line, message: `ugyldig verdi '${current}' i kolonnen current; forventet ja eller nei` });
    if (register.has(code)) problems.push({ file, line: row.line, message: `regionkoden ${code} står to ganger` });
    register.set(code, { code, name, officialName: name, kind: kind as KommuneInfo['kind'], current: current === 'ja', note: note || undefined });
  }
  problems.push(...attachBokmalNames(register, file, abs, read));
  return register;
}

function loadVariables(file: string, abs: string, read: (f: string) => string, problems: Problem[]): Map<string, VariableDef> {
  const vars = new Map<string, VariableDef>();
  if (!fs.existsSync(abs)) {
    problems.push({ file, message: 'variabelkatalogen mangler; forventet variables.csv' });
    return vars;
  }
  const r = readCsv(file, read(abs), VARIABLE_HEADER);
  problems.push(...r.problems);
  for (const row of r.value?.rows ?? []) {
    const [id, label, unit, description] = row.cells;
    if (!/^[a-z0-9_]+(\.[a-z0-9_]+)+$/.test(id)) problems.push({ file, line: row.line, message: `ugyldig variabel-id '${id}'; forventet små bokstaver med punktum, f.eks. finans.netto_driftsresultat` });
    if (vars.has(id)) problems.push({ file, line: row.line, message: `variabelen ${id} står to ganger` });
    vars.set(id, { id, label, unit, description });
  }
  return vars;
}

function parseYear(s: string): number | undefined {
  return /^\d{4}$/.test(s) ? Number(s) : undefined;
}

function loadObservations(
  file: string,
  text: string,
  variables: Map<string, VariableDef>,
  register: Map<string, KommuneInfo>,
  seen: Map<string, string>,
  out: Observation[],
  problems: Problem[],
): void {
  const r = readCsv(file, text, OBSERVATION_HEADER);
  problems.push(...r.problems);
  for (const row of r.value?.rows ?? []) {
    const [region, yearText, variable, valueText, unit, source] = row.cells;
    const at = { file, line: row.line };
    const before = problems.length;
    if (!register.has(region)) problems.push({ ...at, message: `ukjent region '${region}'; forventet et kommunenummer eller en gruppekode fra register/kommuner.csv` });
    const year = parseYear(yearText);
    if (year === undefined) problems.push({ ...at, message: `ugyldig år '${yearText}'; forventet fire siffer` });
    const def = variables.get(variable);
    if (!def) problems.push({ ...at, message: `ukjent variabel '${variable}'; forventet en id fra variables.csv` });
    else if (def.unit !== unit) problems.push({ ...at, message: `enheten '${unit}' passer ikke med variabelen ${variable}; forventet '${def.unit}'` });
    let value: number | null = null;
    let symbol: MissingSymbol | undefined;
    if ((MISSING_SYMBOLS as readonly string[]).includes(valueText)) {
      symbol = valueText as MissingSymbol;
      value = symbol === '-' ? 0 : null;
    } else {
      const n = parseDataNumber(valueText);
      if (n === undefined) problems.push({ ...at, message: `'${valueText}' er ikke et tall; forventet et tall med punktum som desimaltegn og uten tusenskille, eller et av symbolene .. . : -` });
      else value = n;
    }
    if (source === '') problems.push({ ...at, message: 'kilden mangler; forventet f.eks. "003 Tabell 1.1"' });
    if (problems.length > before || year === undefined) continue;
    const k = `${region}|${year}|${variable}`;
    const first = seen.get(k);
    if (first) {
      problems.push({ ...at, message: `dobbel rad: ${region} ${year} ${variable} står allerede i ${first}` });
      continue;
    }
    seen.set(k, `${file}:${row.line}`);
    out.push({ region, year, variable, value, symbol, unit, source, file, line: row.line });
  }
}

function parseCell(col: ColumnSchema, text: string, register: Map<string, KommuneInfo>): { value?: CellValue; error?: string } {
  if (text === '') return col.required ? { error: `kolonnen ${col.name} er tom; verdien er påkrevd` } : { value: null };
  switch (col.type) {
    case 'string':
      return { value: text };
    case 'region':
      return register.has(text) ? { value: text } : { error: `ukjent region '${text}' i kolonnen ${col.name}; forventet en kode fra register/kommuner.csv` };
    case 'int':
    case 'number': {
      if ((MISSING_SYMBOLS as readonly string[]).includes(text)) return { value: text === '-' ? 0 : null };
      const n = parseDataNumber(text);
      if (n === undefined) return { error: `'${text}' i kolonnen ${col.name} er ikke et tall; forventet punktum som desimaltegn og ingen tusenskille` };
      if (col.type === 'int' && !Number.isInteger(n)) return { error: `'${text}' i kolonnen ${col.name} er ikke et heltall` };
      return { value: n };
    }
  }
}

function loadTable(file: string, text: string, schema: TableSchema, register: Map<string, KommuneInfo>, problems: Problem[]): TableRow[] {
  const r = readCsv(file, text, schema.columns.map((c) => c.name));
  problems.push(...r.problems);
  const rows: TableRow[] = [];
  const seen = new Map<string, number>();
  for (const row of r.value?.rows ?? []) {
    const values: Record<string, CellValue> = {};
    let ok = true;
    schema.columns.forEach((col, i) => {
      const c = parseCell(col, row.cells[i], register);
      if (c.error) {
        problems.push({ file, line: row.line, message: c.error });
        ok = false;
      } else values[col.name] = c.value ?? null;
    });
    if (!ok) continue;
    const k = schema.key.map((c) => String(values[c])).join('|');
    const first = seen.get(k);
    if (first !== undefined) {
      problems.push({ file, line: row.line, message: `dobbel rad: ${schema.key.map((c) => `${c}=${values[c]}`).join(', ')} står allerede på linje ${first}` });
      continue;
    }
    seen.set(k, row.line);
    rows.push({ values, file, line: row.line });
  }
  return rows;
}
