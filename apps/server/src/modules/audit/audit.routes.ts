import {
  AuditEventSchema,
  AuditQuerySchema,
  IdSchema,
  OutboxEmailSchema,
  PageQuerySchema,
  pageOf,
} from '@agent-crm/contracts';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { access, memberContext, typed } from '../../lib/route';
import { getOutboxEmail, listAuditEvents, listOutbox } from './audit.service';

export function auditRoutes(app: FastifyInstance): void {
  const r = typed(app);

  r.get('/api/v1/audit-events', {
    config: { access: access.member() },
    schema: {
      tags: ['audit'],
      summary: 'The audit log (Owners and Admins: everyone; Users: their own)',
      querystring: AuditQuerySchema,
      response: { 200: pageOf(AuditEventSchema) },
    },
    handler: (request) => listAuditEvents(memberContext(request), request.query),
  });

  r.get('/api/v1/outbox', {
    config: { access: access.member('owner', 'admin') },
    schema: {
      tags: ['audit'],
      summary: 'Mail the server sent or holds in its outbox',
      querystring: PageQuerySchema,
      response: { 200: pageOf(OutboxEmailSchema) },
    },
    handler: (request) => listOutbox(memberContext(request), request.query),
  });

  r.get('/api/v1/outbox/:emailId', {
    config: { access: access.member('owner', 'admin') },
    schema: {
      tags: ['audit'],
      summary: 'One mail',
      params: z.object({ emailId: IdSchema }),
      response: { 200: OutboxEmailSchema },
    },
    handler: (request) => getOutboxEmail(memberContext(request), request.params.emailId),
  });
}
