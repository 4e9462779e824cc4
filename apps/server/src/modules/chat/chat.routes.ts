import type { FastifyInstance } from 'fastify';

/** Visitors' chat API (`/public/v1`), the admin's conversations and the widget's files. */
export function chatRoutes(_app: FastifyInstance): void {}
