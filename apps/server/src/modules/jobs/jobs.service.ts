import type { Job } from '@agent-crm/contracts';
import { and, asc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import { jobs, members, users } from '../../db/schema';
import type { Deps, MemberContext } from '../../lib/context';
import { AppError, notFound } from '../../lib/errors';
import { inAgent, type AgentScope } from '../../lib/tenant';
import { memberCrm } from '../contacts/contacts.service';

export type JobRow = typeof jobs.$inferSelect;

/** A job whose process stopped beating this long ago is taken over by another. */
const STALE_AFTER_MS = 60_000;

export function toJob(row: JobRow): Job {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    total: row.total,
    done: row.done,
    error: row.error,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

export async function enqueueJob(
  db: DbOrTx,
  input: {
    scope: AgentScope;
    kind: string;
    payload: Record<string, unknown>;
    total: number;
    createdBy: string;
  },
): Promise<JobRow> {
  const [row] = await db
    .insert(jobs)
    .values({
      ...input.scope,
      kind: input.kind,
      payload: input.payload,
      total: input.total,
      createdBy: input.createdBy,
      status: 'queued',
    })
    .returning();
  if (!row) throw new Error('job insert returned nothing');
  return row;
}

export async function getJob(ctx: MemberContext, agentId: string, jobId: string): Promise<Job> {
  const meta = await memberCrm(ctx, agentId);
  const [row] = await ctx.db
    .select()
    .from(jobs)
    .where(inAgent(jobs, meta.scope, eq(jobs.id, jobId)));
  if (!row) throw notFound('Job');
  return toJob(row);
}

/**
 * Takes the oldest queued job (or one whose process went quiet) for this process. SKIP LOCKED
 * lets every server process poll at once without two of them taking the same job.
 */
export async function claimJob(db: Db): Promise<JobRow | null> {
  return db.transaction(async (tx) => {
    const [candidate] = await tx
      .select({ id: jobs.id })
      .from(jobs)
      .where(
        or(
          eq(jobs.status, 'queued'),
          and(
            eq(jobs.status, 'running'),
            lt(jobs.heartbeatAt, new Date(Date.now() - STALE_AFTER_MS)),
          ),
        ),
      )
      .orderBy(asc(jobs.createdAt))
      .limit(1)
      .for('update', { skipLocked: true });
    if (!candidate) return null;
    const [claimed] = await tx
      .update(jobs)
      .set({
        status: 'running',
        startedAt: sql`coalesce(${jobs.startedAt}, now())`,
        heartbeatAt: new Date(),
      })
      .where(eq(jobs.id, candidate.id))
      .returning();
    return claimed ?? null;
  });
}

export async function recordProgress(
  db: Db,
  jobId: string,
  progress: { cursor: string; done: number },
): Promise<void> {
  await db
    .update(jobs)
    .set({ ...progress, heartbeatAt: new Date() })
    .where(eq(jobs.id, jobId));
}

export async function finishJob(
  db: Db,
  jobId: string,
  outcome: { status: 'succeeded' } | { status: 'failed'; error: string },
): Promise<void> {
  await db
    .update(jobs)
    .set({
      status: outcome.status,
      error: outcome.status === 'failed' ? outcome.error : null,
      finishedAt: new Date(),
    })
    .where(eq(jobs.id, jobId));
}

/**
 * The member who started a job, as they are now: a job runs with their current rights, and
 * fails when they have left the organization.
 */
export async function jobMemberContext(deps: Deps, job: JobRow): Promise<MemberContext> {
  const [member] = job.createdBy
    ? await deps.db
        .select({ role: members.role, email: users.email })
        .from(members)
        .innerJoin(users, eq(users.id, members.userId))
        .where(
          and(
            eq(members.organizationId, job.organizationId),
            inArray(members.userId, [job.createdBy]),
          ),
        )
    : [];
  if (!member || !job.createdBy) {
    throw new AppError(
      'forbidden',
      'The member who started this job is no longer in the organization',
    );
  }
  return {
    ...deps,
    organizationId: job.organizationId,
    actor: { kind: 'member', userId: job.createdBy, email: member.email, role: member.role },
    requestId: `job:${job.id}`,
    ip: '',
    userAgent: null,
  };
}
