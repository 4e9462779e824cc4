import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Deps, PublicContext } from './context';

declare module 'fastify' {
  interface FastifyInstance {
    deps: Deps;
  }
}

export function publicContext(request: FastifyRequest): PublicContext {
  return {
    ...request.server.deps,
    requestId: request.id,
    ip: request.ip,
    userAgent: request.headers['user-agent'] ?? null,
  };
}

export function setCookies(reply: FastifyReply, cookies: string[]): void {
  if (cookies.length > 0) void reply.header('set-cookie', cookies);
}

/** Per-IP limit, per minute, of each public auth route (sign-in, setup, invitations). */
export function authRateLimit(request: FastifyRequest): number {
  return request.server.deps.config.authRateLimitPerIp;
}
