import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase } from './database';
import { startServerProcess, type ServerProcess } from './processes';

/**
 * The guarantees that must hold with several server processes on one database: round robin is
 * exact, and an identity is taken once. Three real processes, requests spread over all three.
 */
const ORIGIN = 'http://localhost:3000';
const PASSWORD = 'correct horse battery';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let servers: ServerProcess[] = [];
let cookie = '';
let agentId = '';
const memberIds: string[] = [];

async function call(
  server: ServerProcess,
  method: string,
  url: string,
  body?: unknown,
  withCookie = true,
): Promise<{ status: number; body: unknown; setCookie: string | null }> {
  const response = await fetch(`${server.url}${url}`, {
    method,
    headers: {
      origin: ORIGIN,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(withCookie && cookie ? { cookie } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text ? (JSON.parse(text) as unknown) : null,
    setCookie: response.headers.get('set-cookie'),
  };
}

function sessionOf(setCookie: string | null): string {
  const match = /(agentcrm[^=]*session_token=[^;]+)/.exec(setCookie ?? '');
  if (!match?.[1]) throw new Error('no session cookie');
  return match[1];
}

beforeAll(async () => {
  database = await createTestDatabase(inject('databaseAdminUrl'), inject('templateDatabase'));
  servers = await Promise.all([1, 2, 3].map(() => startServerProcess(database.url)));
  const [first] = servers;
  if (!first) throw new Error('no server');
  const setup = await call(first, 'POST', '/api/v1/setup', {
    organizationName: 'Many Processes Ltd',
    name: 'Olivia Owner',
    email: 'owner@many.test',
    password: PASSWORD,
  });
  expect(setup.status).toBe(201);
  cookie = sessionOf(setup.setCookie);
  memberIds.push((setup.body as { user: { id: string } }).user.id);
  for (const n of [1, 2, 3]) {
    const invited = await call(first, 'POST', '/api/v1/invitations', {
      email: `admin${n}@many.test`,
      role: 'admin',
    });
    const token = new URL((invited.body as { acceptUrl: string }).acceptUrl).searchParams.get(
      'token',
    );
    const accepted = await call(
      first,
      'POST',
      '/api/v1/invitations/accept',
      { token, name: `Admin ${n}`, password: PASSWORD },
      false,
    );
    expect(accepted.status).toBe(201);
    memberIds.push((accepted.body as { user: { id: string } }).user.id);
  }
  const agent = await call(first, 'POST', '/api/v1/agents', {
    name: 'Shared',
    defaultCountry: 'GB',
  });
  agentId = (agent.body as { id: string }).id;
}, 120_000);

afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop()));
  await database.drop();
});

describe('three server processes on one database', () => {
  it('round robin: 3 processes × 100 concurrent creations over 4 members → exactly 75 each', async () => {
    const [first] = servers;
    if (!first) throw new Error('no server');
    const saved = await call(first, 'PUT', `/api/v1/agents/${agentId}/automations`, {
      assignment: {
        manual: { primary: { strategy: 'round_robin', pool: memberIds }, secondary: null },
        captured: { primary: { strategy: 'org_owner' }, secondary: null },
      },
      startingStage: { manual: 'Lead', captured: 'Lead' },
    });
    expect(saved.status).toBe(200);

    const responses = await Promise.all(
      servers.flatMap((server, s) =>
        Array.from({ length: 100 }, (_, i) =>
          call(server, 'POST', `/api/v1/agents/${agentId}/contacts`, {
            email: `rr-${s}-${i}@many.test`,
          }),
        ),
      ),
    );
    expect(responses.filter((r) => r.status !== 201)).toEqual([]);

    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const { rows } = await client.query<{ owner_id: string; count: string }>(
      `SELECT owner_id, count(*) FROM contacts WHERE agent_id = $1 AND email LIKE 'rr-%'
       GROUP BY owner_id`,
      [agentId],
    );
    await client.end();
    const counts = Object.fromEntries(rows.map((row) => [row.owner_id, Number(row.count)]));
    expect(counts).toEqual(Object.fromEntries(memberIds.map((id) => [id, 75])));
  }, 60_000);

  it('one identity: 50 concurrent creations of one email across processes → 1 × 201, 49 × 409', async () => {
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) => {
        const server = servers[i % servers.length];
        if (!server) throw new Error('no server');
        return call(server, 'POST', `/api/v1/agents/${agentId}/contacts`, {
          name: `Attempt ${i}`,
          email: 'Same.Person@Many.Test',
        });
      }),
    );
    const created = responses.filter((r) => r.status === 201);
    const conflicts = responses.filter((r) => r.status === 409);
    expect(created).toHaveLength(1);
    expect(conflicts).toHaveLength(49);
    const winner = (created[0]?.body as { id: string }).id;
    for (const conflict of conflicts) {
      expect(conflict.body).toMatchObject({
        error: {
          code: 'duplicate_contact',
          details: [{ path: 'email', contactId: winner }],
        },
      });
    }
  }, 60_000);
});
