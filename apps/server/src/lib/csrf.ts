import type { FastifyRequest } from 'fastify';
import { AppError } from './errors';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cookie-authenticated writes must come from our own pages. Browsers send `Origin` on every
 * cross-site write, so a present Origin that is not ours is refused. Requests without Origin
 * (servers, curl) cannot carry a victim's cookie by a browser's hand. Request bodies are JSON only,
 * which a cross-site HTML form cannot send without a CORS preflight we never approve.
 */
export function assertSameOrigin(request: FastifyRequest, trustedOrigins: readonly string[]): void {
  if (SAFE_METHODS.has(request.method)) return;
  const origin = request.headers.origin;
  if (origin === undefined) {
    if (request.headers['sec-fetch-site'] === 'cross-site') {
      throw new AppError('csrf_rejected', 'Cross-site requests are not allowed');
    }
    return;
  }
  const host = request.headers.host;
  const ownOrigins = host ? [`http://${host}`, `https://${host}`] : [];
  if (!trustedOrigins.includes(origin) && !ownOrigins.includes(origin)) {
    throw new AppError('csrf_rejected', 'Cross-site requests are not allowed');
  }
}
