import {
  AgentAccessSchema,
  AgentCreateSchema,
  AgentPatchSchema,
  AgentSchema,
  IdSchema,
  PageQuerySchema,
  pageOf,
} from '@agent-crm/contracts';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { access, memberContext, typed } from '../../lib/route';
import {
  createAgent,
  deleteAgent,
  duplicateAgent,
  getAgent,
  getAgentAccess,
  listAgents,
  setAgentAccess,
  updateAgent,
} from './agents.service';

const AgentParams = z.object({ agentId: IdSchema });
const managers = access.member('owner', 'admin');
const tags = ['agents'];

export function agentRoutes(app: FastifyInstance): void {
  const r = typed(app);

  r.get('/api/v1/agents', {
    config: { access: access.member() },
    schema: {
      tags,
      summary: 'Agents you can work in',
      querystring: PageQuerySchema,
      response: { 200: pageOf(AgentSchema) },
    },
    handler: (request) => listAgents(memberContext(request), request.query),
  });

  r.post('/api/v1/agents', {
    config: { access: managers, audit: { action: 'agent.create', resourceType: 'agent' } },
    schema: {
      tags,
      summary: 'Create an agent',
      body: AgentCreateSchema,
      response: { 201: AgentSchema },
    },
    handler: async (request, reply) => {
      reply.code(201);
      return createAgent(memberContext(request), request.body);
    },
  });

  r.get('/api/v1/agents/:agentId', {
    config: { access: access.member() },
    schema: { tags, summary: 'One agent', params: AgentParams, response: { 200: AgentSchema } },
    handler: (request) => getAgent(memberContext(request), request.params.agentId),
  });

  r.patch('/api/v1/agents/:agentId', {
    config: { access: managers, audit: { action: 'agent.update', resourceType: 'agent' } },
    schema: {
      tags,
      summary: 'Update an agent',
      params: AgentParams,
      body: AgentPatchSchema,
      response: { 200: AgentSchema },
    },
    handler: (request) => updateAgent(memberContext(request), request.params.agentId, request.body),
  });

  r.delete('/api/v1/agents/:agentId', {
    config: { access: managers, audit: { action: 'agent.delete', resourceType: 'agent' } },
    schema: {
      tags,
      summary: 'Delete an agent and everything in its CRM',
      params: AgentParams,
      response: { 204: z.null() },
    },
    handler: async (request, reply) => {
      await deleteAgent(memberContext(request), request.params.agentId);
      return reply.code(204).send(null);
    },
  });

  r.post('/api/v1/agents/:agentId/duplicate', {
    config: { access: managers, audit: { action: 'agent.duplicate', resourceType: 'agent' } },
    schema: {
      tags,
      summary: "Copy an agent's settings into a new agent",
      params: AgentParams,
      response: { 201: AgentSchema },
    },
    handler: async (request, reply) => {
      reply.code(201);
      return duplicateAgent(memberContext(request), request.params.agentId);
    },
  });

  r.get('/api/v1/agents/:agentId/access', {
    config: { access: managers },
    schema: {
      tags,
      summary: 'Users who may work in this agent',
      params: AgentParams,
      response: { 200: AgentAccessSchema },
    },
    handler: (request) => getAgentAccess(memberContext(request), request.params.agentId),
  });

  r.put('/api/v1/agents/:agentId/access', {
    config: { access: managers, audit: { action: 'agent.update_access', resourceType: 'agent' } },
    schema: {
      tags,
      summary: 'Set the Users who may work in this agent',
      params: AgentParams,
      body: AgentAccessSchema,
      response: { 200: AgentAccessSchema },
    },
    handler: (request) =>
      setAgentAccess(memberContext(request), request.params.agentId, request.body.memberIds),
  });
}
