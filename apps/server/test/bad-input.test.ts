import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, setUpOrganization, type Client, type TestApp } from './app';

/**
 * Every endpoint × bad input → 400 naming the field, never a 500. The caller is the Owner, so
 * only the input decides the answer.
 */
let t: TestApp;
let owner: Client;
let agentId: string;

beforeAll(async () => {
  t = await createTestApp({ ALLOW_SIGNUP: 'true' });
  const org = await setUpOrganization(t.app);
  owner = org.owner;
  agentId = (await owner.post('/api/v1/agents', { name: 'Agent' })).json<{ id: string }>().id;
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
