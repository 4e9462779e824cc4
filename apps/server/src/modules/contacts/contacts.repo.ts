import type { ContactFilter, ContactListQuery } from '@agent-crm/contracts';
import { and, eq, gte, isNotNull, isNull, lte, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { contactActivities, contacts, emails, users } from '../../db/schema';
import { rowFromDriver } from '../../db/rows';
import { newId } from '../../lib/ids';
import { AppError, invalidField } from '../../lib/errors';
import { pgError, QUERY_CANCELED } from '../../lib/pg-errors';
import { inAgent } from '../../lib/tenant';
import { resolvePipelineName } from '../crm-settings/pipeline.service';
import type { ContactRow, CrmMeta } from './contacts.mapper';

export const MIN_SEARCH_LENGTH = 2;

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

type Term = { word: string; contains: SQL; fuzzy: SQL | null };

function searchTerms(q: string): Term[] {
  const trimmed = q.trim().toLowerCase();
  if (trimmed.length < MIN_SEARCH_LENGTH) {
    throw invalidField('q', `Type at least ${MIN_SEARCH_LENGTH} characters to search`);
  }
  const digits = trimmed.replace(/[\s().+-]/g, '');
  const term = /^\d{3,}$/.test(digits) ? digits : trimmed;
  return term
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 5)
    .map((word) => ({
      word,
      contains: sql`${contacts.searchText} LIKE ${`%${escapeLike(word)}%`}`,
      // Typos are forgiven in words, not in emails or numbers, where a near miss is someone else.
      fuzzy: /^\p{L}{4,}$/u.test(word) ? sql`${word} <% ${contacts.searchText}` : null,
    }));
}

/**
 * Search terms match the indexed search text as substrings (trigram GIN index). Only when that
 * finds nobody are words matched by trigram similarity, so one typo still finds the person
 * without every search paying for fuzzy matching over thousands of rows.
 */
async function searchCondition(db: DbOrTx, base: SQL, q: string): Promise<SQL> {
  const terms = searchTerms(q);
  const exact = and(...terms.map((t) => t.contains)) ?? sql`true`;
  if (terms.every((t) => t.fuzzy === null)) return exact;
  const found = await guarded(() =>
    db
      .select({ one: sql`1` })
      .from(contacts)
      .where(and(base, exact))
      .limit(1),
  );
  if (found.length > 0) return exact;
  return (
    and(...terms.map((t) => (t.fuzzy ? sql`(${t.contains} OR ${t.fuzzy})` : t.contains))) ?? exact
  );
}

/** The WHERE of the list, count, exports and bulk actions; names resolve through the pipeline. */
export async function contactFilterSql(
  db: DbOrTx,
  meta: CrmMeta,
  filter: ContactFilter,
): Promise<SQL> {
  const conditions: (SQL | undefined)[] = [
    filter.archived ? isNotNull(contacts.archivedAt) : isNull(contacts.archivedAt),
  ];
  if (filter.stage)
    conditions.push(
      eq(contacts.stageId, resolvePipelineName(meta.pipeline.stages, filter.stage, 'stage').id),
    );
  if (filter.status) {
    conditions.push(
      eq(
        contacts.statusId,
        resolvePipelineName(meta.pipeline.statuses, filter.status, 'status').id,
      ),
    );
  }
  if (filter.ownerId === 'none') conditions.push(isNull(contacts.ownerId));
  else if (filter.ownerId) conditions.push(eq(contacts.ownerId, filter.ownerId));
  if (filter.source) conditions.push(eq(contacts.source, filter.source));
  if (filter.createdFrom) conditions.push(gte(contacts.createdAt, new Date(filter.createdFrom)));
  if (filter.createdTo) conditions.push(lte(contacts.createdAt, new Date(filter.createdTo)));
  for (const [key, value] of Object.entries(filter.fields ?? {})) {
    conditions.push(fieldCondition(meta, key, value));
  }
  const base = inAgent(contacts, meta.scope, ...conditions);
  return filter.q ? (and(base, await searchCondition(db, base, filter.q)) ?? base) : base;
}

