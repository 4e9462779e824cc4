import { type CrmSettings, type PipelineItem, type PipelineKind } from '@agent-crm/contracts';
import { and, asc, eq, sql } from 'drizzle-orm';
import { agents, contacts, pipelineItems } from '../../db/schema';
import type { MemberContext } from '../../lib/context';
import { AppError, invalidField, notFound } from '../../lib/errors';
import { pgError, UNIQUE_VIOLATION } from '../../lib/pg-errors';
import { inAgent, inOrgWhere, type AgentScope } from '../../lib/tenant';
import { getAgent } from '../agents/agents.service';

type Kind = 'stage' | 'status';
const KIND: Record<PipelineKind, Kind> = { stages: 'stage', statuses: 'status' };
const LABEL: Record<Kind, string> = { stage: 'Stage', status: 'Status' };

async function listItems(
  ctx: MemberContext,
  scope: AgentScope,
  kind: Kind,
): Promise<PipelineItem[]> {
  const counts = ctx.db
    .select({
      itemId: kind === 'stage' ? contacts.stageId : contacts.statusId,
      n: sql<number>`count(*)::int`.as('n'),
    })
    .from(contacts)
    .where(inAgent(contacts, scope, sql`${contacts.archivedAt} IS NULL`))
    .groupBy(kind === 'stage' ? contacts.stageId : contacts.statusId)
    .as('counts');
  const rows = await ctx.db
    .select({ item: pipelineItems, n: sql<number>`coalesce(${counts.n}, 0)` })
    .from(pipelineItems)
    .leftJoin(counts, eq(counts.itemId, pipelineItems.id))
    .where(inAgent(pipelineItems, scope, eq(pipelineItems.kind, kind)))
    .orderBy(asc(pipelineItems.position), asc(pipelineItems.createdAt));
  return rows.map(({ item, n }) => ({
    id: item.id,
    name: item.name,
    position: item.position,
    contactCount: n,
  }));
}

export async function getCrmSettings(ctx: MemberContext, agentId: string): Promise<CrmSettings> {
  const agent = await getAgent(ctx, agentId);
  const scope = { organizationId: ctx.organizationId, agentId };
  const [row] = await ctx.db
    .select({ fileSizeLimitMb: agents.fileSizeLimitMb })
    .from(agents)
    .where(inOrgWhere(agents, ctx, eq(agents.id, agentId)));
  return {
    stages: await listItems(ctx, scope, 'stage'),
    statuses: await listItems(ctx, scope, 'status'),
    defaultCountry: agent.defaultCountry,
    fileSizeLimitMb: row?.fileSizeLimitMb ?? 25,
  };
}

export async function updateCrmSettings(
  ctx: MemberContext,
  agentId: string,
  patch: { defaultCountry?: string | undefined; fileSizeLimitMb?: number | undefined },
): Promise<CrmSettings> {
  await getAgent(ctx, agentId);
  if (patch.defaultCountry !== undefined || patch.fileSizeLimitMb !== undefined) {
    await ctx.db
      .update(agents)
      .set({
        ...(patch.defaultCountry !== undefined ? { defaultCountry: patch.defaultCountry } : {}),
        ...(patch.fileSizeLimitMb !== undefined ? { fileSizeLimitMb: patch.fileSizeLimitMb } : {}),
      })
      .where(inOrgWhere(agents, ctx, eq(agents.id, agentId)));
  }
  return getCrmSettings(ctx, agentId);
}

function uniqueNameConflict(error: unknown, kind: Kind): AppError | null {
  if (pgError(error)?.code !== UNIQUE_VIOLATION) return null;
  const message = `A ${kind} with this name already exists`;
  return new AppError('conflict', message, { details: [{ path: 'name', message }] });
}

