import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, setUpOrganization, type Org, type TestApp } from '../../../test/app';
import { NO_LIMITS, Visitor, addField, createAgent, parseSse } from '../../../test/chat';
import { startFakeLlm, type FakeLlm } from '../../../test/fake-llm';
import { FALLBACK_REPLY } from './chat.service';

type Contact = {
  id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  source: string;
  fields: Record<string, unknown>;
};
type Transcript = {
  data: { id: string; role: string; text: string; status: string; meta: Record<string, unknown> }[];
};

let fake: FakeLlm;
let t: TestApp;
let org: Org;
let agentId: string;

beforeAll(async () => {
  fake = await startFakeLlm();
  t = await createTestApp({
    ...NO_LIMITS,
    LLM_BASE_URL: fake.baseUrl,
    LLM_API_KEY: 'sk-test-key',
    LLM_MODEL: 'test-model',
    LLM_TIMEOUT_MS: '2000',
  });
  org = await setUpOrganization(t.app);
  agentId = await createAgent(org.owner, {
    instructions: 'You are the front desk of Acme Clinic. Call us on 020 7946 0000.',
  });
  await addField(org.owner, agentId, { label: 'Company', type: 'text', allowForAi: true });
  await addField(org.owner, agentId, { label: 'Budget', type: 'number', allowForAi: true });
  await addField(org.owner, agentId, { label: 'Start date', type: 'date', allowForAi: true });
  await addField(org.owner, agentId, {
    label: 'Plan',
    type: 'select',
    options: ['Basic', 'Pro'],
    allowForAi: true,
  });
  await addField(org.owner, agentId, { label: 'Internal score', type: 'number' });
});
afterAll(async () => {
  await t.close();
  await fake.close();
});
beforeEach(() => {
  fake.reset();
});

let address: string | undefined;
/** The app on a real port, for the tests that need a real HTTP stream. */
async function listening(): Promise<string> {
  address ??= await t.app.listen({ port: 0, host: '127.0.0.1' });
  return address;
}

async function contactsWith(q: string): Promise<Contact[]> {
  const response = await org.owner.get(
    `/api/v1/agents/${agentId}/contacts?q=${encodeURIComponent(q)}`,
  );
  expect(response.statusCode).toBe(200);
  return response.json<{ data: Contact[] }>().data;
}

async function transcript(conversationId: string | null): Promise<Transcript['data']> {
  const response = await org.owner.get(
    `/api/v1/agents/${agentId}/conversations/${String(conversationId)}/messages`,
  );
  expect(response.statusCode).toBe(200);
  return response.json<Transcript>().data;
}

function toolCall(args: unknown, text = 'Thanks, noted!') {
  return { kind: 'tool' as const, calls: [{ arguments: JSON.stringify(args) }], chunks: [text] };
}

describe('the model', () => {
  it('gets the instructions, the history and a capture tool built from Allow-for-AI fields', async () => {
    const visitor = new Visitor(t.app);
    await visitor.mustStart(agentId);
    fake.enqueue({ kind: 'text', chunks: ['Hello! ', 'How can I help?'] });
    expect(await visitor.say('Hi there')).toBe('Hello! How can I help?');
    fake.enqueue({ kind: 'text', chunks: ['We open at nine.'] });
    expect(await visitor.say('When do you open?')).toBe('We open at nine.');

    const request = fake.requests.at(-1);
    expect(request?.model).toBe('test-model');
    expect(request?.stream).toBe(true);
    expect(request?.authorization).toBe('Bearer sk-test-key');
    expect(request?.messages[0]?.role).toBe('system');
    expect(request?.messages[0]?.content).toContain('front desk of Acme Clinic');
    expect(request?.messages.slice(1).map((m) => [m.role, m.content])).toEqual([
      ['user', 'Hi there'],
      ['assistant', 'Hello! How can I help?'],
      ['user', 'When do you open?'],
    ]);
    const tool = request?.tools?.[0]?.function;
    expect(tool?.name).toBe('save_contact_details');
    const properties = tool?.parameters.properties as Record<string, { properties?: object }>;
    expect(Object.keys(properties).sort()).toEqual(['email', 'fields', 'name', 'phone']);
    expect(Object.keys(properties.fields?.properties ?? {}).sort()).toEqual([
      'budget',
      'company',
      'plan',
      'start_date',
    ]);
  });

  it('uses the agent’s own model, and leaves out built-ins the agent may not capture', async () => {
    const other = await createAgent(org.owner, {
      model: 'agent-special-model',
      aiCapture: { phone: false },
    });
    const visitor = new Visitor(t.app);
    await visitor.mustStart(other);
    await visitor.say('Hello');
    const request = fake.requests.at(-1);
    expect(request?.model).toBe('agent-special-model');
    const properties = request?.tools?.[0]?.function.parameters.properties as object;
    expect(Object.keys(properties).sort()).toEqual(['email', 'name']);
  });

  it('never shows the instructions to visitors', async () => {
    const response = await new Visitor(t.app).inject('GET', `/public/v1/agents/${agentId}/widget`);
    expect(response.statusCode).toBe(200);
    expect(response.body).not.toContain('front desk');
  });
});

