import type { FormField } from '@agent-crm/contracts';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { agentRef } from './agents';
import { createdAt, id, updatedAt } from './columns';
import { contacts } from './contacts';
import { organizationRef } from './tenant-columns';

/** A form of one agent. The slug is global: it is the public address `/f/{slug}`. */
export const forms = pgTable(
  'forms',
  {
    id: id(),
    organizationId: organizationRef(),
    agentId: agentRef(),
    slug: text('slug').notNull().unique(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    submitLabel: text('submit_label').notNull().default('Submit'),
    successMessage: text('success_message').notNull().default('Thank you!'),
    fields: jsonb('fields').$type<FormField[]>().notNull().default([]),
    published: boolean('published').notNull().default(false),
    submissionCount: integer('submission_count').notNull().default(0),
    lastSubmissionAt: timestamp('last_submission_at', { withTimezone: true, precision: 3 }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('forms_agent_created_idx').on(t.agentId, t.createdAt, t.id)],
);

/** One submission, kept whole: the answers as the visitor gave them, keyed by form field id. */
export const formSubmissions = pgTable(
  'form_submissions',
  {
    id: id(),
    organizationId: organizationRef(),
    agentId: agentRef(),
    formId: uuid('form_id')
      .notNull()
      .references(() => forms.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id').references(() => contacts.id, { onDelete: 'set null' }),
    answers: jsonb('answers').$type<Record<string, unknown>>().notNull(),
    /** Lower-cased answer text, for the Submissions table's search. */
    searchText: text('search_text').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [
    index('form_submissions_form_idx').on(
      t.formId,
      t.createdAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    index('form_submissions_contact_idx').on(t.contactId, t.createdAt.desc().nullsFirst()),
  ],
);
