import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveAuthSecret } from '../../lib/secrets';
import {
  Client,
  PASSWORD,
  addMember,
  createTestApp,
  sessionCookie,
  uniqueEmail,
  setUpOrganization,
  type Org,
  type TestApp,
} from '../../../test/app';
import { createRenderToken } from './render-token';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);

type FormBody = {
  id: string;
  slug: string;
  title: string;
  published: boolean;
  submissionCount: number;
  lastSubmissionAt: string | null;
  fields: { id: string; type: string; label: string; mapTo?: string }[];
};
type PublicBody = {
  id: string;
  fields: { id: string; type: string; label: string; mapTo?: string }[];
  renderToken: string;
};
type ErrorBody = {
  error: { code: string; message: string; details?: { path: string; message: string }[] };
};
type ContactBody = {
  id: string;
  stage: string;
  ownerId: string | null;
  name: string | null;
  email: string | null;
  phone: string | null;
  source: string;
  fields: Record<string, unknown>;
};

let t: TestApp;
let org: Org;
let agentId: string;
let otherAgentId: string;
let visitor: Client;

beforeAll(async () => {
  t = await createTestApp({
    FORM_MIN_FILL_SECONDS: '0',
    FORM_SUBMISSIONS_PER_IP: '10000',
    ALLOW_SIGNUP: 'true',
  });
  org = await setUpOrganization(t.app);
  visitor = new Client(t.app);
  agentId = (await org.owner.post('/api/v1/agents', { name: 'Clinic bot' })).json<{ id: string }>()
    .id;
  otherAgentId = (await org.owner.post('/api/v1/agents', { name: 'Other bot' })).json<{
    id: string;
  }>().id;
  const fields = [
    { label: 'Company', key: 'company', type: 'text' },
    { label: 'Employees', key: 'employees', type: 'number' },
    { label: 'Start date', key: 'start_date', type: 'date' },
    { label: 'Newsletter', key: 'newsletter', type: 'boolean' },
    { label: 'Plan', key: 'plan', type: 'select', options: ['Basic', 'Pro'] },
    { label: 'Interests', key: 'interests', type: 'multi_select', options: ['A', 'B', 'C'] },
    { label: 'Notes', key: 'notes', type: 'long_text' },
  ];
  for (const field of fields) {
    const response = await org.owner.post(`/api/v1/agents/${agentId}/fields`, field);
    expect(response.statusCode, response.body).toBe(201);
  }
});
afterAll(() => t.close());

const base = () => `/api/v1/agents/${agentId}/forms`;

const ALL_FIELDS = [
  { type: 'heading', label: 'About you' },
  { type: 'paragraph', label: 'We answer within a day.' },
  { type: 'short_text', label: 'Your name', required: true, mapTo: 'name' },
  { type: 'email', label: 'Email', mapTo: 'email' },
  { type: 'phone', label: 'Phone', mapTo: 'phone' },
  { type: 'short_text', label: 'Company', mapTo: 'field:company' },
  { type: 'number', label: 'Team size', mapTo: 'field:employees' },
  { type: 'date', label: 'Start', mapTo: 'field:start_date' },
  { type: 'checkbox', label: 'Send me news', mapTo: 'field:newsletter' },
  { type: 'select', label: 'Plan', options: ['Basic', 'Pro'], mapTo: 'field:plan' },
  { type: 'multi_select', label: 'Interests', options: ['A', 'B', 'C'], mapTo: 'field:interests' },
  { type: 'long_text', label: 'Message', mapTo: 'field:notes' },
  { type: 'long_text', label: 'Anything else?' },
  { type: 'file', label: 'Attachment' },
];

