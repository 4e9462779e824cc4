import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { inject } from 'vitest';
import { buildApp } from '../src/app';
import { loadConfig, type Config } from '../src/config';
import { connectDatabase, type Database } from '../src/db/client';
import { createTestDatabase } from './database';

export const APP_URL = 'http://localhost:3000';
export const PASSWORD = 'correct horse battery';

export type TestApp = {
  app: FastifyInstance;
  database: Database;
  config: Config;
  close: () => Promise<void>;
};

/** The real app on a database of its own, cloned from the migrated template. */
export async function createTestApp(
  env: Record<string, string> = {},
  beforeReady?: (app: FastifyInstance) => void,
): Promise<TestApp> {
  const testDb = await createTestDatabase(inject('databaseAdminUrl'), inject('templateDatabase'));
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: testDb.url,
    APP_URL,
    LOG_LEVEL: 'silent',
    // Tests sign many people in from one address; the limit itself has its own test.
    AUTH_RATE_LIMIT_PER_IP: '10000',
    DATA_DIR: await fs.mkdtemp(path.join(os.tmpdir(), 'agentcrm-files-')),
    ...env,
  });
  const database = connectDatabase(testDb.url, { max: 5 });
  const app = await buildApp({
    config,
    database,
    authSecret: 'test-secret-that-is-long-enough-to-sign-sessions',
    logger: false,
  });
  beforeReady?.(app);
  await app.ready();
  return {
    app,
    database,
    config,
    close: async () => {
      await app.close();
      await database.close();
      await testDb.drop();
      await fs.rm(config.dataDir, { recursive: true, force: true });
    },
  };
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** A signed-in (or anonymous) caller that speaks JSON, as the admin app does. */
export class Client {
  constructor(
    private readonly app: FastifyInstance,
    readonly cookie?: string,
  ) {}

  request(method: Method, url: string, body?: unknown, headers: Record<string, string> = {}) {
    const options: InjectOptions = {
      method,
      url,
      headers: {
        origin: APP_URL,
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...headers,
      },
      ...(body === undefined ? {} : { payload: body as InjectOptions['payload'] }),
    };
    return this.app.inject(options);
  }

  get(url: string) {
    return this.request('GET', url);
  }
  post(url: string, body?: unknown) {
    return this.request('POST', url, body ?? {});
  }
  patch(url: string, body: unknown) {
    return this.request('PATCH', url, body);
  }
  put(url: string, body: unknown) {
    return this.request('PUT', url, body);
  }
  delete(url: string) {
    return this.request('DELETE', url);
  }
}

export function sessionCookie(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name.endsWith('session_token') && c.value);
  if (!cookie)
    throw new Error(`no session cookie in response ${response.statusCode} ${response.body}`);
  return `${cookie.name}=${cookie.value}`;
}

let counter = 0;
export function uniqueEmail(prefix = 'person'): string {
  counter += 1;
  return `${prefix}.${counter}.${Date.now()}@example.com`;
}

export type Org = {
  owner: Client;
  ownerId: string;
  organizationId: string;
  email: string;
};

/** First-run setup on a fresh database: the organization and its signed-in Owner. */
export async function setUpOrganization(app: FastifyInstance, name = 'Acme Clinic'): Promise<Org> {
  const email = uniqueEmail('owner');
  const response = await new Client(app).post('/api/v1/setup', {
    organizationName: name,
    name: 'Olivia Owner',
    email,
    password: PASSWORD,
  });
  if (response.statusCode !== 201) throw new Error(`setup failed: ${response.body}`);
  const body = response.json<{ user: { id: string }; organization: { id: string } }>();
  return {
    owner: new Client(app, sessionCookie(response)),
    ownerId: body.user.id,
    organizationId: body.organization.id,
    email,
  };
}

/** Invites someone with the role, accepts from the token in the outbox, returns them signed in. */
export async function addMember(
  org: Org,
  app: FastifyInstance,
  role: 'admin' | 'user',
): Promise<{ client: Client; id: string; email: string }> {
  const email = uniqueEmail(role);
  const invited = await org.owner.post('/api/v1/invitations', { email, role });
  if (invited.statusCode !== 201) throw new Error(`invite failed: ${invited.body}`);
  const token = new URL(invited.json<{ acceptUrl: string }>().acceptUrl).searchParams.get('token');
  const accepted = await new Client(app).post('/api/v1/invitations/accept', {
    token,
    name: `Member ${role}`,
    password: PASSWORD,
  });
  if (accepted.statusCode !== 201) throw new Error(`accept failed: ${accepted.body}`);
  return {
    client: new Client(app, sessionCookie(accepted)),
    id: accepted.json<{ user: { id: string } }>().user.id,
    email,
  };
}
