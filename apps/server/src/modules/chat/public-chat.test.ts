import {
  ChatMessageListSchema,
  ConversationStartedSchema,
  MessageReplySchema,
  WidgetAgentSchema,
} from '@agent-crm/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import { NO_LIMITS, Visitor, createAgent } from '../../../test/chat';
import { hashVisitorToken } from './chat.service';

let t: TestApp;
let org: Org;
let agentId: string;

beforeAll(async () => {
  t = await createTestApp({ ...NO_LIMITS, ALLOW_SIGNUP: 'true' });
  org = await setUpOrganization(t.app);
  agentId = await createAgent(org.owner, {
    welcomeMessage: 'Welcome to Acme!',
    suggestedQuestions: ['Opening hours?'],
    instructions: 'SECRET INSTRUCTIONS',
  });
});
afterAll(() => t.close());

function errorOf(response: { json: () => unknown }) {
  return (response.json() as { error: { code: string; details?: { path: string }[] } }).error;
}

describe('contract shapes', () => {
  it('answers the widget, start, send and list endpoints in the agreed shapes', async () => {
    const visitor = new Visitor(t.app);
    const widget = await visitor.inject('GET', `/public/v1/agents/${agentId}/widget`);
    expect(widget.statusCode).toBe(200);
    expect(WidgetAgentSchema.strict().parse(widget.json())).toEqual({
      id: agentId,
      name: 'Clinic helper',
      welcomeMessage: 'Welcome to Acme!',
      suggestedQuestions: ['Opening hours?'],
      accessMode: 'free',
    });
    expect(widget.body).not.toContain('SECRET');

    const started = await visitor.start(agentId);
    expect(started.statusCode).toBe(201);
    const body = ConversationStartedSchema.strict().parse(started.json());
    expect(Buffer.from(body.visitorToken, 'base64url')).toHaveLength(32);

    const sent = await visitor.send('  Hello there  ');
    expect(sent.statusCode).toBe(200);
    const reply = MessageReplySchema.strict().parse(sent.json());
    expect(reply.message.role).toBe('assistant');
    expect(reply.message.text.length).toBeGreaterThan(0);

    const list = await visitor.messages();
    expect(list.statusCode).toBe(200);
    const messages = ChatMessageListSchema.parse(list.json()).data;
    expect(messages.map((m) => [m.role, m.text, m.feedback])).toEqual([
      ['user', 'Hello there', null],
      ['assistant', reply.message.text, null],
    ]);
    expect(Object.keys(messages[0] ?? {}).sort()).toEqual([
      'createdAt',
      'feedback',
      'id',
      'role',
      'text',
    ]);
  });

  it('stores only the SHA-256 of the visitor token', async () => {
    const visitor = new Visitor(t.app);
    const { visitorToken } = await visitor.mustStart(agentId);
    const { rows } = await t.database.pool.query<{ token_hash: string }>(
      'SELECT token_hash FROM visitors WHERE token_hash = $1 OR token_hash = $2',
      [hashVisitorToken(visitorToken), visitorToken],
    );
    expect(rows).toEqual([{ token_hash: hashVisitorToken(visitorToken) }]);
  });

  it('continues as the same visitor with their token', async () => {
    const visitor = new Visitor(t.app);
    const first = await visitor.mustStart(agentId);
    const second = await visitor.mustStart(agentId);
    expect(second.visitorToken).toBe(first.visitorToken);
    expect(second.conversationId).not.toBe(first.conversationId);
    const conversations = await org.owner.get(`/api/v1/agents/${agentId}/conversations?limit=2`);
    const [a, b] = conversations.json<{ data: { visitorId: string; channel: string }[] }>().data;
    expect(a?.visitorId).toBe(b?.visitorId);
    expect(a?.channel).toBe('widget');
  });

  it('records the share page channel', async () => {
    const visitor = new Visitor(t.app);
    await visitor.start(agentId, { channel: 'share' });
    await visitor.say('hi');
    const list = await org.owner.get(`/api/v1/agents/${agentId}/conversations?limit=1`);
    expect(list.json<{ data: { channel: string }[] }>().data[0]?.channel).toBe('share');
  });

  it('takes likes and dislikes on assistant messages only', async () => {
    const visitor = new Visitor(t.app);
    await visitor.mustStart(agentId);
    await visitor.say('hello');
    const [user, assistant] = (await visitor.messages()).json<{ data: { id: string }[] }>().data;
    const url = (id: string | undefined) =>
      `/public/v1/conversations/${String(visitor.conversationId)}/messages/${String(id)}/feedback`;
    expect((await visitor.inject('PUT', url(assistant?.id), { feedback: 'like' })).statusCode).toBe(
      204,
    );
    expect(
      (await visitor.messages()).json<{ data: { feedback: string | null }[] }>().data[1]?.feedback,
    ).toBe('like');
    expect((await visitor.inject('PUT', url(assistant?.id), { feedback: null })).statusCode).toBe(
      204,
    );
    expect((await visitor.inject('PUT', url(user?.id), { feedback: 'like' })).statusCode).toBe(404);
  });

  it('answers CORS preflights and puts the CORS header on answers, errors included', async () => {
    const visitor = new Visitor(t.app);
    const preflight = await visitor.inject(
      'OPTIONS',
      '/public/v1/conversations/00000000-0000-4000-8000-000000000000/messages',
      undefined,
      { 'access-control-request-method': 'POST' },
    );
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('*');
    expect(String(preflight.headers['access-control-allow-headers'])).toContain('authorization');
    expect(preflight.headers['access-control-allow-credentials']).toBeUndefined();
    const missing = await visitor.inject('GET', `/public/v1/agents/${crypto.randomUUID()}/widget`);
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['access-control-allow-origin']).toBe('*');
  });
});

