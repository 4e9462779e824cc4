/**
 * The statements the server sends for a contact list page and a contact insert, as drizzle renders
 * them (read from the PostgreSQL log with log_statement = all): same text, same parameters, all
 * sent untyped as the node-postgres driver does. Keep in step with listContactRows,
 * searchCondition and contactFilterSql in apps/server/src/modules/contacts/contacts.repo.ts; the
 * benchmark also checks that each statement returns the same contacts as the API.
 */

const COLUMNS = [
  'id',
  'organization_id',
  'agent_id',
  'name',
  'email',
  'phone',
  'external_id',
  'stage_id',
  'status_id',
  'owner_id',
  'secondary_owner_id',
  'source',
  'fields',
  'field_sources',
  'search_text',
  'created_by',
  'created_at',
  'updated_at',
  'archived_at',
] as const;

const SELECT_LIST = COLUMNS.map((column) => `"${column}"`).join(', ');

/** The repo's time limit for list queries, set with SET LOCAL inside the page's transaction. */
export const LIST_STATEMENT_TIMEOUT = 'SET LOCAL statement_timeout = 5000';

export type ListFilter = {
  q?: string;
  stageId?: string;
  ownerId?: string;
  /** For sort -createdAt: the created_at (ISO) and id of the last row of the previous page. */
  after?: { createdAt: string; id: string };
  limit: number;
};

export type Statement = { text: string; values: unknown[] };

/** SELECT … ORDER BY created_at DESC, id DESC LIMIT limit + 1, as listContactRows sends it. */
export function listStatement(
  scope: { organizationId: string; agentId: string },
  filter: ListFilter,
): Statement {
  const values: unknown[] = [];
  const param = (value: unknown): string => {
    values.push(value);
    return `$${values.length}`;
  };
  const conditions = [
    `"contacts"."organization_id" = ${param(scope.organizationId)}`,
    `"contacts"."agent_id" = ${param(scope.agentId)}`,
    `"contacts"."archived_at" is null`,
  ];
  if (filter.q !== undefined) conditions.push(searchCondition(filter.q, param));
  if (filter.stageId !== undefined)
    conditions.push(`"contacts"."stage_id" = ${param(filter.stageId)}`);
  if (filter.ownerId !== undefined)
    conditions.push(`"contacts"."owner_id" = ${param(filter.ownerId)}`);
  let where = `(${conditions.join(' and ')})`;
  if (filter.after) {
    const after = `("contacts"."created_at", "contacts"."id") < (${param(filter.after.createdAt)}::timestamptz, ${param(filter.after.id)})`;
    where = `(${where} and ${after})`;
  }
  const text =
    `select ${SELECT_LIST} from "contacts" where ${where} ` +
    `order by "contacts"."created_at" DESC, "contacts"."id" DESC limit ${param(filter.limit + 1)}`;
  return { text, values };
}

/**
 * searchCondition: digits-only terms (after dropping spaces, dots, dashes, brackets, +) match as
 * digits; each word is a substring match, and words of 4+ letters also match by trigram word
 * similarity.
 */
function searchCondition(q: string, param: (value: unknown) => string): string {
  const trimmed = q.trim().toLowerCase();
  const digits = trimmed.replace(/[\s().+-]/g, '');
  const term = /^\d{3,}$/.test(digits) ? digits : trimmed;
  const parts = term
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 5)
    .map((word) => {
      const contains = `"contacts"."search_text" LIKE ${param(`%${escapeLike(word)}%`)}`;
      return /^\p{L}{4,}$/u.test(word)
        ? `(${contains} OR ${param(word)} <% "contacts"."search_text")`
        : contains;
    });
  return parts.length === 1 ? (parts[0] ?? 'true') : `(${parts.join(' and ')})`;
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The contact row the create path inserts (createContactInAgent), RETURNING every column. */
export const INSERT_CONTACT = `insert into "contacts" (${SELECT_LIST}) values (${COLUMNS.slice(
  0,
  -1,
)
  .map((_, index) => `$${index + 1}`)
  .join(', ')}, default) returning ${SELECT_LIST}`;

/** The activity row the create path writes in the same transaction (recordActivities). */
export const INSERT_ACTIVITY = `insert into "contact_activities" ("id", "organization_id", "agent_id", "contact_id", "kind", "field", "from", "to", "actor_kind", "actor_id", "created_at") values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`;
