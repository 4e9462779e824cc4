import fs from 'node:fs/promises';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactFiles } from '../../db/schema';
import {
  APP_URL,
  createTestApp,
  setUpOrganization,
  type Org,
  type TestApp,
} from '../../../test/app';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

function multipart(files: { name: string; type: string; body: Buffer }[]) {
  const boundary = '----agentcrm-test-boundary';
  const parts = files.map((file) =>
    Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      file.body,
      Buffer.from('\r\n'),
    ]),
  );
  return {
    body: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

let t: TestApp;
let org: Org;
let agentId: string;
let base: string;

beforeAll(async () => {
  t = await createTestApp();
  org = await setUpOrganization(t.app);
  agentId = (await org.owner.post('/api/v1/agents', { name: 'Agent' })).json<{ id: string }>().id;
  const contactId = (
    await org.owner.post(`/api/v1/agents/${agentId}/contacts`, { email: 'files@example.com' })
  ).json<{ id: string }>().id;
  base = `/api/v1/agents/${agentId}/contacts/${contactId}/files`;
});
afterAll(() => t.close());

async function upload(files: { name: string; type: string; body: Buffer }[]) {
  const { body, contentType } = multipart(files);
  return t.app.inject({
    method: 'POST',
    url: base,
    payload: body,
    headers: { 'content-type': contentType, cookie: org.owner.cookie ?? '', origin: APP_URL },
  });
}

describe('files', () => {
  it('uploads several at once, sniffs the type from content, and downloads as an attachment', async () => {
    const response = await upload([
      { name: 'scan.txt', type: 'text/plain', body: PNG },
      { name: '../../etc/passwd', type: 'image/png', body: Buffer.from('just text') },
    ]);
    expect(response.statusCode, response.body).toBe(201);
    const files = response.json<{
      data: { id: string; fileName: string; contentType: string; sizeBytes: number }[];
    }>().data;
    expect(files.map((f) => [f.fileName, f.contentType, f.sizeBytes])).toEqual([
      ['scan.txt', 'image/png', PNG.length],
      ['passwd', 'application/octet-stream', 9],
    ]);

    const download = await org.owner.get(`${base}/${files[0]?.id}`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(PNG)).toBe(true);
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename="scan.txt"/);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.headers['content-type']).toBe('image/png');
  });

  it('never serves SVG or HTML as markup', async () => {
    const svg = Buffer.from(
      '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>',
    );
    const response = await upload([{ name: 'evil.svg', type: 'image/svg+xml', body: svg }]);
    const file = response.json<{ data: { id: string }[] }>().data[0];
    const download = await org.owner.get(`${base}/${file?.id}`);
    expect(download.headers['content-type']).not.toMatch(/svg|html|xml/);
    expect(download.headers['content-disposition']).toMatch(/^attachment/);
  });

  it('refuses files over the agent limit with 413 and stores nothing', async () => {
    await org.owner.patch(`/api/v1/agents/${agentId}/crm-settings`, { fileSizeLimitMb: 1 });
    const before = (await org.owner.get(base)).json<{ data: unknown[] }>().data.length;
    const response = await upload([
      { name: 'small.bin', type: 'application/octet-stream', body: Buffer.alloc(10) },
      { name: 'big.bin', type: 'application/octet-stream', body: Buffer.alloc(1024 * 1024 + 1) },
    ]);
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({
      error: { code: 'payload_too_large', message: 'Files can be at most 1 MB' },
    });
    expect((await org.owner.get(base)).json<{ data: unknown[] }>().data).toHaveLength(before);
  });

  it('deletes files and records it', async () => {
    const file = (
      await upload([{ name: 'gone.txt', type: 'text/plain', body: Buffer.from('bye') }])
    ).json<{ data: { id: string }[] }>().data[0];
    expect((await org.owner.delete(`${base}/${file?.id}`)).statusCode).toBe(204);
    expect((await org.owner.get(`${base}/${file?.id}`)).statusCode).toBe(404);
    const activity = (await org.owner.get(base.replace('/files', '/activity'))).json<{
      data: { kind: string }[];
    }>().data;
    expect(activity.map((a) => a.kind)).toContain('file_deleted');
  });

  it('removes the uploaded bytes from storage when the agent is deleted', async () => {
    await upload([{ name: 'kept.txt', type: 'text/plain', body: Buffer.from('left behind?') }]);
    const rows = await t.database.db
      .select({ key: contactFiles.storageKey })
      .from(contactFiles)
      .where(eq(contactFiles.agentId, agentId));
    const onDisk = (key: string) =>
      fs.access(path.join(t.config.dataDir, 'files', key)).then(
        () => true,
        () => false,
      );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(await onDisk(row.key)).toBe(true);
    expect((await org.owner.delete(`/api/v1/agents/${agentId}`)).statusCode).toBe(204);
    for (const row of rows) expect(await onDisk(row.key)).toBe(false);
  });
});
