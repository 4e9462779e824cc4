import type {
  AssignmentRule,
  AssignmentSlot,
  AutomationSettings,
  ContactSource,
  CreationMethod,
} from '@agent-crm/contracts';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { automationSettings, members, roundRobinCursors } from '../../db/schema';
import type { AgentScope } from '../../lib/tenant';
import type { Pipeline } from '../crm-settings/pipeline.service';

/**
 * What the "contact created" automations need, loaded with the agent's other definitions. Stored
 * settings name stages by id, so renaming a stage keeps the rule; the API shows names.
 */
export type AutomationMeta = {
  settings: AutomationSettings | null;
  orgOwnerId: string | null;
};

/** The creation method whose rules apply to a contact from this source. */
export function creationMethod(source: ContactSource): CreationMethod {
  if (source === 'manual') return 'manual';
  if (source === 'chat') return 'captured';
  return source;
}

/** The rule and starting stage for a method: form, import, api and payment follow `captured`. */
function ruleFor(settings: AutomationSettings, method: CreationMethod): AssignmentRule {
  return settings.assignment[method] ?? settings.assignment.captured;
}

export const orgOwnerStrategy = (): AssignmentRule => ({
  primary: { strategy: 'org_owner' },
  secondary: null,
});

/** The automation columns of a select, for loading them with other definitions at once. */
export function automationColumns(scope: AgentScope) {
  return {
    settings: sql<AutomationSettings | null>`(
      SELECT ${automationSettings.settings} FROM ${automationSettings}
      WHERE ${automationSettings.agentId} = ${scope.agentId}
        AND ${automationSettings.organizationId} = ${scope.organizationId})`,
    orgOwnerId: sql<string | null>`(
      SELECT ${members.userId} FROM ${members}
      WHERE ${members.organizationId} = ${scope.organizationId} AND ${members.role} = 'owner'
      LIMIT 1)`,
  };
}

export async function loadAutomationMeta(db: DbOrTx, scope: AgentScope): Promise<AutomationMeta> {
  const [row] = await db.select(automationColumns(scope)).from(sql`(SELECT 1) AS one`);
  return { settings: row?.settings ?? null, orgOwnerId: row?.orgOwnerId ?? null };
}

export type CreationPlan = {
  ownerId: string | null;
  secondaryOwnerId: string | null;
  stageId: string;
  statusId: string;
  /** The Activity rows that explain what the automation decided. */
  steps: { kind: string; field: string; to: unknown }[];
};

type PlanInput = {
  scope: AgentScope;
  pipeline: Pipeline;
  automation: AutomationMeta;
  source: ContactSource;
  creatorId: string | null;
  /** Values the caller chose itself; the automation only decides the rest. */
  given: {
    ownerId?: string | null | undefined;
    secondaryOwnerId?: string | null | undefined;
    stageId?: string | undefined;
    statusId?: string | undefined;
  };
};

/**
 * Decides the owners, stage and status of a contact about to be inserted, inside the insert's
 * transaction. A round-robin slot advances its cursor with one UPSERT: the row lock orders
 * concurrent creations (in any process), and a rolled-back insert gives its turn back.
 */