function fieldCondition(meta: CrmMeta, key: string, value: string): SQL {
  const path = `field.${key}`;
  const field = meta.fields.find((f) => f.key === key);
  if (!field) throw invalidField(path, 'There is no custom field with this key');
  if (value.length > 200) throw invalidField(path, 'Use at most 200 characters');
  const contains = (v: unknown) =>
    sql`${contacts.fields} @> ${JSON.stringify({ [key]: v })}::jsonb`;
  switch (field.type) {
    case 'text':
    case 'long_text':
    case 'email':
    case 'url':
    case 'phone':
      return sql`${contacts.fields} ->> ${key} ILIKE ${`%${escapeLike(value)}%`}`;
    case 'select':
      return contains(value);
    case 'multi_select':
      return contains([value]);
    case 'boolean':
      if (!['true', 'false'].includes(value)) throw invalidField(path, 'Use true or false');
      return contains(value === 'true');
    case 'number': {
      const number = Number(value);
      if (value.trim() === '' || !Number.isFinite(number))
        throw invalidField(path, 'Enter a number');
      return contains(number);
    }
    case 'date':
      if (!/^\d{4}-\d{2}-\d{2}$/.test(value))
        throw invalidField(path, 'Enter a date as YYYY-MM-DD');
      return contains(value);
  }
}

type SortKey = ContactListQuery['sort'];

const NAME_KEY = sql`lower(coalesce(${contacts.name}, ''))`;

const SORTS: Record<
  SortKey,
  { key: SQL; direction: 'asc' | 'desc'; valueOf: (row: ContactRow) => string }
> = {
  '-createdAt': {
    key: sql`${contacts.createdAt}`,
    direction: 'desc',
    valueOf: (row) => row.createdAt.toISOString(),
  },
  createdAt: {
    key: sql`${contacts.createdAt}`,
    direction: 'asc',
    valueOf: (row) => row.createdAt.toISOString(),
  },
  '-updatedAt': {
    key: sql`${contacts.updatedAt}`,
    direction: 'desc',
    valueOf: (row) => row.updatedAt.toISOString(),
  },
  name: { key: NAME_KEY, direction: 'asc', valueOf: (row) => (row.name ?? '').toLowerCase() },
  '-name': { key: NAME_KEY, direction: 'desc', valueOf: (row) => (row.name ?? '').toLowerCase() },
};

function encodeCursor(value: string, id: string): string {
  return Buffer.from(JSON.stringify([value, id])).toString('base64url');
}

function decodeCursor(cursor: string, sort: SortKey): { value: SQL; id: string } {
  const invalid = () =>
    new AppError('validation_failed', 'The cursor is not valid', {
      details: [
        { path: 'cursor', message: 'Use the nextCursor of the previous page, with the same sort' },
      ],
    });
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw invalid();
  const [value, id] = parsed as unknown[];
  if (typeof value !== 'string' || typeof id !== 'string' || !/^[0-9a-f-]{36}$/i.test(id))
    throw invalid();
  if (sort === 'name' || sort === '-name') return { value: sql`${value}`, id };
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw invalid();
  return { value: sql`${date.toISOString()}::timestamptz`, id };
}

/** One keyset page in the requested order, inside a statement timeout. */
export async function listContactRows(
  db: DbOrTx,
  meta: CrmMeta,
  query: ContactListQuery,
): Promise<{ rows: ContactRow[]; nextCursor: string | null }> {
  const sort = SORTS[query.sort];
  const where = await contactFilterSql(db, meta, query);
  const cursor = query.cursor ? decodeCursor(query.cursor, query.sort) : undefined;
  const after = cursor
    ? sort.direction === 'desc'
      ? sql`(${sort.key}, ${contacts.id}) < (${cursor.value}, ${cursor.id})`
      : sql`(${sort.key}, ${contacts.id}) > (${cursor.value}, ${cursor.id})`
    : undefined;
  const order =
    sort.direction === 'desc'
      ? sql`${sort.key} DESC, ${contacts.id} DESC`
      : sql`${sort.key} ASC, ${contacts.id} ASC`;
  const rows = await guarded(() =>
    db
      .select()
      .from(contacts)
      .where(after ? and(where, after) : where)
      .orderBy(order)
      .limit(query.limit + 1),
  );
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    rows: page,
    nextCursor:
      rows.length > query.limit && last ? encodeCursor(sort.valueOf(last), last.id) : null,
  };
}

export async function countContactRows(
  db: DbOrTx,
  meta: CrmMeta,
  filter: ContactFilter,
): Promise<number> {
  const where = await contactFilterSql(db, meta, filter);
  const [row] = await guarded(() =>
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(contacts)
      .where(where),
  );
  return row?.n ?? 0;
}

