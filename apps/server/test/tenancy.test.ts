import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Client,
  PASSWORD,
  createTestApp,
  sessionCookie,
  setUpOrganization,
  uniqueEmail,
  type Org,
  type TestApp,
} from './app';

/**
 * Every CRM resource of one agent is out of reach for another organization and through another
 * agent of the same organization: reads, lists, changes and deletes all answer 404, and the
 * resource is unchanged afterwards.
 */
let t: TestApp;
let org: Org;
let rival: Client;
let agentId: string;
let otherAgentId: string;
const ids: Record<'contact' | 'field' | 'stage' | 'note' | 'file', string> = {
  contact: '',
  field: '',
  stage: '',
  note: '',
  file: '',
};

beforeAll(async () => {
  t = await createTestApp({ ALLOW_SIGNUP: 'true' });
  org = await setUpOrganization(t.app);
  agentId = (await org.owner.post('/api/v1/agents', { name: 'Mine' })).json<{ id: string }>().id;
  otherAgentId = (await org.owner.post('/api/v1/agents', { name: 'Other' })).json<{ id: string }>()
    .id;
  ids.contact = (
    await org.owner.post(`/api/v1/agents/${agentId}/contacts`, { email: 'private@example.com' })
  ).json<{ id: string }>().id;
  ids.field = (
    await org.owner.post(`/api/v1/agents/${agentId}/fields`, { label: 'Secret', type: 'text' })
  ).json<{ id: string }>().id;
  ids.stage =
    (await org.owner.get(`/api/v1/agents/${agentId}/crm-settings`)).json<{
      stages: { id: string }[];
    }>().stages[0]?.id ?? '';
  ids.note = (
    await org.owner.post(`/api/v1/agents/${agentId}/contacts/${ids.contact}/notes`, {
      html: '<p>secret</p>',
    })
  ).json<{ id: string }>().id;
  const boundary = 'b0undary';
  const upload = await t.app.inject({
    method: 'POST',
    url: `/api/v1/agents/${agentId}/contacts/${ids.contact}/files`,
    headers: {
      cookie: org.owner.cookie ?? '',
      origin: 'http://localhost:3000',
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    payload: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nsecret\r\n--${boundary}--\r\n`,
  });
  ids.file = upload.json<{ data: { id: string }[] }>().data[0]?.id ?? '';
  const signUp = await new Client(t.app).post('/api/v1/auth/sign-up', {
    organizationName: 'Rival Org',
    name: 'Rex Rival',
    email: uniqueEmail('rival'),
    password: PASSWORD,
  });
  rival = new Client(t.app, sessionCookie(signUp));
});
afterAll(() => t.close());

/** Paths and bodies are functions: the ids exist only after setup. */
type Call = [
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: (agent: string) => string,
  body?: () => unknown,
];

const calls: Call[] = [
  ['GET', (a) => `/api/v1/agents/${a}/fields`],
  ['PATCH', (a) => `/api/v1/agents/${a}/fields/${ids.field}`, () => ({ label: 'Stolen' })],
  ['DELETE', (a) => `/api/v1/agents/${a}/fields/${ids.field}`],
  ['GET', (a) => `/api/v1/agents/${a}/crm-settings`],
  [
    'PATCH',
    (a) => `/api/v1/agents/${a}/crm-settings/stages/${ids.stage}`,
    () => ({ name: 'Stolen' }),
  ],
  ['GET', (a) => `/api/v1/agents/${a}/contacts/${ids.contact}`],
  ['PATCH', (a) => `/api/v1/agents/${a}/contacts/${ids.contact}`, () => ({ name: 'Stolen' })],
  ['POST', (a) => `/api/v1/agents/${a}/contacts/${ids.contact}/archive`, () => ({})],
  ['GET', (a) => `/api/v1/agents/${a}/contacts/${ids.contact}/notes`],
  [
    'POST',
    (a) => `/api/v1/agents/${a}/contacts/${ids.contact}/notes`,
    () => ({ html: '<p>planted</p>' }),
  ],
  [
    'PATCH',
    (a) => `/api/v1/agents/${a}/contacts/${ids.contact}/notes/${ids.note}`,
    () => ({ html: '<p>changed</p>' }),
  ],
  ['DELETE', (a) => `/api/v1/agents/${a}/contacts/${ids.contact}/notes/${ids.note}`],
  ['GET', (a) => `/api/v1/agents/${a}/contacts/${ids.contact}/files`],
  ['GET', (a) => `/api/v1/agents/${a}/contacts/${ids.contact}/files/${ids.file}`],
  ['DELETE', (a) => `/api/v1/agents/${a}/contacts/${ids.contact}/files/${ids.file}`],
  [
    'POST',
    (a) => `/api/v1/agents/${a}/contacts/bulk`,
    () => ({ ids: [ids.contact], action: { type: 'delete' } }),
  ],
  ['DELETE', (a) => `/api/v1/agents/${a}/contacts/${ids.contact}`],
];

type Row = { method: Call[0]; path: Call[1]; body: () => unknown; label: string };
const rows: Row[] = calls.map(([method, path, body]) => ({
  method,
  path,
  body: body ?? (() => undefined),
  label: `${method} ${path(':agent')}`,
}));

describe('tenancy of CRM resources', () => {
  it.each(rows)('another organization: $label → 404', async ({ method, path, body }) => {
    expect((await rival.request(method, path(agentId), body())).statusCode).toBe(404);
  });

  it.each(rows)(
    'another agent of the same organization: $label → 404 (bulk: nothing affected)',
    async ({ method, path, body }) => {
      const response = await org.owner.request(method, path(otherAgentId), body());
      if (path(otherAgentId).endsWith('/bulk')) expect(response.json()).toEqual({ affected: 0 });
      else if (
        path(otherAgentId).endsWith('/fields') ||
        path(otherAgentId).endsWith('/crm-settings')
      )
        expect(response.statusCode).toBe(200);
      else expect(response.statusCode).toBe(404);
    },
  );

  it('left everything as it was', async () => {
    const base = `/api/v1/agents/${agentId}`;
    expect((await org.owner.get(`${base}/contacts/${ids.contact}`)).json()).toMatchObject({
      email: 'private@example.com',
      name: null,
      archivedAt: null,
    });
    expect(
      (await org.owner.get(`${base}/fields`))
        .json<{ data: { label: string }[] }>()
        .data.map((f) => f.label),
    ).toEqual(['Secret']);
    expect(
      (await org.owner.get(`${base}/contacts/${ids.contact}/notes`))
        .json<{ data: { html: string }[] }>()
        .data.map((n) => n.html),
    ).toEqual(['<p>secret</p>']);
    expect(
      (await org.owner.get(`${base}/contacts/${ids.contact}/files`)).json<{ data: unknown[] }>()
        .data,
    ).toHaveLength(1);
    expect(
      (await org.owner.get(`${base}/crm-settings`)).json<{ stages: { name: string }[] }>().stages[0]
        ?.name,
    ).toBe('Lead');
    // Another agent's own lists never show this agent's data.
    expect((await org.owner.get(`/api/v1/agents/${otherAgentId}/fields`)).json()).toEqual({
      data: [],
    });
  });
});
