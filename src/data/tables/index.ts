import { TableSchema } from '../model';
import { DEMOGRAFI_TABLES } from './demografi';
import { KOSTRA_TABLES } from './kostra';
import { FINANS_TABLES } from './finans';
import { INNTEKTSSYSTEM_TABLES } from './inntektssystem';
import { NASJONAL_TABLES } from './nasjonal';

/**
 * Every dedicated table in data/tables/<name>.csv, declared here so `data check` validates it and the
 * README documents it. Each analysis family adds its schemas in its own module and lists them here.
 */
export const TABLE_SCHEMAS: TableSchema[] = [...KOSTRA_TABLES, ...FINANS_TABLES, ...INNTEKTSSYSTEM_TABLES, ...DEMOGRAFI_TABLES, ...NASJONAL_TABLES];

export function tableSchema(name: string): TableSchema | undefined {
  return TABLE_SCHEMAS.find((s) => s.name === name);
}
