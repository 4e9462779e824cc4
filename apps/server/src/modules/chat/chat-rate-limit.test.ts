import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, setUpOrganization, type TestApp } from '../../../test/app';
import { Visitor, createAgent } from '../../../test/chat';

let t: TestApp;
let agentId: string;

beforeAll(async () => {
  t = await createTestApp({
    CHAT_MESSAGES_PER_VISITOR: '3',
    CHAT_MESSAGES_PER_IP: '5',
    CHAT_STARTS_PER_IP: '3',
  });
  const org = await setUpOrganization(t.app);
  agentId = await createAgent(org.owner);
});
afterAll(() => t.close());

function expectLimited(response: { statusCode: number; headers: Record<string, unknown> }) {
  expect(response.statusCode).toBe(429);
  expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
}

describe('rate limits', () => {
  it('limits messages per visitor, then per IP, with Retry-After', async () => {
    const a = new Visitor(t.app, '192.0.2.10');
    const b = new Visitor(t.app, '192.0.2.10');
    await a.mustStart(agentId);
    await b.mustStart(agentId);
    for (let i = 0; i < 3; i += 1) expect((await a.send(`a${String(i)}`)).statusCode).toBe(200);
    const limited = await a.send('one too many');
    expectLimited(limited);
    expect(limited.json()).toMatchObject({ error: { code: 'rate_limited' } });
    expect(limited.headers['access-control-allow-origin']).toBe('*');
    // The refused message was not stored.
    expect((await a.messages()).json<{ data: unknown[] }>().data).toHaveLength(6);

    // Another visitor on the same address shares the address's allowance (5 a minute).
    expect((await b.send('b0')).statusCode).toBe(200);
    expect((await b.send('b1')).statusCode).toBe(200);
    expectLimited(await b.send('b2'));

    // Someone elsewhere is not affected.
    const c = new Visitor(t.app, '192.0.2.99');
    await c.mustStart(agentId);
    expect((await c.send('hello')).statusCode).toBe(200);
  });

  it('limits conversation starts per IP', async () => {
    const ip = '192.0.2.20';
    for (let i = 0; i < 3; i += 1) {
      expect((await new Visitor(t.app, ip).start(agentId)).statusCode).toBe(201);
    }
    expectLimited(await new Visitor(t.app, ip).start(agentId));
  });
});
