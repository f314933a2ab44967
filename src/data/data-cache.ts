import * as fs from 'fs';
import * as path from 'path';
import { derivedCacheOn, derivedFile, filesKey, readDerived, saveOnExit, writeDerived } from '../util/derived-cache';
import type { CellValue, KommuneInfo, MissingSymbol, Observation, TableRow, VariableDef } from './model';

/**
 * The CSV files of a data folder (register, variable catalogue, observations, tables), parsed and validated,
 * remembered across processes as one JSON file (./derived-cache.ts: for the CLI, keyed by every file's path, size
 * and modification time, and the bokmål names it falls back on).
 *
 * Why: parsing ~200 kB of CSV in a fresh process (the parsers still cold) was ~15 ms of a single deck's build;
 * JSON.parse of the same rows is native and a few milliseconds. Documents (Kommunekompass YAML) are parsed when a
 * deck asks, and population has its own binary cache (./population-cache.ts). Stored only when every file loaded
 * without a problem (loadDataset throws otherwise); `data check` reads the files themselves.
 *
 * Rows are stored as arrays, files as indices into a list of paths relative to the data folder, so a message
 * names the file relative to wherever the command runs from.
 */
const FORMAT = 'KDDATA001';

/** What loadDataset parses from the CSV files of a data folder. */
export interface ParsedData {
  register: Map<string, KommuneInfo>;
  variables: Map<string, VariableDef>;
  observations: Observation[];
  /** table name -> rows (the schema is code: looked up by name) */
  tables: Map<string, TableRow[]>;
}

type KommuneTuple = [code: string, name: string, officialName: string | undefined, kind: KommuneInfo['kind'], current: boolean, note: string | undefined];
type ObservationTuple = [region: string, year: number, variable: string, value: number | null, symbol: MissingSymbol | undefined, unit: string, source: string, file: number, line: number];
type RowTuple = [values: Record<string, CellValue>, file: number, line: number];

interface Stored {
  key: string;
  /** files, relative to the data folder */
  files: string[];
  register: KommuneTuple[];
  variables: VariableDef[];
  observations: ObservationTuple[];
  tables: [name: string, rows: RowTuple[]][];
}

/** The files the parsed data comes from: the key lists each with its size and time. */
export function dataFiles(dataDir: string, bokmalFallback: string): { files: string[]; optional: string[] } {
  const list = (dir: string) => {
    const abs = path.join(dataDir, dir);
    return fs.existsSync(abs) ? fs.readdirSync(abs).sort().map((f) => path.join(abs, f)) : [];
  };
  return { files: [path.join(dataDir, 'variables.csv'), ...list('register'), ...list('observations'), ...list('tables')], optional: [bokmalFallback] };
}

function keyOf(dataDir: string, bokmalFallback: string): string | undefined {
  if (!derivedCacheOn()) return undefined;
  const { files, optional } = dataFiles(dataDir, bokmalFallback);
  return filesKey([FORMAT], files, optional);
}

function cacheFileOf(key: string): string | undefined {
  return derivedFile('data', key, '.json');
}

/** The data as parsed before from exactly these files, or undefined (none, stale, unreadable, cache off). */
export function readCachedData(dataDir: string, bokmalFallback: string): ParsedData | undefined {
  const key = keyOf(dataDir, bokmalFallback);
  const buf = key ? readDerived(cacheFileOf(key)) : undefined;
  if (!buf) return undefined;
  let s: Stored;
  try {
    s = JSON.parse(buf.toString('utf8')) as Stored;
  } catch {
    return undefined;
  }
  if (s.key !== key) return undefined;
  const files = s.files.map((f) => path.relative(process.cwd(), path.join(dataDir, f)) || f);
  return {
    // JSON writes an undefined array element as null: read back as undefined, as loadDataset leaves them
    register: new Map(s.register.map(([code, name, officialName, kind, current, note]) => [code, { code, name, officialName: officialName ?? undefined, kind, current, note: note ?? undefined }])),
    variables: new Map(s.variables.map((v) => [v.id, v])),
    observations: s.observations.map(([region, year, variable, value, symbol, unit, source, file, line]) => ({ region, year, variable, value, symbol: symbol ?? undefined, unit, source, file: files[file], line })),
    tables: new Map(s.tables.map(([name, rows]) => [name, rows.map(([values, file, line]) => ({ values, file: files[file], line }))])),
  };
}

/** Remember the parsed data of a data folder when the process exits (only data that loaded without a problem). */
export function rememberData(dataDir: string, bokmalFallback: string, data: ParsedData): void {
  const key = keyOf(dataDir, bokmalFallback);
  const file = key ? cacheFileOf(key) : undefined;
  if (!key || !file) return;
  saveOnExit(() => writeDerived(file, JSON.stringify(encode(key, dataDir, data))));
}

function encode(key: string, dataDir: string, d: ParsedData): Stored {
  const files: string[] = [];
  const index = new Map<string, number>();
  const fileIndex = (f: string) => {
    let i = index.get(f);
    if (i === undefined) index.set(f, (i = files.push(path.relative(dataDir, path.resolve(f))) - 1));
    return i;
  };
  return {
    key,
    files,
    register: [...d.register.values()].map((k) => [k.code, k.name, k.officialName, k.kind, k.current, k.note]),
    variables: [...d.variables.values()],
    observations: d.observations.map((o) => [o.region, o.year, o.variable, o.value, o.symbol, o.unit, o.source, fileIndex(o.file), o.line]),
    tables: [...d.tables].map(([name, rows]) => [name, rows.map((r): RowTuple => [r.values, fileIndex(r.file), r.line])]),
  };
}
