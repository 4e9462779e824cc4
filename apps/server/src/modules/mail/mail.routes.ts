import { IdSchema, OutboxEmailSchema, PageQuerySchema, pageOf } from '@agent-crm/contracts';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { access, memberContext, typed } from '../../lib/route';
import { getOutboxEmail, listOutbox } from './mail.service';

export function mailRoutes(app: FastifyInstance): void {
  const r = typed(app);

  r.get('/api/v1/outbox', {
    config: { access: access.member('owner', 'admin') },
    schema: {
      tags: ['mail'],
      summary: 'Mail the server sent or holds in its outbox',
      querystring: PageQuerySchema,
      response: { 200: pageOf(OutboxEmailSchema) },
    },
    handler: (request) => listOutbox(memberContext(request), request.query),
  });

  r.get('/api/v1/outbox/:emailId', {
    config: { access: access.member('owner', 'admin') },
    schema: {
      tags: ['mail'],
      summary: 'One mail',
      params: z.object({ emailId: IdSchema }),
      response: { 200: OutboxEmailSchema },
    },
    handler: (request) => getOutboxEmail(memberContext(request), request.params.emailId),
  });
}
