import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Client,
  PASSWORD,
  addMember,
  createTestApp,
  sessionCookie,
  setUpOrganization,
  uniqueEmail,
  type Org,
  type TestApp,
} from '../../../test/app';

let t: TestApp;
let org: Org;

beforeAll(async () => {
  t = await createTestApp({ ALLOW_SIGNUP: 'true' });
  org = await setUpOrganization(t.app);
});
afterAll(() => t.close());

type Agent = {
  id: string;
  name: string;
  visibility: string;
  accessMode: string;
  defaultCountry: string;
  aiCapture: Record<string, boolean>;
};

describe('agents', () => {
  it('creates with defaults from the contract and reads it back', async () => {
    const response = await org.owner.post('/api/v1/agents', {
      name: 'Receptionist',
      defaultCountry: 'gb',
      aiCapture: { phone: false },
    });
    expect(response.statusCode).toBe(201);
    const agent = response.json<Agent>();
    expect(agent).toMatchObject({
      name: 'Receptionist',
      visibility: 'private',
      accessMode: 'free',
      defaultCountry: 'GB',
      aiCapture: { name: true, email: true, phone: false },
    });
    expect((await org.owner.get(`/api/v1/agents/${agent.id}`)).json()).toEqual(agent);
  });

  it('updates, duplicates and deletes', async () => {
    const agent = (
      await org.owner.post('/api/v1/agents', { name: 'Intake', instructions: 'Be kind.' })
    ).json<Agent>();
    const updated = await org.owner.patch(`/api/v1/agents/${agent.id}`, {
      visibility: 'public',
      accessMode: 'restricted',
      suggestedQuestions: ['Opening hours?'],
      aiCapture: { email: false },
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({
      visibility: 'public',
      accessMode: 'restricted',
      suggestedQuestions: ['Opening hours?'],
      aiCapture: { name: true, email: false, phone: true },
    });

    const copy = await org.owner.post(`/api/v1/agents/${agent.id}/duplicate`);
    expect(copy.statusCode).toBe(201);
    expect(copy.json()).toMatchObject({
      name: 'Intake (copy)',
      instructions: 'Be kind.',
      accessMode: 'restricted',
    });
    expect(copy.json<Agent>().id).not.toBe(agent.id);

    expect((await org.owner.delete(`/api/v1/agents/${agent.id}`)).statusCode).toBe(204);
    expect((await org.owner.get(`/api/v1/agents/${agent.id}`)).statusCode).toBe(404);
    expect((await org.owner.delete(`/api/v1/agents/${agent.id}`)).statusCode).toBe(404);
  });

  it('pages the list with a cursor', async () => {
    for (let i = 0; i < 5; i++) await org.owner.post('/api/v1/agents', { name: `Paged ${i}` });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { data: Agent[]; nextCursor: string | null } = (
        await org.owner.get(`/api/v1/agents?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      ).json();
      expect(page.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.data.map((a) => a.id));
      cursor = page.nextCursor;
    } while (cursor);
    const all = (await org.owner.get('/api/v1/agents?limit=200'))
      .json<{ data: Agent[] }>()
      .data.map((a) => a.id);
    expect(seen).toEqual(all);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('shows a User only the agents given to them', async () => {
    const shared = (await org.owner.post('/api/v1/agents', { name: 'Shared' })).json<Agent>();
    const hidden = (await org.owner.post('/api/v1/agents', { name: 'Hidden' })).json<Agent>();
    const user = await addMember(org, t.app, 'user');

    expect((await user.client.get('/api/v1/agents')).json()).toEqual({
      data: [],
      nextCursor: null,
    });
    const granted = await org.owner.put(`/api/v1/agents/${shared.id}/access`, {
      memberIds: [user.id],
    });
    expect(granted.json()).toEqual({ memberIds: [user.id] });

    const visible = (await user.client.get('/api/v1/agents')).json<{ data: Agent[] }>().data;
    expect(visible.map((a) => a.name)).toEqual(['Shared']);
    expect((await user.client.get(`/api/v1/agents/${shared.id}`)).statusCode).toBe(200);
    expect((await user.client.get(`/api/v1/agents/${hidden.id}`)).statusCode).toBe(404);
    expect(
      (await user.client.patch(`/api/v1/agents/${shared.id}`, { name: 'Mine now' })).statusCode,
    ).toBe(403);
  });

  it('refuses access lists naming people outside the organization', async () => {
    const agent = (await org.owner.post('/api/v1/agents', { name: 'Guarded' })).json<Agent>();
    const stranger = '01900000-0000-7000-8000-000000000000';
    const response = await org.owner.put(`/api/v1/agents/${agent.id}/access`, {
      memberIds: [org.ownerId, stranger],
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      error: { code: 'validation_failed', details: [{ path: 'memberIds.1' }] },
    });
  });

  it('another organization can never read, list, change or delete an agent', async () => {
    const agent = (
      await org.owner.post('/api/v1/agents', { name: 'Private to Acme' })
    ).json<Agent>();
    const signUp = await new Client(t.app).post('/api/v1/auth/sign-up', {
      organizationName: 'Rival Org',
      name: 'Rex Rival',
      email: uniqueEmail('rival'),
      password: PASSWORD,
    });
    const rival = new Client(t.app, sessionCookie(signUp));
    expect((await rival.get(`/api/v1/agents/${agent.id}`)).statusCode).toBe(404);
    expect((await rival.get('/api/v1/agents')).json<{ data: Agent[] }>().data).toEqual([]);
    expect((await rival.patch(`/api/v1/agents/${agent.id}`, { name: 'Stolen' })).statusCode).toBe(
      404,
    );
    expect((await rival.post(`/api/v1/agents/${agent.id}/duplicate`)).statusCode).toBe(404);
    expect((await rival.get(`/api/v1/agents/${agent.id}/access`)).statusCode).toBe(404);
    expect(
      (await rival.put(`/api/v1/agents/${agent.id}/access`, { memberIds: [] })).statusCode,
    ).toBe(404);
    expect((await rival.delete(`/api/v1/agents/${agent.id}`)).statusCode).toBe(404);
    expect((await org.owner.get(`/api/v1/agents/${agent.id}`)).json()).toMatchObject({
      name: 'Private to Acme',
    });
  });
});
