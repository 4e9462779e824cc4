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

type Contact = {
  id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  stage: string;
  status: string;
  ownerId: string | null;
  source: string;
  fields: Record<string, unknown>;
  archivedAt: string | null;
};
type Page = { data: Contact[]; nextCursor: string | null };

let t: TestApp;
let org: Org;
let agentId: string;
let base: string;

beforeAll(async () => {
  t = await createTestApp({ ALLOW_SIGNUP: 'true' });
  org = await setUpOrganization(t.app);
  agentId = (
    await org.owner.post('/api/v1/agents', { name: 'Clinic', defaultCountry: 'GB' })
  ).json<{ id: string }>().id;
  base = `/api/v1/agents/${agentId}/contacts`;
});
afterAll(() => t.close());

async function create(body: Record<string, unknown>, client: Client = org.owner) {
  return client.post(base, body);
}

describe('creating contacts', () => {
  it('normalizes email and phone, defaults stage and status, and records the source', async () => {
    const response = await create({
      name: '  Grace Hopper ',
      email: ' Grace@Navy.MIL ',
      phone: '07911 123123',
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      name: 'Grace Hopper',
      email: 'grace@navy.mil',
      phone: '+447911123123',
      stage: 'Lead',
      status: 'Active',
      source: 'manual',
      archivedAt: null,
    });
  });

  it('needs an email or a phone, naming both fields', async () => {
    const response = await create({ name: 'Nobody' });
    expect(response.statusCode).toBe(400);
    expect(
      response
        .json<{ error: { details: { path: string }[] } }>()
        .error.details.map((d) => d.path)
        .sort(),
    ).toEqual(['email', 'phone']);
  });

  it('answers a taken email, phone or externalId with 409 naming the field and the contact', async () => {
    const first = (
      await create({ email: 'dup@example.com', phone: '+44 7911 123001', externalId: 'crm-1' })
    ).json<Contact>();
    for (const [body, path] of [
      [{ email: 'DUP@example.com' }, 'email'],
      [{ phone: '07911 123001' }, 'phone'],
      [{ email: 'other@example.com', externalId: 'crm-1' }, 'externalId'],
    ] as const) {
      const response = await create(body);
      expect(response.statusCode).toBe(409);
      expect(response.json()).toMatchObject({
        error: { code: 'duplicate_contact', details: [{ path, contactId: first.id }] },
      });
    }
  });

  it('upserts on request instead of conflicting', async () => {
    const first = (await create({ email: 'upsert@example.com', name: 'Old Name' })).json<Contact>();
    const response = await org.owner.post(`${base}?onDuplicate=update`, {
      email: 'upsert@example.com',
      name: 'New Name',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id: first.id, name: 'New Name' });
  });

  it('gives one contact and clean 409s for fifty concurrent creates of one email', async () => {
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        create({ email: 'race@example.com', name: `Racer ${i}` }),
      ),
    );
    const statuses = responses.map((r) => r.statusCode).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    const winner = responses.find((r) => r.statusCode === 201)?.json<Contact>();
    for (const loser of responses.filter((r) => r.statusCode === 409)) {
      expect(loser.json()).toMatchObject({
        error: { code: 'duplicate_contact', details: [{ path: 'email', contactId: winner?.id }] },
      });
    }
    const list = (await org.owner.get(`${base}?q=race@example.com`)).json<Page>();
    expect(list.data).toHaveLength(1);
  });

  it('lets an archived contact be replaced, and refuses to restore it over the new one', async () => {
    const old = (await create({ email: 'archived@example.com' })).json<Contact>();
    const archived = (await org.owner.post(`${base}/${old.id}/archive`)).json<Contact>();
    expect(archived.archivedAt).not.toBeNull();
    const replacement = await create({ email: 'archived@example.com' });
    expect(replacement.statusCode).toBe(201);
    const restore = await org.owner.post(`${base}/${old.id}/restore`);
    expect(restore.statusCode).toBe(409);
    expect(restore.json()).toMatchObject({
      error: {
        code: 'duplicate_contact',
        details: [{ path: 'email', contactId: replacement.json<Contact>().id }],
      },
    });
  });
});