describe('access modes', () => {
  it('refuses visitors of a private agent (403 agent_private)', async () => {
    const privateAgent = await createAgent(org.owner, { visibility: 'private' });
    const visitor = new Visitor(t.app);
    const widget = await visitor.inject('GET', `/public/v1/agents/${privateAgent}/widget`);
    expect([widget.statusCode, errorOf(widget).code]).toEqual([403, 'agent_private']);
    const started = await visitor.start(privateAgent);
    expect([started.statusCode, errorOf(started).code]).toEqual([403, 'agent_private']);
  });

  it.each([
    ['restricted', 401, 'sign_in_required'],
    ['paid', 402, 'payment_required'],
  ])('answers a %s agent with %i %s', async (accessMode, status, code) => {
    const gated = await createAgent(org.owner, { accessMode });
    const visitor = new Visitor(t.app);
    const widget = await visitor.inject('GET', `/public/v1/agents/${gated}/widget`);
    expect(widget.json()).toMatchObject({ accessMode });
    const started = await visitor.start(gated);
    expect([started.statusCode, errorOf(started).code]).toEqual([status, code]);
  });

  it('stops a conversation when its agent turns private', async () => {
    const agent = await createAgent(org.owner);
    const visitor = new Visitor(t.app);
    await visitor.mustStart(agent);
    expect((await visitor.send('hi')).statusCode).toBe(200);
    await org.owner.patch(`/api/v1/agents/${agent}`, { visibility: 'private' });
    const refused = await visitor.send('still there?');
    expect([refused.statusCode, errorOf(refused).code]).toEqual([403, 'agent_private']);
  });

  it('lets members chat with a private agent in the playground', async () => {
    const privateAgent = await createAgent(org.owner, {
      visibility: 'private',
      accessMode: 'paid',
    });
    const started = await org.owner.post(`/api/v1/agents/${privateAgent}/playground/conversations`);
    expect(started.statusCode).toBe(201);
    const visitor = new Visitor(t.app);
    visitor.token = started.json<{ visitorToken: string }>().visitorToken;
    visitor.conversationId = started.json<{ conversationId: string }>().conversationId;
    expect((await visitor.send('Testing my agent')).statusCode).toBe(200);
    expect((await visitor.messages()).json<{ data: unknown[] }>().data).toHaveLength(2);
    const list = await org.owner.get(`/api/v1/agents/${privateAgent}/conversations`);
    expect(list.json<{ data: { channel: string }[] }>().data[0]?.channel).toBe('playground');
  });
});

