import { sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../lib/errors';

const WINDOW_SECONDS = 60;

const CounterRows = z.array(
  z.object({ key: z.string(), count: z.coerce.number(), ttl: z.coerce.number() }),
);

/**
 * Public submissions are limited per IP per form and per form over all visitors, in the same
 * PostgreSQL counter table as every other limit (so the limits hold across server processes), but
 * both counters move in one statement, whose commit does not wait for the disk: a lost increment
 * after a crash is harmless, and a form's hot counter row then never queues submissions behind a
 * WAL flush. (The rate-limit plugin runs one limiter per request, one round trip and commit each.)
 */
export async function limitSubmissions(request: FastifyRequest): Promise<void> {
  const { config, db } = request.server.deps;
  const slug = (request.params as { slug?: string }).slug ?? '';
  const ipKey = `forms|ip|${slug}|${request.ip}`;
  const formKey = `forms|form|${slug}`;
  const result = await db.execute(sql`
    WITH relaxed AS (SELECT set_config('synchronous_commit', 'off', true) AS setting),
    counted AS (
      INSERT INTO rate_limit_counters AS c (key, count, reset_at)
      SELECT k.key, 1, now() + make_interval(secs => ${WINDOW_SECONDS})
      FROM (VALUES (${ipKey}), (${formKey})) AS k(key) CROSS JOIN relaxed
      ON CONFLICT (key) DO UPDATE SET
        count = CASE WHEN c.reset_at <= now() THEN 1 ELSE c.count + 1 END,
        reset_at = CASE WHEN c.reset_at <= now() THEN EXCLUDED.reset_at ELSE c.reset_at END
      RETURNING c.key, c.count, greatest(1, ceil(extract(epoch FROM c.reset_at - now())))::int AS ttl
    )
    SELECT key, count, ttl FROM counted`);
  const rows = CounterRows.parse(result.rows);
  const perIp = rows.find((row) => row.key === ipKey);
  const perForm = rows.find((row) => row.key === formKey);
  if (perIp && perIp.count > config.formSubmissionsPerIp) {
    throw new AppError(
      'rate_limited',
      `Too many submissions from your address. Try again in ${String(perIp.ttl)} seconds.`,
      { headers: { 'retry-after': String(perIp.ttl) } },
    );
  }
  if (perForm && perForm.count > config.formSubmissionsPerForm) {
    throw new AppError(
      'rate_limited',
      `This form is receiving too many answers. Try again in ${String(perForm.ttl)} seconds.`,
      { headers: { 'retry-after': String(perForm.ttl) } },
    );
  }
}
