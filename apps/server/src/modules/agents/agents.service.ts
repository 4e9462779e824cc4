import type { Agent, AgentCreate, AgentPatch } from '@agent-crm/contracts';
import { and, asc, eq, exists, inArray } from 'drizzle-orm';
import {
  agentMembers,
  agents,
  contactFiles,
  customFields,
  members,
  pipelineItems,
} from '../../db/schema';
import type { MemberContext } from '../../lib/context';
import { AppError, notFound } from '../../lib/errors';
import { decodeCursor, toPage } from '../../lib/pagination';
import { afterCursor, inAgent, inOrgWhere } from '../../lib/tenant';
import { seedDefaultPipeline } from '../crm-settings/pipeline.service';

type AgentRow = typeof agents.$inferSelect;

function toAgent(row: AgentRow): Agent {
  return {
    id: row.id,
    name: row.name,
    instructions: row.instructions,
    welcomeMessage: row.welcomeMessage,
    suggestedQuestions: row.suggestedQuestions,
    model: row.model,
    visibility: row.visibility,
    accessMode: row.accessMode,
    defaultCountry: row.defaultCountry,
    aiCapture: row.aiCapture,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Owners and Admins work in every agent; a User only in the agents given to them. */
/** For Users, the agents they were given access to; Owners and Admins see every agent. */
export function visibleToActor(ctx: MemberContext) {
  if (ctx.actor.role !== 'user') return undefined;
  return exists(
    ctx.db
      .select({ one: agentMembers.agentId })
      .from(agentMembers)
      .where(and(eq(agentMembers.agentId, agents.id), eq(agentMembers.userId, ctx.actor.userId))),
  );
}

export async function listAgents(
  ctx: MemberContext,
  query: { limit: number; cursor?: string | undefined },
) {
  const rows = await ctx.db
    .select()
    .from(agents)
    .where(
      inOrgWhere(
        agents,
        ctx,
        visibleToActor(ctx),
        afterCursor(agents, decodeCursor(query.cursor), 'asc'),
      ),
    )
    .orderBy(asc(agents.createdAt), asc(agents.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, toAgent);
}

/** The agent's row, if this member may work in it; null otherwise (another tenant's id too). */
export async function findAgentRow(ctx: MemberContext, agentId: string): Promise<AgentRow | null> {
  const [row] = await ctx.db
    .select()
    .from(agents)
    .where(inOrgWhere(agents, ctx, eq(agents.id, agentId), visibleToActor(ctx)));
  return row ?? null;
}

/** The agent, if this member may work in it; another tenant's id is simply not found. */
export async function getAgent(ctx: MemberContext, agentId: string): Promise<Agent> {
  const row = await findAgentRow(ctx, agentId);
  if (!row) throw notFound('Agent');
  return toAgent(row);
}

export async function createAgent(ctx: MemberContext, input: AgentCreate): Promise<Agent> {
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(agents)
      .values({
        ...input,
        organizationId: ctx.organizationId,
        aiCapture: { name: true, email: true, phone: true, ...input.aiCapture },
      })
      .returning();
    if (!row) throw new Error('agent insert returned nothing');
    await seedDefaultPipeline(tx, { organizationId: ctx.organizationId, agentId: row.id });
    return toAgent(row);
  });
}

export async function updateAgent(
  ctx: MemberContext,
  agentId: string,
  patch: AgentPatch,
): Promise<Agent> {
  const current = await getAgent(ctx, agentId);
  const { aiCapture, ...rest } = patch;
  const [row] = await ctx.db
    .update(agents)
    .set({ ...rest, ...(aiCapture ? { aiCapture: { ...current.aiCapture, ...aiCapture } } : {}) })
    .where(inOrgWhere(agents, ctx, eq(agents.id, agentId)))
    .returning();
  if (!row) throw notFound('Agent');
  return toAgent(row);
}

/** Deletes the agent with its whole CRM; uploaded files go from storage after the rows. */
export async function deleteAgent(ctx: MemberContext, agentId: string): Promise<void> {
  const storageKeys = await ctx.db.transaction(async (tx) => {
    const files = await tx
      .select({ key: contactFiles.storageKey })
      .from(contactFiles)
      .where(inAgent(contactFiles, { organizationId: ctx.organizationId, agentId }));
    const deleted = await tx
      .delete(agents)
      .where(inOrgWhere(agents, ctx, eq(agents.id, agentId)))
      .returning({ id: agents.id });
    if (deleted.length === 0) throw notFound('Agent');
    return files.map((file) => file.key);
  });
  // Rows first, bytes after commit: a crash in between leaves an orphan file, never a dangling row.
  await Promise.all(storageKeys.map((key) => ctx.storage.delete(key)));
}

/**
 * A copy of the agent's settings, stages, statuses and custom fields under "<name> (copy)"; its
 * contacts and conversations stay with the original.
 */
export async function duplicateAgent(ctx: MemberContext, agentId: string): Promise<Agent> {
  const [source] = await ctx.db
    .select()
    .from(agents)
    .where(inOrgWhere(agents, ctx, eq(agents.id, agentId), visibleToActor(ctx)));
  if (!source) throw notFound('Agent');
  return ctx.db.transaction(async (tx) => {
    const { id: _id, createdAt: _c, updatedAt: _u, ...settings } = source;
    const [copy] = await tx
      .insert(agents)
      .values({ ...settings, name: `${source.name} (copy)`.slice(0, 100) })
      .returning();
    if (!copy) throw new Error('agent insert returned nothing');
    const scope = { organizationId: ctx.organizationId, agentId };
    const items = await tx.select().from(pipelineItems).where(inAgent(pipelineItems, scope));
    if (items.length > 0) {
      await tx.insert(pipelineItems).values(
        items.map(({ id: _itemId, createdAt: _created, ...item }) => ({
          ...item,
          agentId: copy.id,
        })),
      );
    }
    const fields = await tx.select().from(customFields).where(inAgent(customFields, scope));
    if (fields.length > 0) {
      await tx.insert(customFields).values(
        fields.map(({ id: _fieldId, createdAt: _created, updatedAt: _updated, ...field }) => ({
          ...field,
          agentId: copy.id,
        })),
      );
    }
    return toAgent(copy);
  });
}

export async function getAgentAccess(
  ctx: MemberContext,
  agentId: string,
): Promise<{ memberIds: string[] }> {
  await getAgent(ctx, agentId);
  const rows = await ctx.db
    .select({ userId: agentMembers.userId })
    .from(agentMembers)
    .where(inOrgWhere(agentMembers, ctx, eq(agentMembers.agentId, agentId)))
    .orderBy(asc(agentMembers.createdAt));
  return { memberIds: rows.map((row) => row.userId) };
}

/** Replaces the list of Users who may work in this agent. */
export async function setAgentAccess(
  ctx: MemberContext,
  agentId: string,
  memberIds: string[],
): Promise<{ memberIds: string[] }> {
  await getAgent(ctx, agentId);
  const unique = [...new Set(memberIds)];
  const found =
    unique.length === 0
      ? []
      : await ctx.db
          .select({ userId: members.userId })
          .from(members)
          .where(inOrgWhere(members, ctx, inArray(members.userId, unique)));
  const known = new Set(found.map((row) => row.userId));
  const details = memberIds.flatMap((id, index) =>
    known.has(id)
      ? []
      : [{ path: `memberIds.${index}`, message: 'Not a member of this organization' }],
  );
  if (details.length > 0) {
    throw new AppError('validation_failed', 'Some members are not in this organization', {
      details,
    });
  }
  await ctx.db.transaction(async (tx) => {
    await tx
      .delete(agentMembers)
      .where(inOrgWhere(agentMembers, ctx, eq(agentMembers.agentId, agentId)));
    if (unique.length > 0) {
      await tx
        .insert(agentMembers)
        .values(unique.map((userId) => ({ organizationId: ctx.organizationId, agentId, userId })));
    }
  });
  return { memberIds: unique };
}
