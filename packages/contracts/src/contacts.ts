import { z } from 'zod';
import { IdSchema, TimestampSchema } from './common';
import { JobSchema } from './jobs';

export const CONTACT_SOURCES = ['chat', 'form', 'manual', 'import', 'api', 'payment'] as const;
export const ContactSourceSchema = z.enum(CONTACT_SOURCES);
export type ContactSource = z.infer<typeof ContactSourceSchema>;

export const ACTOR_KINDS = [
  'member',
  'agent',
  'form',
  'import',
  'api',
  'automation',
  'system',
] as const;
export const ActorKindSchema = z.enum(ACTOR_KINDS);
export type ActorKind = z.infer<typeof ActorKindSchema>;

export const FieldValueSchema = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.array(z.string()),
  z.null(),
]);
export type FieldValue = z.infer<typeof FieldValueSchema>;

export const ContactSchema = z.object({
  id: IdSchema,
  name: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  externalId: z.string().nullable(),
  stage: z.string(),
  status: z.string(),
  ownerId: IdSchema.nullable(),
  secondaryOwnerId: IdSchema.nullable(),
  source: ContactSourceSchema,
  fields: z.record(z.string(), FieldValueSchema),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  archivedAt: TimestampSchema.nullable(),
});
export type Contact = z.infer<typeof ContactSchema>;

const nullableText = (max: number) => z.string().trim().max(max).nullable();

/**
 * Email and phone arrive as typed by people; the server normalizes them (lower-case email, E.164
 * phone in the agent's default country) and names the field when it cannot.
 */
export const ContactWriteSchema = z.object({
  name: nullableText(200).optional(),
  email: nullableText(254).optional(),
  phone: nullableText(40).optional(),
  externalId: nullableText(200).optional(),
  stage: z.string().trim().min(1).max(50).optional(),
  status: z.string().trim().min(1).max(50).optional(),
  ownerId: IdSchema.nullable().optional(),
  secondaryOwnerId: IdSchema.nullable().optional(),
  fields: z.record(z.string(), z.unknown()).optional(),
});
export type ContactWrite = z.infer<typeof ContactWriteSchema>;

export const CONTACT_SORTS = ['-createdAt', 'createdAt', 'name', '-name', '-updatedAt'] as const;

/** Filters shared by the list, the count, exports and bulk actions. */
export const ContactFilterSchema = z.object({
  q: z.string().trim().max(200).optional(),
  stage: z.string().trim().max(50).optional(),
  status: z.string().trim().max(50).optional(),
  ownerId: z.union([IdSchema, z.literal('none')]).optional(),
  source: ContactSourceSchema.optional(),
  createdFrom: TimestampSchema.optional(),
  createdTo: TimestampSchema.optional(),
  archived: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
  /** Custom field filters as `field.<key>=<value>`: equality, or "contains" for text fields. */
  fields: z.record(z.string(), z.string().max(200)).optional(),
});
export type ContactFilter = z.infer<typeof ContactFilterSchema>;

export const ContactListQuerySchema = ContactFilterSchema.extend({
  sort: z.enum(CONTACT_SORTS).default('-createdAt'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().min(1).max(500).optional(),
});
export type ContactListQuery = z.infer<typeof ContactListQuerySchema>;

export const ActivitySchema = z.object({
  id: IdSchema,
  kind: z.string(),
  field: z.string().optional(),
  from: z.unknown().optional(),
  to: z.unknown().optional(),
  actor: z.object({ kind: ActorKindSchema, id: z.string().optional() }),
  createdAt: TimestampSchema,
});
export type Activity = z.infer<typeof ActivitySchema>;

export const DUPLICATE_REASONS = [
  'same_email',
  'same_phone',
  'same_external_id',
  'similar_name',
] as const;

export const DuplicateQuerySchema = z.object({
  name: z.string().trim().max(200).optional(),
  email: z.string().trim().max(254).optional(),
  phone: z.string().trim().max(40).optional(),
  excludeId: IdSchema.optional(),
});

export const DuplicateCandidateSchema = z.object({
  contact: ContactSchema,
  reasons: z.array(z.enum(DUPLICATE_REASONS)),
});

export const NoteSchema = z.object({
  id: IdSchema,
  html: z.string(),
  authorId: IdSchema.nullable(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type Note = z.infer<typeof NoteSchema>;

export const NoteWriteSchema = z.object({ html: z.string().min(1).max(100_000) });

/** Which contact's value survives a merge, per built-in field or custom field key. */
export const MergeChoiceSchema = z.enum(['primary', 'secondary']);

export const ContactMergeSchema = z.object({
  primaryId: IdSchema.describe('The contact that survives'),
  secondaryId: IdSchema.describe('The contact merged into it and removed'),
  choose: z.record(z.string(), MergeChoiceSchema).default({}),
});
export type ContactMerge = z.infer<typeof ContactMergeSchema>;

export const BULK_LIMIT = 10_000;

export const BulkActionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('assign_owner'), ownerId: IdSchema.nullable() }),
  z.object({ type: z.literal('set_stage'), stage: z.string().trim().min(1).max(50) }),
  z.object({ type: z.literal('set_status'), status: z.string().trim().min(1).max(50) }),
  z.object({ type: z.literal('archive') }),
  z.object({ type: z.literal('restore') }),
  z.object({ type: z.literal('delete') }),
]);
export type BulkAction = z.infer<typeof BulkActionSchema>;

export const ContactBulkSchema = z
  .object({
    ids: z.array(IdSchema).min(1).max(1000).optional(),
    filter: ContactFilterSchema.extend({ archived: z.boolean().optional() }).optional(),
    action: BulkActionSchema,
  })
  .refine((body) => (body.ids === undefined) !== (body.filter === undefined), {
    path: ['ids'],
    message: 'Give either ids or filter, not both',
  });
export type ContactBulk = z.infer<typeof ContactBulkSchema>;

export const ContactCountSchema = z.object({ count: z.number().int().min(0) });

/**
 * `affected` contacts changed now; past BULK_LIMIT nothing changes in the request and `job` (202)
 * does the work in the background instead.
 */
export const BulkResultSchema = z.object({
  affected: z.number().int().min(0),
  job: JobSchema.optional(),
});
export type BulkResult = z.infer<typeof BulkResultSchema>;

export const DuplicateListSchema = z.object({ data: z.array(DuplicateCandidateSchema) });
export type DuplicateCandidate = z.infer<typeof DuplicateCandidateSchema>;

export const ContactFileSchema = z.object({
  id: IdSchema,
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int().min(0),
  uploadedBy: IdSchema.nullable(),
  createdAt: TimestampSchema,
});
export type ContactFile = z.infer<typeof ContactFileSchema>;

export const FileListSchema = z.object({ data: z.array(ContactFileSchema) });
