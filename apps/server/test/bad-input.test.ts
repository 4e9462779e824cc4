import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, setUpOrganization, type Client, type TestApp } from './app';

/**
 * Every endpoint × bad input → 400 naming the field, never a 500. The caller is the Owner, so
 * only the input decides the answer.
 */
let t: TestApp;
let owner: Client;
let agentId: string;
let contactId: string;
let fieldId: string;
let stageId: string;

beforeAll(async () => {
  t = await createTestApp({ ALLOW_SIGNUP: 'true' });
  const org = await setUpOrganization(t.app);
  owner = org.owner;
  agentId = (await owner.post('/api/v1/agents', { name: 'Agent' })).json<{ id: string }>().id;
  contactId = (
    await owner.post(`/api/v1/agents/${agentId}/contacts`, { email: 'someone@example.com' })
  ).json<{ id: string }>().id;
  fieldId = (
    await owner.post(`/api/v1/agents/${agentId}/fields`, {
      label: 'Plan',
      type: 'select',
      options: ['A', 'B'],
    })
  ).json<{ id: string }>().id;
  stageId =
    (await owner.get(`/api/v1/agents/${agentId}/crm-settings`)).json<{ stages: { id: string }[] }>()
      .stages[0]?.id ?? '';
});
afterAll(() => t.close());

type Row = [
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  url: string,
  body: unknown,
  paths: string[],
];

const goodPerson = {
  organizationName: 'Org name',
  name: 'A Person',
  email: 'a@example.com',
  password: 'long enough',
};
const token = 'x'.repeat(43);

