import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Client,
  PASSWORD,
  createTestApp,
  sessionCookie,
  setUpOrganization,
  type TestApp,
} from '../../../test/app';

describe('first-run setup and sessions', () => {
  let t: TestApp;
  let anonymous: Client;

  beforeAll(async () => {
    t = await createTestApp({ SIGN_IN_FAILURES_PER_ACCOUNT: '3' });
    anonymous = new Client(t.app);
  });
  afterAll(() => t.close());

  it('reports not set up, then creates the organization and its Owner with a session', async () => {
    expect((await anonymous.get('/api/v1/setup')).json()).toEqual({
      isSetUp: false,
      allowSignup: false,
    });
    const response = await anonymous.post('/api/v1/setup', {
      organizationName: '  Acme Clinic ',
      name: 'Ada King Lovelace',
      email: ' Ada@Example.com ',
      password: PASSWORD,
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      user: {
        email: 'ada@example.com',
        name: 'Ada King Lovelace',
        firstName: 'Ada',
        lastName: 'King Lovelace',
      },
      organization: { name: 'Acme Clinic' },
    });
    const cookie = response.cookies.find((c) => c.name === 'agentcrm.session_token');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });

    const me = await new Client(t.app, sessionCookie(response)).get('/api/v1/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ role: 'owner', user: { email: 'ada@example.com' } });
    expect((await anonymous.get('/api/v1/setup')).json()).toMatchObject({ isSetUp: true });
  });

  it('refuses a second setup with 409 already_set_up', async () => {
    const response = await anonymous.post('/api/v1/setup', {
      organizationName: 'Other Org',
      name: 'Mallory',
      email: 'mallory@example.com',
      password: PASSWORD,
    });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ error: { code: 'already_set_up' } });
  });

  it('refuses sign-up while ALLOW_SIGNUP is off', async () => {
    const response = await anonymous.post('/api/v1/auth/sign-up', {
      organizationName: 'Other Org',
      name: 'Mallory',
      email: 'mallory@example.com',
      password: PASSWORD,
    });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ error: { code: 'signup_disabled' } });
  });

  it('signs in with the right password, case-insensitively by email, and signs out', async () => {
    const response = await anonymous.post('/api/v1/auth/sign-in', {
      email: 'ADA@example.com',
      password: PASSWORD,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ user: { email: 'ada@example.com' } });
    const member = new Client(t.app, sessionCookie(response));
    expect((await member.get('/api/v1/me')).statusCode).toBe(200);

    const out = await member.post('/api/v1/auth/sign-out');
    expect(out.statusCode).toBe(204);
    expect((await member.get('/api/v1/me')).statusCode).toBe(401);
  });

  it('answers a wrong password and an unknown email the same way', async () => {
    for (const body of [
      { email: 'ada@example.com', password: 'wrong password' },
      { email: 'nobody@example.com', password: 'wrong password' },
    ]) {
      const response = await anonymous.post('/api/v1/auth/sign-in', body);
      expect(response.statusCode).toBe(401);
      expect(response.json()).toEqual({
        error: { code: 'invalid_credentials', message: 'Wrong email or password' },
      });
    }
  });

  it('answers 401 unauthenticated without a session', async () => {
    const response = await anonymous.get('/api/v1/me');
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ error: { code: 'unauthenticated' } });
  });

  it('locks an account after repeated failures, even with the right password', async () => {
    const email = 'locked@example.com';
    await setUpSecondOwner(t, email);
    for (let i = 0; i < 3; i++) {
      await anonymous.post('/api/v1/auth/sign-in', { email, password: 'not it' });
    }
    const response = await anonymous.post('/api/v1/auth/sign-in', { email, password: PASSWORD });
    expect(response.statusCode).toBe(429);
    expect(response.json()).toMatchObject({ error: { code: 'rate_limited' } });
    expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('records sign-ins and failures in the audit log', async () => {
    const signIn = await anonymous.post('/api/v1/auth/sign-in', {
      email: 'ada@example.com',
      password: PASSWORD,
    });
    const owner = new Client(t.app, sessionCookie(signIn));
    const events = (await owner.get('/api/v1/audit-events?limit=200')).json<{
      data: { action: string; outcome: string; actor: { email: string | null } }[];
    }>().data;
    const mine = events.filter((e) => e.actor.email === 'ada@example.com');
    expect(mine.some((e) => e.action === 'auth.sign_in' && e.outcome === 'success')).toBe(true);
    expect(mine.some((e) => e.action === 'auth.sign_in' && e.outcome === 'failure')).toBe(true);
    expect(mine.some((e) => e.action === 'auth.sign_out')).toBe(true);
    expect(mine.some((e) => e.action === 'organization.setup')).toBe(true);
  });

  it('updates the profile with first and last name', async () => {
    const signIn = await anonymous.post('/api/v1/auth/sign-in', {
      email: 'ada@example.com',
      password: PASSWORD,
    });
    const owner = new Client(t.app, sessionCookie(signIn));
    const response = await owner.patch('/api/v1/me', { firstName: 'Augusta', lastName: 'Ada' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      user: { firstName: 'Augusta', lastName: 'Ada', name: 'Augusta Ada' },
    });
    const bad = await owner.patch('/api/v1/me', { firstName: '', lastName: 'x'.repeat(51) });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json<{ error: { details: { path: string }[] } }>()
        .error.details.map((d) => d.path)
        .sort(),
    ).toEqual(['firstName', 'lastName']);
  });
});

