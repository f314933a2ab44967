import { Problem, ProblemsError } from '../../errors';
import { MISSING_SYMBOLS, MissingSymbol } from '../model';
import { canonicalDim } from './kostra-dimensions';
import { DimCode, SsbCell, SsbImport } from './types';

/**
 * JSON-stat importer: JSON-stat 2.0 datasets (PxWebApi v2 `format=json-stat2`, PxWebApi v0/v1 with
 * `"response":{"format":"json-stat2"}`) and the older JSON-stat 1.x bundle (`{"dataset": {...}}`, v0/v1's
 * default `json-stat`).
 *
 * Layout: `id` lists the dimensions, `size` their number of categories, and `value` holds the product of the
 * sizes in row-major order (the last dimension varies fastest). `value` may be an array or, in sparse form, an
 * object keyed by the flat index; `status` may be an array, an object keyed by index, or one string for all cells.
 */

export interface JsonStatDimension {
  id: string;
  label: string;
  /** category codes in index order */
  codes: string[];
  labels: string[];
  /** unit base per code (from `category.unit[code].base`), when the dataset says */
  units: (string | undefined)[];
}

export interface JsonStatCube {
  format: 'json-stat2' | 'json-stat';
  label?: string;
  tableId?: string;
  dimensions: JsonStatDimension[];
  role: { time: string[]; geo: string[]; metric: string[] };
  values: (number | null)[];
  statuses: (string | undefined)[];
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

function isObject(v: Json | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The most cells one JSON-stat dataset may have (PxWebApi v2 serves at most 800 000 per request). */
export const MAX_CELLS = 5_000_000;

/** Parse JSON text, turning a syntax error into `file:line: ...` (a truncated download is the usual cause). */
export function parseJsonText(file: string, text: string): Json {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(body) as Json;
  } catch (e) {
    const msg = (e as Error).message;
    const pos = /position (\d+)/.exec(msg);
    const at = pos ? Number(pos[1]) : body.length;
    const line = body.slice(0, at).split('\n').length;
    const truncated = /end of JSON|Unterminated/i.test(msg) || at >= body.trimEnd().length;
    throw new ProblemsError(
      [{ file, line, message: `ugyldig JSON (${msg})${truncated ? '; filen ser avkuttet ut, last den ned på nytt' : ''}` }],
      'BAD_JSON',
    );
  }
}

/** Read a JSON-stat document into a cube, validating ids, sizes, categories and the number of values. */
export function readJsonStat(file: string, text: string): JsonStatCube {
  const doc = parseJsonText(file, text);
  const fail = (message: string): never => {
    throw new ProblemsError([{ file, message }], 'BAD_JSONSTAT');
  };
  if (!isObject(doc)) return fail('forventet et JSON-stat-objekt ({"class":"dataset", ...})');

  let ds: JsonObject;
  let format: JsonStatCube['format'];
  let ids: Json | undefined;
  let sizes: Json | undefined;
  let roleObj: Json | undefined;
  let dimObj: Json | undefined;
  if (doc.class === 'dataset' || (doc.version !== undefined && doc.id !== undefined)) {
    ds = doc;
    format = 'json-stat2';
    ids = ds.id;
    sizes = ds.size;
    roleObj = ds.role;
    dimObj = ds.dimension;
  } else if (isObject(doc.dataset)) {
    // JSON-stat 1.x bundle: {"dataset": {"dimension": {"id": [...], "size": [...], "role": {...}, <dims>}, "value": [...]}}
    ds = doc.dataset;
    format = 'json-stat';
    dimObj = ds.dimension;
    if (isObject(dimObj)) {
      ids = dimObj.id;
      sizes = dimObj.size;
      roleObj = dimObj.role;
    }
  } else if (doc.class === 'collection' || doc.class === 'bundle') {
    return fail(`filen er en JSON-stat-${doc.class}; forventet ett datasett (class "dataset")`);
  } else if (typeof doc.title === 'string' && typeof doc.status === 'number') {
    return fail(`filen er en feilmelding fra SSB (HTTP ${doc.status}: ${doc.title}), ikke et datasett`);
  } else {
    return fail('fant verken "class":"dataset" (JSON-stat 2) eller "dataset" (JSON-stat 1); er dette et svar fra SSB sitt API?');
  }

  if (!Array.isArray(ids) || !ids.every((x) => typeof x === 'string')) return fail('"id" mangler eller er ikke en liste med dimensjonsnavn');
  if (!Array.isArray(sizes) || !sizes.every((x) => typeof x === 'number' && Number.isInteger(x) && x >= 0)) return fail('"size" mangler eller er ikke en liste med heltall');
  const idList = ids as string[];
  const sizeList = sizes as number[];
  if (idList.length !== sizeList.length) return fail(`"id" har ${idList.length} dimensjoner, men "size" har ${sizeList.length} tall; de må være like lange`);
  if (!isObject(dimObj)) return fail('"dimension" mangler');

  const dimensions: JsonStatDimension[] = idList.map((id, i) => readDimension(file, id, dimObj as JsonObject, sizeList[i]));

  const total = sizeList.reduce((a, b) => a * b, 1);
  // a few categories in many dimensions multiply fast; SSB's API itself serves far fewer cells per request
  if (total > MAX_CELLS) return fail(`"size" gir ${total} celler (produktet av størrelsene); kommunedeck leser høyst ${MAX_CELLS}: last ned færre kategorier om gangen`);
  const values = readValues(file, ds.value, total);
  const statuses = readStatuses(file, ds.status, total);

  const role = { time: [] as string[], geo: [] as string[], metric: [] as string[] };
  if (isObject(roleObj)) {
    for (const k of ['time', 'geo', 'metric'] as const) {
      const r = roleObj[k];
      if (Array.isArray(r)) role[k] = r.filter((x): x is string => typeof x === 'string');
    }
  }

  const label = typeof ds.label === 'string' ? ds.label : undefined;
  let tableId: string | undefined;
  const ext = ds.extension;
  if (isObject(ext) && isObject(ext.px) && typeof ext.px.tableid === 'string') tableId = ext.px.tableid;
  if (!tableId && label) tableId = /^(\d{5})\s*:/.exec(label)?.[1];
  return { format, label, tableId, dimensions, role, values, statuses };
}

function readDimension(file: string, id: string, dimObj: JsonObject, size: number): JsonStatDimension {
  const fail = (message: string): never => {
    throw new ProblemsError([{ file, message: `dimensjonen ${id}: ${message}` }], 'BAD_JSONSTAT');
  };
  const d = dimObj[id];
  if (!isObject(d)) return fail('står i "id", men mangler under "dimension"');
  const cat = d.category;
  if (!isObject(cat)) return fail('mangler "category"');
  const labelObj = isObject(cat.label) ? cat.label : {};
  let codes: string[];
  const index = cat.index;
  if (Array.isArray(index)) {
    const bad = index.find((c) => typeof c !== 'string' && typeof c !== 'number');
    if (bad !== undefined) return fail(`"category.index" skal være en liste med koder, men har ${JSON.stringify(bad)}`);
    codes = index.map(String);
  } else if (isObject(index)) {
    codes = new Array<string>(Object.keys(index).length);
    for (const [code, pos] of Object.entries(index)) {
      if (typeof pos !== 'number' || !Number.isInteger(pos) || pos < 0 || pos >= codes.length || codes[pos] !== undefined) {
        return fail(`ugyldig indeks ${JSON.stringify(pos)} for kategorien ${code}`);
      }
      codes[pos] = code;
    }
  } else {
    // JSON-stat allows leaving out the index when there is one category (or when labels are in order)
    codes = Object.keys(labelObj);
  }
  if (codes.length !== size) return fail(`"size" sier ${size} kategorier, men "category" har ${codes.length}`);
  const unitObj = isObject(cat.unit) ? cat.unit : {};
  const units = codes.map((c) => {
    const u = unitObj[c];
    if (isObject(u)) {
      if (typeof u.base === 'string') return u.base;
      if (typeof u.label === 'string') return u.label;
    }
    return undefined;
  });
  const labels = codes.map((c) => (typeof labelObj[c] === 'string' ? (labelObj[c] as string) : c));
  return { id, label: typeof d.label === 'string' ? d.label : id, codes, labels, units };
}

function toNumber(v: Json | undefined): number | null | 'bad' {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : 'bad';
  if (typeof v === 'string') {
    if ((MISSING_SYMBOLS as readonly string[]).includes(v.trim())) return null;
    const n = Number(v);
    return v.trim() !== '' && Number.isFinite(n) ? n : 'bad';
  }
  return 'bad';
}

function readValues(file: string, value: Json | undefined, total: number): (number | null)[] {
  const problems: Problem[] = [];
  const out = new Array<number | null>(total).fill(null);
  if (Array.isArray(value)) {
    if (value.length !== total) {
      throw new ProblemsError(
        [{ file, message: `"value" har ${value.length} tall, men "size" gir ${total} celler (produktet av størrelsene); filen er ufullstendig eller feil satt sammen` }],
        'BAD_JSONSTAT',
      );
    }
    value.forEach((v, i) => {
      const n = toNumber(v);
      if (n === 'bad') problems.push({ file, message: `verdi nr. ${i} (${JSON.stringify(v)}) er ikke et tall` });
      else out[i] = n;
    });
  } else if (isObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      const i = Number(k);
      if (!Number.isInteger(i) || i < 0 || i >= total) {
        problems.push({ file, message: `"value" har nøkkelen ${k}, utenfor 0..${total - 1}` });
        continue;
      }
      const n = toNumber(v);
      if (n === 'bad') problems.push({ file, message: `verdi nr. ${i} (${JSON.stringify(v)}) er ikke et tall` });
      else out[i] = n;
    }
  } else {
    throw new ProblemsError([{ file, message: '"value" mangler; forventet en liste eller et objekt med tall' }], 'BAD_JSONSTAT');
  }
  if (problems.length > 0) throw new ProblemsError(problems.slice(0, 20), 'BAD_JSONSTAT');
  return out;
}

