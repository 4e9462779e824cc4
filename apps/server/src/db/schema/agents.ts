import { index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { createdAt, id, updatedAt } from './columns';
import { organizationRef } from './tenant-columns';

export const agents = pgTable(
  'agents',
  {
    id: id(),
    organizationId: organizationRef(),
    name: text('name').notNull(),
    instructions: text('instructions').notNull().default(''),
    welcomeMessage: text('welcome_message').notNull().default(''),
    suggestedQuestions: jsonb('suggested_questions').$type<string[]>().notNull().default([]),
    model: text('model'),
    visibility: text('visibility', { enum: ['private', 'public'] }).notNull(),
    accessMode: text('access_mode', { enum: ['free', 'restricted', 'paid'] }).notNull(),
    defaultCountry: text('default_country').notNull(),
    aiCapture: jsonb('ai_capture')
      .$type<{ name: boolean; email: boolean; phone: boolean }>()
      .notNull(),
    fileSizeLimitMb: integer('file_size_limit_mb').notNull().default(25),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('agents_org_created_idx').on(t.organizationId, t.createdAt, t.id)],
);

/** The agent a CRM row belongs to; deleting the agent deletes its CRM. */
export const agentRef = () =>
  uuid('agent_id')
    .notNull()
    .references(() => agents.id, { onDelete: 'cascade' });

/** Which members with the User role may work in which agent (Owners and Admins see every agent). */
export const agentMembers = pgTable(
  'agent_members',
  {
    organizationId: organizationRef(),
    agentId: agentRef(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.agentId, t.userId] }),
    index('agent_members_user_idx').on(t.organizationId, t.userId),
  ],
);
