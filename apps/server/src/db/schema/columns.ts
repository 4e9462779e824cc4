import { timestamp, uuid } from 'drizzle-orm/pg-core';
import { newId } from '../../lib/ids';

/**
 * Timestamps are set by the server with millisecond precision so that keyset cursors, which
 * carry a JavaScript Date, compare exactly with the stored value.
 */
export const createdAt = () =>
  timestamp('created_at', { withTimezone: true, precision: 3 })
    .notNull()
    .$defaultFn(() => new Date());

export const updatedAt = () =>
  timestamp('updated_at', { withTimezone: true, precision: 3 })
    .notNull()
    .$defaultFn(() => new Date())
    .$onUpdateFn(() => new Date());

export const id = () =>
  uuid('id')
    .primaryKey()
    .$defaultFn(() => newId());