describe('streaming', () => {
  it('streams the reply token by token over server-sent events, then stores it', async () => {
    const address = await listening();
    const visitor = new Visitor(t.app);
    const { conversationId, visitorToken } = await visitor.mustStart(agentId);
    fake.enqueue({ kind: 'text', chunks: ['Hel', 'lo ', 'there', '!'], delayMs: 40 });

    const started = Date.now();
    const response = await fetch(`${address}/public/v1/conversations/${conversationId}/messages`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${visitorToken}`,
        'content-type': 'application/json',
        accept: 'text/event-stream',
        origin: 'https://customer.example',
      },
      body: JSON.stringify({ text: 'Say hello' }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    expect(response.headers.get('cache-control')).toContain('no-cache');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');

    if (!response.body) throw new Error('no body');
    const reader: ReadableStreamDefaultReader<Uint8Array> = response.body.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const arrivals: { at: number; body: string }[] = [];
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const part = decoder.decode(value, { stream: true });
      text += part;
      arrivals.push({ at: Date.now() - started, body: part });
    }
    const events = parseSse(text);
    const deltas = events.filter((e) => e.event === 'delta').map((e) => e.data);
    expect(deltas).toEqual([{ text: 'Hel' }, { text: 'lo ' }, { text: 'there' }, { text: '!' }]);
    const done = events.at(-1);
    expect(done?.event).toBe('done');
    const message = (done?.data as { message: { id: string; role: string; text: string } }).message;
    expect(message).toMatchObject({ role: 'assistant', text: 'Hello there!' });

    // The first chunk reached the visitor well before the last one was produced.
    const firstDelta = arrivals.find((a) => a.body.includes('event: delta'));
    const last = arrivals.at(-1);
    expect(firstDelta && last && last.at - firstDelta.at).toBeGreaterThanOrEqual(80);

    const stored = (await visitor.messages()).json<{ data: { id: string; text: string }[] }>();
    expect(stored.data.map((m) => m.text)).toEqual(['Say hello', 'Hello there!']);
    expect(stored.data[1]?.id).toBe(message.id);
  });

  it('stores the whole reply when the visitor leaves mid-stream', async () => {
    const address = await listening();
    const visitor = new Visitor(t.app);
    const { conversationId, visitorToken } = await visitor.mustStart(agentId);
    fake.enqueue({ kind: 'text', chunks: ['One ', 'two ', 'three ', 'four.'], delayMs: 60 });
    const controller = new AbortController();
    const response = await fetch(`${address}/public/v1/conversations/${conversationId}/messages`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${visitorToken}`,
        'content-type': 'application/json',
        accept: 'text/event-stream',
      },
      body: JSON.stringify({ text: 'Count to four' }),
      signal: controller.signal,
    });
    if (!response.body) throw new Error('no body');
    const reader: ReadableStreamDefaultReader<Uint8Array> = response.body.getReader();
    await reader.read();
    controller.abort();

    let texts: string[] = [];
    for (let attempt = 0; attempt < 40 && texts.length < 2; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      texts = (await visitor.messages())
        .json<{ data: { text: string }[] }>()
        .data.map((m) => m.text);
    }
    expect(texts).toEqual(['Count to four', 'One two three four.']);
  });

  it('answers errors before streaming as plain JSON 4xx', async () => {
    const visitor = new Visitor(t.app);
    await visitor.mustStart(agentId);
    const response = await visitor.send('', visitor.conversationId, {
      accept: 'text/event-stream',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: { details: [{ path: 'text' }] } });
    expect(response.headers['access-control-allow-origin']).toBe('*');
  });
});

