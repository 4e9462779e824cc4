import { AutomationSettingsSchema, IdSchema } from '@agent-crm/contracts';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { access, memberContext, typed } from '../../lib/route';
import { getAutomations, putAutomations } from './automations.service';

const base = '/api/v1/agents/:agentId/automations';
const AgentParams = z.object({ agentId: IdSchema });
const tags = ['automations'];

/** The per-agent "contact created" rules: owner assignment and starting stage per method. */
export function automationRoutes(app: FastifyInstance): void {
  const r = typed(app);

  r.get(base, {
    config: { access: access.member() },
    schema: {
      tags,
      summary: 'The owner-assignment and starting-stage rules for new contacts',
      params: AgentParams,
      response: { 200: AutomationSettingsSchema },
    },
    handler: (request) => getAutomations(memberContext(request), request.params.agentId),
  });

  r.put(base, {
    config: {
      access: access.member('owner', 'admin'),
      audit: { action: 'automations.update', resourceType: 'agent' },
    },
    schema: {
      tags,
      summary:
        'Replace the rules (form, import, api and payment follow `captured` unless given their own)',
      params: AgentParams,
      body: AutomationSettingsSchema,
      response: { 200: AutomationSettingsSchema },
    },
    handler: (request) =>
      putAutomations(memberContext(request), request.params.agentId, request.body),
  });
}
