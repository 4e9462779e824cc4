/**
 * The contact list at scale: one agent with a million contacts, seeded in SQL. Each list query the
 * admin sends (first page, a page 250,000 rows deep, searches by name, email, phone and company,
 * a stage + owner filter) is timed through the API and, in the same run, as the very statement the
 * server sends, straight through `pg`: the gap is what the server adds (session, access checks,
 * loading the agent's CRM settings, serialization). Creation is measured the same way: contacts/s
 * through POST /contacts against the same INSERT sent directly at the same concurrency. The
 * EXPLAIN (ANALYZE, BUFFERS) of every measured statement goes into the results, to tune indexes by.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { CrmSettingsSchema, CustomFieldSchema, type CustomField } from '@agent-crm/contracts';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { buildSearchText } from '../apps/server/src/modules/contacts/contacts.mapper';
import { apiClient, type ApiClient } from './support/api-client';
import { COMPANY_WORDS, newContacts, type NewContact } from './support/contact-data';
import { seedContacts, type SeedScope, type SeedTimings } from './support/contacts-seed';
import {
  INSERT_ACTIVITY,
  INSERT_CONTACT,
  LIST_STATEMENT_TIMEOUT,
  listStatement,
  type ListFilter,
  type Statement,
} from './support/contacts-sql';
import { runLoad, type LoadReport } from './support/load';
import {
  freePortIn,
  makeTempDir,
  requireBuiltServer,
  startServer,
  stopServer,
  waitForHealthy,
} from './support/processes';
import { formatRatio, type BenchmarkOutput, type Json, type SummaryRow } from './support/results';
import { percentile, round } from './support/stats';

export type ContactsOptions = {
  rows: number;
  /** Requests per query before timing starts, to load the caches a busy server would have. */
  warmups: number;
  samples: number;
  deepRow: number;
  createConcurrency: number;
  createWarmupMs: number;
  createDurationMs: number;
};

const DEFAULTS: ContactsOptions = {
  rows: 1_000_000,
  warmups: 20,
  samples: 200,
  deepRow: 250_000,
  createConcurrency: 20,
  createWarmupMs: 2_000,
  createDurationMs: 10_000,
};

/** The ports this benchmark may use; other benchmarks and servers on the machine own the rest. */
const SERVER_PORTS = [3300, 3399] as const;
const DATABASE_PORTS = [5600, 5699] as const;
const PAGE_SIZE = 50;
const SEARCH_TARGET_MS = 50;
const OWNER_EMAIL = 'owner@bench.example.com';
/** Per query, so that one pathological plan cannot stretch the run past a quarter of an hour. */
const QUERY_BUDGET_MS = 90_000;
const MIN_SAMPLES = 20;

