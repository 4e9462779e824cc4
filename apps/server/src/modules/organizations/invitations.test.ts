import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Client,
  PASSWORD,
  createTestApp,
  sessionCookie,
  setUpOrganization,
  uniqueEmail,
  type Org,
  type TestApp,
} from '../../../test/app';

let t: TestApp;
let org: Org;
let anonymous: Client;

beforeAll(async () => {
  t = await createTestApp({ ALLOW_SIGNUP: 'true' });
  org = await setUpOrganization(t.app);
  anonymous = new Client(t.app);
});
afterAll(() => t.close());

function tokenOf(acceptUrl: string): string {
  const token = new URL(acceptUrl).searchParams.get('token');
  if (!token) throw new Error('no token');
  return token;
}

describe('invitations', () => {
  it('mails the link to the outbox, previews, accepts once, and the member signs in', async () => {
    const email = uniqueEmail('invitee');
    const created = await org.owner.post('/api/v1/invitations', {
      email: email.toUpperCase(),
      role: 'user',
    });
    expect(created.statusCode).toBe(201);
    const invitation = created.json<{
      id: string;
      email: string;
      role: string;
      acceptUrl: string;
    }>();
    expect(invitation).toMatchObject({ email, role: 'user' });
    expect(invitation.acceptUrl).toMatch(/^http:\/\/localhost:3000\/accept-invitation\?token=/);

    const outbox = (await org.owner.get('/api/v1/outbox')).json<{
      data: { to: string; text: string; status: string }[];
    }>();
    const mail = outbox.data.find((m) => m.to === email);
    expect(mail?.status).toBe('outbox');
    expect(mail?.text).toContain(invitation.acceptUrl);

    const listed = (await org.owner.get('/api/v1/invitations')).json<{
      data: { email: string }[];
    }>();
    expect(listed.data.map((i) => i.email)).toContain(email);

    const token = tokenOf(invitation.acceptUrl);
    const preview = await anonymous.post('/api/v1/invitations/preview', { token });
    expect(preview.json()).toMatchObject({
      email,
      role: 'user',
      organization: { id: org.organizationId },
    });

    const accepted = await anonymous.post('/api/v1/invitations/accept', {
      token,
      name: 'Ivy Invitee',
      password: PASSWORD,
    });
    expect(accepted.statusCode).toBe(201);
    const member = new Client(t.app, sessionCookie(accepted));
    expect((await member.get('/api/v1/me')).json()).toMatchObject({
      role: 'user',
      organization: { id: org.organizationId },
    });

    const again = await anonymous.post('/api/v1/invitations/accept', {
      token,
      name: 'Ivy Again',
      password: PASSWORD,
    });
    expect(again.statusCode).toBe(404);
    expect((await anonymous.post('/api/v1/invitations/preview', { token })).statusCode).toBe(404);

    const signIn = await anonymous.post('/api/v1/auth/sign-in', { email, password: PASSWORD });
    expect(signIn.statusCode).toBe(200);

    const members = (await org.owner.get('/api/v1/members')).json<{
      data: { email: string; role: string }[];
    }>();
    expect(members.data).toContainEqual(expect.objectContaining({ email, role: 'user' }));
  });

  it('refuses inviting an existing member with 409 naming the email', async () => {
    const response = await org.owner.post('/api/v1/invitations', {
      email: org.email,
      role: 'admin',
    });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({
      error: { code: 'conflict', details: [{ path: 'email' }] },
    });
  });

  it('re-inviting replaces the pending link; revoked links stop working', async () => {
    const email = uniqueEmail('twice');
    const first = (await org.owner.post('/api/v1/invitations', { email, role: 'user' })).json<{
      id: string;
      acceptUrl: string;
    }>();
    const second = (await org.owner.post('/api/v1/invitations', { email, role: 'user' })).json<{
      id: string;
      acceptUrl: string;
    }>();
    expect(
      (await anonymous.post('/api/v1/invitations/preview', { token: tokenOf(first.acceptUrl) }))
        .statusCode,
    ).toBe(404);
    expect(
      (await anonymous.post('/api/v1/invitations/preview', { token: tokenOf(second.acceptUrl) }))
        .statusCode,
    ).toBe(200);

    const resent = await org.owner.post(`/api/v1/invitations/${second.id}/resend`);
    expect(resent.statusCode).toBe(201);
    const third = resent.json<{ id: string; acceptUrl: string }>();
    expect(
      (await anonymous.post('/api/v1/invitations/preview', { token: tokenOf(second.acceptUrl) }))
        .statusCode,
    ).toBe(404);

    expect((await org.owner.delete(`/api/v1/invitations/${third.id}`)).statusCode).toBe(204);
    const accept = await anonymous.post('/api/v1/invitations/accept', {
      token: tokenOf(third.acceptUrl),
      name: 'Too Late',
      password: PASSWORD,
    });
    expect(accept.statusCode).toBe(404);
    expect(accept.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('a removed member can be invited back with a new password', async () => {
    const email = uniqueEmail('returning');
    const invite = async () =>
      tokenOf(
        (await org.owner.post('/api/v1/invitations', { email, role: 'user' })).json<{
          acceptUrl: string;
        }>().acceptUrl,
      );
    const accepted = await anonymous.post('/api/v1/invitations/accept', {
      token: await invite(),
      name: 'Rita Return',
      password: PASSWORD,
    });
    const id = accepted.json<{ user: { id: string } }>().user.id;
    expect((await org.owner.delete(`/api/v1/members/${id}`)).statusCode).toBe(204);
    expect(
      (await anonymous.post('/api/v1/auth/sign-in', { email, password: PASSWORD })).statusCode,
    ).toBe(401);

    const back = await anonymous.post('/api/v1/invitations/accept', {
      token: await invite(),
      name: 'Rita Back',
      password: 'a brand new password',
    });
    expect(back.statusCode).toBe(201);
    expect(back.json()).toMatchObject({ user: { id, name: 'Rita Back' } });
    expect(
      (await anonymous.post('/api/v1/auth/sign-in', { email, password: 'a brand new password' }))
        .statusCode,
    ).toBe(200);
  });

  it('another organization never sees, revokes or resends these invitations', async () => {
    const signUp = await anonymous.post('/api/v1/auth/sign-up', {
      organizationName: 'Rival Org',
      name: 'Rex Rival',
      email: uniqueEmail('rival'),
      password: PASSWORD,
    });
    const rival = new Client(t.app, sessionCookie(signUp));
    const email = uniqueEmail('private');
    const created = (await org.owner.post('/api/v1/invitations', { email, role: 'user' })).json<{
      id: string;
    }>();

    const listed = (await rival.get('/api/v1/invitations')).json<{ data: { email: string }[] }>();
    expect(listed.data.map((i) => i.email)).not.toContain(email);
    const outbox = (await rival.get('/api/v1/outbox')).json<{ data: { to: string }[] }>();
    expect(outbox.data.map((m) => m.to)).not.toContain(email);
    expect((await rival.delete(`/api/v1/invitations/${created.id}`)).statusCode).toBe(404);
    expect((await rival.post(`/api/v1/invitations/${created.id}/resend`)).statusCode).toBe(404);
    const audit = (await rival.get('/api/v1/audit-events?limit=200')).json<{
      data: { resourceId: string | null }[];
    }>();
    expect(audit.data.map((e) => e.resourceId)).not.toContain(created.id);
    // The owner's list still has it: the rival's attempts changed nothing.
    const mine = (await org.owner.get('/api/v1/invitations')).json<{ data: { id: string }[] }>();
    expect(mine.data.map((i) => i.id)).toContain(created.id);
  });
});
