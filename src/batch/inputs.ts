import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { Dataset } from '../data/dataset';
import { CellValue, KommuneInfo, Observation, TableRow, VariableDef } from '../data/model';
import { PopulationStore } from '../data/population';

/**
 * What a deck read from the data, recorded while it was resolved, so a batch can tell whether a deck's inputs
 * changed since the last run (`--changed-only`).
 *
 * `recordingDataset(ds, rec)` is a view of the shared Dataset that notes every lookup the metrics and the deck
 * resolver make: the question (region, year, variable; table and filter; ...) and the answer (the row, or "no
 * row"). Recording misses as well as hits means a row added later also changes the hash. The view shares the
 * dataset's indexes (prototype chain), so it costs a map insertion per lookup.
 */
export class InputRecorder {
  private readonly reads = new Map<string, string>();
  /** the observations read, in first-read order (the synthetic benchmark data copies them) */
  readonly observations: Observation[] = [];
  /** table rows read, by table name */
  readonly tableRows = new Map<string, Set<TableRow>>();

  note(question: string, answer: string): void {
    if (!this.reads.has(question)) this.reads.set(question, answer);
  }

  observation(question: string, o: Observation | undefined): void {
    if (this.reads.has(question)) return;
    this.reads.set(question, o === undefined ? '-' : observationDigest(o));
    if (o !== undefined) this.observations.push(o);
  }

  rows(name: string, question: string, rows: readonly TableRow[]): void {
    if (this.reads.has(question)) return;
    this.reads.set(question, rows.map((r) => JSON.stringify(r.values)).join('\n'));
    let set = this.tableRows.get(name);
    if (!set) this.tableRows.set(name, (set = new Set()));
    for (const r of rows) set.add(r);
  }

  get size(): number {
    return this.reads.size;
  }

  /** The reads as sorted `question => answer` lines: stable whatever order the metrics ran in. */
  lines(): string[] {
    return [...this.reads.entries()].map(([q, a]) => `${q} => ${a}`).sort();
  }
}

function observationDigest(o: Observation): string {
  return `${o.value === null ? 'null' : o.value}|${o.symbol ?? ''}|${o.unit}|${o.source}`;
}

function cellText(v: CellValue): string {
  return v === null ? '' : String(v);
}

