import type { AuditEvent } from '@agent-crm/contracts';
import { and, desc, eq, gt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { auditEvents } from '../../db/schema';
import type { MemberContext } from '../../lib/context';
import { decodeCursor, toPage } from '../../lib/pagination';
import { afterCursor, inOrgWhere } from '../../lib/tenant';

export type AuditInput = {
  organizationId: string | null;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  outcome: 'success' | 'failure';
  resourceType?: string | null;
  resourceId?: string | null;
  ip: string | null;
  userAgent: string | null;
  details?: Record<string, unknown>;
};

export async function recordAuditEvent(db: DbOrTx, event: AuditInput): Promise<void> {
  await db.insert(auditEvents).values({
    ...event,
    userAgent: event.userAgent?.slice(0, 500) ?? null,
    details: event.details ?? {},
  });
}

/** Owners and Admins read the whole organization's log; a User reads their own entries. */
export async function listAuditEvents(
  ctx: MemberContext,
  query: {
    limit: number;
    cursor?: string | undefined;
    action?: string | undefined;
    actorId?: string | undefined;
  },
): Promise<{ data: AuditEvent[]; nextCursor: string | null }> {
  const cursor = decodeCursor(query.cursor);
  const actorId = ctx.actor.role === 'user' ? ctx.actor.userId : query.actorId;
  const rows = await ctx.db
    .select()
    .from(auditEvents)
    .where(
      inOrgWhere(
        auditEvents,
        ctx,
        actorId ? eq(auditEvents.actorId, actorId) : undefined,
        query.action
          ? sql`${auditEvents.action} LIKE ${`${escapeLike(query.action)}%`}`
          : undefined,
        afterCursor(auditEvents, cursor, 'desc'),
      ),
    )
    .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, (row) => ({
    id: row.id,
    action: row.action,
    outcome: row.outcome,
    actor: { id: row.actorId, email: row.actorEmail },
    resourceType: row.resourceType,
    resourceId: row.resourceId,
    ip: row.ip,
    userAgent: row.userAgent,
    details: row.details,
    createdAt: row.createdAt.toISOString(),
  }));
}

/**
 * Failed sign-ins for this email since its last successful one, within the window. Drives the
 * per-account lockout, so it counts across every server process.
 */
export async function countRecentSignInFailures(
  db: DbOrTx,
  email: string,
  windowMs: number,
): Promise<{ failures: number; oldestFailureAt: Date | null }> {
  const since = new Date(Date.now() - windowMs);
  const lastSuccess = db
    .select({ at: sql`max(${auditEvents.createdAt})` })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.actorEmail, email),
        eq(auditEvents.action, 'auth.sign_in'),
        eq(auditEvents.outcome, 'success'),
        gt(auditEvents.createdAt, since),
      ),
    );
  const [row] = await db
    .select({
      failures: sql<number>`count(*)::int`,
      oldest: sql<Date | null>`min(${auditEvents.createdAt})`,
    })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.actorEmail, email),
        eq(auditEvents.action, 'auth.sign_in'),
        eq(auditEvents.outcome, 'failure'),
        gt(auditEvents.createdAt, since),
        sql`${auditEvents.createdAt} > coalesce((${lastSuccess}), '-infinity'::timestamptz)`,
      ),
    );
  const oldest = row?.oldest ? new Date(row.oldest) : null;
  return { failures: row?.failures ?? 0, oldestFailureAt: oldest };
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
