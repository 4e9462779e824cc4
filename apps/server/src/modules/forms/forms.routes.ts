import type { FastifyInstance } from 'fastify';

/** Members' form builder and submissions (`/api/v1`), the public form API and hosted pages. */
export function formRoutes(_app: FastifyInstance): void {}