/** A map view that records `get`/`has` of keys (the variable catalogue, the register). */
function recordingMap<V>(map: ReadonlyMap<string, V>, rec: InputRecorder, prefix: string, digest: (v: V) => string): ReadonlyMap<string, V> {
  return new Proxy(map as Map<string, V>, {
    get(target, prop) {
      if (prop === 'get') {
        return (k: string) => {
          const v = target.get(k);
          rec.note(`${prefix}|${k}`, v === undefined ? '-' : digest(v));
          return v;
        };
      }
      if (prop === 'has') {
        return (k: string) => {
          const v = target.get(k);
          rec.note(`${prefix}|${k}`, v === undefined ? '-' : digest(v));
          return v !== undefined;
        };
      }
      const v: unknown = Reflect.get(target, prop, target);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

/** Population rows read: the question (region, year) and the answer (total, a checksum of the ages, retrieval date). */
function recordingPopulation(store: PopulationStore, rec: InputRecorder): PopulationStore {
  const view = Object.create(store) as PopulationStore;
  Object.defineProperties(view, {
    row: {
      value: (region: string, year: number) => {
        const r = store.row(region, year);
        rec.note(`pop|${region}|${year}`, r ? `${r.total}|${r.ages.reduce((s, n, a) => s + n * (a + 1), 0)}|${r.provenance.source}|${r.provenance.retrieved}` : '-');
        return r;
      },
    },
    years: {
      value: (region: string) => {
        const y = store.years(region);
        rec.note(`popyears|${region}`, y.join(','));
        return y;
      },
    },
  });
  return view;
}

const memoDigests = new WeakMap<object, string>();

/** A digest of a value derived from the whole dataset (a rank's values for every kommune), once per value. */
function memoDigest(v: unknown): string {
  if (v === null || typeof v !== 'object') return String(v);
  let d = memoDigests.get(v);
  if (d === undefined) {
    const json = JSON.stringify(v, (_k, x: unknown) => (x instanceof Map ? [...x.entries()] : x));
    d = createHash('sha256').update(json).digest('hex');
    memoDigests.set(v, d);
  }
  return d;
}

/**
 * The dataset's memo of whole-dataset values (ranks, enhetsbeløp): a deck that reuses one computed by an earlier
 * deck read everything it was computed from, so the value's digest goes into this deck's inputs too.
 */
function recordingMemo(memo: Map<string, unknown>, rec: InputRecorder): Map<string, unknown> {
  return new Proxy(memo, {
    get(target, prop) {
      if (prop === 'get') {
        return (k: string) => {
          const v = target.get(k);
          if (v !== undefined) rec.note(`memo|${k}`, memoDigest(v));
          return v;
        };
      }
      if (prop === 'set') {
        return (k: string, v: unknown) => {
          rec.note(`memo|${k}`, memoDigest(v));
          return target.set(k, v);
        };
      }
      const v: unknown = Reflect.get(target, prop, target);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

/**
 * A view of `ds` that records every lookup into `rec`. Methods not overridden (value) call the overridden ones
 * through `this`. Iterating `observations` or `tables` directly is not recorded: no metric does that today; a
 * metric that starts to would make `--changed-only` miss its inputs, which the test in test/batch guards.
 */
export function recordingDataset(ds: Dataset, rec: InputRecorder): Dataset {
  const view = Object.create(ds) as Dataset;
  const variables = recordingMap<VariableDef>(ds.variables, rec, 'variable', (d) => `${d.label}|${d.unit}`);
  const register = recordingMap<KommuneInfo>(ds.register, rec, 'region', (k) => `${k.name}|${k.kind}|${k.current}`);
  Object.defineProperties(view, {
    variables: { value: variables },
    register: { value: register },
    get: {
      value: (region: string, year: number, variable: string) => {
        const o = ds.get(region, year, variable);
        rec.observation(`obs|${region}|${year}|${variable}`, o);
        return o;
      },
    },
    series: {
      value: (region: string, variable: string) => {
        const list = ds.series(region, variable);
        const q = `series|${region}|${variable}`;
        rec.note(q, list.map((o) => `${o.year}:${observationDigest(o)}`).join(';'));
        for (const o of list) rec.observation(`obs|${region}|${o.year}|${variable}`, o);
        return list;
      },
    },
    table: {
      value: (name: string, where: Record<string, CellValue> = {}) => {
        const rows = ds.table(name, where);
        const q = `table|${name}|${Object.keys(where).sort().map((k) => `${k}=${cellText(where[k])}`).join('&')}`;
        rec.rows(name, q, rows);
        return rows;
      },
    },
    document: {
      value: (name: string) => {
        const d = ds.document(name);
        rec.note(`document|${name}`, d === undefined ? '-' : JSON.stringify(d));
        return d;
      },
    },
    regionName: {
      value: (code: string) => {
        const name = ds.regionName(code);
        rec.note(`name|${code}`, name);
        return name;
      },
    },
    population: { value: recordingPopulation(ds.population, rec) },
    memo: { value: recordingMemo(ds.memo, rec) },
    yearsWith: {
      value: (region: string, prefix: string) => {
        const years = ds.yearsWith(region, prefix);
        rec.note(`years|${region}|${prefix}`, years.join(','));
        return years;
      },
    },
  });
  return view;
}

/** The version in package.json (next to src/ and dist/). */
export function toolVersion(): string {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', 'package.json'), 'utf8')) as { name?: string; version?: string };
    return `${pkg.name ?? 'kommunedeck'} ${pkg.version ?? '?'}`;
  } catch {
    return 'kommunedeck ?';
  }
}

export interface HashParts {
  /** what the deck read from the data (InputRecorder.lines()) */
  reads: readonly string[];
  deckText: string;
  themeText: string;
  /** further files the theme uses (logo image), as bytes */
  themeAssets?: readonly Uint8Array[];
  /** other files the deck was built from (the consultant's comments file), as text */
  extraFiles?: readonly string[];
  tool: string;
  /** kommune, year, refs: the build options */
  options: string;
}

/** sha256 over everything a deck is built from; 'sha256:<hex>'. */
export function inputsHash(p: HashParts): string {
  const h = createHash('sha256');
  const part = (label: string, data: string | Uint8Array) => {
    h.update(`${label} ${typeof data === 'string' ? Buffer.byteLength(data) : data.length}\n`);
    h.update(data);
    h.update('\n');
  };
  part('tool', p.tool);
  part('options', p.options);
  part('deck', p.deckText);
  part('theme', p.themeText);
  for (const a of p.themeAssets ?? []) part('asset', a);
  for (const f of p.extraFiles ?? []) part('file', f);
  part('reads', p.reads.join('\n'));
  return `sha256:${h.digest('hex')}`;
}