describe('bad input', () => {
  const zeroId = '00000000-0000-4000-8000-000000000000';
  it.each([
    ['empty text', () => ({ text: '' }), 'text'],
    ['blank text', () => ({ text: '   \n ' }), 'text'],
    ['too long text', () => ({ text: 'x'.repeat(4001) }), 'text'],
    ['missing text', () => ({}), 'text'],
    ['text not a string', () => ({ text: 42 }), 'text'],
  ])('refuses %s with 400 naming the field', async (_name, body, path) => {
    const visitor = new Visitor(t.app);
    await visitor.mustStart(agentId);
    const response = await visitor.inject(
      'POST',
      `/public/v1/conversations/${String(visitor.conversationId)}/messages`,
      body(),
    );
    expect(response.statusCode).toBe(400);
    expect(errorOf(response).details?.map((d) => d.path)).toContain(path);
    // Nothing was stored for a refused message.
    expect((await visitor.messages()).json<{ data: unknown[] }>().data).toEqual([]);
  });

  it('takes exactly 4,000 characters', async () => {
    const visitor = new Visitor(t.app);
    await visitor.mustStart(agentId);
    expect((await visitor.send('y'.repeat(4000))).statusCode).toBe(200);
  });

  it.each([
    ['POST', '/public/v1/agents/not-a-uuid/conversations', undefined, 'agentId'],
    ['GET', '/public/v1/agents/not-a-uuid/widget', undefined, 'agentId'],
    ['POST', '/public/v1/conversations/nope/messages', { text: 'hi' }, 'conversationId'],
    ['GET', '/public/v1/conversations/nope/messages', undefined, 'conversationId'],
    ['GET', `/public/v1/conversations/${zeroId}/messages?limit=0`, undefined, 'limit'],
    [
      'PUT',
      `/public/v1/conversations/${zeroId}/messages/bad/feedback`,
      { feedback: 'like' },
      'messageId',
    ],
    [
      'PUT',
      `/public/v1/conversations/${zeroId}/messages/${zeroId}/feedback`,
      { feedback: 'love' },
      'feedback',
    ],
  ] as const)('%s %s → 400 naming %s', async (method, url, body, path) => {
    const visitor = new Visitor(t.app);
    await visitor.mustStart(agentId);
    const response = await visitor.inject(method, url, body);
    expect(response.statusCode).toBe(400);
    expect(errorOf(response).details?.map((d) => d.path)).toContain(path);
  });

  it('refuses an unknown channel naming it', async () => {
    const response = await new Visitor(t.app).start(agentId, { channel: 'email' });
    expect(response.statusCode).toBe(400);
    expect(errorOf(response).details?.map((d) => d.path)).toContain('channel');
  });

  it('answers an unknown agent with 404', async () => {
    const response = await new Visitor(t.app).start(crypto.randomUUID());
    expect(response.statusCode).toBe(404);
  });

  it('needs the visitor token (401 without it, or with a token that is not one)', async () => {
    const visitor = new Visitor(t.app);
    await visitor.mustStart(agentId);
    const id = String(visitor.conversationId);
    visitor.token = null;
    expect((await visitor.send('hi', id)).statusCode).toBe(401);
    visitor.token = 'short';
    expect((await visitor.messages(id)).statusCode).toBe(401);
  });
});