export async function createPipelineItem(
  ctx: MemberContext,
  agentId: string,
  kindName: PipelineKind,
  name: string,
): Promise<PipelineItem> {
  await getAgent(ctx, agentId);
  const kind = KIND[kindName];
  const scope = { organizationId: ctx.organizationId, agentId };
  try {
    const [row] = await ctx.db
      .insert(pipelineItems)
      .values({
        ...scope,
        kind,
        name,
        position: sql`(SELECT coalesce(max(position) + 1, 0) FROM pipeline_items WHERE agent_id = ${agentId} AND kind = ${kind})`,
      })
      .returning();
    if (!row) throw new Error('pipeline insert returned nothing');
    return { id: row.id, name: row.name, position: row.position, contactCount: 0 };
  } catch (error) {
    throw uniqueNameConflict(error, kind) ?? error;
  }
}

async function getItem(ctx: MemberContext, scope: AgentScope, kind: Kind, itemId: string) {
  const [row] = await ctx.db
    .select()
    .from(pipelineItems)
    .where(
      inAgent(pipelineItems, scope, eq(pipelineItems.kind, kind), eq(pipelineItems.id, itemId)),
    );
  if (!row) throw notFound(LABEL[kind]);
  return row;
}

export async function renamePipelineItem(
  ctx: MemberContext,
  agentId: string,
  kindName: PipelineKind,
  itemId: string,
  name: string,
): Promise<PipelineItem> {
  await getAgent(ctx, agentId);
  const kind = KIND[kindName];
  const scope = { organizationId: ctx.organizationId, agentId };
  await getItem(ctx, scope, kind, itemId);
  try {
    await ctx.db
      .update(pipelineItems)
      .set({ name })
      .where(inAgent(pipelineItems, scope, eq(pipelineItems.id, itemId)));
  } catch (error) {
    throw uniqueNameConflict(error, kind) ?? error;
  }
  const item = (await listItems(ctx, scope, kind)).find((i) => i.id === itemId);
  if (!item) throw notFound(LABEL[kind]);
  return item;
}

/** Removes a stage or status; its contacts move to `moveTo` in the same transaction. */
export async function removePipelineItem(
  ctx: MemberContext,
  agentId: string,
  kindName: PipelineKind,
  itemId: string,
  moveTo: string,
): Promise<void> {
  await getAgent(ctx, agentId);
  const kind = KIND[kindName];
  const scope = { organizationId: ctx.organizationId, agentId };
  await getItem(ctx, scope, kind, itemId);
  if (moveTo === itemId) throw invalidField('moveTo', `Choose another ${kind} for its contacts`);
  const [target] = await ctx.db
    .select()
    .from(pipelineItems)
    .where(
      inAgent(pipelineItems, scope, eq(pipelineItems.kind, kind), eq(pipelineItems.id, moveTo)),
    );
  if (!target) throw invalidField('moveTo', `There is no such ${kind} in this agent`);
  const column = kind === 'stage' ? contacts.stageId : contacts.statusId;
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(contacts)
      .set(kind === 'stage' ? { stageId: moveTo } : { statusId: moveTo })
      .where(inAgent(contacts, scope, eq(column, itemId)));
    await tx
      .delete(pipelineItems)
      .where(inAgent(pipelineItems, scope, eq(pipelineItems.id, itemId)));
  });
}

export async function reorderPipelineItems(
  ctx: MemberContext,
  agentId: string,
  kindName: PipelineKind,
  ids: string[],
): Promise<PipelineItem[]> {
  await getAgent(ctx, agentId);
  const kind = KIND[kindName];
  const scope = { organizationId: ctx.organizationId, agentId };
  const current = await listItems(ctx, scope, kind);
  const known = new Set(current.map((item) => item.id));
  if (
    ids.length !== current.length ||
    new Set(ids).size !== ids.length ||
    !ids.every((id) => known.has(id))
  ) {
    throw invalidField('ids', `List every ${kind} of this agent exactly once`);
  }
  await ctx.db.transaction(async (tx) => {
    for (const [position, id] of ids.entries()) {
      await tx
        .update(pipelineItems)
        .set({ position })
        .where(and(inAgent(pipelineItems, scope), eq(pipelineItems.id, id)));
    }
  });
  return listItems(ctx, scope, kind);
}
