import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Cursor } from './pagination';

/** The tenant a query runs for. Every repo function takes one and filters through `inOrg`. */
export type OrgScope = { organizationId: string };

/** The one way tenant tables are filtered: by the organization (the future distribution key). */
export function inOrg(table: { organizationId: PgColumn }, scope: OrgScope): SQL {
  return eq(table.organizationId, scope.organizationId);
}

export function inOrgWhere(
  table: { organizationId: PgColumn },
  scope: OrgScope,
  ...conditions: (SQL | undefined)[]
): SQL {
  return and(inOrg(table, scope), ...conditions) ?? inOrg(table, scope);
}

/** Keyset condition for lists ordered by (created_at, id), newest or oldest first. */
export function afterCursor(
  table: { createdAt: PgColumn; id: PgColumn },
  cursor: Cursor | undefined,
  direction: 'asc' | 'desc',
): SQL | undefined {
  if (!cursor) return undefined;
  return direction === 'desc'
    ? sql`(${table.createdAt}, ${table.id}) < (${cursor.createdAt}, ${cursor.id})`
    : sql`(${table.createdAt}, ${table.id}) > (${cursor.createdAt}, ${cursor.id})`;
}

/** The tenant and agent a CRM query runs for: agent-scoped tables filter by both. */
export type AgentScope = OrgScope & { agentId: string };

export function inAgent(
  table: { organizationId: PgColumn; agentId: PgColumn },
  scope: AgentScope,
  ...conditions: (SQL | undefined)[]
): SQL {
  return (
    and(
      eq(table.organizationId, scope.organizationId),
      eq(table.agentId, scope.agentId),
      ...conditions,
    ) ?? inOrg(table, scope)
  );
}
