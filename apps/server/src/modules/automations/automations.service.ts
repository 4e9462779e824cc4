import type {
  AssignmentRule,
  AssignmentSlot,
  AutomationSettings,
  CreationMethod,
  ErrorDetail,
} from '@agent-crm/contracts';
import { inArray, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client';
import { agentMembers, automationSettings, members } from '../../db/schema';
import type { MemberContext } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { inAgent, inOrgWhere, type AgentScope, type OrgScope } from '../../lib/tenant';
import { recordAuditEvent } from '../audit/audit.service';
import type { Pipeline } from '../crm-settings/pipeline.service';
import { memberCrm } from '../contacts/contacts.service';
import { loadAutomationMeta, orgOwnerStrategy } from './assignment';

type ScopeLike = { scope: AgentScope; pipeline: Pipeline };

/** The settings as the API shows them: stage and status names, every method's explicit rule. */
export function presentSettings(
  stored: AutomationSettings | null,
  pipeline: Pipeline,
): AutomationSettings {
  const stageName = (id: string | undefined) =>
    (pipeline.stages.find((s) => s.id === id) ?? pipeline.stages[0])?.name ?? '';
  if (!stored) {
    const first = stageName(undefined);
    return {
      assignment: { manual: orgOwnerStrategy(), captured: orgOwnerStrategy() },
      startingStage: { manual: first, captured: first },
    };
  }
  const startingStage = Object.fromEntries(
    Object.entries(stored.startingStage).map(([method, id]) => [method, stageName(id)]),
  ) as AutomationSettings['startingStage'];
  const statusName = (id: string) => pipeline.statuses.find((s) => s.id === id)?.name;
  const startingStatus = stored.startingStatus
    ? (Object.fromEntries(
        Object.entries(stored.startingStatus).flatMap(([method, id]) => {
          const name = id ? statusName(id) : undefined;
          return name ? [[method, name]] : [];
        }),
      ) as AutomationSettings['startingStatus'])
    : undefined;
  return {
    assignment: stored.assignment,
    startingStage,
    ...(startingStatus ? { startingStatus } : {}),
  };
}

type MemberRow = { userId: string; role: string };

/**
 * Checks a whole settings document and returns it with stage and status names replaced by ids.
 * One 400 lists every problem, each naming its slot (`assignment.captured.primary.pool`).
 */
export async function validateSettings(
  db: DbOrTx,
  meta: ScopeLike,
  input: AutomationSettings,
): Promise<AutomationSettings> {
  const details: ErrorDetail[] = [];
  const memberIds = new Set<string>();
  for (const rule of Object.values(input.assignment)) {
    for (const slot of [rule.primary, rule.secondary]) {
      if (slot?.memberId) memberIds.add(slot.memberId);
      for (const id of slot?.pool ?? []) memberIds.add(id);
    }
  }
  const known = await membersWhoCanWorkIn(db, meta.scope, [...memberIds]);

  for (const [method, rule] of Object.entries(input.assignment) as [
    CreationMethod,
    AssignmentRule,
  ][]) {
    const slots = [
      ['primary', rule.primary],
      ['secondary', rule.secondary],
    ] as const;
    for (const [name, slot] of slots) {
      if (!slot) continue;
      checkSlot(details, `assignment.${method}.${name}`, slot, method, known);
    }
    if (rule.secondary) {
      const overlap = overlapping(rule.primary, rule.secondary);
      if (overlap) {
        details.push({
          path: `assignment.${method}.secondary`,
          message: `The secondary owner could be the same person as the primary (${overlap}); one person is never both`,
        });
      }
    }
  }

  const stageIds: Record<string, string> = {};
  for (const [method, name] of Object.entries(input.startingStage)) {
    const stage = meta.pipeline.stages.find(
      (s) => s.name.toLowerCase() === name.trim().toLowerCase(),
    );
    if (stage) stageIds[method] = stage.id;
    else {
      details.push({
        path: `startingStage.${method}`,
        message: `There is no stage named "${name}". Use one of: ${meta.pipeline.stages.map((s) => s.name).join(', ')}`,
      });
    }
  }
  const statusIds: Record<string, string> = {};
  for (const [method, name] of Object.entries(input.startingStatus ?? {})) {
    const status = meta.pipeline.statuses.find(
      (s) => s.name.toLowerCase() === name.trim().toLowerCase(),
    );
    if (status) statusIds[method] = status.id;
    else {
      details.push({
        path: `startingStatus.${method}`,
        message: `There is no status named "${name}". Use one of: ${meta.pipeline.statuses.map((s) => s.name).join(', ')}`,
      });
    }
  }

  if (details.length > 0) {
    throw new AppError(
      'validation_failed',
      `Check these settings: ${[...new Set(details.map((d) => d.path))].join(', ')}`,
      { details },
    );
  }
  return {
    assignment: input.assignment,
    startingStage: stageIds as AutomationSettings['startingStage'],
    ...(Object.keys(statusIds).length > 0 ? { startingStatus: statusIds } : {}),
  };
}

function checkSlot(
  details: ErrorDetail[],
  path: string,
  slot: AssignmentSlot,
  method: CreationMethod,
  known: Map<string, string | null>,
): void {
  const problemWith = (id: string) => {
    if (!known.has(id)) return 'is not a member of this organization';
    return known.get(id) ?? null;
  };
  switch (slot.strategy) {
    case 'creator':
      if (method !== 'manual') {
        details.push({
          path: `${path}.strategy`,
          message: 'Only contacts members create by hand have a creator; choose another strategy',
        });
      }
      return;
    case 'member': {
      if (!slot.memberId) {
        details.push({
          path: `${path}.memberId`,
          message: 'Choose the member who gets new contacts',
        });
        return;
      }
      const problem = problemWith(slot.memberId);
      if (problem) details.push({ path: `${path}.memberId`, message: `This person ${problem}` });
      return;
    }
    case 'round_robin': {
      const pool = slot.pool ?? [];
      if (new Set(pool).size !== pool.length) {
        details.push({ path: `${path}.pool`, message: 'Each member can be in the pool only once' });
      }
      if (pool.length < 2) {
        details.push({
          path: `${path}.pool`,
          message: 'Round robin needs at least two members in the pool',
        });
      }
      pool.forEach((id, index) => {
        const problem = problemWith(id);
        if (problem)
          details.push({ path: `${path}.pool.${index}`, message: `This person ${problem}` });
      });
      return;
    }
    case 'org_owner':
    case 'none':
      return;
  }
}

/** A description of the person both slots could pick, or null when they never can. */
function overlapping(primary: AssignmentSlot, secondary: AssignmentSlot): string | null {
  const people = (slot: AssignmentSlot): Set<string> | 'owner' | 'creator' | null => {
    if (slot.strategy === 'member') return new Set(slot.memberId ? [slot.memberId] : []);
    if (slot.strategy === 'round_robin') return new Set(slot.pool ?? []);
    if (slot.strategy === 'org_owner') return 'owner';
    if (slot.strategy === 'creator') return 'creator';
    return null;
  };
  const a = people(primary);
  const b = people(secondary);
  if (a === null || b === null) return null;
  if (a === 'owner' && b === 'owner') return 'the organization owner in both';
  if (a === 'creator' && b === 'creator') return 'the creator in both';
  if (a instanceof Set && b instanceof Set && [...a].some((id) => b.has(id))) {
    return 'a member is in both';
  }
  return null;
}

/**
 * Members among `ids`, each with the reason they cannot own this agent's contacts (a User not
 * given access to the agent), or null when they can.
 */
async function membersWhoCanWorkIn(
  db: DbOrTx,
  scope: AgentScope,
  ids: string[],
): Promise<Map<string, string | null>> {
  if (ids.length === 0) return new Map();
  const rows: (MemberRow & { hasAccess: boolean })[] = await db
    .select({
      userId: members.userId,
      role: members.role,
      hasAccess: sql<boolean>`EXISTS (
        SELECT 1 FROM ${agentMembers}
        WHERE ${agentMembers.agentId} = ${scope.agentId} AND ${agentMembers.userId} = ${members.userId})`,
    })
    .from(members)
    .where(inOrgWhere(members, scope, inArray(members.userId, ids)));
  return new Map(
    rows.map((row) => [
      row.userId,
      row.role === 'user' && !row.hasAccess ? 'is a User without access to this agent' : null,
    ]),
  );
}

export async function getAutomations(
  ctx: MemberContext,
  agentId: string,
): Promise<AutomationSettings> {
  const [meta, automation] = await Promise.all([
    memberCrm(ctx, agentId),
    loadAutomationMeta(ctx.db, { organizationId: ctx.organizationId, agentId }),
  ]);
  return presentSettings(automation.settings, meta.pipeline);
}

export async function putAutomations(
  ctx: MemberContext,
  agentId: string,
  input: AutomationSettings,
): Promise<AutomationSettings> {
  const meta = await memberCrm(ctx, agentId);
  const stored = await validateSettings(ctx.db, meta, input);
  await ctx.db
    .insert(automationSettings)
    .values({ ...meta.scope, settings: stored, updatedBy: ctx.actor.userId })
    .onConflictDoUpdate({
      target: automationSettings.agentId,
      set: { settings: stored, updatedBy: ctx.actor.userId, updatedAt: new Date() },
    });
  return presentSettings(stored, meta.pipeline);
}

// Members leaving ---------------------------------------------------------------------------------

/**
 * Takes a member who leaves the organization out of every rule. A pool left with fewer than two
 * members, or a slot that named them, falls back to the organization owner; the audit log says so.
 */
export async function removeMemberFromAutomations(
  tx: Tx,
  scope: OrgScope,
  userId: string,
  actor: { id: string; email: string },
): Promise<void> {
  const rows = await tx
    .select()
    .from(automationSettings)
    .where(inOrgWhere(automationSettings, scope))
    .for('update');
  for (const row of rows) {
    const fallbacks: string[] = [];
    const assignment = Object.fromEntries(
      Object.entries(row.settings.assignment).map(([method, rule]) => {
        const fix = (slot: AssignmentSlot | null, name: string): AssignmentSlot | null => {
          if (!slot) return slot;
          if (slot.strategy === 'member' && slot.memberId === userId) {
            fallbacks.push(`${method}.${name}`);
            return { strategy: 'org_owner' };
          }
          if (slot.strategy === 'round_robin' && slot.pool?.includes(userId)) {
            const pool = slot.pool.filter((id) => id !== userId);
            if (pool.length >= 2) return { strategy: 'round_robin', pool };
            fallbacks.push(`${method}.${name}`);
            return { strategy: 'org_owner' };
          }
          return slot;
        };
        const primary = fix(rule.primary, 'primary') ?? { strategy: 'org_owner' as const };
        let secondary = fix(rule.secondary, 'secondary');
        // The owner fallback must not leave one person in both slots.
        if (secondary && overlapping(primary, secondary)) secondary = null;
        return [method, { primary, secondary }];
      }),
    ) as AutomationSettings['assignment'];
    await tx
      .update(automationSettings)
      .set({ settings: { ...row.settings, assignment }, updatedAt: new Date() })
      .where(inAgent(automationSettings, { ...scope, agentId: row.agentId }));
    if (fallbacks.length > 0) {
      await recordAuditEvent(tx, {
        organizationId: scope.organizationId,
        actorId: actor.id,
        actorEmail: actor.email,
        action: 'automations.fallback_to_owner',
        outcome: 'success',
        resourceType: 'agent',
        resourceId: row.agentId,
        ip: null,
        userAgent: null,
        details: {
          removedMemberId: userId,
          slots: fallbacks,
          message:
            'A removed member left these owner-assignment slots; they now assign the organization owner',
        },
      });
    }
  }
}