const rows = (): Row[] => [
  ['POST', '/api/v1/setup', { ...goodPerson, organizationName: 'ab' }, ['organizationName']],
  ['POST', '/api/v1/setup', { ...goodPerson, email: 'nope' }, ['email']],
  ['POST', '/api/v1/auth/sign-up', { ...goodPerson, password: 'short' }, ['password']],
  ['POST', '/api/v1/auth/sign-up', { ...goodPerson, name: 'x'.repeat(102) }, ['name']],
  ['POST', '/api/v1/auth/sign-in', { email: 'x' }, ['email', 'password']],
  ['POST', '/api/v1/auth/sign-in', { email: 'a@example.com', password: '' }, ['password']],
  ['PATCH', '/api/v1/me', { firstName: 42 }, ['firstName']],
  ['PATCH', '/api/v1/me', { image: 'javascript:alert(1)' }, ['image']],
  ['PATCH', '/api/v1/organization', { name: 'ab' }, ['name']],
  ['PATCH', '/api/v1/organization', {}, ['name']],
  ['POST', '/api/v1/organization/transfer-ownership', { memberId: 'nope' }, ['memberId']],
  ['PATCH', '/api/v1/members/not-a-uuid', { role: 'user' }, ['memberId']],
  ['PATCH', `/api/v1/members/${agentId}`, { role: 'owner' }, ['role']],
  ['DELETE', '/api/v1/members/not-a-uuid', undefined, ['memberId']],
  ['POST', '/api/v1/invitations', { email: 'x', role: 'user' }, ['email']],
  ['POST', '/api/v1/invitations', { email: 'b@example.com', role: 'owner' }, ['role']],
  ['POST', '/api/v1/invitations', {}, ['email', 'role']],
  ['POST', '/api/v1/invitations/nope/resend', {}, ['invitationId']],
  ['DELETE', '/api/v1/invitations/nope', undefined, ['invitationId']],
  ['POST', '/api/v1/invitations/preview', { token: 'short' }, ['token']],
  ['POST', '/api/v1/invitations/accept', { token, name: '', password: '1' }, ['name', 'password']],
  ['GET', '/api/v1/audit-events?limit=0', undefined, ['limit']],
  ['GET', '/api/v1/audit-events?cursor=garbage', undefined, ['cursor']],
  ['GET', '/api/v1/audit-events?actorId=me', undefined, ['actorId']],
  ['GET', '/api/v1/outbox?limit=201', undefined, ['limit']],
  ['GET', '/api/v1/outbox/nope', undefined, ['emailId']],
  ['POST', '/api/v1/agents', {}, ['name']],
  ['POST', '/api/v1/agents', { name: 'x'.repeat(101) }, ['name']],
  [
    'POST',
    '/api/v1/agents',
    { name: 'A', visibility: 'secret', accessMode: 'maybe' },
    ['visibility', 'accessMode'],
  ],
  ['POST', '/api/v1/agents', { name: 'A', defaultCountry: 'GBR' }, ['defaultCountry']],
  ['POST', '/api/v1/agents', { name: 'A', aiCapture: { name: 'yes' } }, ['aiCapture.name']],
  [
    'POST',
    '/api/v1/agents',
    { name: 'A', suggestedQuestions: Array(11).fill('Q?') },
    ['suggestedQuestions'],
  ],
  ['GET', '/api/v1/agents?limit=abc', undefined, ['limit']],
  ['GET', '/api/v1/agents?cursor=%00', undefined, ['cursor']],
  ['GET', '/api/v1/agents/nope', undefined, ['agentId']],
  ['PATCH', `/api/v1/agents/${agentId}`, { name: '' }, ['name']],
  ['PATCH', `/api/v1/agents/${agentId}`, { model: 7 }, ['model']],
  ['POST', '/api/v1/agents/nope/duplicate', {}, ['agentId']],
  ['DELETE', '/api/v1/agents/nope', undefined, ['agentId']],
  ['PUT', `/api/v1/agents/${agentId}/access`, { memberIds: ['x'] }, ['memberIds.0']],
  ['PUT', `/api/v1/agents/${agentId}/access`, {}, ['memberIds']],
  // Custom fields
  ['POST', `/api/v1/agents/${agentId}/fields`, {}, ['label', 'type']],
  ['POST', `/api/v1/agents/${agentId}/fields`, { label: 'X', type: 'colour' }, ['type']],
  ['POST', `/api/v1/agents/${agentId}/fields`, { label: 'X', type: 'select' }, ['options']],
  [
    'POST',
    `/api/v1/agents/${agentId}/fields`,
    { label: 'X', type: 'text', options: ['a'] },
    ['options'],
  ],
  [
    'POST',
    `/api/v1/agents/${agentId}/fields`,
    { label: 'X', type: 'select', options: ['a', 'a'] },
    ['options'],
  ],
  [
    'POST',
    `/api/v1/agents/${agentId}/fields`,
    { label: 'X', type: 'text', key: 'Bad Key' },
    ['key'],
  ],
  ['POST', `/api/v1/agents/${agentId}/fields`, { label: 'X', type: 'text', key: 'email' }, ['key']],
  ['PATCH', `/api/v1/agents/${agentId}/fields/${fieldId}`, { key: 'other' }, ['key']],
  ['PATCH', `/api/v1/agents/${agentId}/fields/${fieldId}`, { options: [] }, ['options']],
  ['PATCH', `/api/v1/agents/${agentId}/fields/nope`, { label: 'x' }, ['fieldId']],
  ['PUT', `/api/v1/agents/${agentId}/fields/order`, { fieldIds: [] }, ['fieldIds']],
  ['PUT', `/api/v1/agents/${agentId}/fields/order`, { fieldIds: [agentId] }, ['fieldIds']],
  // CRM settings
  [
    'PATCH',
    `/api/v1/agents/${agentId}/crm-settings`,
    { defaultCountry: 'Britain', fileSizeLimitMb: 0 },
    ['defaultCountry', 'fileSizeLimitMb'],
  ],
  [
    'PATCH',
    `/api/v1/agents/${agentId}/crm-settings`,
    { fileSizeLimitMb: 101 },
    ['fileSizeLimitMb'],
  ],
  ['POST', `/api/v1/agents/${agentId}/crm-settings/stages`, { name: '' }, ['name']],
  ['POST', `/api/v1/agents/${agentId}/crm-settings/phases`, { name: 'x' }, ['kind']],
  [
    'PATCH',
    `/api/v1/agents/${agentId}/crm-settings/stages/${stageId}`,
    { name: 'x'.repeat(51) },
    ['name'],
  ],
  ['DELETE', `/api/v1/agents/${agentId}/crm-settings/stages/${stageId}`, undefined, ['moveTo']],
  [
    'DELETE',
    `/api/v1/agents/${agentId}/crm-settings/stages/${stageId}?moveTo=${stageId}`,
    undefined,
    ['moveTo'],
  ],
  ['PUT', `/api/v1/agents/${agentId}/crm-settings/stages/order`, { ids: [stageId] }, ['ids']],
  // Contacts
  ['POST', `/api/v1/agents/${agentId}/contacts`, { name: 'No identity' }, ['email', 'phone']],
  [
    'POST',
    `/api/v1/agents/${agentId}/contacts`,
    { email: 'nope', phone: 'nope' },
    ['email', 'phone'],
  ],
  [
    'POST',
    `/api/v1/agents/${agentId}/contacts`,
    { email: 'a@b.co', stage: 'Nope', status: 'Nope' },
    ['stage', 'status'],
  ],
  ['POST', `/api/v1/agents/${agentId}/contacts`, { email: 'a@b.co', ownerId: 'me' }, ['ownerId']],
  [
    'POST',
    `/api/v1/agents/${agentId}/contacts`,
    { email: 'a@b.co', ownerId: agentId },
    ['ownerId'],
  ],
  [
    'POST',
    `/api/v1/agents/${agentId}/contacts`,
    { email: 'a@b.co', fields: { plan: 'C' } },
    ['fields.plan'],
  ],
  [
    'POST',
    `/api/v1/agents/${agentId}/contacts`,
    { email: 'a@b.co', name: 'x'.repeat(201) },
    ['name'],
  ],
  [
    'POST',
    `/api/v1/agents/${agentId}/contacts?onDuplicate=maybe`,
    { email: 'a@b.co' },
    ['onDuplicate'],
  ],
  ['GET', `/api/v1/agents/${agentId}/contacts?limit=500`, undefined, ['limit']],
  ['GET', `/api/v1/agents/${agentId}/contacts?sort=shoeSize`, undefined, ['sort']],
  ['GET', `/api/v1/agents/${agentId}/contacts?source=fax`, undefined, ['source']],
  ['GET', `/api/v1/agents/${agentId}/contacts?createdFrom=yesterday`, undefined, ['createdFrom']],
  ['GET', `/api/v1/agents/${agentId}/contacts?ownerId=someone`, undefined, ['ownerId']],
  ['GET', `/api/v1/agents/${agentId}/contacts?cursor=garbage`, undefined, ['cursor']],
  ['GET', `/api/v1/agents/${agentId}/contacts?q=x`, undefined, ['q']],
  ['GET', `/api/v1/agents/${agentId}/contacts/count?field.size=1`, undefined, ['field.size']],
  ['GET', `/api/v1/agents/${agentId}/contacts/duplicates?excludeId=x`, undefined, ['excludeId']],
  ['GET', `/api/v1/agents/${agentId}/contacts/nope`, undefined, ['contactId']],
  [
    'PATCH',
    `/api/v1/agents/${agentId}/contacts/${contactId}`,
    { email: null, phone: null },
    ['email', 'phone'],
  ],
  ['PATCH', `/api/v1/agents/${agentId}/contacts/${contactId}`, { fields: [] }, ['fields']],
  ['POST', `/api/v1/agents/${agentId}/contacts/merge`, { primaryId: contactId }, ['secondaryId']],
  [
    'POST',
    `/api/v1/agents/${agentId}/contacts/bulk`,
    { ids: [contactId], action: {} },
    ['action.type'],
  ],
  ['GET', `/api/v1/agents/${agentId}/contacts/${contactId}/activity?limit=0`, undefined, ['limit']],
  // Notes and files
  ['POST', `/api/v1/agents/${agentId}/contacts/${contactId}/notes`, {}, ['html']],
  [
    'POST',
    `/api/v1/agents/${agentId}/contacts/${contactId}/notes`,
    { html: '<img src=x onerror=alert(1)>' },
    ['html'],
  ],
  [
    'PATCH',
    `/api/v1/agents/${agentId}/contacts/${contactId}/notes/nope`,
    { html: '<p>x</p>' },
    ['noteId'],
  ],
  ['DELETE', `/api/v1/agents/${agentId}/contacts/${contactId}/files/nope`, undefined, ['fileId']],
];

describe('bad input', () => {
  it('answers every row with 400 naming exactly the bad fields', async () => {
    const failures: string[] = [];
    for (const [method, url, body, paths] of rows()) {
      const response = await owner.request(method, url, body);
      const details =
        response.statusCode === 400
          ? response.json<{ error: { details?: { path: string }[] } }>().error.details
          : undefined;
      const got = [...new Set((details ?? []).map((d) => d.path))].sort();
      if (
        response.statusCode !== 400 ||
        JSON.stringify(got) !== JSON.stringify([...paths].sort())
      ) {
        failures.push(
          `${method} ${url} ${JSON.stringify(body)} → ${response.statusCode} ${response.body}`,
        );
      }
    }
    expect(failures).toEqual([]);
  });
});
