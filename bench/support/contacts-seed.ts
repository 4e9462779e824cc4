/**
 * Fills one agent with a large contact list straight in SQL, the way a bulk load would: the
 * secondary indexes are dropped, the rows written by one INSERT … SELECT FROM generate_series, and
 * the indexes rebuilt from their own definitions (a sorted bulk build is several times faster than
 * maintaining eleven indexes, two of them trigram/jsonb GIN, row by row). Foreign-key triggers are
 * skipped for the insert because every referenced id is a real one read from the API.
 */
import type pg from 'pg';
import { COMPANIES, EMAIL_DOMAINS, FIRST_NAMES, LAST_NAMES, seedAreaCodes } from './contact-data';
import { round } from './stats';

export type SeedScope = {
  organizationId: string;
  agentId: string;
  ownerId: string;
  /** In pipeline order: Lead, Prospect, Customer, Old Customer for a new agent. */
  stageIds: string[];
  statusIds: string[];
};

export type SeedTimings = {
  rows: number;
  insertMs: number;
  indexMs: number;
  vacuumAnalyzeMs: number;
  totalMs: number;
};

/** How often each value comes up: a weighted pool the seed picks from uniformly. */
function pool<T>(entries: Array<[T, number]>): T[] {
  return entries.flatMap(([value, weight]) => Array.from({ length: weight }, () => value));
}

/** Who set the values, per source, as the write path records it in field_sources. */
const SOURCES = pool<string>([
  ['manual', 3],
  ['chat', 4],
  ['form', 2],
  ['import', 1],
]);

const DAY_MS = 86_400_000;
const SPAN_MS = 730 * DAY_MS;

