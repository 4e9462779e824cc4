import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, setUpOrganization, type Org, type TestApp } from '../../../test/app';
import { NO_LIMITS, Visitor, addField, createAgent, parseSse } from '../../../test/chat';
import { forgetCapturedDetails } from './chat.repo';

type Contact = {
  id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  source: string;
  ownerId: string | null;
  fields: Record<string, unknown>;
};

let t: TestApp;
let org: Org;
let agentId: string;

beforeAll(async () => {
  // No LLM_BASE_URL / LLM_API_KEY: the rule-based assistant answers.
  t = await createTestApp(NO_LIMITS);
  org = await setUpOrganization(t.app);
  agentId = await createAgent(org.owner, {
    welcomeMessage: 'Welcome to Acme Clinic! Questions? Write to hello@acmeclinic.co.uk.',
    instructions: 'Our phone number is 020 7946 0018.',
  });
  await addField(org.owner, agentId, { label: 'Company', type: 'text', allowForAi: true });
});
afterAll(() => t.close());

async function contactsWith(q: string): Promise<Contact[]> {
  const response = await org.owner.get(
    `/api/v1/agents/${agentId}/contacts?q=${encodeURIComponent(q)}`,
  );
  return response.json<{ data: Contact[] }>().data;
}

describe('the rule-based assistant (no LLM configured)', () => {
  it('greets, asks, and captures a name given before the email into one contact', async () => {
    const visitor = new Visitor(t.app);
    await visitor.mustStart(agentId);
    const greeting = await visitor.say('Hi');
    expect(greeting).toContain('Welcome to Acme Clinic');

    const afterName = await visitor.say('My name is Sam Rivers');
    expect(afterName).toContain('Sam');
    // A name alone makes no contact: it waits in the message until an email or phone comes.
    expect(await contactsWith('Sam Rivers')).toEqual([]);

    await visitor.say('sure, it is sam.rivers@brightmail.io');
    const [contact] = await contactsWith('sam.rivers@brightmail.io');
    expect(contact).toMatchObject({
      name: 'Sam Rivers',
      email: 'sam.rivers@brightmail.io',
      source: 'chat',
    });
    // The contact-created automations ran: with no rule set, the organization owner gets it.
    expect(contact?.ownerId).toBe(org.ownerId);
    const activity = await org.owner.get(
      `/api/v1/agents/${agentId}/contacts/${String(contact?.id)}/activity`,
    );
    expect(
      activity
        .json<{ data: { kind: string; actor: { kind: string } }[] }>()
        .data.find((a) => a.kind === 'created')?.actor.kind,
    ).toBe('agent');

    const transcript = await org.owner.get(
      `/api/v1/agents/${agentId}/conversations/${String(visitor.conversationId)}/messages`,
    );
    const messages = transcript.json<{
      data: { role: string; meta: { captured?: object; assistant?: string } }[];
    }>().data;
    expect(messages).toHaveLength(6);
    expect(messages[2]?.meta.captured).toMatchObject({ name: 'Sam Rivers' });
    expect(messages[5]?.meta.assistant).toBe('rule-based');
  });

  it('never captures the business’s own email or phone, nor an invalid number', async () => {
    const visitor = new Visitor(t.app);
    await visitor.mustStart(agentId);
    await visitor.say('Is hello@acmeclinic.co.uk the right address? Or 020 7946 0018?');
    await visitor.say('my number is 123');
    expect(await contactsWith('acmeclinic')).toEqual([]);
    const transcript = await org.owner.get(
      `/api/v1/agents/${agentId}/conversations/${String(visitor.conversationId)}/messages`,
    );
    for (const message of transcript.json<{ data: { meta: { captured?: unknown } }[] }>().data) {
      expect(message.meta.captured).toBeUndefined();
    }
  });

  it('streams its reply as the same server-sent events', async () => {
    const visitor = new Visitor(t.app);
    await visitor.mustStart(agentId);
    const response = await visitor.send('Hello', visitor.conversationId, {
      accept: 'text/event-stream',
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/event-stream');
    const events = parseSse(response.body);
    const deltas = events.filter((e) => e.event === 'delta');
    expect(deltas.length).toBeGreaterThan(1);
    const done = events.at(-1);
    expect(done?.event).toBe('done');
    const text = deltas.map((e) => (e.data as { text: string }).text).join('');
    expect(done?.data).toMatchObject({ message: { role: 'assistant', text } });
  });

  it('captures a phone in the agent’s default country and links later conversations', async () => {
    const visitor = new Visitor(t.app);
    await visitor.mustStart(agentId);
    await visitor.say('I am Priya Shah, call me on 07911 123999');
    const [contact] = await contactsWith('Priya');
    expect(contact).toMatchObject({ phone: '+447911123999', source: 'chat' });
    // The same visitor, back later: the new conversation belongs to the contact from the start.
    await visitor.mustStart(agentId);
    await visitor.say('Hello again');
    const conversations = await org.owner.get(
      `/api/v1/agents/${agentId}/contacts/${String(contact?.id)}/conversations`,
    );
    expect(conversations.json<{ data: unknown[] }>().data).toHaveLength(2);
  });
});

describe('erasing a captured contact', () => {
  it('forgets what the messages captured, so the next message does not bring the contact back', async () => {
    const visitor = new Visitor(t.app);
    await visitor.mustStart(agentId);
    await visitor.say('I am Erin Erased, erin.erased@brightmail.io');
    const [contact] = await contactsWith('erin.erased@brightmail.io');
    expect(contact).toBeDefined();
    const scope = { organizationId: org.organizationId, agentId };
    await forgetCapturedDetails(t.database.db, scope, String(contact?.id));
    expect(
      (await org.owner.delete(`/api/v1/agents/${agentId}/contacts/${String(contact?.id)}`))
        .statusCode,
    ).toBe(204);
    await visitor.say('Thanks, bye');
    expect(await contactsWith('erin.erased@brightmail.io')).toEqual([]);
  });
});
