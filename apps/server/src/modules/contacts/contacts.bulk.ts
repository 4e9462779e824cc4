import {
  BULK_LIMIT,
  BulkActionSchema,
  ContactBulkSchema,
  type BulkAction,
  type BulkResult,
  type ContactBulk,
  type ContactMerge,
  type Contact,
} from '@agent-crm/contracts';
import { and, asc, eq, gt, inArray, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import {
  contactActivities,
  contactFiles,
  contactNotes,
  contacts,
  conversations,
  formSubmissions,
  members,
  visitors,
} from '../../db/schema';
import type { Deps, MemberContext } from '../../lib/context';
import { AppError, invalidField, notFound } from '../../lib/errors';
import { pgError, UNIQUE_VIOLATION } from '../../lib/pg-errors';
import { inAgent, inOrgWhere } from '../../lib/tenant';
import { resolvePipelineName } from '../crm-settings/pipeline.service';
import { buildSearchText, toContact, type ContactRow, type CrmMeta } from './contacts.mapper';
import { contactFilterSql } from './contacts.repo';
import { memberCrm, recordActivities, requireManager } from './contacts.service';
import { enqueueJob, jobMemberContext, toJob, type JobRow } from '../jobs/jobs.service';

/** One UPDATE for every matching contact that changes, with one Activity row per contact. */
function updateWithActivity(
  meta: CrmMeta,
  actorId: string,
  where: SQL,
  change: { set: SQL; differs: SQL; kind: string; field: string | null; from: SQL; to: SQL },
): SQL {
  return sql`
    WITH target AS (
      SELECT ${contacts.id} AS id, ${change.from} AS old FROM ${contacts}
      WHERE ${where} AND ${change.differs} FOR UPDATE
    ), changed AS (
      UPDATE ${contacts} SET ${change.set}, updated_at = now()
      FROM target WHERE ${contacts.id} = target.id
      RETURNING ${contacts.id} AS id, target.old AS old
    )
    INSERT INTO ${contactActivities} (id, organization_id, agent_id, contact_id, kind, field, "from", "to", actor_kind, actor_id, created_at)
    SELECT gen_random_uuid(), ${meta.scope.organizationId}, ${meta.scope.agentId}, changed.id, ${change.kind},
           ${change.field}, changed.old, ${change.to}, 'member', ${actorId}, now()
    FROM changed RETURNING 1`;
}

/**
 * Bulk actions on a list of ids or on everything matching a filter, in one transaction. Past
 * BULK_LIMIT contacts the action becomes a background job (202) that works through the matches
 * in batches, each batch its own transaction.
 */
export async function bulkUpdateContacts(
  ctx: MemberContext,
  agentId: string,
  body: ContactBulk,
): Promise<BulkResult> {
  requireManager(ctx, 'run bulk actions');
  const meta = await memberCrm(ctx, agentId);
  const where = body.ids
    ? inAgent(contacts, meta.scope, inArray(contacts.id, body.ids))
    : await contactFilterSql(ctx.db, meta, body.filter ?? {});
  const [matched] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(contacts)
    .where(where);
  const total = matched?.n ?? 0;
  if (total > BULK_LIMIT) {
    await validateBulkAction(ctx, meta, body.action);
    const job = await enqueueJob(ctx.db, {
      scope: meta.scope,
      kind: BULK_JOB,
      payload: { filter: body.filter ?? {}, action: body.action },
      total,
      createdBy: ctx.actor.userId,
    });
    return { affected: 0, job: toJob(job) };
  }
  return runBulkAction(ctx, meta, where, body.action);
}

const BULK_JOB = 'contacts.bulk';
const JOB_BATCH = 2_000;

/**
 * A large bulk action in the background: the matching contacts in id order, a batch at a time,
 * saving the last id done so that a job taken over by another process carries on from there.
 */
export async function runBulkJob(
  deps: Deps,
  job: JobRow,
  progress: (state: { cursor: string; done: number }) => Promise<void>,
): Promise<void> {
  const payload = BulkJobPayloadSchema.parse(job.payload);
  const ctx = await jobMemberContext(deps, job);
  requireManager(ctx, 'run bulk actions');
  const meta = await memberCrm(ctx, job.agentId);
  const where = await contactFilterSql(ctx.db, meta, payload.filter);
  let cursor = job.cursor;
  let done = job.done;
  for (;;) {
    const batch = await ctx.db
      .select({ id: contacts.id })
      .from(contacts)
      .where(and(where, cursor ? gt(contacts.id, cursor) : undefined))
      .orderBy(asc(contacts.id))
      .limit(JOB_BATCH);
    const last = batch.at(-1);
    if (!last) return;
    const ids = batch.map((row) => row.id);
    await runBulkAction(
      ctx,
      meta,
      inAgent(contacts, meta.scope, inArray(contacts.id, ids)),
      payload.action,
    );
    cursor = last.id;
    done += batch.length;
    await progress({ cursor, done });
  }
}

const BulkJobPayloadSchema = z.object({
  filter: ContactBulkSchema.shape.filter.unwrap(),
  action: BulkActionSchema,
});

/** The checks an action makes before it changes anything, run before a job is queued. */
async function validateBulkAction(
  ctx: MemberContext,
  meta: CrmMeta,
  action: BulkAction,
): Promise<void> {
  if (action.type === 'assign_owner' && action.ownerId) {
    const [member] = await ctx.db
      .select({ userId: members.userId })
      .from(members)
      .where(inOrgWhere(members, ctx, eq(members.userId, action.ownerId)));
    if (!member) throw invalidField('action.ownerId', 'Not a member of this organization');
  }
  if (action.type === 'set_stage') resolvePipelineName(meta.pipeline.stages, action.stage, 'stage');
  if (action.type === 'set_status') {
    resolvePipelineName(meta.pipeline.statuses, action.status, 'status');
  }
}

async function runBulkAction(
  ctx: MemberContext,
  meta: CrmMeta,
  where: SQL,
  action: BulkAction,
): Promise<{ affected: number }> {
  const actorId = ctx.actor.userId;
  const stageName = (column: SQL) =>
    sql`to_jsonb((SELECT name FROM pipeline_items WHERE id = ${column}))`;
  switch (action.type) {
    case 'assign_owner': {
      if (action.ownerId) {
        const [member] = await ctx.db
          .select({ userId: members.userId })
          .from(members)
          .where(inOrgWhere(members, ctx, eq(members.userId, action.ownerId)));
        if (!member) throw invalidField('action.ownerId', 'Not a member of this organization');
      }
      const owner = action.ownerId;
      return execute(
        ctx,
        updateWithActivity(meta, actorId, where, {
          set: sql`owner_id = ${owner}`,
          differs: sql`${contacts.ownerId} IS DISTINCT FROM ${owner}::uuid`,
          kind: 'owner_changed',
          field: 'ownerId',
          from: sql`to_jsonb(${contacts.ownerId})`,
          to: sql`to_jsonb(${owner}::uuid)`,
        }),
      );
    }
    case 'set_stage':
    case 'set_status': {
      const isStage = action.type === 'set_stage';
      const item = isStage
        ? resolvePipelineName(meta.pipeline.stages, action.stage, 'stage')
        : resolvePipelineName(meta.pipeline.statuses, action.status, 'status');
      const column = isStage ? contacts.stageId : contacts.statusId;
      return execute(
        ctx,
        updateWithActivity(meta, actorId, where, {
          set: isStage ? sql`stage_id = ${item.id}` : sql`status_id = ${item.id}`,
          differs: sql`${column} <> ${item.id}`,
          kind: isStage ? 'stage_changed' : 'status_changed',
          field: isStage ? 'stage' : 'status',
          from: stageName(sql`${column}`),
          to: sql`to_jsonb(${item.name}::text)`,
        }),
      );
    }
    case 'archive':
    case 'restore': {
      const archive = action.type === 'archive';
      try {
        return await execute(
          ctx,
          updateWithActivity(meta, actorId, where, {
            set: archive ? sql`archived_at = now()` : sql`archived_at = NULL`,
            differs: archive
              ? sql`${contacts.archivedAt} IS NULL`
              : sql`${contacts.archivedAt} IS NOT NULL`,
            kind: archive ? 'archived' : 'restored',
            field: null,
            from: sql`NULL::jsonb`,
            to: sql`NULL::jsonb`,
          }),
        );
      } catch (error) {
        if (!archive && pgError(error)?.code === UNIQUE_VIOLATION) {
          throw new AppError(
            'duplicate_contact',
            'Some of these contacts share an email, phone or external ID with an active contact; restore them one by one',
            {
              details: [{ path: 'action', message: 'Restoring would create duplicates' }],
            },
          );
        }
        throw error;
      }
    }
    case 'delete': {
      const keys = await ctx.db.transaction(async (tx) => {
        const doomed = tx.select({ id: contacts.id }).from(contacts).where(where);
        const files = await tx
          .select({ key: contactFiles.storageKey })
          .from(contactFiles)
          .where(inAgent(contactFiles, meta.scope, inArray(contactFiles.contactId, doomed)));
        const deleted = await tx.delete(contacts).where(where).returning({ id: contacts.id });
        return { files: files.map((f) => f.key), affected: deleted.length };
      });
      await Promise.all(keys.files.map((key) => ctx.storage.delete(key)));
      return { affected: keys.affected };
    }
  }
}

async function execute(ctx: MemberContext, statement: SQL): Promise<{ affected: number }> {
  const result = await ctx.db.transaction((tx) => tx.execute(statement));
  return { affected: result.rowCount ?? 0 };
}

const BUILT_IN = [
  'name',
  'email',
  'phone',
  'externalId',
  'stageId',
  'statusId',
  'ownerId',
  'secondaryOwnerId',
] as const;
const CHOICE_KEY: Record<(typeof BUILT_IN)[number], string> = {
  name: 'name',
  email: 'email',
  phone: 'phone',
  externalId: 'externalId',
  stageId: 'stage',
  statusId: 'status',
  ownerId: 'ownerId',
  secondaryOwnerId: 'secondaryOwnerId',
};

/**
 * Merges `secondary` into `primary`: per field, the chosen value survives (by default the
 * primary's, or the secondary's where the primary has none); notes, files and history move over;
 * the secondary is removed. One transaction, both rows locked.
 */
export async function mergeContacts(
  ctx: MemberContext,
  agentId: string,
  input: ContactMerge,
): Promise<Contact> {
  requireManager(ctx, 'merge contacts');
  if (input.primaryId === input.secondaryId)
    throw invalidField('secondaryId', 'Choose two different contacts');
  const meta = await memberCrm(ctx, agentId);
  const allowed = new Set([...Object.values(CHOICE_KEY), ...meta.fields.map((f) => f.key)]);
  const unknown = Object.keys(input.choose).filter((key) => !allowed.has(key));
  if (unknown.length > 0) {
    throw new AppError('validation_failed', 'Unknown fields to choose', {
      details: unknown.map((key) => ({ path: `choose.${key}`, message: 'Not a contact field' })),
    });
  }
  const row = await ctx.db.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(contacts)
      .where(
        inAgent(contacts, meta.scope, inArray(contacts.id, [input.primaryId, input.secondaryId])),
      )
      .for('update');
    const primary = rows.find((r) => r.id === input.primaryId);
    const secondary = rows.find((r) => r.id === input.secondaryId);
    if (!primary || !secondary) throw notFound('Contact');

    const pick = <T>(key: string, a: T, b: T): T => {
      const choice = input.choose[key] ?? (a === null || a === undefined ? 'secondary' : 'primary');
      return choice === 'primary' ? a : b;
    };
    const merged: Partial<ContactRow> = {};
    for (const column of BUILT_IN) {
      Object.assign(merged, {
        [column]: pick(CHOICE_KEY[column], primary[column], secondary[column]),
      });
    }
    if (merged.ownerId && merged.ownerId === merged.secondaryOwnerId)
      merged.secondaryOwnerId = null;
    const fields: Record<string, unknown> = {};
    for (const key of new Set([...Object.keys(primary.fields), ...Object.keys(secondary.fields)])) {
      const value = pick(key, primary.fields[key], secondary.fields[key]);
      if (value !== undefined && value !== null) fields[key] = value;
    }
    const fieldSources = { ...secondary.fieldSources, ...primary.fieldSources };

    // Everything that hangs off the secondary follows it: notes, files, history, form
    // submissions, and the visitors and conversations of its chats.
    for (const table of [
      contactNotes,
      contactFiles,
      contactActivities,
      formSubmissions,
      visitors,
      conversations,
    ]) {
      await tx
        .update(table)
        .set({ contactId: primary.id })
        .where(and(inAgent(table, meta.scope), eq(table.contactId, secondary.id)));
    }
    // The secondary goes first so its email, phone and external ID are free for the survivor.
    await tx.delete(contacts).where(inAgent(contacts, meta.scope, eq(contacts.id, secondary.id)));
    const after = { ...primary, ...merged, fields };
    const [updated] = await tx
      .update(contacts)
      .set({ ...merged, fields, fieldSources, searchText: buildSearchText(after, meta.fields) })
      .where(inAgent(contacts, meta.scope, eq(contacts.id, primary.id)))
      .returning();
    if (!updated) throw notFound('Contact');
    await recordActivities(tx, meta.scope, primary.id, { kind: 'member', id: ctx.actor.userId }, [
      {
        kind: 'merged',
        from: {
          contactId: secondary.id,
          name: secondary.name,
          email: secondary.email,
          phone: secondary.phone,
        },
      },
    ]);
    return updated;
  });
  return toContact(row, meta.pipeline, meta.fields);
}
