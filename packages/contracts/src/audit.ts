import { z } from 'zod';
import { IdSchema, PageQuerySchema, TimestampSchema } from './common';

export const AuditEventSchema = z.object({
  id: IdSchema,
  action: z.string(),
  outcome: z.enum(['success', 'failure']),
  actor: z.object({ id: IdSchema.nullable(), email: z.string().nullable() }),
  resourceType: z.string().nullable(),
  resourceId: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  createdAt: TimestampSchema,
});
export type AuditEvent = z.infer<typeof AuditEventSchema>;

export const AuditQuerySchema = PageQuerySchema.extend({
  action: z.string().max(100).optional(),
  actorId: IdSchema.optional(),
});

export const OutboxEmailSchema = z.object({
  id: IdSchema,
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  status: z.enum(['queued', 'sent', 'failed', 'outbox']),
  createdAt: TimestampSchema,
});
export type OutboxEmail = z.infer<typeof OutboxEmailSchema>;