function readStatuses(file: string, status: Json | undefined, total: number): (string | undefined)[] {
  const out = new Array<string | undefined>(total).fill(undefined);
  if (status === undefined || status === null) return out;
  if (typeof status === 'string') return out.fill(status);
  if (Array.isArray(status)) {
    if (status.length === 1 && total > 1 && typeof status[0] === 'string') return out.fill(status[0]);
    if (status.length !== total) {
      throw new ProblemsError([{ file, message: `"status" har ${status.length} elementer, men datasettet har ${total} celler` }], 'BAD_JSONSTAT');
    }
    status.forEach((s, i) => {
      if (typeof s === 'string') out[i] = s;
    });
    return out;
  }
  if (isObject(status)) {
    for (const [k, s] of Object.entries(status)) {
      const i = Number(k);
      if (Number.isInteger(i) && i >= 0 && i < total && typeof s === 'string') out[i] = s;
    }
  }
  return out;
}

/** Which dimension plays which part: JSON-stat roles first, then SSB's usual ids (KOKkommuneregion0000, Region, Tid, ContentsCode). */
function pickRoles(cube: JsonStatCube, file: string): { geo: number; time: number; metric: number } {
  const ids = cube.dimensions.map((d) => d.id);
  const byRole = (r: string[]) => ids.findIndex((id) => r.includes(id));
  const byName = (kind: string) => ids.findIndex((id) => canonicalDim(id) === kind);
  const geo = byRole(cube.role.geo) >= 0 ? byRole(cube.role.geo) : byName('region');
  const time = byRole(cube.role.time) >= 0 ? byRole(cube.role.time) : byName('tid');
  const metric = byRole(cube.role.metric) >= 0 ? byRole(cube.role.metric) : byName('contents');
  if (geo < 0) throw new ProblemsError([{ file, message: `fant ingen regiondimensjon blant ${ids.join(', ')}; forventet role.geo eller KOKkommuneregion0000/Region` }], 'BAD_JSONSTAT');
  if (time < 0) throw new ProblemsError([{ file, message: `fant ingen tidsdimensjon blant ${ids.join(', ')}; forventet role.time eller Tid` }], 'BAD_JSONSTAT');
  return { geo, time, metric };
}