/** A second organization cannot be made by setup; invite an Admin instead, with a known email. */
async function setUpSecondOwner(t: TestApp, email: string) {
  const signIn = await new Client(t.app).post('/api/v1/auth/sign-in', {
    email: 'ada@example.com',
    password: PASSWORD,
  });
  const owner = new Client(t.app, sessionCookie(signIn));
  const invited = await owner.post('/api/v1/invitations', { email, role: 'admin' });
  const token = new URL(invited.json<{ acceptUrl: string }>().acceptUrl).searchParams.get('token');
  const accepted = await new Client(t.app).post('/api/v1/invitations/accept', {
    token,
    name: 'Lou Locked',
    password: PASSWORD,
  });
  expect(accepted.statusCode).toBe(201);
}

describe('per-IP sign-in rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ AUTH_RATE_LIMIT_PER_IP: '3' });
  });
  afterAll(() => t.close());

  it('answers 429 with Retry-After past the limit', async () => {
    const anonymous = new Client(t.app);
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 4; i++) {
      last = await anonymous.post('/api/v1/auth/sign-in', {
        email: `p${i}@example.com`,
        password: 'whatever1',
      });
      statuses.push(last.statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
    expect(last?.json()).toMatchObject({ error: { code: 'rate_limited' } });
    expect(Number(last?.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('hosted sign-up (ALLOW_SIGNUP=true)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ ALLOW_SIGNUP: 'true' });
  });
  afterAll(() => t.close());

  it('gives every sign-up an isolated organization', async () => {
    const first = await setUpOrganization(t.app, 'First Org');
    const signUp = await new Client(t.app).post('/api/v1/auth/sign-up', {
      organizationName: 'Second Org',
      name: 'Sam Second',
      email: 'sam@example.com',
      password: PASSWORD,
    });
    expect(signUp.statusCode).toBe(201);
    const second = new Client(t.app, sessionCookie(signUp));
    expect((await second.get('/api/v1/me')).json()).toMatchObject({
      role: 'owner',
      organization: { name: 'Second Org' },
    });

    const agent = await first.owner.post('/api/v1/agents', { name: 'First agent' });
    const agentId = agent.json<{ id: string }>().id;
    expect((await second.get(`/api/v1/agents/${agentId}`)).statusCode).toBe(404);
    expect((await second.get('/api/v1/agents')).json()).toEqual({ data: [], nextCursor: null });
    const members = (await second.get('/api/v1/members')).json<{ data: { email: string }[] }>()
      .data;
    expect(members.map((m) => m.email)).toEqual(['sam@example.com']);

    const duplicate = await new Client(t.app).post('/api/v1/auth/sign-up', {
      organizationName: 'Third Org',
      name: 'Sam Again',
      email: 'SAM@example.com',
      password: PASSWORD,
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json()).toMatchObject({
      error: { code: 'email_taken', details: [{ path: 'email' }] },
    });
  });
});
