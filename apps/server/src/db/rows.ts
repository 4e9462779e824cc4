import { getTableColumns, type Table } from 'drizzle-orm';

/**
 * A row that came back as raw driver values or JSON (snake_case keys: from `db.execute`, or
 * `to_jsonb(row)` in a subquery) as drizzle's own select would have returned it.
 */
export function rowFromDriver<T extends Table>(
  table: T,
  raw: Record<string, unknown>,
): T['$inferSelect'] {
  const row: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    const value = raw[column.name];
    row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return row;
}