export async function benchContacts(options: ContactsOptions = DEFAULTS): Promise<BenchmarkOutput> {
  await requireBuiltServer();
  const dataDir = await makeTempDir('agentcrm-bench-contacts-');
  const port = await freePortIn(...SERVER_PORTS);
  const dbPort = await freePortIn(...DATABASE_PORTS);
  const server = startServer({
    port,
    dataDir,
    dbPort,
    env: { AUTH_RATE_LIMIT_PER_IP: '100000' },
  });
  const api = apiClient(port);
  const db = new pg.Client(`postgres://agentcrm:agentcrm@127.0.0.1:${dbPort}/agentcrm`);
  try {
    await waitForHealthy(server, port, { timeoutMs: 180_000, pollMs: 100 });
    const crm = await createCrm(api);
    await db.connect();
    const scope = await seedScope(db, crm);

    console.log(`  seeding ${options.rows.toLocaleString('en-US')} contacts…`);
    const seed = await seedContacts(db, scope, options.rows);
    console.log(`  seeded in ${(seed.totalMs / 1000).toFixed(1)} s`);
    const searchTextCheck = await checkSearchText(db, scope, crm.fields);

    const queries = await buildQueries(db, scope, crm, options.deepRow);
    const measured: QueryResult[] = [];
    for (const query of queries) {
      console.log(`  measuring ${query.name}…`);
      measured.push(await measureQuery(api, db, query, options));
    }

    console.log('  measuring creation throughput…');
    const creation = await measureCreation(api, scope, crm, dataDir, options, port, dbPort);
    const output = report(options, seed, searchTextCheck, measured, creation);
    api.close();
    await db.end();
    output.results.serverStop = (await stopServer(server)) ?? 'clean';
    return output;
  } finally {
    api.close();
    await db.end().catch(() => undefined);
    if (!server.hasExited()) await stopServer(server);
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

// Setup through the API ------------------------------------------------------------------------

type Crm = {
  agentId: string;
  ownerId: string;
  fields: CustomField[];
  stages: Array<{ id: string; name: string }>;
  statuses: Array<{ id: string; name: string }>;
};

const CreatedSchema = z.object({ id: z.string() });
const MembersSchema = z.object({ data: z.array(z.object({ id: z.string(), email: z.string() })) });

async function createCrm(api: ApiClient): Promise<Crm> {
  const setup = await call(api, 'POST', '/api/v1/setup', 201, {
    organizationName: 'Bench Inc',
    name: 'Bench Owner',
    email: OWNER_EMAIL,
    password: 'bench-password-1234',
  });
  // Every cookie the server set, as a browser sends them back (the session and its signed cache).
  const cookies = setup.setCookie
    .map((header) => header.split(';')[0] ?? '')
    .filter((pair) => pair.startsWith('agentcrm.'));
  if (!cookies.some((pair) => pair.startsWith('agentcrm.session_token='))) {
    throw new Error('setup answered without a session cookie');
  }
  api.useCookie(cookies.join('; '));

  const agent = CreatedSchema.parse(
    JSON.parse(
      (await call(api, 'POST', '/api/v1/agents', 201, { name: 'Sales', defaultCountry: 'US' }))
        .body,
    ),
  );
  const field = CustomFieldSchema.parse(
    JSON.parse(
      (
        await call(api, 'POST', `/api/v1/agents/${agent.id}/fields`, 201, {
          label: 'Company',
          type: 'text',
        })
      ).body,
    ),
  );
  const settings = CrmSettingsSchema.parse(
    JSON.parse((await call(api, 'GET', `/api/v1/agents/${agent.id}/crm-settings`, 200)).body),
  );
  const members = MembersSchema.parse(
    JSON.parse((await call(api, 'GET', '/api/v1/members', 200)).body),
  );
  const owner = members.data.find((member) => member.email === OWNER_EMAIL);
  if (!owner) throw new Error('the owner is not among the members');
  return {
    agentId: agent.id,
    ownerId: owner.id,
    fields: [field],
    stages: settings.stages,
    statuses: settings.statuses,
  };
}

/** Invites `count` Admins and accepts for them: members a round robin can rotate over. */
async function inviteAdmins(api: ApiClient, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let n = 1; n <= count; n++) {
    const invited = await call(api, 'POST', '/api/v1/invitations', 201, {
      email: `admin${n}@bench.test`,
      role: 'admin',
    });
    const { acceptUrl } = z.object({ acceptUrl: z.string() }).parse(JSON.parse(invited.body));
    const accepted = await call(api, 'POST', '/api/v1/invitations/accept', 201, {
      token: new URL(acceptUrl).searchParams.get('token'),
      name: `Admin ${n}`,
      password: 'bench-password-1234',
    });
    ids.push(
      z.object({ user: z.object({ id: z.string() }) }).parse(JSON.parse(accepted.body)).user.id,
    );
  }
  return ids;
}

async function call(
  api: ApiClient,
  method: string,
  url: string,
  expected: number,
  body?: unknown,
): Promise<{ body: string; setCookie: string[] }> {
  const response = await api.request(method, url, body);
  if (response.status !== expected) {
    throw new Error(`${method} ${url}: ${response.status} ${response.body.slice(0, 300)}`);
  }
  return response;
}

async function seedScope(db: pg.Client, crm: Crm): Promise<SeedScope> {
  // The API never shows the organization id; the agent row knows it.
  const { rows } = await db.query<{ organization_id: string }>(
    'SELECT organization_id FROM agents WHERE id = $1',
    [crm.agentId],
  );
  const organizationId = rows[0]?.organization_id;
  if (!organizationId) throw new Error('agent not found in the database');
  return {
    organizationId,
    agentId: crm.agentId,
    ownerId: crm.ownerId,
    stageIds: crm.stages.map((stage) => stage.id),
    statusIds: crm.statuses.map((status) => status.id),
  };
}

/**
 * The seed builds search_text in SQL; searches are only representative if it equals what the
 * write path stores. Compares a sample with the server's own buildSearchText.
 */
async function checkSearchText(
  db: pg.Client,
  scope: SeedScope,
  fields: CustomField[],
): Promise<{ sampled: number; mismatches: number; firstMismatch: Json }> {
  const { rows } = await db.query<{
    name: string | null;
    email: string | null;
    phone: string | null;
    fields: Record<string, unknown>;
    search_text: string;
  }>(
    `SELECT name, email, phone, fields, search_text FROM contacts TABLESAMPLE BERNOULLI (0.05)
      REPEATABLE (7) WHERE agent_id = $1 LIMIT 500`,
    [scope.agentId],
  );
  const mismatches = rows.filter((row) => buildSearchText(row, fields) !== row.search_text);
  const first = mismatches[0];
  if (first) {
    console.warn(
      `  search_text differs from buildSearchText in ${mismatches.length} of ${rows.length} rows`,
    );
  }
  return {
    sampled: rows.length,
    mismatches: mismatches.length,
    firstMismatch: first
      ? { stored: first.search_text, expected: buildSearchText(first, fields) }
      : null,
  };
}

// The queries ----------------------------------------------------------------------------------

type Variant = { label: string; apiPath: string; statement: Statement };
type Query = { name: string; kind: 'page' | 'search' | 'filter'; variants: Variant[] };

/** Five letters of a last name, as someone types the start of it. */
const NAME_FRAGMENTS = [
  'hamil',
  'johns',
  'robin',
  'patte',
  'hende',
  'richa',
  'mitch',
  'campb',
  'gonza',
  'washi',
];
/** first.las: the start of an address as someone remembers it. */
const EMAIL_PREFIXES = [
  'mary.smi',
  'james.joh',
  'linda.gar',
  'john.wil',
  'susan.mar',
  'david.bro',
  'karen.tho',
  'mark.dav',
  'emily.and',
  'paul.mil',
];
/** Company words that appear in no name or email domain, so only the company field matches. */
const COMPANY_TERMS = [
  'summit',
  'glacier',
  'juniper',
  'obsidian',
  'sapphire',
  'tidewater',
  'zephyr',
  'quartz',
  'paragon',
  'cascade',
];

async function buildQueries(
  db: pg.Client,
  scope: SeedScope,
  crm: Crm,
  deepRow: number,
): Promise<Query[]> {
  for (const word of COMPANY_TERMS) {
    if (!COMPANY_WORDS.some((company) => company.toLowerCase() === word))
      throw new Error(`${word} is not a company word`);
  }
  const base = `/api/v1/agents/${scope.agentId}/contacts?limit=${PAGE_SIZE}`;
  const variant = (label: string, params: string, filter: Omit<ListFilter, 'limit'>): Variant => ({
    label,
    apiPath: `${base}${params}`,
    statement: listStatement(scope, { ...filter, limit: PAGE_SIZE }),
  });
  const search = (term: string): Variant =>
    variant(term, `&q=${encodeURIComponent(term)}`, { q: term });

  const customer = crm.stages.find((stage) => stage.name === 'Customer');
  if (!customer) throw new Error('the agent has no Customer stage');
  return [
    { name: 'first page', kind: 'page', variants: [variant('-createdAt', '', {})] },
    {
      name: `page ${deepRow.toLocaleString('en-US')} rows deep`,
      kind: 'page',
      variants: (await deepCursors(db, scope, deepRow)).map((after, index) =>
        variant(`row ${deepRow + index * 1_000}`, `&cursor=${encodeCursor(after)}`, { after }),
      ),
    },
    { name: 'search name fragment', kind: 'search', variants: NAME_FRAGMENTS.map(search) },
    { name: 'search email prefix', kind: 'search', variants: EMAIL_PREFIXES.map(search) },
    {
      name: 'search phone digits',
      kind: 'search',
      variants: (await phoneTerms(db, scope)).map(search),
    },
    { name: 'search company word', kind: 'search', variants: COMPANY_TERMS.map(search) },
    {
      name: 'filter stage + owner',
      kind: 'filter',
      variants: [
        variant(
          'Customer, owner',
          `&stage=${encodeURIComponent(customer.name)}&ownerId=${crm.ownerId}`,
          { stageId: customer.id, ownerId: crm.ownerId },
        ),
      ],
    },
  ];
}

/**
 * Cursors after rows deepRow, deepRow + 1,000, … in the default order, as a client that paged
 * that far would hold them: ten of them so the deep page is not one cached answer.
 */
async function deepCursors(
  db: pg.Client,
  scope: SeedScope,
  deepRow: number,
): Promise<Array<{ createdAt: string; id: string }>> {
  const cursors: Array<{ createdAt: string; id: string }> = [];
  for (let index = 0; index < 10; index += 1) {
    const { rows } = await db.query<{ created_at: Date; id: string }>(
      `SELECT created_at, id FROM contacts
        WHERE organization_id = $1 AND agent_id = $2 AND archived_at IS NULL
        ORDER BY created_at DESC, id DESC OFFSET $3 LIMIT 1`,
      [scope.organizationId, scope.agentId, deepRow + index * 1_000 - 1],
    );
    const row = rows[0];
    if (!row) throw new Error(`fewer than ${deepRow} contacts`);
    cursors.push({ createdAt: row.created_at.toISOString(), id: row.id });
  }
  return cursors;
}

/** encodeCursor in contacts.repo.ts: base64url of JSON [sort value, id]. */
function encodeCursor(after: { createdAt: string; id: string }): string {
  return Buffer.from(JSON.stringify([after.createdAt, after.id])).toString('base64url');
}

/** Area code and the first 4 digits of the local number of real contacts: "4155552". */
async function phoneTerms(db: pg.Client, scope: SeedScope): Promise<string[]> {
  const { rows } = await db.query<{ phone: string }>(
    `SELECT phone FROM contacts TABLESAMPLE BERNOULLI (0.05) REPEATABLE (11)
      WHERE agent_id = $1 AND phone LIKE '+1%' LIMIT 10`,
    [scope.agentId],
  );
  if (rows.length < 10) throw new Error('not enough seeded phone numbers to sample');
  return rows.map((row) => row.phone.slice(2, 9));
}

// Measuring ------------------------------------------------------------------------------------

type Latency = { p50: number; p95: number; p99: number; mean: number; max: number };

type QueryResult = {
  name: string;
  kind: Query['kind'];
  variants: string[];
  /** Fewer than asked when the query ran past QUERY_BUDGET_MS. */
  samples: number;
  api: Latency & { errors: number; firstError: string | null };
  sql: Latency;
  /** Whether the API and the statement returned the same contacts, in the same order. */
  resultsMatch: boolean;
  plan: { variant: string; text: string };
};

/**
 * Warm-ups, then samples, one request at a time, the API and the statement alternately (which one
 * goes first alternates too), cycling through the variants so both see the same caches.
 */
async function measureQuery(
  api: ApiClient,
  db: pg.Client,
  query: Query,
  options: ContactsOptions,
): Promise<QueryResult> {
  const apiMs: number[] = [];
  const sqlMs: number[] = [];
  const sqlByVariant = new Map<string, number[]>();
  // Updated from the closures below, where a plain `let` would lose its type narrowing.
  const seen: { errors: number; firstError: string | null; resultsMatch: boolean } = {
    errors: 0,
    firstError: null,
    resultsMatch: true,
  };
  const deadline = performance.now() + QUERY_BUDGET_MS;
  for (let index = 0; index < options.warmups + options.samples; index += 1) {
    // A query slow enough to blow the budget has made its point; the run must still end.
    if (performance.now() > deadline && apiMs.length >= MIN_SAMPLES) break;
    const variant = query.variants[index % query.variants.length];
    if (!variant) throw new Error(`${query.name} has no variants`);
    const { statement } = variant;
    const runApi = async (): Promise<void> => {
      const response = await api.request('GET', variant.apiPath);
      if (index >= options.warmups) apiMs.push(response.ms);
      if (response.status !== 200) {
        seen.errors += 1;
        seen.firstError ??= `${response.status} ${response.body.slice(0, 200)}`;
      } else if (index < query.variants.length) {
        const ids = PageSchema.parse(JSON.parse(response.body)).data.map((row) => row.id);
        const sqlIds = (await db.query<{ id: string }>(statement)).rows
          .slice(0, PAGE_SIZE)
          .map((row) => row.id);
        if (ids.join() !== sqlIds.join()) seen.resultsMatch = false;
      }
    };
    const runSql = async (): Promise<void> => {
      const ms = await timeStatement(db, statement);
      if (index < options.warmups) return;
      sqlMs.push(ms);
      const list = sqlByVariant.get(variant.label) ?? [];
      list.push(ms);
      sqlByVariant.set(variant.label, list);
    };
    if (index % 2 === 0) {
      await runApi();
      await runSql();
    } else {
      await runSql();
      await runApi();
    }
  }
  if (!seen.resultsMatch)
    console.warn(`  ${query.name}: the API and the SQL returned different rows`);
  // The plan worth reading is the slowest variant's.
  const slowest = [...sqlByVariant.entries()]
    .map(([label, values]) => ({ label, median: latency(values).p50 }))
    .sort((a, b) => b.median - a.median)[0];
  const planVariant =
    query.variants.find((variant) => variant.label === slowest?.label) ?? query.variants[0];
  if (!planVariant) throw new Error(`${query.name} has no variants`);
  return {
    name: query.name,
    kind: query.kind,
    variants: query.variants.map((variant) => variant.label),
    samples: apiMs.length,
    api: { ...latency(apiMs), errors: seen.errors, firstError: seen.firstError },
    sql: latency(sqlMs),
    resultsMatch: seen.resultsMatch,
    plan: { variant: planVariant.label, text: await explain(db, planVariant.statement) },
  };
}

const PageSchema = z.object({ data: z.array(z.object({ id: z.string() })) });

/** As the server runs it: a transaction with the repo's statement timeout around the SELECT. */
async function timeStatement(db: pg.Client, statement: Statement): Promise<number> {
  const startedAt = performance.now();
  await db.query('begin');
  await db.query(LIST_STATEMENT_TIMEOUT);
  await db.query(statement);
  await db.query('commit');
  return performance.now() - startedAt;
}

async function explain(db: pg.Client, statement: Statement): Promise<string> {
  const { rows } = await db.query<{ 'QUERY PLAN': string }>({
    text: `EXPLAIN (ANALYZE, BUFFERS) ${statement.text}`,
    values: statement.values,
  });
  return rows.map((row) => row['QUERY PLAN']).join('\n');
}

function latency(values: number[]): Latency {
  const sorted = Float64Array.from(values).sort();
  const total = values.reduce((sum, value) => sum + value, 0);
  return {
    p50: round(percentile(sorted, 50), 3),
    p95: round(percentile(sorted, 95), 3),
    p99: round(percentile(sorted, 99), 3),
    mean: round(total / Math.max(values.length, 1), 3),
    max: round(sorted[sorted.length - 1] ?? Number.NaN, 3),
  };
}

// Creation throughput --------------------------------------------------------------------------

type Throughput = {
  created: number;
  perSecond: number;
  measuredMs: number;
  latencyMs: Latency;
  errors: number;
};

type CreationResult = {
  api: Throughput & { unexpectedStatus: number };
  /** The same load with a round-robin owner rule over four members (the automations' cost). */
  apiWithRoundRobin: Throughput & { unexpectedStatus: number };
  directInsert: Throughput;
  directInsertWithActivity: Throughput;
};

/** More than any run here creates in warm-up + measurement; running out fails the run. */
const API_BODIES = 60_000;
const DIRECT_ROWS = 150_000;

async function measureCreation(
  api: ApiClient,
  scope: SeedScope,
  crm: Crm,
  dataDir: string,
  options: ContactsOptions,
  port: number,
  dbPort: number,
): Promise<CreationResult> {
  const cookie = api.cookie();
  if (!cookie) throw new Error('no session');
  // Bodies as the admin sends them: the number in national format, which the server normalizes.
  const bodiesFile = path.join(dataDir, 'create-bodies.ndjson');
  const lines: string[] = [];
  for (const contact of take(newContacts('api', 0), API_BODIES)) {
    const digits = contact.phone.slice(2);
    lines.push(
      JSON.stringify({
        name: contact.name,
        email: contact.email,
        phone: `(${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}`,
        fields: { company: contact.company },
      }),
    );
  }
  await fs.writeFile(bodiesFile, `${lines.join('\n')}\n`);
  const createLoad = (file: string) =>
    runLoad({
      port,
      path: `/api/v1/agents/${scope.agentId}/contacts`,
      connections: options.createConcurrency,
      warmupMs: options.createWarmupMs,
      durationMs: options.createDurationMs,
      method: 'POST',
      headers: [`Cookie: ${cookie}`, `Origin: ${api.origin}`, 'Content-Type: application/json'],
      bodiesFile: file,
      expectStatus: 201,
    });
  const load = await createLoad(bodiesFile);

  // Again with the automations doing work: a round robin over four members, advanced atomically
  // in each contact's transaction.
  const pool = [crm.ownerId, ...(await inviteAdmins(api, 3))];
  await call(api, 'PUT', `/api/v1/agents/${scope.agentId}/automations`, 200, {
    assignment: {
      manual: { primary: { strategy: 'round_robin', pool }, secondary: null },
      captured: { primary: { strategy: 'org_owner' }, secondary: null },
    },
    startingStage: { manual: 'Lead', captured: 'Lead' },
  });
  const roundRobinFile = path.join(dataDir, 'create-bodies-rr.ndjson');
  // The second half of the bodies: the first run sends far fewer than 30,000 in 12 s.
  await fs.writeFile(roundRobinFile, `${lines.slice(API_BODIES / 2).join('\n')}\n`);
  const roundRobin = await createLoad(roundRobinFile);

  // The rows the direct runs insert are built beforehand, so that only the INSERTs are timed.
  const url = `postgres://agentcrm:agentcrm@127.0.0.1:${dbPort}/agentcrm`;
  const direct = [...take(newContacts('sql', 2_000_000), DIRECT_ROWS)].map((contact) => ({
    contact,
    searchText: buildSearchText({ ...contact, fields: { company: contact.company } }, crm.fields),
  }));
  // Both runs take from one list, so that no email or number is inserted twice.
  let taken = 0;
  const next = (): PreparedContact | undefined => direct[taken++];
  const directInsert = await insertDirectly(url, scope, next, options, false);
  const directInsertWithActivity = await insertDirectly(url, scope, next, options, true);
  return {
    api: {
      created: load.requests - load.non200,
      perSecond: round((load.requests - load.non200) / (load.measuredMs / 1000), 0),
      measuredMs: load.measuredMs,
      latencyMs: loadLatency(load),
      errors: load.errors,
      unexpectedStatus: load.non200,
    },
    apiWithRoundRobin: {
      created: roundRobin.requests - roundRobin.non200,
      perSecond: round(
        (roundRobin.requests - roundRobin.non200) / (roundRobin.measuredMs / 1000),
        0,
      ),
      measuredMs: roundRobin.measuredMs,
      latencyMs: loadLatency(roundRobin),
      errors: roundRobin.errors,
      unexpectedStatus: roundRobin.non200,
    },
    directInsert,
    directInsertWithActivity,
  };
}

function* take<T>(source: Iterable<T>, count: number): Generator<T> {
  if (count <= 0) return;
  let taken = 0;
  for (const value of source) {
    yield value;
    taken += 1;
    if (taken >= count) return;
  }
}

function loadLatency(load: LoadReport): Latency {
  const { p50, p95, p99, mean, max } = load.latencyMs;
  return { p50, p95, p99, mean, max };
}

type PreparedContact = { contact: NewContact; searchText: string };

/**
 * The insert the create path makes (createContactInAgent: every column, RETURNING *), on a pool
 * of `createConcurrency` connections, each sending the next as soon as the previous is done, like
 * the load generator's connections. `withActivity` adds what the create path also does in the
 * same transaction, the 'created' activity row: how much of the gap to the API that explains.
 */
async function insertDirectly(
  url: string,
  scope: SeedScope,
  next: () => PreparedContact | undefined,
  options: ContactsOptions,
  withActivity: boolean,
): Promise<Throughput> {
  const dbPool = new pg.Pool({ connectionString: url, max: options.createConcurrency });
  const stageId = scope.stageIds[0];
  const statusId = scope.statusIds[0];
  if (!stageId || !statusId) throw new Error('the agent has no stages or statuses');
  const insert = async (client: pg.PoolClient, row: PreparedContact): Promise<void> => {
    const { contact } = row;
    const now = new Date().toISOString();
    const id = uuidv7();
    const values = [
      id,
      scope.organizationId,
      scope.agentId,
      contact.name,
      contact.email,
      contact.phone,
      null,
      stageId,
      statusId,
      null,
      null,
      'manual',
      JSON.stringify({ company: contact.company }),
      JSON.stringify({ name: 'member', email: 'member', phone: 'member', company: 'member' }),
      row.searchText,
      scope.ownerId,
      now,
      now,
    ];
    if (!withActivity) {
      await client.query(INSERT_CONTACT, values);
      return;
    }
    await client.query('begin');
    await client.query(INSERT_CONTACT, values);
    await client.query(INSERT_ACTIVITY, [
      uuidv7(),
      scope.organizationId,
      scope.agentId,
      id,
      'created',
      null,
      null,
      JSON.stringify({ source: 'manual' }),
      'member',
      scope.ownerId,
      new Date().toISOString(),
    ]);
    await client.query('commit');
  };

  const latencies: number[] = [];
  let errors = 0;
  const startedAt = performance.now();
  const measureStart = startedAt + options.createWarmupMs;
  const measureEnd = measureStart + options.createDurationMs;
  const worker = async (): Promise<void> => {
    const client = await dbPool.connect();
    try {
      while (performance.now() < measureEnd) {
        const row = next();
        if (!row) throw new Error('ran out of prepared contacts: raise DIRECT_ROWS');
        const sentAt = performance.now();
        try {
          await insert(client, row);
        } catch {
          errors += 1;
          if (withActivity) await client.query('rollback');
          continue;
        }
        const doneAt = performance.now();
        if (doneAt >= measureStart && doneAt <= measureEnd) latencies.push(doneAt - sentAt);
      }
    } finally {
      client.release();
    }
  };
  try {
    await Promise.all(Array.from({ length: options.createConcurrency }, worker));
  } finally {
    await dbPool.end();
  }
  const measuredMs = options.createDurationMs;
  return {
    created: latencies.length,
    perSecond: round(latencies.length / (measuredMs / 1000), 0),
    measuredMs,
    latencyMs: latency(latencies),
    errors,
  };
}

// Report ---------------------------------------------------------------------------------------

type Target = { target: string; measured: number; limit: number; isMet: boolean };

function report(
  options: ContactsOptions,
  seed: SeedTimings,
  searchTextCheck: Json,
  queries: QueryResult[],
  creation: CreationResult,
): BenchmarkOutput {
  const targets: Target[] = [];
  const target = (name: string, measured: number, limit: number, isMet: boolean): void => {
    targets.push({ target: name, measured: round(measured, 3), limit: round(limit, 3), isMet });
  };
  for (const query of queries) {
    const limit = 1.5 * query.sql.p95 + 2;
    target(
      `${query.name}: API p95 ≤ 1.5 × SQL p95 + 2 ms`,
      query.api.p95,
      limit,
      query.api.p95 <= limit,
    );
  }
  const [first, deep] = queries;
  if (first && deep) {
    const limit = 2 * first.api.p95;
    target(
      `${deep.name}: API p95 ≤ 2 × first page API p95`,
      deep.api.p95,
      limit,
      deep.api.p95 <= limit,
    );
  }
  for (const query of queries.filter((candidate) => candidate.kind === 'search')) {
    target(
      `${query.name}: API p95 ≤ ${SEARCH_TARGET_MS} ms`,
      query.api.p95,
      SEARCH_TARGET_MS,
      query.api.p95 <= SEARCH_TARGET_MS,
    );
  }
  const ratio = creation.api.perSecond / creation.directInsert.perSecond;
  target('creation: API ≥ 70 % of direct INSERT', ratio, 0.7, ratio >= 0.7);
  const automationCost = 1 - creation.apiWithRoundRobin.perSecond / creation.api.perSecond;
  target(
    'creation: round-robin assignment costs ≤ 10 % of API throughput',
    automationCost,
    0.1,
    automationCost <= 0.1,
  );

  const summary: SummaryRow[] = [
    {
      metric: `seed ${seed.rows.toLocaleString('en-US')} contacts`,
      measured: `${round(seed.totalMs / 1000, 1)} s`,
      baseline: '',
      ratio: '',
    },
    ...queries.map((query) => ({
      metric: `${query.name} p50 / p95`,
      measured: `${round(query.api.p50, 1)} / ${round(query.api.p95, 1)} ms`,
      baseline: `${round(query.sql.p50, 1)} / ${round(query.sql.p95, 1)} ms`,
      ratio: formatRatio(query.api.p95, query.sql.p95),
    })),
    {
      metric: 'contacts created/s',
      measured: String(creation.api.perSecond),
      baseline: String(creation.directInsert.perSecond),
      ratio: formatRatio(creation.api.perSecond, creation.directInsert.perSecond),
    },
    {
      metric: 'contacts created/s with round robin',
      measured: String(creation.apiWithRoundRobin.perSecond),
      baseline: String(creation.api.perSecond),
      ratio: formatRatio(creation.apiWithRoundRobin.perSecond, creation.api.perSecond),
    },
    ...targets.map((entry) => ({
      metric: entry.target,
      measured: `${entry.isMet ? 'pass' : 'MISS'} (${entry.measured} vs ${entry.limit})`,
      baseline: '',
      ratio: '',
    })),
  ];
  return {
    settings: {
      ...options,
      pageSize: PAGE_SIZE,
      serverPorts: [...SERVER_PORTS],
      databasePorts: [...DATABASE_PORTS],
      database: 'embedded PostgreSQL, fresh data directory',
      baseline: 'the statements the server sends, through pg on one connection, in the same run',
    },
    results: {
      seed,
      searchTextCheck,
      queries,
      creation,
      creationRatio: round(ratio, 3),
      targets,
    },
    summary,
  };
}