export async function seedContacts(
  client: pg.Client,
  scope: SeedScope,
  rows: number,
): Promise<SeedTimings> {
  const startedAt = performance.now();
  // Most contacts are leads, fewer become customers; most are active.
  const stageWeights = [8, 5, 5, 2];
  const stages = pool(scope.stageIds.map((id, index) => [id, stageWeights[index] ?? 1]));
  const statuses = pool(scope.statusIds.map((id, index) => [id, index === 0 ? 4 : 1]));
  const areaCodes = seedAreaCodes();
  // 2 years up to now, one slot per row: created_at grows with the row number (the heap is in
  // creation order, as in a table that grew over time) and never repeats.
  const stepMs = Math.floor(SPAN_MS / rows);
  const firstSlot = Date.now() - SPAN_MS;

  await client.query('BEGIN');
  try {
    await client.query(`SET LOCAL maintenance_work_mem = '512MB'`);
    await client.query(`SET LOCAL session_replication_role = replica`);
    const { rows: indexes } = await client.query<{ name: string; definition: string }>(
      `SELECT indexname AS name, indexdef AS definition FROM pg_indexes
        WHERE schemaname = 'public' AND tablename = 'contacts' AND indexname <> 'contacts_pkey'`,
    );
    for (const index of indexes) await client.query(`DROP INDEX "${index.name}"`);

    const insertStart = performance.now();
    await client.query(`SELECT setseed(0.42)`);
    await client.query(SEED_SQL, [
      scope.organizationId,
      scope.agentId,
      scope.ownerId,
      FIRST_NAMES,
      LAST_NAMES,
      COMPANIES,
      EMAIL_DOMAINS,
      areaCodes,
      stages,
      statuses,
      SOURCES,
      rows,
      new Date(firstSlot).toISOString(),
      stepMs,
    ]);
    const insertMs = performance.now() - insertStart;

    const indexStart = performance.now();
    for (const index of indexes) await client.query(index.definition);
    const indexMs = performance.now() - indexStart;
    await client.query('COMMIT');

    // Sets hint bits and the visibility map and refreshes the statistics, as autovacuum would
    // have long done on a real list; left to autovacuum it would run during the measurements.
    const vacuumStart = performance.now();
    await client.query('VACUUM (ANALYZE) contacts');
    const vacuumAnalyzeMs = performance.now() - vacuumStart;
    return {
      rows,
      insertMs: round(insertMs, 0),
      indexMs: round(indexMs, 0),
      vacuumAnalyzeMs: round(vacuumAnalyzeMs, 0),
      totalMs: round(performance.now() - startedAt, 0),
    };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/**
 * One row per i. The inner SELECT draws the random choices once per row (OFFSET 0 keeps it from
 * being merged into the outer one, which would draw them again for every use); the outer one
 * builds the values exactly as the write path stores them:
 * - email: first.last.i@domain, lower-cased, unique through i;
 * - phone: E.164, +1, a valid US area code and a 7-digit local number from 200-0000 up, unique
 *   because (area code, local number) is a one-to-one function of i;
 * - search_text: buildSearchText's lower(name, email, phone digits in international form, the
 *   10-digit national form, company), space-separated; a sample is compared with the server's
 *   own function after the seed;
 * - id: a version 7 UUID from created_at, like the ids the server generates.
 */
const SEED_SQL = `
INSERT INTO contacts (
  id, organization_id, agent_id, name, email, phone, external_id, stage_id, status_id,
  owner_id, secondary_owner_id, source, fields, field_sources, search_text, created_by,
  created_at, updated_at, archived_at)
SELECT
  (lpad(to_hex((extract(epoch FROM r.created_at) * 1000)::bigint), 12, '0') || '7'
    || substr(md5(r.i::text), 1, 3) || to_hex(8 + r.i % 4) || substr(md5(r.i::text), 4, 15))::uuid,
  $1::uuid, $2::uuid,
  r.first || ' ' || r.last,
  lower(r.first || '.' || r.last || '.' || r.i || '@' || r.domain),
  '+1' || r.national,
  NULL,
  r.stage_id, r.status_id,
  CASE WHEN r.is_owned THEN $3::uuid END,
  NULL,
  r.source,
  jsonb_build_object('company', r.company),
  jsonb_build_object('name', r.actor, 'email', r.actor, 'phone', r.actor, 'company', r.actor),
  lower(r.first || ' ' || r.last || ' ' || r.first || '.' || r.last || '.' || r.i || '@'
    || r.domain || ' 1' || r.national || ' ' || r.national || ' ' || r.company),
  CASE WHEN r.source IN ('manual', 'import') THEN $3::uuid END,
  r.created_at,
  least(r.created_at + r.edit_delay, now()),
  NULL
FROM (
  SELECT *,
    CASE c.source WHEN 'manual' THEN 'member' WHEN 'chat' THEN 'agent' ELSE c.source END AS actor
  FROM (
    SELECT
      g.i,
      ($4::text[])[1 + floor(random() * cardinality($4::text[]))::int] AS first,
      ($5::text[])[1 + floor(random() * cardinality($5::text[]))::int] AS last,
      ($6::text[])[1 + floor(random() * cardinality($6::text[]))::int] AS company,
      ($7::text[])[1 + floor(random() * cardinality($7::text[]))::int] AS domain,
      ($8::int[])[1 + g.i % cardinality($8::int[])]::text
        || (2000000 + ((g.i / cardinality($8::int[]))::bigint * 7919) % 8000000)::text AS national,
      ($9::uuid[])[1 + floor(random() * cardinality($9::uuid[]))::int] AS stage_id,
      ($10::uuid[])[1 + floor(random() * cardinality($10::uuid[]))::int] AS status_id,
      ($11::text[])[1 + floor(random() * cardinality($11::text[]))::int] AS source,
      random() < 0.5 AS is_owned,
      $13::timestamptz
        + (g.i * $14::bigint + floor(random() * $14::bigint)) * interval '1 millisecond'
        AS created_at,
      random() * interval '30 days' AS edit_delay
    FROM generate_series(0, $12::int - 1) AS g(i)
    OFFSET 0
  ) c
) r`;
