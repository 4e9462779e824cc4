import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_URL, Client, createTestApp, type TestApp } from '../test/app';
import { access, enforceRouteDeclarations } from './lib/route';

let t: TestApp;
let anonymous: Client;

beforeAll(async () => {
  t = await createTestApp({}, (app) => {
    app.get('/api/v1/test-explodes', { config: { access: access.public } }, () => {
      throw new Error('database password is hunter2');
    });
  });
  anonymous = new Client(t.app);
});
afterAll(() => t.close());

describe('system endpoints', () => {
  it('answers health without auth', async () => {
    const response = await anonymous.get('/api/v1/health');
    expect(response.statusCode).toBe(200);
    expect(response.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
    });
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('serves an OpenAPI 3.1 document generated from the route schemas', async () => {
    const response = await anonymous.get('/api/v1/openapi.json');
    expect(response.statusCode).toBe(200);
    const doc = response.json<{
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    }>();
    expect(doc.openapi).toBe('3.1.0');
    for (const path of [
      '/api/v1/setup',
      '/api/v1/auth/sign-in',
      '/api/v1/auth/sign-up',
      '/api/v1/me',
      '/api/v1/members',
      '/api/v1/invitations',
      '/api/v1/invitations/accept',
      '/api/v1/agents',
      '/api/v1/agents/{agentId}',
      '/api/v1/audit-events',
    ]) {
      expect(doc.paths, path).toHaveProperty([path]);
    }
    const createAgent = doc.paths['/api/v1/agents']?.post as { requestBody?: unknown };
    expect(JSON.stringify(createAgent.requestBody)).toContain('accessMode');
  });

  it('serves the API reference page', async () => {
    const response = await anonymous.get('/api/docs/');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
  });
});

describe('error model', () => {
  it('answers unknown API routes with a 404 JSON error', async () => {
    const response = await anonymous.get('/api/v1/no-such-thing');
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('answers malformed JSON with 400 invalid_json', async () => {
    const response = await anonymous.request('POST', '/api/v1/auth/sign-in', '{"email":', {
      'content-type': 'application/json',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: { code: 'invalid_json' } });
  });

  it('answers a body over the limit with 413', async () => {
    const response = await anonymous.post('/api/v1/auth/sign-in', {
      email: 'a@example.com',
      password: 'x'.repeat(2 * 1024 * 1024),
    });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ error: { code: 'payload_too_large' } });
  });

  it('answers a body that is not JSON with 415', async () => {
    const response = await anonymous.request('POST', '/api/v1/auth/sign-in', 'email=a', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(response.statusCode).toBe(415);
    expect(response.json()).toMatchObject({ error: { code: 'unsupported_media_type' } });
  });

  it('names each invalid field', async () => {
    const response = await anonymous.post('/api/v1/setup', {
      organizationName: 'x',
      name: '',
      email: 'not-an-email',
      password: 'short',
    });
    expect(response.statusCode).toBe(400);
    const body = response.json<{ error: { code: string; details: { path: string }[] } }>();
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.details.map((d) => d.path).sort()).toEqual([
      'email',
      'name',
      'organizationName',
      'password',
    ]);
  });

  it('hides unexpected errors behind a generic 500 with a request id', async () => {
    const response = await anonymous.get('/api/v1/test-explodes');
    expect(response.statusCode).toBe(500);
    const body = response.json<{ error: { code: string; message: string; requestId: string } }>();
    expect(body.error.code).toBe('internal_error');
    expect(body.error.message).not.toContain('hunter2');
    expect(body.error.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses cross-site writes that carry a session cookie', async () => {
    const response = await anonymous.request(
      'POST',
      '/api/v1/agents',
      { name: 'x' },
      { cookie: 'agentcrm.session_token=anything', origin: 'https://evil.example' },
    );
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ error: { code: 'csrf_rejected' } });
    expect(APP_URL).toBe('http://localhost:3000');
  });
});

describe('route declarations', () => {
  it('refuses to register a route without an access level', async () => {
    const app = Fastify();
    enforceRouteDeclarations(app);
    app.get('/api/v1/unguarded', () => 'open');
    await expect(app.ready()).rejects.toThrow(/does not declare its access level/);
  });

  it('refuses to register a write route without an audit action', async () => {
    const app = Fastify();
    enforceRouteDeclarations(app);
    app.post('/api/v1/unaudited', { config: { access: access.member() } }, () => 'x');
    await expect(app.ready()).rejects.toThrow(/does not declare its audit action/);
  });
});
