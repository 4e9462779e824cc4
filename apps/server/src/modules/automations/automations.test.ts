import type { AutomationSettings, ContactSource } from '@agent-crm/contracts';
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
import { createContactInAgent, loadCrmMeta } from '../contacts/contacts.service';

type Contact = {
  id: string;
  ownerId: string | null;
  secondaryOwnerId: string | null;
  stage: string;
  status: string;
};
type Member = { client: Client; id: string; email: string };

let t: TestApp;
let org: Org;
let admin: Member;
let admin2: Member;
let user: Member;
let outsider: Org;

beforeAll(async () => {
  t = await createTestApp({ ALLOW_SIGNUP: 'true' });
  org = await setUpOrganization(t.app);
  admin = await addMember(org, t.app, 'admin');
  admin2 = await addMember(org, t.app, 'admin');
  user = await addMember(org, t.app, 'user');
  outsider = await signUpOrganization(t.app);
});
afterAll(() => t.close());

/** A second organization on the same database, through sign-up. */
async function signUpOrganization(app: TestApp['app']): Promise<Org> {
  const email = uniqueEmail('other');
  const response = await new Client(app).post('/api/v1/auth/sign-up', {
    organizationName: 'Other Org',
    name: 'Oscar Other',
    email,
    password: PASSWORD,
  });
  if (response.statusCode !== 201) throw new Error(`sign-up failed: ${response.body}`);
  const body = response.json<{ user: { id: string }; organization: { id: string } }>();
  return {
    owner: new Client(app, sessionCookie(response)),
    ownerId: body.user.id,
    organizationId: body.organization.id,
    email,
  };
}

async function newAgent(): Promise<string> {
  const response = await org.owner.post('/api/v1/agents', { name: 'Clinic', defaultCountry: 'GB' });
  return response.json<{ id: string }>().id;
}

function settings(
  overrides: Partial<AutomationSettings['assignment']> = {},
  startingStage: Partial<AutomationSettings['startingStage']> = {},
): AutomationSettings {
  return {
    assignment: {
      manual: { primary: { strategy: 'org_owner' }, secondary: null },
      captured: { primary: { strategy: 'org_owner' }, secondary: null },
      ...overrides,
    },
    startingStage: { manual: 'Lead', captured: 'Lead', ...startingStage },
  };
}

async function put(agentId: string, body: unknown, client: Client = org.owner) {
  return client.put(`/api/v1/agents/${agentId}/automations`, body);
}

/** Creates a contact the way each source does: members through the API, machines directly. */
async function createFrom(
  agentId: string,
  source: ContactSource,
  creator: Client = org.owner,
): Promise<Contact> {
  const email = uniqueEmail(source);
  if (source === 'manual') {
    const response = await creator.post(`/api/v1/agents/${agentId}/contacts`, { email });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<Contact>();
  }
  const meta = await loadCrmMeta(
    t.database.db,
    { organizationId: org.organizationId, agentId },
    { appUrl: t.config.appUrl },
  );
  const kind = source === 'chat' ? 'agent' : source === 'payment' ? 'system' : source;
  const { contact } = await createContactInAgent(
    t.database.db,
    meta,
    { email },
    { source, actor: { kind, id: null } },
  );
  return contact;
}