async function createForm(body: Record<string, unknown> = {}, client = org.owner, agent = agentId) {
  const response = await client.post(`/api/v1/agents/${agent}/forms`, {
    title: 'Contact us',
    fields: ALL_FIELDS,
    published: true,
    ...body,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<FormBody>();
}

/** Field id by label, from the member's view of the form. */
function ids(form: FormBody): Record<string, string> {
  return Object.fromEntries(form.fields.map((field) => [field.label, field.id]));
}

async function publicForm(slug: string) {
  const response = await visitor.get(`/public/v1/forms/${slug}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<PublicBody>();
}

async function submit(
  slug: string,
  answers: Record<string, unknown>,
  extra: Record<string, unknown> = {},
) {
  const { renderToken } = await publicForm(slug);
  return visitor.post(`/public/v1/forms/${slug}/submissions`, { answers, renderToken, ...extra });
}

async function contactsOf(agent = agentId) {
  return (await org.owner.get(`/api/v1/agents/${agent}/contacts?limit=200`)).json<{
    data: ContactBody[];
  }>().data;
}

function multipart(
  parts: { name: string; value?: string; file?: { name: string; type: string; body: Buffer } }[],
) {
  const boundary = '----agentcrm-form-boundary';
  const chunks = parts.map((part) =>
    part.file
      ? Buffer.concat([
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"; filename="${part.file.name}"\r\nContent-Type: ${part.file.type}\r\n\r\n`,
          ),
          part.file.body,
          Buffer.from('\r\n'),
        ])
      : Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value ?? ''}\r\n`,
        ),
  );
  return {
    payload: Buffer.concat([...chunks, Buffer.from(`--${boundary}--\r\n`)]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

async function postMultipart(
  slug: string,
  parts: Parameters<typeof multipart>[0],
  accept = 'application/json',
) {
  const { renderToken } = await publicForm(slug);
  const { payload, contentType } = multipart([
    { name: 'renderToken', value: renderToken },
    ...parts,
  ]);
  return t.app.inject({
    method: 'POST',
    url: `/public/v1/forms/${slug}/submissions`,
    payload,
    headers: { 'content-type': contentType, accept },
  });
}

function expectFieldError(response: LightMyRequestResponse, path: string, label?: string) {
  expect(response.statusCode, response.body).toBe(400);
  const body = response.json<ErrorBody>();
  const detail = body.error.details?.find((d) => d.path === path);
  expect(detail, response.body).toBeDefined();
  if (label) expect(detail?.message).toContain(label);
}

describe('building forms', () => {
  it('creates a form with every field type, ids, a slug and the public view without mapping', async () => {
    const form = await createForm();
    expect(form.slug).toMatch(/^contact-us-[a-z2-9]{8}$/);
    expect(form.fields).toHaveLength(ALL_FIELDS.length);
    expect(new Set(form.fields.map((f) => f.id)).size).toBe(ALL_FIELDS.length);
    expect(form.fields.find((f) => f.label === 'Email')?.mapTo).toBe('email');

    const pub = await publicForm(form.slug);
    expect(pub.id).toBe(form.id);
    expect(pub.fields.map((f) => f.type)).toEqual(ALL_FIELDS.map((f) => f.type));
    expect(pub.fields.some((f) => 'mapTo' in f)).toBe(false);
    expect(pub.renderToken).toMatch(/^\d+\.[\w-]{43}$/);

    const list = await org.owner.get(base());
    expect(list.statusCode).toBe(200);
    const item = list
      .json<{ data: { id: string; submissionCount: number; published: boolean }[] }>()
      .data.find((f) => f.id === form.id);
    expect(item).toMatchObject({ submissionCount: 0, published: true });
  });

  it.each([
    [{ title: '' }, 'title'],
    [{ fields: [{ type: 'select', label: 'Pick' }] }, 'fields.0.options'],
    [{ fields: [{ type: 'short_text', label: 'X', mapTo: 'field:nope' }] }, 'fields.0.mapTo'],
    [{ fields: [{ type: 'short_text', label: 'X', mapTo: 'email' }] }, 'fields.0.mapTo'],
    [{ fields: [{ type: 'email', label: 'X', mapTo: 'phone' }] }, 'fields.0.mapTo'],
    [{ fields: [{ type: 'short_text', label: 'X', mapTo: 'field:employees' }] }, 'fields.0.mapTo'],
    [{ fields: [{ type: 'heading', label: 'X', mapTo: 'name' }] }, 'fields.0.mapTo'],
    [{ fields: [{ type: 'file', label: 'X', mapTo: 'field:company' }] }, 'fields.0.mapTo'],
    [
      {
        fields: [
          { type: 'email', label: 'A', mapTo: 'email' },
          { type: 'email', label: 'B', mapTo: 'email' },
        ],
      },
      'fields.1.mapTo',
    ],
    [
      { fields: [{ type: 'select', label: 'P', options: ['Gold'], mapTo: 'field:plan' }] },
      'fields.0.options',
    ],
    [{ fields: [{ type: 'rating', label: 'X' }] }, 'fields.0.type'],
  ])('refuses a bad definition %j naming %s', async (body, path) => {
    const response = await org.owner.post(base(), { title: 'Bad', fields: [], ...body });
    expectFieldError(response, path);
  });

  it('lets Users read forms but not build them', async () => {
    const form = await createForm({ title: 'Read only' });
    const user = await addMember(org, t.app, 'user');
    const granted = await org.owner.put(`/api/v1/agents/${agentId}/access`, {
      memberIds: [user.id],
    });
    expect(granted.statusCode, granted.body).toBe(200);
    expect((await user.client.get(`${base()}/${form.id}`)).statusCode).toBe(200);
    expect((await user.client.get(`${base()}/${form.id}/submissions`)).statusCode).toBe(200);
    expect((await user.client.post(base(), { title: 'Mine', fields: [] })).statusCode).toBe(403);
    expect((await user.client.patch(`${base()}/${form.id}`, { title: 'Mine' })).statusCode).toBe(
      403,
    );
    expect((await user.client.delete(`${base()}/${form.id}`)).statusCode).toBe(403);
  });

  it('patches texts and fields, unpublishes (404 for visitors), and duplicates unpublished', async () => {
    const form = await createForm({ title: 'Patch me' });
    const patched = await org.owner.patch(`${base()}/${form.id}`, {
      title: 'Patched',
      submitLabel: 'Send',
      fields: [...form.fields.slice(0, 3), { type: 'short_text', label: 'New one' }],
    });
    expect(patched.statusCode, patched.body).toBe(200);
    const after = patched.json<FormBody & { submitLabel: string }>();
    expect(after.title).toBe('Patched');
    expect(after.submitLabel).toBe('Send');
    expect(after.fields.slice(0, 3).map((f) => f.id)).toEqual(
      form.fields.slice(0, 3).map((f) => f.id),
    );
    expect(after.fields).toHaveLength(4);

    const copy = await org.owner.post(`${base()}/${form.id}/duplicate`);
    expect(copy.statusCode).toBe(201);
    expect(copy.json<FormBody>()).toMatchObject({ title: 'Patched (copy)', published: false });
    expect(copy.json<FormBody>().slug).not.toBe(form.slug);
    expect((await visitor.get(`/public/v1/forms/${copy.json<FormBody>().slug}`)).statusCode).toBe(
      404,
    );

    const { renderToken } = await publicForm(form.slug);
    expect((await org.owner.patch(`${base()}/${form.id}`, { published: false })).statusCode).toBe(
      200,
    );
    expect((await visitor.get(`/public/v1/forms/${form.slug}`)).statusCode).toBe(404);
    const late = await visitor.post(`/public/v1/forms/${form.slug}/submissions`, {
      answers: {},
      renderToken,
    });
    expect(late.statusCode).toBe(404);

    expect((await org.owner.delete(`${base()}/${form.id}`)).statusCode).toBe(204);
    expect((await org.owner.get(`${base()}/${form.id}`)).statusCode).toBe(404);
  });
});

describe('answers', () => {
  let form: FormBody;
  let id: Record<string, string>;
  beforeAll(async () => {
    form = await createForm({ title: 'Validation' });
    id = ids(form);
  });

  it.each([
    ['Your name', undefined, 'is required'],
    ['Your name', 42, 'must be text'],
    ['Your name', 'x'.repeat(1001), 'at most'],
    ['Email', 'not-an-email', 'email'],
    ['Phone', 'call me', 'phone'],
    ['Team size', 'ten', 'number'],
    ['Start', '2024-02-30', 'date'],
    ['Send me news', 'maybe', 'checked'],
    ['Plan', 'Gold', 'one of'],
    ['Interests', ['A', 'Z'], 'chosen from'],
    ['Message', 'x'.repeat(10_001), 'at most'],
    ['Attachment', 'file.png', 'uploaded as a file'],
  ])('%s = %j → 400 naming the field', async (label, value, message) => {
    const answers = Object.fromEntries(
      Object.entries({ [id['Your name'] ?? '']: 'Ann', [id[label] ?? '']: value }).filter(
        ([, v]) => v !== undefined,
      ),
    );
    const response = await submit(form.slug, answers);
    expectFieldError(response, `answers.${id[label] ?? ''}`, label);
    expect(response.json<ErrorBody>().error.details?.[0]?.message).toContain(message);
  });

  it('refuses answers to questions the form does not have, and to static blocks', async () => {
    const unknown = await submit(form.slug, { [id['Your name'] ?? '']: 'Ann', nope: 'x' });
    expectFieldError(unknown, 'answers.nope');
    const heading = await submit(form.slug, {
      [id['Your name'] ?? '']: 'Ann',
      [id['About you'] ?? '']: 'x',
    });
    expectFieldError(heading, `answers.${id['About you'] ?? ''}`);
  });

  it('a required checkbox must be checked', async () => {
    const consent = await createForm({
      title: 'Consent',
      fields: [
        { type: 'email', label: 'Email', mapTo: 'email', required: true },
        { type: 'checkbox', label: 'I agree', required: true },
      ],
    });
    const cid = ids(consent);
    const response = await submit(consent.slug, {
      [cid.Email ?? '']: 'a@example.com',
      [cid['I agree'] ?? '']: false,
    });
    expectFieldError(response, `answers.${cid['I agree'] ?? ''}`, 'I agree');
  });

  it('a value the custom field refuses leaves nothing behind', async () => {
    const strict = await org.owner.post(`/api/v1/agents/${agentId}/fields`, {
      label: 'Website',
      key: 'site',
      type: 'url',
    });
    expect(strict.statusCode).toBe(201);
    const f = await createForm({
      title: 'Strict',
      fields: [
        { type: 'email', label: 'Email', mapTo: 'email' },
        { type: 'short_text', label: 'Site', mapTo: 'field:site' },
      ],
    });
    const fid = ids(f);
    const before = (await contactsOf()).length;
    const response = await submit(f.slug, {
      [fid.Email ?? '']: 'strict@example.com',
      [fid.Site ?? '']: 'not a url',
    });
    expectFieldError(response, `answers.${fid.Site ?? ''}`, 'Site');
    expect((await contactsOf()).length).toBe(before);
    const after = (await org.owner.get(`${base()}/${f.id}`)).json<FormBody>();
    expect(after.submissionCount).toBe(0);
    const subs = await org.owner.get(`${base()}/${f.id}/submissions`);
    expect(subs.json<{ data: unknown[] }>().data).toHaveLength(0);
  });
});

describe('submissions become contacts', () => {
  it('maps answers to name, email, phone and every kind of custom field, via Form', async () => {
    const form = await createForm({ title: 'Mapping' });
    const id = ids(form);
    const response = await submit(form.slug, {
      [id['Your name'] ?? '']: '  Maria Lopez ',
      [id.Email ?? '']: 'Maria@Example.com',
      [id.Phone ?? '']: '+44 20 7946 0958',
      [id.Company ?? '']: 'Lopez Ltd',
      [id['Team size'] ?? '']: '12',
      [id.Start ?? '']: '2025-03-01',
      [id['Send me news'] ?? '']: true,
      [id.Plan ?? '']: 'Pro',
      [id.Interests ?? '']: ['A', 'C'],
      [id.Message ?? '']: 'Hello there',
      [id['Anything else?'] ?? '']: 'Only on the submission',
    });
    expect(response.statusCode, response.body).toBe(201);
    const submissionId = response.json<{ id: string }>().id;

    const contact = (await contactsOf()).find((c) => c.email === 'maria@example.com');
    expect(contact).toMatchObject({
      name: 'Maria Lopez',
      phone: '+442079460958',
      source: 'form',
      fields: {
        company: 'Lopez Ltd',
        employees: 12,
        start_date: '2025-03-01',
        newsletter: true,
        plan: 'Pro',
        interests: ['A', 'C'],
        notes: 'Hello there',
      },
    });
    expect(JSON.stringify(contact?.fields)).not.toContain('Only on the submission');

    const activity = await org.owner.get(
      `/api/v1/agents/${agentId}/contacts/${contact?.id ?? ''}/activity`,
    );
    const entries = activity.json<{
      data: { kind: string; actor: { kind: string; id?: string } }[];
    }>().data;
    expect(entries.find((e) => e.kind === 'created')?.actor).toEqual({ kind: 'form', id: form.id });
    expect(entries.find((e) => e.kind === 'form_submitted')?.actor).toEqual({
      kind: 'form',
      id: form.id,
    });

    const subs = await org.owner.get(`${base()}/${form.id}/submissions`);
    const page = subs.json<{
      data: {
        id: string;
        contactId: string;
        answers: Record<string, unknown>;
        createdAt: string;
      }[];
      nextCursor: string | null;
    }>();
    expect(page.nextCursor).toBeNull();
    expect(page.data).toEqual([
      expect.objectContaining({ id: submissionId, contactId: contact?.id }),
    ]);
    expect(page.data[0]?.answers[id['Anything else?'] ?? '']).toBe('Only on the submission');
    expect(page.data[0]?.answers[id['Team size'] ?? '']).toBe(12);

    const updated = (await org.owner.get(`${base()}/${form.id}`)).json<FormBody>();
    expect(updated.submissionCount).toBe(1);
    expect(updated.lastSubmissionAt).not.toBeNull();

    const tab = await org.owner.get(
      `/api/v1/agents/${agentId}/contacts/${contact?.id ?? ''}/submissions`,
    );
    expect(tab.statusCode).toBe(200);
    const shown = tab.json<{
      data: { id: string; formTitle: string; fields: { label: string }[] }[];
    }>().data;
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatchObject({ id: submissionId, formTitle: 'Mapping' });
    expect(shown[0]?.fields.map((f) => f.label)).toContain('Anything else?');
  });

  it('fills only empty fields of an existing contact, never overwriting what a person entered', async () => {
    const existing = await org.owner.post(`/api/v1/agents/${agentId}/contacts`, {
      name: 'Dr. Jane Human',
      email: 'jane@example.com',
      fields: { company: 'Typed by staff' },
    });
    expect(existing.statusCode, existing.body).toBe(201);
    const contactId = existing.json<{ id: string }>().id;
    const form = await createForm({ title: 'Dedupe' });
    const id = ids(form);
    const response = await submit(form.slug, {
      [id['Your name'] ?? '']: 'jane',
      [id.Email ?? '']: 'JANE@example.com',
      [id.Phone ?? '']: '+14155550123',
      [id.Company ?? '']: 'Form Co',
      [id.Plan ?? '']: 'Basic',
    });
    expect(response.statusCode, response.body).toBe(201);
    const all = (await contactsOf()).filter((c) => c.email === 'jane@example.com');
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({
      id: contactId,
      name: 'Dr. Jane Human',
      phone: '+14155550123',
      source: 'manual',
      fields: { company: 'Typed by staff', plan: 'Basic' },
    });
    const subs = (await org.owner.get(`${base()}/${form.id}/submissions`)).json<{
      data: { contactId: string }[];
    }>();
    expect(subs.data[0]?.contactId).toBe(contactId);
  });

  it('runs the contact-created automations of the Form method', async () => {
    const agent = (await org.owner.post('/api/v1/agents', { name: 'Automated' })).json<{
      id: string;
    }>().id;
    const rules = await org.owner.put(`/api/v1/agents/${agent}/automations`, {
      assignment: {
        manual: { primary: { strategy: 'none' }, secondary: null },
        captured: { primary: { strategy: 'none' }, secondary: null },
        form: { primary: { strategy: 'org_owner' }, secondary: null },
      },
      startingStage: { manual: 'Lead', captured: 'Lead', form: 'Customer' },
    });
    expect(rules.statusCode, rules.body).toBe(200);
    const form = await createForm(
      { title: 'Automated', fields: [{ type: 'email', label: 'Email', mapTo: 'email' }] },
      org.owner,
      agent,
    );
    const response = await submit(form.slug, { [ids(form).Email ?? '']: 'auto@example.com' });
    expect(response.statusCode, response.body).toBe(201);
    const [contact] = await contactsOf(agent);
    expect(contact).toMatchObject({
      email: 'auto@example.com',
      source: 'form',
      stage: 'Customer',
      ownerId: org.ownerId,
    });
  });

  it("links to the email's contact when the phone belongs to another one", async () => {
    const byEmail = await org.owner.post(`/api/v1/agents/${agentId}/contacts`, {
      email: 'split@example.com',
    });
    const byPhone = await org.owner.post(`/api/v1/agents/${agentId}/contacts`, {
      phone: '+14155550199',
    });
    expect([byEmail.statusCode, byPhone.statusCode]).toEqual([201, 201]);
    const form = await createForm({ title: 'Split' });
    const id = ids(form);
    const response = await submit(form.slug, {
      [id['Your name'] ?? '']: 'Sam Split',
      [id.Email ?? '']: 'split@example.com',
      [id.Phone ?? '']: '+1 415 555 0199',
    });
    expect(response.statusCode, response.body).toBe(201);
    const subs = (await org.owner.get(`${base()}/${form.id}/submissions`)).json<{
      data: { contactId: string; answers: Record<string, unknown> }[];
    }>();
    expect(subs.data[0]?.contactId).toBe(byEmail.json<{ id: string }>().id);
    expect(subs.data[0]?.answers[id.Phone ?? '']).toBe('+14155550199');
    const phoneHolder = (await contactsOf()).find((c) => c.phone === '+14155550199');
    expect(phoneHolder?.id).toBe(byPhone.json<{ id: string }>().id);
    expect(phoneHolder?.name).toBeNull();
  });

  it('keeps a submission without email or phone, with no contact', async () => {
    const form = await createForm({
      title: 'Anonymous',
      fields: [{ type: 'long_text', label: 'Feedback', required: true }],
    });
    const before = (await contactsOf()).length;
    const response = await submit(form.slug, { [ids(form).Feedback ?? '']: 'Great service' });
    expect(response.statusCode, response.body).toBe(201);
    expect((await contactsOf()).length).toBe(before);
    const subs = (await org.owner.get(`${base()}/${form.id}/submissions`)).json<{
      data: { contactId: string | null }[];
    }>();
    expect(subs.data).toEqual([expect.objectContaining({ contactId: null })]);
  });

  it('searches submissions and exports CSV with formulas neutralized', async () => {
    const form = await createForm({
      title: 'Export',
      fields: [
        { type: 'email', label: 'Email', mapTo: 'email' },
        { type: 'short_text', label: 'Comment' },
      ],
    });
    const id = ids(form);
    for (const [email, comment] of [
      ['one@example.com', '=HYPERLINK("http://evil")'],
      ['two@example.com', 'plain, with "quotes"'],
      ['three@example.com', '@SUM(A1)'],
    ]) {
      const response = await submit(form.slug, {
        [id.Email ?? '']: email,
        [id.Comment ?? '']: comment,
      });
      expect(response.statusCode, response.body).toBe(201);
    }
    const found = await org.owner.get(`${base()}/${form.id}/submissions?q=QUOTES`);
    expect(found.json<{ data: unknown[] }>().data).toHaveLength(1);
    const paged = await org.owner.get(`${base()}/${form.id}/submissions?limit=2`);
    const first = paged.json<{ data: unknown[]; nextCursor: string | null }>();
    expect(first.data).toHaveLength(2);
    const rest = await org.owner.get(
      `${base()}/${form.id}/submissions?limit=2&cursor=${first.nextCursor ?? ''}`,
    );
    expect(rest.json<{ data: unknown[]; nextCursor: string | null }>()).toMatchObject({
      nextCursor: null,
    });
    expect(rest.json<{ data: unknown[] }>().data).toHaveLength(1);

    const csv = await org.owner.get(`${base()}/${form.id}/submissions.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain('attachment');
    const text = csv.body.replace(/^\ufeff/, '');
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toBe('Submitted at,Contact ID,Email,Comment');
    expect(lines).toHaveLength(4);
    expect(text).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(text).toContain(`'@SUM(A1)`);
    expect(text).not.toMatch(/,=HYPERLINK/);
    expect(text).toContain('"plain, with ""quotes"""');
  });
});

