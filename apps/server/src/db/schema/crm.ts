import { FIELD_TYPES } from '@agent-crm/contracts';
import { sql } from 'drizzle-orm';
import { boolean, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { agentRef } from './agents';
import { createdAt, id, updatedAt } from './columns';
import { organizationRef } from './tenant-columns';

/** Custom contact fields of one agent's CRM. */
export const customFields = pgTable(
  'custom_fields',
  {
    id: id(),
    organizationId: organizationRef(),
    agentId: agentRef(),
    key: text('key').notNull(),
    label: text('label').notNull(),
    type: text('type', { enum: FIELD_TYPES }).notNull(),
    options: jsonb('options').$type<string[]>().notNull().default([]),
    required: boolean('required').notNull().default(false),
    allowForAi: boolean('allow_for_ai').notNull().default(false),
    helpText: text('help_text'),
    position: integer('position').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('custom_fields_agent_key_idx').on(t.agentId, t.key)],
);

/** Pipeline stages and statuses: ordered, named, per agent. Contacts point at them by id. */
export const pipelineItems = pgTable(
  'pipeline_items',
  {
    id: id(),
    organizationId: organizationRef(),
    agentId: agentRef(),
    kind: text('kind', { enum: ['stage', 'status'] }).notNull(),
    name: text('name').notNull(),
    position: integer('position').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('pipeline_items_agent_kind_name_idx').on(t.agentId, t.kind, sql`lower(${t.name})`),
  ],
);
