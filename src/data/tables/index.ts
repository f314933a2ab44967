import { TableSchema } from '../model';

/**
 * Every dedicated table in data/tables/<name>.csv, declared here so `data check` validates it and the
 * README documents it. Each analysis family adds its schemas in its own module and lists them here.
 */
export const TABLE_SCHEMAS: TableSchema[] = [];

export function tableSchema(name: string): TableSchema | undefined {
  return TABLE_SCHEMAS.find((s) => s.name === name);
}