describe('tenancy', () => {
  it('never lets a token read or write another conversation (404)', async () => {
    const other = await setUpOtherOrganization();
    const otherAgent = await createAgent(other.owner);
    const stranger = new Visitor(t.app);
    await stranger.mustStart(otherAgent);
    await stranger.say('my secret conversation');

    const visitor = new Visitor(t.app);
    await visitor.mustStart(agentId);
    const sameAgentOther = new Visitor(t.app);
    await sameAgentOther.mustStart(agentId);
    await sameAgentOther.say('hello');
    const [, theirReply] = (await sameAgentOther.messages()).json<{ data: { id: string }[] }>()
      .data;

    for (const conversationId of [stranger.conversationId, sameAgentOther.conversationId]) {
      expect((await visitor.messages(conversationId)).statusCode).toBe(404);
      expect((await visitor.send('let me in', conversationId)).statusCode).toBe(404);
    }
    const feedback = await visitor.inject(
      'PUT',
      `/public/v1/conversations/${String(visitor.conversationId)}/messages/${String(theirReply?.id)}/feedback`,
      { feedback: 'dislike' },
    );
    expect(feedback.statusCode).toBe(404);
    expect((await stranger.messages()).json<{ data: unknown[] }>().data).toHaveLength(2);
  });

  it('refuses a token of another agent when starting a conversation (401)', async () => {
    const agentB = await createAgent(org.owner, { name: 'Other agent' });
    const visitor = new Visitor(t.app);
    await visitor.mustStart(agentId);
    const response = await visitor.start(agentB);
    expect([response.statusCode, errorOf(response).code]).toEqual([401, 'unauthenticated']);
    visitor.token = 'A'.repeat(43);
    expect((await visitor.start(agentId)).statusCode).toBe(401);
  });

  it('hides the conversations from members of another organization and unassigned Users', async () => {
    const visitor = new Visitor(t.app);
    await visitor.mustStart(agentId);
    await visitor.say('hello');
    const other = await setUpOtherOrganization();
    const user = await addMember(org, t.app, 'user');
    const contact = await org.owner.post(`/api/v1/agents/${agentId}/contacts`, {
      email: 'tenancy@example.com',
    });
    const contactId = contact.json<{ id: string }>().id;
    const base = `/api/v1/agents/${agentId}`;
    for (const client of [other.owner, user.client]) {
      for (const url of [
        `${base}/conversations/people`,
        `${base}/conversations`,
        `${base}/conversations/${String(visitor.conversationId)}/messages`,
        `${base}/contacts/${contactId}/conversations`,
      ]) {
        expect((await client.get(url)).statusCode, url).toBe(404);
      }
      expect((await client.post(`${base}/playground/conversations`)).statusCode).toBe(404);
    }
    // Another agent of the same organization does not see this agent's conversation either.
    const agentB = await createAgent(org.owner, { name: 'Agent B' });
    const transcript = await org.owner.get(
      `/api/v1/agents/${agentB}/conversations/${String(visitor.conversationId)}/messages`,
    );
    expect(transcript.statusCode).toBe(404);
    const contactViaB = await org.owner.get(
      `/api/v1/agents/${agentB}/contacts/${contactId}/conversations`,
    );
    expect(contactViaB.statusCode).toBe(404);
  });
});

let otherOrg: Org | undefined;
async function setUpOtherOrganization(): Promise<Org> {
  if (otherOrg) return otherOrg;
  const response = await new Client(t.app).post('/api/v1/auth/sign-up', {
    organizationName: 'Other Org',
    name: 'Oscar Other',
    email: uniqueEmail('other'),
    password: PASSWORD,
  });
  if (response.statusCode !== 201) throw new Error(`sign-up: ${response.body}`);
  const body = response.json<{ user: { id: string }; organization: { id: string } }>();
  otherOrg = {
    owner: new Client(t.app, sessionCookie(response)),
    ownerId: body.user.id,
    organizationId: body.organization.id,
    email: '',
  };
  return otherOrg;
}

