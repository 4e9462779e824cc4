import type pg from 'pg';

/** Counters are kept per route: the route's method and URL prefix every key. */
type RouteKey = { method: string | string[]; url: string };

type IncrCallback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/**
 * A store for @fastify/rate-limit that keeps fixed-window counters in PostgreSQL, so the limits
 * hold across every server process that shares the database.
 */
export function postgresRateLimitStore(pool: pg.Pool) {
  return class PostgresRateLimitStore {
    private readonly prefix: string;

    constructor(route?: Partial<RouteKey>) {
      this.prefix = route?.url ? `${String(route.method)} ${route.url}|` : 'global|';
    }

    incr(key: string, callback: IncrCallback, timeWindow: number): void {
      pool
        .query<{ count: number; ttl: number }>(
          `INSERT INTO rate_limit_counters AS c (key, count, reset_at)
           VALUES ($1, 1, now() + $2 * interval '1 millisecond')
           ON CONFLICT (key) DO UPDATE SET
             count = CASE WHEN c.reset_at <= now() THEN 1 ELSE c.count + 1 END,
             reset_at = CASE WHEN c.reset_at <= now() THEN EXCLUDED.reset_at ELSE c.reset_at END
           RETURNING count, greatest(0, ceil(extract(epoch FROM c.reset_at - now()) * 1000))::int AS ttl`,
          [this.prefix + key, timeWindow],
        )
        .then((result) => {
          const row = result.rows[0];
          if (!row) throw new Error('rate limit counter was not returned');
          callback(null, { current: row.count, ttl: row.ttl });
          if (Math.random() < 0.01) {
            pool
              .query(`DELETE FROM rate_limit_counters WHERE reset_at < now() - interval '1 hour'`)
              .catch(() => undefined);
          }
        })
        .catch((error: unknown) => {
          callback(error instanceof Error ? error : new Error(String(error)));
        });
    }

    child(routeOptions: RouteKey) {
      return new PostgresRateLimitStore(routeOptions);
    }
  };
}