function asSymbol(status: string | undefined): MissingSymbol | undefined {
  return status !== undefined && (MISSING_SYMBOLS as readonly string[]).includes(status) ? (status as MissingSymbol) : undefined;
}

/** Turn a cube into cells (row-major: the last dimension varies fastest). */
export function jsonStatCells(file: string, cube: JsonStatCube): SsbImport {
  const { geo, time, metric } = pickRoles(cube, file);
  const dims = cube.dimensions;
  const sizes = dims.map((d) => d.codes.length);
  const total = cube.values.length;
  const warnings: string[] = [];
  const unknownStatus = new Map<string, number>();
  const cells: SsbCell[] = [];
  const pos = new Array<number>(dims.length).fill(0);
  for (let flat = 0; flat < total; flat++) {
    // decode the flat index into one category per dimension
    let rest = flat;
    for (let d = dims.length - 1; d >= 0; d--) {
      pos[d] = rest % sizes[d];
      rest = Math.floor(rest / sizes[d]);
    }
    const cat = (d: number): DimCode => ({ code: dims[d].codes[pos[d]], label: dims[d].labels[pos[d]] });
    const status = cube.statuses[flat];
    let value = cube.values[flat];
    let symbol = asSymbol(status);
    if (status !== undefined && symbol === undefined) unknownStatus.set(status, (unknownStatus.get(status) ?? 0) + 1);
    if (symbol === '-') value = value ?? 0;
    else if (symbol !== undefined) value = null;
    else if (value === null) symbol = '..';
    const others: SsbCell['others'] = [];
    dims.forEach((dim, d) => {
      if (d !== geo && d !== time && d !== metric) others.push({ dim: canonicalDim(dim.id), code: dim.codes[pos[d]], label: dim.labels[pos[d]] });
    });
    cells.push({
      region: cat(geo),
      time: cat(time),
      contents: metric >= 0 ? cat(metric) : undefined,
      others,
      value,
      symbol,
      unit: metric >= 0 ? dims[metric].units[pos[metric]] : undefined,
    });
  }
  for (const [s, n] of unknownStatus) warnings.push(`${file}: ukjent statuskode '${s}' på ${n} celle(r); tallene er tatt med slik de står`);
  return { file, format: cube.format, tableId: cube.tableId, title: cube.label, cells, warnings };
}

export function importJsonStat(file: string, text: string): SsbImport {
  return jsonStatCells(file, readJsonStat(file, text));
}