describe('file answers', () => {
  let form: FormBody;
  let id: Record<string, string>;
  beforeAll(async () => {
    form = await createForm({
      title: 'Upload',
      fields: [
        { type: 'email', label: 'Email', mapTo: 'email' },
        { type: 'multi_select', label: 'Topics', options: ['X', 'Y'] },
        { type: 'file', label: 'Scan', required: true },
      ],
    });
    id = ids(form);
  });

  it('stores uploads as the contact files and references them from the answer', async () => {
    const response = await postMultipart(form.slug, [
      { name: id.Email ?? '', value: 'upload@example.com' },
      { name: id.Topics ?? '', value: 'X' },
      { name: id.Topics ?? '', value: 'Y' },
      {
        name: id.Scan ?? '',
        file: { name: 'scan.png', type: 'application/octet-stream', body: PNG },
      },
    ]);
    expect(response.statusCode, response.body).toBe(201);
    const contact = (await contactsOf()).find((c) => c.email === 'upload@example.com');
    expect(contact?.source).toBe('form');
    const files = await org.owner.get(
      `/api/v1/agents/${agentId}/contacts/${contact?.id ?? ''}/files`,
    );
    const list = files.json<{
      data: { id: string; fileName: string; contentType: string; sizeBytes: number }[];
    }>().data;
    expect(list).toEqual([
      expect.objectContaining({
        fileName: 'scan.png',
        contentType: 'image/png',
        sizeBytes: PNG.length,
      }),
    ]);
    const subs = (await org.owner.get(`${base()}/${form.id}/submissions`)).json<{
      data: { answers: Record<string, unknown> }[];
    }>();
    expect(subs.data[0]?.answers[id.Scan ?? '']).toEqual([
      { fileId: list[0]?.id, fileName: 'scan.png', size: PNG.length, contentType: 'image/png' },
    ]);
    expect(subs.data[0]?.answers[id.Topics ?? '']).toEqual(['X', 'Y']);
  });

  it('refuses types outside the allow-list (415 naming the field), whatever the name says', async () => {
    const response = await postMultipart(form.slug, [
      { name: id.Email ?? '', value: 'exe@example.com' },
      { name: id.Scan ?? '', file: { name: 'invoice.pdf', type: 'application/pdf', body: EXE } },
    ]);
    expect(response.statusCode, response.body).toBe(415);
    expect(response.json<ErrorBody>().error.details?.[0]?.path).toBe(`answers.${id.Scan ?? ''}`);
    expect((await contactsOf()).some((c) => c.email === 'exe@example.com')).toBe(false);
  });

  it('accepts plain text by content and extension', async () => {
    const response = await postMultipart(form.slug, [
      { name: id.Email ?? '', value: 'text@example.com' },
      {
        name: id.Scan ?? '',
        file: { name: 'notes.txt', type: 'text/plain', body: Buffer.from('hello\n') },
      },
    ]);
    expect(response.statusCode, response.body).toBe(201);
  });

  it('refuses files over the agent limit with 413 naming the field', async () => {
    const limited = await org.owner.post('/api/v1/agents', { name: 'Small files' });
    const limitedId = limited.json<{ id: string }>().id;
    await org.owner.patch(`/api/v1/agents/${limitedId}/crm-settings`, { fileSizeLimitMb: 1 });
    const small = await createForm(
      {
        title: 'Small',
        fields: [
          { type: 'email', label: 'Email', mapTo: 'email' },
          { type: 'file', label: 'Doc' },
        ],
      },
      org.owner,
      limitedId,
    );
    const sid = ids(small);
    const big = Buffer.concat([PNG, Buffer.alloc(1024 * 1024 + 10)]);
    const response = await postMultipart(small.slug, [
      { name: sid.Email ?? '', value: 'big@example.com' },
      { name: sid.Doc ?? '', file: { name: 'big.png', type: 'image/png', body: big } },
    ]);
    expect(response.statusCode, response.body).toBe(413);
    expect(response.json<ErrorBody>().error.details?.[0]?.path).toBe(`answers.${sid.Doc ?? ''}`);
    expect(await contactsOf(limitedId)).toHaveLength(0);
  });

  it('requires the required file, and refuses files without an email or phone', async () => {
    const missing = await postMultipart(form.slug, [
      { name: id.Email ?? '', value: 'nofile@example.com' },
    ]);
    expectFieldError(missing, `answers.${id.Scan ?? ''}`, 'Scan');
    const anonymous = await postMultipart(form.slug, [
      { name: id.Scan ?? '', file: { name: 'scan.png', type: 'image/png', body: PNG } },
    ]);
    expectFieldError(anonymous, `answers.${id.Scan ?? ''}`);
  });

  it('answers a browser posting without JavaScript with a page', async () => {
    const ok = await postMultipart(
      form.slug,
      [
        { name: id.Email ?? '', value: 'nojs@example.com' },
        { name: id.Scan ?? '', file: { name: 'scan.png', type: 'image/png', body: PNG } },
        {
          name: id.Scan ?? '',
          file: { name: '', type: 'application/octet-stream', body: Buffer.alloc(0) },
        },
      ],
      'text/html,application/xhtml+xml',
    );
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.headers['content-type']).toContain('text/html');
    expect(ok.body).toContain('Thank you!');
    const bad = await postMultipart(
      form.slug,
      [{ name: id.Email ?? '', value: 'nope' }],
      'text/html',
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Email must be an email address');
  });
});

