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

/**
 * Refuses to start an app with any route that does not say who may call it, or a write route
 * that does not say how it is audited. Checked when the app becomes ready, after every plugin's
 * hooks have had their say (see `publicPluginRoutes`).
 */
export function enforceRouteDeclarations(app: FastifyInstance): void {
  const routes: RouteOptions[] = [];
  app.addHook('onRoute', (route: RouteOptions) => {
    routes.push(route);
  });
  app.addHook('onReady', async () => {
    for (const route of routes) assertDeclared(route);
    return Promise.resolve();
  });
}

function assertDeclared(route: RouteOptions): void {
  const config = route.config;
  const name = `${String(route.method)} ${route.url}`;
  if (!config?.access) throw new Error(`Route ${name} does not declare its access level`);
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  if (methods.some((m) => WRITE_METHODS.has(m)) && config.audit === undefined) {
    throw new Error(`Write route ${name} does not declare its audit action`);
  }
}

/**
 * For plugins that register their own routes (static files, the API reference page): inside the
 * scope this is called on, every route is public and read-only by declaration.
 */
export function publicPluginRoutes(scope: FastifyInstance): void {
  scope.addHook('onRoute', (route: RouteOptions) => {
    route.config = { ...route.config, access: access.public, audit: false };
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