describe('custom fields and validation per type', () => {
  const fields = [
    { label: 'Company', type: 'text' },
    { label: 'Bio', type: 'long_text' },
    { label: 'Employees', type: 'number' },
    { label: 'Birthday', type: 'date' },
    { label: 'Newsletter', type: 'boolean' },
    { label: 'Plan', type: 'select', options: ['Free', 'Pro'] },
    { label: 'Interests', type: 'multi_select', options: ['Yoga', 'Pilates', 'Spin'] },
    { label: 'Work email', type: 'email' },
    { label: 'Work phone', type: 'phone' },
    { label: 'Website', type: 'url' },
  ];

  beforeAll(async () => {
    for (const field of fields) {
      const response = await org.owner.post(`/api/v1/agents/${agentId}/fields`, field);
      expect(response.statusCode, response.body).toBe(201);
    }
  });

  it('derives keys from labels and lists fields in order', async () => {
    const list = (await org.owner.get(`/api/v1/agents/${agentId}/fields`)).json<{
      data: { key: string; position: number }[];
    }>();
    expect(list.data.map((f) => f.key)).toEqual([
      'company',
      'bio',
      'employees',
      'birthday',
      'newsletter',
      'plan',
      'interests',
      'work_email',
      'work_phone',
      'website',
    ]);
  });

  it('stores valid values normalized', async () => {
    const response = await create({
      email: 'typed@example.com',
      fields: {
        company: ' Acme ',
        bio: 'Long story',
        employees: '42',
        birthday: '1990-02-28',
        newsletter: 'yes',
        plan: 'Pro',
        interests: ['Yoga', 'Spin', 'Yoga'],
        work_email: 'Boss@Acme.com',
        work_phone: '020 7946 0958',
        website: 'https://acme.example',
      },
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json<Contact>().fields).toEqual({
      company: 'Acme',
      bio: 'Long story',
      employees: 42,
      birthday: '1990-02-28',
      newsletter: true,
      plan: 'Pro',
      interests: ['Yoga', 'Spin'],
      work_email: 'boss@acme.com',
      work_phone: '+442079460958',
      website: 'https://acme.example',
    });
  });

  it.each([
    ['employees', 'many'],
    ['birthday', '1990-02-30'],
    ['newsletter', 'perhaps'],
    ['plan', 'Enterprise'],
    ['interests', ['Boxing']],
    ['work_email', 'not-an-email'],
    ['work_phone', '12'],
    ['website', 'javascript:alert(1)'],
    ['company', 'x'.repeat(1001)],
    ['unknown_key', 'x'],
  ])('refuses %s = %j with 400 naming fields.%s', async (key, value) => {
    const response = await create({ email: uniqueEmail('bad'), fields: { [key]: value } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      error: { code: 'validation_failed', details: [{ path: `fields.${key}` }] },
    });
  });

  it('enforces required fields for people, and refuses type changes that break stored values', async () => {
    const field = (
      await org.owner.post(`/api/v1/agents/${agentId}/fields`, {
        label: 'Insurance number',
        type: 'text',
        required: true,
      })
    ).json<{ id: string }>();
    const missing = await create({ email: uniqueEmail('req') });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({
      error: { details: [{ path: 'fields.insurance_number' }] },
    });
    await org.owner.patch(`/api/v1/agents/${agentId}/fields/${field.id}`, { required: false });

    const employees = (await org.owner.get(`/api/v1/agents/${agentId}/fields`))
      .json<{ data: { id: string; key: string }[] }>()
      .data.find((f) => f.key === 'employees');
    const toDate = await org.owner.patch(`/api/v1/agents/${agentId}/fields/${employees?.id}`, {
      type: 'date',
    });
    expect(toDate.statusCode).toBe(409);
    expect(toDate.json<{ error: { message: string } }>().error.message).toMatch(
      /1 contact has a value/,
    );
    const toText = await org.owner.patch(`/api/v1/agents/${agentId}/fields/${employees?.id}`, {
      type: 'text',
    });
    expect(toText.statusCode).toBe(200);
    const contact = (await org.owner.get(`${base}?q=typed@example.com`)).json<Page>().data[0];
    expect(contact?.fields.employees).toBe('42');
    const keyChange = await org.owner.patch(`/api/v1/agents/${agentId}/fields/${employees?.id}`, {
      key: 'staff',
    });
    expect(keyChange.statusCode).toBe(400);
    expect(keyChange.json()).toMatchObject({ error: { details: [{ path: 'key' }] } });
  });
});

describe('listing, searching and filtering', () => {
  let ids: Record<string, string> = {};

  beforeAll(async () => {
    const people = [
      {
        name: 'Margaret Hamilton',
        email: 'margaret@apollo.example',
        phone: '07911 123200',
        stage: 'Customer',
      },
      {
        name: 'Katherine Johnson',
        email: 'kj@nasa.example',
        phone: '07911 123201',
        stage: 'Prospect',
      },
      { name: 'Dorothy Vaughan', email: 'dorothy@nasa.example', phone: '07911 123202' },
    ];
    ids = {};
    for (const person of people) ids[person.name] = (await create(person)).json<Contact>().id;
  });

  it('finds by name fragment, email prefix, phone digits and with a typo', async () => {
    const names = async (q: string) =>
      (await org.owner.get(`${base}?q=${encodeURIComponent(q)}`))
        .json<Page>()
        .data.map((c) => c.name);
    expect(await names('hamil')).toEqual(['Margaret Hamilton']);
    expect(await names('kj@na')).toEqual(['Katherine Johnson']);
    expect(await names('07911 123202')).toEqual(['Dorothy Vaughan']);
    expect(await names('123201')).toEqual(['Katherine Johnson']);
    expect(await names('Hamiltom')).toEqual(['Margaret Hamilton']);
  });

  it('refuses one-character searches', async () => {
    const response = await org.owner.get(`${base}?q=a`);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: { details: [{ path: 'q' }] } });
  });

  it('filters by stage and counts without paging', async () => {
    const customers = (await org.owner.get(`${base}?stage=customer`)).json<Page>().data;
    expect(customers.map((c) => c.name)).toEqual(['Margaret Hamilton']);
    expect((await org.owner.get(`${base}/count?stage=Customer`)).json()).toEqual({ count: 1 });
    const unknown = await org.owner.get(`${base}?stage=Nope`);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ error: { details: [{ path: 'stage' }] } });
  });

  it('filters by custom field values', async () => {
    const list = (await org.owner.get(`${base}?field.plan=Pro`)).json<Page>().data;
    expect(list.map((c) => c.email)).toEqual(['typed@example.com']);
    const bad = await org.owner.get(`${base}?field.nope=1`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { details: [{ path: 'field.nope' }] } });
  });

  it('pages through everything exactly once, in each sort order', async () => {
    const total = (await org.owner.get(`${base}/count`)).json<{ count: number }>().count;
    for (const sort of ['-createdAt', 'createdAt', 'name', '-name']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Page = (
          await org.owner.get(`${base}?limit=3&sort=${sort}${cursor ? `&cursor=${cursor}` : ''}`)
        ).json();
        seen.push(...page.data.map((c) => c.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toHaveLength(total);
      expect(new Set(seen).size).toBe(total);
    }
  });

  it('warns about likely duplicates with reasons', async () => {
    const response = await org.owner.get(
      `${base}/duplicates?name=Margret%20Hamilton&phone=07911123201`,
    );
    const candidates = response.json<{ data: { contact: Contact; reasons: string[] }[] }>().data;
    const reasonsOf = (name: string) => candidates.find((c) => c.contact.name === name)?.reasons;
    expect(reasonsOf('Margaret Hamilton')).toEqual(['similar_name']);
    expect(reasonsOf('Katherine Johnson')).toEqual(['same_phone']);
  });
});

