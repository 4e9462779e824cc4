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
