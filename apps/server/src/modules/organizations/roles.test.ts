import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addMember,
  createTestApp,
  uniqueEmail,
  type Client,
  type Org,
  type TestApp,
  setUpOrganization,
} from '../../../test/app';

/**
 * The role rules of DESIGN 2.1 as a table: each role × each member and agent action → the status.
 * Every row runs against fresh targets so one row's change cannot decide another's outcome.
 */
type Role = 'owner' | 'admin' | 'user';
type World = { org: Org; actors: Record<Role, Client>; t: TestApp };
type Action = {
  name: string;
  run: (w: World, actor: Client) => Promise<number>;
  allowed: Record<Role, number>;
};

const ok = (status: number) => ({ owner: status, admin: status, user: status });
const managers = (status: number) => ({ owner: status, admin: status, user: 403 });
const ownerOnly = (status: number) => ({ owner: status, admin: 403, user: 403 });

async function newAgent(w: World): Promise<string> {
  const response = await w.org.owner.post('/api/v1/agents', { name: 'Target agent' });
  return response.json<{ id: string }>().id;
}

const actions: Action[] = [
  {
    name: 'read own membership (GET /me)',
    run: async (_w, a) => (await a.get('/api/v1/me')).statusCode,
    allowed: ok(200),
  },
  {
    name: 'list members',
    run: async (_w, a) => (await a.get('/api/v1/members')).statusCode,
    allowed: ok(200),
  },
  {
    name: 'rename the organization',
    run: async (_w, a) =>
      (await a.patch('/api/v1/organization', { name: 'Renamed Org' })).statusCode,
    allowed: ownerOnly(200),
  },
  {
    name: 'invite a User',
    run: async (_w, a) =>
      (await a.post('/api/v1/invitations', { email: uniqueEmail(), role: 'user' })).statusCode,
    allowed: managers(201),
  },
  {
    name: 'invite an Admin',
    run: async (_w, a) =>
      (await a.post('/api/v1/invitations', { email: uniqueEmail(), role: 'admin' })).statusCode,
    allowed: ownerOnly(201),
  },
  {
    name: 'list invitations',
    run: async (_w, a) => (await a.get('/api/v1/invitations')).statusCode,
    allowed: managers(200),
  },
  {
    name: 'remove a User',
    run: async (w, a) => {
      const target = await addMember(w.org, w.t.app, 'user');
      return (await a.delete(`/api/v1/members/${target.id}`)).statusCode;
    },
    allowed: managers(204),
  },
  {
    name: 'remove an Admin',
    run: async (w, a) => {
      const target = await addMember(w.org, w.t.app, 'admin');
      return (await a.delete(`/api/v1/members/${target.id}`)).statusCode;
    },
    allowed: ownerOnly(204),
  },
  {
    name: 'remove the Owner',
    run: async (w, a) => (await a.delete(`/api/v1/members/${w.org.ownerId}`)).statusCode,
    allowed: { owner: 403, admin: 403, user: 403 },
  },
  {
    name: "change a User's role to Admin",
    run: async (w, a) => {
      const target = await addMember(w.org, w.t.app, 'user');
      return (await a.patch(`/api/v1/members/${target.id}`, { role: 'admin' })).statusCode;
    },
    allowed: ownerOnly(200),
  },
  {
    name: 'read the outbox',
    run: async (_w, a) => (await a.get('/api/v1/outbox')).statusCode,
    allowed: managers(200),
  },
  {
    name: 'read the audit log',
    run: async (_w, a) => (await a.get('/api/v1/audit-events')).statusCode,
    allowed: ok(200),
  },
  {
    name: 'create an agent',
    run: async (_w, a) => (await a.post('/api/v1/agents', { name: 'New agent' })).statusCode,
    allowed: managers(201),
  },
  {
    name: 'list agents',
    run: async (_w, a) => (await a.get('/api/v1/agents')).statusCode,
    allowed: ok(200),
  },
  {
    name: 'update an agent',
    run: async (w, a) =>
      (await a.patch(`/api/v1/agents/${await newAgent(w)}`, { name: 'Renamed' })).statusCode,
    allowed: managers(200),
  },
  {
    name: 'duplicate an agent',
    run: async (w, a) => (await a.post(`/api/v1/agents/${await newAgent(w)}/duplicate`)).statusCode,
    allowed: managers(201),
  },
  {
    name: 'delete an agent',
    run: async (w, a) => (await a.delete(`/api/v1/agents/${await newAgent(w)}`)).statusCode,
    allowed: managers(204),
  },
  {
    name: 'set who works in an agent',
    run: async (w, a) =>
      (await a.put(`/api/v1/agents/${await newAgent(w)}/access`, { memberIds: [] })).statusCode,
    allowed: managers(200),
  },
];

describe('role rules', () => {
  let t: TestApp;
  let world: World;

  beforeAll(async () => {
    t = await createTestApp();
    const org = await setUpOrganization(t.app);
    const admin = await addMember(org, t.app, 'admin');
    const user = await addMember(org, t.app, 'user');
    world = { org, actors: { owner: org.owner, admin: admin.client, user: user.client }, t };
  });
  afterAll(() => t.close());

  const rows = actions.flatMap((action) =>
    (['owner', 'admin', 'user'] as const).map((role) => ({
      action,
      role,
      expected: action.allowed[role],
    })),
  );

  it.each(rows)('$role: $action.name → $expected', async ({ action, role, expected }) => {
    expect(await action.run(world, world.actors[role])).toBe(expected);
  });

  it('only the owner transfers ownership, and then becomes an Admin', async () => {
    const admin = await addMember(world.org, t.app, 'admin');
    expect(
      (await admin.client.post('/api/v1/organization/transfer-ownership', { memberId: admin.id }))
        .statusCode,
    ).toBe(403);
    expect(
      (
        await world.actors.user.post('/api/v1/organization/transfer-ownership', {
          memberId: admin.id,
        })
      ).statusCode,
    ).toBe(403);

    const response = await world.org.owner.post('/api/v1/organization/transfer-ownership', {
      memberId: admin.id,
    });
    expect(response.statusCode).toBe(204);
    expect((await admin.client.get('/api/v1/me')).json()).toMatchObject({ role: 'owner' });
    expect((await world.org.owner.get('/api/v1/me')).json()).toMatchObject({ role: 'admin' });

    // Hand it back so the table above keeps its meaning if rows run after this one.
    expect(
      (
        await admin.client.post('/api/v1/organization/transfer-ownership', {
          memberId: world.org.ownerId,
        })
      ).statusCode,
    ).toBe(204);
  });

  it('a removed member is signed out at once', async () => {
    const member = await addMember(world.org, t.app, 'user');
    expect((await member.client.get('/api/v1/me')).statusCode).toBe(200);
    expect((await world.org.owner.delete(`/api/v1/members/${member.id}`)).statusCode).toBe(204);
    expect((await member.client.get('/api/v1/me')).statusCode).toBe(401);
  });
});