describe('reading and saving the rules', () => {
  it('answers the defaults when nothing is configured: the organization owner, first stage', async () => {
    const agentId = await newAgent();
    const response = await org.owner.get(`/api/v1/agents/${agentId}/automations`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual(settings());
    const contact = await createFrom(agentId, 'manual', admin.client);
    expect(contact.ownerId).toBe(org.ownerId);
    expect(contact.stage).toBe('Lead');
  });

  it('keeps what was saved, with stages by name even after a rename', async () => {
    const agentId = await newAgent();
    const body = settings(
      {
        manual: {
          primary: { strategy: 'round_robin', pool: [admin.id, admin2.id] },
          secondary: { strategy: 'member', memberId: org.ownerId },
        },
        form: { primary: { strategy: 'none' }, secondary: null },
      },
      { manual: 'Prospect', form: 'Customer' },
    );
    const saved = await put(agentId, body);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toEqual(body);
    const stages = await org.owner.get(`/api/v1/agents/${agentId}/crm-settings`);
    const prospect = stages
      .json<{ stages: { id: string; name: string }[] }>()
      .stages.find((stage) => stage.name === 'Prospect');
    expect(prospect).toBeDefined();
    const renamed = await org.owner.patch(
      `/api/v1/agents/${agentId}/crm-settings/stages/${prospect?.id ?? ''}`,
      { name: 'Qualified' },
    );
    expect(renamed.statusCode, renamed.body).toBe(200);
    const again = await org.owner.get(`/api/v1/agents/${agentId}/automations`);
    expect(again.json<AutomationSettings>().startingStage.manual).toBe('Qualified');
  });

  it('lets Users read the rules of agents they work in but not change them', async () => {
    const agentId = await newAgent();
    await org.owner.put(`/api/v1/agents/${agentId}/access`, { memberIds: [user.id] });
    expect((await user.client.get(`/api/v1/agents/${agentId}/automations`)).statusCode).toBe(200);
    expect((await put(agentId, settings(), user.client)).statusCode).toBe(403);
  });

  it('never shows or changes another organization’s rules (404)', async () => {
    const agentId = await newAgent();
    expect((await outsider.owner.get(`/api/v1/agents/${agentId}/automations`)).statusCode).toBe(
      404,
    );
    expect((await put(agentId, settings(), outsider.owner)).statusCode).toBe(404);
  });
});

describe('validation names the slot', () => {
  const cases: [string, () => AutomationSettings, string][] = [
    [
      'round robin with one member',
      () =>
        settings({
          manual: { primary: { strategy: 'round_robin', pool: [admin.id] }, secondary: null },
        }),
      'assignment.manual.primary.pool',
    ],
    [
      'round robin with the same member twice',
      () =>
        settings({
          manual: {
            primary: { strategy: 'round_robin', pool: [admin.id, admin.id] },
            secondary: null,
          },
        }),
      'assignment.manual.primary.pool',
    ],
    [
      'creator for captured contacts',
      () => settings({ captured: { primary: { strategy: 'creator' }, secondary: null } }),
      'assignment.captured.primary.strategy',
    ],
    [
      'creator for form contacts',
      () => settings({ form: { primary: { strategy: 'creator' }, secondary: null } }),
      'assignment.form.primary.strategy',
    ],
    [
      'the same member in both slots',
      () =>
        settings({
          manual: {
            primary: { strategy: 'member', memberId: admin.id },
            secondary: { strategy: 'round_robin', pool: [admin.id, admin2.id] },
          },
        }),
      'assignment.manual.secondary',
    ],
    [
      'the organization owner in both slots',
      () =>
        settings({
          captured: {
            primary: { strategy: 'org_owner' },
            secondary: { strategy: 'org_owner' },
          },
        }),
      'assignment.captured.secondary',
    ],
    [
      'a member of another organization',
      () =>
        settings({
          manual: { primary: { strategy: 'member', memberId: outsider.ownerId }, secondary: null },
        }),
      'assignment.manual.primary.memberId',
    ],
    [
      'a pool member of another organization',
      () =>
        settings({
          captured: {
            primary: { strategy: 'round_robin', pool: [admin.id, outsider.ownerId] },
            secondary: null,
          },
        }),
      'assignment.captured.primary.pool.1',
    ],
    [
      'a User without access to the agent',
      () =>
        settings({
          manual: { primary: { strategy: 'member', memberId: user.id }, secondary: null },
        }),
      'assignment.manual.primary.memberId',
    ],
    [
      'a member strategy without a member',
      () => settings({ manual: { primary: { strategy: 'member' }, secondary: null } }),
      'assignment.manual.primary.memberId',
    ],
    ['a stage that does not exist', () => settings({}, { manual: 'Nope' }), 'startingStage.manual'],
    [
      'a form stage that does not exist',
      () => settings({}, { form: 'Nope' }),
      'startingStage.form',
    ],
  ];

  it.each(cases)('refuses %s', async (_name, body, path) => {
    const agentId = await newAgent();
    const response = await put(agentId, body());
    expect(response.statusCode, response.body).toBe(400);
    const error = response.json<{ error: { details: { path: string; message: string }[] } }>()
      .error;
    expect(error.details.map((d) => d.path)).toContain(path);
    // Nothing was saved: the defaults still apply.
    const current = await org.owner.get(`/api/v1/agents/${agentId}/automations`);
    expect(current.json()).toEqual(settings());
  });

  it('refuses a document with missing parts or unknown strategies', async () => {
    const agentId = await newAgent();
    const missing = await put(agentId, { assignment: { manual: settings().assignment.manual } });
    expect(missing.statusCode).toBe(400);
    const unknown = await put(
      agentId,
      settings({ manual: { primary: { strategy: 'random' as 'none' }, secondary: null } }),
    );
    expect(unknown.statusCode).toBe(400);
    expect(JSON.stringify(unknown.json())).toContain('assignment.manual.primary.strategy');
  });
});

describe('strategy × creation method', () => {
  const methods: ContactSource[] = ['manual', 'chat', 'form', 'import', 'api', 'payment'];

  it.each(methods)('assigns %s contacts by the rule for their method', async (source) => {
    const agentId = await newAgent();
    const method = source === 'manual' ? 'manual' : source === 'chat' ? 'captured' : source;
    await expectOk(
      put(
        agentId,
        settings(
          { [method]: { primary: { strategy: 'member', memberId: admin2.id }, secondary: null } },
          { [method]: 'Customer' },
        ),
      ),
    );
    const contact = await createFrom(agentId, source);
    expect(contact.ownerId).toBe(admin2.id);
    expect(contact.stage).toBe('Customer');
  });

  it.each(['form', 'import', 'api', 'payment'] as const)(
    '%s contacts follow the captured rule unless given their own',
    async (source) => {
      const agentId = await newAgent();
      await expectOk(
        put(
          agentId,
          settings(
            { captured: { primary: { strategy: 'member', memberId: admin.id }, secondary: null } },
            { captured: 'Prospect' },
          ),
        ),
      );
      const contact = await createFrom(agentId, source);
      expect(contact.ownerId).toBe(admin.id);
      expect(contact.stage).toBe('Prospect');
    },
  );

  it('gives manual contacts to their creator, and none to nobody', async () => {
    const agentId = await newAgent();
    await expectOk(
      put(
        agentId,
        settings({
          manual: { primary: { strategy: 'creator' }, secondary: { strategy: 'none' } },
          captured: { primary: { strategy: 'none' }, secondary: null },
        }),
      ),
    );
    expect((await createFrom(agentId, 'manual', admin.client)).ownerId).toBe(admin.id);
    expect((await createFrom(agentId, 'manual', admin2.client)).ownerId).toBe(admin2.id);
    const captured = await createFrom(agentId, 'chat');
    expect(captured.ownerId).toBeNull();
    expect(captured.secondaryOwnerId).toBeNull();
  });

  it('keeps an owner and stage the creator chose', async () => {
    const agentId = await newAgent();
    await expectOk(
      put(
        agentId,
        settings(
          { manual: { primary: { strategy: 'member', memberId: admin.id }, secondary: null } },
          { manual: 'Customer' },
        ),
      ),
    );
    const response = await org.owner.post(`/api/v1/agents/${agentId}/contacts`, {
      email: uniqueEmail('chosen'),
      ownerId: admin2.id,
      stage: 'Prospect',
    });
    expect(response.json()).toMatchObject({ ownerId: admin2.id, stage: 'Prospect' });
  });

  it('sets the starting status per method', async () => {
    const agentId = await newAgent();
    await expectOk(put(agentId, { ...settings(), startingStatus: { captured: 'Inactive' } }));
    expect((await createFrom(agentId, 'chat')).status).toBe('Inactive');
    expect((await createFrom(agentId, 'manual')).status).toBe('Active');
  });
});

describe('round robin', () => {
  it('rotates through the pool in order, primary and secondary independently', async () => {
    const agentId = await newAgent();
    const pool = [org.ownerId, admin.id];
    await expectOk(
      put(
        agentId,
        settings({
          captured: {
            primary: { strategy: 'round_robin', pool },
            secondary: { strategy: 'member', memberId: admin2.id },
          },
        }),
      ),
    );
    const owners: (string | null)[] = [];
    for (let i = 0; i < 4; i++) owners.push((await createFrom(agentId, 'chat')).ownerId);
    expect(owners).toEqual([org.ownerId, admin.id, org.ownerId, admin.id]);
  });

  it('never makes one person both owners: the turn passes to the next in the pool', async () => {
    const agentId = await newAgent();
    await expectOk(
      put(
        agentId,
        settings({
          manual: {
            primary: { strategy: 'creator' },
            secondary: { strategy: 'round_robin', pool: [admin.id, admin2.id] },
          },
        }),
      ),
    );
    for (let i = 0; i < 6; i++) {
      const contact = await createFrom(agentId, 'manual', admin.client);
      expect(contact.ownerId).toBe(admin.id);
      expect(contact.secondaryOwnerId).toBe(admin2.id);
    }
  });

  it('is exact under concurrency: 100 at once over 4 members gives 25 each', async () => {
    const agentId = await newAgent();
    await org.owner.put(`/api/v1/agents/${agentId}/access`, { memberIds: [user.id] });
    const pool = [org.ownerId, admin.id, admin2.id, user.id];
    await expectOk(
      put(
        agentId,
        settings({ manual: { primary: { strategy: 'round_robin', pool }, secondary: null } }),
      ),
    );
    const responses = await Promise.all(
      Array.from({ length: 100 }, () =>
        org.owner.post(`/api/v1/agents/${agentId}/contacts`, { email: uniqueEmail('rush') }),
      ),
    );
    expect(responses.map((r) => r.statusCode).every((code) => code === 201)).toBe(true);
    const counts = new Map<string, number>();
    for (const response of responses) {
      const owner = response.json<Contact>().ownerId ?? 'none';
      counts.set(owner, (counts.get(owner) ?? 0) + 1);
    }
    expect(Object.fromEntries(counts)).toEqual(Object.fromEntries(pool.map((id) => [id, 25])));
  });

  it('gives the turn back when the contact is not created (a duplicate)', async () => {
    const agentId = await newAgent();
    await expectOk(
      put(
        agentId,
        settings({
          manual: {
            primary: { strategy: 'round_robin', pool: [admin.id, admin2.id] },
            secondary: null,
          },
        }),
      ),
    );
    const email = uniqueEmail('twice');
    const first = await org.owner.post(`/api/v1/agents/${agentId}/contacts`, { email });
    const duplicate = await org.owner.post(`/api/v1/agents/${agentId}/contacts`, { email });
    expect(duplicate.statusCode).toBe(409);
    const next = await createFrom(agentId, 'manual');
    expect(first.json<Contact>().ownerId).toBe(admin.id);
    expect(next.ownerId).toBe(admin2.id);
  });
});

describe('activity, mail and members leaving', () => {
  it('records each step with the automation as actor and mails the assignee', async () => {
    const agentId = await newAgent();
    await expectOk(
      put(
        agentId,
        settings(
          {
            captured: {
              primary: { strategy: 'member', memberId: admin.id },
              secondary: { strategy: 'member', memberId: admin2.id },
            },
          },
          { captured: 'Prospect' },
        ),
      ),
    );
    const contact = await createFrom(agentId, 'chat');
    const activity = (
      await org.owner.get(`/api/v1/agents/${agentId}/contacts/${contact.id}/activity`)
    ).json<{ data: { kind: string; field?: string; to?: unknown; actor: { kind: string } }[] }>()
      .data;
    expect(activity).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'created', actor: { kind: 'agent' } }),
        expect.objectContaining({
          kind: 'owner_assigned',
          field: 'ownerId',
          to: admin.id,
          actor: { kind: 'automation' },
        }),
        expect.objectContaining({
          kind: 'owner_assigned',
          field: 'secondaryOwnerId',
          to: admin2.id,
          actor: { kind: 'automation' },
        }),
        expect.objectContaining({
          kind: 'stage_set',
          to: 'Prospect',
          actor: { kind: 'automation' },
        }),
      ]),
    );
    await t.app.deps.mailer.deliverQueued();
    const outbox = (await org.owner.get('/api/v1/outbox?limit=200')).json<{
      data: { to: string; subject: string; text?: string; id: string }[];
    }>().data;
    const mail = outbox.find((m) => m.to === admin.email);
    expect(mail?.subject).toContain('assigned to you');
    const full = await org.owner.get(`/api/v1/outbox/${mail?.id ?? ''}`);
    expect(full.json<{ text: string }>().text).toContain(
      `http://localhost:3000/agents/${agentId}/contacts/${contact.id}`,
    );
  });

  it('does not mail the member who created the contact themselves', async () => {
    const agentId = await newAgent();
    const before = (await org.owner.get('/api/v1/outbox?limit=200')).json<{ data: unknown[] }>()
      .data.length;
    await createFrom(agentId, 'manual');
    const after = (await org.owner.get('/api/v1/outbox?limit=200')).json<{ data: unknown[] }>().data
      .length;
    expect(after).toBe(before);
  });

  it('takes a removed member out of pools and falls back to the owner below two', async () => {
    const leaving = await addMember(org, t.app, 'admin');
    const agentId = await newAgent();
    await expectOk(
      put(
        agentId,
        settings({
          manual: {
            primary: { strategy: 'round_robin', pool: [admin.id, admin2.id, leaving.id] },
            secondary: null,
          },
          captured: {
            primary: { strategy: 'round_robin', pool: [admin.id, leaving.id] },
            secondary: null,
          },
          form: { primary: { strategy: 'member', memberId: leaving.id }, secondary: null },
        }),
      ),
    );
    expect((await org.owner.delete(`/api/v1/members/${leaving.id}`)).statusCode).toBe(204);
    const current = (
      await org.owner.get(`/api/v1/agents/${agentId}/automations`)
    ).json<AutomationSettings>();
    expect(current.assignment.manual.primary).toEqual({
      strategy: 'round_robin',
      pool: [admin.id, admin2.id],
    });
    expect(current.assignment.captured.primary).toEqual({ strategy: 'org_owner' });
    expect(current.assignment.form?.primary).toEqual({ strategy: 'org_owner' });
    expect((await createFrom(agentId, 'chat')).ownerId).toBe(org.ownerId);
    const audit = (
      await org.owner.get('/api/v1/audit-events?action=automations.fallback_to_owner')
    ).json<{ data: { resourceId: string; details: { slots: string[] } }[] }>().data;
    expect(audit[0]).toMatchObject({ resourceId: agentId });
    expect(audit[0]?.details.slots.sort()).toEqual(['captured.primary', 'form.primary']);
  });
});

async function expectOk(response: Promise<{ statusCode: number; body: string }>) {
  const answered = await response;
  expect(answered.statusCode, answered.body).toBe(200);
  return answered;
}