describe('capture by tool call', () => {
  it('creates the contact "via Chat" by the agent and links the visitor and conversations', async () => {
    const visitor = new Visitor(t.app);
    const first = await visitor.mustStart(agentId);
    await visitor.say('Hello');
    // A second conversation of the same visitor, before they are known.
    const second = await visitor.start(agentId);
    expect(second.statusCode).toBe(201);
    fake.enqueue(
      toolCall({
        name: 'Sam Lee',
        email: 'Sam.Lee@Example.com',
        fields: { company: 'Lee & Co', budget: 1200, plan: 'Pro', start_date: '2026-03-01' },
      }),
    );
    expect(await visitor.say('Here you go')).toBe('Thanks, noted!');

    const [contact] = await contactsWith('sam.lee@example.com');
    expect(contact).toMatchObject({
      name: 'Sam Lee',
      email: 'sam.lee@example.com',
      source: 'chat',
      fields: { company: 'Lee & Co', budget: 1200, plan: 'Pro', start_date: '2026-03-01' },
    });
    const activity = await org.owner.get(
      `/api/v1/agents/${agentId}/contacts/${String(contact?.id)}/activity`,
    );
    const created = activity
      .json<{ data: { kind: string; actor: { kind: string; id?: string | null } }[] }>()
      .data.find((a) => a.kind === 'created');
    expect(created?.actor).toMatchObject({ kind: 'agent', id: agentId });

    const conversations = await org.owner.get(
      `/api/v1/agents/${agentId}/contacts/${String(contact?.id)}/conversations`,
    );
    expect(
      conversations
        .json<{ data: { id: string }[] }>()
        .data.map((c) => c.id)
        .sort(),
    ).toEqual([first.conversationId, visitor.conversationId].sort());

    const messages = await transcript(visitor.conversationId);
    expect(messages[0]?.meta.captured).toMatchObject({ email: 'sam.lee@example.com' });
  });

  it('asks the model again for the text when it answered with a tool call only', async () => {
    const visitor = new Visitor(t.app);
    await visitor.mustStart(agentId);
    fake.enqueue(
      { kind: 'tool', calls: [{ arguments: '{"phone":"07911 123456","name":"Ola"}' }] },
      { kind: 'text', chunks: ['Thanks Ola, ', 'we will call you.'] },
    );
    expect(await visitor.say('Call me')).toBe('Thanks Ola, we will call you.');
    expect(fake.requests).toHaveLength(2);
    expect(fake.requests[1]?.messages.at(-1)).toMatchObject({ role: 'tool' });
    const [contact] = await contactsWith('Ola');
    expect(contact).toMatchObject({ name: 'Ola', phone: '+447911123456', source: 'chat' });
  });

  it('ignores malformed tool arguments and keeps chatting', async () => {
    const visitor = new Visitor(t.app);
    await visitor.mustStart(agentId);
    fake.enqueue({
      kind: 'tool',
      calls: [{ arguments: '{"email": "broken@exam' }],
      chunks: ['Sure, tell me more.'],
    });
    expect(await visitor.say('hello')).toBe('Sure, tell me more.');
    expect(await contactsWith('broken')).toEqual([]);
    const messages = await transcript(visitor.conversationId);
    expect(messages[1]).toMatchObject({ status: 'complete', meta: { malformedToolCalls: 1 } });
  });

  it('drops invalid values and saves the valid ones', async () => {
    const visitor = new Visitor(t.app);
    await visitor.mustStart(agentId);
    fake.enqueue(
      toolCall({
        name: 'Val Id',
        email: 'not-an-email',
        phone: '07911 123457',
        fields: {
          budget: 'a lot',
          start_date: '2026-13-45',
          plan: 'Platinum',
          company: 'Valid Ltd',
          internal_score: 99,
          unknown_key: 'x',
        },
      }),
    );
    await visitor.say('my details');
    const [contact] = await contactsWith('Val Id');
    expect(contact).toMatchObject({
      name: 'Val Id',
      email: null,
      phone: '+447911123457',
      fields: { company: 'Valid Ltd' },
    });
    expect(Object.keys(contact?.fields ?? {})).toEqual(['company']);
    const messages = await transcript(visitor.conversationId);
    expect(messages[0]?.meta.captured).toEqual({
      name: 'Val Id',
      phone: '+447911123457',
      fields: { company: 'Valid Ltd' },
    });
  });

  it('never takes the business’s own phone number for the visitor’s', async () => {
    const visitor = new Visitor(t.app);
    await visitor.mustStart(agentId);
    fake.enqueue(toolCall({ name: 'Biz Echo', phone: '020 7946 0000' }));
    await visitor.say('what is your number?');
    expect(await contactsWith('Biz Echo')).toEqual([]);
  });

  it('never overwrites values a person entered, and fills the empty ones', async () => {
    const created = await org.owner.post(`/api/v1/agents/${agentId}/contacts`, {
      name: 'Dr. Jane Roe',
      email: 'jane.roe@example.com',
      fields: { company: 'Human Co' },
    });
    expect(created.statusCode).toBe(201);
    const visitor = new Visitor(t.app);
    await visitor.mustStart(agentId);
    fake.enqueue(
      toolCall({
        name: 'Janey',
        email: 'jane.roe@example.com',
        fields: { company: 'Bot Co', budget: 500 },
      }),
    );
    await visitor.say('I am Jane');
    const [contact] = await contactsWith('jane.roe@example.com');
    expect(contact).toMatchObject({
      id: created.json<Contact>().id,
      name: 'Dr. Jane Roe',
      source: 'manual',
      fields: { company: 'Human Co', budget: 500 },
    });
    const people = await org.owner.get(`/api/v1/agents/${agentId}/conversations/people?q=roe`);
    expect(people.json<{ data: { contactId: string; name: string }[] }>().data).toEqual([
      expect.objectContaining({ contactId: contact?.id, name: 'Dr. Jane Roe' }),
    ]);
  });

  it('adds later captures to the linked contact', async () => {
    const visitor = new Visitor(t.app);
    await visitor.mustStart(agentId);
    fake.enqueue(toolCall({ email: 'later@example.com' }));
    await visitor.say('email');
    fake.enqueue(toolCall({ name: 'Lara Later', fields: { plan: 'Basic' } }));
    await visitor.say('name');
    const found = await contactsWith('later@example.com');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ name: 'Lara Later', fields: { plan: 'Basic' } });
  });
});