describe('spam guards and limits', () => {
  it('a filled honeypot is answered 201 and nothing is stored', async () => {
    const form = await createForm({ title: 'Honeypot' });
    const id = ids(form);
    const response = await submit(
      form.slug,
      { [id['Your name'] ?? '']: 'Bot', [id.Email ?? '']: 'bot@example.com' },
      { website: 'http://spam.example' },
    );
    expect(response.statusCode).toBe(201);
    expect(response.json<{ id: string }>().id).toMatch(/^[0-9a-f-]{36}$/);
    expect((await contactsOf()).some((c) => c.email === 'bot@example.com')).toBe(false);
    expect((await org.owner.get(`${base()}/${form.id}`)).json<FormBody>().submissionCount).toBe(0);
  });

  it('a missing or forged render token is a 400 naming renderToken', async () => {
    const form = await createForm({ title: 'Tokens' });
    const answers = { [ids(form)['Your name'] ?? '']: 'Ann' };
    const missing = await visitor.post(`/public/v1/forms/${form.slug}/submissions`, { answers });
    expectFieldError(missing, 'renderToken');
    const other = await createForm({ title: 'Other' });
    const { renderToken } = await publicForm(other.slug);
    const wrongForm = await visitor.post(`/public/v1/forms/${form.slug}/submissions`, {
      answers,
      renderToken,
    });
    expectFieldError(wrongForm, 'renderToken');
    const forged = await visitor.post(`/public/v1/forms/${form.slug}/submissions`, {
      answers,
      renderToken: `${String(Date.now() - 10_000)}.${'A'.repeat(43)}`,
    });
    expectFieldError(forged, 'renderToken');
  });

  describe('with the default minimum fill time and small limits', () => {
    let strict: TestApp;
    let owner: Client;
    let slug: string;
    let nameId: string;
    let formId: string;
    beforeAll(async () => {
      strict = await createTestApp({
        FORM_SUBMISSIONS_PER_IP: '3',
        FORM_SUBMISSIONS_PER_FORM: '5',
      });
      const o = await setUpOrganization(strict.app);
      owner = o.owner;
      const agent = (await owner.post('/api/v1/agents', { name: 'A' })).json<{ id: string }>().id;
      const created = await owner.post(`/api/v1/agents/${agent}/forms`, {
        title: 'Strict',
        fields: [{ type: 'short_text', label: 'Name' }],
        published: true,
      });
      const form = created.json<FormBody>();
      slug = form.slug;
      formId = form.id;
      nameId = form.fields[0]?.id ?? '';
    });
    afterAll(() => strict.close());

    const post = (renderToken: string, ip: string) =>
      strict.app.inject({
        method: 'POST',
        url: `/public/v1/forms/${slug}/submissions`,
        payload: { answers: { [nameId]: 'Ann' }, renderToken },
        remoteAddress: ip,
      });

    it('refuses a submission sent faster than a person fills the form; accepts it after 3 s', async () => {
      const fresh = (
        await strict.app.inject({ url: `/public/v1/forms/${slug}` })
      ).json<PublicBody>();
      const tooSoon = await post(fresh.renderToken, '10.0.0.1');
      expectFieldError(tooSoon, 'renderToken');
      expect(tooSoon.json<ErrorBody>().error.message).toContain('faster');
      const secret = await resolveAuthSecret(strict.database.db, undefined);
      const ok = await post(createRenderToken(secret, formId, Date.now() - 4_000), '10.0.0.1');
      expect(ok.statusCode, ok.body).toBe(201);
    });

    it('limits submissions per IP and per form with 429 and Retry-After', async () => {
      const secret = await resolveAuthSecret(strict.database.db, undefined);
      const token = () => createRenderToken(secret, formId, Date.now() - 4_000);
      // 10.0.0.1 used 2 of its 3 in the previous test.
      expect((await post(token(), '10.0.0.1')).statusCode).toBe(201);
      const limited = await post(token(), '10.0.0.1');
      expect(limited.statusCode).toBe(429);
      expect(limited.headers['retry-after']).toBeDefined();
      expect(limited.json<ErrorBody>().error.code).toBe('rate_limited');
      // The form has taken 4 of its 5 (the one refused per IP counted too).
      expect((await post(token(), '10.0.0.2')).statusCode).toBe(201);
      const formLimited = await post(token(), '10.0.0.3');
      expect(formLimited.statusCode).toBe(429);
      expect(formLimited.headers['retry-after']).toBeDefined();
      expect(formLimited.json<ErrorBody>().error.message).toContain('too many answers');
    });
  });
});

