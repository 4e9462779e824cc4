import {
  MeSchema,
  ProfileBodySchema,
  SessionResponseSchema,
  SetupBodySchema,
  SetupStatusSchema,
  SignInBodySchema,
  UserSchema,
} from '@agent-crm/contracts';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../lib/errors';
import { authRateLimit, publicContext, setCookies } from '../../lib/request';
import { access, memberContext, typed } from '../../lib/route';
import {
  createOrganizationWithOwner,
  getMe,
  isSetUp,
  signIn,
  signOut,
  startSession,
  toUser,
  updateProfile,
} from './auth.service';

export function authRoutes(app: FastifyInstance): void {
  const r = typed(app);

  r.get('/api/v1/setup', {
    config: { access: access.public },
    schema: {
      tags: ['auth'],
      summary: 'Whether first-run setup is done',
      response: { 200: SetupStatusSchema },
    },
    handler: async (request) => {
      const { db, config } = request.server.deps;
      return { isSetUp: await isSetUp(db), allowSignup: config.allowSignup };
    },
  });

  for (const mode of ['setup', 'signup'] as const) {
    r.post(mode === 'setup' ? '/api/v1/setup' : '/api/v1/auth/sign-up', {
      config: {
        access: access.public,
        audit: false,
        rateLimit: { max: authRateLimit, timeWindow: 60_000 },
      },
      schema: {
        tags: ['auth'],
        summary:
          mode === 'setup'
            ? 'First-run setup: create the organization and its Owner'
            : 'Sign up: create a new organization and its Owner (when ALLOW_SIGNUP=true)',
        body: SetupBodySchema,
        response: { 201: SessionResponseSchema },
      },
      handler: async (request, reply) => {
        const ctx = publicContext(request);
        if (mode === 'signup' && !ctx.config.allowSignup) {
          throw new AppError('signup_disabled', 'Sign-up is disabled on this server');
        }
        const { user, organization } = await createOrganizationWithOwner(ctx, request.body, mode);
        setCookies(reply, await startSession(ctx, request.headers, request.body));
        reply.code(201);
        return {
          user: toUser(user),
          organization: { id: organization.id, name: organization.name },
        };
      },
    });
  }

  r.post('/api/v1/auth/sign-in', {
    config: {
      access: access.public,
      audit: false,
      rateLimit: {
        max: (request) => request.server.deps.config.authRateLimitPerIp,
        timeWindow: 60_000,
      },
    },
    schema: {
      tags: ['auth'],
      summary: 'Sign in with email and password',
      body: SignInBodySchema,
      response: { 200: z.object({ user: UserSchema }) },
    },
    handler: async (request, reply) => {
      const { user, setCookie } = await signIn(
        publicContext(request),
        request.headers,
        request.body,
      );
      setCookies(reply, setCookie);
      return { user };
    },
  });

  r.post('/api/v1/auth/sign-out', {
    config: { access: access.member(), audit: false },
    schema: { tags: ['auth'], summary: 'Sign out', response: { 204: z.null() } },
    handler: async (request, reply) => {
      setCookies(reply, await signOut(memberContext(request), request.headers));
      return reply.code(204).send(null);
    },
  });

  r.get('/api/v1/me', {
    config: { access: access.member() },
    schema: { tags: ['auth'], summary: 'The signed-in member', response: { 200: MeSchema } },
    handler: (request) => getMe(memberContext(request)),
  });

  r.patch('/api/v1/me', {
    config: { access: access.member(), audit: { action: 'profile.update', resourceType: 'user' } },
    schema: {
      tags: ['auth'],
      summary: 'Update your profile',
      body: ProfileBodySchema,
      response: { 200: MeSchema },
    },
    handler: (request) => updateProfile(memberContext(request), request.body),
  });
}
