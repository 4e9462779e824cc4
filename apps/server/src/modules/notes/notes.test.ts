import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addMember,
  createTestApp,
  setUpOrganization,
  type Org,
  type TestApp,
} from '../../../test/app';
import { sanitizeNoteHtml } from './sanitize';

const XSS_PAYLOADS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '<a href="javascript:alert(1)">click</a>',
  '<a href="JaVaScRiPt:alert(1)">click</a>',
  '<a href="&#106;avascript:alert(1)">click</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
  '<iframe src="https://evil.example"></iframe>',
  '<p onclick="alert(1)">hi</p>',
  '<p style="background:url(javascript:alert(1))">hi</p>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<body onload=alert(1)>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  '<form action="javascript:alert(1)"><button>x</button></form>',
  '<input autofocus onfocus=alert(1)>',
  '<details open ontoggle=alert(1)>',
  '<a href="//evil.example">protocol relative</a>',
  '<base href="https://evil.example/">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<link rel=stylesheet href="https://evil.example/x.css">',
  '<style>@import "https://evil.example/x.css";</style>',
  '"><script>alert(1)</script>',
  '<scr<script>ipt>alert(1)</script>',
  '<a href="https://ok.example" onmouseover="alert(1)">ok</a>',
];

describe('note sanitizer', () => {
  it.each(XSS_PAYLOADS)('neutralizes %s', (payload) => {
    const clean = sanitizeNoteHtml(payload);
    expect(clean).not.toMatch(
      /<script|<iframe|<svg|<img|<object|<embed|<form|<input|<style|<link|<meta|<base|<details|<math/i,
    );
    expect(clean).not.toMatch(/\son\w+=/i);
    expect(clean).not.toMatch(/javascript:|data:text|style=/i);
    expect(clean).not.toMatch(/href="\/\//);
  });

  it('keeps what the editor produces', () => {
    const html =
      '<h2>Call</h2><p><strong>Bold</strong> <em>it</em> <u>u</u> <s>s</s></p><ul><li>one</li></ul><ol><li>two</li></ol><blockquote>q</blockquote><pre><code>x</code></pre>';
    expect(sanitizeNoteHtml(html)).toBe(html);
    expect(sanitizeNoteHtml('<a href="https://example.com">site</a>')).toBe(
      '<a href="https://example.com" target="_blank" rel="noopener noreferrer nofollow">site</a>',
    );
  });
});

describe('notes API', () => {
  let t: TestApp;
  let org: Org;
  let base: string;

  beforeAll(async () => {
    t = await createTestApp();
    org = await setUpOrganization(t.app);
    const agentId = (await org.owner.post('/api/v1/agents', { name: 'Agent' })).json<{
      id: string;
    }>().id;
    const contactId = (
      await org.owner.post(`/api/v1/agents/${agentId}/contacts`, { email: 'noted@example.com' })
    ).json<{ id: string }>().id;
    base = `/api/v1/agents/${agentId}/contacts/${contactId}/notes`;
  });
  afterAll(() => t.close());

  it('stores sanitized HTML with author and time, newest first', async () => {
    const created = await org.owner.post(base, {
      html: '<p>Called <strong>twice</strong><script>alert(1)</script></p>',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      html: '<p>Called <strong>twice</strong></p>',
      authorId: org.ownerId,
    });
    await org.owner.post(base, { html: '<p>Second</p>' });
    const list = (await org.owner.get(base)).json<{ data: { html: string }[] }>().data;
    expect(list.map((n) => n.html)).toEqual([
      '<p>Second</p>',
      '<p>Called <strong>twice</strong></p>',
    ]);
  });

  it('refuses notes with nothing left to say', async () => {
    for (const html of ['<p></p>', '<script>alert(1)</script>', '   ']) {
      const response = await org.owner.post(base, { html });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ error: { details: [{ path: 'html' }] } });
    }
  });

  it('lets authors edit their own notes and Admins any, but not Users others', async () => {
    const admin = await addMember(org, t.app, 'admin');
    const user = await addMember(org, t.app, 'user');
    const agentId = base.split('/')[4] ?? '';
    await org.owner.put(`/api/v1/agents/${agentId}/access`, { memberIds: [user.id] });
    const ownerNote = (await org.owner.post(base, { html: '<p>Owner note</p>' })).json<{
      id: string;
    }>();
    const userNote = (await user.client.post(base, { html: '<p>User note</p>' })).json<{
      id: string;
    }>();
    expect(
      (await user.client.patch(`${base}/${ownerNote.id}`, { html: '<p>hijack</p>' })).statusCode,
    ).toBe(403);
    expect((await user.client.delete(`${base}/${ownerNote.id}`)).statusCode).toBe(403);
    expect(
      (await user.client.patch(`${base}/${userNote.id}`, { html: '<p>edited</p>' })).json(),
    ).toMatchObject({ html: '<p>edited</p>' });
    expect((await admin.client.delete(`${base}/${userNote.id}`)).statusCode).toBe(204);
    expect(
      (await admin.client.patch(`${base}/${ownerNote.id}`, { html: '<p>fixed typo</p>' }))
        .statusCode,
    ).toBe(200);
  });
});