describe('updates, activity, archive and erase', () => {
  it('records each change old → new with the actor', async () => {
    const contact = (await create({ name: 'Ada', email: 'history@example.com' })).json<Contact>();
    const updated = await org.owner.patch(`${base}/${contact.id}`, {
      name: 'Ada Lovelace',
      stage: 'Prospect',
      ownerId: null,
    });
    expect(updated.json()).toMatchObject({
      name: 'Ada Lovelace',
      stage: 'Prospect',
      ownerId: null,
    });
    await org.owner.post(`${base}/${contact.id}/archive`);
    await org.owner.post(`${base}/${contact.id}/restore`);
    const activity = (await org.owner.get(`${base}/${contact.id}/activity`)).json<{
      data: {
        kind: string;
        field?: string;
        from?: unknown;
        to?: unknown;
        actor: { kind: string; id?: string };
      }[];
    }>().data;
    expect(activity.map((a) => a.kind)).toEqual([
      'restored',
      'archived',
      'owner_changed',
      'stage_changed',
      'field_changed',
      'owner_assigned',
      'created',
    ]);
    expect(activity).toContainEqual(
      expect.objectContaining({
        kind: 'field_changed',
        field: 'name',
        from: 'Ada',
        to: 'Ada Lovelace',
        actor: { kind: 'member', id: org.ownerId },
      }),
    );
    expect(activity).toContainEqual(
      expect.objectContaining({ kind: 'stage_changed', from: 'Lead', to: 'Prospect' }),
    );
    expect(activity.at(-1)).toMatchObject({ kind: 'created', to: { source: 'manual' } });
  });

  it('hides archived contacts from the list unless asked', async () => {
    const contact = (await create({ email: 'hidden@example.com' })).json<Contact>();
    await org.owner.post(`${base}/${contact.id}/archive`);
    expect((await org.owner.get(`${base}?q=hidden@example`)).json<Page>().data).toEqual([]);
    expect(
      (await org.owner.get(`${base}?q=hidden@example&archived=true`))
        .json<Page>()
        .data.map((c) => c.id),
    ).toEqual([contact.id]);
  });

  it('erases permanently', async () => {
    const contact = (await create({ email: 'erase@example.com' })).json<Contact>();
    expect((await org.owner.delete(`${base}/${contact.id}`)).statusCode).toBe(204);
    expect((await org.owner.get(`${base}/${contact.id}`)).statusCode).toBe(404);
    expect((await org.owner.get(`${base}/${contact.id}/activity`)).statusCode).toBe(404);
  });
});

