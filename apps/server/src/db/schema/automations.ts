import type { AutomationSettings } from '@agent-crm/contracts';
import { bigint, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { agentRef } from './agents';
import { users } from './auth';
import { createdAt, updatedAt } from './columns';
import { organizationRef } from './tenant-columns';

/** One agent's automation rules, as the API shows them; absent means "nothing configured". */
export const automationSettings = pgTable('automation_settings', {
  agentId: agentRef().primaryKey(),
  organizationId: organizationRef(),
  settings: jsonb('settings').$type<AutomationSettings>().notNull(),
  updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/**
 * How many contacts each round-robin slot has handed out. Advanced with one UPSERT in the
 * contact's own transaction, so the row lock orders concurrent creations across processes.
 */
export const roundRobinCursors = pgTable(
  'round_robin_cursors',
  {
    organizationId: organizationRef(),
    agentId: agentRef(),
    /** `{method}:{slot}`, e.g. `captured:primary`. */
    slotKey: text('slot_key').notNull(),
    position: bigint('position', { mode: 'number' }).notNull().default(0),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.agentId, t.slotKey] })],
);
