import type { Role } from '@agent-crm/contracts';
import { ROLES } from '@agent-crm/contracts';
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { MemberContext } from './context';
import { AppError } from './errors';

/** Who may call a route. Every route declares one; registering a route without it throws. */
export type Access = { kind: 'public' } | { kind: 'member'; roles: readonly Role[] };

export const access = {
  public: { kind: 'public' } as const satisfies Access,
  member: (...roles: Role[]): Access => ({
    kind: 'member',
    roles: roles.length > 0 ? roles : ROLES,
  }),
};

/**
 * What a successful write is recorded as in the audit log. `false` is for routes that record
 * their own events (sign-in, sign-out) or change nothing.
 */
export type AuditSpec = { action: string; resourceType: string } | false;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    audit?: AuditSpec;
  }
  interface FastifyRequest {
    memberContext?: MemberContext;
    /** Set by handlers whose resource id is neither a path parameter nor the response's `id`. */
    auditResourceId?: string;
  }
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Refuses, at registration, any route that does not say who may call it. */
export function enforceRouteDeclarations(app: FastifyInstance): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    const url = route.url;
    // Routes added by plugins we trust to be public: the OpenAPI document and its reference page.
    if (url.startsWith('/api/docs')) {
      route.config = { ...route.config, access: route.config?.access ?? access.public };
      return;
    }
    const config = route.config;
    if (!config?.access) {
      throw new Error(`Route ${String(route.method)} ${url} does not declare its access level`);
    }
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (methods.some((m) => WRITE_METHODS.has(m)) && config.audit === undefined) {
      throw new Error(
        `Write route ${String(route.method)} ${url} does not declare its audit action`,
      );
    }
  });
}

export function typed(app: FastifyInstance) {
  return app.withTypeProvider<ZodTypeProvider>();
}

/** The member context the access hook attached; only reachable on member routes. */
export function memberContext(request: FastifyRequest): MemberContext {
  const ctx = request.memberContext;
  if (!ctx) throw new AppError('unauthenticated', 'Sign in to continue');
  return ctx;
}