describe('who may do what', () => {
  it('a User reads, and changes only stage and status of contacts assigned to them', async () => {
    const user = await addMember(org, t.app, 'user');
    expect((await user.client.get(base)).statusCode).toBe(404);
    await org.owner.put(`/api/v1/agents/${agentId}/access`, { memberIds: [user.id] });

    const mine = (await create({ email: 'mine@example.com', ownerId: user.id })).json<Contact>();
    const theirs = (await create({ email: 'theirs@example.com' })).json<Contact>();
    expect((await user.client.get(base)).statusCode).toBe(200);
    expect((await user.client.patch(`${base}/${mine.id}`, { stage: 'Customer' })).statusCode).toBe(
      200,
    );
    expect((await user.client.patch(`${base}/${mine.id}`, { name: 'Renamed' })).statusCode).toBe(
      403,
    );
    expect(
      (await user.client.patch(`${base}/${theirs.id}`, { stage: 'Customer' })).statusCode,
    ).toBe(403);
    expect((await create({ email: 'by-user@example.com' }, user.client)).statusCode).toBe(403);
    expect((await user.client.post(`${base}/${mine.id}/archive`)).statusCode).toBe(403);
    expect((await user.client.delete(`${base}/${mine.id}`)).statusCode).toBe(403);
    expect(
      (await user.client.post(`/api/v1/agents/${agentId}/fields`, { label: 'X', type: 'text' }))
        .statusCode,
    ).toBe(403);
  });

  it('another organization and another agent can never reach these contacts', async () => {
    const contact = (await create({ email: 'tenant@example.com' })).json<Contact>();
    const signUp = await new Client(t.app).post('/api/v1/auth/sign-up', {
      organizationName: 'Rival Org',
      name: 'Rex Rival',
      email: uniqueEmail('rival'),
      password: PASSWORD,
    });
    const rival = new Client(t.app, sessionCookie(signUp));
    const otherAgent = (await org.owner.post('/api/v1/agents', { name: 'Other agent' })).json<{
      id: string;
    }>().id;
    const paths = [base, `/api/v1/agents/${otherAgent}/contacts`];
    for (const [client, prefix] of [
      [rival, paths[0]],
      [org.owner, paths[1]],
    ] as const) {
      expect((await client.get(`${prefix}/${contact.id}`)).statusCode).toBe(404);
      expect((await client.patch(`${prefix}/${contact.id}`, { name: 'Stolen' })).statusCode).toBe(
        404,
      );
      expect((await client.post(`${prefix}/${contact.id}/archive`)).statusCode).toBe(404);
      expect((await client.get(`${prefix}/${contact.id}/activity`)).statusCode).toBe(404);
      expect((await client.delete(`${prefix}/${contact.id}`)).statusCode).toBe(404);
    }
    expect((await rival.get(base)).statusCode).toBe(404);
    expect((await org.owner.get(`${paths[1]}?q=tenant@example`)).json<Page>().data).toEqual([]);
    expect((await org.owner.get(`${base}/${contact.id}`)).json()).toMatchObject({
      email: 'tenant@example.com',
      name: null,
    });
  });
});

