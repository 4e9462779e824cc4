import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { agentRef } from './agents';
import { users } from './auth';
import { createdAt, id } from './columns';
import { contacts } from './contacts';
import { organizationRef } from './tenant-columns';

/**
 * Someone chatting with an agent, known by a bearer token (only its SHA-256 is stored). Once the
 * visitor is identified, `contact_id` links them and all their conversations to the contact.
 */
export const visitors = pgTable(
  'visitors',
  {
    id: id(),
    organizationId: organizationRef(),
    agentId: agentRef(),
    tokenHash: text('token_hash').notNull().unique(),
    contactId: uuid('contact_id').references(() => contacts.id, { onDelete: 'set null' }),
    /** Set when a signed-in member chats in the admin playground. */
    memberId: uuid('member_id').references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, precision: 3 })
      .notNull()
      .defaultNow(),
  },
  (t) => [
    index('visitors_agent_contact_idx').on(t.agentId, t.contactId),
    index('visitors_agent_seen_idx').on(t.agentId, t.lastSeenAt.desc().nullsFirst(), t.id),
  ],
);

export const conversations = pgTable(
  'conversations',
  {
    id: id(),
    organizationId: organizationRef(),
    agentId: agentRef(),
    visitorId: uuid('visitor_id')
      .notNull()
      .references(() => visitors.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id').references(() => contacts.id, { onDelete: 'set null' }),
    channel: text('channel', { enum: ['widget', 'share', 'playground'] })
      .notNull()
      .default('widget'),
    messageCount: integer('message_count').notNull().default(0),
    lastMessageAt: timestamp('last_message_at', { withTimezone: true, precision: 3 }),
    createdAt: createdAt(),
  },
  (t) => [
    index('conversations_agent_recent_idx').on(
      t.agentId,
      t.lastMessageAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    index('conversations_contact_idx')
      .on(t.contactId, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`contact_id IS NOT NULL`),
    index('conversations_visitor_idx').on(t.visitorId, t.createdAt.desc().nullsFirst()),
  ],
);

export const messages = pgTable(
  'messages',
  {
    id: id(),
    organizationId: organizationRef(),
    agentId: agentRef(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['user', 'assistant'] }).notNull(),
    text: text('text').notNull(),
    /** `complete`, or `failed` when the model gave up and a polite fallback was sent instead. */
    status: text('status', { enum: ['complete', 'failed'] })
      .notNull()
      .default('complete'),
    feedback: text('feedback', { enum: ['like', 'dislike'] }),
    /** What this message captured, tool calls, model name: for the transcript and debugging. */
    meta: jsonb('meta').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index('messages_conversation_idx').on(t.conversationId, t.createdAt, t.id)],
);