describe('member conversation views', () => {
  it('lists people newest first, anonymous or by contact, with search and pages', async () => {
    const agent = await createAgent(org.owner, { name: 'People agent' });
    const anonymous = new Visitor(t.app);
    await anonymous.mustStart(agent);
    await anonymous.say('just browsing');
    // An empty conversation is not a person in the history.
    await new Visitor(t.app).mustStart(agent);
    const known = new Visitor(t.app);
    await known.mustStart(agent);
    await known.say('hello');
    const contact = await org.owner.post(`/api/v1/agents/${agent}/contacts`, {
      name: 'Kim Known',
      email: 'kim@example.com',
    });
    const contactId = contact.json<{ id: string }>().id;
    await t.database.pool.query('UPDATE visitors SET contact_id = $1 WHERE token_hash = $2', [
      contactId,
      hashVisitorToken(String(known.token)),
    ]);
    await t.database.pool.query('UPDATE conversations SET contact_id = $1 WHERE id = $2', [
      contactId,
      known.conversationId,
    ]);

    const base = `/api/v1/agents/${agent}/conversations/people`;
    const all = await org.owner.get(base);
    expect(all.statusCode).toBe(200);
    const rows = all.json<{ data: Record<string, unknown>[]; nextCursor: string | null }>();
    expect(rows.data).toEqual([
      expect.objectContaining({
        key: `contact:${contactId}`,
        contactId,
        visitorId: null,
        name: 'Kim Known',
        email: 'kim@example.com',
        conversationCount: 1,
      }),
      expect.objectContaining({ contactId: null, name: 'Anonymous', email: null }),
    ]);

    const first = await org.owner.get(`${base}?limit=1`);
    const page1 = first.json<{ data: { key: string }[]; nextCursor: string }>();
    expect(page1.data).toHaveLength(1);
    const page2 = (await org.owner.get(`${base}?limit=1&cursor=${page1.nextCursor}`)).json<{
      data: { key: string }[];
      nextCursor: string | null;
    }>();
    expect(page2.data.map((p) => p.key)).not.toContain(page1.data[0]?.key);
    expect(page2.nextCursor).toBeNull();

    const searched = await org.owner.get(`${base}?q=kim`);
    expect(searched.json<{ data: unknown[] }>().data).toHaveLength(1);
    expect((await org.owner.get(`${base}?cursor=garbage`)).statusCode).toBe(400);

    const byVisitor = await org.owner.get(
      `/api/v1/agents/${agent}/conversations?visitorId=${String(rows.data[1]?.visitorId)}`,
    );
    expect(byVisitor.json<{ data: { id: string }[] }>().data.map((c) => c.id)).toEqual([
      anonymous.conversationId,
    ]);
    const messages = await org.owner.get(
      `/api/v1/agents/${agent}/conversations/${String(anonymous.conversationId)}/messages`,
    );
    expect(messages.json<{ data: { role: string; meta: object }[] }>().data).toEqual([
      expect.objectContaining({ role: 'user', meta: {} }),
      expect.objectContaining({ role: 'assistant', status: 'complete' }),
    ]);
  });
});

describe('share page and API document', () => {
  it('serves the full-page share link with the widget in page mode', async () => {
    const visitor = new Visitor(t.app);
    const page = await visitor.inject('GET', `/chat/${agentId}`);
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('<title>Clinic helper</title>');
    expect(page.body).toContain(`src="/embed.js" data-agent-id="${agentId}" data-mode="page"`);
    expect(page.body).not.toContain('SECRET');

    const privateAgent = await createAgent(org.owner, {
      name: 'Hidden <b>name</b>',
      visibility: 'private',
    });
    const privatePage = await visitor.inject('GET', `/chat/${privateAgent}`);
    expect(privatePage.statusCode).toBe(200);
    expect(privatePage.body).not.toContain('Hidden');
    expect((await visitor.inject('GET', `/chat/${crypto.randomUUID()}`)).statusCode).toBe(404);
  });

  it('documents the chat API in the OpenAPI document', async () => {
    const document = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json<{
      paths: Record<string, Record<string, unknown>>;
    }>();
    for (const [path, method] of [
      ['/public/v1/agents/{agentId}/widget', 'get'],
      ['/public/v1/agents/{agentId}/conversations', 'post'],
      ['/public/v1/conversations/{conversationId}/messages', 'post'],
      ['/public/v1/conversations/{conversationId}/messages', 'get'],
      ['/public/v1/conversations/{conversationId}/messages/{messageId}/feedback', 'put'],
      ['/api/v1/agents/{agentId}/conversations/people', 'get'],
      ['/api/v1/agents/{agentId}/conversations', 'get'],
      ['/api/v1/agents/{agentId}/conversations/{conversationId}/messages', 'get'],
      ['/api/v1/agents/{agentId}/contacts/{contactId}/conversations', 'get'],
      ['/api/v1/agents/{agentId}/playground/conversations', 'post'],
    ] as const) {
      expect(document.paths[path]?.[method], `${method} ${path}`).toBeDefined();
    }
  });
});