describe('CRM settings', () => {
  it('starts with the default pipeline and renames, adds, reorders and removes stages', async () => {
    const settingsUrl = `/api/v1/agents/${agentId}/crm-settings`;
    const settings = (await org.owner.get(settingsUrl)).json<{
      stages: { id: string; name: string; contactCount: number }[];
      statuses: { name: string }[];
      defaultCountry: string;
      fileSizeLimitMb: number;
    }>();
    expect(settings.stages.map((s) => s.name)).toEqual([
      'Lead',
      'Prospect',
      'Customer',
      'Old Customer',
    ]);
    expect(settings.statuses.map((s) => s.name)).toEqual(['Active', 'Inactive']);
    expect(settings).toMatchObject({ defaultCountry: 'GB', fileSizeLimitMb: 25 });

    const [lead, prospect, customer, old] = settings.stages;
    const won = (await org.owner.post(`${settingsUrl}/stages`, { name: 'Won' })).json<{
      id: string;
    }>();
    expect((await org.owner.post(`${settingsUrl}/stages`, { name: 'won' })).statusCode).toBe(409);
    expect(
      (
        await org.owner.patch(`${settingsUrl}/stages/${old?.id}`, { name: 'Former customer' })
      ).json(),
    ).toMatchObject({ name: 'Former customer' });
    const reordered = await org.owner.put(`${settingsUrl}/stages/order`, {
      ids: [won.id, lead?.id, prospect?.id, customer?.id, old?.id],
    });
    expect(reordered.json<{ data: { name: string }[] }>().data.map((s) => s.name)).toEqual([
      'Won',
      'Lead',
      'Prospect',
      'Customer',
      'Former customer',
    ]);

    const moved = (
      await create({ email: 'moving@example.com', stage: 'Customer' })
    ).json<Contact>();
    expect(
      (await org.owner.delete(`${settingsUrl}/stages/${customer?.id}?moveTo=${customer?.id}`))
        .statusCode,
    ).toBe(400);
    expect(
      (await org.owner.delete(`${settingsUrl}/stages/${customer?.id}?moveTo=${won.id}`)).statusCode,
    ).toBe(204);
    expect((await org.owner.get(`${base}/${moved.id}`)).json()).toMatchObject({ stage: 'Won' });
    expect(
      (await org.owner.patch(settingsUrl, { defaultCountry: 'us', fileSizeLimitMb: 10 })).json(),
    ).toMatchObject({ defaultCountry: 'US', fileSizeLimitMb: 10 });
  });
});

describe('empty filter values', () => {
  it('treats an empty custom-field filter as no filter', async () => {
    const all = (await org.owner.get(`${base}/count`)).json<{ count: number }>();
    expect((await org.owner.get(`${base}/count?field.company=`)).json()).toEqual(all);
  });
});
