import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { agentRef } from './agents';
import { users } from './auth';
import { createdAt, id } from './columns';
import { organizationRef } from './tenant-columns';

/**
 * Background work too large for one request (bulk actions on more than 10,000 contacts). Any
 * server process claims a queued job with SKIP LOCKED; a job whose heartbeat stops is claimed
 * again and resumes from its saved cursor.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: id(),
    organizationId: organizationRef(),
    agentId: agentRef(),
    kind: text('kind').notNull(),
    status: text('status', { enum: ['queued', 'running', 'succeeded', 'failed'] }).notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    /** Where a resumed job carries on (the last contact id done). */
    cursor: text('cursor'),
    total: integer('total').notNull().default(0),
    done: integer('done').notNull().default(0),
    error: text('error'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    startedAt: timestamp('started_at', { withTimezone: true, precision: 3 }),
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true, precision: 3 }),
    finishedAt: timestamp('finished_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    index('jobs_pending_idx')
      .on(t.createdAt)
      .where(sql`status IN ('queued', 'running')`),
    index('jobs_agent_created_idx').on(t.agentId, t.createdAt),
  ],
);
