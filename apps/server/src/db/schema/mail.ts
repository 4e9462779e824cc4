import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns';
import { organizations } from './organizations';

/**
 * Every mail the server sends. Without SMTP the row stays with status `outbox` and the admin app
 * shows it, so invitations and sign-in codes work on a laptop.
 */
export const emails = pgTable(
  'emails',
  {
    id: id(),
    organizationId: uuid('organization_id').references(() => organizations.id, {
      onDelete: 'cascade',
    }),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html'),
    status: text('status', { enum: ['queued', 'sent', 'failed', 'outbox'] }).notNull(),
    error: text('error'),
    attempts: integer('attempts').notNull().default(0),
    sentAt: timestamp('sent_at', { withTimezone: true, precision: 3 }),
    createdAt: createdAt(),
  },
  (t) => [
    index('emails_org_created_idx').on(t.organizationId, t.createdAt, t.id),
    index('emails_pending_idx')
      .on(t.createdAt)
      .where(sql`status IN ('queued', 'failed')`),
  ],
);
