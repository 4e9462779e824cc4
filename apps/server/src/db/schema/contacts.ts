import { sql } from 'drizzle-orm';
import {
  bigint,
  index,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { agentRef } from './agents';
import { users } from './auth';
import { createdAt, id, updatedAt } from './columns';
import { organizationRef } from './tenant-columns';
import { pipelineItems } from './crm';

/** Who set each value: `{ "name": "member", "company": "agent" }`; humans are never overwritten. */
export type FieldSources = Record<string, string>;

export const contacts = pgTable(
  'contacts',
  {
    id: id(),
    organizationId: organizationRef(),
    agentId: agentRef(),
    name: text('name'),
    email: text('email'),
    phone: text('phone'),
    externalId: text('external_id'),
    stageId: uuid('stage_id')
      .notNull()
      .references(() => pipelineItems.id),
    statusId: uuid('status_id')
      .notNull()
      .references(() => pipelineItems.id),
    ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'set null' }),
    secondaryOwnerId: uuid('secondary_owner_id').references(() => users.id, {
      onDelete: 'set null',
    }),
    source: text('source', {
      enum: ['chat', 'form', 'manual', 'import', 'api', 'payment'],
    }).notNull(),
    fields: jsonb('fields').$type<Record<string, unknown>>().notNull().default({}),
    fieldSources: jsonb('field_sources').$type<FieldSources>().notNull().default({}),
    /** Lower-cased name, email, phone digits and custom text values, kept by the write path. */
    searchText: text('search_text').notNull().default(''),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    archivedAt: timestamp('archived_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    uniqueIndex('contacts_agent_email_idx')
      .on(t.agentId, t.email)
      .where(sql`archived_at IS NULL AND email IS NOT NULL`),
    uniqueIndex('contacts_agent_phone_idx')
      .on(t.agentId, t.phone)
      .where(sql`archived_at IS NULL AND phone IS NOT NULL`),
    uniqueIndex('contacts_agent_external_id_idx')
      .on(t.agentId, t.externalId)
      .where(sql`archived_at IS NULL AND external_id IS NOT NULL`),
    index('contacts_agent_created_idx')
      .on(t.agentId, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`archived_at IS NULL`),
    index('contacts_agent_updated_idx')
      .on(t.agentId, t.updatedAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`archived_at IS NULL`),
    index('contacts_agent_archived_idx')
      .on(t.agentId, t.archivedAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`archived_at IS NOT NULL`),
    index('contacts_agent_name_idx')
      .on(t.agentId, sql`lower(coalesce(${t.name}, ''))`, t.id)
      .where(sql`archived_at IS NULL`),
    index('contacts_name_trgm_idx').using('gin', sql`lower(coalesce(${t.name}, '')) gin_trgm_ops`),
    index('contacts_agent_stage_owner_idx')
      .on(
        t.agentId,
        t.stageId,
        t.ownerId,
        t.createdAt.desc().nullsFirst(),
        t.id.desc().nullsFirst(),
      )
      .where(sql`archived_at IS NULL`),
    index('contacts_agent_status_idx')
      .on(t.agentId, t.statusId)
      .where(sql`archived_at IS NULL`),
    index('contacts_search_trgm_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
    index('contacts_fields_idx').using('gin', sql`${t.fields} jsonb_path_ops`),
  ],
);

/** Append-only history of one contact. */
export const contactActivities = pgTable(
  'contact_activities',
  {
    id: id(),
    organizationId: organizationRef(),
    agentId: agentRef(),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    field: text('field'),
    from: jsonb('from'),
    to: jsonb('to'),
    actorKind: text('actor_kind', {
      enum: ['member', 'agent', 'form', 'import', 'api', 'automation', 'system'],
    }).notNull(),
    actorId: text('actor_id'),
    createdAt: createdAt(),
  },
  (t) => [
    index('contact_activities_contact_idx').on(
      t.contactId,
      t.createdAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
  ],
);

export const contactNotes = pgTable(
  'contact_notes',
  {
    id: id(),
    organizationId: organizationRef(),
    agentId: agentRef(),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    html: text('html').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('contact_notes_contact_idx').on(t.contactId, t.createdAt.desc().nullsFirst())],
);

export const contactFiles = pgTable(
  'contact_files',
  {
    id: id(),
    organizationId: organizationRef(),
    agentId: agentRef(),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    uploadedBy: uuid('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    storageKey: text('storage_key').notNull().unique(),
    createdAt: createdAt(),
  },
  (t) => [index('contact_files_contact_idx').on(t.contactId, t.createdAt.desc().nullsFirst())],
);
