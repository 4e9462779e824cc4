import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Client,
  createTestApp,
  setUpOrganization,
  type Org,
  type TestApp,
} from '../../../test/app';
import { createAgent } from '../../../test/chat';

/*
 * The widget's two public files: the bundle any site loads with one tag, and the share page.
 * (The routes live with the chat module, which serves them; these tests pin their behaviour.)
 */
const EMBED = fileURLToPath(new URL('../../../../widget/dist/embed.js', import.meta.url));

let t: TestApp;
let org: Org;
let publicAgent: string;
let privateAgent: string;

beforeAll(async () => {
  t = await createTestApp();
  org = await setUpOrganization(t.app);
  publicAgent = await createAgent(org.owner, { name: 'Reception <b>&</b>' });
  privateAgent = await createAgent(org.owner, { name: 'Back office', visibility: 'private' });
});
afterAll(() => t.close());

describe('GET /embed.js', () => {
  it('serves the built bundle to any site, cached for five minutes', async () => {
    const response = await new Client(t.app).request('GET', '/embed.js', undefined, {
      origin: 'https://customer.example',
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/javascript/);
    expect(response.headers['cache-control']).toBe('public, max-age=300');
    expect(response.headers['access-control-allow-origin']).toBe('*');
    expect(response.body).toBe(fs.readFileSync(EMBED, 'utf8'));
    // The IIFE publishes the init/destroy API on window.AgentCRM.
    expect(response.body).toMatch(/var AgentCRM=/);
  });
});

describe('GET /chat/:agentId', () => {
  it('renders the full-page chat for a public agent, with its name escaped', async () => {
    const response = await new Client(t.app).get(`/chat/${publicAgent}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.body).toContain('<title>Reception &lt;b&gt;&amp;&lt;/b&gt;</title>');
    expect(response.body).not.toContain('<b>&</b>');
    expect(response.body).toContain(`src="/embed.js" data-agent-id="${publicAgent}"`);
    expect(response.body).toContain('data-mode="page"');
    expect(response.headers['x-frame-options']).toBe('DENY');
  });

  it("keeps a private agent's name out of the page (the widget says it is private)", async () => {
    const response = await new Client(t.app).get(`/chat/${privateAgent}`);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<title>Chat</title>');
    expect(response.body).not.toContain('Back office');
    const widget = await new Client(t.app).get(`/public/v1/agents/${privateAgent}/widget`);
    expect(widget.statusCode).toBe(403);
    expect(widget.json<{ error: { code: string } }>().error.code).toBe('agent_private');
  });

  it('answers 404 for an unknown agent and 400 naming agentId for a malformed one', async () => {
    const unknown = await new Client(t.app).get('/chat/00000000-0000-4000-8000-000000000000');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json<{ error: { code: string } }>().error.code).toBe('not_found');
    const malformed = await new Client(t.app).get('/chat/not-an-id');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json<{ error: { message: string } }>().error.message).toContain('agentId');
  });
});