/**
 * Lists and searches run on connections with a short statement timeout (`searchDb`); a query
 * that hits it becomes a 400 asking for a narrower search.
 */
async function guarded<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (pgError(error)?.code === QUERY_CANCELED) {
      throw invalidField('q', 'This search took too long; use a longer or more specific term');
    }
    throw error;
  }
}

/** Active contacts that may be the same person: same email, same phone, or a similar name. */
export async function findDuplicateRows(
  db: DbOrTx,
  meta: CrmMeta,
  probe: { name?: string | null; email?: string | null; phone?: string | null; excludeId?: string },
): Promise<{ row: ContactRow; reasons: ('same_email' | 'same_phone' | 'similar_name')[] }[]> {
  const found = new Map<
    string,
    { row: ContactRow; reasons: ('same_email' | 'same_phone' | 'similar_name')[] }
  >();
  const add = (rows: ContactRow[], reason: 'same_email' | 'same_phone' | 'similar_name') => {
    for (const row of rows) {
      if (row.id === probe.excludeId) continue;
      const entry = found.get(row.id) ?? { row, reasons: [] };
      entry.reasons.push(reason);
      found.set(row.id, entry);
    }
  };
  const active = inAgent(contacts, meta.scope, isNull(contacts.archivedAt));
  if (probe.email)
    add(
      await db
        .select()
        .from(contacts)
        .where(and(active, eq(contacts.email, probe.email)))
        .limit(5),
      'same_email',
    );
  if (probe.phone)
    add(
      await db
        .select()
        .from(contacts)
        .where(and(active, eq(contacts.phone, probe.phone)))
        .limit(5),
      'same_phone',
    );
  const name = probe.name?.trim().toLowerCase();
  if (name && name.length >= 3) {
    add(
      await db
        .select()
        .from(contacts)
        .where(and(active, sql`${NAME_KEY} % ${name}`))
        .orderBy(sql`similarity(${NAME_KEY}, ${name}) DESC`)
        .limit(5),
      'similar_name',
    );
  }
  return [...found.values()].slice(0, 10);
}

export type NewActivity = {
  kind: string;
  field: string | null;
  from: unknown;
  to: unknown;
  actorKind: string;
  actorId: string | null;
};

/**
 * Inserts a contact with its Activity rows, and the assignment mails, in ONE statement: atomic
 * without a transaction of its own, and one round trip instead of five. The unique indexes still
 * decide identity races (the caller maps the violation).
 */
export async function insertContactWithHistory(
  db: DbOrTx,
  values: typeof contacts.$inferInsert & { id: string },
  history: NewActivity[],
  mail: { recipients: string[]; subject: string; text: string } | null,
): Promise<ContactRow> {
  const createdAt = new Date().toISOString();
  const activities = history.map((entry) => ({
    id: newId(),
    kind: entry.kind,
    field: entry.field,
    from: entry.from ?? null,
    to: entry.to ?? null,
    actor_kind: entry.actorKind,
    actor_id: entry.actorId,
    created_at: createdAt,
  }));
  const mails =
    mail && mail.recipients.length > 0
      ? sql`, mails AS (
          INSERT INTO ${emails} (id, organization_id, "to", subject, text, status, attempts, created_at)
          SELECT gen_random_uuid(), inserted.organization_id, u.email, ${mail.subject}, ${mail.text},
                 'queued', 0, now()
          FROM inserted CROSS JOIN ${users} u
          WHERE u.id = ANY(${`{${mail.recipients.join(',')}}`}::uuid[])
        )`
      : sql``;
  const result = await db.execute(sql`
    WITH inserted AS (${db.insert(contacts).values(values).returning().getSQL()}),
    history AS (
      INSERT INTO ${contactActivities}
        (id, organization_id, agent_id, contact_id, kind, field, "from", "to", actor_kind, actor_id, created_at)
      SELECT h.id, inserted.organization_id, inserted.agent_id, inserted.id, h.kind, h.field,
             h."from", h."to", h.actor_kind, h.actor_id, h.created_at
      FROM inserted CROSS JOIN jsonb_to_recordset(${JSON.stringify(activities)}::jsonb) AS h(
        id uuid, kind text, field text, "from" jsonb, "to" jsonb, actor_kind text, actor_id text,
        created_at timestamptz)
    )${mails}
    SELECT * FROM inserted`);
  const [raw] = result.rows;
  if (!raw) throw new Error('contact insert returned nothing');
  return rowFromDriver(contacts, raw);
}
