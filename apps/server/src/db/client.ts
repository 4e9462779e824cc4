import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from './schema';

export type Db = NodePgDatabase<typeof schema>;
/** A transaction handle has the same query surface as the database. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

/**
 * `db` for everything; `searchDb` for list, count and search queries, whose connections carry a
 * short statement timeout so a pathological search fails fast instead of holding a connection.
 */
export type Database = { db: Db; searchDb: Db; pool: pg.Pool; close: () => Promise<void> };

export const SEARCH_TIMEOUT_MS = 5_000;

export function connectDatabase(
  url: string,
  options: { max?: number; onError?: (error: Error) => void } = {},
): Database {
  const max = options.max ?? 20;
  const pool = new pg.Pool({
    connectionString: url,
    max,
    // A runaway query must not hold a connection forever; searches set tighter limits themselves.
    statement_timeout: 30_000,
    idle_in_transaction_session_timeout: 60_000,
  });
  // An idle connection can be cut by the server (restart, shutdown); without a listener the pool's
  // 'error' event would crash the process. The next query simply gets a new connection.
  const searchPool = new pg.Pool({
    connectionString: url,
    max: Math.max(2, Math.ceil(max / 2)),
    statement_timeout: SEARCH_TIMEOUT_MS,
  });
  for (const p of [pool, searchPool]) {
    p.on('error', (error) => {
      options.onError?.(error);
    });
  }
  return {
    db: drizzle(pool, { schema, casing: 'snake_case' }),
    searchDb: drizzle(searchPool, { schema, casing: 'snake_case' }),
    pool,
    close: async () => {
      await Promise.all([pool.end(), searchPool.end()]);
    },
  };
}