describe('when the provider fails', () => {
  it('retries once, then sends a polite reply; both messages are stored', async () => {
    const visitor = new Visitor(t.app);
    await visitor.mustStart(agentId);
    fake.enqueue({ kind: 'error', status: 500 }, { kind: 'error', status: 500 });
    expect(await visitor.say('Are you there?')).toBe(FALLBACK_REPLY);
    expect(fake.requests).toHaveLength(2);
    const messages = await transcript(visitor.conversationId);
    expect(messages.map((m) => [m.role, m.text, m.status])).toEqual([
      ['user', 'Are you there?', 'complete'],
      ['assistant', FALLBACK_REPLY, 'failed'],
    ]);
  });

  it('recovers on the retry when the first attempt fails', async () => {
    const visitor = new Visitor(t.app);
    await visitor.mustStart(agentId);
    fake.enqueue({ kind: 'error', status: 503 }, { kind: 'text', chunks: ['Back again.'] });
    expect(await visitor.say('Hello?')).toBe('Back again.');
  });

  it('streams the polite reply and still sends done when the stream stalls', async () => {
    const visitor = new Visitor(t.app);
    await visitor.mustStart(agentId);
    fake.enqueue({ kind: 'stall', chunks: ['Let me check'] });
    const response = await visitor.send('Slow question', visitor.conversationId, {
      accept: 'text/event-stream',
    });
    expect(response.statusCode).toBe(200);
    const events = parseSse(response.body);
    expect(events[0]).toEqual({ event: 'delta', data: { text: 'Let me check' } });
    const done = events.at(-1);
    expect(done?.event).toBe('done');
    const text = `Let me check\n\n${FALLBACK_REPLY}`;
    expect(done?.data).toMatchObject({ message: { role: 'assistant', text } });
    const messages = await transcript(visitor.conversationId);
    expect(messages.map((m) => [m.role, m.status])).toEqual([
      ['user', 'complete'],
      ['assistant', 'failed'],
    ]);
  });

  it('keeps the extractors’ capture even when the model is down', async () => {
    const visitor = new Visitor(t.app);
    await visitor.mustStart(agentId);
    fake.enqueue({ kind: 'error', status: 500 }, { kind: 'error', status: 500 });
    expect(await visitor.say('You can reach me at safety.net@brightmail.io')).toBe(FALLBACK_REPLY);
    expect(await contactsWith('safety.net@brightmail.io')).toHaveLength(1);
  });
});

describe('concurrency', () => {
  it('captures the same person from 20 parallel conversations as one contact', async () => {
    const visitors = Array.from({ length: 20 }, (_, i) => new Visitor(t.app, `198.51.100.${i}`));
    await Promise.all(visitors.map((v) => v.mustStart(agentId)));
    fake.enqueue(
      ...visitors.map(() => toolCall({ name: 'Parallel Pat', email: 'pat@example.com' })),
    );
    const replies = await Promise.all(visitors.map((v) => v.say('I am Pat')));
    expect(replies.every((r) => r === 'Thanks, noted!')).toBe(true);

    const found = await contactsWith('pat@example.com');
    expect(found).toHaveLength(1);
    const people = await org.owner.get(`/api/v1/agents/${agentId}/conversations/people?q=pat`);
    expect(
      people.json<{ data: { contactId: string; conversationCount: number }[] }>().data,
    ).toEqual([expect.objectContaining({ contactId: found[0]?.id, conversationCount: 20 })]);
  });
});
