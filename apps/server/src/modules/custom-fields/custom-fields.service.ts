import {
  RESERVED_FIELD_KEYS,
  SELECT_TYPES,
  type CustomField,
  type CustomFieldCreate,
  type CustomFieldPatch,
  type FieldType,
} from '@agent-crm/contracts';
import { asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { contacts, customFields } from '../../db/schema';
import type { MemberContext } from '../../lib/context';
import { AppError, invalidField, notFound } from '../../lib/errors';
import { inAgent, type AgentScope } from '../../lib/tenant';
import { getAgent } from '../agents/agents.service';

type FieldRow = typeof customFields.$inferSelect;

export function toCustomField(row: FieldRow): CustomField {
  return {
    id: row.id,
    key: row.key,
    label: row.label,
    type: row.type,
    options: row.options,
    required: row.required,
    allowForAi: row.allowForAi,
    helpText: row.helpText,
    position: row.position,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The agent's field definitions in order: what every write path validates against. */
export async function loadFieldDefinitions(db: DbOrTx, scope: AgentScope): Promise<CustomField[]> {
  const rows = await db
    .select()
    .from(customFields)
    .where(inAgent(customFields, scope))
    .orderBy(asc(customFields.position), asc(customFields.createdAt));
  return rows.map(toCustomField);
}

/** "Company size (approx.)" → "company_size_approx". */
export function keyFromLabel(label: string): string {
  const key = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 50);
  return /^[a-z]/.test(key) ? key : `field_${key}`.slice(0, 50).replace(/_+$/, '');
}

export async function listCustomFields(
  ctx: MemberContext,
  agentId: string,
): Promise<CustomField[]> {
  await getAgent(ctx, agentId);
  return loadFieldDefinitions(ctx.db, { organizationId: ctx.organizationId, agentId });
}

export async function createCustomField(
  ctx: MemberContext,
  agentId: string,
  input: CustomFieldCreate,
): Promise<CustomField> {
  await getAgent(ctx, agentId);
  const scope = { organizationId: ctx.organizationId, agentId };
  const key = input.key ?? keyFromLabel(input.label);
  if ((RESERVED_FIELD_KEYS as readonly string[]).includes(key)) {
    throw invalidField('key', `"${key}" is a built-in field; choose another key`);
  }
  const existing = await loadFieldDefinitions(ctx.db, scope);
  if (existing.some((field) => field.key === key)) {
    throw new AppError('conflict', `A field with the key "${key}" already exists`, {
      details: [{ path: 'key', message: `A field with the key "${key}" already exists` }],
    });
  }
  const [row] = await ctx.db
    .insert(customFields)
    .values({ ...scope, ...input, key, position: existing.length })
    .returning();
  if (!row) throw new Error('custom field insert returned nothing');
  return toCustomField(row);
}

async function getField(ctx: MemberContext, scope: AgentScope, fieldId: string): Promise<FieldRow> {
  const [row] = await ctx.db
    .select()
    .from(customFields)
    .where(inAgent(customFields, scope, eq(customFields.id, fieldId)));
  if (!row) throw notFound('Field');
  return row;
}

const TEXT_TYPES: readonly FieldType[] = ['text', 'long_text'];

/** Conversions that keep every stored value valid, and the SQL that rewrites the values. */
function conversion(from: FieldType, to: FieldType): 'none' | 'to_text' | 'wrap_array' | null {
  if (from === to) return 'none';
  if (TEXT_TYPES.includes(from) && TEXT_TYPES.includes(to)) return 'none';
  if (TEXT_TYPES.includes(to) && from !== 'multi_select') return 'to_text';
  if (from === 'select' && to === 'multi_select') return 'wrap_array';
  return null;
}

/**
 * Changes a field. A type change that would invalidate stored values is refused with 409 and the
 * number of contacts concerned; safe conversions (to text, single → multi select) rewrite them.
 * Removing a select option that contacts use is refused the same way.
 */
export async function updateCustomField(
  ctx: MemberContext,
  agentId: string,
  fieldId: string,
  patch: CustomFieldPatch,
): Promise<CustomField> {
  await getAgent(ctx, agentId);
  const scope = { organizationId: ctx.organizationId, agentId };
  const field = await getField(ctx, scope, fieldId);
  const type = patch.type ?? field.type;
  const options = patch.options ?? (SELECT_TYPES.includes(type) ? field.options : []);
  if (SELECT_TYPES.includes(type) && options.length === 0)
    throw invalidField('options', 'Add at least one option');
  if (!SELECT_TYPES.includes(type) && patch.options && patch.options.length > 0) {
    throw invalidField('options', 'Only select fields have options');
  }

  const key = field.key;
  const withValue = sql`${contacts.fields} ? ${key}`;
  const countWhere = async (condition: ReturnType<typeof sql>) => {
    const [row] = await ctx.db
      .select({ n: sql<number>`count(*)::int` })
      .from(contacts)
      .where(inAgent(contacts, scope, withValue, condition));
    return row?.n ?? 0;
  };

  const change = conversion(field.type, type);
  if (change === null) {
    const affected = await countWhere(sql`true`);
    if (affected > 0) {
      throw new AppError(
        'conflict',
        `${affected} contact${affected === 1 ? ' has' : 's have'} a value for "${field.label}" that would not be valid as ${type}. Clear those values first, or choose a text type.`,
        { details: [{ path: 'type', message: `Cannot convert ${field.type} values to ${type}` }] },
      );
    }
  }
  if (SELECT_TYPES.includes(type) && SELECT_TYPES.includes(field.type)) {
    const removed = field.options.filter((option) => !options.includes(option));
    for (const option of removed) {
      const used = await countWhere(
        sql`(${contacts.fields} -> ${key} = to_jsonb(${option}::text) OR ${contacts.fields} -> ${key} @> jsonb_build_array(${option}::text))`,
      );
      if (used > 0) {
        throw new AppError(
          'conflict',
          `${used} contact${used === 1 ? ' uses' : 's use'} the option "${option}"; change them first`,
          {
            details: [{ path: 'options', message: `"${option}" is in use` }],
          },
        );
      }
    }
  }

  const row = await ctx.db.transaction(async (tx) => {
    if (change === 'to_text') {
      await tx
        .update(contacts)
        .set({
          fields: sql`jsonb_set(${contacts.fields}, ARRAY[${key}], to_jsonb(${contacts.fields} ->> ${key}))`,
        })
        .where(inAgent(contacts, scope, withValue));
    } else if (change === 'wrap_array') {
      await tx
        .update(contacts)
        .set({
          fields: sql`jsonb_set(${contacts.fields}, ARRAY[${key}], jsonb_build_array(${contacts.fields} -> ${key}))`,
        })
        .where(
          inAgent(
            contacts,
            scope,
            withValue,
            sql`jsonb_typeof(${contacts.fields} -> ${key}) = 'string'`,
          ),
        );
    }
    const [updated] = await tx
      .update(customFields)
      .set({
        type,
        options,
        ...(patch.label !== undefined ? { label: patch.label } : {}),
        ...(patch.required !== undefined ? { required: patch.required } : {}),
        ...(patch.allowForAi !== undefined ? { allowForAi: patch.allowForAi } : {}),
        ...(patch.helpText !== undefined ? { helpText: patch.helpText } : {}),
      })
      .where(inAgent(customFields, scope, eq(customFields.id, fieldId)))
      .returning();
    return updated;
  });
  if (!row) throw notFound('Field');
  return toCustomField(row);
}

/**
 * Deletes the definition. Stored values stay in the contacts' documents but are no longer shown,
 * searched or validated; a field re-created with the same key shows them again.
 */
export async function deleteCustomField(
  ctx: MemberContext,
  agentId: string,
  fieldId: string,
): Promise<void> {
  await getAgent(ctx, agentId);
  const scope = { organizationId: ctx.organizationId, agentId };
  const deleted = await ctx.db
    .delete(customFields)
    .where(inAgent(customFields, scope, eq(customFields.id, fieldId)))
    .returning({ id: customFields.id });
  if (deleted.length === 0) throw notFound('Field');
}

export async function reorderCustomFields(
  ctx: MemberContext,
  agentId: string,
  fieldIds: string[],
): Promise<CustomField[]> {
  await getAgent(ctx, agentId);
  const scope = { organizationId: ctx.organizationId, agentId };
  const current = await loadFieldDefinitions(ctx.db, scope);
  const known = new Set(current.map((f) => f.id));
  if (
    fieldIds.length !== current.length ||
    new Set(fieldIds).size !== fieldIds.length ||
    !fieldIds.every((id) => known.has(id))
  ) {
    throw invalidField('fieldIds', 'List every field of this agent exactly once');
  }
  await ctx.db.transaction(async (tx) => {
    for (const [position, id] of fieldIds.entries()) {
      await tx
        .update(customFields)
        .set({ position })
        .where(inAgent(customFields, scope, eq(customFields.id, id)));
    }
  });
  return loadFieldDefinitions(ctx.db, scope);
}
