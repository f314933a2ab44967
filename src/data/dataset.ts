import { CellValue, KommuneInfo, Observation, TableRow, TableSchema, VariableDef } from './model';
import { PopulationStore } from './population';

/**
 * The loaded, validated data: observations indexed by region/year/variable, dedicated tables by name,
 * the variable catalogue and the kommune register. Immutable after loading; the analysis reads it only
 * through these methods, so it never sees files.
 */
export class Dataset {
  private readonly index = new Map<string, Observation>();
  private readonly byRegionVariable = new Map<string, Observation[]>();
  private readonly tableIndexes = new Map<string, Map<string, TableRow[]>>();
  /**
   * Values derived from the whole dataset (every kommune's figure for a rank, the kostnadsnøkkel's enhetsbeløp),
   * computed once and shared by every deck built from it, including the batch's recording views (which inherit
   * this map through their prototype).
   */
  readonly memo = new Map<string, unknown>();
  /** the dataset itself; a recording view (src/batch/inputs.ts) inherits it, so whole-dataset values are computed unrecorded */
  readonly root: Dataset = this;
  /** a holder, not a field: recording views (src/batch/inputs.ts) share the parsed documents through their prototype */
  private readonly documentSource: { value: ReadonlyMap<string, unknown> | (() => ReadonlyMap<string, unknown>) };

  /** The documents, read on first use (a ProblemsError then, with file:line, when one is invalid). */
  get documents(): ReadonlyMap<string, unknown> {
    if (typeof this.documentSource.value === 'function') this.documentSource.value = this.documentSource.value();
    return this.documentSource.value;
  }

  constructor(
    readonly observations: readonly Observation[],
    readonly variables: ReadonlyMap<string, VariableDef>,
    readonly tables: ReadonlyMap<string, { schema: TableSchema; rows: TableRow[] }>,
    readonly register: ReadonlyMap<string, KommuneInfo>,
    /**
     * extra, family-specific documents (e.g. Kommunekompass YAML) keyed by name: the validated map, or a function that
     * reads them when a deck first asks (a deck without Kommunekompass slides never parses the YAML)
     */
    documents: ReadonlyMap<string, unknown> | (() => ReadonlyMap<string, unknown>) = new Map(),
    /** population by one-year age for every kommune (data/befolkning/), parsed on first use */
    readonly population: PopulationStore = new PopulationStore({ dir: '', files: [] }),
  ) {
    this.documentSource = { value: documents };
    for (const o of observations) {
      this.index.set(key(o.region, o.year, o.variable), o);
      const rv = `${o.region}|${o.variable}`;
      const list = this.byRegionVariable.get(rv);
      if (list) list.push(o);
      else this.byRegionVariable.set(rv, [o]);
    }
    for (const list of this.byRegionVariable.values()) list.sort((a, b) => a.year - b.year);
  }

  /** The observation, or undefined when there is no row at all. */
  get(region: string, year: number, variable: string): Observation | undefined {
    return this.index.get(key(region, year, variable));
  }

  /** The number; null when the row says it is missing (`..` etc.); undefined when there is no row. */
  value(region: string, year: number, variable: string): number | null | undefined {
    const o = this.get(region, year, variable);
    return o === undefined ? undefined : o.value;
  }

  /** All observations of one variable for one region, by year ascending. */
  series(region: string, variable: string): readonly Observation[] {
    return this.byRegionVariable.get(`${region}|${variable}`) ?? [];
  }

  /** Rows of a dedicated table, optionally filtered by column equality. */
  table(name: string, where: Record<string, CellValue> = {}): TableRow[] {
    const t = this.tables.get(name);
    if (!t) return [];
    const cols = Object.keys(where).sort();
    if (cols.length === 0) return t.rows.slice();
    // the rows grouped by the columns a question names, built on first use: a batch or a rank asks the same
    // tables the same questions for every kommune. Same rows in the same order as filtering; strict equality.
    const id = `${name}|${cols.join(',')}`;
    let groups = this.tableIndexes.get(id);
    if (!groups) {
      groups = new Map();
      for (const r of t.rows) {
        const k = cellKey(cols.map((c) => r.values[c]));
        const list = groups.get(k);
        if (list) list.push(r);
        else groups.set(k, [r]);
      }
      this.tableIndexes.set(id, groups);
    }
    return [...(groups.get(cellKey(cols.map((c) => where[c]))) ?? [])];
  }

  document<T>(name: string): T | undefined {
    return this.documents.get(name) as T | undefined;
  }

  regionName(code: string): string {
    return this.register.get(code)?.name ?? code;
  }

  /** Years for which a region has any observation of a variable whose id starts with `prefix`. */
  yearsWith(region: string, prefix: string): number[] {
    const years = new Set<number>();
    for (const o of this.observations) if (o.region === region && o.variable.startsWith(prefix)) years.add(o.year);
    return [...years].sort((a, b) => a - b);
  }
}

function cellKey(values: readonly (CellValue | undefined)[]): string {
  return values.map((v) => (v === null ? 'null' : v === undefined ? 'undefined' : `${typeof v}:${v}`)).join('\u0000');
}

function key(region: string, year: number, variable: string): string {
  return `${region}|${year}|${variable}`;
}
