import { AuditEventSchema, AuditQuerySchema, pageOf } from '@agent-crm/contracts';
import type { FastifyInstance } from 'fastify';
import { access, memberContext, typed } from '../../lib/route';
import { listAuditEvents } from './audit.service';

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
}
