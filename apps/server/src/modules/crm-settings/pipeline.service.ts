import { DEFAULT_STAGES, DEFAULT_STATUSES } from '@agent-crm/contracts';
import { asc } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { pipelineItems } from '../../db/schema';
import { invalidField } from '../../lib/errors';
import { inAgent, type AgentScope } from '../../lib/tenant';

/** Every new agent starts with Lead → Old Customer and Active/Inactive. */
export async function seedDefaultPipeline(tx: DbOrTx, scope: AgentScope): Promise<void> {
  const rows = [
    ...DEFAULT_STAGES.map((name, position) => ({ kind: 'stage' as const, name, position })),
    ...DEFAULT_STATUSES.map((name, position) => ({ kind: 'status' as const, name, position })),
  ];
  await tx.insert(pipelineItems).values(rows.map((row) => ({ ...row, ...scope })));
}

export type Pipeline = { stages: PipelineItemRow[]; statuses: PipelineItemRow[] };
type PipelineItemRow = typeof pipelineItems.$inferSelect;

/** The agent's stages and statuses in order; contacts resolve names through this. */
export async function loadPipeline(db: DbOrTx, scope: AgentScope): Promise<Pipeline> {
  const rows = await db
    .select()
    .from(pipelineItems)
    .where(inAgent(pipelineItems, scope))
    .orderBy(asc(pipelineItems.position), asc(pipelineItems.createdAt));
  return {
    stages: rows.filter((row) => row.kind === 'stage'),
    statuses: rows.filter((row) => row.kind === 'status'),
  };
}

/** The pipeline item called `name` (case-insensitive), or a 400 naming the field. */
export function resolvePipelineName(
  items: PipelineItemRow[],
  name: string,
  path: 'stage' | 'status',
) {
  const found = items.find((item) => item.name.toLowerCase() === name.trim().toLowerCase());
  if (!found) {
    throw invalidField(
      path,
      `There is no ${path} named "${name}". Use one of: ${items.map((i) => i.name).join(', ')}`,
    );
  }
  return found;
}
