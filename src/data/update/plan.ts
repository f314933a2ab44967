import { SsbTableInfo, SsbVariableSource, VariableSource } from '../sources/types';

/**
 * What `data update` asks SSB for: the source map's entries of kind 'ssb' (and their `also` tables) grouped by
 * table, one request shape per table: the ContentsCodes, the codes of every fixed dimension, the codes of a family
 * dimension (`befolkning.alder.*`: Alder), and `*` for dimensions summed over (Kjonn).
 */

/** One variable (or a family of variables) read from one table. */
export interface TableMapping {
  /** the variable id, or a pattern with one `*` (then `source.each` says which dimension fills it) */
  variable: string;
  source: SsbVariableSource;
}

export interface TablePlan {
  table: string;
  info: SsbTableInfo;
  contents: string[];
  /** other dimensions: id -> codes (fixed codes, family codes, or `*` for summed dimensions) */
  select: Record<string, string[]>;
  mappings: TableMapping[];
}

export interface Plan {
  tables: TablePlan[];
  /** map entries that cannot be fetched as declared (a table missing from SSB_TABLES, two codes for one dimension) */
  problems: string[];
}

function addCodes(select: Record<string, string[]>, dim: string, codes: readonly string[]): void {
  const have = select[dim] ?? [];
  if (have.includes('*')) return;
  select[dim] = codes.includes('*') ? ['*'] : [...new Set([...have, ...codes])];
}

/** Group the map's SSB entries by table; tables in id order, codes in the order the map gives them. */
export function planTables(map: Readonly<Record<string, VariableSource>>, tables: Readonly<Record<string, SsbTableInfo>>, only?: readonly string[]): Plan {
  const byTable = new Map<string, TablePlan>();
  const problems: string[] = [];
  const add = (variable: string, source: SsbVariableSource) => {
    const info = tables[source.table];
    if (!info) {
      problems.push(`${variable}: tabell ${source.table} står ikke i SSB_TABLES (src/data/sources/ssb-tables.ts)`);
      return;
    }
    if (variable.includes('*') && !source.each) {
      problems.push(`${variable}: et mønster med * trenger "each" (hvilken dimensjon * står for)`);
      return;
    }
    let plan = byTable.get(source.table);
    if (!plan) {
      plan = { table: source.table, info, contents: [], select: {}, mappings: [] };
      byTable.set(source.table, plan);
    }
    if (!plan.contents.includes(source.contents)) plan.contents.push(source.contents);
    for (const [dim, code] of Object.entries(source.dims ?? {})) addCodes(plan.select, dim, [code]);
    if (source.each) addCodes(plan.select, source.each.dim, Object.keys(source.each.codes));
    for (const dim of source.sum ?? []) addCodes(plan.select, dim, ['*']);
    plan.mappings.push({ variable, source });
  };
  for (const [variable, source] of Object.entries(map)) {
    if (source.kind !== 'ssb') continue;
    add(variable, source);
    for (const more of source.also ?? []) add(variable, more);
  }
  const out = [...byTable.values()].filter((p) => !only || only.includes(p.table)).sort((a, b) => a.table.localeCompare(b.table));
  return { tables: out, problems };
}