export async function planCreation(tx: DbOrTx, input: PlanInput): Promise<CreationPlan> {
  const { automation, pipeline, given } = input;
  const method = creationMethod(input.source);
  const settings = automation.settings;
  const rule = settings ? ruleFor(settings, method) : orgOwnerStrategy();
  const steps: CreationPlan['steps'] = [];

  let ownerId = given.ownerId;
  if (ownerId === undefined) {
    ownerId = await resolveSlot(tx, input, rule.primary, `${method}:primary`, null);
    if (ownerId) steps.push({ kind: 'owner_assigned', field: 'ownerId', to: ownerId });
  }
  let secondaryOwnerId = given.secondaryOwnerId;
  if (secondaryOwnerId === undefined) {
    secondaryOwnerId = rule.secondary
      ? await resolveSlot(tx, input, rule.secondary, `${method}:secondary`, ownerId)
      : null;
    if (secondaryOwnerId) {
      steps.push({ kind: 'owner_assigned', field: 'secondaryOwnerId', to: secondaryOwnerId });
    }
  }

  const first = { stage: pipeline.stages[0], status: pipeline.statuses[0] };
  if (!first.stage || !first.status) throw new Error('agent has no stages or statuses');
  let stageId = given.stageId;
  if (stageId === undefined) {
    const wanted = settings?.startingStage[method] ?? settings?.startingStage.captured;
    const stage = pipeline.stages.find((s) => s.id === wanted) ?? first.stage;
    stageId = stage.id;
    if (settings) steps.push({ kind: 'stage_set', field: 'stage', to: stage.name });
  }
  let statusId = given.statusId;
  if (statusId === undefined) {
    const statuses = settings?.startingStatus;
    // Manual contacts never follow the captured rule: that one is for machines.
    const wanted =
      method === 'manual' ? statuses?.manual : (statuses?.[method] ?? statuses?.captured);
    const status = pipeline.statuses.find((s) => s.id === wanted);
    statusId = (status ?? first.status).id;
    if (status) steps.push({ kind: 'status_set', field: 'status', to: status.name });
  }
  return { ownerId, secondaryOwnerId, stageId, statusId, steps };
}

async function resolveSlot(
  tx: DbOrTx,
  input: PlanInput,
  slot: AssignmentSlot,
  slotKey: string,
  taken: string | null,
): Promise<string | null> {
  const other = (id: string | null | undefined) => (id && id !== taken ? id : null);
  switch (slot.strategy) {
    case 'none':
      return null;
    case 'creator':
      return other(input.creatorId);
    case 'org_owner':
      return other(input.automation.orgOwnerId);
    case 'member':
      return other(slot.memberId);
    case 'round_robin': {
      const pool = slot.pool ?? [];
      if (pool.length === 0) return null;
      const pick = async () => pool[(await advance(tx, input.scope, slotKey)) % pool.length];
      const chosen = await pick();
      // One person is never both owners: that turn passes to the next in the pool.
      return chosen === taken && pool.length > 1 ? ((await pick()) ?? null) : other(chosen);
    }
  }
}

/** Hands out the slot's next turn (0, 1, 2, …) and moves the cursor on, atomically. */
async function advance(tx: DbOrTx, scope: AgentScope, slotKey: string): Promise<number> {
  const [row] = await tx
    .insert(roundRobinCursors)
    .values({ ...scope, slotKey, position: 1 })
    .onConflictDoUpdate({
      target: [roundRobinCursors.agentId, roundRobinCursors.slotKey],
      set: { position: sql`${roundRobinCursors.position} + 1`, updatedAt: new Date() },
    })
    .returning({ position: roundRobinCursors.position });
  if (!row) throw new Error('round-robin cursor returned nothing');
  return row.position - 1;
}

/**
 * The mail telling each member the automation assigned (other than whoever created the contact)
 * about their new contact; the write path inserts it with the contact, so it exists exactly when
 * the contact does.
 */
export function assignmentMail(input: {
  scope: AgentScope;
  contactId: string;
  contactLabel: string;
  assignees: string[];
  creatorId: string | null;
  appUrl: string | null;
}): { recipients: string[]; subject: string; text: string } | null {
  const recipients = [...new Set(input.assignees)].filter((id) => id !== input.creatorId);
  if (recipients.length === 0) return null;
  const link = input.appUrl
    ? `${input.appUrl}/agents/${input.scope.agentId}/contacts/${input.contactId}`
    : null;
  return {
    recipients,
    subject: `New contact assigned to you: ${input.contactLabel}`,
    text: [
      `${input.contactLabel} was just added to your CRM and assigned to you.`,
      ...(link ? ['', `Open the contact: ${link}`] : []),
    ].join('\n'),
  };
}

/** Whether creating a contact from this source advances a round-robin cursor (needs a transaction). */
export function usesRoundRobin(automation: AutomationMeta, source: ContactSource): boolean {
  if (!automation.settings) return false;
  const rule = ruleFor(automation.settings, creationMethod(source));
  return [rule.primary, rule.secondary].some((slot) => slot?.strategy === 'round_robin');
}
