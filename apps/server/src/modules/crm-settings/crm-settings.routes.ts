import {
  CrmSettingsPatchSchema,
  CrmSettingsSchema,
  IdSchema,
  PipelineItemNameSchema,
  PipelineItemSchema,
  PipelineKindSchema,
  PipelineOrderSchema,
  PipelineRemoveQuerySchema,
} from '@agent-crm/contracts';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { access, memberContext, typed } from '../../lib/route';
import {
  createPipelineItem,
  getCrmSettings,
  removePipelineItem,
  renamePipelineItem,
  reorderPipelineItems,
  updateCrmSettings,
} from './crm-settings.service';

const base = '/api/v1/agents/:agentId/crm-settings';
const AgentParams = z.object({ agentId: IdSchema });
const KindParams = AgentParams.extend({ kind: PipelineKindSchema });
const ItemParams = KindParams.extend({ itemId: IdSchema });
const managers = access.member('owner', 'admin');
const tags = ['crm-settings'];

export function crmSettingsRoutes(app: FastifyInstance): void {
  const r = typed(app);

  r.get(base, {
    config: { access: access.member() },
    schema: {
      tags,
      summary: "The agent's stages, statuses, default phone country and file size limit",
      params: AgentParams,
      response: { 200: CrmSettingsSchema },
    },
    handler: (request) => getCrmSettings(memberContext(request), request.params.agentId),
  });

  r.patch(base, {
    config: { access: managers, audit: { action: 'crm_settings.update', resourceType: 'agent' } },
    schema: {
      tags,
      summary: 'Change the default phone country or the file size limit',
      params: AgentParams,
      body: CrmSettingsPatchSchema,
      response: { 200: CrmSettingsSchema },
    },
    handler: (request) =>
      updateCrmSettings(memberContext(request), request.params.agentId, request.body),
  });

  r.post(`${base}/:kind`, {
    config: {
      access: managers,
      audit: { action: 'pipeline.create', resourceType: 'pipeline_item' },
    },
    schema: {
      tags,
      summary: 'Add a stage or a status',
      params: KindParams,
      body: PipelineItemNameSchema,
      response: { 201: PipelineItemSchema },
    },
    handler: async (request, reply) => {
      reply.code(201);
      return createPipelineItem(
        memberContext(request),
        request.params.agentId,
        request.params.kind,
        request.body.name,
      );
    },
  });

  r.put(`${base}/:kind/order`, {
    config: { access: managers, audit: { action: 'pipeline.reorder', resourceType: 'agent' } },
    schema: {
      tags,
      summary: 'Reorder stages or statuses',
      params: KindParams,
      body: PipelineOrderSchema,
      response: { 200: z.object({ data: z.array(PipelineItemSchema) }) },
    },
    handler: async (request) => ({
      data: await reorderPipelineItems(
        memberContext(request),
        request.params.agentId,
        request.params.kind,
        request.body.ids,
      ),
    }),
  });

  r.patch(`${base}/:kind/:itemId`, {
    config: {
      access: managers,
      audit: { action: 'pipeline.rename', resourceType: 'pipeline_item' },
    },
    schema: {
      tags,
      summary: 'Rename a stage or a status',
      params: ItemParams,
      body: PipelineItemNameSchema,
      response: { 200: PipelineItemSchema },
    },
    handler: (request) =>
      renamePipelineItem(
        memberContext(request),
        request.params.agentId,
        request.params.kind,
        request.params.itemId,
        request.body.name,
      ),
  });

  r.delete(`${base}/:kind/:itemId`, {
    config: {
      access: managers,
      audit: { action: 'pipeline.remove', resourceType: 'pipeline_item' },
    },
    schema: {
      tags,
      summary: 'Remove a stage or a status, moving its contacts',
      params: ItemParams,
      querystring: PipelineRemoveQuerySchema,
      response: { 204: z.null() },
    },
    handler: async (request, reply) => {
      await removePipelineItem(
        memberContext(request),
        request.params.agentId,
        request.params.kind,
        request.params.itemId,
        request.query.moveTo,
      );
      return reply.code(204).send(null);
    },
  });
}
