import {
  CustomFieldCreateSchema,
  CustomFieldPatchSchema,
  CustomFieldSchema,
  FieldOrderSchema,
  IdSchema,
} from '@agent-crm/contracts';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { access, memberContext, typed } from '../../lib/route';
import {
  createCustomField,
  deleteCustomField,
  listCustomFields,
  reorderCustomFields,
  updateCustomField,
} from './custom-fields.service';

const base = '/api/v1/agents/:agentId/fields';
const AgentParams = z.object({ agentId: IdSchema });
const FieldParams = AgentParams.extend({ fieldId: IdSchema });
const managers = access.member('owner', 'admin');
const tags = ['custom-fields'];
const FieldList = z.object({ data: z.array(CustomFieldSchema) });

export function customFieldRoutes(app: FastifyInstance): void {
  const r = typed(app);

  r.get(base, {
    config: { access: access.member() },
    schema: {
      tags,
      summary: "The agent's custom contact fields, in order (the schema endpoint)",
      params: AgentParams,
      response: { 200: FieldList },
    },
    handler: async (request) => ({
      data: await listCustomFields(memberContext(request), request.params.agentId),
    }),
  });

  r.post(base, {
    config: {
      access: managers,
      audit: { action: 'custom_field.create', resourceType: 'custom_field' },
    },
    schema: {
      tags,
      summary: 'Add a custom field',
      params: AgentParams,
      body: CustomFieldCreateSchema,
      response: { 201: CustomFieldSchema },
    },
    handler: async (request, reply) => {
      reply.code(201);
      return createCustomField(memberContext(request), request.params.agentId, request.body);
    },
  });

  r.put(`${base}/order`, {
    config: { access: managers, audit: { action: 'custom_field.reorder', resourceType: 'agent' } },
    schema: {
      tags,
      summary: 'Reorder the custom fields',
      params: AgentParams,
      body: FieldOrderSchema,
      response: { 200: FieldList },
    },
    handler: async (request) => ({
      data: await reorderCustomFields(
        memberContext(request),
        request.params.agentId,
        request.body.fieldIds,
      ),
    }),
  });

  r.patch(`${base}/:fieldId`, {
    config: {
      access: managers,
      audit: { action: 'custom_field.update', resourceType: 'custom_field' },
    },
    schema: {
      tags,
      summary: 'Change a custom field (its key never changes)',
      params: FieldParams,
      body: CustomFieldPatchSchema,
      response: { 200: CustomFieldSchema },
    },
    handler: (request) =>
      updateCustomField(
        memberContext(request),
        request.params.agentId,
        request.params.fieldId,
        request.body,
      ),
  });

  r.delete(`${base}/:fieldId`, {
    config: {
      access: managers,
      audit: { action: 'custom_field.delete', resourceType: 'custom_field' },
    },
    schema: {
      tags,
      summary: 'Delete a custom field',
      params: FieldParams,
      response: { 204: z.null() },
    },
    handler: async (request, reply) => {
      await deleteCustomField(
        memberContext(request),
        request.params.agentId,
        request.params.fieldId,
      );
      return reply.code(204).send(null);
    },
  });
}
