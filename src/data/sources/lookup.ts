import { citeSource, citeSources } from '../../format/sources';
import { SOURCE_MAP } from './source-map';
import { SSB_TABLES } from './ssb-tables';
import { SsbVariableSource, VariableSource } from './types';

/**
 * Reading the source map (./source-map.ts) by input id: the one lookup the metric definitions, the audit trail and
 * `facts --json` share. An input id is a variable id, a dedicated table name, an id a family pattern covers
 * (`befolkning.alder.67` → `befolkning.alder.*`) or a file a placeholder key covers (`kompass/1837-2023` →
 * `data/kompass/<kommune>-<år>.yaml`).
 */

type SourceMap = Readonly<Record<string, VariableSource>>;

interface Matcher {
  key: string;
  test: (id: string) => boolean;
  /** longer prefixes win over shorter ones */
  weight: number;
}

const matcherCache = new WeakMap<SourceMap, Matcher[]>();

/** `data/kompass/<kommune>-<år>.yaml` and `kompass/1837-2023` compare without the folder and the extension. */
const bareFile = (s: string) => s.replace(/^data\//, '').replace(/\.[a-z]+$/, '');

function matchersOf(map: SourceMap): Matcher[] {
  let out = matcherCache.get(map);
  if (out) return out;
  out = [];
  for (const key of Object.keys(map)) {
    if (key.endsWith('.*')) {
      const prefix = key.slice(0, -1);
      out.push({ key, test: (id) => id.startsWith(prefix) && id.length > prefix.length, weight: prefix.length });
    } else if (/<[^>]+>/.test(key)) {
      const bare = bareFile(key);
      const re = new RegExp(`^${bare.split(/<[^>]+>/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[^/]+')}$`);
      out.push({ key, test: (id) => re.test(bareFile(id)), weight: bare.length });
    }
  }
  out.sort((a, b) => b.weight - a.weight);
  matcherCache.set(map, out);
  return out;
}

/** The map key that covers an input id: its own key, else the most specific pattern; undefined when none does. */
export function sourceKeyOf(inputId: string, map: SourceMap = SOURCE_MAP): string | undefined {
  if (Object.prototype.hasOwnProperty.call(map, inputId)) return inputId;
  return matchersOf(map).find((m) => m.test(inputId))?.key;
}

/** Where an input comes from publicly, from the source map; undefined when the map does not cover it. */
export function sourceOf(inputId: string, map: SourceMap = SOURCE_MAP): VariableSource | undefined {
  const key = sourceKeyOf(inputId, map);
  return key === undefined ? undefined : map[key];
}

/** The unit the map declares for an input (SSB and KDD entries, and document/derived entries that name one). */
export function mappedUnit(inputId: string, map: SourceMap = SOURCE_MAP): string | undefined {
  const src = sourceOf(inputId, map);
  return src && 'unit' in src ? src.unit : undefined;
}

/**
 * The unit of an input as a metric definition reads it: from the map, or an error at load time, so a definition
 * cannot silently get no unit.
 */
export function unitOf(inputId: string, map: SourceMap = SOURCE_MAP): string {
  const unit = mappedUnit(inputId, map);
  if (unit === undefined) throw new Error(`kildekartet oppgir ingen enhet for ${inputId} (src/data/sources/source-map.ts)`);
  return unit;
}

const YEAR_WORDS: Record<SsbVariableSource['year'], string> = {
  regnskapsaar: 'regnskapsåret',
  'per-1-januar': '1.1.',
  'per-31-desember': '31.12.',
  framskrivingsaar: 'framskrevet',
  'fjerde-kvartal': '4. kvartal',
};

/** "konsern" or "kasse" when the codes or the table say which accounts the figure covers. */
function scopeOf(s: SsbVariableSource): string | undefined {
  const code = s.dims?.KOKregnskapsomfa0000;
  if (code === 'A') return 'konsern';
  if (code === 'B') return 'kasse';
  return /kommunekonsern/.test(SSB_TABLES[s.table]?.title ?? '') ? 'konsern' : undefined;
}

/** The codes of one SSB source as a list: ContentsCode, fixed dimensions, the family dimension, what is summed. */
function ssbCodes(s: SsbVariableSource): string[] {
  const parts = [s.contents, ...Object.entries(s.dims ?? {}).filter(([d]) => d !== 'KOKregnskapsomfa0000').map(([d, c]) => `${d}=${c}`)];
  if (s.each) parts.push(`${s.each.dim}=*`);
  if (s.sum?.length) parts.push(`summert over ${s.sum.join(' og ')}`);
  if (s.year !== 'regnskapsaar') parts.push(YEAR_WORDS[s.year]);
  const scope = scopeOf(s);
  if (scope) parts.push(scope);
  return parts;
}

function describeSsb(s: SsbVariableSource): string {
  const main = `SSB, tabell ${s.table} (${ssbCodes(s).join(', ')})`;
  const more = (s.also ?? []).map((a) => `tabell ${a.table} (${ssbCodes(a).join(', ')})`);
  return more.length ? `${main}; ${more.join('; ')}` : main;
}

/** A source document's part named inside a note ("003 Tabell 2.2 trykker …") as its citation. */
function citeParts(note: string): string {
  return note.replace(/\b\d{3} (?:Tabell|Figur) \d+(?:\.\d+)*/g, (part) => citeSource(part));
}

/**
 * A source in one line for people, for the audit trail and `facts --json`: "SSB, tabell 12362 (KOSbelopinnbygge0000,
 * KOKfunksjon0000=FGK3, KOKart0000=AGD2, konsern)", "KDD, Grønt hefte, tabell A-k", "bare i kildedokumentet: Meløy
 * kommune, Økonomisk analyse 2020, tabell 6.2". Source documents are named by their citation, never by their id.
 */
export function describeSource(src: VariableSource): string {
  switch (src.kind) {
    case 'ssb':
      return describeSsb(src);
    case 'kdd':
      return `KDD, ${src.publication}`;
    case 'klass':
      return `SSB, Klass ${src.classification}`;
    case 'derived':
      return `beregnet: ${citeParts(src.note)}`;
    case 'document':
      return `bare i kildedokumentet: ${citeSources(src.documents)}`;
  }
}

/** An input's public source in one line, or a line saying the map does not cover it. */
export function describeInput(inputId: string, map: SourceMap = SOURCE_MAP): string {
  const src = sourceOf(inputId, map);
  return src ? describeSource(src) : 'ikke i kildekartet';
}

/** One input's map entry as `facts --json` prints it. */
export interface InputSource {
  id: string;
  /** the map key that covers it (the id itself, or a pattern such as `befolkning.alder.*`) */
  key: string | null;
  kind: VariableSource['kind'] | null;
  /** describeSource's line */
  source: string;
  /** SSB table, KDD publication or Klass classification */
  table?: string;
  /** SSB: ContentsCode and the fixed dimension codes (a family dimension as `*`) */
  codes?: Record<string, string>;
  sum?: string[];
  scale?: number;
  year?: SsbVariableSource['year'];
  unit?: string;
  /** where the codes were confirmed; null when they could not be (or for document and derived entries) */
  confirmed: string | null;
  /** further SSB tables with the same variable (the projection 14288) */
  also?: Omit<InputSource, 'id' | 'key' | 'also'>[];
  documents?: string[];
  candidate?: string;
  from?: string[];
}

function ssbEntry(s: SsbVariableSource, withAlso = true): Omit<InputSource, 'id' | 'key'> {
  const codes: Record<string, string> = { ContentsCode: s.contents, ...(s.dims ?? {}) };
  if (s.each) codes[s.each.dim] = '*';
  const out: Omit<InputSource, 'id' | 'key'> = { kind: 'ssb', source: describeSsb(s), table: s.table, codes, year: s.year, unit: s.unit, confirmed: s.confirmed };
  if (s.sum?.length) out.sum = [...s.sum];
  if (s.scale !== undefined && s.scale !== 1) out.scale = s.scale;
  if (withAlso && s.also?.length) out.also = s.also.map((a) => ssbEntry(a, false));
  return out;
}

/** The map entry of an input, flattened for JSON; `kind: null` when the map does not cover it. */
export function inputSource(inputId: string, map: SourceMap = SOURCE_MAP): InputSource {
  const key = sourceKeyOf(inputId, map) ?? null;
  const src = key === null ? undefined : map[key];
  if (!src) return { id: inputId, key: null, kind: null, source: 'ikke i kildekartet', confirmed: null };
  const base = { id: inputId, key };
  switch (src.kind) {
    case 'ssb':
      return { ...base, ...ssbEntry(src) };
    case 'kdd':
      return { ...base, kind: 'kdd', source: describeSource(src), table: src.publication, unit: src.unit, confirmed: src.confirmed };
    case 'klass':
      return { ...base, kind: 'klass', source: describeSource(src), table: `Klass ${src.classification}`, confirmed: src.confirmed };
    case 'derived':
      return { ...base, kind: 'derived', source: describeSource(src), from: [...src.from], ...(src.unit ? { unit: src.unit } : {}), confirmed: null };
    case 'document': {
      const out: InputSource = { ...base, kind: 'document', source: describeSource(src), documents: [...src.documents], confirmed: null };
      if (src.unit) out.unit = src.unit;
      if (src.candidate) out.candidate = src.candidate;
      return out;
    }
  }
}

/** publicSources' lines by map key: an audit trail asks for the same inputs for every figure of a table. */
const lineCache = new WeakMap<SourceMap, Map<string, string>>();

/**
 * The public sources of a list of inputs in one line each, for the audit trail: inputs a pattern covers are named
 * once by the pattern; "id: source" joined by " | ".
 */
export function publicSources(inputIds: readonly string[], map: SourceMap = SOURCE_MAP): string {
  let lines = lineCache.get(map);
  if (!lines) lineCache.set(map, (lines = new Map()));
  const seen = new Set<string>();
  const out: string[] = [];
  for (const id of inputIds) {
    const key = sourceKeyOf(id, map) ?? id;
    if (seen.has(key)) continue;
    seen.add(key);
    let line = lines.get(key);
    if (line === undefined) lines.set(key, (line = `${key}: ${describeInput(id, map)}`));
    out.push(line);
  }
  return out.join(' | ');
}

