import type { FastifyInstance } from 'fastify';

/** The per-agent automation rules (`/api/v1/agents/{agentId}/automations`). */
export function automationRoutes(_app: FastifyInstance): void {}