describe('hosted page', () => {
  it('renders the form with everything escaped, a honeypot and a token; embeds may be framed', async () => {
    const form = await createForm({
      title: '<script>alert(1)</script> Intake',
      description: 'Say "hi" & <b>bye</b>',
      fields: [
        { type: 'short_text', label: '<img src=x onerror=alert(2)>', required: true },
        { type: 'select', label: 'Pick', options: ['"><script>alert(3)</script>'] },
      ],
    });
    const page = await visitor.get(`/f/${form.slug}`);
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).not.toContain('<script>alert');
    expect(page.body).not.toContain('<img src=x');
    expect(page.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Intake');
    expect(page.body).toContain('name="website"');
    expect(page.body).toMatch(/name="renderToken" value="\d+\.[\w-]{43}"/);
    expect(page.body).toContain(`for="f-${form.fields[0]?.id ?? ''}"`);
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");

    const embed = await visitor.get(`/f/${form.slug}?embed=1`);
    expect(embed.statusCode).toBe(200);
    expect(embed.headers['x-frame-options']).toBeUndefined();
    expect(embed.headers['content-security-policy']).toContain('frame-ancestors *');

    const missing = await visitor.get('/f/no-such-form');
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('Form not found');
    await org.owner.patch(`${base()}/${form.id}`, { published: false });
    expect((await visitor.get(`/f/${form.slug}`)).statusCode).toBe(404);
  });
});

