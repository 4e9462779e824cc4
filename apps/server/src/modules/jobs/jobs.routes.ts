import { IdSchema, JobSchema } from '@agent-crm/contracts';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { access, memberContext, typed } from '../../lib/route';
import { getJob } from './jobs.service';

const JobParams = z.object({ agentId: IdSchema, jobId: IdSchema });

export function jobRoutes(app: FastifyInstance): void {
  typed(app).get('/api/v1/agents/:agentId/jobs/:jobId', {
    config: { access: access.member() },
    schema: {
      tags: ['jobs'],
      summary: 'A background job (a large bulk action): status and progress',
      params: JobParams,
      response: { 200: JobSchema },
    },
    handler: (request) =>
      getJob(memberContext(request), request.params.agentId, request.params.jobId),
  });
}
