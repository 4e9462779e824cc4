import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addMember,
  createTestApp,
  setUpOrganization,
  type Org,
  type TestApp,
} from '../../../test/app';

type Contact = {
  id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  stage: string;
  ownerId: string | null;
  fields: Record<string, unknown>;
  archivedAt: string | null;
};

let t: TestApp;
let org: Org;
let agentId: string;
let base: string;

beforeAll(async () => {
  t = await createTestApp();
  org = await setUpOrganization(t.app);
  agentId = (await org.owner.post('/api/v1/agents', { name: 'Agent', defaultCountry: 'US' })).json<{
    id: string;
  }>().id;
  base = `/api/v1/agents/${agentId}/contacts`;
  await org.owner.post(`/api/v1/agents/${agentId}/fields`, { label: 'Company', type: 'text' });
});
afterAll(() => t.close());

async function create(body: Record<string, unknown>): Promise<Contact> {
  const response = await org.owner.post(base, body);
  if (response.statusCode !== 201) throw new Error(response.body);
  return response.json<Contact>();
}

describe('bulk actions', () => {
  it('sets the stage of the selection and records each change', async () => {
    const a = await create({ email: 'bulk-a@example.com' });
    const b = await create({ email: 'bulk-b@example.com', stage: 'Customer' });
    const response = await org.owner.post(`${base}/bulk`, {
      ids: [a.id, b.id],
      action: { type: 'set_stage', stage: 'Customer' },
    });
    expect(response.json()).toEqual({ affected: 1 });
    expect((await org.owner.get(`${base}/${a.id}`)).json()).toMatchObject({ stage: 'Customer' });
    const activity = (await org.owner.get(`${base}/${a.id}/activity`)).json<{
      data: { kind: string; from?: unknown; to?: unknown }[];
    }>().data;
    expect(activity[0]).toMatchObject({ kind: 'stage_changed', from: 'Lead', to: 'Customer' });
  });

  it('assigns an owner to everything matching a filter, and archives and deletes by filter', async () => {
    const admin = await addMember(org, t.app, 'admin');
    for (let i = 0; i < 5; i++)
      await create({ email: `tagged-${i}@example.com`, fields: { company: 'Globex' } });
    const filter = { fields: { company: 'Globex' } };
    expect(
      (
        await org.owner.post(`${base}/bulk`, {
          filter,
          action: { type: 'assign_owner', ownerId: admin.id },
        })
      ).json(),
    ).toEqual({ affected: 5 });
    expect((await org.owner.get(`${base}/count?ownerId=${admin.id}`)).json()).toEqual({ count: 5 });
    expect(
      (await org.owner.post(`${base}/bulk`, { filter, action: { type: 'archive' } })).json(),
    ).toEqual({ affected: 5 });
    expect((await org.owner.get(`${base}/count?field.company=Globex`)).json()).toEqual({
      count: 0,
    });
    expect(
      (
        await org.owner.post(`${base}/bulk`, {
          filter: { ...filter, archived: true },
          action: { type: 'delete' },
        })
      ).json(),
    ).toEqual({ affected: 5 });
    expect(
      (await org.owner.get(`${base}/count?field.company=Globex&archived=true`)).json(),
    ).toEqual({ count: 0 });
  });

  it('refuses bad bulk requests with 400 naming the field', async () => {
    const rows: [unknown, string][] = [
      [{ action: { type: 'archive' } }, 'ids'],
      [{ ids: [], action: { type: 'archive' } }, 'ids'],
      [{ ids: ['x'], action: { type: 'archive' } }, 'ids.0'],
      [{ filter: {}, ids: [org.ownerId], action: { type: 'archive' } }, 'ids'],
      [{ filter: {}, action: { type: 'explode' } }, 'action.type'],
      [{ filter: {}, action: { type: 'set_stage', stage: 'Nope' } }, 'stage'],
      [
        {
          filter: {},
          action: { type: 'assign_owner', ownerId: '01900000-0000-7000-8000-000000000000' },
        },
        'action.ownerId',
      ],
    ];
    for (const [body, path] of rows) {
      const response = await org.owner.post(`${base}/bulk`, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(
        response
          .json<{ error: { details: { path: string }[] } }>()
          .error.details.map((d) => d.path),
      ).toContain(path);
    }
  });

  it('is for Owners and Admins only', async () => {
    const user = await addMember(org, t.app, 'user');
    await org.owner.put(`/api/v1/agents/${agentId}/access`, { memberIds: [user.id] });
    expect(
      (await user.client.post(`${base}/bulk`, { filter: {}, action: { type: 'delete' } }))
        .statusCode,
    ).toBe(403);
  });
});

describe('merging', () => {
  it('keeps the chosen values, moves notes and files, and removes the other contact', async () => {
    const primary = await create({
      name: 'J. Smith',
      email: 'j.smith@example.com',
      fields: { company: 'Acme' },
    });
    const secondary = await create({
      name: 'John Smith',
      phone: '(415) 555-2671',
      fields: { company: 'Acme Inc' },
    });
    await org.owner.post(`${base}/${secondary.id}/notes`, {
      html: '<p>From the second record</p>',
    });

    const response = await org.owner.post(`${base}/merge`, {
      primaryId: primary.id,
      secondaryId: secondary.id,
      choose: { name: 'secondary', company: 'primary' },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      id: primary.id,
      name: 'John Smith',
      email: 'j.smith@example.com',
      phone: '+14155552671',
      fields: { company: 'Acme' },
    });
    expect((await org.owner.get(`${base}/${secondary.id}`)).statusCode).toBe(404);
    const notes = (await org.owner.get(`${base}/${primary.id}/notes`)).json<{
      data: { html: string }[];
    }>().data;
    expect(notes.map((n) => n.html)).toEqual(['<p>From the second record</p>']);
    const activity = (await org.owner.get(`${base}/${primary.id}/activity?limit=200`)).json<{
      data: { kind: string }[];
    }>().data;
    expect(activity[0]?.kind).toBe('merged');
    expect(activity.filter((a) => a.kind === 'created')).toHaveLength(2);
    // The phone is the survivor's now, so a new contact cannot take it.
    expect((await org.owner.post(base, { phone: '415-555-2671' })).statusCode).toBe(409);
  });

  it('refuses merging a contact with itself or unknown fields', async () => {
    const one = await create({ email: 'solo@example.com' });
    const self = await org.owner.post(`${base}/merge`, { primaryId: one.id, secondaryId: one.id });
    expect(self.statusCode).toBe(400);
    expect(self.json()).toMatchObject({ error: { details: [{ path: 'secondaryId' }] } });
    const two = await create({ email: 'duo@example.com' });
    const unknown = await org.owner.post(`${base}/merge`, {
      primaryId: one.id,
      secondaryId: two.id,
      choose: { shoe_size: 'primary' },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ error: { details: [{ path: 'choose.shoe_size' }] } });
  });
});