describe('API document', () => {
  it('describes the forms routes in the OpenAPI document', async () => {
    const response = await visitor.get('/api/v1/openapi.json');
    expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
    const doc = response.json<{ paths: Record<string, Record<string, unknown>> }>();
    for (const path of [
      '/public/v1/forms/{slug}',
      '/public/v1/forms/{slug}/submissions',
      '/api/v1/agents/{agentId}/forms',
      '/api/v1/agents/{agentId}/forms/{formId}',
      '/api/v1/agents/{agentId}/forms/{formId}/duplicate',
      '/api/v1/agents/{agentId}/forms/{formId}/submissions',
      '/api/v1/agents/{agentId}/forms/{formId}/submissions.csv',
      '/api/v1/agents/{agentId}/contacts/{contactId}/submissions',
    ]) {
      expect(doc.paths, path).toHaveProperty([path]);
    }
  });
});

describe('tenancy', () => {
  it('another organization or another agent never reaches a form', async () => {
    const form = await createForm({ title: 'Private' });
    const sibling = `/api/v1/agents/${otherAgentId}/forms/${form.id}`;
    expect((await org.owner.get(sibling)).statusCode).toBe(404);
    expect((await org.owner.patch(sibling, { published: false })).statusCode).toBe(404);
    expect((await org.owner.delete(sibling)).statusCode).toBe(404);
    expect((await org.owner.get(`${sibling}/submissions`)).statusCode).toBe(404);
    expect((await org.owner.post(`${sibling}/duplicate`)).statusCode).toBe(404);
    expect(
      (await org.owner.get(`/api/v1/agents/${otherAgentId}/forms`)).json<{ data: unknown[] }>()
        .data,
    ).toHaveLength(0);

    // Another organization on the same server, with an agent of its own.
    const signUp = await visitor.post('/api/v1/auth/sign-up', {
      organizationName: 'Rival Co',
      name: 'Rita Rival',
      email: uniqueEmail('rival'),
      password: PASSWORD,
    });
    expect(signUp.statusCode, signUp.body).toBe(201);
    const rival = new Client(t.app, sessionCookie(signUp));
    const rivalAgent = (await rival.post('/api/v1/agents', { name: 'Rival bot' })).json<{
      id: string;
    }>().id;
    for (const agent of [agentId, rivalAgent]) {
      const path = `/api/v1/agents/${agent}/forms/${form.id}`;
      expect((await rival.get(path)).statusCode).toBe(404);
      expect((await rival.patch(path, { title: 'Mine now' })).statusCode).toBe(404);
      expect((await rival.delete(path)).statusCode).toBe(404);
      expect((await rival.get(`${path}/submissions`)).statusCode).toBe(404);
      expect((await rival.get(`${path}/submissions.csv`)).statusCode).toBe(404);
      expect((await rival.post(`${path}/duplicate`)).statusCode).toBe(404);
    }
    expect((await rival.get(`/api/v1/agents/${agentId}/forms`)).statusCode).toBe(404);
    const contactId = (await contactsOf())[0]?.id ?? '';
    expect(
      (await rival.get(`/api/v1/agents/${agentId}/contacts/${contactId}/submissions`)).statusCode,
    ).toBe(404);
    expect(
      (await org.owner.get(`/api/v1/agents/${otherAgentId}/contacts/${contactId}/submissions`))
        .statusCode,
    ).toBe(404);
    const unchanged = (await org.owner.get(`${base()}/${form.id}`)).json<FormBody>();
    expect(unchanged.title).toBe('Private');
  });
});
