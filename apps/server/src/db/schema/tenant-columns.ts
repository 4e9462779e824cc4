import { uuid } from 'drizzle-orm/pg-core';
import { organizations } from './organizations';

/** The tenant key every tenant table carries (the distribution key when sharded). */
export const organizationRef = () =>
  uuid('organization_id')
    .notNull()
    .references(() => organizations.id, { onDelete: 'cascade' });
