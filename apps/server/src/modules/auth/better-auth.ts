import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import type { Config } from '../../config';
import type { Db } from '../../db/client';
import * as schema from '../../db/schema';
import { newId } from '../../lib/ids';

export const SESSION_COOKIE_PREFIX = 'agentcrm';

/**
 * better-auth owns password hashing, session tokens and the session cookie. Its HTTP handler is
 * not mounted: our own routes call its server API, so every auth path keeps the API contract's
 * shapes, our error model, our rate limits and our audit log.
 */
export function createAuth(options: { db: Db; config: Config; secret: string }) {
  const { config } = options;
  return betterAuth({
    appName: 'Agent CRM',
    baseURL: config.appUrl,
    secret: options.secret,
    database: drizzleAdapter(options.db, {
      provider: 'pg',
      schema: {
        user: schema.users,
        session: schema.sessions,
        account: schema.accounts,
        verification: schema.verifications,
      },
    }),
    emailAndPassword: { enabled: true, minPasswordLength: 8, maxPasswordLength: 128 },
    user: {
      additionalFields: {
        firstName: { type: 'string', required: false, defaultValue: '', input: false },
        lastName: { type: 'string', required: false, defaultValue: '', input: false },
      },
    },
    session: {
      expiresIn: 60 * 60 * 24 * 14,
      updateAge: 60 * 60 * 24,
      // A signed cookie spares the session lookup on most requests. Revocation stays immediate:
      // every request also reads the membership (auth.service.ts), which removal deletes.
      cookieCache: { enabled: true, maxAge: 5 * 60 },
    },
    // Our server checks Origin for every cookie-authenticated write (lib/csrf.ts) and rate-limits
    // sign-in itself, so better-auth's copies of both are off rather than half-applied.
    rateLimit: { enabled: false },
    telemetry: { enabled: false },
    // Failed sign-ins are expected traffic and are audited; only better-auth's own faults are logged.
    logger: { disabled: config.logLevel === 'silent', level: 'error' },
    advanced: {
      cookiePrefix: SESSION_COOKIE_PREFIX,
      useSecureCookies: config.appUrl.startsWith('https://'),
      disableCSRFCheck: true,
      database: { generateId: () => newId() },
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax' },
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;
