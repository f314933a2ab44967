import { Dataset } from '../../src/data/dataset';
import { CellValue, KommuneInfo, Observation, TableRow, TableSchema, VariableDef } from '../../src/data/model';
import { TABLE_SCHEMAS } from '../../src/data/tables';

/**
 * A small Dataset built in memory for tests that need data the sources do not print (population by age for
 * every year, unit costs). Clearly constructed: never written to data/.
 */
export function constructedDataset(obs: [region: string, year: number, variable: string, value: number][], tables: Record<string, Record<string, CellValue>[]> = {}): Dataset {
  const observations: Observation[] = obs.map(([region, year, variable, value], i) => ({ region, year, variable, value, unit: 'antall', source: 'konstruert', file: 'konstruert.csv', line: i + 2 }));
  const variables = new Map<string, VariableDef>();
  for (const o of observations) variables.set(o.variable, { id: o.variable, label: o.variable, unit: o.unit, description: '' });
  const tableMap = new Map<string, { schema: TableSchema; rows: TableRow[] }>();
  for (const [name, rows] of Object.entries(tables)) {
    const schema = TABLE_SCHEMAS.find((s) => s.name === name);
    if (!schema) throw new Error(`unknown table ${name}`);
    tableMap.set(name, { schema, rows: rows.map((values, i) => ({ values, file: `${name}.csv`, line: i + 2 })) });
  }
  const register = new Map<string, KommuneInfo>([['9001', { code: '9001', name: 'Prøvekommune', kind: 'kommune', current: true }]]);
  return new Dataset(observations, variables, tableMap, register);
}
